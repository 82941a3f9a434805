"""A back-off for indicator names that name no measure.

The words before a figure are its name; sometimes they are only a place, a pronoun, adverbs and particles, a verb
of reaching or how long (甲省以|3.2万亿元, 其金额高达…, 好在同比增长率4.7%, 3年内将突破…), or a place and then words
holding a figure (乙县分处60-70亿之间). Such a name says which measure only through its context: the figure given
before it in the paragraph, of the same unit (a level) or of any unit (a growth of that measure); else the measure
the paragraph, then the title, writes last before it. The place such a name holds is the figure's subject when the
figure's own words write it. With no measure found, the name stays as it was. A place glued to a measure the
taxonomy knows (甲县旅游总收入) is read apart: the subject and the measure. A name cut before the measure it
leads to (…上榜的, 分别为: :func:`names_made_whole`) is made whole, or its figure is no fact.

It fires on few reports the rules were written from and more often on unseen ones: a fallback, kept general on
purpose (issue 9).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cache, lru_cache
from typing import TypeVar, cast

from zhibiao.extract.periods import period_string
from zhibiao.extract.quantities import COUNTED
from zhibiao.lexicon import Shapes, Words
from zhibiao.model import Fact, Indicator
from zhibiao.recache import compile_cached
from zhibiao.resolve.indicators import canonical_indicator, indicators
from zhibiao.resolve.subjects import subject_finder

__all__ = ["measures_in_context", "names_made_whole"]

_NAMES = Shapes("names")
_INDICATORS = Shapes("indicators")
_HOLDER_ENDS = tuple(Words("level_from").holder_ends)
_F = TypeVar("_F", bound=Fact)  # (the rules' facts or the model's: the same kinds)
_PARA_BREAK = "\n"
_DIGIT = compile_cached(r"\d")
_MIN_MEASURE = 2  # (the fewest characters of a measure looked for in the words)
_NAME_WORDS = Words("name")
_DANGLING_ENDS = tuple(_NAME_WORDS.dangling_ends)  # (what no measure's name ends with: FACTS.md)
_PLAN_END_YEARS: dict[str, int] = dict(Words("periods").plan_end_years)  # (十二五 → 2015: a plan's last year)
_SHARE_WORDS = Words("share")
_SHARE_HEADS = tuple(_SHARE_WORDS.share_words)  # (占比, 比重: the noun a share's 的 leads to)


def measures_in_context(text: str, facts: list[_F], norm_pos: Callable[[int], int]) -> list[_F]:
    """``facts`` with each indicator named by no measure given the measure of the indicator before it in its
    paragraph (:func:`_measure_before`), else the measure its paragraph or the title names last before it
    (:func:`_measure_written_before`), and each named by a place glued to a measure given the measure alone
    (:func:`_glued_place`); ``text`` is the normalised text, ``norm_pos`` maps a fact's place in the original text
    into it. The facts stay in their order."""
    for f in facts:
        if isinstance(f, Indicator) and f.name and (_named_by_subject(f) or _measureless(f.name) is not None
                                                    or _glued_place(f.name) is not None or _holder_level(f)):
            break
    else:
        return list(facts)  # (most reports: every name names its measure, and nothing is put in order)
    order = sorted(range(len(facts)), key=lambda k: (facts[k].start, facts[k].end))
    ordered = [facts[k] for k in order]
    known: dict[str, str | None] | None = None
    for i, f in enumerate(ordered):
        if not isinstance(f, Indicator) or not f.name:
            continue
        bare = f.name if _named_by_subject(f) else _measureless(f.name)
        if bare is None:
            glued = _glued_place(f.name)
            if glued is not None:  # (甲省旅游总收入: the place is the subject, the measure the name)
                ordered[i] = cast(_F, replace(f, name=glued[1], subject=glued[0]))
            elif _holder_level(f) and (held_measure := _measure_before(text, ordered, i, norm_pos)) is not None:
                # (其中县属企业完成1270万吨: the holder's part of the whole of that measure)
                parent = held_measure if f.parent is not None else None
                ordered[i] = cast(_F, replace(f, name=held_measure, subject=f.name, parent=parent))
            continue
        measure = _measure_before(text, ordered, i, norm_pos)
        if measure is None:
            known = known if known is not None else _known_measures(ordered)  # (only for a report that needs them)
            measure = _measure_written_before(text, norm_pos(f.start), f, known)
        if measure is not None:
            held = bare and _written_in(text[norm_pos(f.start):norm_pos(f.end)], bare)
            ordered[i] = cast(_F, replace(f, name=measure, subject=bare if held else f.subject))
    out = list(facts)
    for k, f in zip(order, ordered, strict=True):
        out[k] = f
    return out


@lru_cache(maxsize=4096)  # (a report names its measures again and again)
def _measureless(name: str) -> str | None:
    """For a name that names no measure, the place it holds ('' when none); None for a name of a measure.

    >>> _measureless("其金额"), _measureless("好在"), _measureless("工业增加值")
    ('', '', None)
    """
    rest, place = name, ""
    found = subject_finder().place_or_short_opening(name)
    if found is not None:
        place, rest = found[0], name[found[1]:]
        if not rest or _DIGIT.search(rest):
            return place  # (甲市|同比增长率高达31.4%: the place alone; 乙县分处60-70亿之间: a place, then a figure)
    return place if _NAMES.measureless_rest.match(rest) else None


def _named_by_subject(f: Fact) -> bool:
    """Whether ``f`` is named by its subject alone (甲区、乙新区分别增长…: a list of places, one unknown to the
    gazetteer, read as whose figures they are): a place, no measure; a count named so counts what its name says
    (开发区3个)."""
    return isinstance(f, Indicator) and f.name == f.subject and f.unit not in COUNTED


def _holder_level(f: Indicator) -> bool:
    """A level of a kind of holder named alone (税务部门完成5830万元, 县属企业完成1270万吨 after the whole): the holder
    holds the measure just given; a count of holders (规上企业120家) is a measure of its own, and a growth of a kind of
    enterprise (国有企业增长8%) is named by it (FACTS.md)."""
    return f.value is not None and f.unit not in COUNTED and f.name.endswith(_HOLDER_ENDS) \
        and _INDICATORS.holder_name.fullmatch(f.name) is not None


def _written_in(quote: str, place: str) -> bool:
    """Whether ``quote`` writes ``place`` (or its short name): a name cut from another item of a list (甲省7席位 before
    乙省1个) gives the figure no place."""
    return place in quote or subject_finder().short_of(place) in quote


@lru_cache(maxsize=4096)
def _glued_place(name: str) -> tuple[str, str] | None:
    """A name of a place glued to a measure the taxonomy knows (甲省旅游总收入): the place and the measure; None
    for any other name."""
    found = subject_finder().place_or_short_opening(name)
    if found is None or found[1] >= len(name) or canonical_indicator(name[found[1]:]) is None:
        return None
    return found[0], name[found[1]:]


def _measure_before(text: str, facts: Sequence[Fact], i: int, norm_pos: Callable[[int], int]) -> str | None:
    """The measure of the indicator before ``facts[i]`` in its paragraph whose measure it is: of the same unit for a
    level (or of a growth alone, 出口总额同比增长5.8%), any for a growth; None when the paragraph gives none before
    it."""
    f = facts[i]
    assert isinstance(f, Indicator)
    start = norm_pos(f.start)
    for j in range(i - 1, -1, -1):
        g = facts[j]
        if text.find(_PARA_BREAK, norm_pos(g.end), start) >= 0:
            return None  # (the paragraph before speaks of other things)
        if not isinstance(g, Indicator) or _named_by_subject(g) or _measureless(g.name) is not None \
                or _DIGIT.search(g.name):
            continue  # (丙市分处300-400亿之间: words holding a figure are no measure to take)
        if f.value is None or g.value is None or g.unit == f.unit:
            return g.name
    return None


def _known_measures(facts: Sequence[Fact]) -> dict[str, str | None]:
    """The measures a report may write in words before a figure: those its facts are named by, and the
    taxonomy's names, each with its unit (None: any)."""
    known = dict(_taxonomy_measures())
    for f in facts:
        if isinstance(f, Indicator) and len(f.name) >= _MIN_MEASURE and _measureless(f.name) is None \
                and not _DIGIT.search(f.name):
            known[f.name] = f.unit if f.value is not None else known.get(f.name)
    return known


@cache
def _taxonomy_measures() -> dict[str, str | None]:
    """The taxonomy's names and aliases, each with its unit (read once)."""
    return {alias: d.unit for d in indicators() for alias in (d.name, *d.aliases)}


def _measure_written_before(text: str, pos: int, f: Indicator, known: dict[str, str | None]) -> str | None:
    """The known measure written last before ``pos`` in its paragraph (甲市出口总额却是不及乙市,|好在同比增长率4.7%),
    else in the title (各省份旅游收入排行榜 … 甲省以|173.58亿元), of the unit of ``f`` when it is a level."""
    para_start = text.rfind(_PARA_BREAK, 0, pos) + 1
    title_end = text.find(_PARA_BREAK)
    windows = [(para_start, pos)] if para_start > 0 or title_end < 0 else []
    windows.append((0, title_end if title_end >= 0 else pos))
    names = [name for name, unit in known.items() if f.value is None or unit is None or unit == f.unit]
    for lo, hi in windows:
        found = _named_last(text, lo, hi, names)
        if found is not None:
            return found
    return None


def measure_named_between(text: str, lo: int, hi: int) -> str | None:
    """The taxonomy's measure written last between ``lo`` and ``hi`` (the longest of those ending last), if any:
    有8个市的县域生产总值增幅超过全省平均水平,|其中甲、乙两市增幅超过8% → 生产总值."""
    return _named_last(text, lo, hi, _taxonomy_measures())


def _named_last(text: str, lo: int, hi: int, names: Iterable[str]) -> str | None:
    """Of ``names``, the one written last in ``text[lo:hi]`` (the longest of those ending last), if any."""
    best: tuple[int, int, str] | None = None
    for name in names:
        at = text.rfind(name, lo, hi)
        if at >= 0 and (best is None or (at + len(name), len(name)) > best[:2]):
            best = (at + len(name), len(name), name)
    return best[2] if best is not None else None


def _plan_end_period(name: str, quote: str) -> str | None:
    """(地区生产总值由)十二五末的: the last year of the plan whose end closes ``name`` and the figure's own words
    (2015), else None (增加到|1700亿元, named from the words before the move, is not of that time)."""
    m = _NAMES.period_de_end.search(name)
    year = _PLAN_END_YEARS.get(m.group("plan")) if m is not None and m.group("plan") and m.group(0) in quote else None
    return period_string(year, 1, 12) if year is not None else None


def names_made_whole(text: str, facts: list[_F], norm_pos: Callable[[int], int]) -> list[_F]:
    """The facts with no indicator whose name ends in a particle or preposition (上榜的, 增速均在, 分别为): the words
    were cut before the measure they modify or lead to, and FACTS.md has a measure always named whole. A share's
    noun written right after the 的 (第一产业占地区生产总值的|比重上升3.8个百分点) completes the name; a period
    and a verb of reaching before the 的 (千亿县数量增加至|2021年的|43个) say when the level was reached: cut,
    the measure is named whole."""
    out: list[_F] = []
    for f in facts:
        if isinstance(f, Indicator) and f.name.endswith(_DANGLING_ENDS):
            quote = text[norm_pos(f.start):norm_pos(f.end)]
            head = next((h for h in _SHARE_HEADS if f.name + h in quote), None)
            cut = f.name + head if head is not None else \
                _NAMES.trail.sub("", _NAMES.period_de_end.sub("", f.name))
            if cut == f.name or len(cut) < _MIN_MEASURE or cut.endswith(_DANGLING_ENDS):
                continue
            f = cast(_F, replace(f, name=cut, period=f.period or _plan_end_period(f.name, quote)))
        out.append(f)
    return out
