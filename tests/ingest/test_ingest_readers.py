"""The readers: plain text, JSONL, JSON and HTML files to Articles and Skips."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import re
from datetime import date
from pathlib import Path

import pytest

from bilat.errors import (EmptyStory, InputEncodingError, InputNotFound, InputTooLarge,
                          MalformedInput)
from bilat.ingest import Skip, read_inputs
from bilat.schemas import Article, StoryDateSource

BODY = "Envoys of two lakeside nations agreed on March 3, 2021 to open a ferry."
STORY = f"TOKYO, March 3 (Kyodo) - {BODY}"


def read(*inputs: Path | str, **kwargs) -> list[Article | Skip]:
    return list(read_inputs([str(i) for i in inputs], **kwargs))


def only(results: list[Article | Skip]) -> Article | Skip:
    assert len(results) == 1, results
    return results[0]


def assert_skip(result: Article | Skip, where: str, error: type) -> None:
    assert isinstance(result, Skip), result
    assert result.input == where
    assert type(result.error) is error
    assert result.error.message.startswith(f"{where}: ")
    assert "\n" not in str(result.error)


# -- .txt ---------------------------------------------------------------------

def test_txt_story(tmp_path: Path) -> None:
    path = tmp_path / "kyodo-jpn-2021-03-03.txt"
    path.write_text(STORY + "\n\nA second paragraph.\n", encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.doc_id == "kyodo-jpn-2021-03-03"
    assert article.text == BODY + "\n\nA second paragraph."
    assert article.path == str(path)
    assert article.dateline is not None and article.dateline.place == "TOKYO"
    assert article.story_date == date(2021, 3, 3)
    assert article.story_date_source is StoryDateSource.DATELINE


def test_cli_story_date_beats_the_text_but_not_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": STORY, "date": "2021-03-04"}) + "\n",
                                      encoding="utf-8")
    a, b = read(tmp_path, story_date=date(2020, 1, 2))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert (a.story_date, a.story_date_source) == (date(2020, 1, 2), StoryDateSource.CLI)
    assert (b.story_date, b.story_date_source) == (date(2021, 3, 4), StoryDateSource.METADATA)


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8 + "Envoys met in Zürich.".encode(),
    "Envoys met in Zürich.".encode("utf-16"),
    codecs.BOM_UTF16_BE + "Envoys met in Zürich.".encode("utf-16-be"),
], ids=["utf8-bom", "utf16", "utf16-be"])
def test_txt_encodings(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes(data)
    result = only(read(path))
    assert isinstance(result, Article) and result.text == "Envoys met in Zürich."


def test_txt_control_characters_stripped(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes(b"Envoys\x07 met\x1b in\r\nZurich.\x0c")
    result = only(read(path))
    assert isinstance(result, Article) and result.text == "Envoys met in\nZurich."


@pytest.mark.parametrize(("data", "error"), [
    (b"", EmptyStory),
    (b"  \n\t\r\n  ", EmptyStory),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", InputEncodingError),
    (gzip.compress(b"Envoys met in a town by the lake."), InputEncodingError),
    (b"Envoys met in Caf\xe9 Europa.", InputEncodingError),
    (b"Envoys met\x00 in a town.", InputEncodingError),
], ids=["empty", "whitespace", "png", "gzip", "latin1", "nul"])
def test_bad_txt_files_are_skipped(tmp_path: Path, data: bytes, error: type) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    assert_skip(only(read(path)), str(path), error)


def test_file_over_max_bytes_is_skipped_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Envoys met. " * 200)
    assert_skip(only(read(path, max_bytes=1000)), str(path), InputTooLarge)
    assert isinstance(only(read(path, max_bytes=2400)), Article)  # exactly at the limit


def test_unknown_suffix_named_outright_is_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("Envoys met in a town by the lake.", encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article) and article.doc_id == "story"


# -- .jsonl -------------------------------------------------------------------

def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "feed.jsonl", [
        json.dumps({"doc_id": "s1", "text": STORY, "title": "Ferry deal", "url": "https://ex.org/1",
                    "source": "Example Wire", "story_date": "2021-03-04T09:00:00Z"}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "s5", "title": "no text"}),
        json.dumps({"id": "s6", "text": "Envoys met.", "date": "4 March 2021"}),
        json.dumps({"id": 7, "text": "Envoys met again.", "date": "2021-03-05"}),
        json.dumps({"id": "s8", "text": "   "}),
        json.dumps({"id": "s9", "text": 42}),
        json.dumps({"id": "s10", "text": "Envoys met.", "title": ["x"]}),
        json.dumps({"id": ["s11"], "text": "Envoys met."}),
        json.dumps({"id": "s12", "text": "Envoys met.", "date": 20210305}),
    ])
    results = read(path)
    assert len(results) == 11  # the blank line is not a story
    first = results[0]
    assert isinstance(first, Article)
    assert (first.doc_id, first.text, first.title, first.url, first.source) == (
        "s1", BODY, "Ferry deal", "https://ex.org/1", "Example Wire")
    assert first.story_date == date(2021, 3, 4)
    assert first.story_date_source is StoryDateSource.METADATA
    assert first.path == str(path)
    seventh = results[5]
    assert isinstance(seventh, Article) and seventh.doc_id == "7"
    assert seventh.story_date == date(2021, 3, 5)
    expected = {2: MalformedInput, 4: MalformedInput, 5: MalformedInput, 6: MalformedInput,
                8: EmptyStory, 9: MalformedInput, 10: MalformedInput, 11: MalformedInput,
                12: MalformedInput}
    skips = [r for r in results if isinstance(r, Skip)]
    assert [s.input for s in skips] == [f"{path}:{n}" for n in expected]
    for skip, (n, error) in zip(skips, expected.items(), strict=True):
        assert_skip(skip, f"{path}:{n}", error)


def test_jsonl_doc_id_without_id_is_stem_plus_text_hash(tmp_path: Path) -> None:
    text = "Envoys of two lakeside nations met."
    path = write_lines(tmp_path / "wire.jsonl", [
        json.dumps({"text": text}), json.dumps({"doc_id": "", "text": text + " Again."})])
    first, second = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.doc_id == "wire-" + hashlib.sha1(text.encode()).hexdigest()[:12]
    assert second.doc_id.startswith("wire-") and second.doc_id != first.doc_id
    again = read(path)
    assert [a.doc_id for a in again] == [first.doc_id, second.doc_id]  # stable across runs


def test_jsonl_story_date_key_wins_over_date(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "f.jsonl", [
        json.dumps({"text": "Envoys met.", "story_date": "2020-01-01", "date": "2019-01-01"}),
        json.dumps({"text": "Envoys met.", "story_date": None, "date": "2019-01-01"}),
    ])
    assert [a.story_date for a in read(path)] == [date(2020, 1, 1), date(2019, 1, 1)]


def test_jsonl_encodings_and_long_lines(tmp_path: Path) -> None:
    good = json.dumps({"id": "a", "text": "Envoys met."})
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + good.encode() + b"\n"
                     + b'{"id": "b", "text": "Caf\xe9"}\n'
                     + json.dumps({"id": "c", "text": "x" * 500}).encode() + b"\n"
                     + json.dumps({"id": "d", "text": "Envoys left."}).encode())
    results = read(path, max_bytes=200)
    assert isinstance(results[0], Article) and results[0].doc_id == "a"
    assert_skip(results[1], f"{path}:2", InputEncodingError)
    assert_skip(results[2], f"{path}:3", InputTooLarge)
    assert isinstance(results[3], Article) and results[3].doc_id == "d"


def test_jsonl_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    lines = [json.dumps({"id": "w1", "text": "Envoys met in Zürich."}, ensure_ascii=False),
             "{broken"]
    path.write_bytes("\n".join(lines).encode("utf-16"))
    first, second = read(path)
    assert isinstance(first, Article) and first.text == "Envoys met in Zürich."
    assert_skip(second, f"{path}:2", MalformedInput)


@pytest.mark.parametrize("data", [gzip.compress(b'{"text": "Envoys met."}\n'),
                                  b"\x89PNG\r\n\x1a\n\x00\x00"], ids=["gzip", "png"])
def test_binary_jsonl_is_one_skip(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(data)
    assert_skip(only(read(path)), str(path), InputEncodingError)


# -- .json --------------------------------------------------------------------

def test_json_list_object_and_errors(tmp_path: Path) -> None:
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([{"id": "j1", "text": "Envoys met."}, "oops",
                                  {"text": "Envoys met again."}]), encoding="utf-8")
    first, second, third = read(listed)
    assert isinstance(first, Article) and first.doc_id == "j1"
    assert_skip(second, f"{listed}:2", MalformedInput)
    assert isinstance(third, Article) and third.doc_id.startswith("list-")

    single = tmp_path / "one.json"
    single.write_text(json.dumps({"id": "j9", "text": "Envoys met."}), encoding="utf-8")
    assert isinstance(article := only(read(single)), Article) and article.doc_id == "j9"

    broken = tmp_path / "broken.json"
    broken.write_text('[{"text": "Envoys met."}', encoding="utf-8")
    assert_skip(only(read(broken)), str(broken), MalformedInput)

    scalar = tmp_path / "scalar.json"
    scalar.write_text("42", encoding="utf-8")
    assert_skip(only(read(scalar)), str(scalar), MalformedInput)


def test_json_file_holding_jsonl_is_read_line_by_line(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "lines.json", [json.dumps({"id": "l1", "text": "Envoys met."}),
                                                 "nope",
                                                 json.dumps({"id": "l3", "text": "Envoys left."})])
    first, second, third = read(path)
    assert isinstance(first, Article) and isinstance(third, Article)
    assert_skip(second, f"{path}:2", MalformedInput)


# -- .html --------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Ferry deal agreed</title>
<meta property="og:site_name" content="Lakeside Courier">
<meta property="article:published_time" content="2021-03-04T10:00:00Z">
<link rel="canonical" href="https://courier.example/ferry-deal">
</head><body><nav>Home | World | Sport</nav>
<article><h1>Ferry deal agreed</h1>
<p>TOKYO, March 3 (Kyodo) - Envoys of two lakeside nations agreed on a new ferry line on Wednesday
after a long day of talks about timetables, fares and customs checks at both ports.</p>
<p>The first boats are due to sail next spring, officials from both sides told reporters later.</p>
</article><footer>All rights reserved</footer></body></html>"""


def test_html_story_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "ferry.html"
    path.write_text(PAGE, encoding="utf-8")
    article = only(read(path, story_date=date(2000, 1, 1)))
    assert isinstance(article, Article)
    assert article.doc_id == "ferry"
    assert article.text.startswith("Envoys of two lakeside nations agreed")
    assert "Home | World" not in article.text and "rights reserved" not in article.text
    assert article.dateline is not None and article.dateline.agency == "Kyodo"
    assert (article.title, article.url, article.source) == (
        "Ferry deal agreed", "https://courier.example/ferry-deal", "Lakeside Courier")
    assert article.story_date == date(2021, 3, 4)
    assert article.story_date_source is StoryDateSource.METADATA


def test_html_without_metadata_date_does_not_guess_from_body(tmp_path: Path) -> None:
    page = re.sub(r'<meta property="article:published_time"[^>]*>', "", PAGE)
    page = page.replace("next spring", "on 9 May 2022")
    path = tmp_path / "ferry.htm"
    path.write_bytes(page.encode("utf-8"))
    article = only(read(path))
    assert isinstance(article, Article)
    # trafilatura would guess METADATA 2022-05-09 from the body; the lead's own date is INFERRED
    assert article.story_date == date(2022, 5, 9)
    assert article.story_date_source is StoryDateSource.INFERRED


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">')
    page = page.replace("Envoys", "Café envoys")
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    article = only(read(path))
    assert isinstance(article, Article) and article.text.startswith("Café envoys")


@pytest.mark.parametrize(("data", "error"), [
    (b"<html><head><title>Nothing</title></head><body></body></html>", EmptyStory),
    (b"<html><head><title>Only a title</title></head></html>", EmptyStory),
    (b"", EmptyStory),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", InputEncodingError),
    (gzip.compress(PAGE.encode()), InputEncodingError),
], ids=["empty-body", "no-body", "empty-file", "png", "gzip"])
def test_bad_html_is_skipped(tmp_path: Path, data: bytes, error: type) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(data)
    assert_skip(only(read(path)), str(path), error)


# -- read_inputs ----------------------------------------------------------------

def test_missing_input_raises_before_any_story_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Envoys met.", encoding="utf-8")
    missing = str(tmp_path / "gone.txt")
    with pytest.raises(InputNotFound, match=f"^E101 {missing}: no such file"):
        read_inputs([str(tmp_path / "a.txt"), missing])  # at the call, not at the first story


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Envoys met.", encoding="utf-8")
    assert len(read(tmp_path / "a.txt", tmp_path, tmp_path / "*.txt")) == 1


def test_reading_is_lazy(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Envoys met.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("First draft.", encoding="utf-8")
    stream = read_inputs([str(tmp_path)])
    first = next(stream)
    (tmp_path / "b.txt").write_text("Envoys left.", encoding="utf-8")  # after a.txt came out
    second = next(stream)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.text, second.text) == ("Envoys met.", "Envoys left.")
    assert next(stream, None) is None


def test_a_file_that_vanishes_mid_run_is_a_skip(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("Envoys met.", encoding="utf-8")
    stream = read_inputs([str(tmp_path)])
    assert isinstance(next(stream), Article)
    (tmp_path / "b.txt").unlink()
    assert_skip(next(stream), str(tmp_path / "b.txt"), InputNotFound)
    assert isinstance(next(stream), Article)


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_raw_line_separator_inside_a_json_string_is_not_a_line_break(tmp_path: Path,
                                                                     suffix: str) -> None:
    lines = [json.dumps({"id": "u1", "text": "Envoys met.\u2028They left."}, ensure_ascii=False),
             json.dumps({"id": "u2", "text": "Envoys\x85returned."}, ensure_ascii=False)]
    path = write_lines(tmp_path / f"sep{suffix}", lines)
    first, second = read(path)
    assert isinstance(first, Article) and first.text == "Envoys met.\nThey left."
    assert isinstance(second, Article) and second.text == "Envoys\nreturned."
