"""expand_inputs: files, folders, globs, and inputs that name nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat.errors import InputNotFound
from bilat.ingest import expand_inputs


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    for name in ["b.txt", "a.jsonl", "c.json", "d.html", "e.htm", "F.TXT", "notes.md", "img.png",
                 ".hidden.txt", "sub/z.txt", "sub/deeper/y.html", ".git/x.txt", "sub/readme"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Envoys met.", encoding="utf-8")
    return tmp_path


def names(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_folder_is_recursive_sorted_and_filtered(tree: Path) -> None:
    assert names(expand_inputs([str(tree)]), tree) == [
        "F.TXT", "a.jsonl", "b.txt", "c.json", "d.html", "e.htm", "sub/deeper/y.html", "sub/z.txt",
    ]


def test_a_named_file_is_kept_whatever_its_suffix(tree: Path) -> None:
    assert expand_inputs([str(tree / "notes.md")]) == [tree / "notes.md"]


def test_glob_keeps_story_files_and_expands_folders(tree: Path) -> None:
    assert names(expand_inputs([str(tree / "*.txt")]), tree) == ["b.txt"]
    assert names(expand_inputs([str(tree / "**" / "*.html")]), tree) == [
        "d.html", "sub/deeper/y.html"]
    assert names(expand_inputs([str(tree / "su*")]), tree) == ["sub/deeper/y.html", "sub/z.txt"]
    assert names(expand_inputs([str(tree / "*")]), tree)[:2] == ["F.TXT", "a.jsonl"]


def test_inputs_keep_their_order_and_files_come_once(tree: Path) -> None:
    got = expand_inputs([str(tree / "sub"), str(tree / "b.txt"), str(tree / "sub" / "z.txt"),
                         str(tree / "*.txt")])
    assert names(got, tree) == ["sub/deeper/y.html", "sub/z.txt", "b.txt"]


@pytest.mark.parametrize(("make", "message"), [
    (lambda root: str(root / "missing.txt"), "no such file or folder"),
    (lambda root: str(root / "nothing-*.txt"), "pattern matches no story files"),
    (lambda root: str(root / "*.png"), "pattern matches no story files"),
    (lambda root: str(root / "empty"), "folder holds no story files"),
    (lambda root: str(root / "only-other"), "folder holds no story files"),
])
def test_inputs_that_name_no_story(tree: Path, make, message: str) -> None:
    (tree / "empty").mkdir()
    (tree / "only-other").mkdir()
    (tree / "only-other" / "photo.png").write_bytes(b"\x89PNG")
    raw = make(tree)
    with pytest.raises(InputNotFound) as info:
        expand_inputs([str(tree / "b.txt"), raw])
    assert str(info.value).startswith(f"E101 {raw}: {message}")


def test_no_inputs_no_files() -> None:
    assert expand_inputs([]) == []
