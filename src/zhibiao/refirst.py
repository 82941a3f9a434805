"""The characters every match of a regex starts with, told to the regex engine.

The engine skips, in one tight loop, every place no match can start at — when it knows where
matches start: a pattern that opens with a literal or a class. A shape of ``grammar.toml`` mostly
opens with a group (``(?P<place>…)``), an alternation of groups or a lookbehind, and the engine then
tries the whole pattern at every character of the text. :func:`with_start_charset` reads the parsed
pattern for the characters its matches can start with and writes them into the info block of the
engine's code, where the engine reads them for a search only: every match, and a match at a given
place, are those of the code as it was (``zhibiao.recache`` compiles every shape so, and the tests
compare the two on real and random texts).

Conservative: a part that may start with any character (``.``, a negated class, a back reference,
ignored case) gives no set, and the pattern keeps its code as ``re.compile`` makes it.
"""

from __future__ import annotations

import re
import re._compiler as _sre_compiler  # type: ignore[import-not-found]  # the standard library's compiler (no stubs)
import re._constants as _sre_c  # type: ignore[import-not-found]  # its opcodes
import re._parser as _sre_p  # type: ignore[import-not-found]  # noqa: F401 - its parser (the doctests parse with it)
from typing import Any

__all__ = ["start_items", "with_start_charset"]

_REPEATS = (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, _sre_c.POSSESSIVE_REPEAT)

# A charset item of the parse tree: (LITERAL, code point), (RANGE, (lo, hi)), (CATEGORY, category).
_Item = tuple[Any, Any]
_NULLABLE: tuple[list[_Item], bool] = ([], True)


def start_items(parsed: Any) -> list[_Item] | None:
    """The characters any match of the parsed pattern ``parsed`` starts with, as the items of a
    character class (None when that is not certain: a match may start with any character, or be
    empty, or the pattern ignores case or refers back to a group).

    >>> sorted(chr(av) for _op, av in _flat(start_items(_sre_p.parse("(?<!同)(?:比|较)[上下]"))))
    ['比', '较']
    >>> start_items(_sre_p.parse("第?\\\\d+")), start_items(_sre_p.parse("a*")), start_items(_sre_p.parse(".b"))
    ([(LITERAL, 31532), (IN, [(CATEGORY, CATEGORY_DIGIT)])], None, None)
    """
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _start_of_sequence(list(parsed))
    if found is None or found[1]:
        return None  # unknown, or the whole pattern may match the empty string
    return found[0]


def _start_of_sequence(items: list[tuple[Any, Any]]) -> tuple[list[_Item], bool] | None:
    """(the start items of a sequence, whether it may match empty): each part's, up to the first part
    that cannot match empty."""
    out: list[_Item] = []
    for op, av in items:
        found = _start_of(op, av)
        if found is None:
            return None
        out += found[0]
        if not found[1]:
            return out, False
    return out, True


def _start_of(op: Any, av: Any) -> tuple[list[_Item], bool] | None:
    """(the start items of one node, whether it may match empty); None when not certain."""
    if op is _sre_c.LITERAL:
        return [(op, av)], False
    if op is _sre_c.IN:
        if any(o is _sre_c.NEGATE for o, _a in av) \
                or any(o not in (_sre_c.LITERAL, _sre_c.RANGE, _sre_c.CATEGORY) for o, _a in av):
            return None
        return [(_sre_c.IN, list(av))], False
    if op in (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT):
        return _NULLABLE  # zero width: the match starts with what comes next
    if op is _sre_c.BRANCH:
        out: list[_Item] = []
        empty = False
        for alternative in av[1]:
            found = _start_of_sequence(list(alternative))
            if found is None:
                return None
            out += found[0]
            empty = empty or found[1]
        return out, empty
    if op is _sre_c.SUBPATTERN:
        return None if av[1] & re.IGNORECASE else _start_of_sequence(list(av[3]))
    if op in _REPEATS:
        found = _start_of_sequence(list(av[2]))
        return None if found is None else (found[0], found[1] or av[0] == 0)
    if op is _sre_c.ATOMIC_GROUP:
        return _start_of_sequence(list(av))
    return None  # ANY, NOT_LITERAL, GROUPREF(_EXISTS) …: any character may start it


def _flat(items: list[_Item]) -> list[_Item]:
    """The items of a class: the classes among ``items`` opened up."""
    out: list[_Item] = []
    for op, av in items:
        out += av if op is _sre_c.IN else [(op, av)]
    return out


def with_start_charset(code: list[int], parsed: Any, flags: int) -> list[int] | None:
    """``code`` (the engine's code of ``parsed``, as ``re._compiler._code`` makes it) with the
    characters a match starts with written into its info block, so that a search skips in one tight
    loop every place no match can start at (what the engine does by itself for a pattern that
    opens with a class or a literal, not for one that opens with a group, an alternation of
    groups or a lookbehind); None when the block already says how matches start, or nothing
    certain is known.

    The engine reads the block only to search: a match at a given place, and every match found,
    are those of ``code`` (the tests compare both on real and random texts).
    """
    if len(code) < 5 or code[0] != _sre_c.INFO or code[2] != 0 or code[3] == 0:
        return None  # no info block, a prefix or a charset already, or an empty match possible
    items = start_items(parsed)
    if not items:
        return None
    charset, _cased = _sre_compiler._optimize_charset(_flat(items))
    info = [code[0], 0, _sre_c.SRE_INFO_CHARSET, code[3], code[4]]
    _sre_compiler._compile_charset(charset, flags, info)
    info[1] = len(info) - 1
    return [*info, *code[code[1] + 1:]]
