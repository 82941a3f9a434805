"""Inputs → the files to read: paths named as inputs, and the files found by walking folders.

One walker for every reader of folders (:func:`zhibiao.ingest.iter_documents`, the batch
planner), so that the same folder gives the same files, in the same order, to each: sorted,
hidden entries skipped, symlinked folders not followed (no loops), and a folder that cannot be
listed reported as a :class:`DocumentError` where its files would have been. The readers differ
only in the suffixes they take.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from zhibiao.errors import DocumentError

__all__ = ["SUPPORTED_SUFFIXES", "InputFile", "os_error_reason", "walk_inputs"]

# What zhibiao.ingest.iter_documents reads from a folder (the batch planner takes more).
SUPPORTED_SUFFIXES = (".jsonl", ".jsonl.gz", ".txt", ".html", ".htm")


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read: named as an input itself, or found by walking a folder input.

    ``where`` names it in errors: the input as it was given, or the path found in the folder.
    """

    path: Path
    where: str
    in_folder: bool = False


def walk_inputs(paths: Iterable[str | os.PathLike[str]], *,
                suffixes: tuple[str, ...] = SUPPORTED_SUFFIXES) -> Iterator[InputFile | DocumentError]:
    """Every file of ``paths`` in order, or a :class:`DocumentError` (``E_READ``) in its place.

    A path that is not a folder is yielded as it is, whatever its suffix and even when it does
    not exist (its reader reports that). A folder is walked in sorted order (its own files,
    then each subfolder's), taking the files whose names end with one of ``suffixes`` (case
    insensitive) and skipping hidden files and folders (``.name``); symlinked folders are not
    followed. A folder, or a subfolder, that cannot be listed becomes an ``E_READ`` error where
    its files would have been. Lazy; never raises for a bad input.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as root:
    ...     for name in ("b.txt", "a.html", ".hidden.txt", "notes.md", "sub/c.txt"):
    ...         Path(root, name).parent.mkdir(exist_ok=True)
    ...         _ = Path(root, name).write_text("正文", encoding="utf-8")
    ...     [(Path(f.where).relative_to(root).as_posix(), f.in_folder) for f in walk_inputs([root])]
    [('a.html', True), ('b.txt', True), ('sub/c.txt', True)]
    """
    for raw in paths:
        path = Path(raw)
        try:
            is_dir = path.is_dir()
        except OSError as exc:  # e.g. a folder on the way that may not be searched
            yield DocumentError(str(raw), "E_READ", os_error_reason(exc))
            continue
        if not is_dir:
            yield InputFile(path, str(raw))
            continue
        for item in _walk_folder(path, suffixes):
            yield item if isinstance(item, DocumentError) else InputFile(item, str(item), in_folder=True)


def _walk_folder(root: Path, suffixes: tuple[str, ...]) -> Iterator[Path | DocumentError]:
    failed: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=failed.append):
        while failed:
            exc = failed.pop(0)
            yield DocumentError(str(exc.filename or dirpath), "E_READ", os_error_reason(exc))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and name.lower().endswith(suffixes):
                yield Path(dirpath) / name
    for exc in failed:  # the last folders' errors (os.walk reports them after its last yield)
        yield DocumentError(str(exc.filename or root), "E_READ", os_error_reason(exc))


def os_error_reason(exc: OSError) -> str:
    """What an ``E_READ`` error says of a failed file system call: the system's message
    ("Permission denied"), else the exception's type.

    >>> os_error_reason(PermissionError(13, "Permission denied")), os_error_reason(OSError())
    ('Permission denied', 'OSError')
    """
    return exc.strerror or type(exc).__name__
