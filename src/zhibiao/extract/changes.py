"""What a figure is: a change (增长5%, 高于全省2个百分点), a share (占…的73.2%) or a level.

:func:`classify` reads the words right before a figure: a change verb of the vocabulary (with
its sign: 下降 −, 降幅收窄 +), a comparison (高于全市…), percentage points after such a verb earlier
in the clause (高于全省2.5个百分点、全市1.3个百分点), or the connector of a share. The baseline of a
change (同比, 两年平均, 比上月, 较全省) gives its basis. :func:`wordless_change` reads the changes
written without a figure (翻番, 持平).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from zhibiao.anchors import anchor_gate
from zhibiao.extract.figures import Fig, Wordless, whole_compared_before
from zhibiao.extract.quantities import Amount
from zhibiao.lexicon import Shapes, Words, WordSets, words
from zhibiao.model import Basis, Change, Qualifier
from zhibiao.recache import compile_cached

__all__ = ["basis_of", "change_of", "classify", "lead_start", "local_qualifier", "qualifier_word", "rate_moved_before",
           "sign_of", "wordless_change"]

_CHANGES = Shapes("changes")
_PP = "pp"
_QUALIFIERS = Shapes("qualifiers")
_CHANGE_WORDS = Words("change")
_RATE_MOVE_ENDS = tuple(_CHANGE_WORDS.rate_move_ends)
_RATE_MOVE_WIDTH = 48  # (how far back a rate moved from one period's to another's is written: 增幅由…的14%提升至)
_BASIS_SETS = WordSets("basis")
_CHANGE_SETS = WordSets("change")
_COMPARED_MARK: str = _CHANGE_WORDS.compared_mark
_FRONTED_REACH = 40  # (how far before a change's verb a comparison fronted in its clause or the one before may open)
_NUMERALS_SETS = WordSets("numerals")

_RATE_KINDS = ("percent", "pp", "times")
_WON_WITH = str(Words("name").won_with)  # (以: 甲县以9.2%的GDP增速位居第一)
_AT_LEAST_EITHER = tuple(words("qualifier", "at_least_either"))  # (超过或达到: longer than the window above)


def qualifier_word(word: str | None) -> Qualifier | None:
    """The qualifier a word before or after a figure gives (约 → approx, 以上 → at_least).

    >>> qualifier_word("约"), qualifier_word("以上"), qualifier_word("不到"), qualifier_word("为")
    ('approx', 'at_least', 'at_most', None)
    """
    return _qualifier_words().get(word) if word else None


@cache
def _qualifier_words() -> dict[str, Qualifier]:
    """Every qualifier word and what it means; a word in two lists keeps the first (多/余 first)."""
    out: dict[str, Qualifier] = dict.fromkeys(_NUMERALS_SETS.more, "at_least")  # 12亿元多, 30余家
    qualifiers: tuple[Qualifier, ...] = ("approx", "at_least", "at_most")
    for qualifier in qualifiers:
        for side in ("before", "after"):
            for w in words("qualifier", f"{qualifier}_{side}"):
                out.setdefault(w, qualifier)
    return out


_FIELD_QUALIFIER_WIDTH = 6  # (不到全市: the longest qualifier word and a whole field)
_RANKING_WORDS = Words("ranking")
_FIELD_LEVEL_CHARS = frozenset(_RANKING_WORDS.whole_levels)  # (国, 省, 市, 区, 县: what closes a whole field)


def local_qualifier(text: str, fig: Fig) -> Qualifier | None:
    """The qualifier written right at a figure: 约18亿元, 500万元以上, 30余家."""
    before = text[max(0, fig.start - 3):fig.start]
    m = _QUALIFIERS.before.search(before)
    if m:
        return qualifier_word(m.group("q"))
    # (以不到全市|十分之一的土地: the qualifier before the whole field the share is of; one look at the character
    # before the figure first: most figures follow no whole field)
    m = _QUALIFIERS.before_field.search(text, max(0, fig.start - _FIELD_QUALIFIER_WIDTH), fig.start) \
        if text[fig.start - 1:fig.start] in _FIELD_LEVEL_CHARS else None
    if m:
        return qualifier_word(m.group("q"))
    if text.endswith(_AT_LEAST_EITHER, 0, fig.start):
        return "at_least"  # (甲和乙增速超过或达到|7%)
    m = _QUALIFIERS.after.match(text[fig.end:fig.end + 4])
    if m:
        return qualifier_word(m.group("q"))
    return "at_least" if fig.amount.more else None


def change_of(basis: Basis, amount: Amount, sign: int) -> Change:
    """The change a rate figure states: % → pct, 个百分点 → pp, 倍 → pct × 100, else abs.

    >>> change_of("yoy", Amount(Decimal("1.1"), None, "times"), 1)
    Change(basis='yoy', pct=Decimal('110.0'), pp=None, abs=None)
    """
    value = amount.value * sign
    if amount.kind == "percent":
        return Change(basis=basis, pct=value)
    if amount.kind == "pp":
        return Change(basis=basis, pp=value)
    if amount.kind == "times":
        return Change(basis=basis, pct=value * 100)
    return Change(basis=basis, abs=value)


_PER_MILLE = "‰"
_ASIDE_CLOSE = ")"
_BARE_BASIS = str(_CHANGE_WORDS.bare_basis)  # (同比: a growth's basis written alone before its figure)
_LEVEL_REACH = tuple(_CHANGE_WORDS.level_reach)  # (高达, 多达: a level, though 高 and 多 may open a change)

_CONTRIBUTION_KINDS = ("pp", "percent")
# Kinds compared with a baseline written between the verb and the figure (高于东部地区0.8点: an index's points too).
_COMPARED_KINDS = (*_RATE_KINDS, "index")


def _read_from_the_figure(text: str, fig: Fig, region_start: int) -> Fig | None:
    """The figure's role when the figure itself says it (None when the words before must): a rate in per mille is
    a level (人口自然增长率为-2.76‰: its moves are in 千分点); a percentage whose growth noun is written after it
    (保持30%以上的增长, 实现10%的增速) a change of the measure before, the verb keeping it no part of the name (but
    not a share: 占…的30%)."""
    if fig.amount.unit == _PER_MILLE and text.startswith(_PER_MILLE, fig.end - 1):
        return fig
    if whole_compared_before(text, fig.start, region_start):
        return fig  # 高于全国|(3.9%): the whole compared with, its figure as it reads (_baseline_in_brackets)
    if fig.amount.kind != "percent" or not _growth_noun_after(text, fig, region_start) \
            or _CHANGES.share_left.search(text, region_start, fig.start):
        return None
    verb = _CHANGES.keeping_end.search(text, region_start, fig.start)
    return fig.read_as("change", lead=verb.start() if verb is not None else fig.start,
                       change=change_of(basis_of(text[region_start:fig.start]), fig.amount, 1))


def _growth_noun_after(text: str, fig: Fig, region_start: int) -> bool:
    """Whether a growth noun follows the percentage (30%以上的增长, 10%的增速), or its measure and a growth noun
    after 以 (甲县以9.2%的GDP增速: the growth the place won its place with)."""
    return _CHANGES.growth_noun_after.match(text, fig.end) is not None \
        or (text.endswith(_WON_WITH, region_start, fig.start)
            and _CHANGES.growth_named_after.match(text, fig.end) is not None)


def classify(text: str, fig: Fig, region_start: int, sent_start: int) -> Fig:
    """``fig`` with its role read from ``text[region_start:fig.start]``: change, share or level."""
    a = fig.amount
    settled = _read_from_the_figure(text, fig, region_start)
    if settled is not None:
        return settled
    if region_start >= fig.start:  # no word before the figure: only a pp after a comparison can be a change
        return _pp_after_comparison(text, fig, region_start, sent_start) if a.kind == "pp" else fig
    left = text[region_start:fig.start]
    if left.endswith(_ASIDE_CLOSE) and (note := _CHANGES.note_aside.search(left)) is not None:
        left = left[:note.start()]  # 同比增长(下同)15%: a note on the words, between the verb and its figure
    moved = _rate_moved(text, fig, left, sent_start)
    if moved is not None:  # 增幅由一季度的|14%提升至|22.9%: each figure a growth, of its own period
        return fig.read_as("change", lead=max(region_start, moved.start()),
                           change=change_of(basis_of(text[sent_start:moved.start()]), a, 1))
    if left.rstrip().endswith(_CHANGE_WORDS.level_marks):  # only then can a level verb end the words
        m = _CHANGES.level_to_end.search(left, len(left) - 16 if len(left) > 16 else 0)  # anchored at the end
        if m and m.end() == len(left):
            return fig  # 增长到, 提高至: the figure is the new level
    contributed = _contribution(fig, left)
    if contributed is not None:
        return contributed
    cmp_m = _CHANGES.comparative_end.search(left, len(left) - 48 if len(left) > 48 else 0) \
        if a.kind in _COMPARED_KINDS else None
    verb_m = None if cmp_m else _change_verb(left, a)
    if cmp_m is not None and not cmp_m.group("base").strip():
        # 同比增长低于12%: with no baseline, a comparison right after a change verb qualifies it
        verb_m = _change_verb(left, a)
        cmp_m = None if verb_m is not None else cmp_m
    if verb_m is None and cmp_m is None:
        times = (_CHANGES.multiple_of.search(left) or _CHANGES.multiple_of_time.search(left)) \
            if a.kind == "times" else None
        if times is not None:
            # 是"十五"期末的1.9倍: the figure just given against an earlier one, +90% (against last year's:
            # 是上年的2.3倍, a year-on-year change); 实际利用外资是上年的2.3倍: the measure named before it
            basis: Basis = "yoy" if _CHANGES.last_year_base.search(times.group(0)) else "other"
            return fig.read_as("change", lead=region_start + times.start(), change=change_of(
                basis, Amount(a.value - 1, a.unit, a.kind, a.more), 1))
        if a.kind == "pp":
            return _pp_after_comparison(text, fig, region_start, sent_start)
        if a.kind == "percent" and _CHANGES.share_left.search(left):
            return fig.read_as("share")
        return _basis_only(fig, left, region_start) or fig
    if verb_m is not None:
        verb, lead = verb_m.group("verb"), region_start + verb_m.start()
        qualifier = qualifier_word(verb_m.group("q"))
        basis_region = text[region_start:lead]
    else:
        assert cmp_m is not None
        verb, lead, qualifier = cmp_m.group("verb"), region_start + cmp_m.start(), None
        basis_region = text[region_start:fig.start]
        if a.kind == "percent" and (verb in _CHANGE_SETS.ahead_of or verb in _CHANGE_SETS.behind_schedule
                                    or _CHANGES.schedule_base.search(cmp_m.group("base"))
                                    or _rate_over_average(text, cmp_m, sent_start, lead)):
            # 占年度计划44.27%,超序时进度19.27%; 高于目标序时进度3.75%: a lead on the schedule is in points
            a = Amount(a.value, _PP, _PP, a.more)
    sign = _sign_said(text, verb, lead, region_start, a)
    basis = _basis_after_verb(text, verb, lead, fig, basis_region, compared=cmp_m is not None)
    return fig.read_as("change", sign=sign, qualifier=qualifier,
                       lead=lead_start(text, lead, region_start), change=change_of(basis, a, sign))


def _rate_over_average(text: str, cmp_m: re.Match[str], sent_start: int, lead: int) -> bool:
    """增速高于全省平均水平|3.5%, 完成年度目标的25.7%,超三县平均值|8.1%: a rate compared with an average — a rate or
    a percentage said before the comparison in the sentence — leads it by points."""
    return _CHANGES.average_base.search(cmp_m.group(0)) is not None \
        and _CHANGES.rate_before.search(text, sent_start, lead) is not None


def _basis_only(fig: Fig, left: str, region_start: int) -> Fig | None:
    """牧业产值5.78亿元,同比|2.8%: a percentage after its basis alone (no verb) is a growth, its sign the figure's
    own; None otherwise."""
    if fig.amount.kind != "percent" or not left.endswith(_BARE_BASIS) or not _CHANGES.bare_basis.search(left):
        return None
    return fig.read_as("change", lead=region_start + left.rfind(_BARE_BASIS), change=change_of("yoy", fig.amount, 1))


def _basis_after_verb(text: str, verb: str, lead: int, fig: Fig, basis_region: str, *, compared: bool) -> Basis:
    """The basis of a change read with its verb: other after a comparison (高于全市…) or an adjustment, unless
    what it is compared with is the same period of last year (高于去年同期1.6个百分点); else from the words before."""
    if not (compared or verb in _CHANGE_SETS.comparatives or verb in _CHANGE_SETS.adjustments):
        fronted = _CHANGES.fronted_comparison.search(text, max(0, lead - _FRONTED_REACH), lead) \
            if _COMPARED_MARK in text[max(0, lead - _FRONTED_REACH):lead] else None
        basis = basis_of(basis_region)
        if basis == "yoy" and fronted is not None and _CHANGES.year_named.search(fronted.group("base")) is None:
            return "other"  # (与一季度相比,全区GDP同比增速提高8.7个百分点: against the first quarter's rate)
        return basis  # (与上年相比, 与2014年相比: a year's, read as any year named; 与2020年相比,两年平均增长)
    if _CHANGES.same_period_last_year.fullmatch(text, lead + len(verb), fig.start):
        return "yoy"
    return "other"


def _contribution(fig: Fig, left: str) -> Fig | None:
    """拉动增长17.1个百分点, 拉动全区规上工业增长6.9%: a contribution, itself a figure (in its unit as written; one
    that pulls down, negative); None when the words say none."""
    a = fig.amount
    if a.kind in _CONTRIBUTION_KINDS and _CHANGES.contribution_up.search(left):
        return fig
    if a.kind == "pp" and _CHANGES.contribution_down.search(left):
        return fig.read_as(fig.role, amount=Amount(-a.value, a.unit, a.kind, a.more))
    return None


def _rate_moved(text: str, fig: Fig, left: str, sent_start: int) -> re.Match[str] | None:
    """The words of a growth rate moved from one period's to another's ending right before ``fig``
    (增幅由一季度的|14%, 增幅由一季度的14%提升至|22.9%), if any."""
    if fig.amount.kind != "percent" or not left.endswith(_RATE_MOVE_ENDS):
        return None  # (plain checks first: most percentages follow other words)
    return rate_moved_before(text, sent_start, fig.start)


def rate_moved_before(text: str, start: int, pos: int) -> re.Match[str] | None:
    """The words of a growth rate moved from one period's to another's ending at ``pos`` (not before ``start``):
    增幅由一季度的|…, 增幅由一季度的14%提升至|…."""
    return _CHANGES.rate_moved.search(text, max(start, pos - _RATE_MOVE_WIDTH), pos)


def _change_verb(left: str, a: Amount) -> re.Match[str] | None:
    """The change verb ending ``left``, unless it only makes changes of rates or ends another word."""
    m = _CHANGES.change_end.search(left, len(left) - 32 if len(left) > 32 else 0)
    if m is None:
        return None
    verb = m.group("verb")
    if left.startswith(_LEVEL_REACH, m.start("verb")):
        return None  # (完成率高达104.2%, 多达12家: how high a level reaches, no change)
    if (verb in _CHANGE_SETS.pct_only or verb in _CHANGE_SETS.aimed) and a.kind not in _RATE_KINDS \
            and not _CHANGES.compared_before.search(left, 0, m.start()):
        return None  # 超过10亿元 is a level; 高10% after a name is a change (and 比全市低2568元)
    if verb in _CHANGE_SETS.one_char_verbs and left[:m.start()].endswith(
            _CHANGE_WORDS.ends_one_char_verb) and not _CHANGES.baseline_then_new.search(left, 0, m.start()):
        return None  # 提高, 最高, 新增: a one-character verb that is the end of another word (not 较年初新增)
    return m


def _pp_after_comparison(text: str, fig: Fig, region_start: int, sent_start: int) -> Fig:
    """A bare pp figure after a comparison in its clause (高于全省2.5个百分点、全市1.3个百分点)."""
    clause_start = max(text.rfind(",", sent_start, fig.start), text.rfind(";", sent_start, fig.start),
                       sent_start - 1) + 1  # (no 。 stands inside a sentence)
    region_start = min(clause_start, region_start)
    left = text[region_start:fig.start]
    verb_m = _CHANGES.pp_verb.search(left)
    if verb_m is None:
        return fig
    verb = verb_m.group(0)
    sign = -1 if verb in _CHANGE_SETS.pp_verbs_down else 1
    basis = basis_of(left, default="other" if verb in _CHANGE_SETS.comparatives else "yoy")
    return fig.read_as("change", lead=region_start + verb_m.start(),
                       change=Change(basis=basis, pp=sign * fig.amount.value))


def lead_start(text: str, lead: int, region_start: int) -> int:
    """Move a change's lead back over its baseline words (同比, 比上年同期, 较年初 …)."""
    pos = lead
    baseline_end = _CHANGES.baseline_end
    while True:
        m = baseline_end.search(text, max(region_start, pos - 16), pos)
        if not m or m.start() == m.end():
            return pos
        pos = m.start()


def _sign_said(text: str, verb: str, lead: int, region_start: int, a: Amount) -> int:
    """The sign of the change ``verb`` at ``lead`` says of amount ``a``: its own (:func:`sign_of`), except that a
    decline written with the figure's own minus (负增长-25.1%) is said once, not undone."""
    sign = sign_of(verb, text[max(region_start, lead - 4):lead + len(verb)],
                   text[max(region_start, lead - 14):lead + len(verb)])
    return 1 if sign < 0 and a.value < 0 else sign


def sign_of(verb: str, around: str, before: str = "") -> int:
    """The sign of a change verb: +1 for growth, −1 for decline; phrases (降幅收窄) decide first.

    >>> sign_of("下降", "下降"), sign_of("收窄", "降幅收窄"), sign_of("增长", "增长")
    (-1, 1, 1)
    """
    if _CHANGES.phrase_up.search(around):
        return 1
    if _CHANGES.phrase_down.search(around):
        return -1
    if _split_phrase("phrase_up").search(before):
        return 1
    if _split_phrase("phrase_down").search(before):
        return -1
    return -1 if verb in _CHANGE_SETS.down or verb in _CHANGE_SETS.behind_schedule else 1


@cache
def _split_phrase(key: str) -> re.Pattern[str]:
    """The phrases of ``change.<key>`` with words between their halves (降幅较去年同期收窄, 降幅比1-4月收窄:
    a month may stand there, no other figure), ending where the verb ends."""
    between = _CHANGES.phrase_gap.pattern
    parts = [rf"{re.escape(p[:2])}{between}{{1,10}}?{re.escape(p[2:])}" for p in words("change", key)]
    return compile_cached(rf"(?:{'|'.join(parts)})$")


def basis_of(region: str, default: Basis = "yoy") -> Basis:
    """The baseline named before a change verb: yoy (同比), avg2y (两年平均), avg (年均, over a span of
    years) or other (比上月, 较全省).

    >>> basis_of("同比"), basis_of("两年平均"), basis_of("年均"), basis_of("比上月"), basis_of("")
    ('yoy', 'avg2y', 'avg', 'other', 'yoy')
    """
    gate = anchor_gate("changes.other_baseline")  # (比/较: a plain class scan, not the shape's at each place)
    if (gate is None or gate.search(region)) and _CHANGES.other_baseline.search(region):
        return "other"  # 增幅比轻工业高…, 较全省…: a baseline other than last year
    found = {m.group(0) for m in _CHANGES.basis_any.finditer(region)}
    yoy, avg2y, other = _BASIS_SETS.yoy, _BASIS_SETS.avg2y, _BASIS_SETS.other
    if found & avg2y:
        return "avg2y"
    if found & _BASIS_SETS.avg:
        return "avg"
    # (高于去年同期1.6个百分点: a comparison with last year's same period is year on year)
    if found & other and not (found & yoy and not ((found - yoy) & other) - _CHANGE_SETS.comparatives):
        return "other"
    if found & yoy:
        return "yoy"
    return default


def wordless_change(text: str, d: Wordless, region_start: int) -> Fig:
    """翻番 (+100 %), 翻两番 (+300 %) and 持平 (0) as a change figure."""
    before = text[region_start:d.start]
    if d.word not in _CHANGE_SETS.flat:
        pct = Decimal(_CHANGE_WORDS.double[d.word])
        change = Change(basis=basis_of(before), pct=pct)
        return Fig(d.start, d.end, Amount(pct, None, "percent"), role="change", change=change, lead=d.start)
    lead = d.start
    m = _CHANGES.flat_baseline.search(before)
    if m and m.start() < len(before):
        lead = region_start + m.start()
    basis = basis_of(before)
    compared = _CHANGES.flat_compared.search(before)
    if basis == "yoy" and compared is not None and not _CHANGES.yoy_word.search(compared.group(0)):
        basis = "other"  # (投资完成率与整体进度基本持平: equal to another figure, not to last year's)
    if _CHANGES.rate_word.search(before) or basis == "other":
        other_than_yoy = basis == "yoy" and not _CHANGES.yoy_word.search(before)
        change = Change(basis="other" if other_than_yoy else basis, pp=Decimal(0))
    else:
        change = Change(basis="yoy", pct=Decimal(0))
    amount = Amount(Decimal(0), None, "pp" if change.pp is not None else "percent")
    return Fig(d.start, d.end, amount, role="change", change=change, lead=lead)
