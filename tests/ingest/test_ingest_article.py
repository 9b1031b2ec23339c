"""article_from_text: cleaning, dateline removal, fields, empty stories."""

from __future__ import annotations

import pytest

from bilat.errors import EmptyStory
from bilat.ingest import article_from_text
from bilat.schemas import StoryDateSource


def test_fields_and_dateline_removed() -> None:
    article = article_from_text(
        "  KYIV (AP) — Envoys of two lakeside nations met.\r\n\r\nThey agreed on a ferry.  ",
        doc_id="kyiv-1", title="  Envoys meet ", url=" https://example.org/a ", source="",
        path="in/kyiv-1.txt",
    )
    assert article.doc_id == "kyiv-1"
    assert article.text == "Envoys of two lakeside nations met.\n\nThey agreed on a ferry."
    assert article.dateline is not None and article.dateline.agency == "AP"
    assert (article.title, article.url, article.source) == (
        "Envoys meet", "https://example.org/a", None)
    assert article.path == "in/kyiv-1.txt"
    assert (article.story_date, article.story_date_source) == (None, StoryDateSource.NONE)


def test_control_characters_are_stripped() -> None:
    article = article_from_text("Talks\x00 went\x07 well.\x0cA second day\tfollowed.", doc_id="c")
    assert article.text == "Talks went well.\nA second day\tfollowed."


@pytest.mark.parametrize(("text", "words"), [
    ("", "has no text;"),
    ("  \n\t \u2028 ", "has no text;"),
    ("\x00\x01\x02", "has no text;"),
    ("WASHINGTON (Reuters) -   ", "has no text after its dateline"),
])
def test_empty_story(text: str, words: str) -> None:
    with pytest.raises(EmptyStory, match=rf"^E103 in/e\.txt: the story {words}"):
        article_from_text(text, doc_id="e", path="in/e.txt")


def test_empty_story_names_doc_id_without_path() -> None:
    with pytest.raises(EmptyStory, match="^E103 doc-7: "):
        article_from_text(" ", doc_id="doc-7")


def test_same_text_same_hash() -> None:
    a = article_from_text("On 2 May 2018 envoys met.", doc_id="a")
    b = article_from_text("On 2 May 2018 envoys met.\r\n", doc_id="b")
    assert a.content_hash == b.content_hash
