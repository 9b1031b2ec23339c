"""A set of PETRARCH dictionaries loaded together: from named files or a folder.

    dicts = load_folder("~/dictionaries/phoenix")      # files recognised by name
    dicts = load_files(verbs="x.verbs", actors=["a.actors", "b.actors"], agents="x.agents")

Folder rule: a file whose name contains "verb" or starts "cameo" is the verbs
dictionary (exactly one), "actor" an actors file (one or more), "agent" an
agents file, "discard" a discard list, "issue" an issue list, "ontology" or
"pico" UD-PETRARCH's coding ontology (negation); other files (licences,
prepositions) are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from bilat.compat.petrarch.actors import ActorDictionary, load_actors
from bilat.compat.petrarch.agents import AgentDictionary, load_agents
from bilat.compat.petrarch.discards import DiscardList, load_discards
from bilat.compat.petrarch.issues import IssueList, load_issues
from bilat.compat.petrarch.pico import CodingOntology, load_pico
from bilat.compat.petrarch.verbs import VerbDictionary, load_verbs
from bilat.errors import InputNotFound, TableError

__all__ = ["PetrarchDictionaries", "load_files", "load_folder", "classify"]


@dataclass(frozen=True)
class PetrarchDictionaries:
    verbs: VerbDictionary
    actors: ActorDictionary
    agents: AgentDictionary | None = None
    discards: DiscardList | None = None
    issues: IssueList | None = None  # read and checked; not used for coding
    ontology: CodingOntology | None = None  # UD-PETRARCH PICO: recodes negated verbs

    @property
    def notes(self) -> tuple[str, ...]:
        """Entries skipped while loading, each as "file:line: why"."""
        out: list[str] = list(self.verbs.notes) + list(self.actors.notes)
        for part in (self.agents, self.discards, self.issues, self.ontology):
            if part is not None:
                out.extend(part.notes)
        return tuple(out)

    def summary(self) -> str:
        parts = [f"{len(self.verbs.blocks)} verb blocks", f"{len(self.actors)} actors"]
        if self.agents is not None:
            parts.append(f"{len(self.agents)} agent forms")
        if self.discards is not None:
            parts.append(f"{len(self.discards)} discards")
        return ", ".join(parts)


def _many(paths: str | Path | Sequence[str | Path] | None) -> list[Path]:
    if paths is None:
        return []
    if isinstance(paths, (str, Path)):
        return [Path(paths)]
    return [Path(p) for p in paths]


def load_files(*, verbs: str | Path, actors: str | Path | Sequence[str | Path],
               agents: str | Path | Sequence[str | Path] | None = None,
               discards: str | Path | Sequence[str | Path] | None = None,
               issues: str | Path | None = None, ontology: str | Path | None = None,
               strict: bool = False) -> PetrarchDictionaries:
    """Load the named files; several actors (agents, discards) files are merged in order."""
    actor_files = _many(actors)
    if not actor_files:
        raise TableError("no actors dictionary given; PETRARCH coding needs at least one")
    agent_files, discard_files = _many(agents), _many(discards)
    return PetrarchDictionaries(
        verbs=load_verbs(verbs, strict=strict),
        actors=ActorDictionary.merge(load_actors(p, strict=strict) for p in actor_files),
        agents=AgentDictionary.merge(load_agents(p, strict=strict) for p in agent_files)
        if agent_files else None,
        discards=DiscardList.merge(load_discards(p, strict=strict) for p in discard_files)
        if discard_files else None,
        issues=load_issues(issues, strict=strict) if issues is not None else None,
        ontology=load_pico(ontology, strict=strict) if ontology is not None else None,
    )


def classify(names: Iterable[Path]) -> dict[str, list[Path]]:
    """Sort file paths into verbs/actors/agents/discards/issues by their names."""
    kinds: dict[str, list[Path]] = {"verbs": [], "actors": [], "agents": [], "discards": [],
                                    "issues": [], "ontology": []}
    for p in sorted(names):
        n = p.name.lower()
        if not p.is_file() or n.startswith("."):
            continue
        if "actor" in n:
            kinds["actors"].append(p)
        elif "agent" in n:
            kinds["agents"].append(p)
        elif "discard" in n:
            kinds["discards"].append(p)
        elif "issue" in n:
            kinds["issues"].append(p)
        elif "ontology" in n or "pico" in n:
            kinds["ontology"].append(p)
        elif "verb" in n or n.startswith("cameo"):
            kinds["verbs"].append(p)
    return kinds


def load_folder(folder: str | Path, *, strict: bool = False) -> PetrarchDictionaries:
    """Load every dictionary of a folder, recognised by file name (see module doc)."""
    d = Path(folder).expanduser()
    if not d.is_dir():
        raise InputNotFound(f"{d}: no such dictionary folder; give the folder that holds "
                            "your .verbs/.actors/.agents files")
    kinds = classify(d.iterdir())
    if len(kinds["verbs"]) != 1:
        found = ", ".join(p.name for p in kinds["verbs"]) or "none"
        raise TableError(f"{d}: expected one verbs dictionary (a name with 'verb' or starting "
                         f"'cameo'), found {found}; keep one, or load the files by name")
    if not kinds["actors"]:
        raise TableError(f"{d}: no actors dictionary (a file name with 'actor') in the folder")
    for kind in ("issues", "ontology"):
        if len(kinds[kind]) > 1:
            raise TableError(f"{d}: more than one {kind} file: "
                             + ", ".join(p.name for p in kinds[kind]) + "; keep one")
    return load_files(verbs=kinds["verbs"][0], actors=kinds["actors"], agents=kinds["agents"],
                      discards=kinds["discards"],
                      issues=kinds["issues"][0] if kinds["issues"] else None,
                      ontology=kinds["ontology"][0] if kinds["ontology"] else None, strict=strict)
