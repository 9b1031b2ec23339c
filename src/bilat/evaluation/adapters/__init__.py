"""Adapters of the public gold sets: each reads one set and scores bilat on it.

    seed              the seed story vs its gold events (recall, full level)
    petr2-gsr         PETRARCH-2 gold sentences (F1 at dyad+root)
    plover-gsr        PLOVER gold records (PLOVER type with both actors right)
    cameo-manual      CAMEO manual examples naming two actors (root accuracy)
    conflibert-cameo  ConfliBERT CAMEO test split (5-way class accuracy)
    hsg-rdcr          Office of the Historian articles (year relations were established)

`ADAPTERS` maps each name to its adapter class, in the order the table shows
them; `get_adapter(name)` builds one. See `bilat.evaluation.runner`.
"""

from __future__ import annotations

from bilat.errors import BadParameter
from bilat.evaluation.adapters.base import (
    ActorFinder, Adapter, Case, CoderLike, Confusion, ErrorRow, Loaded, SetResult, shared_dir,
)
from bilat.evaluation.adapters.cameo_manual import CameoManual
from bilat.evaluation.adapters.conflibert_cameo import ConflibertCameo
from bilat.evaluation.adapters.hsg_rdcr import HsgRdcr
from bilat.evaluation.adapters.petr2_gsr import Petr2Gsr
from bilat.evaluation.adapters.plover_gsr import PloverGsr
from bilat.evaluation.adapters.seed import Seed

__all__ = [
    "ADAPTERS", "ActorFinder", "Adapter", "Case", "CoderLike", "Confusion", "ErrorRow", "Loaded",
    "SetResult", "get_adapter", "set_names", "shared_dir",
]

ADAPTERS: dict[str, type] = {
    cls.name: cls
    for cls in (Seed, Petr2Gsr, PloverGsr, CameoManual, ConflibertCameo, HsgRdcr)
}


def set_names() -> tuple[str, ...]:
    return tuple(ADAPTERS)


def get_adapter(name: str) -> Adapter:  # type: ignore[type-arg]
    """A fresh adapter for the set `name`; ``BadParameter`` names the known sets."""
    try:
        return ADAPTERS[name]()
    except KeyError:
        raise BadParameter(f"unknown gold set {name!r}; choose from "
                           + ", ".join(ADAPTERS)) from None
