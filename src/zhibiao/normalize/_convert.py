"""Traditional → simplified Chinese at the level of phrases, with the way back to the original.

Taiwan and Hong Kong reports write 專案, 軟體, 資訊, 記憶體 where a mainland one writes 项目, 软件,
信息, 内存. OpenCC's ``tw2sp`` and ``hk2s`` conversions know these phrases, but its Python API
returns the converted string only, and a phrase may change length (記憶體 → 内存), so the offsets
of a fact found in the converted text could not be mapped back. Aligning OpenCC's output with its
input afterwards (a diff) would be slow in Python and would have to guess where a phrase ends.

Instead the conversion marks its own work. It runs OpenCC's two steps: the regional phrases and
variants (the first dictionary group of tw2sp and hk2s, copied from the installed OpenCC into
``_opencc_tables``, filtered as said below) by forward maximum matching, then t2s. Every regional
replacement that is not one character for one is written followed by a marker, a character of
plane 15 (private use, U+F0000 + the entry's number) that no dictionary knows and so passes
through t2s untouched. One regex scan then finds the markers, removes them and records, for each,
the original span and the converted one. t2s itself maps one character to one character (none of
its dictionaries changes the length), which is checked on every call, with a fallback.

Two engines give the same marked text:

* OpenCC itself, with a configuration made at first use: our table as a text dictionary, then
  t2s's dictionaries (a conversion chain, no segmentation, so each step matches over the whole
  text, as below). The matching then runs in C++: a traditional text costs about a quarter more
  than t2s alone, and simplified text never gets here (one regex search tells it apart).
* the fallback, when that configuration cannot be built: the keys are found by an Aho-Corasick
  automaton (pyahocorasick), forward maximum matching is done in Python, then OpenCC's t2s. It is
  about three times slower on a traditional text; the tests check that both engines agree.

A text holding plane-15 characters of its own has them replaced by U+FFFD before conversion (same
length; no dictionary knows either), so that no marker is ever ambiguous; so are lone surrogates,
which UTF-8, and so OpenCC, cannot take.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from zhibiao.lexicon import lost_glosses, regional_keep
from zhibiao.recache import compile_cached, memo

from ._gen_tables import in_gb2312
from ._opencc_tables import TABLES, TRADITIONAL

__all__ = ["OPAQUE", "Change", "convert", "traditional_chars"]

# A regional replacement: original [start, end) became converted [start, end).
Change = tuple[int, int, int, int]

# The first dictionary group of tw2sp (TWPhrasesRev, TWVariantsRevPhrases, TWVariantsRev) and of
# hk2s (HKVariantsRevPhrases, HKVariantsRev), merged: phrases before single characters, Taiwan
# before Hong Kong when both have a key (OpenCC stops at the first dictionary that matches). hk2sp's
# HKPhrasesRev is left out: it is mostly film people's names, and HK IT words are rare in reports.
# ``_gen_tables`` writes the tables in this order, so it is the order of ``TABLES``' keys.
_TABLE_ORDER = tuple(TABLES)

# Which entries apply. tw2sp is written for software vocabulary in a text known to be Taiwanese;
# here it runs on economic prose, and on any text with a traditional character, which is often a
# mainland report with a few (a name, a page that went through a Big5 gateway). So:
# - an entry applies only if its key holds a traditional character (``traditional_chars``):
#   a word written in simplified characters is never rewritten, even next to traditional ones.
#   The table would otherwise turn 新增 into 添加, 建立 into 创建, 程序 into 进程, 智慧 into 智能,
#   and 尼日利亚 into 尼日尔利亚. This also leaves out 著 → 着 (著 is simplified too: 显著, 著名).
# - ``lexicon.regional_keep()``: Taiwan spellings left as written (then t2s), and kept as entries so that no
#   shorter key inside them applies (通訊號碼 is not 通信号码). The list, and how it was found, is
#   the data file ``zhibiao/data/regional_keep.txt``.



# Characters the conversion cannot carry: lone surrogates (UTF-8, and so OpenCC, cannot encode
# them) and plane 15 (private use), whose characters are the conversion's own markers.
OPAQUE = compile_cached("[\ud800-\udfff\U000f0000-\U000fffff]+")


class _Automaton(Protocol):
    """The part of ``ahocorasick.Automaton`` used here (pyahocorasick ships no type stubs)."""

    def add_word(self, key: str, value: tuple[int, str], /) -> bool: ...

    def make_automaton(self) -> None: ...

    def iter(self, string: str, /) -> Iterator[tuple[int, tuple[int, str]]]: ...


class _Converter(Protocol):
    def convert(self, text: str, /) -> str: ...


@cache
def _t2s() -> _Converter:
    import opencc  # imported lazily: loading the dictionaries is only needed for traditional text

    return opencc.OpenCC("t2s")


def t2s(text: str) -> str:
    """OpenCC t2s, keeping the length whatever the dictionaries do (``text`` has no surrogate)."""
    converted = str(_t2s().convert(text))
    if len(converted) == len(text):
        return converted
    # Not seen with OpenCC 1.4.2 (no t2s entry changes length): line by line, and character by
    # character in a line that still would change, so that offsets hold.
    return "".join(_t2s_line(line) for line in text.splitlines(keepends=True))


def _t2s_line(line: str) -> str:
    converted = str(_t2s().convert(line))
    if len(converted) == len(line):
        return converted
    return "".join(c if len(c := str(_t2s().convert(ch))) == 1 else ch for ch in line)


def _t2s_each(strings: Iterable[str]) -> list[str]:
    """t2s of many short strings in one call (none holds a line break)."""
    return t2s("\n".join(strings)).split("\n")


def _entries(name: str) -> list[tuple[str, str]]:
    return [(k, v) for k, _, v in (line.partition(" ") for line in TABLES[name].splitlines())]


@cache
def traditional_set() -> frozenset[str]:
    """Every character that marks a text as traditional: those t2s changes (3,700-odd), and the
    Taiwan and Hong Kong variants that the regional tables change and that are not simplified
    characters too (衞, 粧, 枱; not 著 or 么, which GB 2312, the mainland's character set, has).
    Found when the tables were generated (``_gen_tables.traditional``): a simplified text never
    loads OpenCC."""
    return frozenset(TRADITIONAL)


@cache
def traditional_chars() -> re.Pattern[str]:
    """A character class of ``traditional_set`` but for the few that GB 2312 has as well (乾 of 乾坤
    and of names, 於 as a family name, 夥, 後 …), which mark nothing alone: one search tells a
    simplified text apart (see ``is_traditional``)."""
    return compile_cached(_class_sources()[0])


@cache
def _any_traditional() -> re.Pattern[str]:
    """Every character of ``traditional_set``, those GB 2312 has as well included."""
    return compile_cached(_class_sources()[1])


@cache
def _class_sources() -> list[str]:
    """The sources of :func:`traditional_chars` and :func:`_any_traditional`, kept from one process to
    the next (:func:`~zhibiao.recache.memo`: asking GB 2312 about each of 3,700 characters is 5 ms of
    every process that meets a traditional text), keyed by the characters."""
    chars = "".join(sorted(traditional_set()))

    def build() -> list[str]:
        return ["[" + "".join(re.escape(c) for c in chars if not in_gb2312(c)) + "]",
                "[" + "".join(re.escape(c) for c in chars) + "]"]

    return memo("traditional", chars, build)


@cache
def _phrases_of_shared_chars() -> re.Pattern[str]:
    """The regional phrases whose only traditional characters are shared ones (後天免疫缺乏症候群)."""
    marks = traditional_chars()
    return compile_cached("|".join(re.escape(k) for k in sorted(regional_table()) if not marks.search(k)) or "(?!)")


_LOST_MARK = "?"  # (what a lost character was written as: a plain find tells most texts apart)


def has_lost_gloss(text: str) -> bool:
    """Whether ``text`` holds a character a gateway lost and glossed (``lexicon.lost_glosses``: 百?gòu)?qiáng)县): the
    conversion reads it back, in a simplified text too (t2s leaves simplified characters as they are).

    >>> has_lost_gloss("中国西部百?gòu)?qiáng)县市"), has_lost_gloss("增长5%?")
    (True, False)
    """
    return _LOST_MARK in text and any(run in text for run in lost_glosses())


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written (in part) in traditional characters: a simplified report naming
    刘象乾 stays as written, while a regional phrase made of shared characters still converts.

    >>> is_traditional("通讯员刘象乾"), is_traditional("乾隆年間"), is_traditional("增长5%")
    (False, True, False)
    """
    first = _any_traditional().search(text)  # (one search tells most texts, simplified ones, apart)
    if first is None:
        return False
    if traditional_chars().search(text, first.start()):
        return True
    return _phrases_of_shared_chars().search(text) is not None



@cache
def regional_table() -> dict[str, str]:
    """Key → replacement (traditional script, before t2s) of every regional entry that applies,
    and key → key for the entries kept only because they protect a longer word (OpenCC's
    exceptions: 軟體動物 is not 软件动物, 海內存知己 keeps its 內存).

    Made once for each version of its inputs and kept from one process to the next
    (:func:`zhibiao.recache.memo`: 10 ms of t2s over every entry): the key holds the code of this
    module and of the tables, the phrases kept and the version of OpenCC.
    """
    import opencc  # (imported by any conversion: its version is part of the key)

    parts = [getattr(opencc, "__version__", "?"), "\n".join(sorted(regional_keep())),
             "\n".join(f"{k} {v}" for k, v in sorted(lost_glosses().items()))]
    for module in (__file__, os.path.join(os.path.dirname(__file__), "_opencc_tables.py")):
        try:
            with open(module, encoding="utf-8") as f:
                parts.append(f.read())
        except OSError:
            return _regional_table()  # (a package without its source files: made in every process)
    return memo("regional", "\0".join(parts), _regional_table)


def _regional_table() -> dict[str, str]:
    trad = traditional_set()
    keep = regional_keep()
    merged: dict[str, str] = {}
    for name in _TABLE_ORDER:
        for key, value in _entries(name):
            if key not in merged and not trad.isdisjoint(key):
                merged[key] = key if key in keep else value
    keys = list(merged)
    plain = _t2s_each(keys)
    regional = _t2s_each(merged[k] for k in keys)
    table = {k: merged[k] for k, p, r in zip(keys, plain, regional, strict=True) if p != r}
    # An entry that changes nothing beyond t2s matters only if it contains one that does.
    for key in keys:
        if key not in table and any(key[i:j] in table for i in range(len(key)) for j in range(i + 1, len(key) + 1)):
            table[key] = key
    table.update({key: key for key in keep if not trad.isdisjoint(key)})
    table.update(lost_glosses())  # (百?gòu)?qiáng)縣: a character the gateway lost, read back from its gloss)
    return table


# Markers: U+F0000 + the entry's number in ``_Entries.spans``.
_MARK_BASE = 0xF0000
_MARKS = compile_cached("[\U000f0000-\U000fffff]")


@dataclass(frozen=True, slots=True)
class _Entries:
    """The regional table as the conversion writes it."""

    values: dict[str, str]  # key → what replaces it before t2s (with its marker, if it has one)
    spans: list[tuple[int, int]]  # marker number → (key length, replacement length)


@cache
def _entries_marked() -> _Entries:
    values: dict[str, str] = {}
    spans: list[tuple[int, int]] = []
    for key, repl in regional_table().items():
        if repl != key and (len(key) > 1 or len(repl) > 1):
            repl += chr(_MARK_BASE + len(spans))  # one character for one maps as t2s does: no marker
            spans.append((len(key), len(repl) - 1))
        values[key] = repl
    return _Entries(values, spans)


@cache
def _opencc_engine() -> _Converter | None:
    """OpenCC with our table, then t2s's dictionaries; None when it cannot be built."""
    import json
    import os
    import tempfile

    import opencc

    from zhibiao import logger

    share = os.path.join(os.path.dirname(opencc.__file__), "clib", "share", "opencc")
    ts = [{"type": "ocd2", "file": os.path.join(share, "TSPhrases.ocd2")},
          {"type": "ocd2", "file": os.path.join(share, "TSCharactersExt.ocd2"), "may_output_tofu": True},
          {"type": "ocd2", "file": os.path.join(share, "TSCharacters.ocd2")}]
    config = {"name": "zhibiao: regional phrases, then t2s", "conversion_chain": [
        {"dict": {"type": "text", "file": "regional.txt"}},
        # t2s's "normalization" step, as a step of the chain: t2s runs it before its dictionaries
        {"dict": {"type": "ocd2", "file": os.path.join(share, "CJK_Compatibility_Ideographs.ocd2")}},
        {"dict": {"type": "group", "match_policy": "short_circuit", "dicts": ts}}]}
    try:  # the files are read when the converter is built, and can go right after
        with tempfile.TemporaryDirectory(prefix="zhibiao-opencc-") as tmp:
            with open(os.path.join(tmp, "regional.txt"), "w", encoding="utf-8") as f:
                f.writelines(f"{k}\t{v}\n" for k, v in _entries_marked().values.items())
            path = os.path.join(tmp, "regional.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(config, f, ensure_ascii=False)
            engine: _Converter = opencc.OpenCC(path)
        if _unmark(str(engine.convert("記憶體")), 3) != ("内存", [(0, 3, 0, 2)]):  # fail here, not on a report
            raise ValueError("the OpenCC configuration does not convert as the tables say")
    except Exception:  # OpenCC raises its own error types; any failure means: use the fallback
        logger(__name__).warning("OpenCC regional configuration failed; using the fallback", exc_info=True)
        return None
    return engine


@cache
def _automaton() -> _Automaton:
    import ahocorasick

    automaton: _Automaton = ahocorasick.Automaton()
    for key, value in _entries_marked().values.items():
        automaton.add_word(key, (len(key), value))
    automaton.make_automaton()
    return automaton


def _fallback(text: str) -> str:
    """The marked conversion, matched in Python: forward maximum matching (at each position the
    longest key, then on after it), as OpenCC matches.

    pyahocorasick's own "longest" iterator is not used: it misses a shorter match that follows a
    longer one that failed (keys bc and abcd in "abce"). All hits are taken instead (few: every
    key holds a traditional character) and the choice is made here.
    """
    hits = sorted((end + 1 - n, -n, value) for end, (n, value) in _automaton().iter(text))
    pieces: list[str] = []
    pos = 0
    for start, neg_len, value in hits:
        if start >= pos:
            pieces += (text[pos:start], value)
            pos = start - neg_len
    pieces.append(text[pos:])
    return t2s("".join(pieces))


def _unmark(marked: str, size: int) -> tuple[str, list[Change]] | None:
    """The text without its markers, and the replacements they mark; None if the lengths do not
    add up to ``size``, the length of the text that was converted."""
    spans = _entries_marked().spans
    pieces: list[str] = []
    changes: list[Change] = []
    pos = shift = 0
    for i, m in enumerate(_MARKS.finditer(marked)):
        number = ord(m.group()) - _MARK_BASE
        if number >= len(spans):
            return None
        key_len, repl_len = spans[number]
        conv_end = m.start() - i
        raw_start = conv_end - repl_len - shift
        changes.append((raw_start, raw_start + key_len, conv_end - repl_len, conv_end))
        shift += repl_len - key_len
        pieces.append(marked[pos:m.start()])
        pos = m.end()
    pieces.append(marked[pos:])
    text = "".join(pieces)
    return (text, changes) if len(text) == size + shift else None


def convert(text: str, *, use_opencc: bool = True) -> tuple[str, list[Change]]:
    """``text`` in simplified characters and mainland phrases, with every regional
    replacement of a phrase as (original start, end, converted start, end); elsewhere offsets are
    unchanged (one converted character for each original one). An ``OPAQUE`` character becomes
    U+FFFD. ``use_opencc=False`` forces the fallback engine (for tests).

    >>> convert("記憶體容量")
    ('内存容量', [(0, 3, 0, 2)])
    """
    if OPAQUE.search(text):  # U+FFFD instead: same length, and no dictionary knows it either
        text = OPAQUE.sub(lambda m: "\ufffd" * len(m.group()), text)
    opencc_engine = _opencc_engine() if use_opencc else None
    if opencc_engine is not None:
        done = _unmark(str(opencc_engine.convert(text)), len(text))
        if done is not None:
            return done
    done = _unmark(_fallback(text), len(text))
    # Not seen (t2s keeps the length, and every marker is ours): characters alone, offsets kept.
    return done if done is not None else (t2s(text), [])

