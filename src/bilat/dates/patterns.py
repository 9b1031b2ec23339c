"""The compiled regular expressions of the time stage.

The grammar is a list of alternatives, each an outer named group whose name
tells `bilat.dates.finder` which resolver to call. At any one position the
longer alternatives come first, so "July 15, 2017" wins over "July 15" and
"25 years of relations" over "25 years". `COMBINED` joins them all into one
pattern (the reference behaviour); `ALL` and `ANNIVERSARY` are dispatch
tables that try, at a word start, only the alternatives that can begin with
that word.

Month and weekday names are matched case-sensitively (Capitalised or ALL CAPS)
so the verb "may" and the noun "march" are not months; the other words are
matched case-insensitively. Short context patterns (`YEAR_LEFT`,
`MONTH_LEFT` ...) are applied by the finder to the few characters around a
candidate to decide whether a bare year or month is really a date.
"""

from __future__ import annotations

import re

from bilat.dates.numbers import CARDINAL, CARDINAL_WORDS, ORDINAL, ORDINAL_WORDS

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)
_ABBREVIATIONS = {
    "Sept": 9, "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7,
    "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

MONTH_NUMBER: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(MONTHS, start=1)},
    **{abbr.lower(): n for abbr, n in _ABBREVIATIONS.items()},
}
WEEKDAY_NUMBER: dict[str, int] = {name.lower(): i for i, name in enumerate(WEEKDAYS)}


def _cased(words: tuple[str, ...] | list[str]) -> str:
    """"July|JULY|June|JUNE ..." (longest first)."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(form for w in ordered for form in (w, w.upper()))


MONTH_FULL = rf"(?:{_cased(MONTHS)})\b"
MONTH_ANY = rf"(?:(?:{_cased(MONTHS)})\b|(?:{_cased(list(_ABBREVIATIONS))})\b\.?)"
WEEKDAY = rf"(?:{_cased(WEEKDAYS)})\b"
_WD_PREFIX = rf"(?:{WEEKDAY},?\s+)?"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_DAY_SUFFIX = r"(?:st|nd|rd|th)?\b"
YEAR_FULL = r"(?:1[6-9]\d\d|20\d\d)(?!\d|[.,]\d)"
YEAR_BARE = r"(?:1[6-9]|20)\d\d(?!\d|[.,]\d)"
_NUMBER = rf"(?:{CARDINAL}|an?|a\s+couple\s+of)"
_UNIT = r"(?:day|week|month|year|decade)"

# What an anniversary is an anniversary *of*: relations, not a person's age.
_FILLER = r"(?:[\w'’.-]+\s+){0,5}?"
_KEY = (
    r"(?:relations?|relationships?|ties|establish\w*|partnerships?|independence"
    r"|treat(?:y|ies)|agreements?|accords?|friendship|co-?operation|alliances?"
    r"|accession|membership|union|founding|foundation|recognition|normali[sz]ation"
    r"|sovereignty|statehood|embass(?:y|ies)|signing|declaration)\b"
    r"(?:\s+of\s+(?:(?:diplomatic|bilateral)\s+)?(?:relations|ties)\b)?"
)
_ANN_QUANTITY = (
    rf"(?:(?:{CARDINAL}|an?)[-\s]+(?:years?|decades?)"
    r"|(?:a\s+)?quarter(?:[-\s]+of)?(?:\s+an?)?[-\s]+century|half[-\s]+an?[-\s]+century)"
)

_ANNIVERSARY_ALTERNATIVES = [
    # "25 years of diplomatic relations", "20 years since the establishment of"
    ("ann_qty", rf"(?i:(?P<aq>{_ANN_QUANTITY})(?:-long)?\s+(?:of|since)\s+{_FILLER}{_KEY})"),
    # "the 30th anniversary of ...", "the centenary of independence"
    ("ann_ord", rf"(?i:(?:the\s+)?(?:(?P<ao>{ORDINAL})[-\s]+anniversary"
                rf"|(?P<ac>centenary|centennial))\s+of\s+{_FILLER}{_KEY})"),
    # "the 25-year anniversary of ..."
    ("ann_nyear", rf"(?i:(?:the\s+)?(?P<an>{CARDINAL})[-\s]+years?[-\s]+anniversary"
                  rf"\s+of\s+{_FILLER}{_KEY})"),
]

_ALTERNATIVES = _ANNIVERSARY_ALTERNATIVES + [
    # 2017-07-15, 2017/07/15
    ("d_iso", r"(?P<iso_y>(?:19|20)\d\d)(?P<iso_sep>[-/])(?P<iso_m>1[0-2]|0[1-9])(?P=iso_sep)"
              r"(?P<iso_d>3[01]|[12]\d|0[1-9])(?!\d)"),
    # 15.07.2017, 15/07/2017, 15-07-2017 (day first unless that is impossible)
    ("d_num", rf"(?P<num_a>{DAY})(?P<num_sep>[./-])(?P<num_b>{DAY})(?P=num_sep)"
              rf"(?P<num_y>{YEAR_FULL})"),
    # (Saturday,) July 15(th), 2017
    ("d_mdy", rf"{_WD_PREFIX}(?P<mdy_m>{MONTH_ANY})\s*(?P<mdy_d>{DAY}){_DAY_SUFFIX}(?:,\s*|\s+)"
              rf"(?P<mdy_y>{YEAR_FULL})"),
    # (Saturday,) (the) 15(th) (of) July(,) 2017
    ("d_dmy", rf"{_WD_PREFIX}(?:[Tt]he\s+)?(?P<dmy_d>{DAY}){_DAY_SUFFIX}\s+(?:of\s+)?"
              rf"(?P<dmy_m>{MONTH_ANY}),?\s+(?P<dmy_y>{YEAR_FULL})"),
    # July 2017, July of 2017
    ("d_my", rf"(?P<my_m>{MONTH_ANY}),?\s+(?:of\s+)?(?P<my_y>{YEAR_FULL})"),
    # July 15(th) -- year from the story
    ("d_md", rf"{_WD_PREFIX}(?P<md_m>{MONTH_ANY})\s*(?P<md_d>{DAY}){_DAY_SUFFIX}(?![.,:]\d)"),
    # (the) 15(th) (of) July -- year from the story
    ("d_dm", rf"{_WD_PREFIX}(?:[Tt]he\s+)?(?P<dm_d>{DAY}){_DAY_SUFFIX}\s+(?:of\s+)?"
             rf"(?P<dm_m>{MONTH_ANY})"),
    ("r_day2", r"(?i:the\s+day\s+(?P<rd2>before\s+yesterday|after\s+tomorrow))\b"),
    ("r_word", r"(?i:(?P<rw>(?:this|yesterday|tomorrow)\s+(?:morning|afternoon|evening)"
               r"|last\s+night|tonight|today|yesterday|tomorrow))\b"),
    # "two days ago", "a year ago"
    ("r_ago", rf"(?i:(?P<ago_n>{_NUMBER})[-\s]+(?P<ago_u>{_UNIT})s?\s+ago)\b"),
    # "in two weeks", "in two weeks' time" -- not "in 25 years of relations"
    ("r_in", rf"(?i:in\s+(?P<in_n>{_NUMBER})\s+(?P<in_u>{_UNIT})s?\b(?:['’]?\s+time\b)?)"
             r"(?!['’]?\s+(?:of|since|old|ago)\b)"),
    # "last week", "earlier this month", "later this year", "next weekend"
    ("r_unit", r"(?i:(?P<ru_mod>(?:earlier|later|early|late)\s+this|this|last|next)"
               r"\s+(?P<ru_u>weekend|week|month|year))\b"),
    # "last Monday", "next Tuesday", "this coming Friday"
    ("r_wd", rf"(?P<rwd_mod>(?i:this\s+past|this\s+coming|last|next|this|coming|past))"
             rf"\s+(?P<rwd_d>{WEEKDAY})"),
    # "last July", "next March" (not "last July 15", which is a dated day)
    ("r_mon", rf"(?P<rmo_mod>(?i:this\s+past|this\s+coming|last|next|this))"
              rf"\s+(?P<rmo_m>{MONTH_FULL})(?!,?\s*\d)"),
    # the 1990s
    ("y_decade", r"(?P<dec>(?:1[89]|20)\d0)['’]?s\b"),
    # 2010-2015
    ("y_range", rf"(?P<yr_a>{YEAR_BARE})\s*[-–—]\s*(?P<yr_b>{YEAR_BARE})"),
    ("y_year", rf"(?P<yy>{YEAR_BARE})"),
    ("wd", rf"(?P<wdn>{WEEKDAY})"),
    ("mon", rf"(?P<monn>{MONTH_FULL})"),
]


def _combine(alternatives: list[tuple[str, str]]) -> re.Pattern[str]:
    body = "|".join(f"(?P<{name}>{regex})" for name, regex in alternatives)
    return re.compile(rf"\b(?:{body})")


# The whole grammar in one pattern; `finditer` over it is the reference
# behaviour. The finder uses the dispatch tables below, which give the same
# matches much faster.
COMBINED = _combine(_ALTERNATIVES)

# Which alternatives can start with a given first word. A word start whose
# word is not listed (and is not a number) cannot open an expression, so the
# finder tries no pattern there; otherwise it tries only the alternatives
# that can begin with that word, in the order of _ALTERNATIVES.
_DIGIT_START = ("ann_qty", "ann_ord", "ann_nyear", "d_iso", "d_num", "d_dmy", "d_dm",
                "r_ago", "y_decade", "y_range", "y_year")
_MONTH_START = ("d_mdy", "d_my", "d_md", "mon")
_WEEKDAY_START = ("d_mdy", "d_dmy", "d_md", "d_dm", "wd")
_WORD_START_ALTERNATIVES: dict[str, tuple[str, ...]] = {
    "the": ("ann_ord", "ann_nyear", "d_dmy", "d_dm", "r_day2"),
    "a": ("ann_qty", "r_ago"),
    "an": ("ann_qty", "r_ago"),
    "quarter": ("ann_qty",),
    "half": ("ann_qty",),
    "centenary": ("ann_ord",),
    "centennial": ("ann_ord",),
    "in": ("r_in",),
    "this": ("r_word", "r_unit", "r_wd", "r_mon"),
    "last": ("r_word", "r_unit", "r_wd", "r_mon"),
    "next": ("r_unit", "r_wd", "r_mon"),
    "earlier": ("r_unit",),
    "later": ("r_unit",),
    "early": ("r_unit",),
    "late": ("r_unit",),
    "coming": ("r_wd",),
    "past": ("r_wd",),
    "today": ("r_word",),
    "tonight": ("r_word",),
    "yesterday": ("r_word",),
    "tomorrow": ("r_word",),
    # "twenty" also opens the ordinal "twenty-fifth"
    **{w: ("ann_qty", "ann_ord", "ann_nyear", "r_ago") for w in CARDINAL_WORDS},
    **{w: ("ann_ord",) for w in ORDINAL_WORDS},
}


class Dispatch:
    """First word -> the compiled alternatives that can begin with it.

    `words` is keyed by the lower-cased word, except month and weekday
    names, which are keyed as written ("July", "JULY", "Sept") because they
    only count when capitalised.
    """

    __slots__ = ("digit", "words")

    def __init__(self, names: set[str]) -> None:
        cache: dict[tuple[str, ...], re.Pattern[str]] = {}

        def build(wanted: tuple[str, ...]) -> re.Pattern[str] | None:
            picked = tuple(name for name, _ in _ALTERNATIVES if name in wanted and name in names)
            if not picked:
                return None
            if picked not in cache:
                cache[picked] = _combine([alt for alt in _ALTERNATIVES if alt[0] in picked])
            return cache[picked]

        self.digit = build(_DIGIT_START)
        table: dict[str, re.Pattern[str] | None] = {
            word: build(alts) for word, alts in _WORD_START_ALTERNATIVES.items()
        }
        month_forms = [*MONTHS, *_ABBREVIATIONS]
        for form in (*month_forms, *(m.upper() for m in month_forms)):
            table[form] = build(_MONTH_START)
        for form in (*WEEKDAYS, *(d.upper() for d in WEEKDAYS)):
            table[form] = build(_WEEKDAY_START)
        self.words = {word: pattern for word, pattern in table.items() if pattern is not None}

    def pattern_for(self, word: str) -> re.Pattern[str] | None:
        if word[0].isdigit():
            return self.digit
        found = self.words.get(word)
        return found if found is not None else self.words.get(word.lower())


ALL = Dispatch({name for name, _ in _ALTERNATIVES})
ANNIVERSARY = Dispatch({name for name, _ in _ANNIVERSARY_ALTERNATIVES})
WORD = re.compile(r"\b\w+")

# Every expression contains one of these within ANCHOR_LEAD characters of its
# start (lower-cased text; "day" covers the weekdays, "today" and "yesterday";
# "dec" covers "decade", "cent" covers "century" and "centenary"). A sentence
# with none of them and no digit is skipped at once; otherwise the combined
# pattern is tried only at the word starts just before each anchor.
ANCHOR_WORDS = (
    "day", "week", "month", "year", "dec", "cent", "tomorrow", "night", "morning",
    "afternoon", "evening", "anniversar", "jan", "feb", "mar", "apr", "may", "jun",
    "jul", "aug", "sep", "oct", "nov",
)
ANCHOR_LEAD = 40  # "this coming Wednesday", "the twenty-seventh anniversary"
DIGITS = re.compile(r"[0-9]+")

# --- context around a bare year ---------------------------------------------
# The finder looks at the word just before a candidate (lower-cased, without a
# trailing "-" or "."), which is much cheaper than a regex over the left context.
#
# Words that make the following four digits a year: "in 2007", "since 1992",
# "by 2030", "up to 2025", "the year 2007", "mid-2015", "the 2015 elections",
# "its 2018 budget", "a 2019 study". A possessive ("Russia's 2018 ...") or an
# opening bracket ("(2001)", "[2019]") does too.
YEAR_LEFT_WORDS = frozenset({
    "in", "since", "by", "until", "till", "to", "during", "from", "before", "after",
    "between", "around", "circa", "c", "ca", "through", "throughout", "of", "year",
    "the", "early", "late", "mid", "pre", "post", "fiscal", "spring", "summer",
    "autumn", "fall", "winter", "end", "beginning", "start", "middle", "fy", "for",
    "born", "a", "an", "his", "her", "its", "their", "our",
})
# Labels that make four digits a number: "Resolution 2231", "No. 2015", "page 1999".
NUMBER_LABEL_WORDS = frozenset({
    "no", "nos", "number", "numbers", "resolution", "resolutions", "article", "decree",
    "law", "order", "section", "chapter", "paragraph", "page", "pages", "flight", "room",
    "route", "highway", "code", "iso", "model", "type", "version", "v", "tel", "phone",
    "fax", "ext", "hotline", "unit", "item", "case", "file", "ref", "bill", "act",
})
CURRENCY_SIGNS = "$€£¥#№"
GLUED_LEFT = ".,:/" + CURRENCY_SIGNS  # "2,010", "v.2010", "$2010", "#2010"
# What may follow a year: not a unit or a counted noun ("2010 people", "2000 troops").
NUMBER_RIGHT = re.compile(
    r"(?i)(?:\s*(?:%|[-–]?\s*\d)|[\s-]*(?:percent|per\s*cent|strong|old|people|persons"
    r"|residents|citizens|nationals|troops|soldiers|servicemen|personnel|officers|police"
    r"|policemen|men|women|children|refugees|migrants|workers|students|families"
    r"|households|delegates|participants|visitors|tourists|pilgrims|deaths|dead|victims"
    r"|casualties|cases|tons|tonnes|barrels|km|kilometres|kilometers|miles|metres|meters"
    r"|hectares|acres|dollars|euros|tenge|rubles|roubles|lei|yuan|pounds|units|vehicles"
    r"|tanks|cars|trucks|aircraft|planes|flights|jobs|companies|firms|enterprises"
    r"|projects|hours|minutes|seconds|days|weeks|months|years|votes|seats|members|items"
    r"|pieces|copies|shares|times|mln|million|billion|thousand|hundred|rounds|shells|rockets"
    r"|missiles|warheads|ships|vessels|buildings|homes|houses|kg|mw|gw|kw|kwh)\b)"
)
# Between two dates of a list or range: "2010 and 2015", "June to July".
PARTNER_GAP = re.compile(r"(?i)\s*(?:,\s*)?(?:and|or|to|through|till|until|[-–—/&,])?\s*")

# --- context around a bare month ----------------------------------------------
# "in July", "since March", "mid-June", "the end of May", "scheduled for April".
MONTH_LEFT_WORDS = frozenset({
    "in", "since", "by", "until", "till", "during", "from", "through", "throughout",
    "before", "after", "between", "early", "late", "mid", "of", "end", "beginning",
    "start", "middle", "for",
})

# --- other checks --------------------------------------------------------------
# "Good Friday", "Black Monday" are names, not dates (matched as written).
WEEKDAY_NAME_LEFT_WORDS = frozenset({
    "Good", "Black", "Bloody", "Super", "Cyber", "Ash", "Holy", "Palm", "Easter",
    "Maundy", "Clean", "Great", "Shrove",
})
# "the last year of his term", "for the next year" are spans of time, not dates.
DETERMINER_WORDS = frozenset({
    "the", "its", "his", "her", "their", "our", "my", "your", "that", "each", "every",
})
# "twice in a year", "the first visit in 25 years" count within a span of time.
FREQUENCY_LEFT = re.compile(
    r"(?i)\b(?:once|twice|thrice|times|first|only|highest|lowest|largest|biggest"
    r"|best|worst|most|least)\b[^.;]{0,40}$"
)
# A sentence about what will happen: a bare weekday then means the next one.
FUTURE_TENSE = re.compile(
    r"(?i)\b(?:will|shall"
    r"|(?:is|are|was|were)\s+(?:due|scheduled|expected|set|slated|going|planned)\s+to"
    r"|to\s+be\s+held|plans?\s+to|intends?\s+to)\b|\w['’]ll\b"
)
