"""The issue list is parsed (and checked) though the coder does not use it."""

from __future__ import annotations

import pytest

from bilat.compat.petrarch.issues import load_issues, parse_issues
from bilat.errors import TableError


def test_entries_and_ignore_phrases(fixtures_dir):
    issues = load_issues(fixtures_dir / "mini.issues.txt", strict=True)
    assert [(i.category, i.phrase, i.code, i.ignore) for i in issues.entries] == [
        ("HARBOURS", "n:harbour", "HARBOURS", False),
        ("HARBOURS", "port+authority", "HARBOURS", False),
        ("HARBOURS", "harbour seal", None, True),
    ]


def test_a_line_without_code_is_reported():
    text = '<ISSUE CATEGORY="X">\nharbour fees\n</ISSUE>\n'
    with pytest.raises(TableError, match=r"my\.issues:2: "):
        parse_issues(text, origin="my.issues", strict=True)
    assert len(parse_issues(text, origin="my.issues").notes) == 1
