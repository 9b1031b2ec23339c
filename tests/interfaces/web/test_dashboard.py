"""The dashboard end to end in headless Chromium: pick two countries, read their relationship."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def choose_dyad(visit, a: str, b: str) -> None:
    visit.page.fill("#country-a", a)
    visit.page.fill("#country-b", b)
    visit.page.click("#show-dyad")
    visit.page.wait_for_selector("#profile:not([hidden])")
    visit.ready()


def key_rows(page, kind: str) -> list[str]:
    return [r.inner_text() for r in page.locator(f"#key-events tr.key-event.{kind}").all()]


def assert_clean(visit) -> None:
    assert visit.outside == [], "the page tried to reach the network"
    assert visit.errors == [], visit.errors


def test_profile_of_kazakhstan_and_romania(visit, tmp_path: Path):
    visit.open()
    options = visit.page.eval_on_selector_all("#country-list option", "os => os.map(o => o.value)")
    assert "Kazakhstan (KAZ)" in options and "Romania (ROU)" in options
    choose_dyad(visit, "Kazakhstan", "Romania")
    page = visit.page
    assert page.url.endswith("#/dyad/KAZ/ROU")
    assert page.inner_text("#profile-title") == "Kazakhstan – Romania (KAZ–ROU)"
    assert page.inner_text("#established-date") == "1992"
    assert "opened diplomatic relations in 1992" in page.inner_text("#established-sentence")
    visits = key_rows(page, "visit")
    assert len(visits) == 2
    assert visits[0].startswith("2007") and "Kazakhstan → Romania" in visits[0]
    assert "paid an official visit to Bucharest in 2007" in visits[0]
    assert visits[1].startswith("2010") and "Romania → Kazakhstan" in visits[1]
    assert "2 visits" in visits[1]
    [expulsion] = key_rows(page, "expulsion")
    assert expulsion.startswith("2021-03") and "expulsion" in expulsion
    assert len(key_rows(page, "established")) == 1 and len(key_rows(page, "consultation")) == 1
    stories = page.inner_text("#stories")
    assert "Kazakhstan and Romania mark 25 years of relations" in stories and "Diplomats expelled" in stories
    assert page.get_attribute("#stories a", "href") == "https://example.org/kaz-rou-25-years"
    assert page.inner_text("#total-events") == "6"

    chart = page.evaluate("""() => { const c = Chart.getChart('timeline-chart');
        return {labels: c.data.labels, sets: c.data.datasets.map(d => [d.label, d.data])}; }""")
    assert chart["labels"][0] == "1992" and chart["labels"][-1] == "2021" and len(chart["labels"]) == 30
    sets = dict(chart["sets"])
    assert sets["Verbal cooperation"][chart["labels"].index("2010")] == 1
    assert sets["Material conflict"][chart["labels"].index("2021")] == 1
    assert sets["Mean Goldstein"][chart["labels"].index("1992")] == 6.0
    assert sets["Mean Goldstein"][chart["labels"].index("2000")] is None

    shot = tmp_path / "kaz-rou-profile.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    assert_clean(visit)


def test_text_from_stories_is_shown_as_text_never_run(visit, synth_web):
    visit.open("#/dyad/KAZ/ROU")
    assert visit.page.evaluate("() => window.__pwned") is None
    [row] = key_rows(visit.page, "consultation")
    assert synth_web.HTML_SENTENCE in row
    assert visit.page.locator("#key-events b").count() == 0
    assert_clean(visit)


def test_codes_and_picker_values_are_accepted_and_unknown_names_explained(visit):
    visit.open()
    choose_dyad(visit, "rou", "Kazakhstan (KAZ)")
    assert visit.page.url.endswith("#/dyad/ROU/KAZ")
    assert visit.page.inner_text("#established-date") == "1992"
    visit.page.fill("#country-a", "Atlantis")
    visit.page.click("#show-dyad")
    assert visit.page.is_visible("#message")
    assert "Pick both countries" in visit.page.inner_text("#message")


def test_api_errors_are_shown(visit):
    visit.page.goto(visit.base + "#/dyad/KAZ/XXX")
    visit.page.wait_for_selector("body[data-state=error]")
    assert "XXX" in visit.page.inner_text("#message")


def test_country_page_ranks_partners_and_lists_places(visit, tmp_path: Path):
    visit.open("#/country/KAZ")
    page = visit.page
    assert page.inner_text("#country-title") == "Kazakhstan (KAZ)"
    rows = page.locator("#partner-table tbody tr").all()
    assert len(rows) == 1 and rows[0].inner_text().startswith("Romania (ROU)")
    assert page.is_visible("#locations") and page.is_visible("#locations-chart")
    assert "Astana" in page.inner_text("#location-table")
    points = page.evaluate("() => Chart.getChart('locations-chart').data.datasets[0].data")
    assert [(p["x"], p["y"]) for p in points] == [(71.45, 51.17)]
    page.screenshot(path=str(tmp_path / "kaz-country.png"), full_page=True)

    page.goto(visit.base + "#/country/JPN")  # a place without a point: listed, not plotted
    visit.ready()
    assert page.is_visible("#locations") and "South Korea" in page.inner_text("#location-table")
    assert not page.is_visible("#locations-chart")

    page.goto(visit.base + "#/country/RUS")
    visit.ready()
    labels = page.evaluate("() => Chart.getChart('partners-chart').data.labels")
    assert labels == ["Ukraine", "European Union"]
    conflict = page.evaluate("() => Chart.getChart('partners-chart').data.datasets[1].data")
    assert conflict == [2, 1]
    assert not page.is_visible("#locations")
    page.click("#partner-table a >> nth=0")
    visit.ready()
    assert page.url.endswith("#/dyad/RUS/UKR")
    assert_clean(visit)


def test_home_lists_the_dyads_and_links_to_them(visit):
    visit.open()
    assert "6 stories" in visit.page.inner_text("#store-summary")
    links = visit.page.locator("#dyad-table a")
    assert links.count() == 5
    visit.page.click("#dyad-table a:text('Kazakhstan – Romania')")
    visit.ready()
    assert visit.page.inner_text("#established-date") == "1992"
    assert_clean(visit)


def test_api_docs_render_offline(visit):
    visit.page.goto(visit.base + "docs")
    visit.page.wait_for_selector(".opblock", timeout=20_000)
    assert visit.page.locator(".opblock").count() == 7
    assert visit.outside == []


@pytest.mark.slow
def test_seed_story_coded_then_seen_in_the_dashboard(browser, seed_story, serve_db, make_visit,
                                                      tmp_path: Path):
    """After coding the real seed story: 1992, the 2007 visit and the two 2010 visits."""
    from bilat.interfaces.cli.app import main

    db = tmp_path / "seed.duckdb"
    assert main(["code", str(seed_story), "--db", str(db), "--silent"]) == 0
    with serve_db(db) as base:
        visit = make_visit(browser, base)
        try:
            visit.open()
            choose_dyad(visit, "Kazakhstan", "Romania")
            page = visit.page
            assert page.inner_text("#established-date") == "1992"
            visits = key_rows(page, "visit")
            assert [v[:4] for v in visits] == ["2007", "2010"]
            assert "Kazakhstan → Romania" in visits[0]
            assert "Romania → Kazakhstan" in visits[1] and "2 visits" in visits[1]
            text = page.inner_text("#profile")
            assert "1992" in text and "2007" in text and "2010" in text
            page.screenshot(path=str(tmp_path / "seed-profile.png"), full_page=True)
            assert_clean(visit)
        finally:
            visit.page.context.close()
