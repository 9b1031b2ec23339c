"""Bytes to clean story text: encoding detection, binary sniffing, control characters.

`decode_bytes` accepts UTF-8 (with or without a BOM) and UTF-16/UTF-32 with a
BOM; anything else (invalid UTF-8, NUL bytes, an image or archive) raises
`InputEncodingError`. `clean_text` normalises line ends and strips control
characters other than newline and tab.
"""

from __future__ import annotations

import codecs
import re

from bilat.errors import InputEncodingError

# Order matters: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Leading bytes of common binary formats that end up in news folders by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"(\xb5/\xfd", "zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a leading byte-order mark, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def sniff_binary(data: bytes) -> str | None:
    """A short name of the binary format `data` starts with, or None for text-like bytes.

    Call it on the first few kilobytes only; it does not check BOM'd UTF-16 text.
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            # "BZh" also starts ordinary words; a real bzip2 header has a block size digit.
            if kind == "bzip2 archive" and not data[3:4].isdigit():
                continue
            return kind
    if b"\x00" in data:
        return "binary (NUL bytes)"
    return None


def decode_bytes(data: bytes, *, where: str) -> str:
    """Decode a story file's bytes to text, or raise InputEncodingError naming `where`."""
    encoding = bom_encoding(data)
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as e:
            raise InputEncodingError(
                f"{where}: broken {encoding.upper()} text ({e.reason} at byte {e.start}); "
                "re-save it as UTF-8"
            ) from e
    kind = sniff_binary(data[:8192]) or ("binary (NUL bytes)" if b"\x00" in data else None)
    if kind is not None:
        raise InputEncodingError(
            f"{where}: looks like a {kind} file, not text; "
            "give bilat UTF-8 text, JSONL or HTML stories (decompress archives first)"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputEncodingError(
            f"{where}: not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}); "
            "re-save it as UTF-8"
        ) from e


# C0 controls other than \t and \n, DEL, C1 controls, a stray BOM and the invisible
# bidirectional marks (LRM, RLM, ALM, embeddings, overrides, isolates: they glue to the
# word beside them, so "\u202eRussia" would not be found) go; the characters that
# str.splitlines() treats as line breaks become "\n".
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029\u061c\u200e\u200f"
                      "\u202a-\u202e\u2066-\u2069]")
_TABLE: dict[int, str | None] = {c: None for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]}
del _TABLE[ord("\t")], _TABLE[ord("\n")]
_TABLE.update({c: "\n" for c in (0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029)})
_TABLE[0xFEFF] = None
_TABLE.update({c: None for c in _BIDI})


def clean_text(text: str) -> str:
    """Normalise line ends to "\\n"; strip control characters (except newline and tab) and
    bidirectional marks."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text) is None:
        return text
    return text.translate(_TABLE)
