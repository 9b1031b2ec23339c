"""The fixed benchmark corpus, read from the shared folder beside the checkout.

    wikinews_stories(shared, limit=100)        news stories (CSV: url, date, title, text)
    ungdc_speeches(shared, limit=40)           UN General Debate speeches, one a story
    ungdc_short_stories(shared, limit=10_000)  the same speeches cut into short stories
                                               of a few paragraphs each

Everything is read in a fixed order (sorted file names, file order within a file),
so every run of `bilat bench` codes the same text. Missing folders raise
`InputNotFound` naming the folder.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from bilat.errors import EmptyStory, InputNotFound
from bilat.schemas import Article

WIKINEWS = Path("corpus") / "wikinews" / "data"
UNGDC = Path("corpus") / "ungdc" / "TXT"
_SPEECH = re.compile(r"^(?P<who>[A-Z]{2,3})_(?P<session>\d+)_(?P<year>\d{4})$")
DEBATE_DAY = (9, 25)  # the General Debate opens in the second half of September


def _folder(shared: Path, sub: Path) -> Path:
    path = shared / sub
    if not path.is_dir():
        raise InputNotFound(f"{path} is absent; put the shared data beside the checkout "
                            "(or set BILAT_SHARED) to run the benchmark")
    return path


def wikinews_stories(shared: Path, *, limit: int | None = None) -> list[Article]:
    """Wikinews stories from the CSV files, oldest file first, at most `limit`."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    out: list[Article] = []
    for path in sorted(_folder(shared, WIKINEWS).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f)):
                text = (row.get("text") or "").strip()
                if not text:
                    continue
                day = _day(row.get("date") or "")
                art = _article(text, doc_id=f"{path.stem}-{i:04d}", day=day,
                               title=row.get("title") or None, url=row.get("url") or None)
                if art is not None:
                    out.append(art)
                if limit is not None and len(out) >= limit:
                    return out
    return out


def _article(text: str, *, doc_id: str, day: date | None, title: str | None = None,
             url: str | None = None) -> Article | None:
    """The story, dated by its record; None when nothing is left to code."""
    from bilat.ingest import article_from_text

    try:
        return article_from_text(text, doc_id=doc_id, metadata_date=day, title=title, url=url)
    except EmptyStory:
        return None


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _speech_files(shared: Path) -> list[Path]:
    return sorted(_folder(shared, UNGDC).glob("*/*.txt"))


def _speech_date(path: Path) -> date | None:
    m = _SPEECH.match(path.stem)
    return date(int(m["year"]), *DEBATE_DAY) if m else None


def ungdc_speeches(shared: Path, *, limit: int | None = None,
                   every: int = 1) -> list[Article]:
    """Whole speeches (one story each), every `every`-th file, at most `limit`."""
    out: list[Article] = []
    for path in _speech_files(shared)[::max(1, every)]:
        text = path.read_text(encoding="utf-8")
        art = _article(text, doc_id=f"ungdc-{path.stem}", day=_speech_date(path))
        if art is not None:
            out.append(art)
        if limit is not None and len(out) >= limit:
            break
    return out


def ungdc_short_stories(shared: Path, *, limit: int, paragraphs: int = 4) -> Iterator[Article]:
    """Speeches cut into stories of `paragraphs` non-empty lines, streamed, at most `limit`."""
    n = 0
    for path in _speech_files(shared):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        day = _speech_date(path)
        for k in range(0, len(lines), paragraphs):
            art = _article("\n\n".join(lines[k:k + paragraphs]),
                           doc_id=f"ungdc-{path.stem}-{k // paragraphs:03d}", day=day)
            if art is None:
                continue
            yield art
            n += 1
            if n >= limit:
                return
