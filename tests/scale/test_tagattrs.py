"""TagAttributes gives what the stock attribute ruler + lemmatizer give, token for token."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.lookups import Lookups
from spacy.tokens import Doc

from bilat.scale.tagattrs import TagAttributes


SAMPLES = Path(__file__).resolve().parents[2] / "src" / "bilat" / "data" / "samples"
def _attrs(doc):
    return [(t.text, t.tag_, t.dep_, t.pos_, str(t.morph), t.lemma_) for t in doc]


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "VBD"}]], {"POS": "VERB", "MORPH": "Tense=Past|VerbForm=Fin"})
    ruler.add([[{"TAG": "VB"}]], {"POS": "VERB", "MORPH": "VerbForm=Inf"})
    ruler.add([[{"TAG": "NNS"}]], {"POS": "NOUN", "MORPH": "Number=Plur"})
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN", "MORPH": "Number=Sing"})
    ruler.add([[{"TAG": {"IN": ["DT", "PDT"]}}]], {"POS": "DET"})
    for tag, pos in (("CC", "CCONJ"), (".", "PUNCT"), ("EX", "PRON"), ("VBP", "AUX"),
                     ("CD", "NUM"), ("VBG", "VERB"), ("TO", "PART"), ("RB", "ADV"),
                     ("PRP", "PRON"), ("SP", "X")):
        ruler.add([[{"TAG": tag}]], {"POS": pos})
    ruler.add([[{"TAG": "DT", "DEP": {"NOT_IN": ["det", ""]}}]], {"POS": "PRON"})
    ruler.add([[{"LOWER": "us", "DEP": "nsubj"}]], {"MORPH": "Case=Nom"})
    ruler.add([[{"LOWER": {"REGEX": "^n'?t$"}}]], {"LEMMA": "not", "POS": "PART"})
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"}, index=0)
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=-1)
    ruler.add([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], {"POS": "VERB"}, index=1)
    ruler.add([[{"IS_SPACE": True}]], {"TAG": "_SP", "POS": "SPACE", "MORPH": "_"})
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"verb": [["ed", ""], ["ed", "e"], ["s", ""]],
                                      "noun": [["ies", "y"], ["s", ""]]})
    lookups.add_table("lemma_index", {"verb": ["sign", "agree"], "noun": ["country", "side"]})
    lookups.add_table("lemma_exc", {"verb": {"met": ["meet"]}})
    lemmatizer.initialize(lookups=lookups)
    return nlp


DOCS = [
    (["The", "countries", "signed", "and", "met", "."],
     ["DT", "NNS", "VBD", "CC", "VBD", "."], [1, 2, 2, 2, 2, 2],
     ["det", "nsubj", "ROOT", "cc", "conj", "punct"]),
    (["There", "are", "two", "sides", "gon", "na", "agree", "n't", "\n\n"],
     ["EX", "VBP", "CD", "NNS", "VBG", "TO", "VB", "RB", "SP"], [1, 1, 3, 1, 6, 6, 1, 6, 6],
     ["expl", "ROOT", "nummod", "attr", "aux", "aux", "xcomp", "neg", "dep"]),
    (["That", "agreed", "us", "Countries", "sides"],
     ["DT", "VBD", "PRP", "NNS", "NNS"], [1, 1, 1, 4, 1],
     ["nsubj", "ROOT", "nsubj", "compound", "dobj"]),
]


@pytest.mark.parametrize("words, tags, heads, deps", DOCS)
def test_same_as_the_stock_components(nlp, words, tags, heads, deps):
    stock = Doc(nlp.vocab, words=words, tags=tags, heads=heads, deps=deps)
    fast = Doc(nlp.vocab, words=words, tags=tags, heads=heads, deps=deps)
    nlp.get_pipe("lemmatizer")(nlp.get_pipe("attribute_ruler")(stock))
    tag_attributes = TagAttributes.from_nlp(nlp)
    assert tag_attributes is not None
    for _ in range(2):  # cold, then from the caches
        again = Doc(nlp.vocab, words=words, tags=tags, heads=heads, deps=deps)
        assert _attrs(tag_attributes(again)) == _attrs(stock)
    assert _attrs(tag_attributes(fast)) == _attrs(stock)


@pytest.mark.parametrize("pattern", [
    [{"TAG": "NN", "OP": "+"}],
    [{"ORTH": "Rome"}],
    [{"POS": "NOUN"}],
    [{"LOWER": {"FUZZY": "rome"}}],
])
def test_patterns_it_cannot_mirror_keep_the_stock_components(pattern):
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([pattern], {"LEMMA": "x"})
    nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    assert TagAttributes.from_nlp(nlp) is None


def test_needs_both_components_last():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler")
    assert TagAttributes.from_nlp(nlp) is None


@pytest.mark.slow
def test_same_as_the_model_on_the_samples(coder):
    """Every token of the bundled samples, parsed sentence by sentence."""
    from bilat.ingest import read_inputs
    from bilat.schemas import Article

    nlp = coder.nlp
    assert coder.tag_attributes is not None
    arts = [a for a in read_inputs([str(SAMPLES)]) if isinstance(a, Article)]
    sents = [s.text for a in arts for s in coder.plan(a).sents]
    steps = [proc for name, proc in nlp.pipeline if name not in ("attribute_ruler", "lemmatizer")]
    n = 0
    for text in sents:
        stock = nlp(text)
        doc = nlp.make_doc(text)
        for proc in steps:
            doc = proc(doc)
        assert _attrs(coder.tag_attributes(doc)) == _attrs(stock)
        n += len(doc)
    assert n > 400
