"""Short English names of the CAMEO codes a dyad profile lists, and of the quad classes."""

from __future__ import annotations

CAMEO_LABELS: dict[str, str] = {
    "03": "express intent to cooperate",
    "030": "express intent to cooperate",
    "031": "intend material cooperation",
    "0311": "intend economic cooperation",
    "0312": "intend military cooperation",
    "0313": "intend judicial cooperation",
    "0314": "intend intelligence cooperation",
    "04": "consult",
    "040": "consult",
    "041": "discuss by telephone",
    "042": "make a visit",
    "043": "host a visit",
    "044": "meet at a third location",
    "045": "mediate",
    "046": "negotiate",
    "05": "engage in diplomatic cooperation",
    "054": "grant diplomatic recognition",
    "057": "sign formal agreement",
    "06": "material cooperation",
    "060": "material cooperation",
    "061": "cooperate economically",
    "062": "cooperate militarily",
    "063": "judicial cooperation",
    "064": "share intelligence",
}

QUAD_LABELS: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def cameo_label(code: str) -> str | None:
    """Name of `code`, or of its nearest listed parent code (0541 -> 054)."""
    for n in range(len(code), 1, -1):
        label = CAMEO_LABELS.get(code[:n])
        if label is not None:
            return label
    return None
