"""The seed story from ../shared comes out as the acceptance test expects."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bilat.ingest import read_inputs
from bilat.schemas import Article, StoryDateSource


@pytest.mark.shared
def test_seed_story(seed_story: Path) -> None:  # conftest skips when ../shared is absent
    (article,) = list(read_inputs([str(seed_story)]))
    assert isinstance(article, Article)
    assert article.doc_id == "kazinform-kaz-rou-2017-07-15"
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("ASTANA", "KAZINFORM")
    assert article.text.startswith("On July 15, 2017")
    assert article.story_date == date(2017, 7, 15)
    assert article.story_date_source is StoryDateSource.INFERRED
    assert article.path == str(seed_story)
