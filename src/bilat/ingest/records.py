"""The record for a story or input that could not be read (the run goes on)."""

from __future__ import annotations

from dataclasses import dataclass

from bilat.errors import BilatError


@dataclass(frozen=True, slots=True)
class Skip:
    """A story or input that could not be read; the run goes on.

    `input` is the path, or "path:N" for line N of a JSONL file (item N of a
    JSON list); `error`'s one-line message names the same input.
    """

    input: str
    error: BilatError
