"""`bilat bench`: the fixed corpus, the comparison of events, the report and its file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bilat.bench import (
    BEGIN, END, BenchReport, EventDiff, Throughput, WorkerRun, compare_events, render_markdown,
    write_results,
)
from bilat.errors import InputNotFound
from bilat.interfaces.cli.app import main
from bilat.pipeline import CodedArticle
from bilat.scale import corpus
from bilat.schemas import Article, Event


@pytest.fixture
def fake_shared(tmp_path):
    news = tmp_path / "corpus" / "wikinews" / "data"
    news.mkdir(parents=True)
    (news / "wikinews_2019.csv").write_text(
        'url,date,title,text\n'
        'http://a,2019-01-04,A,"Romania and Kazakhstan signed an agreement.\n\nMore text."\n'
        'http://b,2019-02-01,B,""\n'
        'http://c,2019-03-09,C,"Japan and Korea met."\n', encoding="utf-8")
    speeches = tmp_path / "corpus" / "ungdc" / "TXT" / "Session 74 - 2019"
    speeches.mkdir(parents=True)
    (speeches / "AFG_74_2019.txt").write_text(
        "\n".join(f"Paragraph {i} of the speech." for i in range(10)) + "\n", encoding="utf-8")
    (speeches / "ALB_74_2019.txt").write_text("One line.\n", encoding="utf-8")
    return tmp_path


def test_wikinews_stories(fake_shared):
    stories = corpus.wikinews_stories(fake_shared)
    assert [s.doc_id for s in stories] == ["wikinews_2019-0000", "wikinews_2019-0002"]
    assert stories[0].story_date == date(2019, 1, 4) and stories[0].url == "http://a"
    assert len(corpus.wikinews_stories(fake_shared, limit=1)) == 1


def test_ungdc_speeches_and_short_stories(fake_shared):
    speeches = corpus.ungdc_speeches(fake_shared)
    assert [s.doc_id for s in speeches] == ["ungdc-AFG_74_2019", "ungdc-ALB_74_2019"]
    assert speeches[0].story_date == date(2019, 9, 25)
    short = list(corpus.ungdc_short_stories(fake_shared, limit=100, paragraphs=4))
    assert [s.doc_id for s in short] == ["ungdc-AFG_74_2019-000", "ungdc-AFG_74_2019-001",
                                         "ungdc-AFG_74_2019-002", "ungdc-ALB_74_2019-000"]
    assert short[0].text.count("Paragraph") == 4
    assert len(list(corpus.ungdc_short_stories(fake_shared, limit=2))) == 2


def test_an_absent_corpus_is_named(tmp_path):
    with pytest.raises(InputNotFound, match="wikinews"):
        corpus.wikinews_stories(tmp_path)


def test_bench_skips_cleanly_without_the_corpus(tmp_path, capsys):
    assert main(["bench", "--shared", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "skipped" in err and "absent" in err


def _event(doc_id, cameo, source="ROU", sentence="S."):
    return Event(event_id=f"{doc_id}-{cameo}-{source}", doc_id=doc_id, story_date=None, date=None,
                 date_precision="none", historical=False, source_actor=source,
                 source_country=source, target_actor="KAZ", target_country="KAZ", cameo=cameo,
                 root=cameo[:2], quad_class=1, goldstein=1.0, plover=None, count=1,
                 sentence_index=0, sentence=sentence)


def _coded(doc_id, *events):
    return CodedArticle(Article(doc_id=doc_id, text="x y z"), tuple(events), 1)


def test_compare_events():
    base = [_coded("a", _event("a", "042"), _event("a", "036")), _coded("b", _event("b", "040"))]
    fast = [_coded("a", _event("a", "042"), _event("a", "036", source="TUR")),
            _coded("b", _event("b", "040"))]
    diff = EventDiff()
    compare_events(base, fast, diff)
    assert (diff.baseline, diff.fast, diff.only_baseline, diff.only_fast) == (3, 3, 1, 1)
    assert len(diff.examples) == 2 and diff.same_sentence_text == 1


def _report():
    t = Throughput(stories=10, words=1000, sentences=50, parsed=10, events=4, seconds=1.0)
    one = WorkerRun(replace(t, seconds=2.0), startup=1.0, rss_early=300 * 2**20,
                    rss_end=310 * 2**20, peak_rss=400 * 2**20, event_ids=7, busy=10.0, cpu=9.0)
    return BenchReport(config={"workers": 2}, machine={"cpu": "test"}, speed_corpus="c",
                       baseline=replace(t, seconds=4.0), fast=t, diff=EventDiff(4, 4),
                       scale_corpus="s", one_worker=one,
                       n_workers=replace(one, throughput=replace(t, seconds=1.25)),
                       dask=replace(one, throughput=replace(t, seconds=1.6), event_ids=8,
                                    events=frozenset({("d1", "e1")})), seconds=9.0)


def test_render_markdown_gives_ratios_and_targets():
    text = render_markdown(_report(), today=date(2026, 1, 2))
    assert "Measured 2026-01-02" in text
    assert "**4.00×** (target ≥ 8×)" in text
    assert "**1.60×** wall time (target ≥ 1.7×)" in text
    assert "events identical" in text and "DIFFERENT in 1 stories (d1)" in text
    assert "(growth +10 MB)" in text and "400 MB per worker" in text
    assert "1 worker 90%" in text


def test_write_results_replaces_only_the_marked_region(tmp_path):
    doc = tmp_path / "BENCHMARKS.md"
    doc.write_text(f"# Title\n\nintro\n\n{BEGIN}\nold\n{END}\n\nafter\n", encoding="utf-8")
    write_results(doc, "new figures\n")
    text = doc.read_text(encoding="utf-8")
    assert "old" not in text and "new figures" in text
    assert text.startswith("# Title\n\nintro") and text.endswith("after\n")
    fresh = tmp_path / "NEW.md"
    write_results(fresh, "figures\n")
    assert BEGIN in fresh.read_text(encoding="utf-8")
