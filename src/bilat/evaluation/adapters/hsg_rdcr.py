"""hsg-rdcr: the US Office of the Historian's country articles (``eval/hsg/rdcr/articles``).

Each TEI article tells the history of US recognition of, and relations with,
one country. bilat codes its prose: the ``<p>`` and ``<item>`` blocks of the
body, without the section and timeline heads (those carry the answer), the
figures and the bibliography. The story date is 31 December of the latest year
the article mentions, so that no event in it lies in the future.

The gold: the timeline heads about the establishment of diplomatic relations
("Establishment of Diplomatic Relations, <date when="1991-12-25">1991</date>."),
the earliest of them (re-establishments come later). bilat's answer is what
its profile reports (bilat.analysis.profile.pick_establishment): the earliest
CAMEO 054 event that establishes relations between the USA and the country
(either way), else the earliest recognition, among the events the text dates
(an event dated only by the story date, which is made up here, says nothing
about when). Headline: the share of countries with the right year;
the share with the right full date is taken over the countries whose gold
has a full date. (A head that writes its single year without ``<date>``
markup gives that year.) Articles on states bilat does not code (historical states,
marked "*"; territories) and articles without such a head are not scored.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from bilat.analysis.profile import pick_establishment
from bilat.errors import EmptyStory, MalformedInput
from bilat.evaluation.adapters.base import (
    ActorFinder, Case, ErrorRow, Loaded, SetResult, evenly, read_text, require, short,
)
from bilat.evaluation.adapters.codes import country_by_name
from bilat.ingest import article_from_text

if TYPE_CHECKING:
    from bilat.pipeline import CodedArticle
    from bilat.schemas import Event

__all__ = ["HsgArticle", "HsgGold", "HsgRdcr", "establishment", "parse_article"]

FOLDER = ("eval", "hsg", "rdcr", "articles")
US = "USA"
TEI = "{http://www.tei-c.org/ns/1.0}"
_SKIP = frozenset({"head", "figure", "listBibl", "bibl", "back", "graphic"})
_BLOCKS = frozenset({"p", "item"})
_YEAR = re.compile(r"\b(1[7-9]\d\d|20\d\d)\b")
_ESTABLISH = re.compile(r"establish", re.I)
_RELATIONS = re.compile(r"diplomatic\s+relations|relations\s+established", re.I)


@dataclass(frozen=True, slots=True)
class HsgArticle:
    """What an article holds for the evaluation."""

    stem: str
    country_name: str  # the short title ("Kazakhstan", "Baden*")
    prose: str  # paragraphs, blank-line separated
    heads: tuple[tuple[str, str | None], ...]  # timeline heads: (text, date when / year)


@dataclass(frozen=True, slots=True)
class HsgGold:
    iso3: str
    name: str
    when: str  # "YYYY" or "YYYY-MM-DD"
    head: str

    @property
    def year(self) -> int:
        return int(self.when[:4])

    @property
    def full(self) -> bool:
        return len(self.when) == 10


def _tag(el: ET.Element) -> str:
    return el.tag.removeprefix(TEI) if isinstance(el.tag, str) else ""


def _text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _prose(el: ET.Element) -> str:
    """Text of a block without its figures and notes (their tails, the prose after them, stay)."""
    parts = [el.text or ""]
    for child in el:
        if _tag(child) not in _SKIP:
            parts.append(_prose(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _blocks(el: ET.Element) -> Iterator[str]:
    tag = _tag(el)
    if tag in _SKIP or (tag == "div" and el.get("type") == "appendix"):
        return
    if tag in _BLOCKS:
        text = " ".join(_prose(el).split())
        if text:
            yield text
        return
    for child in el:
        yield from _blocks(child)


def parse_article(text: str, *, stem: str) -> HsgArticle:
    """The short title, prose and timeline heads of one TEI article."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        raise MalformedInput(f"{stem}.xml: not well-formed TEI ({e}); restore the file") from e
    title = next((t for t in root.iter(f"{TEI}title") if t.get("type") == "short"), None)
    name = _text(title) if title is not None else stem.replace("-", " ").title()
    body = root.find(f"{TEI}text/{TEI}body")
    prose = "\n\n".join(_blocks(body)) if body is not None else ""
    heads: list[tuple[str, str | None]] = []
    for div in root.iter(f"{TEI}div"):
        if div.get("type") != "timeline":
            continue
        head = div.find(f"{TEI}head")
        if head is None:
            continue
        d = head.find(f"{TEI}date")
        when = None
        if d is not None:
            when = d.get("when") or (_text(d) if re.fullmatch(r"\d{4}", _text(d)) else None)
        else:  # a few heads write the year without <date> markup
            years = _YEAR.findall(_text(head))
            when = years[-1] if len(years) == 1 else None
        heads.append((_text(head), when))
    return HsgArticle(stem, name, prose, tuple(heads))


def establishment(article: HsgArticle) -> tuple[str, str] | None:
    """(when, head) of the earliest establishment-of-relations head with a date."""
    found = [(when, text) for text, when in article.heads
             if when and re.match(r"\d{4}", when) and _ESTABLISH.search(text)
             and _RELATIONS.search(text) and "anniversary" not in text.lower()]
    return min(found) if found else None


def _story_date(article: HsgArticle) -> date | None:
    years = [int(y) for y in _YEAR.findall(article.prose)]
    years += [int(w[:4]) for _, w in article.heads if w and w[:4].isdigit()]
    return date(max(years), 12, 31) if years else None


def _relations_events(events: Sequence["Event"], iso3: str) -> list["Event"]:
    """054 events between the USA and `iso3` dated by the text (not by the story date)."""
    return sorted((e for e in events if e.cameo.startswith("054") and e.date
                   and e.date_precision not in ("story", "none")
                   and {e.source_country, e.target_country} == {US, iso3}),
                  key=lambda e: e.date or "")


def _describe(e: "Event") -> str:
    return (f"{e.date} [{e.date_precision}] {e.source_country}->{e.target_country} {e.cameo} "
            f"({e.trigger or '?'})")


class HsgRdcr:
    name: ClassVar[str] = "hsg-rdcr"
    description: ClassVar[str] = "Office of the Historian articles: year relations were established"
    target: ClassVar[float] = 0.90

    def load(self, shared: Path, *, limit: int | None = None) -> Loaded[HsgGold]:
        folder = require(shared.joinpath(*FOLDER), "the hsg-rdcr articles")
        paths = sorted(folder.glob("*.xml"))
        if not paths:
            raise MalformedInput(f"{folder}: no TEI articles (*.xml); restore the folder")
        cases: list[Case[HsgGold]] = []
        no_country: list[str] = []
        no_gold: list[str] = []
        for path in evenly(paths, limit):
            art = parse_article(read_text(path), stem=path.stem)
            iso3 = country_by_name(art.country_name)
            if iso3 is None:
                no_country.append(art.country_name)
                continue
            est = establishment(art)
            if est is None:
                no_gold.append(art.country_name)
                continue
            try:
                article = article_from_text(art.prose, doc_id=f"hsg-{path.stem}",
                                            story_date=_story_date(art),
                                            title=art.country_name, path=str(path))
            except EmptyStory:
                no_gold.append(art.country_name)
                continue
            cases.append(Case(article, HsgGold(iso3, art.country_name, est[0], est[1])))
        notes = []
        if no_country:
            notes.append(f"{len(no_country)} articles on states bilat does not code: "
                         + ", ".join(sorted(no_country)))
        if no_gold:
            notes.append(f"{len(no_gold)} articles without a dated establishment head: "
                         + ", ".join(sorted(no_gold)))
        return Loaded(cases, tuple(notes), len(paths))

    def score(self, loaded: Loaded[HsgGold], coded: Sequence["CodedArticle"], *,
              actor_finder: ActorFinder | None = None) -> SetResult:
        year_right = any_right = full_n = full_right = story_dated = 0
        errors: list[ErrorRow] = []
        for case, ca in zip(loaded.cases, coded, strict=True):
            g = case.gold
            rel = _relations_events(ca.events, g.iso3)
            undated = any(e.cameo.startswith("054") and e.date_precision in ("story", "none")
                          and {e.source_country, e.target_country} == {US, g.iso3}
                          for e in ca.events)
            story_dated += undated
            years = sorted({int(e.date[:4]) for e in rel if e.date and e.date[:4].isdigit()})
            # the profile's choice: the earliest establishment, else the earliest recognition
            chosen = pick_establishment(rel)
            first = int(chosen.date[:4]) if chosen is not None and chosen.date else None
            days = [chosen.date] if chosen is not None and len(chosen.date or "") == 10 else []
            any_right += g.year in years
            ok_year = first == g.year
            year_right += ok_year
            ok_day = ok_year and bool(days) and days[0] == g.when
            if g.full:
                full_n += 1
                full_right += ok_day
            if ok_year and (not g.full or ok_day):
                continue
            earliest = chosen
            if ok_year:
                kind = "year right, day wrong or missing"
            elif earliest is None and undated:
                kind = "054 for the dyad, but no date from the text"
            elif earliest is None:
                others = [e for e in ca.events if e.cameo.startswith("054")]
                kind = "054 only between other actors" if others else "no 054 event"
            elif first is not None and first < g.year:
                recognition = "recogni" in (earliest.trigger or "").lower()
                kind = ("recognition (054) dated before the establishment" if recognition
                        else "054 dated too early")
            else:
                kind = "054 dated too late (establishment not dated)"
            shown = rel or [e for e in ca.events if e.cameo.startswith("054")]
            predicted = "; ".join(_describe(e) for e in shown[:3]) or "-"
            errors.append(ErrorRow(kind, case.article.doc_id, f"{g.name} {g.when} ({g.head})",
                                   predicted, short(shown[0].sentence) if shown else ""))
        n = len(loaded.cases)
        share = year_right / n if n else 0.0
        return SetResult(
            name=self.name, size=n, metric="year share", headline=share, accuracy=share,
            extra={"full_date_share": full_right / full_n if full_n else 0.0,
                   "full_date_countries": full_n, "year_any_054": any_right / n if n else 0.0,
                   "articles_with_story_dated_054": story_dated},
            errors=tuple(errors), notes=loaded.notes)

    def meets_target(self, result: SetResult) -> bool:
        return result.headline >= self.target
