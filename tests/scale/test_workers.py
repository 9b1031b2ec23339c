"""Worker processes: chunks in input order, bounded, the same events as one process."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bilat.errors import BadParameter
from bilat.ingest import article_from_text
from bilat.run import PARALLEL_MIN, code_stream
from bilat.scale.workers import (
    CoderSpec, WorkerStats, chunked, code_parallel, current_rss, default_workers, peak_rss,
)


SAMPLES = Path(__file__).resolve().parents[2] / "src" / "bilat" / "data" / "samples"
def _articles(n: int):
    return [article_from_text(f"Story {i}.", doc_id=f"d{i}", story_date=date(2020, 1, 1))
            for i in range(n)]


@pytest.mark.parametrize("n, size, sizes", [(0, 3, []), (5, 2, [2, 2, 1]), (6, 3, [3, 3]),
                                            (1, 32, [1])])
def test_chunked(n, size, sizes):
    chunks = list(chunked(iter(_articles(n)), size))
    assert [len(c) for c in chunks] == sizes
    assert [a.doc_id for c in chunks for a in c] == [f"d{i}" for i in range(n)]


def test_memory_readings_and_cores():
    assert default_workers() >= 1
    assert current_rss() > 10 * 2**20 and peak_rss() > 10 * 2**20


@pytest.mark.parametrize("workers", [0, -1])
def test_bad_worker_counts(workers):
    with pytest.raises(BadParameter, match="--workers"):
        next(code_parallel(_articles(1), workers=workers))
    with pytest.raises(BadParameter, match="--workers"):
        next(code_stream(_articles(1), workers=workers))


class _FakeCoder:
    def __init__(self):
        self.seen = []

    def code_articles(self, articles):
        for a in articles:
            self.seen.append(a.doc_id)
            yield a.doc_id


def test_a_given_coder_codes_in_this_process():
    fake = _FakeCoder()
    out = list(code_stream(_articles(PARALLEL_MIN + 3), workers=4, coder=fake))
    assert out == fake.seen and len(out) == PARALLEL_MIN + 3


@pytest.mark.slow
def test_two_workers_give_the_events_of_one_process(coder):
    from bilat.ingest import read_inputs
    from bilat.schemas import Article

    arts = [a for a in read_inputs([str(SAMPLES)]) if isinstance(a, Article)]
    here = list(coder.code_articles(arts, batch=2))
    stats = WorkerStats()
    there = list(code_parallel(iter(arts), workers=2, spec=CoderSpec(), chunk=2, stats=stats))
    assert [c.article.doc_id for c in there] == [a.doc_id for a in arts]
    assert [[e.to_dict() for e in c.events] for c in there] == \
        [[e.to_dict() for e in c.events] for c in here]
    assert sum(len(c.events) for c in there) > 10
    assert 100 * 2**20 < stats.max_peak < 2**30
    assert [done for done, _, _ in stats.samples] == [min(i + 2, len(arts))
                                                      for i in range(0, len(arts), 2)]
