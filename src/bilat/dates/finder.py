"""Find time expressions in a sentence and resolve them against the story date.

One pass of `patterns.COMBINED` over the sentence yields candidates; each
candidate is handed to the resolver named by its pattern, which checks the
context (is "2010" a year or a head count?) and computes the date it denotes.

Kinds of `TimeExpression` returned:

- "absolute": the text names the calendar month and maybe the day:
  "July 15, 2017", "15.07.2017", "July 2017", "on July 15", "in July"
  (the last two take the story's year).
- "year": a year or decade: "in 2007", "since 1992", "by 2030", "the 1990s"
  (value "1990", precision YEAR).
- "relative": counted from the story date: "yesterday", "last month",
  "two days ago", "in two weeks", "last Monday", "on Friday".
  Days and weeks give precision DAY ("last week" is the story date minus 7
  days), months MONTH, years and decades YEAR. Without a story date the
  value is None (precision NONE).
- "anniversary": "25 years of diplomatic relations", "the 30th anniversary
  of independence": the year the relationship began, story year minus N.

Durations that are not dates ("for two years", "25 years old", "within a
month") are not returned at all. `future` is True for forward expressions
("tomorrow", "next week", "later this year") and for any date after the
story date. A bare weekday ("on Friday") is the latest such day on or
before the story date, or the next one on or after it when the sentence is
in the future tense ("will meet on Friday").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from bilat.dates import patterns as P
from bilat.dates.arithmetic import (
    add_months,
    add_years,
    format_value,
    is_after,
    weekday_on_or_after,
    weekday_on_or_before,
)
from bilat.dates.numbers import parse_count
from bilat.errors import BadParameter
from bilat.schemas import DatePrecision, TimeExpression

DAY, MONTH, YEAR, NONE = (DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR,
                          DatePrecision.NONE)
_LEFT_WINDOW = 48  # characters of left context the checks look at
_PARTNER_REACH = 12  # "2010 and 2015": at most this many characters between the two
_SATURDAY = 5
_MIN_STORY_YEAR, _MAX_STORY_YEAR = 100, 9899  # room for "a century ago" / "next year"

_UNIT_PRECISION = {"day": DAY, "week": DAY, "month": MONTH, "year": YEAR, "decade": YEAR}
_QUANTITY = re.compile(r"(.+?)[-\s]+(year|decade)s?")
_SPACES = re.compile(r"\s+")


class _Scan:
    """The state of one pass over one sentence."""

    __slots__ = ("text", "story_date", "found", "_future")

    def __init__(self, text: str, story_date: date | None) -> None:
        self.text = text
        self.story_date = story_date
        self.found: list[TimeExpression] = []
        self._future: bool | None = None

    def left(self, start: int) -> str:
        return self.text[max(0, start - _LEFT_WINDOW):start]

    def word_before(self, start: int) -> str:
        """The word just before `start` as written, without a trailing "-" or "."
        ("mid-2015" -> "mid", "No. 5" -> "No"); "" at the start of the text."""
        left = self.left(start).rstrip().rstrip("-–.")
        cut = max(left.rfind(" "), left.rfind("\n"), left.rfind("\t"), left.rfind("("),
                  left.rfind("["))
        return left[cut + 1:]

    def future_tense(self) -> bool:
        if self._future is None:
            self._future = P.FUTURE_TENSE.search(self.text) is not None
        return self._future

    def after_partner(self, start: int) -> bool:
        """True when the candidate continues a list or range of dates just found."""
        if not self.found:
            return False
        prev_end = self.found[-1].end
        return (start - prev_end <= _PARTNER_REACH
                and P.PARTNER_GAP.fullmatch(self.text, prev_end, start) is not None)

    def make(self, start: int, end: int, d: date | None, precision: DatePrecision,
             kind: str, *, forward: bool = False) -> TimeExpression:
        if d is None:
            value, precision = None, NONE
            future = forward
        else:
            value = format_value(d, precision)
            future = forward or (self.story_date is not None
                                 and is_after(d, precision, self.story_date))
        return TimeExpression(start=start, end=end, text=self.text[start:end], value=value,
                              precision=precision, kind=kind, future=future)


def _safe_date(year: int, month: int, day: int = 1) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift(story: date, n: int, unit: str) -> date | None:
    """The story date moved by n units (negative n goes back)."""
    try:
        if unit == "day":
            return story + timedelta(days=n)
        if unit == "week":
            return story + timedelta(weeks=n)
        if unit == "month":
            return add_months(story, n)
        if unit == "year":
            return add_years(story, n)
        return add_years(story, 10 * n)  # decade
    except (ValueError, OverflowError):
        return None


def _count(text: str) -> int | None:
    low = _SPACES.sub(" ", text.lower())
    if low == "a couple of":
        return 2
    return parse_count(low)


# --- anniversaries ----------------------------------------------------------

def _anniversary(m: re.Match[str], scan: _Scan, years: int | None) -> list[TimeExpression]:
    if not years:
        return []
    sd = scan.story_date
    origin = _safe_date(sd.year - years, 1) if sd is not None and sd.year > years else None
    return [scan.make(m.start(), m.end(), origin, YEAR, "anniversary")]


def _ann_qty(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    qty = _SPACES.sub(" ", m.group("aq").lower())
    if "quarter" in qty:
        years: int | None = 25
    elif "half" in qty:
        years = 50
    else:
        q = _QUANTITY.fullmatch(qty)
        n = parse_count(q.group(1)) if q else None
        years = None if n is None or q is None else n * (10 if q.group(2) == "decade" else 1)
    return _anniversary(m, scan, years)


def _ann_ord(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    years = 100 if m.group("ac") else parse_count(m.group("ao"))
    return _anniversary(m, scan, years)


def _ann_nyear(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    return _anniversary(m, scan, parse_count(m.group("an")))


# --- calendar dates -----------------------------------------------------------

def _month(name: str) -> int:
    return P.MONTH_NUMBER[name.rstrip(".").lower()]


def _full_date(m: re.Match[str], scan: _Scan, year: str, month: str,
               day: str) -> list[TimeExpression]:
    d = _safe_date(int(year), _month(month), int(day))
    return [scan.make(m.start(), m.end(), d, DAY, "absolute")]


def _d_iso(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    d = _safe_date(int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d")))
    if d is None or _glued_to_number(scan.text, m.start()):
        return []
    return [scan.make(m.start(), m.end(), d, DAY, "absolute")]


def _d_num(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    if _glued_to_number(scan.text, m.start()):
        return []
    a, b = int(m.group("num_a")), int(m.group("num_b"))
    day, month = (b, a) if b > 12 >= a else (a, b)  # day first unless impossible
    d = _safe_date(int(m.group("num_y")), month, day) if month <= 12 else None
    if d is None:
        return []
    return [scan.make(m.start(), m.end(), d, DAY, "absolute")]


def _glued_to_number(text: str, start: int) -> bool:
    """True for "1.15.07.2017" or "3-2017-07-15": part of a longer number."""
    return start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".-/")


def _d_mdy(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    return _full_date(m, scan, m.group("mdy_y"), m.group("mdy_m"), m.group("mdy_d"))


def _d_dmy(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    return _full_date(m, scan, m.group("dmy_y"), m.group("dmy_m"), m.group("dmy_d"))


def _d_my(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    d = date(int(m.group("my_y")), _month(m.group("my_m")), 1)
    return [scan.make(m.start(), m.end(), d, MONTH, "absolute")]


def _story_year_date(m: re.Match[str], scan: _Scan, month: str, day: str) -> list[TimeExpression]:
    sd = scan.story_date
    d = _safe_date(sd.year, _month(month), int(day)) if sd is not None else None
    return [scan.make(m.start(), m.end(), d, DAY, "absolute")]


def _d_md(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    return _story_year_date(m, scan, m.group("md_m"), m.group("md_d"))


def _d_dm(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    return _story_year_date(m, scan, m.group("dm_m"), m.group("dm_d"))


def _mon(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    before = scan.word_before(m.start()).lower()
    if not (before in P.MONTH_LEFT_WORDS or scan.after_partner(m.start())):
        return []  # "March" the noun, "May" at the head of a sentence ...
    sd = scan.story_date
    d = date(sd.year, _month(m.group("monn")), 1) if sd is not None else None
    return [scan.make(m.start(), m.end(), d, MONTH, "absolute")]


# --- years ----------------------------------------------------------------------

def _is_number_not_year(scan: _Scan, start: int, end: int) -> bool:
    """"$2010", "2,010", "Resolution 2015", "(7172) 2010 15", "2010 people"."""
    text = scan.text
    if start > 0 and (text[start - 1] in P.GLUED_LEFT):
        return True
    left = scan.left(start).rstrip()
    if left and left[-1] in P.CURRENCY_SIGNS:
        return True
    if left.rstrip("().-–")[-1:].isdigit():  # part of a phone number or a count
        return True
    if scan.word_before(start).lower() in P.NUMBER_LABEL_WORDS:
        return True
    return P.NUMBER_RIGHT.match(text, end) is not None


def _year(scan: _Scan, start: int, end: int) -> TimeExpression:
    return scan.make(start, end, date(int(scan.text[start:end]), 1, 1), YEAR, "year")


def _year_context(scan: _Scan, start: int, end: int) -> bool:
    """A word before the digits that makes them a year ("in", "since", "the year"),
    a possessive or bracket ("Russia's 2018 budget", "(2015)", "[2019]"), or a
    sentence-opening "2010, ..."."""
    before = scan.word_before(start)
    if before.lower() in P.YEAR_LEFT_WORDS or before.endswith(("'s", "’s")):
        return True
    left = scan.left(start).rstrip()
    return left.endswith(("(", "[")) or (not left and scan.text.startswith(",", end))


def _y_year(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    start, end = m.span()
    if _is_number_not_year(scan, start, end):
        return []
    if not (_year_context(scan, start, end) or scan.after_partner(start)):
        return []
    return [_year(scan, start, end)]


def _y_range(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    (a_start, a_end), (b_start, b_end) = m.span("yr_a"), m.span("yr_b")
    if (int(m.group("yr_b")) <= int(m.group("yr_a"))
            or _is_number_not_year(scan, a_start, b_end)):
        return []
    return [_year(scan, a_start, a_end), _year(scan, b_start, b_end)]


def _y_decade(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    if _is_number_not_year(scan, m.start(), m.end()):
        return []
    d = date(int(m.group("dec")), 1, 1)
    return [scan.make(m.start(), m.end(), d, YEAR, "year")]


# --- relative expressions ---------------------------------------------------------

def _relative(m: re.Match[str], scan: _Scan, offset_days: int, *, forward: bool = False,
              ) -> list[TimeExpression]:
    sd = scan.story_date
    d = sd + timedelta(days=offset_days) if sd is not None else None
    return [scan.make(m.start(), m.end(), d, DAY, "relative", forward=forward)]


def _r_day2(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    if m.group("rd2").lower().startswith("before"):
        return _relative(m, scan, -2)
    return _relative(m, scan, 2, forward=True)


def _r_word(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    word = m.group("rw").lower()
    if word.startswith(("yesterday", "last")):
        return _relative(m, scan, -1)
    if word.startswith("tomorrow"):
        return _relative(m, scan, 1, forward=True)
    return _relative(m, scan, 0)  # today, tonight, this morning


def _counted(m: re.Match[str], scan: _Scan, n_group: str, unit_group: str,
             sign: int) -> list[TimeExpression]:
    n = _count(m.group(n_group))
    if not n:
        return []
    unit = m.group(unit_group).lower()
    sd = scan.story_date
    d = _shift(sd, sign * n, unit) if sd is not None else None
    return [scan.make(m.start(), m.end(), d, _UNIT_PRECISION[unit], "relative",
                      forward=sign > 0)]


def _r_ago(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    return _counted(m, scan, "ago_n", "ago_u", -1)


def _r_in(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    if P.FREQUENCY_LEFT.search(scan.left(m.start())):
        return []  # "twice in a year", "the first visit in 25 years"
    return _counted(m, scan, "in_n", "in_u", +1)


def _r_unit(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    if scan.word_before(m.start()).lower() in P.DETERMINER_WORDS:
        return []  # "the last year of his term", "for the next month"
    mod = _SPACES.sub(" ", m.group("ru_mod").lower())
    unit = m.group("ru_u").lower()
    step = -1 if mod == "last" else 1 if mod == "next" else 0
    forward = mod in ("next", "later this")
    sd = scan.story_date
    d: date | None = None
    if unit == "weekend":
        if sd is not None:
            this_saturday = (weekday_on_or_after(sd, _SATURDAY) if sd.weekday() < _SATURDAY
                             else weekday_on_or_before(sd, _SATURDAY))
            d = this_saturday + timedelta(weeks=step)
        precision = DAY
    else:
        if sd is not None:
            d = _shift(sd, step, unit)
        precision = _UNIT_PRECISION[unit]
    return [scan.make(m.start(), m.end(), d, precision, "relative", forward=forward)]


def _r_wd(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    mod = _SPACES.sub(" ", m.group("rwd_mod").lower())
    wd = P.WEEKDAY_NUMBER[m.group("rwd_d").lower()]
    forward = mod in ("next", "coming", "this coming")
    sd = scan.story_date
    d: date | None = None
    if sd is not None:
        if mod in ("last", "past", "this past"):
            d = weekday_on_or_before(sd, wd, strict=True)
        elif forward:
            d = weekday_on_or_after(sd, wd, strict=True)
        else:  # "this Monday": that day of the story's week (Monday to Sunday)
            d = sd + timedelta(days=wd - sd.weekday())
    return [scan.make(m.start(), m.end(), d, DAY, "relative", forward=forward)]


def _r_mon(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    mod = _SPACES.sub(" ", m.group("rmo_mod").lower())
    month = _month(m.group("rmo_m"))
    forward = mod in ("next", "this coming")
    sd = scan.story_date
    d: date | None = None
    if sd is not None:
        year = sd.year
        if mod in ("last", "this past") and month >= sd.month:
            year -= 1
        elif forward and month <= sd.month:
            year += 1
        d = date(year, month, 1)
    return [scan.make(m.start(), m.end(), d, MONTH, "relative", forward=forward)]


def _wd(m: re.Match[str], scan: _Scan) -> list[TimeExpression]:
    if scan.word_before(m.start()) in P.WEEKDAY_NAME_LEFT_WORDS:
        return []  # "Good Friday"
    wd = P.WEEKDAY_NUMBER[m.group("wdn").lower()]
    sd = scan.story_date
    d: date | None = None
    if sd is not None:
        d = (weekday_on_or_after(sd, wd) if scan.future_tense()
             else weekday_on_or_before(sd, wd))
    return [scan.make(m.start(), m.end(), d, DAY, "relative")]


_Resolver = Callable[[re.Match[str], _Scan], list[TimeExpression]]
_RESOLVERS: dict[str, _Resolver] = {
    "ann_qty": _ann_qty, "ann_ord": _ann_ord, "ann_nyear": _ann_nyear,
    "d_iso": _d_iso, "d_num": _d_num, "d_mdy": _d_mdy, "d_dmy": _d_dmy, "d_my": _d_my,
    "d_md": _d_md, "d_dm": _d_dm,
    "r_day2": _r_day2, "r_word": _r_word, "r_ago": _r_ago, "r_in": _r_in,
    "r_unit": _r_unit, "r_wd": _r_wd, "r_mon": _r_mon,
    "y_decade": _y_decade, "y_range": _y_range, "y_year": _y_year,
    "wd": _wd, "mon": _mon,
}


def _check(text: object, story_date: object) -> date | None:
    if not isinstance(text, str):
        raise BadParameter(f"text must be a str, got {type(text).__name__}; "
                           "pass the sentence as a string")
    if isinstance(story_date, datetime):
        return story_date.date()
    if story_date is not None and not isinstance(story_date, date):
        raise BadParameter(f"story_date {story_date!r} is not a datetime.date; "
                           "pass date(YYYY, M, D) or None")
    if story_date is not None and not _MIN_STORY_YEAR <= story_date.year <= _MAX_STORY_YEAR:
        raise BadParameter(f"story_date {story_date.isoformat()} is outside years "
                           f"{_MIN_STORY_YEAR}-{_MAX_STORY_YEAR}; pass the date the story was "
                           "published, or None")
    return story_date


def _anchors(text: str) -> list[int]:
    """Sorted offsets of the digits and key words every expression contains."""
    low = text.lower()
    found = [m.start() for m in P.DIGITS.finditer(text)]
    for word in P.ANCHOR_WORDS:
        i = low.find(word)
        while i != -1:
            found.append(i)
            i = low.find(word, i + 1)
    found.sort()
    return found


def _scan(dispatch: P.Dispatch, text: str, story_date: date | None) -> list[TimeExpression]:
    """Leftmost, non-overlapping matches of the grammar, resolved.

    Gives what `P.COMBINED.finditer(text)` would, but tries patterns only at
    the word starts within ANCHOR_LEAD characters before an anchor, and there
    only the alternatives that can begin with that word.
    """
    anchors = _anchors(text)
    if not anchors:
        return []
    scan = _Scan(text, story_date)
    tried = 0  # every start before this offset has been tried (or lies inside a match)
    for anchor in anchors:
        if anchor < tried:
            continue
        next_tried = anchor + 1
        for word in P.WORD.finditer(text, max(tried, anchor - P.ANCHOR_LEAD)):
            if word.start() > anchor:
                break
            pattern = dispatch.pattern_for(word.group())
            m = pattern.match(text, word.start()) if pattern is not None else None
            if m is not None:
                scan.found.extend(_RESOLVERS[m.lastgroup](m, scan))  # type: ignore[index]
                next_tried = m.end()
                break
        tried = next_tried
    return scan.found


def find_time_expressions(text: str, *, story_date: date | None) -> list[TimeExpression]:
    """Every time expression in `text`, sorted by start offset, non-overlapping.

    Offsets are character offsets into `text`. Where two readings overlap the
    longer one wins ("July 15, 2017" rather than "July 15"). Anniversaries of
    relations are included with kind "anniversary"; durations ("for two
    years", "25 years old") are not returned. Expressions that need the story
    date get value None (precision NONE) when it is None. Raises BadParameter
    when `text` is not a str or `story_date` is not a date.
    """
    story_date = _check(text, story_date)
    return _scan(P.ALL, text, story_date)


def anniversary_origin(text: str, *, story_date: date | None) -> list[TimeExpression]:
    """Anniversaries of relations in `text`, each resolved to its starting year.

    "25 years of diplomatic relations" in a 2017 story gives value "1992"
    (precision YEAR, kind "anniversary"); so do "the 25th anniversary of the
    establishment of ties" and "marked 25 years since the signing of the
    treaty". Ages, prison terms and plain durations ("25 years old", "for 25
    years he ...", "25 years in prison") are not anniversaries. Without a
    story date the value is None.
    """
    story_date = _check(text, story_date)
    return _scan(P.ANNIVERSARY, text, story_date)
