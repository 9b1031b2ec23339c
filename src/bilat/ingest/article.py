"""Raw story text plus what is known about it to an `Article`."""

from __future__ import annotations

from datetime import date

from bilat.errors import EmptyStory
from bilat.ingest.dateline import parse_dateline
from bilat.ingest.story_date import choose_story_date
from bilat.ingest.text import clean_text
from bilat.schemas import Article


def _optional(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def article_from_text(text: str, *, doc_id: str, story_date: date | None = None,
                      metadata_date: date | None = None, title: str | None = None,
                      url: str | None = None, source: str | None = None,
                      path: str | None = None) -> Article:
    """Clean the text, remove its dateline and settle the story date.

    `metadata_date` comes from the record itself (JSONL/HTML); `story_date` is
    the caller's fallback (CLI --story-date). Raises EmptyStory when no text is
    left after cleaning and removing the dateline.
    """
    return build_article(text, doc_id=doc_id, story_date=story_date, metadata_date=metadata_date,
                         title=title, url=url, source=source, path=path, where=path or doc_id)


def build_article(text: str, *, doc_id: str, story_date: date | None, metadata_date: date | None,
                  title: str | None, url: str | None, source: str | None, path: str | None,
                  where: str) -> Article:
    """`article_from_text`, with `where` ("file:line") named in its EmptyStory message."""
    dateline, body = parse_dateline(clean_text(text))
    body = body.strip()
    if not body:
        raise EmptyStory(
            f"{where}: the story has no text{' after its dateline' if dateline else ''}; "
            "remove it or give it a body"
        )
    when, source_of_date = choose_story_date(metadata_date=metadata_date, cli_date=story_date,
                                             dateline=dateline, lead=body)
    return Article(doc_id=doc_id, text=body, story_date=when, story_date_source=source_of_date,
                   title=_optional(title), url=_optional(url), source=_optional(source),
                   path=path, dateline=dateline)
