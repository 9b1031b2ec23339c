"""The discard list: which sentences and stories are not coded."""

from __future__ import annotations

import pytest

from bilat.compat.petrarch.discards import load_discards, parse_discards
from bilat.errors import TableError


@pytest.fixture(scope="module")
def discards(fixtures_dir):
    return load_discards(fixtures_dir / "mini.discards.txt", strict=True)


@pytest.mark.parametrize("text,phrase,story", [
    ("Valdoria won the Grand  Prix again.", "GRAND PRIX", True),
    ("After the chess final, Korvath left.", "CHESS", False),
    ("The CHESSBOARD was new.", "CHESS", False),          # a stem
    ("The regatta was cancelled.", "REGATTA", False),
    ("Three regattas were cancelled.", None, None),         # "REGATTA_" must end a word
    ("A merchess was seen.", None, None),                  # must start a word
])
def test_find(discards, text, phrase, story):
    hit = discards.find(text)
    assert (hit.phrase if hit else None, hit.story if hit else None) == (phrase, story)


def test_a_coded_line_is_not_a_discard():
    with pytest.raises(TableError, match=r"my\.discards:2: "):
        parse_discards("CHESS\nBOXING [###]\n", origin="my.discards", strict=True)
