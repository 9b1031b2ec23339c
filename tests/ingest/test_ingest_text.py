"""Decoding story bytes and cleaning control characters."""

from __future__ import annotations

import codecs
import gzip

import pytest

from bilat.errors import InputEncodingError
from bilat.ingest.text import clean_text, decode_bytes, sniff_binary

SAMPLE = "Ministers of Arnor and Gondor met in Minas Tirith — talks went well."


@pytest.mark.parametrize("data", [
    SAMPLE.encode("utf-8"),
    codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
    SAMPLE.encode("utf-16"),  # BOM + native order
    codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
    SAMPLE.encode("utf-32"),
], ids=["utf8", "utf8-bom", "utf16", "utf16-le", "utf16-be", "utf32"])
def test_decodes_utf8_and_bom_marked_unicode(data: bytes) -> None:
    assert decode_bytes(data, where="x.txt") == SAMPLE


@pytest.mark.parametrize(("data", "kind"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (gzip.compress(SAMPLE.encode()), "gzip"),
    (b"PK\x03\x04\x14\x00\x00\x00", "zip"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF"),
    (b"plain start\x00\x01\x02 then nulls", "NUL"),
    (b"x" * 9000 + b"\x00", "NUL"),  # a NUL past the sniffed head
], ids=["png", "gzip", "zip", "pdf", "nul", "late-nul"])
def test_binary_content_is_refused_and_named(data: bytes, kind: str) -> None:
    with pytest.raises(InputEncodingError, match=rf"^E102 stories/a\.txt: looks like a .*{kind}"):
        decode_bytes(data, where="stories/a.txt")


def test_invalid_utf8_names_the_byte_and_offset() -> None:
    with pytest.raises(InputEncodingError) as info:
        decode_bytes(b"Talks in Caf\xe9 Europa", where="b.txt")
    assert str(info.value).startswith("E102 b.txt: not UTF-8")
    assert "0xe9 at offset 12" in str(info.value)


def test_broken_utf16_is_an_encoding_error() -> None:
    with pytest.raises(InputEncodingError, match="UTF-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"a\x00b", where="c.txt")  # odd length


def test_text_starting_like_a_bzip2_magic_is_still_text() -> None:
    assert sniff_binary(b"BZh is not an archive") is None
    assert sniff_binary(b"BZh91AY&SY") == "bzip2 archive"


@pytest.mark.parametrize(("raw", "clean"), [
    ("one\r\ntwo\rthree", "one\ntwo\nthree"),
    ("a\x00b\x07c\x1bd", "abcd"),
    ("tab\there\nkept", "tab\there\nkept"),
    ("page\x0cbreak\x0bvt", "page\nbreak\nvt"),
    ("next\x85line\u2028sep", "next\nline\nsep"),
    ("c1\x9bcontrol\x7fdel", "c1controldel"),
    ("\ufeffbom\ufeffinside", "bominside"),
    ("untouched text, é ü — ok", "untouched text, é ü — ok"),
])
def test_clean_text_strips_controls_but_keeps_newline_and_tab(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
