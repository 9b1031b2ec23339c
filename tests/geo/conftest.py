"""Hand-built parsed sentences for the place tests: no model needed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.tokens import Doc


def _parse(spec: str) -> Doc:
    """A Doc from "word/POS/dep/head[/lemma]" items separated by spaces; head is a token index
    (its own index for the root)."""
    words, pos, deps, heads, lemmas = [], [], [], [], []
    for item in spec.split():
        parts = item.split("/")
        words.append(parts[0].replace("_", " "))
        pos.append(parts[1])
        deps.append(parts[2])
        heads.append(int(parts[3]))
        lemmas.append(parts[4] if len(parts) > 4 else parts[0].lower())
    return Doc(_VOCAB, words=words, pos=pos, deps=deps, heads=heads, lemmas=lemmas)


_VOCAB = spacy.blank("en").vocab


@pytest.fixture(scope="session")
def parse() -> Callable[[str], Doc]:
    return _parse


@pytest.fixture(scope="session")
def table():
    """The bundled place table without GeoNames: the team's rows and the country names."""
    from bilat.geo import PlaceTable

    return PlaceTable.load(geonames=False)
