"""Code bilat `Article`s with PETRARCH dictionaries, giving bilat `Event` records.

`PetrarchArticleCoder` has the `code_articles` interface of `bilat.pipeline.Coder`,
so `bilat.run.code_inputs(..., coder=PetrarchArticleCoder.from_folder(DIR))`
stores PETRARCH-coded events like bilat's own:

- ``source_actor``/``target_actor`` are the dictionary's codes as written
  ("KAZGOV", "IGOUNO"); ``source_country``/``target_country`` are their first
  three letters when those are letters and not ``IGO`` (the CAMEO country
  part), else None;
- an event whose code is not a CAMEO 1.1b3 code bilat knows (a validation
  dictionary's "903", a null side "---") is not stored; `CodedArticle` counts
  are unaffected, and `skipped_codes` of the coder tallies them;
- the event date is the story date (PETRARCH codes no time expressions).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from bilat import ontology
from bilat.compat.petrarch.coder import PetrarchCoder, PetrEvent
from bilat.compat.petrarch.dictionaries import PetrarchDictionaries, load_folder
from bilat.schemas import Article, DatePrecision, Event, make_event_id

if TYPE_CHECKING:
    from spacy.language import Language

    from bilat.pipeline import CodedArticle

__all__ = ["PetrarchArticleCoder", "country_of", "to_event"]


def country_of(code: str) -> str | None:
    """The CAMEO country part of a PETRARCH actor code ("KAZGOV" -> "KAZ")."""
    head = code[:3]
    if len(head) == 3 and head.isalpha() and head.upper() != "IGO":
        return head.upper()
    return None


def to_event(ev: PetrEvent, *, article: Article, sentence_index: int, sentence: str,
             n: int) -> Event | None:
    """A bilat `Event` for one PETRARCH event, or None when its code is not CAMEO."""
    if not ontology.is_valid(ev.code) or "---" in (ev.source, ev.target):
        return None
    info = ontology.get(ev.code)
    story = article.story_date
    return Event(
        event_id=make_event_id(article.doc_id, sentence_index, n, ev.code, ev.source, ev.target),
        doc_id=article.doc_id,
        story_date=story.isoformat() if isinstance(story, date) else None,
        date=story.isoformat() if isinstance(story, date) else None,
        date_precision=(DatePrecision.STORY if story else DatePrecision.NONE).value,
        historical=False,
        source_actor=ev.source,
        source_country=country_of(ev.source),
        target_actor=ev.target,
        target_country=country_of(ev.target),
        cameo=ev.code,
        root=info.root,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover=info.plover,
        count=1,
        sentence_index=sentence_index,
        sentence=sentence,
        source_text=ev.source_text or None,
        target_text=ev.target_text or None,
        trigger=ev.verb,
        extra={"coder": "petrarch", "pattern": ev.pattern} if ev.pattern else {"coder": "petrarch"},
    )


class PetrarchArticleCoder:
    """Articles -> events with a user's PETRARCH dictionaries (see module doc)."""

    def __init__(self, dictionaries: PetrarchDictionaries, *, nlp: "Language | None" = None,
                 model: str | None = None) -> None:
        if nlp is None:
            from bilat.nlp import load_model

            nlp = load_model(model)
        self.nlp = nlp
        self.coder = PetrarchCoder(dictionaries, nlp=nlp)
        self.skipped_codes: Counter[str] = Counter()

    @classmethod
    def from_folder(cls, folder: str | Path, *, nlp: "Language | None" = None,
                    model: str | None = None, strict: bool = False) -> "PetrarchArticleCoder":
        return cls(load_folder(folder, strict=strict), nlp=nlp, model=model)

    def code_articles(self, articles: Iterable[Article], *,
                      batch: int = 32) -> Iterator["CodedArticle"]:
        """Stream coded articles in input order."""
        from bilat.pipeline import CodedArticle, chunk_text

        def pieces(batch_articles: list[Article]) -> Iterator[tuple[str, date | None]]:
            for a in batch_articles:
                for chunk in chunk_text(a.text):
                    yield chunk, a.story_date

        arts = iter(articles)
        while True:
            buffered = [a for _, a in zip(range(batch), arts)]
            if not buffered:
                return
            results = self.coder.code_texts(pieces(buffered), batch_size=batch)
            for a in buffered:
                n_chunks = len(chunk_text(a.text))
                sentences = [s for _ in range(n_chunks) for s in next(results)]
                events: list[Event] = []
                for idx, s in enumerate(sentences):
                    for n, ev in enumerate(s.events):
                        built = to_event(ev, article=a, sentence_index=idx, sentence=s.text, n=n)
                        if built is None:
                            self.skipped_codes[ev.code] += 1
                        else:
                            events.append(built)
                yield CodedArticle(a, tuple(events), len(sentences))

    def code_article(self, article: Article) -> "CodedArticle":
        return next(iter(self.code_articles([article])))
