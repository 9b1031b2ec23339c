"""Command-line inputs (files, folders, globs) to the list of story files to read.

A file named outright is always read (an unknown suffix is read as plain
text). A folder is searched recursively for story files, skipping hidden
files and folders. A glob keeps the story files it matches and searches the
folders it matches. Results are sorted per input and never repeat a file.

A folder named outright that cannot be listed raises InputError; a subfolder
that cannot be listed is kept in the results (a directory path), so that the
reader turns it into a Skip naming it instead of losing its stories silently.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from pathlib import Path

from bilat.errors import InputError, InputNotFound

STORY_SUFFIXES: frozenset[str] = frozenset({".txt", ".jsonl", ".json", ".html", ".htm"})
_SUFFIX_LIST = ", ".join(sorted(STORY_SUFFIXES))
_GLOB_CHARS = frozenset("*?[")


def is_story_file(path: Path) -> bool:
    """True for a file whose suffix names a story format bilat reads."""
    return path.suffix.lower() in STORY_SUFFIXES


def _walk(folder: Path) -> list[Path]:
    """Story files under `folder`, and the subfolders that could not be listed."""
    found: list[Path] = []
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, f) for f in files if not f.startswith("."))
    for e in unreadable:
        if e.filename is None or os.path.normpath(e.filename) == os.path.normpath(folder):
            raise InputError(f"{folder}: folder cannot be read ({e.strerror}); check its permissions")
    return sorted([*(p for p in found if is_story_file(p)),
                   *(Path(e.filename) for e in unreadable)])


def expand_input(raw: str) -> list[Path]:
    """One input to its story files; raises InputNotFound when it yields none."""
    path = Path(os.path.expanduser(raw))
    if path.is_file():
        return [path]
    if path.is_dir():
        files = _walk(path)
        if not files:
            raise InputNotFound(
                f"{raw}: folder holds no story files ({_SUFFIX_LIST}); point bilat at story files"
            )
        return files
    if _GLOB_CHARS.isdisjoint(raw):
        raise InputNotFound(f"{raw}: no such file or folder; check the path")
    files = []
    for match in sorted(glob.glob(os.path.expanduser(raw), recursive=True)):
        hit = Path(match)
        if hit.is_dir():
            files.extend(_walk(hit))
        elif hit.is_file() and is_story_file(hit):
            files.append(hit)
    if not files:
        raise InputNotFound(
            f"{raw}: pattern matches no story files ({_SUFFIX_LIST}); check the pattern"
        )
    return files


def expand_inputs(inputs: Sequence[str]) -> list[Path]:
    """Files, folders and globs to story files, in input order, each file once.

    Raises InputNotFound for an input that names nothing or holds no story file.
    """
    seen: set[str] = set()
    out: list[Path] = []
    for raw in inputs:
        for path in expand_input(raw):
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                out.append(path)
    return out
