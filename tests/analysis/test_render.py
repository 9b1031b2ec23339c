"""The three renderings of a DyadProfile: terminal text, Markdown, JSON-ready dict."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bilat.analysis import build_profile, profile_to_dict, render_markdown, render_text
from bilat.analysis.profile import DyadProfile
from bilat.store import Store

NAMES = {"KAZ": "Kazakhstan", "ROU": "Romania"}
DOC = "kazinform-kaz-rou-2017-07-15"
LONG = ("On July 15, 2017 the Republic of Kazakhstan and Romania celebrated 25 years of "
        "diplomatic relations.")


@pytest.fixture
def profile(memory_store: Store, make_article, make_event) -> DyadProfile:
    e = make_event
    memory_store.write_story(
        make_article(DOC, date(2017, 7, 15), title="Kazakhstan | Romania: 25 years",
                     url="https://example.org/k"),
        [
            e(DOC, 0, "054", "KAZ", "ROU", "1992", historical=True, sentence=LONG, goldstein=5.0),
            e(DOC, 1, "042", "KAZ", "ROU", "2007", historical=True,
              source_text="President of the Republic of Kazakhstan Nursultan Nazarbayev"),
            e(DOC, 2, "043", "KAZ", "ROU", "2010", historical=True, count=2,
              target_text="the President of Romania"),
            e(DOC, 3, "057", "ROU", "KAZ", "2017-07-15", goldstein=8.0,
              sentence="They signed a treaty | with a pipe."),
            e(DOC, 4, "046", "ROU", "KAZ", "2017-07", goldstein=7.0, quad_class=1),
        ],
    )
    return build_profile(memory_store, "KAZ", "ROU", names=NAMES)


def test_text_report(profile: DyadProfile) -> None:
    text = render_text(profile)
    lines = text.splitlines()
    assert lines[0] == "Kazakhstan – Romania  (KAZ–ROU)"
    assert lines[1].startswith('Relations established: 1992  ("On July 15, 2017')
    assert f"[{DOC}]" in lines[2] and lines[2].startswith("  ")  # wrapped, indented
    visits = lines.index("Visits:")
    assert lines[visits + 1] == (
        "  2007        KAZ → ROU  President of the Republic of Kazakhstan Nursultan Nazarbayev")
    assert lines[visits + 2] == "  2010  ×2    ROU → KAZ  the President of Romania"
    assert "Consultations:" in lines and "Agreements:" in lines and "Cooperation: none" in lines
    year_header = lines.index("Events by year:") + 1
    assert lines[year_header].split() == ["year", "n", "verb.coop", "mat.coop", "verb.conf",
                                          "mat.conf", "Goldstein"]
    assert lines[year_header + 1].split() == ["1992", "1", "1", "0", "0", "0", "+5.00"]
    assert lines[year_header + 4].split() == ["2017", "2", "2", "0", "0", "0", "+7.50"]
    assert any(line.startswith("Total: 5 events (1992 – 2017-07-15)") for line in lines)
    assert f"  2017-07-15  {DOC}  Kazakhstan | Romania: 25 years  (5 events)" in lines
    assert all(len(line) <= 100 for line in lines)
    assert text.endswith("\n")


def test_text_truncates_long_lists(profile: DyadProfile) -> None:
    lines = render_text(profile, max_rows=1).splitlines()
    visits = lines.index("Visits:")
    assert lines[visits + 2] == "  … and 1 more"


def test_text_without_names_or_events(memory_store: Store) -> None:
    text = render_text(build_profile(memory_store, "KAZ", "ROU"))
    assert text.splitlines()[:3] == [
        "KAZ – ROU", "Relations established: not found in the stored events", "Visits: none"]
    assert "Sources: none" in text


def test_markdown(profile: DyadProfile) -> None:
    md = render_markdown(profile)
    lines = md.splitlines()
    assert lines[0] == "# Kazakhstan – Romania (KAZ–ROU)"
    assert lines[2].startswith("**Relations established:** 1992 — “On July 15, 2017")
    for heading in ("Visits", "Consultations", "Agreements", "Cooperation", "Recent events",
                    "Events by year", "Totals", "Sources"):
        assert f"## {heading}" in lines
    visits = lines.index("## Visits")
    assert lines[visits + 2] == "| Date | Visitor | Host | Count | Visitor named as | Story |"
    assert lines[visits + 3] == "|---|---|---|---|---|---|"
    assert lines[visits + 5] == f"| 2010 | ROU | KAZ | 2 | the President of Romania | {DOC} |"
    assert "They signed a treaty \\| with a pipe." in md  # cell pipes escaped
    assert f"| 2017-07-15 | {DOC} | [Kazakhstan \\| Romania: 25 years](https://example.org/k) | 5 |" in lines
    assert "| 1992 | 1 | 1 | 0 | 0 | 0 | +5.00 |" in lines
    assert lines[lines.index("## Cooperation") + 2] == "None found."
    # every table row has as many cells as its header
    for i, line in enumerate(lines):
        if line.startswith("|---"):
            n = lines[i - 1].count(" | ")
            j = i + 1
            while j < len(lines) and lines[j].startswith("| "):
                assert lines[j].replace("\\|", "").count(" | ") == n, lines[j]
                j += 1


def test_dict_is_json(profile: DyadProfile) -> None:
    data = profile_to_dict(profile)
    again = json.loads(json.dumps(data, allow_nan=False))
    assert again == data
    assert data["title"] == "Kazakhstan – Romania (KAZ–ROU)"
    assert (data["a"], data["b"], data["name_a"]) == ("KAZ", "ROU", "Kazakhstan")
    assert data["established"]["date"] == "1992" and data["established"]["doc_id"] == DOC
    assert [(v["visitor"], v["host"], v["count"]) for v in data["visits"]] == [
        ("KAZ", "ROU", 1), ("ROU", "KAZ", 2)]
    assert data["by_year"][-1] == {"year": 2017, "quad": [2, 0, 0, 0], "n": 2, "mean_goldstein": 7.5}
    assert data["totals"]["mean_goldstein"] == round((5.0 + 1.0 + 1.0 + 8.0 + 7.0) / 5, 3)
    assert data["sources"] == [{"doc_id": DOC, "title": "Kazakhstan | Romania: 25 years",
                                "story_date": "2017-07-15", "url": "https://example.org/k",
                                "n_events": 5}]


def test_dict_of_empty_profile(memory_store: Store) -> None:
    data = profile_to_dict(build_profile(memory_store, "KAZ", "ROU"))
    json.dumps(data, allow_nan=False)
    assert data["established"] is None and data["visits"] == [] and data["title"] == "KAZ – ROU"


def test_markdown_link_escaping() -> None:
    from bilat.analysis.profile import SourceRow, Totals

    p = DyadProfile(
        a="KAZ", b="ROU", name_a=None, name_b=None, established=None, visits=(),
        consultations=(), agreements=(), cooperation=(), by_year=(),
        totals=Totals(0, (0, 0, 0, 0), None, None, None, 0), recent=(),
        sources=(SourceRow("d|1", "A [b] \\ c", "2017-01-01", "https://x.org/a (b)", 1),),
    )
    assert "| 2017-01-01 | d\\|1 | [A \\[b\\] \\\\ c](https://x.org/a%20%28b%29) | 1 |" in (
        render_markdown(p).splitlines())
