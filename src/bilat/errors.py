"""bilat's exceptions and its catalogue of coded messages.

The tree:

    BilatError                      every error bilat raises on purpose
    ├── InputError                  a story or file cannot be read
    │   ├── InputNotFound           E101 path does not exist
    │   ├── InputEncodingError      E102 not UTF-8 / binary
    │   ├── EmptyStory              E103 nothing to code
    │   ├── MalformedInput          E104 bad JSONL/HTML record
    │   └── InputTooLarge           E105 over the size limit
    ├── QueryError                  a query parameter is wrong
    │   ├── UnknownCountry          E201 not an ISO3 code or IGO
    │   ├── BadDate                 E202 not YYYY[-MM[-DD]]
    │   └── BadParameter            E203 any other bad value
    ├── DataError                   a bundled or user table is broken
    │   └── TableError              E301 bad row in a data table (file:line)
    ├── ModelError                  E401 no spaCy model can be loaded
    └── StoreError                  E501 the database cannot be opened/written

The library never prints: it raises these, and the CLI turns them into one
line on stderr and a non-zero exit. Messages say what to do next.
"""

from __future__ import annotations


class BilatError(Exception):
    """Base class. `code` is the catalogue number shown to users."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.code} {self.message}"


class InputError(BilatError):
    code = "E100"


class InputNotFound(InputError):
    code = "E101"


class InputEncodingError(InputError):
    code = "E102"


class EmptyStory(InputError):
    code = "E103"


class MalformedInput(InputError):
    code = "E104"


class InputTooLarge(InputError):
    code = "E105"


class QueryError(BilatError):
    code = "E200"


class UnknownCountry(QueryError):
    code = "E201"


class BadDate(QueryError):
    code = "E202"


class BadParameter(QueryError):
    code = "E203"


class DataError(BilatError):
    code = "E300"


class TableError(DataError):
    code = "E301"


class ModelError(BilatError):
    code = "E401"


class StoreError(BilatError):
    code = "E501"


__all__ = [
    "BilatError", "InputError", "InputNotFound", "InputEncodingError", "EmptyStory",
    "MalformedInput", "InputTooLarge", "QueryError", "UnknownCountry", "BadDate",
    "BadParameter", "DataError", "TableError", "ModelError", "StoreError",
]
