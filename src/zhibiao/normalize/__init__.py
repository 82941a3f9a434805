"""Normalise report text for matching while keeping every offset into the original.

The extractor matches rules against a *normalised* copy of the text: simplified characters and
mainland phrases, half-width digits and punctuation, plain spaces, figures re-joined across line
breaks. Facts must still point into the text as given, so :class:`NormText` carries a map from
each normalised character back to its original position.

Most transformations are one character for one character (full-width → half-width, OpenCC t2s),
which keeps the map the identity. Two change it, and only then is an explicit index built: the
removal of whitespace inside a figure ("18.\\n56亿元"), and the Taiwan and Hong Kong phrases of a
traditional text (軟體 → 软件, 記憶體 → 内存; see ``_convert``), where each normalised character
maps to the whole original phrase it comes from.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from zhibiao.recache import compile_cached

from ._convert import OPAQUE, Change, convert, has_lost_gloss, is_traditional

__all__ = ["NormText", "normalize", "to_simplified"]

# Full-width ASCII (！ … ～) is U+FF01..U+FF5E, exactly U+0021..U+007E shifted by 0xFEE0.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
# Odd spaces become a plain space (same length, so offsets do not move).
_WIDTH.update({cp: 0x20 for cp in (0x3000, 0x00A0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
                                   0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x200B, 0xFEFF)})
# Dashes used in ranges (1—6月, 1–2月) and the wave dash (1～5月) → ASCII; CR → LF.
_WIDTH.update({0x2014: ord("-"), 0x2013: ord("-"), 0x2012: ord("-"), 0x2212: ord("-"),
               0x301C: ord("~"), 0x0D: 0x0A, 0x2236: ord(":"), 0xFE6A: ord("%")})
# A variant OpenCC's t2s leaves as it is, seen in reports from traditional-character gateways: U+965C (the
# province's first character as some fonts write it) is U+9655.
_WIDTH.update({0x965C: 0x9655})
# (‰ stays: a per-mille rate, 人口自然增长率为-2.76‰, is ten times smaller than a percentage)
# str.translate with a table is slow on CJK text (a dict lookup per character); the few characters
# a report actually uses are found by one regex scan and replaced one by one instead.
_WIDTH_MAP = {chr(k): chr(v) for k, v in _WIDTH.items()}
# Lone surrogates (a str may hold them; UTF-8, and so OpenCC, cannot) become U+FFFD in the same
# scan: same length, and the original keeps them.
_WIDTH_CHARS = compile_cached("[" + "".join(re.escape(c) for c in _WIDTH_MAP) + "\ud800-\udfff]")


def _to_half_width(raw: str) -> str:
    text = raw
    for ch in set(_WIDTH_CHARS.findall(raw)):
        text = text.replace(ch, _WIDTH_MAP.get(ch, "\ufffd"))
    return text


# Removed before matching (the offset map keeps the way back):
# - whitespace inside a figure: between digits and their decimal point, magnitude or unit (a line
#   break between two bare integers is left alone: it is more often a table);
# - pinyin glosses that some traditional-character gateways add after rare characters
#   (實(shí)現(xiàn) → 實現; a gloss repeated, 鎮(zhen)(zhen), goes whole), which would otherwise split words apart;
# - a footnote's mark after a word (a statistics bulletin's 生产总值(GDP)[2]156.2亿元, 净增“四上”企业[1]28家), which
#   would otherwise end the measure's name;
# - the 个 of spoken amounts (产值突破30个亿 → 30亿), unless a unit or size class follows the 亿
#   (3个亿元以上项目: three projects);
# - a break or spaces right after the list mark 、 (电子信息、⏎绿色建材…: a list hard-wrapped or spaced by the page);
# - a page's number left between two characters of a word by a PDF's text (对经 - 2 - 济的贡献率, 比上年增-3-长);
# - a space between the groups of three digits of a typeset figure (集中开工项目1 069个, 总投资7 362.1亿元), when
#   a unit, a magnitude or a decimal point follows the group (never a table's next cell: 6.0 100.0, 12 150 8.5).
# Candidates are found with a pattern told the characters its matches start with (the regex engine then
# skips ahead quickly: see zhibiao.recache.compile_cached); whether a candidate goes is decided from its
# neighbours in Python.
_GAP_SOURCE = r"[ \t\u3000]*-[ \t\u3000]*\d{1,3}[ \t\u3000]*-[ \t\u3000]*(?=[\u4e00-\u9fff])|" \
    r"[ \t\n\u3000]+|(?:\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{1,6}\))+|个(?=亿)|\[\d{1,2}\]"


@cache
def _gap() -> re.Pattern[str]:
    """The candidates of removable whitespace and glosses (compiled on first use)."""
    return compile_cached(_GAP_SOURCE)

_CJK_LO, _CJK_HI = "\u4e00", "\u9fff"
_SPOKEN_COUNT = "个"
_PAGE_MARK = "-"  # (a page's number written between two dashes)
_GROUP = 3  # (digits of a group of thousands)
_NUMBER_MARKS = ".,:-/"  # (what before a run of digits makes it no figure's opening group: 6.0 100.0, 1:100)
_ASIDE_CLOSES = ")\u201d"  # (an aside's bracket or a quote closed just before a footnote's mark)
_CELL_GAPS = "\n\t"  # (whitespace that parts the cells of a table, never a figure and its unit)
_CELL_SPACES = 3  # (a run of this many spaces parts cells too)
_CELL_TAB = "\t"
_LIST_MARK = "\u3001"  # (、)
_CLAUSE_MARKS = frozenset(",;:\u3002\u3001")  # (, ; : 。 、 as normalised)
# what after 亿 makes N个亿 a count of things of that size (3个亿元以上项目, 5个亿级项目), not an amount
_AFTER_HUNDRED_MILLION = frozenset("元以级美港欧日韩")
_MAGNITUDES = "万亿"
# what may follow a magnitude in a figure's unit or its end (亿元, 万美元, 万人, 万吨, 万平方米, 万余, 万多, 亿以上)
_AFTER_MAGNITUDE = frozenset("元美欧港日韩人吨千平立方户个家台辆亩头只套件米余多以左")


def _thousands_gap(text: str, start: int, end: int) -> bool:
    """Whether the space at ``[start, end)`` parts groups of three digits of one figure: one to three digits
    open the figure before it, exactly three follow, then a decimal point, a magnitude or a unit (after a space)."""
    head = start
    while head > 0 and text[head - 1].isdigit():
        head -= 1
    if not 1 <= start - head <= _GROUP or (head > 0 and text[head - 1] in _NUMBER_MARKS):
        return False
    tail = end + _GROUP
    if text[end:tail].isdigit() and len(text[end:tail]) == _GROUP and tail < len(text):
        nxt = text[tail:tail + 2].lstrip(" ")[:1]
        return nxt == "." or _CJK_LO <= nxt <= _CJK_HI
    return False


def _unit_after_magnitude(text: str, pos: int) -> bool:
    """Whether what follows a magnitude (万, 亿) at ``pos`` may be its figure's unit or the figure's end: anything but
    a character that goes on a word (万宁市 is a place's name, not 5.3万)."""
    nxt = text[pos:pos + 3].lstrip(" \u3000")[:1]
    return not (_CJK_LO <= nxt <= _CJK_HI) or nxt in _AFTER_MAGNITUDE


def _removable(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if text[start] == "(":  # a pinyin gloss after a character
        return _CJK_LO <= before <= _CJK_HI
    if text[start] == "[":  # a footnote's mark after a word or its aside (企业[1]35家, (GDP)[2]), not a line's label
        return _CJK_LO <= before <= _CJK_HI or before in _ASIDE_CLOSES
    if text[start] == _SPOKEN_COUNT:  # 30个亿 (but 3个亿元以上项目)
        return before.isdigit() and text[end + 1:end + 2] not in _AFTER_HUNDRED_MILLION
    if not before or not after:
        return False
    if _PAGE_MARK in text[start:end]:  # 经 - 2 - 济: a page's number inside a word
        return _CJK_LO <= before <= _CJK_HI
    if before == _LIST_MARK:
        return True  # 电子信息、\n绿色建材…, 县领导甲、 乙: a list goes on past a break or a space after its mark
    if after in _CLAUSE_MARKS and end - start < _CELL_SPACES and _CELL_TAB not in text[start:end]:
        # 36.8亿元 ,同比增长, 36.8亿元⏎,同比增长: a space or a break the page put before a clause mark (no line or
        # paragraph opens with one)
        return True
    if before.isdigit():
        if text[start:end] == " " and after.isdigit() and _thousands_gap(text, start, end):
            return True  # 1 069个, 7 362.1亿元: groups of three digits set apart
        if after in ".%":
            return True  # 18.\n56, 5.3\n%
        if after in _MAGNITUDES:  # 18.56\n亿元 — but never a table's next cell opening with one (5.3⏎⏎万 宁 市)
            return "\n" not in text[start:end] or _unit_after_magnitude(text, end + 1)
        if _CJK_LO <= after <= _CJK_HI and not any(c in _CELL_GAPS for c in text[start:end]) \
                and end - start < _CELL_SPACES:
            return True  # 219 个, 1—10 月份: a digit and its unit or month (not 33.08\t持平: two cells of a table)
    if before == "." and after.isdigit() and start >= 2 and text[start - 2].isdigit():
        return True  # 18.\n56
    if after.isdigit() and _CJK_LO <= before <= _CJK_HI and end - start == 1 and text[start] in " \u3000":
        # 完成 5.52 亿元, 增长 30%: a word and its figure, one space apart in crawled text (a run of
        # spaces or a tab sets fields apart: 作者:王高强   2016-07-20, a table's cells)
        return True
    return before in "万亿" and after in "元美欧港日韩"  # 18.56亿\n元


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified, and Taiwan and Hong Kong phrases and variants
    to mainland ones, as ``normalize`` does (so the result may be shorter or longer than ``text``).
    Simplified text is returned as it is. Never raises: a lone surrogate is kept where it was.

    >>> to_simplified("地區生產總值")
    '地区生产总值'
    >>> to_simplified("記憶體與軟體")
    '内存与软件'
    """
    if text.isascii() or not is_traditional(text):
        return text  # most text is simplified already: one regex search instead of OpenCC
    if OPAQUE.search(text) is None:
        return convert(text)[0]
    # What the conversion cannot carry is kept: no phrase holds it, so the runs between convert
    # alone (a split on a group keeps the separators, at the odd places).
    parts = re.split(f"({OPAQUE.pattern})", text)
    return "".join(p if i % 2 else convert(p)[0] for i, p in enumerate(parts))


@dataclass(frozen=True, slots=True)
class NormText:
    """A normalised text and the way back to the original.

    ``index`` is None when normalised offsets equal original offsets; otherwise ``index[i]`` is
    the original offset where normalised character ``i`` comes from (non-decreasing). ``ends`` is
    None when every normalised character comes from one original character (which ends at
    ``index[i] + 1``); otherwise ``ends[i]`` is the end of its source: for the characters of a
    converted phrase, ``index`` and ``ends`` both give the whole original phrase (内 and 存 of
    内存 each come from all of 記憶體).
    """

    text: str
    raw: str
    index: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span ``[start, end)`` to the original text.

        A span that starts or ends inside a converted phrase grows to the whole original phrase.
        Offsets are clamped to the text (an empty span when ``end <= start``).

        >>> n = normalize("記憶體１２８ＧＢ")
        >>> n.text, n.raw_span(0, 2), n.raw_span(1, 2), n.raw_span(2, 5)
        ('内存128GB', (0, 3), (0, 3), (3, 6))
        """
        size = len(self.text)
        start = min(max(start, 0), size)
        end = min(max(end, start), size)
        if self.index is None:
            return start, end
        if end == start:
            pos = self.index[start] if start < size else len(self.raw)
            return pos, pos
        last = self.ends[end - 1] if self.ends is not None else self.index[end - 1] + 1
        return self.index[start], last

    def quote(self, start: int, end: int) -> tuple[str, int, int]:
        """The original text of a normalised span, with its original offsets."""
        rs, re_ = self.raw_span(start, end)
        return self.raw[rs:re_], rs, re_

    def norm_pos(self, raw_pos: int) -> int:
        """The normalised offset of original offset ``raw_pos``: the first normalised character
        whose source ends after ``raw_pos``. An offset inside a converted phrase gives the start
        of its conversion; one inside removed whitespace, the character after it.

        >>> n = normalize("記憶體容量１８.\\n５６ＧＢ")
        >>> n.text
        '内存容量18.56GB'
        >>> n.norm_pos(0), n.norm_pos(1), n.norm_pos(3), n.norm_pos(9), n.norm_pos(99)
        (0, 0, 2, 7, 11)
        """
        if self.index is None:
            return min(max(raw_pos, 0), len(self.text))
        if self.ends is None:
            return bisect_left(self.index, raw_pos)
        return bisect_right(self.ends, raw_pos)


def _phrase_map(changes: list[Change], size: int) -> tuple[list[int], list[int]]:
    """Start and end in the original of each of the ``size`` converted characters: the whole
    phrase for the characters of a regional replacement, else the one character."""
    starts: list[int] = []
    ends: list[int] = []
    raw_pos = conv_pos = 0
    for raw_start, raw_end, conv_start, conv_end in changes:
        starts += range(raw_pos, raw_start)  # same length as [conv_pos, conv_start)
        ends += range(raw_pos + 1, raw_start + 1)
        starts += [raw_start] * (conv_end - conv_start)
        ends += [raw_end] * (conv_end - conv_start)
        raw_pos, conv_pos = raw_end, conv_end
    tail = size - conv_pos
    starts += range(raw_pos, raw_pos + tail)
    ends += range(raw_pos + 1, raw_pos + tail + 1)
    return starts, ends


def _remove(text: str, cuts: list[tuple[int, int]], starts: Sequence[int],
            ends: Sequence[int] | None) -> tuple[str, list[int], list[int] | None]:
    """``text`` without the ``cuts``, and the map of what remains (``ends`` None: one character each)."""
    pieces: list[str] = []
    index: list[int] = []
    kept_ends: list[int] | None = None if ends is None else []
    pos = 0
    for start, end in [*cuts, (len(text), len(text))]:
        pieces.append(text[pos:start])
        index += starts[pos:start]
        if kept_ends is not None and ends is not None:
            kept_ends += ends[pos:start]
        pos = end
    return "".join(pieces), index, kept_ends


def normalize(raw: str) -> NormText:
    """Normalise ``raw`` for matching; see the module docstring. Never raises: any str is taken
    (a lone surrogate becomes U+FFFD in the normalised text, and stays in the original).

    >>> n = normalize("一般預算收入１８.\\n５６億元")
    >>> n.text
    '一般预算收入18.56亿元'
    >>> n.quote(6, 13)[0]
    '１８.\\n５６億元'
    >>> normalize("實(shí)現(xiàn)生產總值").text
    '实现生产总值'
    >>> n = normalize("軟體業營收１２億元")
    >>> n.text, n.quote(0, 2)[0]
    ('软件业营收12亿元', '軟體')
    """
    text = _to_half_width(raw)
    changes: list[Change] = []
    if not text.isascii() and (is_traditional(text) or has_lost_gloss(text)):
        text, changes = convert(text)
    cuts = [(m.start(), m.end()) for m in _gap().finditer(text) if _removable(text, m.start(), m.end())]
    if not cuts and not changes:
        return NormText(text=text, raw=raw)
    starts: Sequence[int] = range(len(text))
    ends: Sequence[int] | None = None
    if changes:
        starts, ends = _phrase_map(changes, len(text))
    if cuts:
        text, starts, ends = _remove(text, cuts, starts, ends)
    return NormText(text=text, raw=raw, index=tuple(starts), ends=None if ends is None else tuple(ends))
