"""A cheap test of whether a document holds economic figures, run before full extraction.

Web crawls and newspaper archives are mostly not economic reports; the extractor costs tens of
milliseconds a document, the prefilter a few microseconds. One Aho-Corasick automaton
(pyahocorasick) holds two kinds of patterns:

* **figures**: every digit (ASCII and full-width) joined to every unit (``units.tsv``), magnitude
  (``magnitudes.tsv``) and percent word, with up to ``max_gap`` spaces between (``6亿``, ``7%``,
  ``0个百分点``); Chinese numerals only before a magnitude or a currency (``千万元``). Because the
  digit is part of the pattern, the ordinary characters 个, 人, 家, 所 produce no match at all
  unless a number stands before them, so the scan stays in C for most of the text.
* **keywords**: economic words (``data/prefilter.toml`` plus chosen ``vocab.toml`` lists).

Every word is added in its traditional forms as well. A document is kept when it has enough of
both (``[rule]`` of ``prefilter.toml``); the scan stops as soon as it has.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ahocorasick

__all__ = ["Prefilter", "Verdict", "default_prefilter", "is_economic"]

_FIGURE = 0
_KEYWORD = 1
_DIGITS = "0123456789０１２３４５６７８９"
_SPACES = (" ", "\u3000", "\u00a0")
_MONEY_KIND = "money"


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a document was kept or skipped: the counts of figures and keywords found."""

    keep: bool
    figures: int
    keywords: int


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    figure_words: tuple[str, ...]
    numeral_words: tuple[str, ...]
    cn_numerals: tuple[str, ...]
    keywords: tuple[str, ...]
    min_figures: int
    min_keywords: int
    max_gap: int


class Prefilter:
    """Keeps documents with at least ``min_figures`` figures and ``min_keywords`` keywords.

    Build it once per process (:func:`default_prefilter`); :meth:`keep` is thread-safe.
    """

    def __init__(self, vocabulary: _Vocabulary | None = None) -> None:
        vocab = vocabulary or _load_vocabulary()
        self.min_figures = vocab.min_figures
        self.min_keywords = vocab.min_keywords
        self._automaton = _build_automaton(vocab)

    def keep(self, text: str) -> bool:
        """True when ``text`` is worth a full extraction (stops scanning as soon as it knows)."""
        need_figures, need_keywords = self.min_figures, self.min_keywords
        figures = keywords = 0
        for _, kind in self._automaton.iter(text):
            if kind == _FIGURE:
                figures += 1
            else:
                keywords += 1
            if figures >= need_figures and keywords >= need_keywords:
                return True
        return False

    def check(self, text: str) -> Verdict:
        """The full counts for ``text`` (no early stop): for tests and tuning."""
        figures = keywords = 0
        for _, kind in self._automaton.iter(text):
            if kind == _FIGURE:
                figures += 1
            else:
                keywords += 1
        keep = figures >= self.min_figures and keywords >= self.min_keywords
        return Verdict(keep, figures, keywords)


@cache
def default_prefilter() -> Prefilter:
    """The prefilter built from the packaged data tables (built once per process)."""
    return Prefilter()


def is_economic(text: str) -> bool:
    """True when ``text`` has economic figures, by :func:`default_prefilter`.

    >>> is_economic("上半年完成一般公共预算收入18.56亿元,同比增长36.7%。")
    True
    >>> is_economic("今天气温12度,湿度65%,请拨打12345。")
    False
    """
    return default_prefilter().keep(text)


# -- building --------------------------------------------------------------------------------

def _read(name: str) -> str:
    return (resources.files("zhibiao") / "data" / name).read_text(encoding="utf-8")


def _tsv_first_columns(name: str) -> list[tuple[str, list[str]]]:
    rows = []
    for line in _read(name).splitlines():
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            rows.append((cells[0].strip(), [c.strip() for c in cells[1:]]))
    return rows


def _load_vocabulary() -> _Vocabulary:
    config = tomllib.loads(_read("prefilter.toml"))
    vocab = tomllib.loads(_read("vocab.toml"))
    units = _tsv_first_columns("units.tsv")
    magnitudes = [word for word, _ in _tsv_first_columns("magnitudes.tsv")]
    # units.tsv columns: word, unit, factor, kind
    money = [word for word, rest in units if len(rest) >= 3 and rest[2] == _MONEY_KIND]
    figure_words = [word for word, _ in units] + magnitudes + list(config["figure"]["percent"])
    keywords = list(config["keywords"]["words"])
    excluded = set(config["vocab"].get("exclude", []))
    for dotted in config["vocab"]["lists"]:
        section, key = dotted.split(".")
        values = vocab[section][key]
        # a table like change.double maps words to numbers: its keys are the words
        words = list(values) if isinstance(values, dict) else values
        keywords.extend(w for w in words if w not in excluded)
    rule = config["rule"]
    return _Vocabulary(
        figure_words=tuple(dict.fromkeys(figure_words)),
        numeral_words=tuple(dict.fromkeys(magnitudes + money)),
        cn_numerals=tuple(config["figure"]["cn_numerals"]),
        keywords=tuple(dict.fromkeys(keywords)),
        min_figures=int(rule["min_figures"]),
        min_keywords=int(rule["min_keywords"]),
        max_gap=int(rule["max_gap"]),
    )


def _variants(words: tuple[str, ...]) -> list[str]:
    """The words with their traditional forms (Taiwan and Hong Kong standards included)."""
    converters = _converters()
    out: dict[str, None] = {}
    for word in words:
        out[word] = None
        for converter in converters:
            out[converter.convert(word)] = None
    return list(out)


@cache
def _converters() -> tuple[object, ...]:
    import opencc  # only needed while building

    return tuple(opencc.OpenCC(config) for config in ("s2t", "s2tw", "s2hk"))


def _build_automaton(vocab: _Vocabulary) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    gaps = [""] + [space * n for space in _SPACES for n in range(1, vocab.max_gap + 1)]
    for word in _variants(vocab.figure_words):
        for digit in _DIGITS:
            for gap in gaps:
                automaton.add_word(digit + gap + word, _FIGURE)
    numeral_words = _variants(vocab.numeral_words)
    numerals = _variants(vocab.cn_numerals)
    taken = set(numeral_words)
    for word in numeral_words:
        for numeral in numerals:
            # 千+万 is the magnitude 千万 itself, which alone is prose (千万不要): only a numeral
            # before the whole magnitude makes a figure (三千万).
            if numeral + word not in taken:
                automaton.add_word(numeral + word, _FIGURE)
    for word in _variants(vocab.keywords):
        # a keyword that is also a figure pattern keeps its figure meaning
        if automaton.get(word, None) is None:
            automaton.add_word(word, _KEYWORD)
    automaton.make_automaton()
    return automaton
