"""Names of CAMEO codes and quad classes for profiles: read from the ontology, never restated."""

from __future__ import annotations

from bilat import ontology

QUAD_LABELS: dict[int, str] = dict(ontology.QUAD_CLASS_NAMES)


def cameo_label(code: str) -> str | None:
    """Name of `code`, or of its nearest known parent code; None when nothing matches."""
    for n in range(len(code), 1, -1):
        if ontology.is_valid(code[:n]):
            return ontology.get(code[:n]).name
    return None
