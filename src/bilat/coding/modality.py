"""Modality of an event mention: negated, intended, refused, appealed for, demanded.

"did not sign" is dropped; "will visit" / "plans to visit" becomes an intent (03);
"refused to sign" a rejection (12); "urged X to negotiate" an appeal (02);
"demanded that X withdraw" a demand (10); "threatened to impose sanctions" a
threat (13). Each mapping takes the code of the embedded action and returns
the CAMEO code of the speech act about it. Counts ("twice", "three times")
live here too: they qualify the event mention, not its actors.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


class Mode(str, Enum):
    ASSERTED = "asserted"
    NEGATED = "negated"
    INTENT = "intent"
    REFUSAL = "refusal"
    APPEAL = "appeal"
    DEMAND = "demand"
    THREAT = "threat"
    HYPOTHETICAL = "hypothetical"


# governors of an embedded action (the action is their xcomp / ccomp)
INTENT_GOVERNORS = frozenset({
    "intend", "plan", "pledge", "promise", "vow", "agree", "aim", "want", "hope", "wish",
    "decide", "commit", "prepare", "propose", "offer", "seek", "expect", "resolve", "undertake",
    "ready", "willing", "eager", "set", "due", "scheduled", "poised", "keen", "determined",
    "committed", "prepared", "going",
})
REFUSAL_GOVERNORS = frozenset({"refuse", "decline", "reject", "unwilling", "reluctant"})
APPEAL_GOVERNORS = frozenset({"urge", "ask", "appeal", "call", "invite", "encourage", "request",
                              "press", "implore", "beg", "advise", "push"})
DEMAND_GOVERNORS = frozenset({"demand", "insist", "order", "require", "force", "compel"})
THREAT_GOVERNORS = frozenset({"threaten", "warn"})
NEGATING_GOVERNORS = frozenset({"fail", "deny", "cancel", "postpone", "avoid", "stop", "cease",
                                "refrain", "abandon", "forget"})
HYPOTHETICAL_GOVERNORS = frozenset({"consider", "mull", "weigh", "discuss", "debate", "may", "might"})

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
HYPOTHETICAL_AUX = frozenset({"may", "might", "could", "should", "must", "can", "ca"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})

COUNT_WORDS = {"once": 1, "twice": 2, "thrice": 3}
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8,
                "9": 9, "10": 10}


def is_negated(tok: "Token") -> bool:
    """A `neg` dependent, a negating determiner ("no talks"), or "without" above it."""
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in ("no", "neither")):
            return True
        if child.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in child.children):
            return True
    head = tok.head
    if tok.dep_ == "pcomp" and head.lower_ == "without":
        return True
    if tok.dep_ == "pobj" and head.lower_ == "without":
        return True
    return False


def aux_mode(tok: "Token") -> Mode:
    """Future or hypothetical auxiliaries of the trigger itself."""
    for child in tok.children:
        if child.dep_ not in ("aux", "auxpass"):
            continue
        word = child.lower_
        if word in FUTURE_AUX:
            return Mode.INTENT
        if word in HYPOTHETICAL_AUX:
            return Mode.HYPOTHETICAL
    return Mode.ASSERTED


# verbs of phase that pass their governor's modality through: "prepared to resume shelling"
ASPECTUAL = frozenset({"resume", "continue", "start", "begin", "keep", "restart", "step"})


def governor(tok: "Token") -> "Token | None":
    """The verb or adjective that embeds this action as its complement, if any."""
    if tok.dep_ in ("xcomp", "ccomp", "advcl", "pcomp") and tok.head is not tok:
        head = tok.head
        if tok.dep_ == "pcomp":  # "committed to strengthening": head is "to"
            head = head.head
        if head.lemma_.lower() in ASPECTUAL and head.dep_ in ("xcomp", "ccomp"):
            above = governor(head)
            if above is not None and governor_mode(above) is not None:
                return above
        return head
    if tok.dep_ == "conj" and tok.head is not tok:
        return governor(tok.head)
    return None


def governor_mode(gov: "Token") -> Mode | None:
    lemma = gov.lemma_.lower()
    word = gov.lower_
    for words, mode in ((NEGATING_GOVERNORS, Mode.NEGATED), (REFUSAL_GOVERNORS, Mode.REFUSAL),
                        (THREAT_GOVERNORS, Mode.THREAT), (DEMAND_GOVERNORS, Mode.DEMAND),
                        (APPEAL_GOVERNORS, Mode.APPEAL), (INTENT_GOVERNORS, Mode.INTENT),
                        (HYPOTHETICAL_GOVERNORS, Mode.HYPOTHETICAL)):
        if lemma in words or word in words:
            return mode
    return None


def is_conditional_threat(tok: "Token") -> bool:
    """'will withdraw its force unless X ...': a promise made conditional is a threat."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "otherwise")
                                         for m in c.children) for c in tok.children)


def count_of(tok: "Token") -> int:
    """'visited twice' -> 2, 'met three times' -> 3; otherwise 1."""
    for child in tok.children:
        if child.lower_ in COUNT_WORDS and child.dep_ in ("advmod", "npadvmod"):
            return COUNT_WORDS[child.lower_]
        if child.lemma_.lower() == "time" and child.dep_ in ("npadvmod", "advmod", "dobj"):
            for num in child.children:
                if num.dep_ == "nummod" and num.lower_ in NUMBER_WORDS:
                    return NUMBER_WORDS[num.lower_]
    return 1


def noun_count(tok: "Token") -> int:
    """'two visits' -> 2; otherwise 1."""
    for c in tok.children:
        if c.dep_ == "nummod" and c.lower_ in NUMBER_WORDS:
            return NUMBER_WORDS[c.lower_]
    return 1


# ---------------------------------------------------------------- code mappings

def _by_prefix(code: str, table: dict[str, str], default: str) -> str:
    """Most specific prefix of `code` found in `table`."""
    for n in (len(code), 3, 2):
        if code[:n] in table:
            return table[code[:n]]
    return default


_INTENT = {
    "03": "", "04": "036", "045": "039", "05": "032", "050": "030", "057": "030", "054": "032",
    "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "08": "035", "081": "0351", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
    "0871": "0356",
}
_THREAT = {
    "15": "138", "16": "131", "160": "131", "161": "1313", "162": "1311", "163": "1312",
    "164": "134", "165": "135", "166": "136", "17": "130", "172": "132", "173": "137",
    "174": "137", "18": "1383", "19": "1384", "191": "1381", "192": "1382", "20": "1383",
    "204": "1385", "14": "133",
}
_REFUSAL = {
    "03": "120", "04": "125", "045": "126", "039": "126", "05": "120", "057": "127",
    "06": "121", "061": "1211", "062": "1212", "063": "1213",
    "07": "122", "071": "1221", "072": "1222", "073": "1223", "074": "1224",
    "08": "124", "081": "1241", "084": "1243", "085": "1244", "086": "1245", "087": "1246",
    "0871": "1246",
}
_APPEAL = {
    "04": "026", "045": "028", "05": "022", "06": "021", "061": "0211", "062": "0212",
    "063": "0213", "064": "0214", "07": "023", "071": "0231", "072": "0232", "073": "0233",
    "074": "0234", "08": "025", "081": "0251", "084": "0253", "085": "0254", "086": "0255",
    "087": "0256", "0871": "0256",
}
_DEMAND = {
    "04": "106", "045": "108", "05": "102", "06": "101", "061": "1011", "062": "1012",
    "063": "1013", "064": "1014", "07": "103", "071": "1031", "072": "1032", "073": "1033",
    "074": "1034", "08": "105", "081": "1051", "084": "1053", "085": "1054", "086": "1055",
    "087": "1056", "0871": "1056", "16": "105", "19": "1056",
}


def intent_code(code: str) -> str:
    """Code for a future or intended `code`: cooperation -> 03x, force -> threat 13x."""
    if code[:2] in ("13", "03"):
        return code
    if code[:2] in _THREAT or code[:3] in _THREAT:
        return _by_prefix(code, _THREAT, "130")
    mapped = _by_prefix(code, _INTENT, "030")
    if code[:2] in ("09", "10", "11", "12", "01", "02"):
        return code  # "will criticise", "will demand": the speech act itself
    return mapped or code


def threat_code(code: str) -> str:
    return code if code[:2] == "13" else _by_prefix(code, _THREAT, "130")


def refusal_code(code: str) -> str:
    return code if code[:2] == "12" else _by_prefix(code, _REFUSAL, "120")


def appeal_code(code: str) -> str:
    return code if code[:2] == "02" else _by_prefix(code, _APPEAL, "020")


def demand_code(code: str) -> str:
    return code if code[:2] == "10" else _by_prefix(code, _DEMAND, "100")


def recode(code: str, mode: Mode) -> str | None:
    """The code of `code` under `mode`; None when the event must be dropped."""
    if mode is Mode.ASSERTED:
        return code
    if mode is Mode.INTENT:
        return intent_code(code)
    if mode is Mode.THREAT:
        return threat_code(code)
    if mode is Mode.REFUSAL:
        return refusal_code(code)
    if mode is Mode.APPEAL:
        return appeal_code(code)
    if mode is Mode.DEMAND:
        return demand_code(code)
    return None  # negated, hypothetical
