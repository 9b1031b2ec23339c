"""Pipeline plumbing: chunking long stories, batching, order."""

import pytest

from bilat.pipeline import chunk_text


def test_short_text_is_one_chunk():
    assert chunk_text("abc", limit=10) == ["abc"]


@pytest.mark.parametrize("limit", [50, 100, 333])
def test_chunks_rejoin_to_the_text_and_respect_the_limit(limit):
    text = ("Paragraph one is here. " * 7 + "\n\n") * 30 + "x" * (limit * 2)
    chunks = chunk_text(text, limit=limit)
    assert "".join(chunks) == text
    assert all(len(c) <= limit for c in chunks)


def test_chunks_prefer_paragraph_boundaries():
    text = ("a" * 60 + "\n\n") * 5
    chunks = chunk_text(text, limit=100)
    assert all(c.endswith("\n\n") for c in chunks)


@pytest.mark.slow
def test_code_articles_keeps_input_order_and_codes_each(coder):
    from datetime import date

    from bilat.ingest import article_from_text

    arts = [article_from_text(f"In 2010 the President of Romania visited Kazakhstan. Story {i}.",
                              doc_id=f"d{i}", story_date=date(2017, 7, 15)) for i in range(5)]
    coded = list(coder.code_articles(arts, batch=2))
    assert [c.article.doc_id for c in coded] == [f"d{i}" for i in range(5)]
    assert all(any(e.cameo == "042" for e in c.events) for c in coded)
