"""Surface forms of names: the lookup key of a name and its spelling variants.

`normalize` turns any writing of a name into one key ("The Bahamas",
"bahamas", "BAHAMAS" -> "bahamas"; "Côte d’Ivoire" -> "cote d'ivoire").
`variants` lists the writings of a form that the matcher should also know:
accents folded, curly apostrophes, Saint/St., British/American spellings.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})
_SPACES = re.compile(r"\s+")
_SPELLINGS = (
    ("Organisation", "Organization"), ("organisation", "organization"),
    ("Defence", "Defense"), ("defence", "defense"),
    ("Labour", "Labor"), ("labour", "labor"),
    ("Programme", "Program"),
)


def fold_accents(text: str) -> str:
    """`text` without combining marks ("Bogotá" -> "Bogota", "Türkiye" -> "Turkiye")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def strip_article(text: str) -> str:
    """`text` without a leading "the " ("The Gambia" -> "Gambia")."""
    if text[:4].lower() == "the " and len(text) > 4:
        return text[4:].lstrip()
    return text


def normalize(text: str) -> str:
    """The lookup key of a name: trimmed, no leading "the", folded, lower case."""
    text = _SPACES.sub(" ", text.translate(_APOSTROPHES).strip())
    return fold_accents(strip_article(text)).casefold()


def variants(form: str) -> list[str]:
    """`form` and the other writings of it to match, `form` first, no duplicates."""
    out = [form]
    for old, new in _SPELLINGS:
        for existing in list(out):
            if old in existing:
                out.append(existing.replace(old, new))
            elif new in existing:
                out.append(existing.replace(new, old))
    for existing in list(out):
        if existing.startswith("Saint "):
            out.append("St. " + existing[6:])
            out.append("St " + existing[6:])
    for existing in list(out):
        out.append(fold_accents(existing))
    for existing in list(out):
        if "'" in existing:
            out.append(existing.replace("'", "’"))
    seen: set[str] = set()
    return [v for v in out if not (v in seen or seen.add(v))]


def is_acronym(form: str) -> bool:
    """True for forms written in capitals only ("UN", "U.S.", "G20"): these
    match only when written the same way, so "us" is not "US"."""
    letters = [ch for ch in form if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)
