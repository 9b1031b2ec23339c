"""Loading a folder of dictionaries."""

from __future__ import annotations

import shutil

import pytest

from bilat.compat.petrarch.dictionaries import classify, load_files, load_folder
from bilat.errors import InputNotFound, TableError


def test_folder_files_are_recognised_by_name(mini, fixtures_dir):
    kinds = classify(fixtures_dir.iterdir())
    assert {k: [p.name for p in v] for k, v in kinds.items()} == {
        "verbs": ["mini.verbs.txt"], "actors": ["mini.actors.txt"],
        "agents": ["mini.agents.txt"], "discards": ["mini.discards.txt"],
        "issues": ["mini.issues.txt"], "ontology": ["mini.ontology.txt"]}
    assert mini.ontology is not None and mini.issues is not None and mini.notes == ()
    assert mini.summary().startswith("7 verb blocks, 8 actors")


def test_folder_errors(tmp_path, fixtures_dir):
    with pytest.raises(InputNotFound, match="no such dictionary folder"):
        load_folder(tmp_path / "nope")
    shutil.copy(fixtures_dir / "mini.actors.txt", tmp_path)
    with pytest.raises(TableError, match="expected one verbs dictionary .* found none"):
        load_folder(tmp_path)
    shutil.copy(fixtures_dir / "mini.verbs.txt", tmp_path / "a.verbs.txt")
    shutil.copy(fixtures_dir / "mini.verbs.txt", tmp_path / "b.verbs.txt")
    with pytest.raises(TableError, match="found a.verbs.txt, b.verbs.txt"):
        load_folder(tmp_path)


def test_files_need_an_actors_dictionary(fixtures_dir):
    with pytest.raises(TableError, match="no actors dictionary"):
        load_files(verbs=fixtures_dir / "mini.verbs.txt", actors=[])


@pytest.mark.slow
def test_phoenix_dictionaries_load(shared):
    d = shared / "reference" / "dictionaries" / "phoenix-petrarch2"
    if not d.is_dir():
        pytest.skip(f"{d} is absent")
    dicts = load_folder(d)
    assert len(dicts.verbs.blocks) > 300 and len(dicts.actors) > 20000
    assert len(dicts.agents) > 1000 and len(dicts.discards) > 100 and len(dicts.issues) > 100
    assert dicts.ontology is not None and dicts.ontology.negate("050") == "110"
    # the skipped lines of a real dictionary are reported with file:line
    assert dicts.notes and all(".txt:" in n for n in dicts.notes)
