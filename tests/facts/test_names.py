"""Named mechanisms, agreements, routes and organisations, on hand-tagged Docs."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from bilat.facts import named_things
from bilat.schemas import FactKind

VOCAB = spacy.blank("en").vocab


def tagged(text: str) -> Doc:
    """Words with POS (and tag) after a slash; bare capitalised words are PROPN, bare
    punctuation PUNCT, other bare words NOUN."""
    words, pos, tags = [], [], []
    for item in text.split():
        word, _, rest = item.partition("/")
        p, _, t = rest.partition(":")
        if not p:
            p = "PUNCT" if not word[0].isalnum() else "PROPN" if word[0].isupper() else "NOUN"
        words.append(word)
        pos.append(p)
        tags.append(t or ("NNS" if p == "NOUN" and word.endswith("s") else "NN"))
    return Doc(VOCAB, words=words, pos=pos, tags=tags)


@pytest.mark.parametrize("text, name, kind", [
    ("They/PRON agreed/VERB a/DET joint/ADJ Roadmap Plan ./PUNCT",
     "joint Roadmap Plan", FactKind.AGREEMENT),
    ("The/DET Joint Commission for Fisheries and Forestry met/VERB ./PUNCT",
     "Joint Commission for Fisheries and Forestry", FactKind.MECHANISM),
    ("the/DET Amber-Sea Transit Corridor opened/VERB",
     "Amber-Sea Transit Corridor", FactKind.TRANSPORT),
    ("the/DET Norvik-Ostra railway/NOUN opened/VERB", "Norvik-Ostra railway", FactKind.TRANSPORT),
    ("the/DET Freedonian-Sylvanian business/NOUN council/NOUN met/VERB",
     "Freedonian-Sylvanian business council", FactKind.MECHANISM),
    ("the/DET Sylvanian Cultural Centre in/ADP Ostra",
     "Sylvanian Cultural Centre", FactKind.ORGANIZATION),
    ("a/DET Treaty of Friendship and Cooperation was/AUX signed/VERB",
     "Treaty of Friendship and Cooperation", FactKind.AGREEMENT),
    ("the/DET Commission for Fisheries and Economic ,/PUNCT Cultural and Technical Cooperation",
     "Commission for Fisheries and Economic , Cultural and Technical Cooperation",
     FactKind.MECHANISM),
])
def test_named_things(text, name, kind):
    found = named_things(tagged(text)[:])
    assert [(n.text, n.kind) for n in found] == [(name, kind)]


@pytest.mark.parametrize("text", [
    "Several/ADJ Sylvanian/ADJ cultural/ADJ societies/NOUN:NNS operate/VERB",  # plural, generic
    "The/DET Commission met/VERB ./PUNCT",  # one word is no name
    "Sylvania and/CCONJ Freedonia met/VERB in/ADP Ostra",  # no keyword
    "a/DET plan/NOUN to/PART build/VERB roads/NOUN",  # lowercase, no name
])
def test_not_names(text):
    assert named_things(tagged(text)[:]) == []


def test_two_names_joined_by_and_the_stay_two():
    doc = tagged("a/DET Memorandum of Understanding and/CCONJ the/DET Treaty of Friendship")
    assert [n.text for n in named_things(doc[:])] == ["Memorandum of Understanding",
                                                      "Treaty of Friendship"]
