"""The fast path codes the seed story and the bundled samples exactly as the full path."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "bilat" / "data" / "samples"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def full_coder(coder):
    from bilat.pipeline import Coder

    return Coder(fast=False, nlp=coder.nlp)


def _articles(path):
    from bilat.ingest import read_inputs
    from bilat.schemas import Article

    return [a for a in read_inputs([str(path)]) if isinstance(a, Article)]


def _same(coder, full_coder, arts):
    fast = list(coder.code_articles(arts))
    full = list(full_coder.code_articles(arts))
    for f, g in zip(fast, full):
        assert [e.to_dict() for e in f.events] == [e.to_dict() for e in g.events], f.article.doc_id
        assert f.facts == g.facts
        assert f.n_sentences == g.n_sentences and f.n_parsed <= g.n_parsed
    return sum(len(f.events) for f in fast)


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.iterdir()
                                        if p.suffix in (".txt", ".html", ".jsonl")))
def test_samples(coder, full_coder, name):
    assert _same(coder, full_coder, _articles(SAMPLES / name)) > 0


@pytest.mark.shared
def test_seed_story(coder, full_coder, seed_story):
    assert _same(coder, full_coder, _articles(seed_story)) >= 5


def test_the_full_path_is_kept(full_coder):
    assert full_coder.fast is False and not hasattr(full_coder, "sentence_filter")
