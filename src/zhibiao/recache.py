"""Compiled regexes kept from one process to the next, so that a run does not compile the grammar again.

The shapes of ``grammar.toml`` are some 250 regexes, many with classes of every CJK character
(``[\\u4e00-\\u9fff]``), which Python's regex compiler expands one character at a time: compiling
them is a fifth of a second, more than extracting a long report. ``compile`` keeps what the compiler
made of each shape (the engine's code, its groups) in a file of the user's cache folder
(``$XDG_CACHE_HOME/zhibiao``, else ``~/.cache/zhibiao``; one file per interpreter version and per folder the
package runs from), keyed by the exact pattern, its flags and the interpreter's version, and later processes hand
that code straight to the regex engine.

What is read back is what a fresh compilation makes: an entry is only written after the pattern made
from it compared equal to ``re.compile``'s (CPython compares the pattern, its flags and its code);
the engine validates the code it is given (no program runs out of its bounds), and an entry it
refuses, a file it cannot read or another Python's file is compiled as usual. Like byte code in
``__pycache__``, the file is trusted: it is the user's own, written by this module.
``ZHIBIAO_REGEX_CACHE=0`` turns the cache off (nothing read or written); a folder that cannot be
written only means every process compiles.
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import re
import sys
from array import array
from collections.abc import Callable
from typing import Any, TypeVar

try:  # the engine's own entry points (CPython): without them, patterns are compiled as usual
    import _sre  # type: ignore[import-not-found]  # (no stubs: the module is CPython's own)
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another interpreter
    _sre = None
try:  # CPython's own SHA-1 for the few digests made (hashlib loads OpenSSL: 11 M instructions of every process)
    from _sha1 import sha1 as _sha1  # type: ignore[import-not-found]  # (no stubs: the module is CPython's own)
except ImportError:  # pragma: no cover - another interpreter
    from hashlib import sha1 as _sha1

__all__ = ["cache_path", "compile_cached", "digest", "memo", "memo_key"]

# a cache far bigger than the grammar holds patterns of other versions of it: start again
_MAX_ENTRIES = 1500
# values of one kind kept (data files of other versions: other checkouts, or edited since)
_MAX_MEMOS = 3
# (flags, the engine's code as 32-bit words, groups, group index, index group): the code as bytes,
# which marshal reads back in one copy (a list of ints, one object each, is ten times slower to load)
_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

# the format of the entries: 2 since their code may say what its matches start with (an older file
# keeps another checkout's entries, made without); 3 since a memo is keyed by a digest of its key (see memo)
_FORMAT = 3

_T = TypeVar("_T")
_PACKAGE_DIR = os.path.dirname(os.path.realpath(__file__))  # (this checkout's or install's package folder)
_TAG_HEX = 10  # (hex digits of a checkout's tag in the file's name)
_CODE = "I"  # the array type of the engine's code words (checked against their size)

# keys: (pattern, flags) → _Entry; ("memo", kind, digest of the key) → a value marshalled (see memo)
_table: dict[tuple[Any, ...], Any] | None = None
_added: dict[tuple[Any, ...], Any] = {}


def cache_path() -> str | None:
    """The cache file of this interpreter, or None when the cache is off."""
    if os.environ.get("ZHIBIAO_REGEX_CACHE", "1") in ("0", "") or _sre is None \
            or array(_CODE).itemsize != _sre.CODESIZE:
        return None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home == "~":
            return None  # no home folder known: no cache (rather than a folder named ~ in the working one)
        base = os.path.join(home, ".cache")
    tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{_FORMAT}-{_checkout_tag(_PACKAGE_DIR)}"
    return os.path.join(base, "zhibiao", f"regex-{tag}.marshal")


def _checkout_tag(package_dir: str) -> str:
    """A short tag of the folder this package runs from: each checkout or install keeps its own file, so that
    worktrees with other data files do not evict each other's values (the file keeps :data:`_MAX_MEMOS` of a kind).

    >>> _checkout_tag("/a/src/zhibiao") == _checkout_tag("/a/src/zhibiao") != _checkout_tag("/b/src/zhibiao")
    True
    """
    return _sha1(package_dir.encode("utf-8", "surrogatepass")).hexdigest()[:_TAG_HEX]  # type: ignore[no-any-return]


def compile_cached(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from the code a former process compiled when it has it, and told
    the characters its matches start with when the engine would not know them (see :func:`_fresh`):
    the same matches, found faster.

    >>> compile_cached("[甲乙]市") == re.compile("[甲乙]市")  # (a class first: the engine knows)
    True
    >>> told = compile_cached("(?:[甲乙]{2}|丙)市")
    >>> told == re.compile(told.pattern), told.findall("甲乙市丙市丁市")
    (False, ['甲乙市', '丙市'])
    """
    flags = int(flags)  # (a RegexFlag: the file keeps plain ints)
    table = _load()
    if table is None:
        return _fresh(source, flags)[0]
    entry = table.get((source, flags))
    if entry is not None:
        try:
            return _made(source, entry)
        except (TypeError, ValueError, RuntimeError, OverflowError):
            pass  # an entry the engine refuses: compiled as usual below
    compiled, made = _fresh(source, flags)
    if made is not None:
        table[(source, flags)] = made
        _added[(source, flags)] = made
    return compiled


def _fresh(source: str, flags: int) -> tuple[re.Pattern[str], _Entry | None]:
    """``re.compile(source, flags)``, told the characters its matches start with when it does not know
    them (:func:`zhibiao.refirst.with_start_charset`: a search then skips every place no match can
    start at in one tight loop), and the cache entry of what it returns (None when none can be made).

    The code is ``re.compile``'s but for that: the entry is checked against ``re.compile`` before its
    info block is written, and a block the engine refuses leaves the pattern as ``re.compile`` makes it.
    """
    compiled = re.compile(source, flags)
    made = _entry(source, flags)
    if made is None or _made(source, made) != compiled:
        return compiled, None
    try:
        from zhibiao.refirst import with_start_charset  # (a compilation only: not at import)

        parsed = _parser.parse(source, flags)
        faster = with_start_charset(array(_CODE, made[1]).tolist(), parsed, made[0])
        if faster is None:
            return compiled, made
        entry = (made[0], array(_CODE, faster).tobytes(), *made[2:])
        return _made(source, entry), entry
    except Exception:  # a private API that may change, or code the engine refuses: as re.compile makes it
        return compiled, made


def memo(kind: str, key: str | bytes, build: Callable[[], _T]) -> _T:
    """``build()``, a value that depends on ``key`` alone (the bytes of a data file, say), kept across
    processes like the patterns: the parsed vocabulary, the regex sources made from it. The value must
    be one marshal writes (dicts, lists, strings, numbers); each call gets its own copy.

    The file keeps a digest of ``key``, not the key, which may be long (the regional phrase table's is 40,000
    characters): every process would decode it from the file and hash it again. A value made from data files
    is keyed by their digests (:func:`~zhibiao.lexicon.data_digest`), not their text, which it would have to
    decode first (the two, 30 M instructions of a process reading the 10 dev reports).
    """
    table = _load()
    if table is None:
        return build()
    stored_key = memo_key(kind, key)
    stored = table.get(stored_key)
    if isinstance(stored, bytes):
        try:
            return marshal.loads(stored)  # type: ignore[no-any-return]
        except (EOFError, ValueError, TypeError):
            pass  # a damaged entry: built again below
    value = build()
    kept: Any = value
    # a copy as it is now (a caller changing its value cannot change what the file keeps); a value
    # marshal does not write is built in every process
    with contextlib.suppress(ValueError):
        copy = marshal.dumps(kept)
        older = [k for k in table if k[:2] == ("memo", kind)]
        for stale in older[:max(0, len(older) - _MAX_MEMOS + 1)]:  # (the file keeps them in their order)
            del table[stale]
        table[stored_key] = _added[stored_key] = copy
    return value


def memo_key(kind: str, key: str | bytes) -> tuple[str, str, bytes]:
    """The key the cache file keeps the value :func:`memo` makes of ``key`` under."""
    data = key if isinstance(key, bytes) else key.encode("utf-8", "surrogatepass")
    return "memo", kind, digest(data)


def digest(data: bytes) -> bytes:
    """The SHA-1 digest of ``data`` (what a key of :func:`memo` is made of)."""
    return _sha1(data).digest()  # type: ignore[no-any-return]


def _made(source: str, entry: _Entry) -> re.Pattern[str]:
    """The pattern the engine makes of a cache entry."""
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(source, flags, array(_CODE, code).tolist(), groups, groupindex, indexgroup)  # type: ignore[no-any-return]


def _entry(source: str, flags: int) -> _Entry | None:
    """What ``re._compiler.compile`` hands the engine for ``source`` (None when it cannot be had)."""
    try:
        parsed = _parser.parse(source, flags)
        code = array(_CODE, _compiler._code(parsed, flags)).tobytes()
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)
    except Exception:  # a private API that may change: no cache, never an error
        return None


def _load() -> dict[tuple[Any, ...], Any] | None:
    """The cache table, read once per process (empty when there is no file yet; None when off)."""
    global _table
    if _table is None:
        path = cache_path()
        if path is None:
            return None
        _table = {}
        try:
            with open(path, "rb") as fh:
                loaded: Any = marshal.load(fh)
            if isinstance(loaded, dict):
                _table = loaded
        except (OSError, EOFError, ValueError, TypeError):
            pass  # no cache yet, or an unreadable one: rewritten at exit
        atexit.register(_save)
    return _table


def _save() -> None:
    """Write the patterns this process compiled into the cache file (atomically: a process reading
    it meanwhile sees the old file or the new one)."""
    path = cache_path()
    if not _added or path is None or _table is None:
        return
    import tempfile  # (at exit only, and only when something was compiled: a costly import)

    table = _table if len(_table) <= _MAX_ENTRIES else dict(_added)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".regex-", suffix=".tmp")
    except OSError:
        return  # a read-only home: every process compiles, as without the cache
    try:
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(table, fh)
        os.replace(tmp, path)
    except (OSError, ValueError):
        os.unlink(tmp)
    _added.clear()
