"""Indicator names: the words before a figure, trimmed to the measure they name.

A name region runs from the clause start (or the previous figure) to the figure. :func:`clean_name`
removes what is not the measure: the clause's subject (全区, 这49个开发区), periods (1-9月), openers
(其中, 同时), estimate words (预计) and realisation verbs (完成, 实现), keeping an owner noun before
the verb (规上工业企业实现产值 → 规上工业企业产值). :func:`split_names` splits an enumeration
(甲、乙和丙产量) into one name per listed figure, sharing a measure head written once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache

from zhibiao.anchors import anchor_gate
from zhibiao.extract.changes import qualifier_word
from zhibiao.extract.segment import MAX_SENTENCE
from zhibiao.lexicon import Shapes, Words, WordSets, pattern_source, words
from zhibiao.model import Qualifier
from zhibiao.recache import compile_cached
from zhibiao.resolve.indicators import canonical_indicator
from zhibiao.resolve.subjects import subject_finder

__all__ = [
    "Name",
    "Noun",
    "clean_list_item",
    "clean_name",
    "cut_enum_tail",
    "last_match",
    "name_positions",
    "name_ratio",
    "noun_after",
    "owner_of",
    "same_name",
    "split_names",
    "strip_chars",
    "topic_before",
    "trim_openers",
    "without_quotes",
]

_CHANGES = Shapes("changes")
_CONTEXT = Shapes("context")
_NAMES = Shapes("names")
_CLAUSE_BREAK = compile_cached(r"[,;:]")  # (the clauses of a region, as normalised text writes them; a colon heads)
_RANKINGS_AFTER = Shapes("rankings")  # (a place among peers right after a figure: no noun it counts)
_NAME_WORDS = Words("name")
_NAME_SETS = WordSets("name")
_LEVEL_NOUNS = tuple(_NAME_WORDS.level_nouns)
_KIND_END: str = Words("projects").kind_end
_ITEM_KIND_ENDS = tuple(_NAME_WORDS.item_kind_ends)
_PROJECT_NOUNS = tuple(Words("projects").nouns)
_SHARE_WORDS = Words("share")
# What a measure's figure was done as after 完成 (完成入库, 完成到位): the measure is named before the verb.
_DONE_TAILS = frozenset((*_NAME_WORDS.done_tails, *_NAME_WORDS.particle_tails))
_NAME_MIN = 2
_SHORT_PLACE_LEN = 2  # (the fewest characters of a short name stripped off a name: 仁怀市 → 仁怀)
_ONE_CHAR = 1  # (an item of one character in a list: 省、市重点项目)
_LIST_MARK = "\u3001"  # (、)
_ASIDE_OPEN, _ASIDE_CLOSE = "(", ")"  # (brackets as normalised text writes them)
_OPEN_ASIDE_GATE = compile_cached(r"[(\-\[]")  # (what a bracket left open, a dash or a note mark opens with)
_ASIDE_REACH = 24  # (how far before the words an aside a comma split may open)
_CLAUSE_MARKS = ",;:\u3002"  # (, ; : 。: where the clause of a name starts)
_FIELD_MARK: str = Words("ranking").field_mark  # (在: the gate of a period written inside a name)
# The last characters of the period words a name may end with (1-7月, 一季度, 上半年, 今年以来, 同期, 累计, 年内): see
# the names.trailing_period shape.
_PERIOD_LAST_CHARS = frozenset(_NAME_WORDS.period_last_chars)
_BARE_COUNT_NOUNS = frozenset(_NAME_WORDS.bare_count_nouns)
_COUNT_NOUN_ENDS = tuple(_NAME_WORDS.bare_count_nouns)  # (项目个数: an item that counts things ends so)

_QUOTE_CHARS = "“”\"'‘’「」"
_STRIPPED = " ,;:、!?" + _QUOTE_CHARS  # (separators and quotes around words: strip_chars)
# taken out by a regex, not str.translate, which looks every character of a Chinese text up in its table
# (1.5 µs for a name of 16 characters, against 0.25)
_QUOTES = compile_cached("[" + re.escape(_QUOTE_CHARS) + "]")
_DIGIT = compile_cached(r"\d")
# How far from the end of a name its trailing verbs and qualifiers are looked for.
_TRAIL_WIDTH = 32
_ETC = str(_NAME_WORDS.etc)  # (甲、乙等丙: examples of a kind before it)
_PLAN_BEFORE_VERB = tuple(_NAME_WORDS.plan_before_verb)  # (计划|完成投资: a plan of what the verb does)


@dataclass(slots=True, unsafe_hash=True)
class Name:
    """A cleaned indicator name, where its evidence starts, and what the trimmed words said; never
    changed once made (a slotted class: see :class:`~zhibiao.extract.segment.Span`)."""

    text: str
    start: int
    estimate: bool = False
    qualifier: Qualifier | None = None

    def renamed(self, text: str, start: int | None = None) -> Name:
        """The same name evidence under another text (and start)."""
        return Name(text, self.start if start is None else start, self.estimate, self.qualifier)


@dataclass(slots=True, unsafe_hash=True)
class Noun:
    """The noun phrase right after a figure (188家规上工业企业) and where it ends."""

    text: str
    end: int


def strip_chars(s: str) -> str:
    """``s`` without separators and quotes around it.

    >>> strip_chars("、“出口”,")
    '出口'
    """
    return s.strip(_STRIPPED)


def without_quotes(s: str) -> str:
    """``s`` without quotation marks (“出口”总额 → 出口总额)."""
    return _QUOTES.sub("", s)


def last_match(regex: re.Pattern[str], s: str) -> re.Match[str] | None:
    """The last non-overlapping match of ``regex`` in ``s``."""
    last = None
    for last in regex.finditer(s):  # noqa: B007 - we want the last one
        pass
    return last


# The openers a name or list item may start with, tried in this order at each step: a subject
# word before the noise words, or 该 would be taken alone out of 该区.
_OPENERS = ("names.period_words", "names.subject_refs", "names.lead_noise")


def trim_openers(s: str, shapes: tuple[str, ...] = _OPENERS, limit: int = 4, *,
                 keep_last: bool = True) -> tuple[str, int]:
    """``s`` without leading openers, subject words and periods, and how many characters went.

    ``shapes`` are tried in order at each step; with ``keep_last`` an opener that is all of ``s``
    stays (a name is never trimmed to nothing).

    >>> trim_openers("其中全区1-9月出口")
    ('出口', 8)
    >>> trim_openers("该区规上工业产值")  # 该区 is a subject word, not the noise word 该 and a 区
    ('规上工业产值', 2)
    """
    cut = 0
    opener = first_of(shapes)
    for _ in range(limit):
        m = opener.match(s)
        if not m or (keep_last and m.end() >= len(s)):
            break
        s, cut = s[m.end():], cut + m.end()
    return s, cut


@cache
def first_of(shapes: tuple[str, ...]) -> re.Pattern[str]:
    """One regex that matches where the first of ``shapes`` (tried in order) matches, as it would.

    An alternation tries its branches in order at a position and keeps the first that matches,
    which is what trying the shapes one by one does, in one call instead of one per shape.
    """
    return compile_cached("|".join(f"(?:{pattern_source(key)})" for key in shapes))


def clean_name(text: str, start: int, end: int, *, subject_end: int, main: str | None) -> Name:
    """Trim the name region ``text[start:end]`` to the indicator's name.

    ``subject_end`` is where the entity opening the clause ends (-1 when none), ``main`` the
    report's main subject (a name never repeats it).
    """
    s, e = start, end
    if s >= e:
        return Name("", s)  # a figure right after the last one or a separator: no words to trim
    if s <= subject_end < e and not _bare_count_after(text, subject_end, e):
        s = subject_end  # 这49个国家级开发区实现…: the subject ends before the name
        if text.startswith(_ASIDE_OPEN, s) and (close := text.find(_ASIDE_CLOSE, s, e)) > 0 \
                and _ASIDE_OPEN not in text[s + 1:close]:
            s = close + 1  # (甲县|(含经开区)|以377.92亿元: an aside on the subject, no part of the name)
    s, e = _inside_open_aside(text, s, e)
    if text.find(_ASIDE_CLOSE, s, e) >= 0 and (whole := _before_aside_split(text, s, e)) is not None:
        return clean_name(text, whole[0], whole[1], subject_end=subject_end, main=main)
    estimate = False
    pm = _NAMES.prefix.match(text, s, e)  # one pass over 其中, 全区, 1-9月, 预计, 完成 …
    if pm and pm.end() < e:
        estimate = bool(_CONTEXT.estimate.search(text, s, pm.end()))
        s = pm.end()
    s, said = _skip_lead(text, s, e)
    if main and (short := _short_of_main(main)) and text.startswith(short, s) and e - s > len(short) + 1 \
            and text[s + len(short)] != main[-1] and not text.startswith(main, s):  # (内蒙古|自治区: its full name)
        s += len(short)  # (2022年|仁怀|规模以上工业营业收入: the report's own place by its short name, no part of it)
    seg = text[s:e]
    if _NAME_WORDS.condition_mark in seg and (cond := last_match(_NAMES.after_condition, seg)) is not None \
            and cond.end() < len(seg):
        s, seg = s + cond.end(), seg[cond.end():]  # (项目投产后可|新增就业岗位: the name after the condition)
    # text before a realisation verb is the subject, a clause, or the owner of the measure
    gate = anchor_gate("names.split_verbs")  # (most names hold no such verb: one class scan tells)
    sm = last_match(_NAMES.split_verbs, seg) if gate is None or gate.search(seg) else None
    if sm is not None and _NAMES.verb_noun_tail.fullmatch(seg, sm.end()):
        sm = None  # (固定资产投资完成额, 总实现程度: the verb and what follows are one noun, the measure)
    if sm is not None and seg.endswith(_PLAN_BEFORE_VERB, 0, sm.start()):
        sm = None  # (年度计划完成投资: the verb is what the plan is of, one measure with it)
    if sm is not None and sm.end() < len(seg) and seg[sm.end():] in _DONE_TAILS and sm.start() >= _NAME_MIN:
        return _finish(seg[:sm.start()], s, estimate or said)  # (工业税收完成|入库2.87亿元: the measure before)
    if sm is not None and sm.end() < len(seg):
        head = seg[:sm.start()]
        tail_start = s + sm.end()
        owner = owner_of(head, main)
        if owner:
            at = s + head.rfind(owner) if owner in head else tail_start
            return _finish(owner + text[tail_start:e], at, estimate or said)
        s = tail_start
        m = _NAMES.lead_verbs.match(text[s:e])
        if m and m.end() < e - s:
            s += m.end()
    return _finish(text[s:e], s, estimate or said)


def _bare_count_after(text: str, start: int, end: int) -> bool:
    """Whether the words from the entity's end to the figure name only a count word (|总数已达, |数量达到)."""
    if not any(text.startswith(w, start) for w in _BARE_COUNT_NOUNS):
        return False  # (a plain look first: most names after an entity open with no count word)
    return _finish(text[start:end], start, False).text in _BARE_COUNT_NOUNS


def _before_aside_split(text: str, s: int, e: int) -> tuple[int, int] | None:
    """进出口总额(人民币,|下同)200亿元: the words before the figure are the rest of an aside a comma split, closed
    right before it: the name is the words before the aside's opening, from their clause's start; None otherwise."""
    close = text.find(_ASIDE_CLOSE, s, e)
    if _ASIDE_OPEN in text[s:close] or strip_chars(text[close + 1:e]):
        return None
    k = text.rfind(_ASIDE_OPEN, max(0, s - _ASIDE_REACH), s)
    if k <= 0 or _ASIDE_CLOSE in text[k:s]:
        return None
    start = max(text.rfind(mark, 0, k) for mark in _CLAUSE_MARKS) + 1
    return (start, k) if k - start >= _NAME_MIN else None


def _inside_open_aside(text: str, s: int, e: int) -> tuple[int, int]:
    """The name region without a bracket left open before the figure, or a dash: 开局良好(GDP|增长 → GDP,
    更有力——新增…用地|1万亩 → 新增…用地 (what comes before says how things went); an aside of the figure's basis or
    currency only (增加值(按可比价格计算|增长) leaves the measure before it."""
    if _OPEN_ASIDE_GATE.search(text, s, e) is None:
        return s, e  # (most regions hold none: one class scan tells)
    own = _NAMES.figure_aside_left_open.search(text, s, e)
    if own is not None and own.start() - s >= _NAME_MIN:
        return s, own.start()
    lead = _NAMES.open_aside_lead.search(text, s, e)
    if lead is None or any(noun in text[s:lead.start()] for noun in _PROJECT_NOUNS):
        return s, e  # (新开工项目(已开工8宗: the projects counted are named before the bracket)
    return lead.end(), e


def _skip_lead(text: str, s: int, e: int) -> tuple[int, bool]:
    """Skip openers, subject words, periods, estimate words and leading verbs; (new start, estimate)."""
    estimate = False
    for _ in range(8):
        seg = text[s:e]
        m = first_of(_OPENERS).match(seg)
        if m and m.end() > 0:
            s += m.end()
            continue
        m = _CONTEXT.estimate.match(seg)
        if m:
            estimate = True
            s += m.end()
            continue
        m = _NAMES.lead_verbs.match(seg)
        if not (m and m.end() < len(seg)):
            break
        s += m.end()
    return s, estimate


def _finish(name: str, start: int, estimate: bool) -> Name:
    """Drop trailing verbs (their qualifier kept), asides, period words and quotes from a name."""
    qualifier: Qualifier | None = None
    close = name.find(_ASIDE_CLOSE)
    if close >= 0 and _ASIDE_OPEN not in name[:close] and len(name) - close > _NAME_MIN:
        # (11个自贸试验区(不包括海南…)|累计新设立企业: the rest of an aside opened before the name's words)
        rest = _NAMES.joined_lead.match(name, close + 1)  # (…)|和经济技术开发区: what the aside was said of is done
        cut = rest.end() if rest is not None else close + 1
        name, start = name[cut:], start + cut
    m = _NAMES.trail.search(name, max(0, len(name) - _TRAIL_WIDTH))  # trailing words: only the end
    if m and m.start() == 0 and _NAMES.only_qualifier.fullmatch(name):
        return Name("", start + len(name), estimate, _tail_qualifier(name))  # 接近400家: no name, a qualifier
    if m and (kept := _level_noun_kept(name, m.start())) is not None:
        m = _NAMES.trail.search(name, kept)  # (甲县|总量为491亿元, 经济总量为…: the level named, 为 its verb)
    if m and m.start() > 0:
        tail = name[m.start():]
        estimate = estimate or _CONTEXT.estimate.search(tail) is not None
        qualifier = _tail_qualifier(tail)
        name = name[:m.start()]
    name = _NAMES.aside.sub("", name)
    if _ETC in name and (examples := _NAMES.examples_before_kind.search(name)) is not None \
            and len(name) > examples.end() + 1:
        name = name[:examples.start()] + (examples.group("verb") or "") + name[examples.end():]
    if _FIELD_MARK in name:
        name = _NAMES.period_inside.sub("", name)  # (GDP在一季度的|增速: when, no part of the measure)
    name = _NAMES.inner_noise.sub("", name)
    name = _NAMES.space_in_words.sub("", name)
    name = strip_chars(_QUOTES.sub("", name))
    # drop a leading period or subject word left inside (全区规模以上… / 1-9月…)
    name, cut = trim_openers(name, limit=3)
    # (固定资产投资一季度|同比增长, 规模以上工业增加值1-7月|增长: the period said between the measure and its verb;
    # most names end as no period word does: one look at the last character first)
    if name and name[-1] in _PERIOD_LAST_CHARS:
        name = _NAMES.trailing_period.sub("", name) or name
    return Name(name, start + cut, estimate, qualifier)


def _level_noun_kept(name: str, at: int) -> int | None:
    """Where a level's noun (总量, 规模) opening the trailing words at ``at`` ends, when it is part of the measure:
    stripped with its verb only after words naming a measure of their own (地区生产总值总量为 → 地区生产总值), kept
    after none (总量为) or after words that need it (经济总量为, 基金规模近…); None when the trailing words open with
    no such noun, or it goes."""
    noun = next((n for n in _LEVEL_NOUNS if name.startswith(n, at)), None)
    if noun is None or at + len(noun) == len(name) or (at > 0 and canonical_indicator(name[:at]) is not None):
        return None
    return at + len(noun)


def _tail_qualifier(tail: str) -> Qualifier | None:
    """The qualifier of the words trimmed from a name's end (…总额超过 → at_least); the longest
    word found decides (不超过 is at_most, though it holds 超过)."""
    found = [w for q in ("approx", "at_least", "at_most") for w in words("qualifier", f"{q}_before") if w in tail]
    return qualifier_word(max(found, key=len)) if found else None


def _short_of_main(main: str) -> str | None:
    """The short name the gazetteer gives the report's own place (仁怀市 → 仁怀), when it is one of two characters
    or more; None for a zone or a place with none."""
    short = subject_finder().short_of(main)
    return short if short != main and len(short) >= _SHORT_PLACE_LEN else None


def owner_of(head: str, main: str | None) -> str | None:
    """The owner noun phrase at the end of ``head`` (规上工业企业 in 全区规上工业企业实现产值), any
    period words after it dropped.

    >>> owner_of("全区规上工业企业二季度", None), owner_of("规上工业企业1-6月份", None)
    ('规上工业企业', '规上工业企业')
    """
    head = _NAMES.trailing_period.sub("", strip_chars(head))
    if not head or not _NAMES.owner_tail.search(head):
        return None
    head = _NAMES.clause_separator.split(head)[-1]
    head, _cut = trim_openers(head)
    head = _NAMES.leading_count.sub("", head)
    if main and head.startswith(main):
        head = head[len(main):]
    return head or None


def topic_before(text: str, pos: int, sent_start: int, para_start: int) -> str | None:
    """The topic of the clause before ``pos`` (建筑行业 in 建筑行业提速发展,产值…)."""
    # the clause before is in this sentence or ends the one before: no need to look further back
    floor = max(para_start, sent_start - MAX_SENTENCE - 1)
    prev_end = max(text.rfind(",", floor, pos), text.rfind("。", floor, pos), text.rfind(";", floor, pos))
    if prev_end < 0 or (prev_end < sent_start and text[prev_end] != "。"):
        return None
    prev_start = max(text.rfind(",", floor, prev_end), text.rfind(";", floor, prev_end),
                     text.rfind("。", floor, prev_end), floor - 1) + 1
    clause = _NAMES.enum_opener.sub("", text[prev_start:prev_end])
    # (1-8月全省|固定资产投资平稳增长, 今年以来…: the period and place opening the clause are no part of the topic;
    # a figure left after them is a clause of its own)
    clause = trim_openers(clause)[0]
    if _DIGIT.search(clause):
        return None
    view = _NAMES.view_from.fullmatch(clause) or _NAMES.aspect_of.fullmatch(clause)
    if view is not None:  # 从资金到位情况看,…; 社会消费品零售总额方面,…: the topic looked at
        topic: str = view.group("topic")
        return None if topic in _NAME_SETS.aspect_topics else topic  # (从月度增速看: an aspect, no topic)
    m = _NAMES.topic_break.search(clause)
    if not m or m.start() < 2:
        return None
    topic = strip_chars(_NAMES.subject_refs.sub("", clause[:m.start()]))  # (全县|固定资产投资增速达到两位数: no 全县)
    topic = _NAMES.trail.sub("", topic) or topic  # (营业总收入延续|快速增长势头: how it moved, no part of it)
    if _NAMES.not_topic.match(topic):
        return None  # 已连续三个月回升: how long something went on, no topic
    return topic or None


def noun_after(text: str, end: int, sent_end: int) -> Noun | None:
    """The noun phrase right after a figure ending at ``end`` (188家规上工业企业, 100GWh动力电池产能)."""
    m = _NAMES.noun_after.match(text, end, sent_end)
    if not m or _RANKINGS_AFTER.place.match(text, end, sent_end):
        return None  # (其中4项|居全市第一: a place among peers follows, no noun the figure counts)
    noun = strip_chars(_QUOTES.sub("", m.group(1)).split(_NAME_WORDS.possessive)[0])
    if len(noun) < 2 or _CHANGES.change_end.search(noun[:2]) or noun[0] in _NAME_WORDS.not_noun_start:
        return None
    return Noun(noun, m.end(1))


def clean_list_item(item: str) -> str:
    """One item of an enumeration without openers, periods, asides and quotes."""
    item, _cut = trim_openers(item)
    item = _NAMES.aside.sub("", item)
    return strip_chars(_QUOTES.sub("", item))


def cut_enum_tail(region: str) -> tuple[str, str]:
    """``region`` without the tail closing an enumeration (…等8项指标), and the measure head that
    tail names for every item ("" when none).

    >>> cut_enum_tail("出口、进口等8项指标"), cut_enum_tail("出口、进口等8项指标增速")
    (('出口、进口', ''), ('出口、进口', '增速'))
    """
    tail = _NAMES.enum_tail.search(region)
    if not tail:
        return region, ""
    return region[:tail.start()], tail.group("head") or ""


def split_names(region: str, n: int) -> list[str] | None:
    """Split an enumeration into ``n`` names, sharing a trailing measure head (None when it is none)."""
    region = _NAMES.respectively_end.sub("", strip_chars(region))
    region = _NAMES.trail.sub("", region) or region  # (城乡居民人均可支配收入达到|A和B: the verb, no part of the names)
    for _ in range(3):
        m = _CHANGES.basis_any.search(region)
        if not (m and m.end() == len(region)):
            break
        region = region[:m.start()]
    region, head_suffix = cut_enum_tail(strip_chars(region))
    # (三次产业结构为22.8:34.5:42.7,三次产业贡献率分别为…: the clause before is no part of the names)
    clause = _CLAUSE_BREAK.split(region)[-1]
    for shape, parts in ((_NAMES.paired_head, _NAME_WORDS.paired_parts),
                         (_NAMES.three_industries, _NAME_WORDS.industries)):
        paired = shape.search(clause) if n == len(parts) else None
        if paired is not None:  # 城乡居民人均可支配收入分别增长7%、8%: 城镇居民…, 农村居民…; 三次产业…: 第一产业…
            return [clean_list_item(clause[:paired.start()] + part + clause[paired.end():]) + head_suffix
                    for part in parts]
    items = _enumeration(_last_clause(region), n)
    if items is None:
        return None
    items = [clean_list_item(x) for x in items]
    ordinals = _NAMES.ordinal_list.fullmatch("、".join(items))
    if ordinals:
        # 第二、三产业增加值: ordinals sharing everything after them
        ordinal = _NAME_WORDS.ordinal_mark
        return [ordinal + x.lstrip(ordinal)[0] + ordinals.group("tail") for x in items]
    items = _share_head(items)
    if head_suffix:
        items = [x + head_suffix for x in items]
    items = [_NAMES.rate_head_end.sub("", x) if len(x) > 3 else x for x in items]
    return items if all(items) else None


def _last_clause(region: str) -> str:
    """The clause of a region that holds the enumeration, without a predicate after the names."""
    # (结构呈现新变化:|第一、二、三产业分别…: the words before a colon head the list, no part of its names)
    last_clause = strip_chars(region.split(";")[-1].split(":")[-1])
    # …企业增长较快,分别增长…: the predicate after the names is no part of them
    pred = last_match(_NAMES.topic_break, last_clause)
    if pred is not None and pred.end() == len(last_clause) and pred.start() > 0:
        last_clause = strip_chars(last_clause[:pred.start()])
    return last_clause


def _enumeration(clause: str, n: int) -> list[str] | None:
    """The ``n`` items of an enumeration: split at 、, then also at 和/与, then 及, then commas."""
    by_dun = (clause.split(",")[-1] if "、" in clause else clause).split("、")
    candidates = [
        _industries_by_comma(clause, n),
        by_dun,
        _NAMES.kind_list_split.split(clause.split(",")[-1]) if _KIND_END + "、" in clause else [],
        [p for part in by_dun for p in _NAMES.and_strong.split(part)],
        [p for part in by_dun for p in _NAMES.and_any.split(part)],
        clause.split(","),
        # (其中,甲、乙业,丙业,丁业3个行业…: items holding 、 parted by commas, after an opener alone)
        _without_opener(clause.split(",")),
    ]
    for c in candidates:
        items = [x for x in (strip_chars(x) for x in c) if x]
        if len(items) == n:
            return items
    return None


def _without_opener(parts: list[str]) -> list[str]:
    """``parts`` without a first one that is only an opener (其中), else as they are."""
    if len(parts) > 1 and (m := _NAMES.prefix.match(parts[0])) is not None and m.end() == len(parts[0]):
        return parts[1:]
    return parts


def _industries_by_comma(clause: str, n: int) -> list[str]:
    """采矿业,制造业,电力、热力、燃气及水生产和供应业(分别…): industries of the national classification, whose names
    may hold 、 and end with 业, listed with commas between them (an opener, 分门类看, before them); [] for any
    other clause.

    >>> _industries_by_comma("分门类看,采矿业,制造业,电力、热力、燃气及水生产和供应业", 3)
    ['采矿业', '制造业', '电力、热力、燃气及水生产和供应业']
    >>> _industries_by_comma("汽车、电子、化工", 3)
    []
    """
    if "," not in clause or "、" not in clause:
        return []
    parts = _without_opener(clause.split(","))
    if len(parts) > 1 and _NAMES.breakdown_opener.fullmatch(parts[0]):
        parts = parts[1:]
    end = _SHARE_WORDS.industry_end
    return parts if len(parts) == n and all(p.endswith(end) for p in parts) else []


def _share_head(items: list[str]) -> list[str]:
    """A measure head written once at the end belongs to every item (…、锂离子电池产量); in a share it
    starts at the measure before 占 (甲、乙产值占规上工业比重 → 甲产值占规上工业比重)."""
    last = items[-1]
    if len(last) > _ONE_CHAR + 1 and last[0] in _NAME_SETS.one_char_items \
            and any(x in _NAME_SETS.one_char_items for x in items[:-1]) \
            and not _NAMES.counted_items_head.match(last, _ONE_CHAR):  # (批、零、住、餐四行业: the items counted)
        # 省、市重点项目, 大、中型企业: a level or size of one character shares what the last writes after its own
        items = [x + last[_ONE_CHAR:] if x in _NAME_SETS.one_char_items else x for x in items[:-1]] + [last]
    bare = _bare_modifiers_head(items)
    if bare:  # 城镇、农村常住居民人均可支配收入: the whole noun after the last modifier, not only its measure head
        return [x + bare if x in _NAME_SETS.bare_modifiers else x for x in items[:-1]] + [last]
    share_mark = _SHARE_WORDS.mark
    k = last.find(share_mark)
    head_re = _NAMES.shared_head
    hm = head_re.search(last[:k]) if k > 0 else head_re.search(last)
    start = hm.start() if hm else k
    parallel = _parallel_end(items[0], last)
    if parallel is not None and (start <= 0 or parallel < start):
        # 城镇居民、农村居民人均可支配收入: the last item opens as the first one is written (…居民)
        start = parallel
    kind = next((k for end in _ITEM_KIND_ENDS if items[0].endswith(end)
                 and (k := last.rfind(end, 0, len(last) - 1)) > 0), -1)
    if start <= 0 and kind > 0:
        start = kind + 1  # 甲类、乙类商品零售额, 省级、市级众创空间: kinds or levels, the noun after the last
    if start <= 0:
        return items
    head = last[start:]
    # (项目个数、总投资: an item counting things is a measure of its own, no 项目个数投资)
    return [x if head_re.search(x) or share_mark in x or x.endswith((head, *_COUNT_NOUN_ENDS)) else x + head
            for x in items]


def _bare_modifiers_head(items: list[str]) -> str:
    """The noun modifiers listed bare share (进、出口总额 → 口总额): what follows the modifier the last item opens
    with, when the first item is a bare modifier; "" otherwise."""
    if items[0] not in _NAME_SETS.bare_modifiers:
        return ""
    last = items[-1]
    opener = max((m for m in _NAME_SETS.bare_modifiers if last.startswith(m) and len(last) > len(m)), key=len,
                 default="")
    return last[len(opener):] if opener else ""


def _parallel_end(first: str, last: str) -> int | None:
    """Where the part of the last item parallel to the first one ends: as long as the first and
    ending with its last character (城镇居民 | 农村居民人均可支配收入 → 4), if the last goes on after it."""
    n = len(first)
    if 2 <= n < len(last) and last[n - 1] == first[-1] and first[-1] != last[0]:
        return n
    return None


def name_positions(region: str, start: int, names: list[str]) -> list[int]:
    """Where each listed name starts in ``region`` (which starts at ``start``)."""
    out = []
    pos = 0
    marks = len(region) - len(region.lstrip(_STRIPPED))  # (a name not written here starts after the marks opening it)
    for name in names:
        probe = name[:2]
        k = region.find(probe, pos)
        if k < 0:  # 省、市重点项目: an item of one character, its mark after it
            probe = name[:1] + _LIST_MARK
            k = region.find(probe, pos)
        if k < 0:  # 第二、三产业: the second name is written from its second character on
            probe = name[1:3]
            k = region.find(probe, pos)
        if k < 0:
            out.append(start + max(pos, marks))
        else:
            out.append(start + k)
            pos = k + len(probe)
    return out


@lru_cache(maxsize=4096)  # a 其中 list compares each part with the same wholes
def name_ratio(a: str, b: str) -> float:
    """How alike two names are (1.0 when one holds the other).

    >>> name_ratio("进出口总额", "出口"), name_ratio("出口", "")
    (1.0, 0.0)
    """
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    sm = SequenceMatcher(None, a, b)
    return sm.ratio() if sm.real_quick_ratio() >= 0.6 and sm.quick_ratio() >= 0.6 else 0.0


def same_name(a: str, b: str) -> bool:
    """Whether two names are the same measure written a little differently (税收 / 税收收入).

    >>> same_name("税收", "税收收入"), same_name("出口", "进出口总额")
    (True, False)
    """
    return a == b or (len(a) >= 2 and len(b) >= 2 and (a in b or b in a) and abs(len(a) - len(b)) <= 2)
