"""A small synthetic store for the API and dashboard tests (the web tests load this file too).

The KAZ–ROU story holds what coding the seed story gives (relations in 1992,
a Kazakh visit in 2007, two Romanian visits in 2010, consultations and intent
to cooperate in 2017), in sentences written for these tests. Other stories add
conflict, an IGO, an undated event, a located event, text that looks like HTML,
and 250 USA–CHN events for paging.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from bilat.schemas import Article, Event, StoryDateSource, make_event_id
from bilat.store import Store

SEED_DOC = "kaz-rou-anniversary-2017"
HTML_SENTENCE = 'Officials said <b>talks</b> & <script>window.__pwned = 1</script> went "well".'
N_USA_CHN = 250
ASTANA = {"name": "Astana", "country": "KAZ", "lat": 51.17, "lon": 71.45}


def event(doc_id: str, i: int, cameo: str, source: str | None, target: str | None, when: str | None,
          *, quad: int = 1, goldstein: float = 1.0, plover: str | None = "CONSULT",
          source_sector: str = "", target_sector: str = "", **kw: Any) -> Event:
    values: dict[str, Any] = dict(
        event_id=make_event_id(doc_id, i, 0, cameo, source, target), doc_id=doc_id,
        story_date=None, date=when,
        date_precision="none" if when is None else {4: "year", 7: "month", 10: "day"}[len(when)],
        historical=False,
        source_actor=None if source is None else source + source_sector, source_country=source,
        target_actor=None if target is None else target + target_sector, target_country=target,
        cameo=cameo, root=cameo[:2], quad_class=quad, goldstein=goldstein, plover=plover, count=1,
        sentence_index=i, sentence=f"Sentence {i} of {doc_id}.",
    )
    values.update(kw)
    return Event(**values)


def article(doc_id: str, story_date: date, title: str | None = None, url: str | None = None) -> Article:
    return Article(doc_id=doc_id, text=f"text of {doc_id}", story_date=story_date,
                   story_date_source=StoryDateSource.METADATA, title=title, url=url, source="Test Wire")


def seed_equivalent() -> tuple[Article, list[Event]]:
    """The events coding the seed story gives, in this project's own words."""
    d = SEED_DOC
    story = "2017-07-15"
    a = article(d, date(2017, 7, 15), "Kazakhstan and Romania mark 25 years of relations",
                "https://example.org/kaz-rou-25-years")
    events = [
        event(d, 0, "054", "KAZ", "ROU", "1992", goldstein=6.0, plover="SUPPORT", historical=True,
              story_date=story, sentence="Kazakhstan and Romania opened diplomatic relations in 1992."),
        event(d, 3, "042", "KAZ", "ROU", "2007", goldstein=1.9, historical=True, story_date=story,
              source_sector="GOV", source_text="the Kazakh president", target_text="Romania",
              trigger="visit", sentence="The Kazakh president paid an official visit to Bucharest in 2007."),
        event(d, 4, "042", "ROU", "KAZ", "2010", goldstein=1.9, historical=True, story_date=story,
              source_sector="GOV", source_text="Romania's president", target_text="Kazakhstan",
              trigger="travelled", count=2, extra={"location": ASTANA}, location_name="Astana",
              location_country="KAZ", lat=51.17, lon=71.45,
              sentence="Romania's president travelled to Astana two times in 2010."),
        event(d, 5, "040", "KAZ", "ROU", "2017-07-15", story_date=story, source_sector="GOV",
              target_sector="GOV", sentence=HTML_SENTENCE),
        event(d, 6, "030", "KAZ", "ROU", "2017-07-15", goldstein=4.0, plover="AGREE", story_date=story,
              sentence="Both governments want closer ties in transport and energy."),
    ]
    return a, events


def other_stories() -> list[tuple[Article, list[Event]]]:
    out = []
    d = "rou-kaz-expulsion-2021"
    out.append((article(d, date(2021, 3, 4), "Diplomats expelled"), [
        event(d, 0, "166", "ROU", "KAZ", "2021-03", quad=4, goldstein=-7.0, plover="SANCTION",
              sentence="Romania expelled a Kazakh diplomat in March 2021."),
    ]))
    d = "rus-ukr-2023"
    out.append((article(d, date(2023, 7, 20), "Shelling"), [
        event(d, 0, "190", "RUS", "UKR", "2023-07-20", quad=4, goldstein=-10.0, plover="ASSAULT",
              source_sector="MIL", sentence="Russian forces shelled Ukrainian positions."),
        event(d, 1, "112", "UKR", "RUS", "2023-07-20", quad=3, goldstein=-2.0, plover="ACCUSE",
              sentence="Ukraine accused Russia of war crimes."),
    ]))
    d = "eu-rus-2023"
    out.append((article(d, date(2023, 6, 23), "New sanctions"), [
        event(d, 0, "163", "EU", "RUS", "2023-06", quad=4, goldstein=-8.0, plover="COERCE",
              sentence="The European Union imposed new sanctions on Russia."),
    ]))
    d = "jpn-kor-undated"
    out.append((article(d, date(2023, 3, 16)), [
        event(d, 0, "036", "JPN", "KOR", None, goldstein=4.0, plover="AGREE",
              sentence="Japan and South Korea agreed to meet again."),
        event(d, 1, "010", "JPN", "KOR", "2023-03-16", goldstein=0.0, plover=None,
              location_name="South Korea", location_country="KOR",  # a country: no point
              sentence="Japan made a statement about South Korea."),
    ]))
    d = "usa-chn-many"
    out.append((article(d, date(2020, 1, 1)), [
        event(d, i, "040" if i % 5 else "111", "USA" if i % 2 else "CHN", "CHN" if i % 2 else "USA",
              f"{2000 + i // 12}-{i % 12 + 1:02d}", quad=1 if i % 5 else 3, goldstein=1.0 if i % 5 else -2.0,
              plover="CONSULT" if i % 5 else "ACCUSE",
              sentence=f"Event number {i} between the United States and China.")
        for i in range(N_USA_CHN)
    ]))
    return out


def build_store(path: Path) -> Path:
    """Write every synthetic story to a new store at `path` and close it."""
    with Store.open(path) as store:
        store.write_stories([seed_equivalent(), *other_stories()])
    return path


def n_events() -> int:
    return len(seed_equivalent()[1]) + sum(len(evs) for _, evs in other_stories())
