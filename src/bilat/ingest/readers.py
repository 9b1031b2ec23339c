"""Story files to Articles: plain text, JSONL, JSON lists and HTML.

`read_inputs` expands its inputs first (an input naming nothing raises
InputNotFound before any story is read), then reads file after file as the
stream is consumed. Each reader yields Articles; a file-level problem raises an
InputError that `read_path` turns into one Skip, while a bad JSONL line becomes
a Skip of its own ("file:LINE") and the other lines still come out. A JSONL
file is read line by line, so its size is not limited, only each line's.

    .txt (and any unknown suffix)   one story; doc_id = file stem
    .jsonl                          one story a line
    .json                           a list of story objects (or one object)
    .html / .htm                    main text and metadata via trafilatura
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from bilat.errors import (EmptyStory, InputEncodingError, InputError, InputNotFound,
                          InputTooLarge, MalformedInput)
from bilat.ingest.article import build_article
from bilat.ingest.paths import expand_inputs
from bilat.ingest.records import Skip
from bilat.ingest.story_date import parse_iso_date
from bilat.ingest.text import bom_encoding, decode_bytes, sniff_binary
from bilat.schemas import Article

MAX_BYTES = 20_000_000
MAX_ID_CHARS = 500  # a doc_id longer than this is refused (the API's doc_id filter takes 500)
_ID_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_SNIFF = 8192

Result = Article | Skip
Reader = Callable[..., Iterator[Result]]


def read_inputs(inputs: Sequence[str], *, story_date: date | None = None,
                max_bytes: int = MAX_BYTES) -> Iterator[Article | Skip]:
    """Stream Articles from files, folders and globs, with a Skip for each unreadable part.

    The inputs are expanded at once, so an input that names nothing raises
    InputNotFound before any story is read; the files themselves are read
    lazily, one at a time, as the stream is consumed. A file named twice is
    read once.
    """
    return _read_all(expand_inputs(inputs), story_date=story_date, max_bytes=max_bytes)


def _read_all(paths: Iterable[Path], *, story_date: date | None,
              max_bytes: int) -> Iterator[Article | Skip]:
    for path in paths:
        yield from read_path(path, story_date=story_date, max_bytes=max_bytes)


def read_path(path: Path, *, story_date: date | None = None,
              max_bytes: int = MAX_BYTES) -> Iterator[Article | Skip]:
    """Read one story file with the reader for its suffix (plain text when unknown).

    A folder here is one `expand_inputs` could not list: it becomes a Skip naming it.
    """
    if path.is_dir():
        yield Skip(str(path), _unreadable_folder(path))
        return
    reader = _READERS.get(path.suffix.lower(), read_txt)
    try:
        yield from reader(path, story_date=story_date, max_bytes=max_bytes)
    except InputError as e:
        yield Skip(str(path), e)


# -- plain text ---------------------------------------------------------------

def read_txt(path: Path, *, story_date: date | None, max_bytes: int) -> Iterator[Article]:
    """One story a file; doc_id is the file stem."""
    where = str(path)
    text = decode_bytes(_read_bytes(path, max_bytes=max_bytes), where=where)
    yield build_article(text, doc_id=path.stem, story_date=story_date, metadata_date=None,
                        title=None, url=None, source=None, path=where, where=where)


def _unreadable_folder(path: Path) -> InputError:
    try:
        with os.scandir(path):
            reason = "it could not be listed when the inputs were expanded"
    except OSError as e:
        reason = e.strerror or type(e).__name__
    return InputError(f"{path}: folder cannot be read ({reason}); check its permissions")


def _too_large(where: str, max_bytes: int, size: int | None = None) -> InputTooLarge:
    what = f"{size:,} bytes is" if size is not None else "it is"
    return InputTooLarge(f"{where}: {what} over the {max_bytes:,}-byte limit; "
                         "split it into smaller stories or raise the limit")


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except FileNotFoundError as e:
        raise InputNotFound(f"{path}: the file disappeared before it was read; "
                            "check the path") from e
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror}); check its permissions") from e


def _read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The whole file, refused before reading when it is over `max_bytes`."""
    with _open(path) as f:
        size = os.fstat(f.fileno()).st_size
        if size > max_bytes:
            raise _too_large(str(path), max_bytes, size)
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while we looked, or a special file
        raise _too_large(str(path), max_bytes)
    return data


# -- JSONL and JSON -----------------------------------------------------------

def read_jsonl(path: Path, *, story_date: date | None, max_bytes: int) -> Iterator[Result]:
    """One story object a line; a bad line gives Skip("file:LINE") and reading goes on."""
    where = str(path)
    with _open(path) as f:
        head = f.read(_SNIFF)
        f.seek(0)
        encoding = bom_encoding(head)
        if encoding is None and (kind := sniff_binary(head)) is not None:
            raise InputEncodingError(
                f"{where}: looks like a {kind} file, not JSONL text; "
                "give bilat UTF-8 JSONL (decompress archives first)"
            )
        lines = _text_lines(f, encoding, max_bytes, where) if encoding in ("utf-16", "utf-32") \
            else _utf8_lines(f, max_bytes, where)
        stories = _Stories(path, story_date)
        for n, line in lines:
            loc = f"{where}:{n}"
            if isinstance(line, InputError):
                yield Skip(loc, line)
            elif line.strip():
                yield stories.from_line(line, loc)


def _utf8_lines(f: BinaryIO, max_bytes: int, where: str) -> Iterator[tuple[int, str | InputError]]:
    """(line number, decoded line or its error); an over-long line is drained, not held."""
    n = 0
    while line := f.readline(max_bytes + 1):
        n += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (chunk := f.readline(1 << 16)) and not chunk.endswith(b"\n"):
                pass
            yield n, _too_large(f"{where}:{n}", max_bytes)
            continue
        if n == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        try:
            yield n, line.decode("utf-8")
        except UnicodeDecodeError as e:
            yield n, InputEncodingError(
                f"{where}:{n}: not UTF-8 (byte 0x{line[e.start]:02x} at column {e.start + 1}); "
                "re-save the file as UTF-8"
            )


def _text_lines(f: BinaryIO, encoding: str, max_bytes: int,
                where: str) -> Iterator[tuple[int, str | InputError]]:
    """Lines of a UTF-16/32 file (BOM'd); a decoding error ends the file."""
    text = io.TextIOWrapper(f, encoding=encoding, newline=None)
    n = 0
    try:
        for n, line in enumerate(text, start=1):
            too_large = len(line.rstrip("\n").encode("utf-8")) > max_bytes
            yield n, _too_large(f"{where}:{n}", max_bytes) if too_large else line
    except UnicodeDecodeError as e:
        raise InputEncodingError(
            f"{where}:{n + 1}: broken {encoding.upper()} text ({e.reason}); "
            "re-save the file as UTF-8"
        ) from e
    finally:
        text.detach()


def read_json(path: Path, *, story_date: date | None, max_bytes: int) -> Iterator[Result]:
    """A JSON list of story objects (item N is "file:N"), or a single story object.

    A .json file that is really JSONL (one object a line) is read as JSONL.
    """
    where = str(path)
    text = decode_bytes(_read_bytes(path, max_bytes=max_bytes), where=where)
    stories = _Stories(path, story_date)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        if e.msg != "Extra data":
            raise MalformedInput(f"{where}: not valid JSON ({e.msg} at line {e.lineno} "
                                 f"column {e.colno}); fix the file") from e
        for n, line in enumerate(text.split("\n"), start=1):  # not splitlines: U+2028 is JSON
            if line.strip():
                yield stories.from_line(line, f"{where}:{n}")
        return
    if isinstance(data, dict):
        yield stories.from_record(data, where)
    elif isinstance(data, list):
        for n, item in enumerate(data, start=1):
            yield stories.from_record(item, f"{where}:{n}")
    else:
        raise MalformedInput(f"{where}: expected a JSON list of story objects, "
                             f"got {_json_type(data)}; fix the file")


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    for kind, name in ((dict, "an object"), (list, "a list"), (str, "a string"),
                       ((int, float), "a number")):
        if isinstance(value, kind):
            return name
    return "null"


class _Stories:
    """Turns the story objects of one JSON/JSONL file into Articles or Skips."""

    def __init__(self, path: Path, story_date: date | None) -> None:
        self.path = str(path)
        self.stem = path.stem
        self.story_date = story_date

    def from_line(self, line: str, loc: str) -> Result:
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            return Skip(loc, MalformedInput(f"{loc}: not valid JSON ({e.msg} at column {e.colno}); "
                                            "fix or remove the line"))
        return self.from_record(obj, loc)

    def from_record(self, obj: Any, loc: str) -> Result:
        try:
            return self._article(obj, loc)
        except InputError as e:
            return Skip(loc, e)

    def _article(self, obj: Any, loc: str) -> Article:
        if not isinstance(obj, dict):
            raise MalformedInput(f'{loc}: expected a story object with a "text" field, '
                                 f"got {_json_type(obj)}; fix or remove it")
        text = obj.get("text")
        if not isinstance(text, str):
            raise MalformedInput(f'{loc}: no "text" string ({_json_type(text)}); '
                                 'every story needs its text in "text"')
        doc_id = _doc_id(obj, loc) or f"{self.stem}-{_text_hash(text)}"
        return build_article(
            text, doc_id=doc_id, story_date=self.story_date, metadata_date=_metadata_date(obj, loc),
            title=_text_field(obj, "title", loc), url=_text_field(obj, "url", loc),
            source=_text_field(obj, "source", loc), path=self.path, where=loc,
        )


def article_from_record(obj: Any, *, where: str, id_prefix: str = "story",
                        story_date: date | None = None) -> Article:
    """One story object, as a JSONL line holds it, to an Article, checked as the JSONL reader
    checks every line: `{"text", "doc_id"?, "story_date"?, "title"?, "url"?, "source"?}`.

    Raises MalformedInput or EmptyStory naming `where`. A story without an id gets
    "<id_prefix>-<12 hex digits of its text's SHA-1>"; `Article.path` is `id_prefix`.
    """
    return _Stories(Path(id_prefix), story_date)._article(obj, where)


def _text_hash(text: str) -> str:
    """12 hex digits of the text's SHA-1: a stable id for a story that has none."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _first(obj: dict[str, Any], keys: Iterable[str]) -> tuple[str, Any]:
    """The first of `keys` with a non-null value, or the last key and None."""
    key = ""
    for key in keys:
        if obj.get(key) is not None:
            return key, obj[key]
    return key, None


def _doc_id(obj: dict[str, Any], loc: str) -> str | None:
    key, value = _first(obj, ("doc_id", "id"))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is None or isinstance(value, str):
        doc_id = (value or "").strip()
        if len(doc_id) > MAX_ID_CHARS:
            raise MalformedInput(f'{loc}: "{key}" is {len(doc_id):,} characters long; '
                                 f"keep ids to {MAX_ID_CHARS} characters")
        if _ID_CONTROL.search(doc_id):
            raise MalformedInput(f'{loc}: "{key}" holds control characters; use printable ids')
        return doc_id or None
    raise MalformedInput(f'{loc}: "{key}" must be a string or an integer, '
                         f"got {_json_type(value)}; fix the record")


def _metadata_date(obj: dict[str, Any], loc: str) -> date | None:
    key, value = _first(obj, ("story_date", "date"))
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return parse_iso_date(value)
        except ValueError:
            pass
    raise MalformedInput(f'{loc}: "{key}" is {json.dumps(value)[:40]}, not an ISO date; '
                         'write it as "YYYY-MM-DD" (or an ISO datetime)')


def _text_field(obj: dict[str, Any], key: str, loc: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    raise MalformedInput(f'{loc}: "{key}" must be a string, got {_json_type(value)}; '
                         "fix the record")


# -- HTML ---------------------------------------------------------------------

def read_html(path: Path, *, story_date: date | None, max_bytes: int) -> Iterator[Article]:
    """Main text and metadata (title, date, url, site name) of a saved web page.

    Only the page's own metadata gives a date (no guessing from the body text);
    nothing is fetched over the network.
    """
    from lxml.etree import LxmlError
    from trafilatura import bare_extraction

    where = str(path)
    data = _read_bytes(path, max_bytes=max_bytes)
    content: str | bytes
    if bom_encoding(data) is not None:
        content = decode_bytes(data, where=where)
    elif (kind := sniff_binary(data[:_SNIFF])) is not None:
        raise InputEncodingError(f"{where}: looks like a {kind} file, not HTML; "
                                 "give bilat saved web pages as .html")
    else:
        try:
            content = data.decode("utf-8")
        except UnicodeDecodeError:
            content = data  # trafilatura follows the page's declared charset
    try:
        doc = bare_extraction(content, with_metadata=True, include_comments=False,
                              include_tables=False,
                              date_extraction_params={"extensive_search": False,
                                                      "original_date": True})
    except (ValueError, LxmlError) as e:
        raise MalformedInput(f"{where}: the HTML cannot be parsed ({e}); check the file") from e
    body = (doc.text or "") if doc is not None else ""
    if not body.strip():
        raise EmptyStory(f"{where}: no main text found in the page; "
                         "save the article page itself, not an index or an empty page")
    title = doc.title
    yield build_article(
        _drop_title_line(body, title), doc_id=path.stem, story_date=story_date,
        metadata_date=_html_date(doc.date), title=title, url=doc.url,
        source=doc.sitename or doc.hostname, path=where, where=where,
    )


def _drop_title_line(text: str, title: str | None) -> str:
    """trafilatura repeats the headline as the first line; drop it so a dateline can lead."""
    if title:
        first, _, rest = text.partition("\n")
        if first.strip().casefold() == title.strip().casefold():
            return rest
    return text


def _html_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        return None


_READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".jsonl": read_jsonl,
    ".json": read_json,
    ".html": read_html,
    ".htm": read_html,
}
