"""The public surface of bilat.ingest."""

from __future__ import annotations

import dataclasses

import pytest

import bilat.ingest
from bilat.errors import EmptyStory
from bilat.ingest import Skip


def test_exported_members_exist() -> None:
    for name in bilat.ingest.__all__:
        assert hasattr(bilat.ingest, name), name
    for name in ("Skip", "expand_inputs", "read_inputs", "article_from_text", "parse_dateline"):
        assert name in bilat.ingest.__all__


def test_skip_is_a_frozen_record() -> None:
    skip = Skip("a.txt", EmptyStory("a.txt: the story has no text"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        skip.input = "b.txt"  # type: ignore[misc]
    assert str(skip.error) == "E103 a.txt: the story has no text"


def test_read_inputs_options_are_keyword_only(tmp_path) -> None:
    with pytest.raises(TypeError):
        bilat.ingest.read_inputs([str(tmp_path)], None)  # type: ignore[misc]
