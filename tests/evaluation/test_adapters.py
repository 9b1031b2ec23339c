"""Tests for the gold-set adapters and the `python -m bilat.evaluation` runner.

Each adapter reads its own two-record fixture (tests/evaluation/fixtures/shared,
invented sentences in the originals' formats) and is scored against a fake
coder that returns chosen events, so no spaCy model is loaded. One slow test
runs an adapter on the real data with the real coder.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest

from bilat import ontology
from bilat.errors import BadParameter, InputNotFound, MalformedInput
from bilat.evaluation import runner
from bilat.evaluation.__main__ import main
from bilat.evaluation.adapters import ADAPTERS, get_adapter
from bilat.evaluation.adapters.base import SetResult, evenly
from bilat.evaluation.adapters.cameo_manual import CameoManual, clean_example, repair_mojibake
from bilat.evaluation.adapters.codes import country_by_name, igo_in_text, petr_actor
from bilat.evaluation.adapters.conflibert_cameo import ConflibertCameo, penta_class
from bilat.evaluation.adapters.hsg_rdcr import HsgRdcr, establishment, parse_article
from bilat.evaluation.adapters.petr2_gsr import Petr2Gsr, PetrRecord, gold_events
from bilat.evaluation.adapters.plover_gsr import PloverGsr, plover_gold
from bilat.evaluation.adapters.seed import Seed
from bilat.pipeline import CodedArticle
from bilat.schemas import Article, Event

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = FIXTURES / "shared"


# --- a fake coder -------------------------------------------------------------------

def ev(doc_id: str, src: str | None, tgt: str | None, cameo: str,
       when: str | None = "2019-03-12", count: int = 1, *, precision: str = "day",
       trigger: str = "met") -> Event:
    info = ontology.get(cameo)
    return Event(event_id=f"{doc_id}-{cameo}", doc_id=doc_id, story_date=None, date=when,
                 date_precision=precision, historical=False, source_actor=src,
                 source_country=src, target_actor=tgt, target_country=tgt, cameo=cameo,
                 root=info.root, quad_class=info.quad_class, goldstein=info.goldstein,
                 plover=info.plover, count=count, sentence_index=0,
                 sentence="an invented sentence", trigger=trigger)


class FakeCoder:
    """Returns the events it was given for each doc_id; records what it was asked."""

    def __init__(self, events: Iterable[Event] = ()) -> None:
        self.by_doc: dict[str, list[Event]] = {}
        for e in events:
            self.by_doc.setdefault(e.doc_id, []).append(e)
        self.seen: list[str] = []

    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        for a in articles:
            self.seen.append(a.doc_id)
            yield CodedArticle(a, tuple(self.by_doc.get(a.doc_id, ())), 1)


def run(adapter, events: Iterable[Event] = (), *, shared: Path = SHARED, **kw) -> SetResult:
    loaded = adapter.load(shared)
    coder = FakeCoder(events)
    return adapter.score(loaded, list(coder.code_articles(loaded.articles)), **kw)


# --- actor codes -----------------------------------------------------------------------

@pytest.mark.parametrize(("code", "country"), [
    ("USAGOV", "USA"), ("PSEGZA", "PSE"), ("SYRREB", "SYR"), ("IGOEUREEC", "EU"),
    ("IGOUNOMIL", "UN"), ("IGOUNODEVWBK", "WB"), ("IGOWSTNAT", "NATO"), ("---REB", None),
    ("IMGMUSISI", None), ("", None), (None, None), ("IGO", None),
])
def test_petr_actor_codes(code: str | None, country: str | None) -> None:
    assert petr_actor(code) == country


@pytest.mark.parametrize(("name", "iso3"), [
    ("Kazakhstan", "KAZ"), ("The Bahamas", "BHS"), ("Burkina Faso (Upper Volta)", "BFA"),
    ("Cote d’Ivoire (Ivory Coast)", "CIV"), ("The United Kingdom", "GBR"),
    ("Republic of Korea (South Korea)", "KOR"), ("Baden*", None), ("Atlantis", None),
])
def test_country_by_name(name: str, iso3: str | None) -> None:
    assert country_by_name(name) == iso3


@pytest.mark.parametrize(("text", "igo"), [
    ("United Nations peacekeepers", "UN"), ("U.N. Security Council", "UNSC"),
    ("Arab League envoy", "ARL"), ("the un-named delegates", None), ("Red Cross", None),
])
def test_igo_in_text(text: str, igo: str | None) -> None:
    assert igo_in_text(text) == igo


@pytest.mark.parametrize(("n", "limit", "expected"), [
    (10, None, list(range(10))), (10, 20, list(range(10))), (10, 5, [0, 2, 4, 6, 8]),
    (10, 1, [0]), (3, 0, []),
])
def test_evenly_spreads_the_sample(n: int, limit: int | None, expected: list[int]) -> None:
    assert evenly(list(range(n)), limit) == expected


# --- petr2-gsr -------------------------------------------------------------------------

def test_petr2_reads_the_xml_and_maps_actors() -> None:
    loaded = Petr2Gsr().load(SHARED)
    assert [c.article.doc_id for c in loaded.cases] == ["FIX_1", "FIX_2"]
    first, second = (c.gold for c in loaded.cases)
    # the empty <Text> is rebuilt from the parse, SpaceAfter=No honoured
    assert loaded.cases[0].article.text == "Norway wants talks with the EU."
    assert loaded.cases[0].article.story_date == date(2019, 3, 12)
    assert [(e["source"], e["target"], e["root"], e["optional"]) for e in first.events] == [
        ("NOR", "EU", "03", False), ("CHL", "CHL", "04", True)]
    assert first.dropped == (("---REB", "NOR", "190"),)
    assert second.record.noevents and second.events == ()
    assert "Tromso repaired their boats before" in loaded.cases[1].article.text


def test_petr2_falls_back_to_the_derived_jsonl() -> None:
    loaded = Petr2Gsr().load(FIXTURES / "petr2-jsonl")
    assert [c.article.doc_id for c in loaded.cases] == ["FIXJ_1", "FIXJ_2"]
    assert {(e["source"], e["target"]) for e in loaded.cases[0].gold.events} == {
        ("CHL", "PER"), ("PER", "CHL")}
    assert loaded.cases[1].gold.record.noevents


def test_petr2_scores_no_event_sentences_as_false_positives() -> None:
    result = run(Petr2Gsr(), [ev("FIX_1", "NOR", "EU", "036"),
                              ev("FIX_1", "CHL", "CHL", "042"),  # domestic: optional gold
                              ev("FIX_2", "NOR", "SWE", "042")])
    assert (result.precision, result.recall) == (0.5, 1.0)
    assert result.headline == pytest.approx(2 / 3)
    kinds = result.error_kinds()
    assert kinds["extra: event on a no-event sentence"] == 1
    assert kinds["gold: an actor bilat cannot code (dropped)"] == 1
    assert result.extra["fp_on_no_event"] == 1


@pytest.mark.parametrize(("pred", "kind"), [
    (None, "miss: no event coded in the text"),
    (("NOR", "EU", "042"), "miss: dyad right, root wrong"),
    (("EU", "NOR", "036"), "miss: dyad reversed"),
    (("SWE", "EU", "036"), "miss: root right, actors wrong"),
])
def test_petr2_classifies_misses(pred: tuple[str, str, str] | None, kind: str) -> None:
    events = [ev("FIX_1", *pred)] if pred else []
    result = run(Petr2Gsr(), events)
    assert result.recall == 0.0
    assert result.error_kinds()[kind] == 1


def test_petr2_domestic_gold_is_optional_and_unknown_actors_dropped() -> None:
    rec = PetrRecord("X", None, "text", (("GEOOPP", "GEOGOV", "042"), ("---", "GEO", "190"),
                                          ("GEO", "ARM", "XX")), False)
    gold = gold_events(rec)
    assert [e["optional"] for e in gold.events] == [True]
    assert len(gold.dropped) == 2


def test_petr2_malformed_jsonl_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "eval" / "petr2-gsr" / "derived"
    folder.mkdir(parents=True)
    (folder / "PETR2_GSR_validation.jsonl").write_text('{"id": "a", "text": "x"}\nnot json\n')
    with pytest.raises(MalformedInput, match="PETR2_GSR_validation.jsonl:2"):
        Petr2Gsr().load(tmp_path)


# --- plover-gsr ------------------------------------------------------------------------

def test_plover_reads_records_pairs_and_fixes_codes() -> None:
    loaded = PloverGsr().load(SHARED)
    assert loaded.total == 2  # the DOCUMENT header has no text
    agree, demand = (c.gold for c in loaded.cases)
    assert agree.type == "AGREE" and agree.reciprocal and agree.pairs == (("JPN", "CHL"),)
    assert demand.type == "REQUEST" and demand.gold_type == "DEMAND"
    assert demand.pairs == (("UN", "NPL"),) and not demand.reciprocal
    assert any("JAP->JPN" in n for n in loaded.notes)


@pytest.mark.parametrize(("events", "accuracy", "kind"), [
    ([ev("PLOVER-GSR01-AGREE-0001", "CHL", "JPN", "030"),
      ev("PLOVER-GSR01-DEMAND-0001", "UN", "NPL", "100")], 1.0, None),
    ([ev("PLOVER-GSR01-AGREE-0001", "JPN", "CHL", "030"),
      ev("PLOVER-GSR01-DEMAND-0001", "NPL", "UN", "100")], 0.5, "dyad reversed"),
    ([ev("PLOVER-GSR01-AGREE-0001", "JPN", "CHL", "040")], 0.0, "dyad right, type wrong"),
    ([ev("PLOVER-GSR01-DEMAND-0001", "UN", "IND", "100")], 0.0, "type right, actors wrong"),
    ([], 0.0, "no event coded"),
])
def test_plover_accuracy_needs_type_and_dyad(events: list[Event], accuracy: float,
                                             kind: str | None) -> None:
    result = run(PloverGsr(), events)
    assert result.size == 2
    assert result.headline == accuracy
    if kind is not None:
        assert result.error_kinds()[kind] >= 1


def test_plover_domestic_or_unknown_actors_give_no_pair() -> None:
    assert plover_gold({"id": "a", "event": "PROTEST", "source": [{"code": "NPL"}],
                        "target": [{"code": "NPL"}]}).pairs == ()
    assert plover_gold({"id": "b", "event": "ASSAULT", "source": [{"code": "IMG"}],
                        "target": [{"code": "NPL"}]}).pairs == ()
    assert plover_gold({"id": "c", "event": "FIGHT", "source": [{"code": "IND"}],
                        "target": ""}).pairs == ()
    assert plover_gold({"id": "d", "event": "FIGHT"}).type == "ASSAULT"


# --- cameo-manual ----------------------------------------------------------------------

def test_cameo_manual_cleans_texts() -> None:
    assert repair_mojibake("Iceland‚Äôs premier") == "Iceland’s premier"
    assert clean_example("A met B.  Note: coded as 040.") == "A met B."
    loaded = CameoManual().load(SHARED)
    assert [c.article.doc_id for c in loaded.cases] == ["cameo-036", "cameo-0841"]
    assert loaded.cases[0].article.text == (
        "Iceland’s premier said he would meet the Danish prime minister next month.")
    assert loaded.cases[1].gold.root == "08"


def test_cameo_manual_scores_only_examples_naming_two_actors() -> None:
    def finder(texts):
        return [frozenset({"ISL", "DNK"}) if "Iceland" in t else frozenset() for t in texts]

    right = run(CameoManual(), [ev("cameo-036", "ISL", "DNK", "036")], actor_finder=finder)
    assert (right.size, right.headline) == (1, 1.0)
    wrong = run(CameoManual(), [ev("cameo-036", "ISL", "DNK", "042"),
                                ev("cameo-036", "ISL", "DNK", "036")], actor_finder=finder)
    assert wrong.headline == 0.0 and wrong.extra["any_event"] == 1.0
    assert wrong.error_kinds() == {"gold root not the first event": 1}
    with pytest.raises(BadParameter, match="actor finder"):
        run(CameoManual())


# --- conflibert-cameo ------------------------------------------------------------------

@pytest.mark.parametrize(("root", "label"), [
    ("01", "0"), ("02", "0"), ("04", "1"), ("07", "2"), ("09", "3"), ("16", "3"),
    ("14", "4"), ("19", "4"), (None, "none"),
])
def test_penta_class(root: str | None, label: str) -> None:
    assert penta_class(root) == label


def test_conflibert_confusion_and_no_event() -> None:
    result = run(ConflibertCameo(), [ev("conflibert-test-1", "ISL", "DNK", "111")])
    assert result.size == 2
    assert result.headline == 0.5  # line 2 (material coop) has no event: wrong
    assert result.extra["coverage"] == 0.5 and result.extra["accuracy_when_coded"] == 1.0
    assert result.confusion is not None
    assert result.confusion.counts["3"]["3"] == 1 and result.confusion.counts["2"]["none"] == 1
    assert result.error_kinds() == {"no event coded": 1}
    assert "none" in result.confusion.format()


def test_no_event_rows_split_by_the_gazetteer() -> None:
    def finder(texts):
        return [frozenset({"ISL", "DNK"}) if "Iceland" in t else frozenset({"PRT"})
                for t in texts]

    result = run(ConflibertCameo(), actor_finder=finder)
    assert result.error_kinds() == {"no event coded (two+ actors named)": 1,
                                    "no event coded (fewer than two actors found)": 1}


def test_conflibert_rejects_a_bad_label(tmp_path: Path) -> None:
    folder = tmp_path / "eval" / "conflibert-cameo" / "cameo_class"
    folder.mkdir(parents=True)
    (folder / "test.tsv").write_text("A sentence.\t7\n")
    with pytest.raises(MalformedInput, match="test.tsv:1"):
        ConflibertCameo().load(tmp_path)


# --- hsg-rdcr --------------------------------------------------------------------------

def test_hsg_reads_prose_gold_and_story_date() -> None:
    loaded = HsgRdcr().load(SHARED)
    (case,) = loaded.cases
    assert case.gold.iso3 == "MDA" and case.gold.when == "1992-02-18" and case.gold.full
    text = case.article.text
    assert "established diplomatic relations on February 18, 1992" in text
    assert "invented later entry" in text  # <item> blocks are prose too
    assert "end of 1991. A sentence after the figure is read." in text
    assert "Establishment of" not in text and "not read" not in text  # heads, figures, bibl
    assert case.article.story_date == date(1999, 12, 31)
    assert any("Duchy of Elsewhere" in n for n in loaded.notes)


def test_hsg_head_without_date_markup_gives_its_year() -> None:
    tei = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div type="timeline">'
           '<head>Establishment of Diplomatic Relations, 1903.</head><p>x</p></div>'
           '<div type="timeline"><head>70th Anniversary of Establishment of Diplomatic '
           'Relations, <date when="1973">1973</date>.</head></div></body></text></TEI>')
    assert establishment(parse_article(tei, stem="x")) == (
        "1903", "Establishment of Diplomatic Relations, 1903.")


@pytest.mark.parametrize(("events", "year_ok", "full_ok", "kind"), [
    ([ev("hsg-moldova", "USA", "MDA", "054", "1992-02-18")], 1.0, 1.0, None),
    ([ev("hsg-moldova", "MDA", "USA", "054", "1992")], 1.0, 0.0,
     "year right, day wrong or missing"),
    ([ev("hsg-moldova", "USA", "MDA", "054", "1991-12-25", trigger="recognized"),
      ev("hsg-moldova", "USA", "MDA", "054", "1992-02-18")], 0.0, 0.0,
     "recognition (054) dated before the establishment"),
    ([ev("hsg-moldova", "USA", "MDA", "054", "1990", trigger="opened")], 0.0, 0.0,
     "054 dated too early"),
    ([ev("hsg-moldova", "USA", "MDA", "042", "1992-02-18")], 0.0, 0.0, "no 054 event"),
    ([ev("hsg-moldova", "ROU", "MDA", "054", "1992-02-18")], 0.0, 0.0,
     "054 only between other actors"),
    ([ev("hsg-moldova", "USA", "MDA", "054", "1992-12-31", precision="story")], 0.0, 0.0,
     "054 for the dyad, but no date from the text"),
    ([ev("hsg-moldova", "USA", "MDA", "054", "1999")], 0.0, 0.0,
     "054 dated too late (establishment not dated)"),
])
def test_hsg_compares_the_earliest_054(events: list[Event], year_ok: float, full_ok: float,
                                       kind: str | None) -> None:
    result = run(HsgRdcr(), events)
    assert result.headline == year_ok
    assert result.extra["full_date_share"] == full_ok
    if kind is not None:
        assert result.error_kinds() == {kind: 1}


# --- seed --------------------------------------------------------------------------------

@pytest.mark.parametrize(("events", "recall", "outside", "met"), [
    ([ev("fixture-story", "AGO", "PRT", "054", "1976"),
      ev("fixture-story", "PRT", "AGO", "042", "2012")], 1.0, 0, True),
    ([ev("fixture-story", "PRT", "AGO", "054", "1976"),
      ev("fixture-story", "PRT", "AGO", "042", "2012"),
      ev("fixture-story", "PRT", "AGO", "043", "2016")], 1.0, 1, True),
    ([ev("fixture-story", "PRT", "AGO", "054", "1976", count=3),
      ev("fixture-story", "PRT", "AGO", "042", "2012")], 1.0, 2, False),
    ([ev("fixture-story", "PRT", "AGO", "054", "2016")], 0.0, 1, False),
])
def test_seed_recall_and_predictions_outside_gold(events: list[Event], recall: float,
                                                  outside: int, met: bool) -> None:
    adapter = Seed()
    loaded = adapter.load(SHARED)
    (case,) = loaded.cases
    assert case.article.doc_id == "fixture-story" and case.article.story_date == date(2016, 3, 3)
    result = run(adapter, events)
    assert (result.size, result.headline, result.extra["outside_gold"]) == (2, recall, outside)
    assert adapter.meets_target(result) is met


def test_seed_needs_a_story_with_its_gold(tmp_path: Path) -> None:
    folder = tmp_path / "corpus" / "seed"
    folder.mkdir(parents=True)
    (folder / "lonely.txt").write_text("Chile and Peru met.")  # no lonely.gold.jsonl
    with pytest.raises(InputNotFound, match="no story NAME.txt beside a NAME.gold.jsonl"):
        Seed().load(tmp_path)


# --- registry and runner -----------------------------------------------------------------

def test_registry_order_and_unknown_set() -> None:
    assert list(ADAPTERS) == ["seed", "petr2-gsr", "plover-gsr", "cameo-manual",
                              "conflibert-cameo", "hsg-rdcr"]
    assert runner.parse_sets("hsg-rdcr, seed") == ["seed", "hsg-rdcr"]
    assert runner.parse_sets(None) == list(ADAPTERS)
    with pytest.raises(BadParameter, match="unknown gold set 'nope'"):
        get_adapter("nope")


def test_run_sets_skips_absent_data_without_building_a_coder(tmp_path: Path) -> None:
    def no_coder():
        raise AssertionError("the coder must not be built when no set loads")

    outcomes = runner.run_sets(["seed", "petr2-gsr"], make_coder=no_coder, shared=tmp_path)
    assert [o.skipped is not None and o.skipped.startswith("absent:") for o in outcomes] == [
        True, True]
    table = runner.format_table(outcomes, runner.Baseline())
    assert "skipped: absent" in table


def test_run_sets_codes_each_set_with_one_coder() -> None:
    coder = FakeCoder([ev("FIX_1", "NOR", "EU", "036")])
    outcomes = runner.run_sets(["petr2-gsr", "conflibert-cameo"], coder=coder, shared=SHARED,
                               limit=1)
    assert coder.seen == ["FIX_1", "conflibert-test-1"]
    assert outcomes[0].result is not None and outcomes[0].result.headline == 1.0
    assert outcomes[0].met is True and outcomes[1].met is False


def _outcome(name: str, headline: float, size: int = 10) -> runner.SetOutcome:
    result = SetResult(name=name, size=size, metric="accuracy", headline=headline,
                       accuracy=headline, extra={"coverage": 0.5})
    return runner.SetOutcome(name, 0.7, result, headline >= 0.7)


def test_baseline_round_trip_table_and_delta(tmp_path: Path) -> None:
    doc = tmp_path / "ACCURACY.md"
    doc.write_text("# Accuracy\n\nhand-written text\n")
    assert runner.read_baseline(doc) == runner.Baseline()
    runner.write_baseline(doc, [_outcome("plover-gsr", 0.5), _outcome("seed", 1.0)],
                          today=date(2024, 1, 2))
    base = runner.read_baseline(doc)
    assert base.date == "2024-01-02" and base.headline("plover-gsr") == 0.5
    assert base.sets["plover-gsr"]["coverage"] == 0.5 and base.sets["plover-gsr"]["met"] is False
    # a second run of one set keeps the other's figures and the hand-written text
    runner.write_baseline(doc, [_outcome("plover-gsr", 0.75)], today=date(2024, 2, 3))
    text = doc.read_text()
    assert text.startswith("# Accuracy\n\nhand-written text\n") and text.count(runner.BEGIN) == 1
    base = runner.read_baseline(doc)
    assert base.headline("plover-gsr") == 0.75 and base.headline("seed") == 1.0
    assert base.sets["seed"]["date"] == "2024-01-02"
    table = runner.format_table([_outcome("plover-gsr", 0.8)], base)
    row = next(line for line in table.splitlines() if line.startswith("plover-gsr"))
    assert "0.800" in row and " 0.750" in row and "+0.050" in row and "met" in row
    assert "recorded 2024-02-03" in table


def test_broken_baseline_block_is_reported(tmp_path: Path) -> None:
    doc = tmp_path / "ACCURACY.md"
    doc.write_text(f"{runner.BEGIN}\n```json\n{{not json\n```\n{runner.END}\n")
    with pytest.raises(MalformedInput, match="not JSON"):
        runner.read_baseline(doc)


def test_details_lists_kinds_and_errors() -> None:
    outcome = runner.run_sets(["conflibert-cameo"], coder=FakeCoder(), shared=SHARED)[0]
    text = runner.format_details(outcome)
    assert "2  no event coded" in text and "confusion matrix" in text
    assert "conflibert-test-2" in text


@pytest.mark.parametrize("argv", [
    ["--write", "--limit", "3"], ["--sets", "nope"], ["--details", "seed,hsg-rdcr"],
    ["--limit", "0", "--shared", "/nonexistent"],
])
def test_main_rejects_bad_options_before_coding(argv: list[str],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 1
    assert capsys.readouterr().err.startswith("bilat: E203")


def test_main_reports_absent_sets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "ACCURACY.md"
    doc.write_text("# Accuracy\n")
    assert main(["--shared", str(tmp_path), "--doc", str(doc), "--sets", "seed"]) == 0
    out = capsys.readouterr().out
    assert "seed" in out and "skipped: absent" in out
    assert main(["--shared", str(tmp_path), "--doc", str(doc), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sets"] == {}


# --- the real data, the real coder ------------------------------------------------------

@pytest.mark.slow
@pytest.mark.shared
def test_petr2_on_the_real_data_with_the_real_coder(shared: Path, coder) -> None:
    (outcome,) = runner.run_sets(["petr2-gsr"], coder=coder, shared=shared, limit=5)
    assert outcome.result is not None and outcome.result.size == 5
    assert 0.0 <= outcome.result.headline <= 1.0
    assert outcome.result.extra["gold_events"] >= 1
