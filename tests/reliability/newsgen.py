"""Made-up news stories for the reliability tests: country names and event verbs.

Each story has one or two sentences, each naming two countries with a verb the
coder knows (visits, agreements, accusations, sanctions, aid, talks), so every
story gives events; the same arguments always give the same stories.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

COUNTRIES = (
    "France", "Germany", "Russia", "China", "Japan", "India", "Brazil", "Kazakhstan", "Romania",
    "Turkey", "Egypt", "Nigeria", "Mexico", "Canada", "Australia", "Poland", "Ukraine", "Iran",
    "Pakistan", "Indonesia", "Argentina", "Kenya", "Vietnam", "Sweden", "Italy", "Spain",
)

SENTENCES = (
    "{a} and {b} signed an agreement on trade cooperation.",
    "The president of {a} visited {b} to discuss energy projects.",
    "{a} accused {b} of violating the ceasefire.",
    "{a} imposed new sanctions on {b}.",
    "{a} pledged economic aid to {b}.",
    "Officials from {a} met their counterparts from {b} for talks.",
    "{a} condemned the missile test carried out by {b}.",
    "{a} expelled two diplomats of {b}.",
)


def story(rng: random.Random, k: int) -> dict[str, str]:
    """One JSONL story object: doc_id, story_date and one or two sentences."""
    parts = []
    for _ in range(rng.choice((1, 2))):
        a, b = rng.sample(COUNTRIES, 2)
        parts.append(rng.choice(SENTENCES).format(a=a, b=b))
    day = f"20{rng.randrange(10, 24):02d}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    return {"doc_id": f"news-{k:05d}", "story_date": day, "text": " ".join(parts)}


def stories(n: int, *, seed: int = 6) -> list[dict[str, str]]:
    rng = random.Random(seed)
    return [story(rng, k) for k in range(n)]


def write_jsonl(path: Path, items: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(s) + "\n" for s in items), encoding="utf-8")
    return path
