"""The vocabulary of the rules, loaded once from ``zhibiao/data`` on first use (never at import).

Both the extractor and the resolver read their words from here, and only from here: ``vocab()`` is
the parsed ``vocab.toml`` (``words`` one list of it, ``word_set`` the same as a set, ``word`` a
single word); ``units()``, ``magnitudes()``, ``surnames()`` and ``places()`` are the TSV/TXT tables.
``pattern`` compiles one regex shape of ``grammar.toml``, where ``{@section.key}`` stands for a word
list of ``vocab.toml`` (``{@a.b+c.d}`` for several), written as an alternation longest word first
so that 同比增长 wins over 增长, ``{^section.key}`` for their first characters (inside a
character class: a cheap gate), and ``{:group.name}`` for another shape of ``grammar.toml``. A word
added to ``vocab.toml`` therefore works in every rule that uses its list.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

from zhibiao.recache import cache_path, compile_cached, digest, memo

__all__ = [
    "CJK_FIRST",
    "CJK_LAST",
    "Place",
    "Shapes",
    "Unit",
    "WordSets",
    "Words",
    "alternation",
    "code_digest",
    "data_bytes",
    "data_digest",
    "data_toml",
    "grammar_shapes",
    "is_cjk",
    "lost_glosses",
    "magnitudes",
    "pattern",
    "pattern_source",
    "places",
    "regional_keep",
    "surnames",
    "units",
    "vocab",
    "word",
    "word_set",
    "words",
]


_DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def _read(name: str) -> str:
    """A data file of the package, read from disk beside this module.

    ``importlib.resources`` is kept for an install without files on disk (a zipped package): its
    import (zipfile, tempfile, pathlib, …) costs more than reading every data file, and every
    extraction process would pay it.
    """
    return data_bytes(name).decode("utf-8")


def data_bytes(name: str) -> bytes:
    """The bytes of the data file ``name`` of the package (``indicators.toml``), read without importing
    :mod:`importlib.resources` (and the archive modules it imports) when the package is a folder."""
    try:
        with open(os.path.join(_DATA_DIR, name), "rb") as f:
            return f.read()
    except OSError:
        import importlib.resources

        return (importlib.resources.files("zhibiao") / "data" / name).read_bytes()


@cache
def data_digest(name: str) -> bytes:
    """A digest of the bytes of the data file ``name``, for a key of :func:`~zhibiao.recache.memo` (what a
    value built from the file depends on): the file read as it is, not decoded (a process that finds its
    values kept never decodes it), and hashed once however many keys it is part of."""
    return digest(data_bytes(name))


def code_digest(path: str) -> bytes | None:
    """A digest of the module at ``path`` (a key of :func:`~zhibiao.recache.memo` holds the code that makes
    the value); None for a package without its source files."""
    try:
        with open(path, "rb") as f:
            return digest(f.read())
    except OSError:
        return None


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _read(name).splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit word: the FACTS.md unit it maps to and the factor to that base unit."""

    word: str
    unit: str
    factor: Decimal
    kind: str


@dataclass(slots=True, unsafe_hash=True)
class Place:
    """One administrative division of the gazetteer (slotted, not frozen: 3,400 are made at
    start-up, and a frozen dataclass is several times slower to make)."""

    code: str
    level: str
    name: str
    short: str
    parent: str


@cache
def data_toml(name: str) -> dict[str, Any]:
    """The parsed TOML data file ``name`` of the package, kept parsed from one process to the next (parsing
    ``vocab.toml`` is 12 ms, importing the parser 2 ms)."""
    return memo("toml", data_digest(name), lambda: _parse_toml(_read(name)))


def vocab() -> dict[str, Any]:
    """The parsed ``vocab.toml``."""
    return data_toml("vocab.toml")


@cache
def words(section: str, key: str) -> tuple[str, ...]:
    """One word list of ``vocab.toml``, e.g. ``words("change", "up")`` (the keys of a table, a single
    word as a list of one)."""
    value = vocab()[section][key]
    return (value,) if isinstance(value, str) else tuple(value)


@cache
def word(section: str, key: str) -> str:
    """One single word of ``vocab.toml`` (a grammatical mark such as 占 or 的).

    >>> word("test", "mark")
    '的'
    """
    value = vocab()[section][key]
    if not isinstance(value, str):
        raise TypeError(f"vocab.toml {section}.{key} is no single word")
    return value


@cache
def word_set(section: str, key: str) -> frozenset[str]:
    """One word list of ``vocab.toml`` as a set, for membership tests.

    >>> "增长" in word_set("change", "up")
    True
    """
    return frozenset(words(section, key))


def grammar_shapes() -> dict[str, dict[str, str]]:
    """The parsed ``grammar.toml``: group → shape name → regex template."""
    return data_toml("grammar.toml")


def _parse_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, imported only when a data file is parsed: a process that reads them from
    the cache (:func:`~zhibiao.recache.memo`) never parses, and importing the parser is 2 ms."""
    import tomllib

    return tomllib.loads(text)


_REF = re.compile(r"\{([@:^])([\w.+]+)\}")


@cache
def pattern_source(key: str) -> str:
    """The regex source of the shape ``group.name`` of ``grammar.toml``, references expanded.

    >>> pattern_source("test.example")
    '(?:同比增长|增长)(?:\\\\d+)'
    """
    found = _sources().get(key)
    return found if found is not None else _source(key)


@cache
def _sources() -> dict[str, str]:
    """The source of every shape, made once for each version of the two data files and kept from one
    process to the next (expanding the word lists into tries is 13 ms); empty when the cache is off.
    The key holds this module's code too: a change of how sources are written makes new ones."""
    if cache_path() is None:
        return {}
    code = code_digest(__file__)
    if code is None:
        return {}  # (a package without its source files: every process expands the shapes)
    return memo("shapes", code + data_digest("grammar.toml") + data_digest("vocab.toml"), _every_source)


def _every_source() -> dict[str, str]:
    out = {}
    for group, shapes in grammar_shapes().items():
        for name in shapes:
            # a shape that cannot be expanded (a reference to no list) fails when a rule reads it, as
            # without the cache, not here
            with contextlib.suppress(Exception):
                out[f"{group}.{name}"] = _source(f"{group}.{name}")
    return out


@cache
def _source(key: str) -> str:
    group, _, name = key.partition(".")
    try:
        template = grammar_shapes()[group][name]
    except KeyError:
        raise KeyError(f"grammar.toml has no shape {key!r}") from None
    return _REF.sub(_expand, template)


def _expand(ref: re.Match[str]) -> str:
    kind, target = ref.group(1), ref.group(2)
    if kind == ":":
        return f"(?:{_source(target)})"
    items: list[str] = []
    for part in target.split("+"):
        section, _, key = part.partition(".")
        items.extend(words(section, key))
    if kind == "^":  # the first characters of the words, for a character class: a cheap gate
        return "".join(sorted({re.escape(w[0]) for w in items}))
    if _whole_alternative(ref):
        # no group: a search for ``词|{@list}`` skips to the first characters of its words, which
        # the regex engine only finds when every alternative opens with a plain character
        return alternation(items)
    return f"(?:{alternation(items)})"


_ALTERNATIVE_START = re.compile(r"(?:^|(?<!\\)\||(?<!\\)\(\?:)$")
_ALTERNATIVE_END = re.compile(r"$|\||\)")


def _whole_alternative(ref: re.Match[str]) -> bool:
    """Whether the reference ``ref`` is a whole alternative of its template (``{@a}|b``, ``(?:b|{@a})``):
    its words need no group of their own there.

    >>> pattern_source("test.verb")  # a shape that is one list: its words only
    '同比增长|增长'
    """
    return _ALTERNATIVE_START.search(ref.string, 0, ref.start()) is not None \
        and _ALTERNATIVE_END.match(ref.string, ref.end()) is not None


@cache
def pattern(key: str) -> re.Pattern[str]:
    """The compiled shape ``group.name`` of ``grammar.toml``.

    >>> pattern("test.example").fullmatch("同比增长12") is not None
    True
    """
    return compile_cached(pattern_source(key))  # as re.compile, without compiling again in every process


class _Group:
    """Named values of one group of the data, loaded on first use and then read as plain attributes.

    A rule module binds a group once (``_NAMES = Shapes("names")``). At the first attribute read,
    the module's global is rebound to a namespace of the group's values (a module object): later
    reads are module attribute lookups, which the interpreter specialises, with no ``__getattr__``
    hook on the way (this object answers any reference kept elsewhere, more slowly). A value the
    group loads lazily (a shape, compiled only when a rule first reads it) comes through the
    namespace's own ``__getattr__`` once, then stays in it.
    """

    _kind = "value"

    def __init__(self, name: str) -> None:
        self._name = name
        self._home = sys._getframe(1).f_globals  # the module that binds this group
        self._namespace: ModuleType | None = None

    def _values(self) -> dict[str, Any]:
        """The values loaded when the group is first read (all of them, unless ``_value`` is lazy)."""
        raise NotImplementedError  # pragma: no cover - every subclass defines it

    def _value(self, attr: str) -> Any:
        """A value not loaded with the group: none, unless a subclass loads values lazily."""
        raise KeyError(f"no {self._kind} {self._name}.{attr}")

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("_"):
            raise AttributeError(attr)
        if self._namespace is None:
            # a module object, not a SimpleNamespace: CPython specialises attribute reads on modules
            # but takes the generic lookup on a SimpleNamespace (7% of the whole extraction)
            namespace = self._namespace = ModuleType(f"{__name__}.{self._kind}.{self._name}")
            namespace.__dict__.update(self._values())
            namespace.__dict__["__getattr__"] = self._load  # PEP 562: a value not loaded yet
            for key, bound in list(self._home.items()):
                if bound is self:
                    self._home[key] = namespace
        return getattr(self._namespace, attr)

    def _load(self, attr: str) -> Any:
        if attr.startswith("_"):  # __path__, __wrapped__ …: probes of tools, not values
            raise AttributeError(attr)
        value = self._value(attr)
        setattr(self._namespace, attr, value)
        return value


class Shapes(_Group):
    """The shapes of one group of ``grammar.toml``, compiled, as attributes: each shape is compiled
    when a rule first reads it (start-up pays for no shape a run never uses).

    >>> Shapes("test").verb.pattern
    '同比增长|增长'
    """

    _kind = "grammar.toml shape (no shape)"

    if TYPE_CHECKING:  # what a read gives, for the type checker (the lookup is _Group's)
        def __getattr__(self, attr: str) -> re.Pattern[str]: ...

    def _values(self) -> dict[str, Any]:
        return {}

    def _value(self, attr: str) -> Any:
        # a shape named _… is only a part of others ({:group._part}): it is never compiled alone
        if attr not in grammar_shapes()[self._name]:
            raise KeyError(f"no {self._kind} {self._name}.{attr}")
        return pattern(f"{self._name}.{attr}")


class Words(_Group):
    """One section of ``vocab.toml`` as attributes: a list as a tuple, a single word as a string,
    a table as a dict.

    >>> Words("test").verbs, Words("test").mark
    (('增长', '同比增长'), '的')
    """

    _kind = "vocab.toml entry"

    def _values(self) -> dict[str, Any]:
        return {k: tuple(v) if isinstance(v, list) else v for k, v in vocab()[self._name].items()}


class WordSets(_Group):
    """The word lists of one section of ``vocab.toml`` as attributes of frozensets, for membership.

    >>> "增长" in WordSets("test").verbs
    True
    """

    _kind = "vocab.toml list"

    def _values(self) -> dict[str, Any]:
        return {k: word_set(self._name, k) for k, v in vocab()[self._name].items() if isinstance(v, list | dict)}


@cache
def units() -> dict[str, Unit]:
    """Unit words → :class:`Unit`."""
    return {r[0]: Unit(r[0], r[1], Decimal(r[2]), r[3]) for r in _rows("units.tsv")}


@cache
def magnitudes() -> dict[str, int]:
    """Magnitude words → power of ten (亿 → 8)."""
    return {r[0]: int(r[1]) for r in _rows("magnitudes.tsv")}


@cache
def surnames() -> frozenset[str]:
    """Family names, single and compound."""
    return frozenset(name for row in _rows("surnames.txt") for cell in row for name in cell.split())


@cache
def lost_glosses() -> dict[str, str]:
    """Runs of pinyin glosses a traditional-character gateway left where it lost the character they gloss
    (百?gòu)?qiáng)縣 → 百强县), each with that character (``lost_glosses.txt``: one a line, the run, a space and the
    character; text after ``#`` a comment)."""
    rows = (line.partition("#")[0].strip().split(" ") for line in _read("lost_glosses.txt").splitlines())
    return {row[0]: row[1] for row in rows if len(row) == 2}


@cache
def regional_keep() -> frozenset[str]:
    """Taiwan/Hong Kong phrases the traditional → simplified conversion leaves as written
    (``regional_keep.txt``: one a line, text after ``#`` a comment)."""
    return frozenset(phrase for line in _read("regional_keep.txt").splitlines()
                     if (phrase := line.partition("#")[0].strip()))


@cache
def places() -> tuple[Place, ...]:
    """The gazetteer of provinces, prefectures and counties (GB/T 2260)."""
    return tuple(Place(*r[:5]) for r in _rows("places.tsv") if len(r) >= 5 and r[0])


# The CJK unified ideographs: a character ``ch`` is one when CJK_FIRST <= ch <= CJK_LAST.
CJK_FIRST, CJK_LAST = chr(0x4E00), chr(0x9FFF)


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is one CJK unified ideograph (a Chinese character).

    >>> is_cjk("亿"), is_cjk("%"), is_cjk("")
    (True, False, False)
    """
    return len(ch) == 1 and CJK_FIRST <= ch <= CJK_LAST


def alternation(items: tuple[str, ...] | list[str]) -> str:
    """A regex that matches any of the literal words, longest first, written as a trie.

    ``同比增长|增长|增`` would make the regex engine try every word in turn at each position (a list
    of sixty verbs, sixty tries); the trie shares the words' common starts, so that one character
    rules out every word that does not start with it. The matches are those of the words sorted
    longest first: words that match at one position are prefixes of one another, and a greedy
    ``?`` tries the longer one before the shorter.

    >>> alternation(["增长", "同比增长", "增", "增速"])
    '同比增长|增[速长]?'
    >>> re.fullmatch(alternation(["增长", "同比增长", "增"]), "同比增长") is not None
    True
    """
    trie: dict[str, Any] = {}
    for word in set(items):
        if not word:
            raise ValueError("an empty word in an alternation")
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_source(trie, root=True)


def _trie_source(node: dict[str, Any], *, root: bool = False) -> str:
    """The regex of the words below one trie node (``""`` marks a word ending there), one atom
    that can be followed by ``?`` or be written after a character (the root: a bare alternation)."""
    branches = [(ch, _trie_source(child)) for ch, child in sorted(node.items()) if ch]
    if not branches:  # the end of a word, and of every word through it
        return ""
    if len(branches) == 1:
        ch, rest = branches[0]
        body, atom = re.escape(ch) + rest, not rest
    elif all(not rest for _, rest in branches):  # single characters: one class, not an alternation
        body, atom = "[" + "".join(re.escape(ch) for ch, _ in branches) + "]", True
    else:
        body, atom = "|".join(re.escape(ch) + rest for ch, rest in branches), False
    if "" in node:
        return f"{body}?" if atom else f"(?:{body})?"
    return body if atom or root or len(branches) == 1 else f"(?:{body})"
