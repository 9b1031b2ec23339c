"""The event-pattern dictionary: verbs and event nouns -> CAMEO codes.

The bundled dictionary is `data/verbs/patterns.toml` (its header documents the
format). Every entry is validated when the file loads and every bad entry is
reported at once, in one `TableError`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bilat.errors import TableError

DEFAULT_TARGET_PREPS = ("with", "to", "toward", "towards", "against", "on", "at")
DEFAULT_SOURCE_PREPS = ("of", "by", "from")


class _PatternModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str
    verbs: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)
    objects: list[str] = Field(default_factory=list)
    target_preps: list[str] | None = None
    source_preps: list[str] | None = None
    object_is_target: bool = True

    @field_validator("code")
    @classmethod
    def _code_shape(cls, v: str) -> str:
        if not (v.isdigit() and 3 <= len(v) <= 4 and 1 <= int(v[:2]) <= 20):
            raise ValueError(f"{v!r} is not a CAMEO event code (3 or 4 digits, root 01-20)")
        return v

    @field_validator("verbs", "nouns", "objects")
    @classmethod
    def _lemmas(cls, v: list[str]) -> list[str]:
        bad = [w for w in v if not w or w != w.strip() or " " in w]
        if bad:
            raise ValueError(f"lemmas must be single lower-case words, got {bad}")
        return [w.lower() for w in v]


@dataclass(frozen=True, slots=True)
class Pattern:
    """One validated entry of the dictionary."""

    code: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    objects: frozenset[str]
    target_preps: tuple[str, ...]
    source_preps: tuple[str, ...]
    object_is_target: bool
    index: int  # position in the file: earlier entries win ties


@dataclass(frozen=True, slots=True)
class PatternSet:
    """Patterns indexed by trigger lemma."""

    name: str
    version: str
    patterns: tuple[Pattern, ...]
    by_verb: dict[str, tuple[Pattern, ...]]
    by_noun: dict[str, tuple[Pattern, ...]]

    def for_verb(self, lemma: str) -> tuple[Pattern, ...]:
        return self.by_verb.get(lemma, ())

    def for_noun(self, lemma: str) -> tuple[Pattern, ...]:
        return self.by_noun.get(lemma, ())

    @property
    def roots(self) -> set[str]:
        return {p.code[:2] for p in self.patterns}


def _index(patterns: list[Pattern], attr: str) -> dict[str, tuple[Pattern, ...]]:
    out: dict[str, list[Pattern]] = {}
    for p in patterns:
        for lemma in getattr(p, attr):
            out.setdefault(lemma, []).append(p)
    # patterns that constrain the object first, then file order
    return {k: tuple(sorted(v, key=lambda p: (not p.objects, p.index))) for k, v in out.items()}


def parse_patterns(text: str, *, origin: str) -> PatternSet:
    """Parse and validate a patterns TOML document; `origin` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise TableError(f"{origin}: not valid TOML ({e})") from e
    meta = data.get("meta", {})
    entries = data.get("pattern", [])
    if not isinstance(entries, list) or not entries:
        raise TableError(f"{origin}: no [[pattern]] entries")
    problems: list[str] = []
    patterns: list[Pattern] = []
    for i, raw in enumerate(entries):
        try:
            m = _PatternModel.model_validate(raw)
        except ValidationError as e:
            detail = "; ".join(f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors())
            problems.append(f"pattern #{i + 1} ({raw.get('code', '?')}): {detail}")
            continue
        if not m.verbs and not m.nouns:
            problems.append(f"pattern #{i + 1} ({m.code}): needs `verbs` or `nouns`")
            continue
        patterns.append(Pattern(
            code=m.code,
            verbs=frozenset(m.verbs),
            nouns=frozenset(m.nouns),
            objects=frozenset(m.objects),
            target_preps=tuple(DEFAULT_TARGET_PREPS if m.target_preps is None else m.target_preps),
            source_preps=tuple(DEFAULT_SOURCE_PREPS if m.source_preps is None else m.source_preps),
            object_is_target=m.object_is_target,
            index=i,
        ))
    if problems:
        raise TableError(f"{origin}: {len(problems)} bad pattern(s): " + " | ".join(problems))
    return PatternSet(
        name=str(meta.get("name", origin)),
        version=str(meta.get("version", "0")),
        patterns=tuple(patterns),
        by_verb=_index(patterns, "verbs"),
        by_noun=_index(patterns, "nouns"),
    )


@lru_cache(maxsize=8)
def load_patterns(path: str | None = None) -> PatternSet:
    """The bundled dictionary, or a user's file at `path`."""
    if path is None:
        ref = resources.files("bilat") / "data" / "verbs" / "patterns.toml"
        return parse_patterns(ref.read_text(encoding="utf-8"), origin="patterns.toml")
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise TableError(f"{p}: cannot read the pattern file ({e.strerror})") from e
    return parse_patterns(text, origin=str(p))
