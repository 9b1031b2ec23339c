"""What every gold-set adapter shares: where the data is, the typed records a
set's score comes back in, and helpers to read gold files and pick a sample.

An adapter turns one public gold set into `Case`s (an `Article` to code plus
the set's own gold record) and scores the coder's `CodedArticle`s against
them; `bilat.evaluation.runner` drives the coder and prints the table.

    load(shared, limit=...)   -> Loaded (cases + notes; raises InputNotFound)
    score(loaded, coded, ...) -> SetResult
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from bilat.errors import InputEncodingError, InputNotFound

if TYPE_CHECKING:
    from bilat.pipeline import CodedArticle
    from bilat.schemas import Article

__all__ = [
    "ActorFinder", "Adapter", "Case", "CoderLike", "Confusion", "ErrorRow", "Loaded",
    "MANUAL_STORY_DATE", "SetResult",
    "evenly", "read_text", "refine_no_event", "require", "shared_dir", "short",
]

G = TypeVar("G")

#: Story date for the CAMEO-manual sentences (PLOVER, CAMEO manual, ConfliBERT):
#: they have no date of their own and tell of events around the turn of the century.
MANUAL_STORY_DATE = date(2000, 1, 1)


#: Which countries/IGOs bilat's gazetteer finds in each text: cameo-manual's scope,
#: and the split of "nothing coded" errors into actor and pattern gaps.
ActorFinder = Callable[[Sequence[str]], list[frozenset[str]]]


def shared_dir() -> Path:
    """``$BILAT_SHARED``, else ``../shared`` beside the checkout."""
    env = os.environ.get("BILAT_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[5] / "shared"


def require(path: Path, what: str) -> Path:
    """`path` if it exists, else ``InputNotFound`` naming the gold set."""
    if not path.exists():
        raise InputNotFound(f"{what} not found at {path}; put the shared gold data beside the "
                            "checkout or set BILAT_SHARED to its folder")
    return path


def read_text(path: Path) -> str:
    """A gold file as text (UTF-8, BOM tolerated), with bilat's input errors."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as e:
        raise InputNotFound(f"gold file {path} not found; check BILAT_SHARED") from e
    except UnicodeDecodeError as e:
        raise InputEncodingError(f"gold file {path} is not UTF-8 ({e.reason}); "
                                 "restore the original file") from e


def evenly(items: Sequence[G], limit: int | None) -> list[G]:
    """At most `limit` items spread evenly over `items` (all when limit is None)."""
    n = len(items)
    if limit is None or limit >= n:
        return list(items)
    if limit <= 0:
        return []
    return [items[(k * n) // limit] for k in range(limit)]


def short(text: str, width: int = 110) -> str:
    """One line of at most `width` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True, slots=True)
class Case(Generic[G]):
    """One thing to code (an Article) and the set's gold for it."""

    article: "Article"
    gold: G


@dataclass(frozen=True, slots=True)
class Loaded(Generic[G]):
    """A gold set read for coding: its cases and what reading it skipped or fixed."""

    cases: list[Case[G]]
    notes: tuple[str, ...] = ()
    total: int = 0  # records in the file (before --limit and skips)

    @property
    def articles(self) -> list["Article"]:
        return [c.article for c in self.cases]


@dataclass(frozen=True, slots=True)
class ErrorRow:
    """One miss, for ``--details``: what kind, where, what gold said, what bilat said."""

    kind: str  # a short class of error, e.g. "no event", "wrong root"
    doc_id: str
    gold: str
    predicted: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class Confusion:
    """A confusion matrix: counts[gold label][predicted label]."""

    gold_labels: tuple[str, ...]
    pred_labels: tuple[str, ...]
    counts: dict[str, dict[str, int]]

    def format(self) -> str:
        width = max(7, *(len(p) + 1 for p in self.pred_labels))
        head = "gold\\pred".ljust(12) + "".join(p.rjust(width) for p in self.pred_labels)
        rows = [head]
        for g in self.gold_labels:
            row = self.counts.get(g, {})
            rows.append(g.ljust(12) + "".join(str(row.get(p, 0)).rjust(width)
                                             for p in self.pred_labels))
        return "\n".join(rows)


@dataclass(frozen=True, slots=True)
class SetResult:
    """The figures of one gold set. `headline` is the figure held against the target."""

    name: str
    size: int  # items scored: sentences, records, countries, gold events
    metric: str  # what `headline` is, e.g. "F1 dyad+root", "accuracy"
    headline: float
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    accuracy: float | None = None
    extra: dict[str, float | int] = field(default_factory=dict)  # secondary figures
    errors: tuple[ErrorRow, ...] = ()
    notes: tuple[str, ...] = ()  # how the set was read: skipped records, gold fixes
    confusion: Confusion | None = None

    def error_kinds(self) -> Counter[str]:
        return Counter(e.kind for e in self.errors)

    def figures(self) -> dict[str, Any]:
        """The machine-readable figures kept in docs/ACCURACY.md (rounded)."""
        out: dict[str, Any] = {"size": self.size, "metric": self.metric,
                               "headline": _r3(self.headline)}
        for key in ("precision", "recall", "f1", "accuracy"):
            value = getattr(self, key)
            if value is not None:
                out[key] = _r3(value)
        for key, value in sorted(self.extra.items()):
            out[key] = _r3(value) if isinstance(value, float) else value
        return out


def _r3(x: float) -> float:
    return round(x, 3)


def refine_no_event(errors: Sequence[ErrorRow], actor_finder: ActorFinder | None,
                    texts: dict[str, str], *, kind: str) -> tuple[ErrorRow, ...]:
    """Split the rows of `kind` (nothing coded) by whether bilat's gazetteer finds two
    actors in the text: "no actors" points at the gazetteer, "two actors" at the patterns."""
    rows = list(errors)
    picked = [i for i, e in enumerate(rows) if e.kind == kind]
    if actor_finder is None or not picked:
        return tuple(rows)
    found = actor_finder([texts.get(rows[i].doc_id, "") for i in picked])
    for i, actors in zip(picked, found, strict=True):
        e = rows[i]
        suffix = "two+ actors named" if len(actors) >= 2 else "fewer than two actors found"
        rows[i] = ErrorRow(f"{kind} ({suffix})", e.doc_id, e.gold, e.predicted, e.text)
    return tuple(rows)


class CoderLike(Protocol):
    """What the adapters need of `bilat.pipeline.Coder` (tests pass a fake)."""

    def code_articles(self, articles: Iterable["Article"]) -> Iterator["CodedArticle"]: ...


class Adapter(Protocol[G]):
    """One gold set. Adapters are stateless; `load` reads, `score` compares."""

    name: ClassVar[str]
    description: ClassVar[str]
    target: ClassVar[float]

    def load(self, shared: Path, *, limit: int | None = None) -> Loaded[G]: ...

    def score(self, loaded: Loaded[G], coded: Sequence["CodedArticle"], *,
              actor_finder: ActorFinder | None = None) -> SetResult: ...

    def meets_target(self, result: SetResult) -> bool: ...
