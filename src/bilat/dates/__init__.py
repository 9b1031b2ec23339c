"""The time stage: find time expressions in a sentence and resolve their dates.

    find_time_expressions(text, story_date=...)  every expression, in order
    anniversary_origin(text, story_date=...)     "25 years of relations" -> 1992
    is_historical(value, story_date=...)         an event told from an earlier year

Everything is resolved against the story date, so "last month" in a story of
2017-01-10 is "2016-12". Modules: `patterns` (the compiled regexes),
`finder` (matching and resolving), `arithmetic` (date shifts and value
strings), `numbers` (counts written as digits or words).
"""

from bilat.dates.arithmetic import is_historical
from bilat.dates.finder import anniversary_origin, find_time_expressions

__all__ = ["anniversary_origin", "find_time_expressions", "is_historical"]
