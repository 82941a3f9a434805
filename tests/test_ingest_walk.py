"""zhibiao.ingest.walk_inputs: the one folder walker, shared by the ingest reader and the batch planner."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from zhibiao.batch.shards import INPUT_SUFFIXES, ShardSpec, plan_shards
from zhibiao.errors import DocumentError
from zhibiao.ingest import SUPPORTED_SUFFIXES, InputFile, iter_documents, walk_inputs
from zhibiao.model import Document

Write = Callable[[str, bytes | str], Path]


def _walked(root: Path, items: Iterator[InputFile | DocumentError]) -> list[str]:
    return [_relative(root, item) for item in items]


def _make(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("收入增长5%。", encoding="utf-8")


LAYOUT = ["b.txt", "a.HTML", "c.htm", "z.jsonl", "y.jsonl.gz", "x.jsonl.zst", "w.ndjson", "v.parquet",
          "notes.md", "img.png", ".hidden.txt", ".git/d.txt", "sub/e.txt", "sub/.f.txt", "sub/deeper/g.html",
          "a-sub/h.txt"]


@pytest.mark.parametrize(
    ("suffixes", "expected"),
    [
        (SUPPORTED_SUFFIXES,
         ["a.HTML", "b.txt", "c.htm", "y.jsonl.gz", "z.jsonl", "a-sub/h.txt", "sub/e.txt", "sub/deeper/g.html"]),
        (INPUT_SUFFIXES,
         ["a.HTML", "b.txt", "c.htm", "v.parquet", "w.ndjson", "x.jsonl.zst", "y.jsonl.gz", "z.jsonl",
          "a-sub/h.txt", "sub/e.txt", "sub/deeper/g.html"]),
        ((".md",), ["notes.md"]),
        ((".txt",), ["b.txt", "a-sub/h.txt", "sub/e.txt"]),
    ],
    ids=["ingest", "batch", "markdown-only", "txt-only"],
)
def test_walk_folder_sorted_by_suffix_hidden_skipped(tmp_path: Path, suffixes: tuple[str, ...],
                                                     expected: list[str]) -> None:
    _make(tmp_path, LAYOUT)
    items = list(walk_inputs([tmp_path], suffixes=suffixes))
    assert _walked(tmp_path, iter(items)) == expected
    assert all(isinstance(i, InputFile) and i.in_folder and i.path == Path(i.where) for i in items)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (["2.txt", "1.txt"], [("2.txt", False), ("1.txt", False)]),
        (["missing.txt"], [("missing.txt", False)]),          # its reader says it is missing
        (["notes.md"], [("notes.md", False)]),                # a named file is taken whatever its suffix
        (["in", "1.txt"], [("in/a.txt", True), ("1.txt", False)]),
        (["empty"], []),
    ],
    ids=["argument-order", "missing", "any-suffix", "folder-then-file", "empty-folder"],
)
def test_walk_named_inputs_in_argument_order(tmp_path: Path, given: list[str],
                                             expected: list[tuple[str, bool]]) -> None:
    _make(tmp_path, ["1.txt", "2.txt", "notes.md", "in/a.txt"])
    (tmp_path / "empty").mkdir()
    items = list(walk_inputs([tmp_path / g for g in given]))
    assert [(Path(i.where).relative_to(tmp_path).as_posix(), i.in_folder)  # type: ignore[union-attr]
            for i in items] == expected


def test_walk_names_a_named_input_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _make(tmp_path, ["r.txt"])
    monkeypatch.chdir(tmp_path)
    (item,) = walk_inputs(["./r.txt"])
    assert isinstance(item, InputFile)
    assert (item.where, item.path, item.in_folder) == ("./r.txt", Path("r.txt"), False)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_walk_does_not_follow_symlinked_folders(tmp_path: Path) -> None:
    _make(tmp_path, ["in/a.txt", "elsewhere/b.txt"])
    (tmp_path / "in" / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "in" / "loop").symlink_to(tmp_path / "in", target_is_directory=True)
    assert _walked(tmp_path, walk_inputs([tmp_path / "in"])) == ["in/a.txt"]


# -- the same walk for every consumer -----------------------------------------------------------

def _unlistable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` fail to be listed as it would without permission (also when run as root)."""
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(folder))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def _relative(root: Path, item: InputFile | Document | DocumentError | str) -> str:
    """A walked file, a document or a path relative to ``root``; an error as ``E_CODE:relative path``."""
    if isinstance(item, DocumentError):
        return f"{item.code}:{_relative(root, item.where)}"
    where = item.where if isinstance(item, InputFile) else item.source if isinstance(item, Document) else item
    return Path(where or "").relative_to(root).as_posix()


def _by_walker(root: Path) -> list[str]:
    return [_relative(root, item) for item in walk_inputs([root])]


def _by_reader(root: Path) -> list[str]:
    return [_relative(root, item) for item in iter_documents([root])]


def _by_batch(root: Path) -> list[str]:
    out: list[str] = []
    for item in plan_shards([root], 1):
        if isinstance(item, ShardSpec):
            out.extend(_relative(root, f) for f in item.files)
        else:
            out.append(_relative(root, item))
    return out


@pytest.mark.parametrize("consumer", [_by_walker, _by_reader, _by_batch], ids=["walker", "reader", "batch"])
@pytest.mark.parametrize(
    ("unlistable", "expected"),
    [
        (None, ["a.txt", "z.txt", "b/c.html", "b/d.txt", "e/f.txt"]),
        ("b", ["a.txt", "z.txt", "E_READ:b", "e/f.txt"]),
        ("e", ["a.txt", "z.txt", "b/c.html", "b/d.txt", "E_READ:e"]),
        (".", ["E_READ:."]),
    ],
    ids=["all-readable", "first-subfolder", "last-subfolder", "the-folder-itself"],
)
def test_walk_same_files_and_errors_in_place_for_every_consumer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, consumer: Callable[[Path], list[str]],
        unlistable: str | None, expected: list[str]) -> None:
    _make(tmp_path, ["z.txt", "a.txt", "b/d.txt", "b/c.html", "e/f.txt", ".h/i.txt", "b/.j.txt"])
    if unlistable:
        _unlistable(monkeypatch, tmp_path / unlistable)
    assert consumer(tmp_path) == expected


@pytest.mark.parametrize("consumer", [
    lambda p: list(walk_inputs([p])),
    lambda p: list(iter_documents([p])),
    lambda p: list(plan_shards([p], 10)),
], ids=["walker", "reader", "batch"])
def test_walk_an_input_that_cannot_be_looked_at_is_a_read_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, consumer: Callable[[Path], list[Any]]) -> None:
    blocked = tmp_path / "locked" / "r.txt"
    real_is_dir = Path.is_dir

    def is_dir(self: Path) -> bool:
        if self == blocked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_dir(self)

    monkeypatch.setattr(Path, "is_dir", is_dir)
    (err,) = consumer(blocked)
    assert isinstance(err, DocumentError)
    assert (err.where, err.code, err.detail) == (str(blocked), "E_READ", "Permission denied")


def test_walk_batch_groups_a_folder_apart_from_the_next_input(tmp_path: Path) -> None:
    _make(tmp_path, ["before.txt", "in/a.txt", "in/b.txt", "after.txt", "last.txt"])
    (tmp_path / "empty").mkdir()
    inputs = [tmp_path / n for n in ("before.txt", "in", "after.txt", "empty", "last.txt")]
    specs = list(plan_shards(inputs, 10))
    # files named before a folder join its shard; a folder (even an empty one) ends the shard
    assert [[Path(f).name for f in s.files] for s in specs] == [  # type: ignore[union-attr]
        ["before.txt", "a.txt", "b.txt"], ["after.txt"], ["last.txt"]]
