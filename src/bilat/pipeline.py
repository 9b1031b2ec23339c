"""The whole coding pipeline: Article -> spaCy Doc -> actors + times -> events.

    ingest (bilat.ingest)      files -> Article
    nlp    (bilat.nlp)         Article.text -> tokens; the parser (one model, loaded once, batched)
    actors (bilat.actors)      sentence -> ActorMention spans; the story's dyad
    dates  (bilat.dates)       sentence -> TimeExpression
    coding (bilat.coding)      sentence + mentions + times -> EventMention -> Event
    store  (bilat.store)       Article + events -> DuckDB, one transaction a story

Two paths give the same events on clean news text:

    fast (the default)  tokenize, split sentences by punctuation, run the gazetteer
                        on every sentence, and parse (batched, across stories) only
                        the sentences `bilat.scale.prefilter` says can hold an event,
                        each as its own Doc
    full (fast=False)   parse every story whole (the parser splits the sentences)

`Coder` holds the loaded components and codes articles; it never touches the
database, so it can run in worker processes. `bilat.run` drives a whole run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from bilat.coding.coder import SentenceCoder, dyad_of
from bilat.coding.events import build_event
from bilat.coding.patterns import PatternSet, load_patterns
from bilat.dates import find_time_expressions
from bilat.schemas import ActorMention, Article, Event, Fact

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from bilat.coding.roles import Actor
    from bilat.scale.prefilter import DocMarks, Selection

CHUNK_CHARS = 100_000  # longer stories are parsed in paragraph-aligned chunks
BATCH_SIZE = 32  # stories read, tokenized and coded together
PARSE_BATCH = 256  # sentence Docs a parser batch on the fast path
WARM_UP_TEXT = ("The President of Kazakhstan met the Prime Minister of Romania in Astana on "
                "Monday. The two countries signed an agreement on trade and transport.")


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """One story's events; `n_sentences` split, `n_parsed` of them sent to the parser
    (`n_for_events` of those for events, the others for facts only)."""

    article: Article
    events: tuple[Event, ...]
    n_sentences: int
    n_parsed: int = 0
    n_tokens: int = 0
    facts: tuple[Fact, ...] = ()  # the standing facts of the relationship (bilat.facts)
    n_for_events: int = 0


@dataclass(slots=True)
class _Plan:
    """The fast path's first pass over one story."""

    article: Article
    sents: list["Span"]
    mentions: list[list[ActorMention]]
    dyad: tuple[str, str] | None
    selection: "Selection"
    n_tokens: int


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


def _shifted(mentions: Sequence[ActorMention], offset: int) -> list[ActorMention]:
    """Mentions re-indexed for a Doc that starts at token `offset` of the original."""
    if not offset:
        return list(mentions)
    return [replace(m, start=m.start - offset, end=m.end - offset) for m in mentions]


def _trimmed(sent: "Span") -> "Span":
    """`sent` without its leading and trailing whitespace tokens (paragraph breaks)."""
    lo, hi = sent.start, sent.end
    doc = sent.doc
    while lo < hi and doc[lo].is_space:
        lo += 1
    while hi > lo and doc[hi - 1].is_space:
        hi -= 1
    return doc[lo:hi]


class Coder:
    """Loaded components (model, gazetteer, patterns) and the per-article coding.

    `fast=True` parses only the sentences that can hold an event (see the module
    docstring); `fast=False` parses every story whole.
    """

    def __init__(self, *, nlp: "Language | None" = None, patterns: PatternSet | None = None,
                 model: str | None = None, fast: bool = True) -> None:
        from bilat.actors.gazetteer import Gazetteer
        from bilat.actors.leaders import LeaderTable
        from bilat.nlp import load_model

        self.nlp = nlp if nlp is not None else load_model(model)
        self.fast = fast
        leaders = LeaderTable.load()
        pats = patterns or load_patterns()
        self.gazetteer = Gazetteer.load(self.nlp.vocab, leaders=leaders)
        self.sentence_coder = SentenceCoder(pats, leaders=leaders)
        from bilat.facts import FactExtractor
        from bilat.geo import EventLocator

        self.locator = EventLocator()  # places of events (bilat.geo); tables load on first use
        self.facts = FactExtractor()
        if fast:
            from spacy.pipeline import Sentencizer

            from bilat.scale.prefilter import SentenceFilter

            from bilat.scale.tagattrs import LEMMATIZER, RULER, TagAttributes

            self.splitter = Sentencizer()
            self.sentence_filter = SentenceFilter.for_nlp(self.nlp, pats)
            # the ruler + lemmatizer, from caches (same output); None: the stock components
            self.tag_attributes = TagAttributes.from_nlp(self.nlp)
            skip = (RULER, LEMMATIZER) if self.tag_attributes is not None else ()
            self._parse_steps = [(name, proc) for name, proc in self.nlp.pipeline
                                 if name not in skip]

    # ------------------------------------------------------------ shared
    def _code_sentence(self, article: Article, idx: int, sent: "Span",
                       mentions: Sequence[ActorMention], dyad: tuple[str, str] | None,
                       context: Sequence["Actor"]) -> list[Event]:
        """Events of one parsed sentence; `context`: the previous sentence's main subject."""
        times = find_time_expressions(sent.text, story_date=article.story_date)
        found = self.sentence_coder.code(sent, mentions, dyad=dyad, times=times, context=context)
        text = sent.text.strip()
        return [self.locator.attach(build_event(m, article=article, sentence_index=idx,
                                                sentence=text, n=n), sent, article)
                for n, m in enumerate(found)]

    # ------------------------------------------------------------ full path
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
        """Code an article from its parsed Docs (the full path)."""
        sents: list["Span"] = [s for d in docs for s in d.sents if s.text.strip()]
        mentions: list[list[ActorMention]] = [
            self.gazetteer.find_actors(s, when=article.story_date) for s in sents]
        dyad = dyad_of(m for ms in mentions for m in ms)
        events: list[Event] = []
        context: list["Actor"] = []
        for idx, (sent, ms) in enumerate(zip(sents, mentions)):
            if ms or dyad is not None:
                events += self._code_sentence(article, idx, sent, ms, dyad, context)
            context = self.sentence_coder.main_subjects(sent, ms, dyad=dyad) if ms or dyad else []
        facts = self.facts.extract_sentences(sents, mentions, dyad=dyad, doc_id=article.doc_id)
        return CodedArticle(article, tuple(events), len(sents), len(sents),
                            sum(len(d) for d in docs), facts, len(sents))

    # ------------------------------------------------------------ fast path
    def plan(self, article: Article) -> _Plan:
        """The first pass over one story: tokens, sentences, mentions, dyad, selection."""
        sents: list["Span"] = []
        marks: list["DocMarks"] = []
        n_tokens = 0
        for chunk in chunk_text(article.text):
            doc = self.splitter(self.nlp.make_doc(chunk))
            n_tokens += len(doc)
            mk = self.sentence_filter.mark(doc)
            for s in doc.sents:
                s = _trimmed(s)
                if len(s):
                    sents.append(s)
                    marks.append(mk)
        mentions = [self.gazetteer.find_actors(s, when=article.story_date) for s in sents]
        dyad = dyad_of(m for ms in mentions for m in ms)
        selection = self.sentence_filter.select(sents, mentions, dyad, marks,
                                                when=article.story_date)
        return _Plan(article, sents, mentions, dyad, selection, n_tokens)

    def _sentence_doc(self, sent: "Span") -> "Doc":
        """A fresh Doc of the sentence's tokens, for the parser to parse on its own."""
        from spacy.tokens import Doc

        return Doc(self.nlp.vocab, words=[t.text for t in sent],
                   spaces=[bool(t.whitespace_) for t in sent])

    def _fact_candidates(self, p: _Plan) -> set[int]:
        """Sentences that may hold a fact and have the two countries `extract` needs."""
        from bilat.facts.extract import fact_pair

        return {i for i in self.facts.candidates(p.sents, p.mentions)
                if fact_pair(p.mentions[i], p.dyad) is not None}

    def parse(self, docs: Iterable["Doc"]) -> Iterator["Doc"]:
        """Tag, parse and lemmatize tokenized Docs, batched, in order (the fast path's parser)."""
        stream: Iterable["Doc"] = docs
        for _, proc in self._parse_steps:
            if hasattr(proc, "pipe"):
                stream = proc.pipe(stream, batch_size=PARSE_BATCH)
            else:
                stream = map(proc, stream)
        if self.tag_attributes is None:
            yield from stream
        else:
            yield from map(self.tag_attributes, stream)

    def _code_fast(self, articles: list[Article]) -> Iterator[CodedArticle]:
        plans = [self.plan(a) for a in articles]
        with_facts = [sorted(set(p.selection.to_parse) | self._fact_candidates(p))
                      for p in plans]  # sentences to parse for events or facts
        jobs = [(self._sentence_doc(p.sents[i]), (k, i)) for k, p in enumerate(plans)
                for i in with_facts[k]]
        parsed: dict[tuple[int, int], "Doc"] = dict(zip((key for _, key in jobs),
                                                        self.parse(doc for doc, _ in jobs)))
        for k, p in enumerate(plans):
            needs_context = set(p.selection.context)
            events: list[Event] = []
            for i in p.selection.picks:
                context: list["Actor"] = []
                if i - 1 in needs_context:
                    prev = _shifted(p.mentions[i - 1], p.sents[i - 1].start)
                    context = self.sentence_coder.main_subjects(parsed[(k, i - 1)][:], prev,
                                                                dyad=p.dyad)
                ms = _shifted(p.mentions[i], p.sents[i].start)
                events += self._code_sentence(p.article, i, parsed[(k, i)][:], ms, p.dyad, context)
            facts = self.facts.extract(
                ((i, parsed[(k, i)][:], _shifted(p.mentions[i], p.sents[i].start))
                 for i in with_facts[k]), dyad=p.dyad, doc_id=p.article.doc_id)
            yield CodedArticle(p.article, tuple(events), len(p.sents), len(with_facts[k]),
                               p.n_tokens, facts, len(p.selection.to_parse))

    # ------------------------------------------------------------ public
    def _code_batch(self, articles: list[Article]) -> Iterator[CodedArticle]:
        if self.fast:
            yield from self._code_fast(articles)
        else:
            for art, docs in self._docs(articles):
                yield self.code_docs(art, docs)

    def code_articles(self, articles: Iterable[Article], *,
                      batch: int = BATCH_SIZE) -> Iterator[CodedArticle]:
        """Stream coded articles in input order, `batch` stories at a time."""
        buf: list[Article] = []
        for a in articles:
            buf.append(a)
            if len(buf) >= batch:
                yield from self._code_batch(buf)
                buf = []
        if buf:
            yield from self._code_batch(buf)

    def code_article(self, article: Article) -> CodedArticle:
        return next(iter(self.code_articles([article])))

    def warm_up(self) -> None:
        """Code a short story once, so that the tables loaded on first use are loaded
        now (a worker does this before its first real story)."""
        self.code_article(Article(doc_id="bilat-warm-up", text=WARM_UP_TEXT,
                                  story_date=date(2017, 7, 15)))
