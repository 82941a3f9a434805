"""A fallback for counts of things that no rule read (issue 9).

Reports count what was built, gained, chosen or held everywhere, in shapes the rules were never written for (建成6个
口袋公园, 课题组选取了三个指标, 两个泵站完成土建工程). After the rules have read a sentence, each count of things in it
(a number, a classifier, the noun it counts right after) that no fact of any kind claims becomes an indicator: named by
the noun, with the verb of making before it (建成口袋公园) or what the things did after it (完成土建工程的泵站), its
subject and period as any indicator of the clause gets them. Left alone: places and moves in rankings (第3个, 前5名),
durations, batches, slogans (三大…), a lone 一 (an article), projects (the projects rules count them), groups some of
which did something (全省67个县中) and seats on a list (14个县市入选).

It is kept general on purpose: it acts wherever the condition holds, not on shapes of particular reports.
"""

from __future__ import annotations

import re
from functools import cache

from zhibiao.extract.figures import Fig, measures_of_a_method, peers_looked_at
from zhibiao.extract.indicators import new_indicator, new_things_before, with_predicate
from zhibiao.extract.names import Name, Noun, noun_after
from zhibiao.extract.projects import mentions_projects
from zhibiao.extract.quantities import COUNTED, figure_regex, parse_amount
from zhibiao.extract.segment import clause_start
from zhibiao.extract.state import Sentence
from zhibiao.lexicon import Shapes, Words, alternation, magnitudes, units
from zhibiao.recache import compile_cached

__all__ = ["unclaimed_counts"]

_COUNTS = Shapes("counts")
_FIGURES = Shapes("figures")
_CLAUSE_MARKS = ",;:。!?()"
_QUOTES = "\u201c\""  # (an opening quote right before a count: a slogan's, “4个百亿”)
_MIN_NOUN = 2
_LIST_MARK = "\u3001"
_METHOD_WIDTH = 16  # (how far after a count the 指标 of an evaluation's method may stand: 5个|一级指标,)


@cache
def _count_gate() -> re.Pattern[str]:
    """Digits, then what the figure grammar lets stand between them and a unit (more digits, 多/余, magnitudes), then a
    unit of things or people: where a count in digits opens (a count in Chinese numerals is mostly a slogan's). The
    figure grammar run over every sentence again was most of what the fallback cost. What stands between is taken
    whole, never given back, when no unit opens with such a character, and the units are tried only where the next
    character opens one (the matches are the same, found sooner)."""
    between, counted = _between(), _counted_units()
    taken_whole = "+" if not any(w[0] in between for w in counted) else ""
    between_class = re.escape("".join(sorted(between)))
    firsts = re.escape("".join(sorted({w[0] for w in counted})))  # (one look at the next character rules out all)
    return compile_cached(rf"\d[{between_class}]*{taken_whole}(?=[{firsts}])(?:{alternation(counted)})")


@cache
def _between() -> frozenset[str]:
    """The characters the figure grammar lets stand between digits and their unit (:func:`_count_gate`)."""
    return frozenset({*"0123456789.,", *Words("numerals").more, *"".join(magnitudes())})


@cache
def _counted_units() -> list[str]:
    """The units of things or people."""
    return [w for w, u in units().items() if u.kind in COUNTED]


def unclaimed_counts(s: Sentence) -> None:
    """Record as indicators the counts of things in the sentence ``s`` that no fact claims (see the module note)."""
    text, sent = s.text, s.ctx.span
    norm_pos = s.ctx.doc.norm.norm_pos  # (not through the document's method: one call less per fact)
    taken: list[tuple[int, int]] | None = None  # (the spans of the sentence's facts: found for the first candidate)
    figures = figure_regex()
    for hit in _count_gate().finditer(text, sent.start, sent.end):
        if taken is None:
            taken = [(norm_pos(f.start), norm_pos(f.end)) for f in s.log.facts[s.state.first_fact:]]
        at = hit.start()
        if any(a <= at < b for a, b in taken):
            continue  # (most counts: read by a rule)
        # (the figure read where a count in digits opens: the figure grammar is not run over the whole sentence)
        m = figures.match(text, at, sent.end)
        if m is None or m.group("unit") is None or m.group("per") is not None:
            continue  # (a rate per unit: 2.98万元/亩)
        fig = _count_of_things(s, m)
        if fig is None:
            continue
        noun = noun_after(text, fig.end, sent.end) or _lone_kind(s, fig)
        if noun is None or not noun.text:
            name = _total_of_new(s, fig)  # (新增甲企业12家、累计46家: the total of those things)
        elif _things_counted(s, fig, noun):
            name = _name_of(s, fig, noun, taken)
        else:
            continue
        if name is None or any(a < name.end and fig.start < b for a, b in taken):
            continue
        ind = new_indicator(s, Name(name.text, fig.start), fig, plan_named=False)
        s.ctx.doc.set_quote(ind, fig.start, name.end)
        taken.append((fig.start, name.end))


def _lone_kind(s: Sentence, fig: Fig) -> Noun | None:
    """A kind of place one character long counted alone (27个县, 4个旗), which :func:`noun_after` leaves unread."""
    m = _COUNTS.lone_kind.match(s.text, fig.end, s.ctx.span.end)
    return Noun(m.group(1), m.end(1)) if m is not None else None


def _total_of_new(s: Sentence, fig: Fig) -> Noun | None:
    """A count named only by a word of a running total (累计46家, 累计已拥有9家) right after a count of new things in
    its sentence (新增省级专精特新企业12家): the total of those things, named without the verb of new
    (省级专精特新企业); None for any other count with no noun after it."""
    clause = _clause_start(s, fig.start)
    clause = max(clause, s.text.rfind(_LIST_MARK, clause, fig.start) + 1)  # (…12家、|累计46家)
    if not _COUNTS.total_only.fullmatch(s.text, clause, fig.start):
        return None
    things = new_things_before(s, fig.start)
    return Noun(things, fig.end) if things is not None else None


def _count_of_things(s: Sentence, m: re.Match[str]) -> Fig | None:
    """The figure of ``m`` when it counts things or people, is no place or move in a ranking and no article."""
    amount = parse_amount(m)
    if amount is None or amount.kind not in COUNTED or amount.value <= 0:
        return None
    clause = _clause_start(s, m.start())
    if _COUNTS.ranking_end.search(s.text, clause, m.start()) or peers_looked_at(s.text, m.start()) \
            or measures_of_a_method(s.text[m.end():m.end() + _METHOD_WIDTH]):
        return None  # (第|3个, 从|6个旗县市增速看, 设置5个|一级指标: a place, the peers looked at, a method's measures)
    return Fig(m.start(), m.end(), amount)


def _clause_start(s: Sentence, pos: int) -> int:
    """Where the clause holding ``pos`` opens inside its sentence (a bracket closes one too)."""
    return clause_start(s.text, s.ctx.span.start, pos, _CLAUSE_MARKS)


def _things_counted(s: Sentence, fig: Fig, noun: Noun) -> bool:
    """Whether the noun after a count is things counted: no duration, batch or slogan, no projects, no group some of
    which did something, no seats on a list, and no group of places that is the subject of its clause (164家国家级
    经开区实现…) unless a verb of holding counts them (共有57个省级开发区)."""
    text = s.text
    if _COUNTS.not_things.match(text, fig.end) or mentions_projects(noun.text) or (
            fig.start > 0 and text[fig.start - 1] in _QUOTES):
        return False
    return not (_COUNTS.group_or_seats.match(text, noun.end) or _COUNTS.seats_inside.search(noun.text)
                or _COUNTS.frame_end.search(noun.text))


def _subject_group(s: Sentence, fig: Fig, noun: Noun, taken: list[tuple[int, int]]) -> bool:
    """Whether a count is of a group of places that is the subject of its clause (164家国家级经开区发挥…作用) or of
    the figures after it in its sentence (现有72家园区,贡献了全省80%的…): only a verb of holding with nothing said of
    them after makes it a fact (共有57个省级开发区, 辖21个乡镇), and only when the places close the noun (对全省126个
    开发区开展考核评价: the count sizes the evaluation, no count of its own)."""
    group = _FIGURES.group_after.match(s.text[fig.end:s.ctx.span.end])
    if group is None:
        return False
    return _COUNTS.holding_end.search(s.text, s.ctx.span.start, fig.start) is None \
        or fig.end + group.end() < noun.end or any(a >= noun.end for a, _b in taken)


def _name_of(s: Sentence, fig: Fig, noun: Noun, taken: list[tuple[int, int]]) -> Noun | None:
    """The name of a count of things: what they did when a predicate follows (完成土建工程的泵站), else the noun cut
    before a verb closing it (维度|入手), after the verb of making right before the count (建成口袋公园); None when
    too little is left or the count is of a group of places its clause is about."""
    done = with_predicate(s, noun)
    if done.text != noun.text:
        return done
    cut = _COUNTS.clause_verb_inside.search(noun.text)
    if cut is not None:
        noun = Noun(noun.text[:cut.start()], noun.end - len(noun.text) + cut.start())
    if (len(noun.text) < _MIN_NOUN and not _COUNTS.lone_kind.fullmatch(noun.text)) \
            or _subject_group(s, fig, noun, taken):
        return None
    clause = _clause_start(s, fig.start)
    verb = _COUNTS.done_verb_end.search(s.text, clause, fig.start)
    if verb is not None:
        return Noun(verb.group("verb") + noun.text, noun.end)
    return noun
