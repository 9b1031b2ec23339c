"""Comment stripping, word splitting, plurals and problem reports shared by the readers."""

from __future__ import annotations

import pytest

from bilat.compat.petrarch._source import (Problems, bracket_code, plural_of, read_source,
                                           source_lines, split_words)
from bilat.errors import InputNotFound, TableError


def test_comments_of_every_kind_are_removed():
    text = ("<!-- header -->\n"
            "KEEP ME  # python comment\n"
            "A <!-- inline --> B\n"
            "<!-- start\n still inside\n end -->\n"
            "<! -- legacy opener -->\n"
            "OLD ; tabari comment\n"
            "\n"
            "\tCODE [###]  # the code survives\n")
    lines = source_lines(text)
    assert [(ln.number, ln.text) for ln in lines] == [
        (2, "KEEP ME"), (3, "A  B"), (8, "OLD"), (10, "CODE [###]")]
    assert lines[-1].indented and not lines[0].indented


def test_semicolon_can_be_kept():
    assert source_lines("a; b\n", semicolon=False)[0].text == "a; b"


@pytest.mark.parametrize("word,pieces", [
    ("BARAD-DUR", ("BARAD", "-", "DUR")),
    ("DON'T", ("DO", "N'T")),
    ("CAN'T", ("CA", "N'T")),
    ("WON'T", ("WO", "N'T")),
    ("N'T", ("N'T",)),
    ("ANTI-", ("ANTI-",)),
    ("u.s.", ("U.S.",)),
])
def test_split_words_follows_the_tokenizer(word, pieces):
    assert split_words(word) == pieces


@pytest.mark.parametrize("word,plural", [
    ("ENVOY", "ENVOYS"), ("ARMY", "ARMIES"), ("CONGRESS", "CONGRESSES"), ("TAX", "TAXES"),
    ("BRANCH", "BRANCHES"), ("OFFICIAL", "OFFICIALS"),
])
def test_plural_of(word, plural):
    assert plural_of(word) == plural


@pytest.mark.parametrize("text,rest,code", [
    ("VALDORIA  [VAL]", "VALDORIA", "VAL"),
    ("GIVE [070] {GAVE}", "GIVE {GAVE}", "070"),
    ("DEPT_OF_X [~ENV}", "DEPT_OF_X", "~ENV"),
    ("NO CODE HERE", "NO CODE HERE", None),
])
def test_bracket_code(text, rest, code):
    got_rest, got_code = bracket_code(text)
    assert (got_rest.split(), got_code) == (rest.split(), code)


def test_problems_name_file_and_line_and_respect_strictness():
    lax = Problems("x.actors")
    lax.add(3, "bad date")
    assert lax.finish(what="actor dictionary") == ("x.actors:3: bad date",)
    strict = Problems("x.actors", strict=True)
    strict.add(3, "bad date")
    strict.add(9, "bad code")
    with pytest.raises(TableError, match=r"x\.actors:3: bad date; x\.actors:9: bad code"):
        strict.finish(what="actor dictionary")
    fatal = Problems("x.verbs")
    fatal.add(1, "pattern before any block", fatal=True)
    with pytest.raises(TableError, match=r"E301 .*x\.verbs:1: pattern before any block"):
        fatal.finish(what="verb dictionary")


def test_read_source_errors_and_latin1(tmp_path):
    with pytest.raises(InputNotFound, match="no such dictionary file"):
        read_source(tmp_path / "missing.verbs")
    p = tmp_path / "old.actors"
    p.write_bytes("S\xc3O TOM\u00c9 [STP]".encode("latin-1", errors="replace"))
    assert "STP" in read_source(p)
