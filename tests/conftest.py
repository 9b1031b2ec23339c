"""Session fixtures shared by the whole test tree."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "bilat" / "data" / "samples"


def shared_dir() -> Path:
    """../shared beside the checkout (or $BILAT_SHARED)."""
    env = os.environ.get("BILAT_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    d = shared_dir()
    if not d.is_dir():
        pytest.skip(f"{d} is absent: the shared gold data is not beside this checkout")
    return d


@pytest.fixture(scope="session")
def seed_story(shared) -> Path:
    p = shared / "corpus" / "seed" / "kazinform-kaz-rou-2017-07-15.txt"
    if not p.is_file():
        pytest.skip(f"{p} is absent")
    return p


@pytest.fixture(scope="session")
def coder():
    """The full pipeline (spaCy model + gazetteer + patterns), loaded once."""
    from bilat.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def code_text(coder):
    """Code one text with a story date; returns its events."""
    from datetime import date

    from bilat.ingest import article_from_text

    def run(text: str, story_date: str = "2020-06-15"):
        art = article_from_text(text, doc_id="t", story_date=date.fromisoformat(story_date))
        return list(coder.code_article(art).events)

    return run
