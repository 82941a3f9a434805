"""Anchors of a regex: characters every match of it must hold, derived from the pattern itself.

A shape of ``grammar.toml`` such as ``[\\u4e00-\\u9fff]{2,8}?第…`` makes the regex engine try it at
every position of a text, though it can only match where a 第 stands. :func:`required_chars`
reads the parsed pattern and returns a set of characters one of which every match contains (None
when no small set is certain), and :func:`anchor_gate` a character class of them: when the class
finds nothing in a range, the shape can match nothing there, and the rule need not run its search.

The derivation is conservative: anything it cannot reason about (a lookaround, a back reference,
a category like ``\\d``, a class of more than :data:`MAX_ANCHORS` characters, ignored case) gives
no anchor for that part, and a pattern none of whose parts gives one has no gate (its rule always
runs). A lookaround contributes nothing, since it may look outside the searched range.

``ZHIBIAO_ANCHOR_GATES=0`` (read when a gate is first asked for) turns every gate off: the rules
then search every shape, as the tests do to compare gated and ungated extraction.
"""

from __future__ import annotations

import os
import re
import re._constants as _sre_c  # type: ignore[import-not-found]  # the parser's opcodes (no stubs)
import re._parser as _sre_p  # type: ignore[import-not-found]  # the standard library's own parser
from functools import cache
from typing import Any

from zhibiao.lexicon import code_digest, pattern_source
from zhibiao.recache import compile_cached, memo

__all__ = ["MAX_ANCHORS", "anchor_gate", "required_chars"]

# The most characters an anchor set may have: a larger one is in most texts and gates nothing.
MAX_ANCHORS = 48

_REPEATS = (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, _sre_c.POSSESSIVE_REPEAT)


def required_chars(source: str, flags: int = 0) -> frozenset[str] | None:
    """The smallest set of characters found, one of which every match of ``source`` holds; None
    when none is certain.

    >>> sorted(required_chars("(?P<place>[甲乙]{2,8}?)第(?P<n>\\\\d+)名?"))
    ['第']
    >>> sorted(required_chars("过去(?:五|十)年|(?P<y>\\\\d{4})年来"))
    ['年', '过']
    >>> required_chars("\\\\d+"), required_chars("(?=第)\\\\d"), required_chars("a?b*")
    (None, None, None)
    """
    if flags & re.IGNORECASE:
        return None
    tree = _sre_p.parse(source, flags)
    if tree.state.flags & re.IGNORECASE:
        return None
    return _sequence(list(tree))


def _sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """A sequence matches all its parts: any part's set will do; the smallest is the most selective."""
    best: frozenset[str] | None = None
    for op, av in items:
        found = _part(op, av)
        if found is not None and (best is None or len(found) < len(best)):
            best = found
    return best


def _part(op: Any, av: Any) -> frozenset[str] | None:
    """The required characters of one node of the parse tree (None: none certain)."""
    if op is _sre_c.LITERAL:
        return frozenset(chr(av))
    if op is _sre_c.IN:
        return _char_class(av)
    if op is _sre_c.BRANCH:  # one of the alternatives matches: the union of theirs, each needed
        out: set[str] = set()
        for alternative in av[1]:
            found = _sequence(list(alternative))
            if found is None:
                return None
            out |= found
        return frozenset(out) if len(out) <= MAX_ANCHORS else None
    if op is _sre_c.SUBPATTERN:
        _group, add_flags, _del_flags, inner = av
        return None if add_flags & re.IGNORECASE else _sequence(list(inner))
    if op in _REPEATS:
        low, _high, inner = av
        return _sequence(list(inner)) if low >= 1 else None
    if op is _sre_c.ATOMIC_GROUP:
        return _sequence(list(av))
    return None  # ANY, NOT_LITERAL, AT, ASSERT(_NOT), GROUPREF(_EXISTS), CATEGORY: nothing certain


def _char_class(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The characters of a class of literals and small ranges (a negated or category class: None)."""
    out: set[str] = set()
    for op, av in items:
        if op is _sre_c.LITERAL:
            out.add(chr(av))
        elif op is _sre_c.RANGE and av[1] - av[0] < MAX_ANCHORS:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
        if len(out) > MAX_ANCHORS:
            return None
    return frozenset(out)


@cache
def anchor_gate(key: str) -> re.Pattern[str] | None:
    """A character class of the anchors of the ``grammar.toml`` shape ``key``: where it finds
    nothing, the shape matches nothing (None when the shape has no anchors: always search it).

    >>> gate = anchor_gate("test.anchored")
    >>> gate.pattern, gate.search("全市排名上升") is None
    ('[第]', True)
    """
    if os.environ.get("ZHIBIAO_ANCHOR_GATES") == "0":
        return None
    source = pattern_source(key)
    found = _anchors_kept(key, source)
    if not found:
        return None
    return compile_cached("[" + "".join(re.escape(c) for c in sorted(found)) + "]")


def _anchors_kept(key: str, source: str) -> list[str]:
    """:func:`required_chars` of a shape, kept from one process to the next (``recache.memo``, keyed by the shape's
    source and this module's code): parsing the shapes gated was 2 M instructions of every process's start."""
    def build() -> list[str]:
        return sorted(required_chars(source) or ())

    code = _own_code()
    if code is None:
        return build()
    # (a kind of memo per shape: the cache file keeps a few values of each kind, and the gates would evict each other)
    return memo("anchors:" + key, code + source.encode("utf-8", "surrogatepass"), build)


@cache
def _own_code() -> bytes | None:
    """The digest of this module (once a process)."""
    return code_digest(__file__)
