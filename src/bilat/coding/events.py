"""Turn coded event mentions into public `Event` records (ontology facts, dates, ids)."""

from __future__ import annotations

from datetime import date

from bilat import ontology
from bilat.coding.coder import EventMention
from bilat.dates import is_historical
from bilat.schemas import Article, DatePrecision, Event, make_event_id


def build_event(m: EventMention, *, article: Article, sentence_index: int, sentence: str,
                n: int) -> Event:
    """One `Event` from one mention; `n` numbers the events of the sentence."""
    info = ontology.get(m.code)
    story = article.story_date
    if m.time is not None and m.time.value:
        when = m.time.value
        precision = DatePrecision(m.time.precision).value
        historical = is_historical(when, story_date=story) if story else False
    elif story is not None:
        when, precision, historical = story.isoformat(), DatePrecision.STORY.value, False
    else:
        when, precision, historical = None, DatePrecision.NONE.value, False
    extra: dict[str, object] = {"mode": m.mode.value}
    if m.notes:
        extra["notes"] = list(m.notes)
    if m.time is not None:
        extra["time_text"] = m.time.text
    return Event(
        event_id=make_event_id(article.doc_id, sentence_index, n, m.code,
                               m.source.code, m.target.code),
        doc_id=article.doc_id,
        story_date=story.isoformat() if isinstance(story, date) else None,
        date=when,
        date_precision=precision,
        historical=historical,
        source_actor=m.source.code,
        source_country=m.source.country,
        target_actor=m.target.code,
        target_country=m.target.country,
        cameo=m.code,
        root=info.root,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover=info.plover,
        count=m.count,
        sentence_index=sentence_index,
        sentence=sentence,
        source_text=m.source.text or None,
        target_text=m.target.text or None,
        trigger=m.trigger,
        extra=extra,
    )
