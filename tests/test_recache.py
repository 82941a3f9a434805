"""The regex cache across processes (zhibiao.recache): what it reads back is what a fresh compilation
makes — re.compile's code, told the characters its matches start with (whose matches are re.compile's:
tests/test_anchors.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from zhibiao import lexicon, recache
from zhibiao.lexicon import grammar_shapes, pattern_source

CHILD = """
import json, sys
from zhibiao import lexicon, recache
from zhibiao.lexicon import pattern
p = pattern("tables.number_cell")
print(json.dumps({"hit": bool(recache._table) and not recache._added, "groups": p.groups,
                  "match": bool(p.search("完成一般公共预算收入18.56亿元"))}))
"""


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A process state with no cache read yet, and the cache in ``tmp_path``."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("ZHIBIAO_REGEX_CACHE", raising=False)
    monkeypatch.setattr(recache, "_table", None)
    monkeypatch.setattr(recache, "_added", {})
    return tmp_path


def _shapes() -> list[str]:
    """Every compilable shape of grammar.toml, as the rules compile them."""
    return [pattern_source(f"{group}.{name}") for group, shapes in grammar_shapes().items()
            for name in shapes if not name.startswith("_")]


def test_every_shape_read_back_equals_a_fresh_compilation(fresh: Path) -> None:
    sources = _shapes()
    for source in sources:
        recache.compile_cached(source)
    recache._save()
    path = recache.cache_path()
    assert path is not None and Path(path).is_file() and path.startswith(str(fresh))
    recache._table = None  # a new process: everything comes from the file
    for source in sources:
        cached = recache.compile_cached(source)
        fresh_one, _entry = recache._fresh(source, 0)
        # CPython compares the pattern, its flags and the engine's code; the groups are checked apart
        assert cached == fresh_one and cached.groupindex == fresh_one.groupindex
        plain = re.compile(source)
        assert cached.groups == plain.groups and cached.groupindex == plain.groupindex and cached.flags == plain.flags
    assert not recache._added  # nothing compiled again


def test_a_second_process_reads_the_cache(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    env.pop("ZHIBIAO_REGEX_CACHE", None)
    runs = [subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]
    first, second = (r.stdout.strip() for r in runs)
    assert '"hit": false' in first and '"hit": true' in second
    assert first.replace("false", "true") == second  # same groups, same match


def test_a_damaged_cache_file_is_compiled_over(fresh: Path) -> None:
    path = recache.cache_path()
    assert path is not None
    Path(path).parent.mkdir(parents=True)
    Path(path).write_bytes(b"\x00not marshal")
    p = recache.compile_cached("(?P<n>\\d+)亿元")
    assert p.search("18亿元")["n"] == "18"  # type: ignore[index]
    recache._save()
    recache._table = None
    assert recache._load() == {("(?P<n>\\d+)亿元", 0): recache._fresh("(?P<n>\\d+)亿元", 0)[1]}


def test_an_entry_the_engine_refuses_is_compiled_as_usual(fresh: Path) -> None:
    table = recache._load()
    assert table is not None
    table[("a+b", 0)] = (32, b"\xc8\x00\x00\x00" * 3, 0, {}, (None,))  # no opcode: the engine refuses it
    assert recache.compile_cached("a+b").fullmatch("aab") is not None


def test_off_switch_reads_and_writes_nothing(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHIBIAO_REGEX_CACHE", "0")
    assert recache.cache_path() is None
    assert recache.compile_cached("[一-鿿]{2}市").search("淮安市") is not None
    recache._save()
    assert not any(fresh.iterdir())


def test_each_checkout_keeps_its_own_file(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # two worktrees with other data files evicted each other's values from one shared file (a few kept per kind)
    here = recache.cache_path()
    recache.memo("test", "key", lambda: "this checkout's")
    recache._save()
    monkeypatch.setattr(recache, "_PACKAGE_DIR", "/elsewhere/src/zhibiao")
    monkeypatch.setattr(recache, "_table", None)  # another process, run from another checkout
    monkeypatch.setattr(recache, "_added", {})
    there = recache.cache_path()
    assert here is not None and there is not None and here != there
    assert Path(here).parent == Path(there).parent == fresh / "zhibiao"
    assert recache.memo("test", "key", lambda: "the other checkout's") == "the other checkout's"  # nothing shared


def test_no_home_folder_no_cache(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # (no $HOME, no password entry)
    assert recache.cache_path() is None
    assert recache.compile_cached("\\d+亿元").search("18亿元") is not None


def test_memo_keeps_a_copy_across_processes(fresh: Path) -> None:
    value = recache.memo("test", "key", lambda: {"words": ["增长", "下降"]})
    value["words"].append("changed by a caller")
    recache._save()
    recache._table = None  # a new process

    def never() -> dict[str, list[str]]:
        raise AssertionError("built again")

    assert recache.memo("test", "key", never) == {"words": ["增长", "下降"]}
    assert recache.memo("test", "other key", lambda: {"n": 1}) == {"n": 1}


def test_memo_of_a_value_marshal_cannot_write_is_built_each_time(fresh: Path) -> None:
    made = [recache.memo("test", "key", object) for _ in range(2)]
    assert made[0] is not made[1]
    assert not recache._added


def test_the_shape_sources_kept_are_those_the_data_makes() -> None:
    # (in this process the sources may come from a cache file a former run wrote: they must be the
    # expansion of the current grammar.toml and vocab.toml by the current code)
    kept = lexicon._sources()
    assert kept or recache.cache_path() is None
    for key, source in kept.items():
        assert source == lexicon._source(key), key
    assert lexicon.pattern_source("test.example") == lexicon._source("test.example")


def test_the_regional_table_kept_is_the_one_made() -> None:
    from zhibiao.normalize import _convert

    # (the table in this process may come from a cache file: the same entries; their order follows
    # the hashing of a frozenset of phrases, which differs from process to process anyway)
    assert _convert.regional_table() == _convert._regional_table()


def test_memo_keeps_the_latest_values_of_a_kind_only(fresh: Path) -> None:
    for version in range(6):
        recache.memo("test", f"data file, version {version}", lambda version=version: version)
    recache._save()
    recache._table = None
    kept = [key for key in recache._load() or {} if key[:2] == ("memo", "test")]
    assert kept == [recache.memo_key("test", f"data file, version {v}") for v in (3, 4, 5)]
