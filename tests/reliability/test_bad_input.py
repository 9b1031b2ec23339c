"""Bad input through `bilat code`: each case gets a one-line message naming the input, the
documented exit status (0 all read, 3 some inputs skipped, 1 error), the other stories coded,
and a store whose earlier contents are untouched and whose invariants hold.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import time
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from bilat.ingest import MAX_BYTES, read_inputs

GOOD_TEXT = "France and Germany signed an agreement on trade cooperation."
HUGE = 50 * 1024 * 1024  # bytes in the single line of the "50 MB" inputs
RTL_TEXT = ("\u202eRussia accused Ukraine of violating the ceasefire.\u202c "
            "\u0645\u0635\u0631 \u062a\u062f\u064a\u0646 \u0625\u0633\u0631\u0627\u0626\u064a\u0644. "
            "\u05d9\u05e9\u05e8\u05d0\u05dc \u05de\u05d2\u05d9\u05d1\u05d4 \u200fEgypt\u200f condemned Israel.")


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


# file name -> (bytes, expectation): ("skip", code, words of the reason) or ("coded",)
CASES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "empty.txt": (b"", ("skip", "E103", "has no text")),
    "blank.txt": (b"   \n\t  \r\n \n", ("skip", "E103", "has no text")),
    "picture.png": (_png(), ("skip", "E102", "PNG image")),
    "archive.gz": (gzip.compress(GOOD_TEXT.encode()), ("skip", "E102", "gzip archive")),
    "latin1.txt": ("Égypte et la Turquie ont signé un accord.".encode("latin-1"),
                   ("skip", "E102", "not UTF-8")),
    "utf16.txt": ("Russia accused Ukraine of violating the ceasefire.".encode("utf-16"), ("coded",)),
    "nobody.html": (b"<!doctype html><html><head><title>Nothing here</title></head></html>",
                    ("skip", "E103", "no main text")),
    "controls.txt": (b"Russia\x07 accused Ukraine\x1b of\x7f violating the ceasefire.\x0b"
                     b"\x01Egypt condemned Israel.\x1f", ("coded",)),
    "nul.txt": (b"Russia accused\x00 Ukraine.", ("skip", "E102", "NUL bytes")),
    "rtl.txt": (RTL_TEXT.encode(), ("coded",)),
}


def _write_inputs(folder: Path, name: str, data: bytes) -> tuple[Path, Path]:
    folder.mkdir(exist_ok=True)
    bad = folder / name
    bad.write_bytes(data)
    good = folder / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    return bad, good


def _no_controls(text: str) -> bool:
    return not any(unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\t" for c in text)


@pytest.mark.parametrize("name", list(CASES))
def test_bad_file_is_named_and_the_rest_is_coded(cli, check, tmp_path, baseline_db, name):
    data, expected = CASES[name]
    before = check.snapshot(baseline_db)
    bad, good = _write_inputs(tmp_path / "in", name, data)
    r = cli("code", bad, good, "--db", baseline_db, "--silent")
    after = check.intact(baseline_db)
    doc = bad.stem
    assert after.documents["good"][1] >= 1  # the good story is coded
    assert "Traceback" not in r.err
    summary = r.err_lines[-1]
    assert summary.startswith("bilat: ") and summary.endswith(f"-> {baseline_db}")
    if expected[0] == "skip":
        _, code, reason = expected
        assert r.code == 3, r.err
        assert len(r.err_lines) == 2, r.err  # one line for the skip, one for the summary
        assert r.err_lines[0].startswith(f"bilat: skipped {code} {bad}: "), r.err_lines[0]
        assert reason in r.err_lines[0]
        assert "1 skipped" in summary
        assert doc not in after.documents
        new = {"good"}
    else:
        assert r.code == 0, r.err
        assert len(r.err_lines) == 1, r.err
        assert after.documents[doc][1] >= 1, f"{name} gave no events"
        stored = [row for row in after.events.values() if row[1] == doc]
        assert all(_no_controls(row[18]) for row in stored)  # column 18: the sentence
        new = {"good", doc}
    assert after.without(new) == before  # what was stored before is untouched


def test_right_to_left_text_keeps_its_actors(cli, check, tmp_path, baseline_db):
    bad, good = _write_inputs(tmp_path / "in", "rtl.txt", RTL_TEXT.encode())
    assert cli("code", bad, "--db", baseline_db, "--silent").code == 0
    rows = [r for r in check.intact(baseline_db).events.values() if r[1] == "rtl"]
    dyads = {(r[8], r[10]) for r in rows}  # source_country, target_country
    assert ("RUS", "UKR") in dyads and ("EGY", "ISR") in dyads  # bidi marks do not hide names


def test_malformed_jsonl_line_among_good_ones(cli, check, tmp_path, baseline_db):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([
        json.dumps({"doc_id": "j1", "text": "Japan pledged economic aid to Kenya."}),
        '{"doc_id": "j2", "text": "Iran accused',  # cut off
        json.dumps(["not", "an", "object"]),
        json.dumps({"doc_id": "j4", "text": 42}),
        json.dumps({"doc_id": "j5", "text": "Iran accused Turkey of spying.", "story_date": "soon"}),
        json.dumps({"doc_id": "j6", "text": "Iran accused Turkey of spying."}),
    ]) + "\n", encoding="utf-8")
    before = check.snapshot(baseline_db)
    r = cli("code", path, "--db", baseline_db, "--silent")
    assert r.code == 3
    skipped = r.err_lines[:-1]
    assert [line.split()[2] for line in skipped] == ["E104"] * 4
    assert [line.split()[3] for line in skipped] == [f"{path}:{n}:" for n in (2, 3, 4, 5)]
    after = check.intact(baseline_db)
    assert {"j1", "j6"} <= set(after.documents) and not {"j2", "j4", "j5"} & set(after.documents)
    assert after.without({"j1", "j6"}) == before


# -- size: a 50 MB line is refused without being held, whatever its format -------------------

@pytest.fixture(scope="module")
def huge_inputs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("huge")
    line = b"France met Germany. " * (HUGE // 20)
    txt = folder / "huge.txt"
    txt.write_bytes(line)
    jsonl = folder / "huge.jsonl"
    with jsonl.open("wb") as f:
        f.write(json.dumps({"doc_id": "before", "text": "Japan pledged economic aid to Kenya."}).encode() + b"\n")
        f.write(b'{"doc_id": "huge", "text": "' + line + b'"}\n')
        f.write(json.dumps({"doc_id": "after", "text": "Iran accused Turkey of spying."}).encode() + b"\n")
    return {"txt": txt, "jsonl": jsonl}


@pytest.mark.parametrize("kind, limit", [("txt", 1 << 20), ("jsonl", int(2.2 * MAX_BYTES))])
def test_a_50_mb_line_is_read_in_bounded_memory(huge_inputs, kind, limit):
    assert huge_inputs[kind].stat().st_size >= HUGE > MAX_BYTES
    tracemalloc.start()
    started = time.perf_counter()
    try:
        items = list(read_inputs([str(huge_inputs[kind])]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 10
    assert peak < limit < HUGE  # never the whole line: at most the 20 MB limit (+ a copy)
    skips = [i for i in items if not hasattr(i, "text")]
    assert len(skips) == 1 and skips[0].error.code == "E105"


@pytest.mark.parametrize("kind", ["txt", "jsonl"])
def test_a_50_mb_line_is_skipped_and_the_rest_coded(cli, check, huge_inputs, baseline_db, kind):
    started = time.perf_counter()
    r = cli("code", huge_inputs[kind], "--db", baseline_db, "--silent")
    assert time.perf_counter() - started < 60
    assert r.code == 3
    where = f"{huge_inputs[kind]}:2" if kind == "jsonl" else str(huge_inputs[kind])
    assert r.err_lines[0].startswith(f"bilat: skipped E105 {where}: ")
    assert "byte limit" in r.err_lines[0]
    docs = check.intact(baseline_db).documents
    assert "huge" not in docs
    if kind == "jsonl":
        assert {"before", "after"} <= set(docs)


# -- many stories, many names ----------------------------------------------------------------

@pytest.mark.slow
def test_a_story_naming_10000_countries(cli, check, tmp_path, baseline_db):
    from bilat.actors.countries import CountryTable

    names = [c.name for c in CountryTable.load().all()]
    listed = [names[i % len(names)] for i in range(10_000)]
    head = ", ".join(listed[:5000]) + " signed an agreement with Italy."  # one 5,000-name sentence
    rest = " ".join(", ".join(listed[k:k + 10]) + " condemned the attack."
                    for k in range(5000, 10_000, 10))
    path = tmp_path / "crowd.txt"
    path.write_text(head + "\n\n" + rest, encoding="utf-8")
    assert sum(head.count(n) + rest.count(n) for n in set(names)) >= 10_000
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    started = time.perf_counter()
    r = cli("code", path, good, "--db", baseline_db, "--silent")
    elapsed = time.perf_counter() - started
    assert r.code == 0, r.err
    assert elapsed < 60, f"coding took {elapsed:.0f} s"
    after = check.intact(baseline_db)
    assert "crowd" in after.documents and after.documents["good"][1] >= 1


def _tiny_stories(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = f"France met Germany in story {i}." if i % 50 == 0 else f"Story {i} is short."
            f.write(json.dumps({"doc_id": f"tiny-{i}", "text": text}) + "\n")
            if i == n // 2:
                f.write("{not json\n")
    return path


class _NoNlp:
    """A coder that finds no events: isolates reading, look-ups and writes from the NLP."""

    def code_articles(self, articles):
        from bilat.pipeline import CodedArticle

        for a in articles:
            yield CodedArticle(a, (), 1)


@pytest.mark.slow
def test_many_tiny_stories_in_bounded_time(monkeypatch, capsys, check, tmp_path):
    """10^5 stories with BILAT_RELIABILITY_FULL=1 (about a minute), 2x10^4 otherwise: read,
    looked up and stored in time linear in their number; a re-run skips them all quickly."""
    from bilat.interfaces.cli.app import main

    n = 100_000 if os.environ.get("BILAT_RELIABILITY_FULL") else 20_000
    monkeypatch.setattr("bilat.run.Coder", lambda *a, **k: _NoNlp(), raising=False)
    path = _tiny_stories(tmp_path / "tiny.jsonl", n)
    db = tmp_path / "tiny.duckdb"
    args = ["code", str(path), "--db", str(db), "--silent", "--workers", "1"]
    started = time.perf_counter()
    assert main(args) == 3  # the bad line
    first = time.perf_counter() - started
    err = capsys.readouterr().err
    assert f"{n} stories read, {n} coded" in err and f"{path}:{n // 2 + 2}: not valid JSON" in err
    started = time.perf_counter()
    assert main(args) == 3
    again = time.perf_counter() - started
    assert f"{n} unchanged" in capsys.readouterr().err
    assert len(check.intact(db).documents) == n
    # ~0.15-0.5 ms a story on a busy 2-core machine; a per-story query made it 3 ms, re-runs 4 ms
    assert first < 1.5e-3 * n + 10 and again < 0.4e-3 * n + 5, (first, again)


@pytest.mark.slow
def test_tiny_stories_through_the_coder(cli, check, tmp_path):
    n = 2000 if not os.environ.get("BILAT_RELIABILITY_FULL") else 100_000
    path = _tiny_stories(tmp_path / "tiny.jsonl", n)
    db = tmp_path / "tiny.duckdb"
    started = time.perf_counter()
    r = cli("code", path, "--db", db, "--silent", "--workers", "1")
    elapsed = time.perf_counter() - started
    assert r.code == 3 and f"{n} stories read, {n} coded" in r.err
    docs = check.intact(db).documents
    assert len(docs) == n and sum(v[1] for v in docs.values()) >= n // 50
    assert elapsed < 0.02 * n + 10, f"{elapsed:.1f} s for {n} stories"


# -- paths ----------------------------------------------------------------------------------

def test_missing_path_stops_the_run_before_anything_is_stored(cli, check, tmp_path, baseline_db):
    before = check.snapshot(baseline_db)
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    missing = tmp_path / "no-such-story.txt"
    r = cli("code", good, missing, "--db", baseline_db, "--silent")
    assert r.code == 1
    assert r.err_lines == [f"bilat: E101 {missing}: no such file or folder; check the path"]
    assert check.intact(baseline_db) == before  # inputs are checked before any story is coded


def test_missing_store_folder(cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    r = cli("code", good, "--db", tmp_path / "nowhere" / "x.duckdb", "--silent")
    assert r.code == 1 and len(r.err_lines) == 1
    assert r.err_lines[0].startswith("bilat: E501 folder ") and "does not exist" in r.err_lines[0]


def _without_dac() -> list[str] | None:
    """A command prefix that runs a child without the root's power to read any file, or None."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--inh-caps=-dac_override,-dac_read_search",
              "--bounding-set=-dac_override,-dac_read_search", "--"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import os; print(os.access('/root', os.R_OK))"],
                           capture_output=True, text=True)
    return prefix if probe.returncode == 0 else None


@pytest.fixture
def locked_tree(tmp_path):
    top = tmp_path / "tree"
    (top / "locked").mkdir(parents=True)
    (top / "open.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (top / "locked" / "hidden.txt").write_text("Japan pledged economic aid to Kenya.", encoding="utf-8")
    os.chmod(top / "locked", 0)
    yield top
    os.chmod(top / "locked", 0o755)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["named", "inside"])
def test_folder_without_permission(check, tmp_path, locked_tree, which):
    prefix = _without_dac()
    if prefix is None:
        pytest.skip("running as root and cannot drop CAP_DAC_OVERRIDE (no setpriv): "
                    "root reads any folder")
    db = tmp_path / "perm.duckdb"
    target = locked_tree / "locked" if which == "named" else locked_tree
    proc = subprocess.run([*prefix, sys.executable, "-m", "bilat.interfaces.cli.app", "code",
                           str(target), "--db", str(db), "--silent"],
                          capture_output=True, text=True, timeout=120)
    lines = proc.stderr.strip().splitlines()
    reason = f"{locked_tree / 'locked'}: folder cannot be read (Permission denied); check its permissions"
    if which == "named":  # an input that cannot be read at all stops the run, like a missing path
        assert proc.returncode == 1, proc.stderr
        assert lines == [f"bilat: E100 {reason}"]
    else:  # a subfolder that cannot be read is a skip: never lost silently
        assert proc.returncode == 3, proc.stderr
        assert lines[0] == f"bilat: skipped E100 {reason}"
        assert set(check.intact(db).documents) == {"open"}
