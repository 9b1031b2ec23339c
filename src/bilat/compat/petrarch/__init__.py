"""TABARI / PETRARCH-2 dictionaries in bilat: read them, code with them, run their suite.

    from bilat.compat.petrarch import load_folder, PetrarchCoder, run_suite

    dicts = load_folder("~/my-dictionaries")           # .verbs .actors .agents .discards ...
    coder = PetrarchCoder(dicts)                        # spaCy parse + verb patterns
    coder.code_text("Valdoria recalled its envoy from Korvath.", when=date(1995, 1, 1))

    result = run_suite("../shared/eval/petr-validation-suite/petrarch2/PETR.UnitTest.records.xml")
    result.rate                                          # share of records coded exactly

Modules: `verbs`, `actors`, `agents`, `discards`, `issues`, `pico` (one format
each), `dictionaries` (a set loaded together), `phrases`/`mentions` (finding
actors and agents), `verbmatch`/`roles`/`masking`/`coder` (coding), `bridge`
(bilat `Event`s), `records`/`runner` (the validation-records format).
The format as implemented is documented in docs/DICTIONARIES.md.
"""

from bilat.compat.petrarch.actors import ActorDictionary, ActorEntry, DateRestriction, load_actors
from bilat.compat.petrarch.agents import AgentDictionary, AgentEntry, compose, load_agents
from bilat.compat.petrarch.bridge import PetrarchArticleCoder
from bilat.compat.petrarch.coder import PetrarchCoder, PetrEvent, SentenceCoding
from bilat.compat.petrarch.dictionaries import PetrarchDictionaries, load_files, load_folder
from bilat.compat.petrarch.discards import DiscardList, load_discards
from bilat.compat.petrarch.issues import IssueList, load_issues
from bilat.compat.petrarch.pico import CodingOntology, load_pico
from bilat.compat.petrarch.records import Record, RecordSet, read_records
from bilat.compat.petrarch.runner import SuiteResult, format_result, run_suite
from bilat.compat.petrarch.verbs import VerbDictionary, load_verbs

__all__ = [
    "ActorDictionary", "ActorEntry", "AgentDictionary", "AgentEntry", "CodingOntology",
    "DateRestriction", "DiscardList", "IssueList", "PetrEvent", "PetrarchArticleCoder",
    "PetrarchCoder", "PetrarchDictionaries", "Record", "RecordSet", "SentenceCoding",
    "SuiteResult", "VerbDictionary", "compose", "format_result", "load_actors", "load_agents",
    "load_discards", "load_files", "load_folder", "load_issues", "load_pico", "load_verbs",
    "read_records", "run_suite",
]
