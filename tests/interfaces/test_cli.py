"""The `bilat` command line end to end: exit codes, one-line errors, idempotent coding."""

import json
from pathlib import Path

import pytest

from bilat.interfaces.cli.app import main

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "bilat" / "data" / "samples"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    assert main(["code", str(SAMPLES), "--db", str(db), "--silent"]) == 0
    return db


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_coding_samples_stores_events_for_several_dyads(demo_db, capsys):
    code, out, _ = run(capsys, "events", "--db", str(demo_db), "--format", "jsonl")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    dyads = {frozenset((e["source_country"], e["target_country"])) for e in events}
    assert {frozenset(("KAZ", "ROU")), frozenset(("JPN", "KOR"))} <= dyads
    for e in events:
        assert len(e["cameo"]) in (3, 4) and e["root"] == e["cameo"][:2]
        assert -10 <= e["goldstein"] <= 10 and e["quad_class"] in (1, 2, 3, 4)


def test_recoding_the_same_input_adds_nothing(demo_db, capsys):
    _, before, _ = run(capsys, "events", "--db", str(demo_db), "--format", "jsonl")
    code, _, err = run(capsys, "code", str(SAMPLES), "--db", str(demo_db), "--silent")
    assert code == 0
    assert "0 coded" in err and "unchanged" in err
    _, after, _ = run(capsys, "events", "--db", str(demo_db), "--format", "jsonl")
    assert before == after


def test_edited_story_replaces_its_events(tmp_path, capsys):
    db = str(tmp_path / "e.duckdb")
    story = tmp_path / "story.txt"
    story.write_text("In 2010, the President of Romania visited Kazakhstan.", encoding="utf-8")
    assert run(capsys, "code", str(story), "--db", db, "--silent")[0] == 0
    story.write_text("In 2011, Kazakhstan criticized Romania.", encoding="utf-8")
    assert run(capsys, "code", str(story), "--db", db, "--silent")[0] == 0
    _, out, _ = run(capsys, "events", "--db", db, "--format", "jsonl")
    events = [json.loads(line) for line in out.splitlines()]
    assert [e["cameo"] for e in events] == ["111"]


def test_missing_input_is_one_line_and_exit_1(tmp_path, capsys):
    code, _, err = run(capsys, "code", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "x.duckdb"))
    assert code == 1
    assert "nope.txt" in err and len(err.strip().splitlines()) == 1


def test_bad_story_is_skipped_and_the_others_coded(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text("In 2010, the President of Romania visited Kazakhstan.", encoding="utf-8")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (d / "empty.txt").write_text("   \n", encoding="utf-8")
    db = str(tmp_path / "b.duckdb")
    code, _, err = run(capsys, "code", str(d), "--db", db, "--silent")
    assert code == 3
    assert "image.txt" in err and "empty.txt" in err
    _, out, _ = run(capsys, "events", "--db", db, "--format", "jsonl")
    assert any(json.loads(l)["doc_id"] == "good" for l in out.splitlines())


@pytest.mark.parametrize("argv, fragment", [
    (["events", "--dyad", "KAZ", "XYZ"], "XYZ"),
    (["events", "--since", "2020-13"], "2020-13"),
    (["events", "--root", "99"], "root"),
    (["profile", "KAZ", "QQQ"], "QQQ"),
    (["profile", "KAZ", "KAZ"], "KAZ"),
])
def test_bad_query_parameters(demo_db, capsys, argv, fragment):
    code, out, err = run(capsys, *argv, "--db", str(demo_db))
    assert code == 1
    assert fragment in err and out == ""


def test_bad_story_date_option(tmp_path, capsys):
    story = tmp_path / "s.txt"
    story.write_text("Kazakhstan praised Romania.", encoding="utf-8")
    code, _, err = run(capsys, "code", str(story), "--story-date", "15/07/2017",
                       "--db", str(tmp_path / "d.duckdb"))
    assert code == 1 and "15/07/2017" in err


def test_query_on_a_missing_database(tmp_path, capsys):
    code, _, err = run(capsys, "events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and "none.duckdb" in err


def test_profile_formats(demo_db, capsys):
    code, out, _ = run(capsys, "profile", "KAZ", "ROU", "--db", str(demo_db), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["established"] is not None and data["established"]["date"].startswith("1992")
    code, out, _ = run(capsys, "profile", "kaz", "rou", "--db", str(demo_db), "--format", "markdown")
    assert code == 0 and out.startswith("#")


def test_jsonl_output_of_a_run(tmp_path, capsys):
    story = tmp_path / "s.txt"
    story.write_text("In 2010, the President of Romania visited Kazakhstan twice.", encoding="utf-8")
    out = tmp_path / "ev.jsonl"
    assert run(capsys, "code", str(story), "--db", str(tmp_path / "j.duckdb"), "--jsonl", str(out))[0] == 0
    (ev,) = [json.loads(l) for l in out.read_text().splitlines()]
    assert (ev["source_country"], ev["target_country"], ev["cameo"], ev["count"]) == ("ROU", "KAZ", "042", 2)
    assert ev["date"] == "2010" and ev["date_precision"] == "year"


def test_evaluate_matches_the_shared_scorer(tmp_path, capsys, seed_story):
    import subprocess
    import sys

    pred = tmp_path / "pred.jsonl"
    assert run(capsys, "code", str(seed_story), "--db", str(tmp_path / "s.duckdb"),
               "--jsonl", str(pred), "--silent")[0] == 0
    gold = seed_story.with_name(seed_story.stem + ".gold.jsonl")
    code, ours, _ = run(capsys, "evaluate", str(gold), str(pred), "--format", "json")
    assert code == 0
    theirs = subprocess.run([sys.executable, str(seed_story.parents[2] / "tools" / "score.py"),
                             str(gold), str(pred), "--json"], capture_output=True, text=True, check=True)
    assert json.loads(ours)["levels"] == json.loads(theirs.stdout)["levels"]


def test_data_check_passes_on_the_bundled_table(capsys):
    code, out, _ = run(capsys, "data", "check")
    assert code == 0 and "0 errors" in out


def test_data_check_fails_on_a_broken_table(tmp_path, capsys):
    bad = tmp_path / "leaders.tsv"
    bad.write_text("this is not a leaders table\n", encoding="utf-8")
    code, _, err = run(capsys, "data", "check", str(bad))
    assert code == 1 and "leaders.tsv" in err


def test_version(capsys):
    from bilat import __version__

    assert run(capsys, "version") == (0, __version__ + "\n", "")


def test_help_of_every_command_has_an_example(capsys):
    for cmd in (["code"], ["events"], ["profile"], ["evaluate"], ["data", "check"]):
        code, out, _ = run(capsys, *cmd, "--help")
        assert code == 0 and "Example" in out, cmd


def test_code_with_petrarch_dictionaries(tmp_path, capsys, shared):
    folder = shared / "eval" / "petr-validation-suite" / "petrarch2"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    story = tmp_path / "s.txt"
    story.write_text("Arnor signed an agreement with Gondor on Monday.", encoding="utf-8")
    db = str(tmp_path / "p.duckdb")
    assert run(capsys, "code", str(story), "--db", db, "--silent", "--dictionaries", str(folder))[0] == 0
    _, out, _ = run(capsys, "events", "--db", db, "--format", "jsonl")
    (ev,) = [json.loads(line) for line in out.splitlines()]
    assert (ev["source_country"], ev["target_country"]) == ("ARN", "GON")


def test_code_with_a_missing_dictionary_folder(tmp_path, capsys):
    story = tmp_path / "s.txt"
    story.write_text("Arnor signed an agreement with Gondor.", encoding="utf-8")
    code, _, err = run(capsys, "code", str(story), "--db", str(tmp_path / "m.duckdb"),
                       "--dictionaries", str(tmp_path / "nowhere"))
    assert code == 1 and "nowhere" in err
