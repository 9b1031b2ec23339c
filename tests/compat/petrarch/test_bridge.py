"""PETRARCH-coded articles as bilat Event records."""

from __future__ import annotations

from datetime import date

import pytest

from bilat.compat.petrarch.bridge import PetrarchArticleCoder, country_of


@pytest.mark.parametrize("code,country", [("KAZGOV", "KAZ"), ("ROU", "ROU"), ("IGOUNO", None),
                                          ("---GOV", None), ("NGOKRV", "NGO"), ("A1B", None)])
def test_country_of(code, country):
    assert country_of(code) == country


@pytest.mark.slow
def test_articles_become_events(mini, nlp):
    from bilat.ingest import article_from_text

    coder = PetrarchArticleCoder(mini, nlp=nlp)
    arts = [article_from_text("Eskaland donated food to Valdoria. Valdoria severed trade ties "
                              "with Korvath.", doc_id=f"d{i}", story_date=date(1995, 1, 1))
            for i in range(2)]
    coded = list(coder.code_articles(arts, batch=1))
    assert [c.article.doc_id for c in coded] == ["d0", "d1"]
    first = coded[0]
    assert first.n_sentences == 2
    assert [(e.source_actor, e.target_actor, e.cameo, e.sentence_index) for e in first.events] \
        == [("ESK", "VAL", "071", 0), ("VAL", "KRV", "162", 1)]
    ev = first.events[0]
    assert (ev.source_country, ev.date, ev.date_precision, ev.trigger) == (
        "ESK", "1995-01-01", "story", "donated")
    assert ev.extra["coder"] == "petrarch"


@pytest.mark.slow
def test_codes_outside_cameo_are_not_stored(mini, nlp):
    from bilat.ingest import article_from_text

    coder = PetrarchArticleCoder(mini, nlp=nlp)
    art = article_from_text("Valdoria saluted Korvath. Valdoria and Korvath met on Tuesday.",
                            doc_id="m", story_date=date(1995, 1, 1))
    coded = coder.code_article(art)
    assert [e.cameo for e in coded.events] == ["043", "043"]
    assert coder.skipped_codes == {"903": 1}
