"""The whole coding pipeline: Article -> spaCy Doc -> actors + times -> events.

    ingest (bilat.ingest)      files -> Article
    nlp    (bilat.nlp)         Article.text -> parsed Doc (one model, loaded once, batched)
    actors (bilat.actors)      sentence -> ActorMention spans; the story's dyad
    dates  (bilat.dates)       sentence -> TimeExpression
    coding (bilat.coding)      sentence + mentions + times -> EventMention -> Event
    store  (bilat.store)       Article + events -> DuckDB, one transaction a story

`Coder` holds the loaded components and codes articles; it never touches the
database, so it can run in worker processes. `bilat.run` drives a whole run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

from bilat.coding.coder import SentenceCoder, dyad_of
from bilat.coding.events import build_event
from bilat.coding.patterns import PatternSet, load_patterns
from bilat.dates import find_time_expressions
from bilat.schemas import ActorMention, Article, Event

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

CHUNK_CHARS = 100_000  # longer stories are parsed in paragraph-aligned chunks
BATCH_SIZE = 32


@dataclass(frozen=True, slots=True)
class CodedArticle:
    article: Article
    events: tuple[Event, ...]
    n_sentences: int


def chunk_text(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Split at paragraph (else line, else space) boundaries into pieces <= limit chars."""
    if len(text) <= limit:
        return [text]
    out: list[str] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(start + limit, n)
        if end < n:
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, start + limit // 2, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        out.append(text[start:end])
        start = end
    return out


class Coder:
    """Loaded components (model, gazetteer, patterns) and the per-article coding."""

    def __init__(self, *, nlp: "Language | None" = None, patterns: PatternSet | None = None,
                 model: str | None = None) -> None:
        from bilat.actors.gazetteer import Gazetteer
        from bilat.actors.leaders import LeaderTable
        from bilat.nlp import load_model

        self.nlp = nlp if nlp is not None else load_model(model)
        leaders = LeaderTable.load()
        self.gazetteer = Gazetteer.load(self.nlp.vocab, leaders=leaders)
        self.sentence_coder = SentenceCoder(patterns or load_patterns(), leaders=leaders)

    # ------------------------------------------------------------ docs
    def _docs(self, articles: list[Article]) -> Iterator[tuple[Article, list["Doc"]]]:
        """Parse articles in batches; each article gets its list of chunk Docs."""
        items = [(chunk, k) for k, a in enumerate(articles) for chunk in chunk_text(a.text)]
        current, docs = 0, []
        for doc, k in self.nlp.pipe(items, as_tuples=True, batch_size=BATCH_SIZE):
            while k != current:
                yield articles[current], docs
                current, docs = current + 1, []
            docs.append(doc)
        while current < len(articles):
            yield articles[current], docs
            current, docs = current + 1, []

    def code_docs(self, article: Article, docs: list["Doc"]) -> CodedArticle:
        sents: list["Span"] = [s for d in docs for s in d.sents if s.text.strip()]
        mentions: list[list[ActorMention]] = [
            self.gazetteer.find_actors(s, when=article.story_date) for s in sents]
        dyad = dyad_of(m for ms in mentions for m in ms)
        events: list[Event] = []
        for idx, (sent, ms) in enumerate(zip(sents, mentions)):
            if not ms and dyad is None:
                continue
            times = find_time_expressions(sent.text, story_date=article.story_date)
            found = self.sentence_coder.code(sent, ms, dyad=dyad, times=times)
            text = sent.text.strip()
            for n, m in enumerate(found):
                events.append(build_event(m, article=article, sentence_index=idx,
                                          sentence=text, n=n))
        return CodedArticle(article, tuple(events), len(sents))

    def code_articles(self, articles: Iterable[Article], *,
                      batch: int = BATCH_SIZE) -> Iterator[CodedArticle]:
        """Stream coded articles in input order, parsing `batch` at a time."""
        buf: list[Article] = []
        for a in articles:
            buf.append(a)
            if len(buf) >= batch:
                for art, docs in self._docs(buf):
                    yield self.code_docs(art, docs)
                buf = []
        if buf:
            for art, docs in self._docs(buf):
                yield self.code_docs(art, docs)

    def code_article(self, article: Article) -> CodedArticle:
        return next(iter(self.code_articles([article])))
