"""The ingest stage: input paths to `bilat.schemas.Article` records.

    expand_inputs(["news/", "*.jsonl"])      files, folders, globs -> story files
    read_inputs(inputs, story_date=...)      -> Article | Skip, streamed (raises
                                             InputNotFound at once for a bad input)
    article_from_text(text, doc_id=...)      one story: dateline + story date
    article_from_record({"text": ...}, where=...)  one JSONL-style story object
    parse_dateline(text)                     -> (Dateline | None, rest of text)

Readers: `.txt` (one story a file), `.jsonl` (one a line), `.json` (a list),
`.html`/`.htm` (trafilatura, offline). Unreadable files and stories come out
as `Skip` records carrying a `bilat.errors.InputError`; the run goes on.
"""

from bilat.ingest.article import article_from_text
from bilat.ingest.dateline import parse_dateline
from bilat.ingest.paths import STORY_SUFFIXES, expand_inputs
from bilat.ingest.readers import MAX_BYTES, article_from_record, read_inputs, read_path
from bilat.ingest.records import Skip
from bilat.ingest.story_date import choose_story_date, find_full_dates

__all__ = [
    "MAX_BYTES", "STORY_SUFFIXES", "Skip", "article_from_record", "article_from_text",
    "choose_story_date",
    "expand_inputs", "find_full_dates", "parse_dateline", "read_inputs", "read_path",
]
