"""Acceptance: the seed story, scored with the shared scorer's rules, and its profile."""

import json

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.fixture(scope="module")
def seed_events(coder, seed_story):
    from bilat.ingest import read_inputs
    from bilat.schemas import Article

    (art,) = [a for a in read_inputs([str(seed_story)]) if isinstance(a, Article)]
    return art, coder.code_article(art).events


def test_every_required_gold_event_found_and_at_most_one_extra(seed_events, seed_story):
    from bilat.evaluation.score import gold_from_records, preds_from_records, score

    _, events = seed_events
    gold_path = seed_story.with_name(seed_story.stem + ".gold.jsonl")
    gold = gold_from_records(json.loads(l) for l in gold_path.read_text().splitlines() if l.strip())
    report = score(gold, preds_from_records(e.to_dict() for e in events))
    full = report.levels["full"]
    assert full.fn == 0, report.false_negatives
    assert full.fp <= 1, report.false_positives


def test_seed_story_dates_and_counts(seed_events):
    _, events = seed_events
    by = {(e.source_country, e.target_country, e.cameo, (e.date or "")[:4]): e for e in events}
    est = by.get(("KAZ", "ROU", "054", "1992")) or by.get(("ROU", "KAZ", "054", "1992"))
    assert est is not None and est.historical
    assert by[("KAZ", "ROU", "042", "2007")].source_actor == "KAZGOV"
    visit2010 = by[("ROU", "KAZ", "042", "2010")]
    assert visit2010.count == 2 and visit2010.source_actor == "ROUGOV"


def test_profile_after_coding_the_seed(tmp_path, seed_story):
    from bilat.interfaces.cli.app import main

    db = str(tmp_path / "seed.duckdb")
    assert main(["code", str(seed_story), "--db", db, "--silent"]) == 0
    from bilat.analysis import build_profile, render_text
    from bilat.store import Store

    with Store.open(db, read_only=True) as store:
        text = render_text(build_profile(store, "KAZ", "ROU"))
    assert "1992" in text
    assert "2007" in text and "Nazarbayev" in text
    assert "2010" in text and "President of Romania" in text and "×2" in text
    assert "consultations" in text.lower()
