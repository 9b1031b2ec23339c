"""The fast path's first pass: inflections, and which sentences go to the parser."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.pipeline import Sentencizer

from bilat.coding.patterns import load_patterns
from bilat.scale.prefilter import Inflector, SentenceFilter, event_lemmas, event_words
from bilat.schemas import ActorMention

KAZ_ROU = ("KAZ", "ROU")
EXCEPTIONS = {"verb": {"met": ["meet"], "signed": ["sign"]}, "noun": {"chairmen": ["chairman"]}}


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def sentence_filter():
    return SentenceFilter(event_words(load_patterns(), Inflector.from_tables({}, EXCEPTIONS)))


@pytest.mark.parametrize("lemma, form", [
    ("visit", "visited"), ("visit", "visiting"), ("visit", "visits"), ("agree", "agreed"),
    ("agree", "agreeing"), ("apply", "applied"), ("apply", "applies"), ("plan", "planned"),
    ("plan", "planning"), ("tie", "tying"), ("meet", "met"),
])
def test_forms_cover_regular_and_irregular_inflections(lemma, form):
    assert form in Inflector.from_tables({}, EXCEPTIONS).forms(lemma)


@pytest.mark.parametrize("noun, plural", [("country", "countries"), ("side", "sides"),
                                          ("chairman", "chairmen"), ("minister", "ministers")])
def test_plurals(noun, plural):
    forms = Inflector.from_tables({"noun": [["men", "man"], ["s", ""]]}, EXCEPTIONS).plurals(noun)
    assert plural in forms and noun not in forms


def test_rules_are_inverted():
    inflector = Inflector.from_tables({"verb": [["ied", "y"]], "noun": [], "adj": []}, {})
    assert "allied" in inflector.forms("ally")


def test_event_lemmas_include_patterns_governors_and_speech_verbs():
    lemmas = event_lemmas(load_patterns())
    assert {"visit", "sign", "urge", "say", "relation"} <= lemmas


def _select(nlp, sentence_filter, text, actors, dyad=None, when=date(2017, 7, 15)):
    """Selection for `text`; `actors` maps a word (or two) to (kind, country)."""
    doc = Sentencizer()(nlp(text))
    sents = list(doc.sents)
    mentions = []
    for sent in sents:
        found = []
        for phrase, (kind, country) in actors.items():
            words = phrase.split()
            for i in range(sent.start, sent.end - len(words) + 1):
                if [t.text for t in doc[i:i + len(words)]] == words:
                    found.append(ActorMention(i, i + len(words), phrase, kind, country))
        mentions.append(found)
    marks = sentence_filter.mark(doc)
    return sentence_filter.select(sents, mentions, dyad, [marks] * len(sents), when=when)


@pytest.mark.parametrize("text, actors, dyad, picks", [
    ("Romania and Kazakhstan signed an agreement.",
     {"Romania": ("country", "ROU"), "Kazakhstan": ("country", "KAZ")}, None, (0,)),
    ("Romania and Kazakhstan met in Astana.",
     {"Romania": ("country", "ROU"), "Kazakhstan": ("country", "KAZ")}, None, (0,)),
    ("Romania and Kazakhstan are large.",
     {"Romania": ("country", "ROU"), "Kazakhstan": ("country", "KAZ")}, None, ()),
    ("Romania signed an agreement.", {"Romania": ("country", "ROU")}, None, ()),
    ("Romania signed an agreement.", {"Romania": ("country", "ROU")}, KAZ_ROU, ()),
    ("The two countries signed an agreement.", {}, KAZ_ROU, (0,)),
    ("Both sides signed an agreement.", {}, KAZ_ROU, (0,)),
    ("Many countries signed an agreement.", {}, KAZ_ROU, ()),
    ("The leaders had agreed.", {"leaders": ("role", None)}, KAZ_ROU, (0,)),
    ("The leaders had agreed.", {"leaders": ("role", None)}, None, ()),
    ("With the Forest eleven tropical \n rainforest countries, Romania signed.",
     {"Romania": ("country", "ROU")}, KAZ_ROU, (0,)),
    ("The countries of the world, in Europe, in Asia and in Africa, signed.", {}, KAZ_ROU, (0,)),
    ("Countries of the world, in Europe, in Asia and in Africa, the rich countries signed.", {},
     KAZ_ROU, (0,)),
    ("These and many other rich and poor countries signed.", {}, KAZ_ROU, ()),
    ("The two countries signed an agreement.", {}, None, ()),
    ("The two presidents signed an agreement.", {"two presidents": ("dyad_ref", None)}, KAZ_ROU,
     (0,)),
    ("The United Nations signed an agreement.", {"United Nations": ("igo", "UN")}, KAZ_ROU, ()),
    ("This year marks the 25th anniversary of diplomatic relations.", {}, KAZ_ROU, (0,)),
    ("This year marks the 25th anniversary of diplomatic relations.", {}, None, ()),
    ("Diplomatic relations were established in 1992.", {}, KAZ_ROU, (0,)),
    ("Relations are good.", {}, KAZ_ROU, ()),
])
def test_picks(nlp, sentence_filter, text, actors, dyad, picks):
    assert _select(nlp, sentence_filter, text, actors, dyad).picks == picks


def test_a_pronoun_brings_the_previous_sentence_for_its_antecedent(nlp, sentence_filter):
    sel = _select(nlp, sentence_filter, "Erdogan arrived on Monday. He met Putin.",
                  {"Erdogan": ("leader", "TUR"), "Putin": ("leader", "RUS")})
    assert sel.picks == (1,) and sel.context == (0,) and sel.to_parse == (0, 1)


def test_a_pronoun_without_actors_before_it_is_not_enough(nlp, sentence_filter):
    sel = _select(nlp, sentence_filter, "It rained on Monday. He met Putin.",
                  {"Putin": ("leader", "RUS")})
    assert sel.picks == () and sel.to_parse == ()


def test_wants_one_sentence(nlp, sentence_filter):
    doc = Sentencizer()(nlp("Romania and Kazakhstan signed an agreement."))
    sent = next(iter(doc.sents))
    ms = [ActorMention(0, 1, "Romania", "country", "ROU"),
          ActorMention(2, 3, "Kazakhstan", "country", "KAZ")]
    assert sentence_filter.wants(sent, ms, None)
    assert not sentence_filter.wants(sent, ms[:1], None)
