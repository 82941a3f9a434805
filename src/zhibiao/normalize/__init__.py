"""Normalise report text for matching while keeping every offset into the original.

The extractor matches rules against a *normalised* copy of the text: simplified characters,
half-width digits and punctuation, plain spaces, figures re-joined across line breaks. Facts
must still point into the text as given, so :class:`NormText` carries a map from each
normalised character back to its original position.

Most transformations are one character for one character (full-width → half-width, OpenCC t2s
in the usual case), which keeps the map the identity; only the removal of whitespace inside a
figure ("18.\\n56亿元") shortens the text, and only then is an explicit index built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

__all__ = ["NormText", "normalize", "to_simplified"]

# Full-width ASCII (！ … ～) is U+FF01..U+FF5E, exactly U+0021..U+007E shifted by 0xFEE0.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
# Odd spaces become a plain space (same length, so offsets do not move).
_WIDTH.update({cp: 0x20 for cp in (0x3000, 0x00A0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
                                   0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x200B, 0xFEFF)})
# Dashes used in ranges (1—6月, 1–2月) and the wave dash (1～5月) → ASCII; CR → LF.
_WIDTH.update({0x2014: ord("-"), 0x2013: ord("-"), 0x2012: ord("-"), 0x2212: ord("-"),
               0x301C: ord("~"), 0x0D: 0x0A, 0x2236: ord(":"), 0xFE6A: ord("%"), 0x2030: ord("%")})
_WIDTH_TABLE = str.maketrans(_WIDTH)
# str.translate with a table is slow on CJK text (a dict lookup per character); the few characters
# a report actually uses are found by one regex scan and replaced one by one instead.
_WIDTH_MAP = {chr(k): chr(v) for k, v in _WIDTH.items()}
_WIDTH_CHARS = re.compile("[" + "".join(re.escape(c) for c in _WIDTH_MAP) + "]")


def _to_half_width(raw: str) -> str:
    text = raw
    for ch in set(_WIDTH_CHARS.findall(raw)):
        text = text.replace(ch, _WIDTH_MAP[ch])
    return text

# Whitespace that sits inside a figure: between digits and their decimal point, magnitude or
# unit. A line break between two bare integers is left alone (it is more often a table).
# Removed before matching (the offset map keeps the way back):
# - whitespace inside a figure: between digits and their decimal point, magnitude or unit (a line
#   break between two bare integers is left alone: it is more often a table);
# - pinyin glosses that some traditional-character gateways add after rare characters
#   (實(shí)現(xiàn) → 實現), which would otherwise split words apart.
# Candidates are found with a pattern that starts with a character class (the regex engine then
# skips ahead quickly); whether a candidate goes is decided from its neighbours in Python.
_GAP = re.compile(r"[ \t\n\u3000]+|\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{1,6}\)")
_CJK_LO, _CJK_HI = "\u4e00", "\u9fff"


def _removable(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if text[start] == "(":  # a pinyin gloss after a character
        return _CJK_LO <= before <= _CJK_HI
    if not before or not after:
        return False
    if before.isdigit():
        if after in ".%万亿":
            return True  # 18.56\n亿元
        if "\n" not in text[start:end] and _CJK_LO <= after <= _CJK_HI:
            return True  # 219 个, 1—10 月份: a digit and its unit or month
    if before == "." and after.isdigit() and start >= 2 and text[start - 2].isdigit():
        return True  # 18.\n56
    return before in "万亿" and after in "元美欧港日韩"  # 18.56亿\n元


@cache
def _t2s():  # type: ignore[no-untyped-def]
    import opencc  # imported lazily: loading the dictionaries is only needed for CJK text

    return opencc.OpenCC("t2s")


@cache
def _traditional_chars() -> re.Pattern[str]:
    """A character class of every character t2s changes (3,700-odd), found by converting the CJK
    blocks once: a simplified text is recognised by one regex search and skips OpenCC."""
    block = "".join(chr(c) for c in range(0x3400, 0xA000))
    changed = sorted({a for a, b in zip(block, _t2s().convert(block), strict=False) if a != b})
    return re.compile("[" + "".join(re.escape(c) for c in changed) + "]")


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified, keeping the length when OpenCC would not.

    >>> to_simplified("地區生產總值")
    '地区生产总值'
    """
    if _traditional_chars().search(text) is None:
        return text  # most text is simplified already: one regex search instead of OpenCC
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    # A phrase rule changed the length: convert character by character so offsets hold.
    conv = _t2s().convert
    return "".join(c if len(c := conv(ch)) == 1 else ch for ch in text)


@dataclass(frozen=True, slots=True)
class NormText:
    """A normalised text and the way back to the original.

    ``index`` is None when normalised offsets equal original offsets; otherwise
    ``index[i]`` is the original offset of normalised character ``i``.
    """

    text: str
    raw: str
    index: tuple[int, ...] | None = None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span ``[start, end)`` to the original text."""
        if self.index is None:
            return start, end
        if end <= start:
            pos = self.index[start] if start < len(self.index) else len(self.raw)
            return pos, pos
        return self.index[start], self.index[end - 1] + 1

    def quote(self, start: int, end: int) -> tuple[str, int, int]:
        """The original text of a normalised span, with its original offsets."""
        rs, re_ = self.raw_span(start, end)
        return self.raw[rs:re_], rs, re_


def normalize(raw: str) -> NormText:
    """Normalise ``raw`` for matching; see the module docstring.

    >>> n = normalize("一般預算收入１８.\\n５６億元")
    >>> n.text
    '一般预算收入18.56亿元'
    >>> n.quote(6, 13)[0]
    '１８.\\n５６億元'
    >>> normalize("實(shí)現(xiàn)生產(chǎn)總值").text
    '实现生产总值'
    """
    text = _to_half_width(raw)
    if not text.isascii() and _traditional_chars().search(text):
        text = to_simplified(text)
    cuts = [(m.start(), m.end()) for m in _GAP.finditer(text) if _removable(text, m.start(), m.end())]
    if not cuts:
        return NormText(text=text, raw=raw)
    pieces: list[str] = []
    index: list[int] = []
    pos = 0
    for start, end in cuts:
        pieces.append(text[pos:start])
        index.extend(range(pos, start))
        pos = end
    pieces.append(text[pos:])
    index.extend(range(pos, len(text)))
    return NormText(text="".join(pieces), raw=raw, index=tuple(index))
