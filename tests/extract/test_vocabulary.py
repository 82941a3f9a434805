"""Extraction cases generated from the vocabulary: every word of a list is tried where it applies.

The word lists are read from ``vocab.toml`` through :mod:`zhibiao.lexicon` when the tests are
collected, so a word added there is tried in every frame of its kind without touching this file.
No word under test is written here, only the sentence frames around them (which use a few
fixed words of their own: 同比, 增长, 均, 分别, 集中):

* change verbs (``change.up`` / ``change.down``, sign by list): a plain change, with 同比, after a
  level (with and without 同比), in a 、-list with 均, in a 分别 list, and as an absolute change
  (比上年…12家); comparisons (``change.comparatives``, and the one-character 高 低 … of
  ``change.pct_only``) against a named baseline, alone and after a growth rate; the phrases of
  ``change.phrase_up`` / ``change.phrase_down`` in percentage points, alone and after a change;
  the contribution verbs (拉动 / 下拉) as a figure in percentage points;
* qualifiers: every ``qualifier.*_before`` word before a level and before a change, every
  ``qualifier.*_after`` word after them (多 / 余, ``numerals.more``, between number and unit),
  every ``qualifier.estimate`` and ``qualifier.goal_words`` word before a clause;
* project stages: every word of ``projects.signed`` … ``projects.other`` before 项目, and the
  event stages after the projects they counted.

Each frame runs in four spellings (as written, traditional, full-width digits, both), as
tests/extract/test_cases.py does. Expectations follow docs/FACTS.md; a case passes when every
expected fact matches a distinct extracted fact, nothing else of those types was extracted, and
every fact's offsets give back its quote. The comments at each frame say which words it leaves
out and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from tests.extract.spellings import num_eq, spell

from zhibiao import extract
from zhibiao.lexicon import pattern_source, word, word_set, words

PUBLISHED = "2023-10-20"
THIS_YEAR = "2023-01/2023-12"

SPELLINGS = ("as_written", "traditional", "fullwidth", "both")


@dataclass(frozen=True)
class Case:
    """One generated sentence and the facts it must give."""

    id: str
    word: str
    text: str
    facts: tuple[dict[str, Any], ...]


# ---------------------------------------------------------------- the word classes, from the data

UP = words("change", "up")
DOWN = words("change", "down")
CHANGE_VERBS = UP + DOWN
PHRASES = words("change", "phrase_up") + words("change", "phrase_down")
CONTRIBUTIONS = words("change", "contribution_up") + words("change", "contribution_down")
PCT_ONLY = word_set("change", "pct_only")
COMPARATIVES = word_set("change", "comparatives")
ADJUSTMENTS = word_set("change", "adjustments")
# A one-character verb that only makes a change of a rate (高 低 快 慢 多 少) compares: it needs a
# 比 baseline (比全省高2.5个百分点); 增 降 减 are plain verbs.
ONE_CHAR_COMPARISONS = word_set("change", "one_char_verbs") & PCT_ONLY
# A verb that names its baseline itself (比增): no 同比 / 比上年 before it.
NAMES_A_BASIS = frozenset().union(*(word_set("basis", b) for b in ("yoy", "other", "avg2y", "avg")))
# The rate nouns among the verbs (增速, 增幅为, 降幅, 增长率为): they name a rate, not an action.
_RATE_NOUN = re.compile(
    f"(?:{pattern_source('changes.rate_word')})|{pattern_source('names.rate_head_end').removesuffix('$')}"
)
MORE = word_set("numerals", "more")  # 多 / 余: between a number and its unit (30余家, 12亿多元)


def _sign(verb: str) -> int:
    up = set(UP) | set(words("change", "phrase_up")) | set(words("change", "contribution_up"))
    return 1 if verb in up else -1


def _is_rate_noun(verb: str) -> bool:
    return _RATE_NOUN.match(verb) is not None


def _is_plain_verb(verb: str) -> bool:
    """A verb that makes a change on its own (增长, 下降, 增, 增速为…), not a comparison."""
    return verb not in COMPARATIVES and verb not in ONE_CHAR_COMPARISONS


def _ind(name: str | tuple[str, ...] | None = None, **fields: Any) -> dict[str, Any]:
    fact: dict[str, Any] = {"type": "indicator", **fields}
    if name is not None:
        fact["name"] = name
    return fact


def _change(value: float, kind: str = "pct", basis: str = "yoy") -> dict[str, Any]:
    return {"basis": basis, kind: value}


# ---------------------------------------------------------------- change verbs

MEASURE = "规上工业增加值"
OPEN = "今年1-9月,全区"
ALIKE = ("固定资产投资", "工业投资", "服务业投资")  # a 、-list sharing one change with 均


def _change_cases() -> Iterator[Case]:
    for direction in ("up", "down"):
        for i, verb in enumerate(words("change", direction)):
            key = f"change.{direction}#{i}"
            if verb in CONTRIBUTIONS:
                continue  # 拉动 makes a figure in pp, not a change (FACTS.md): tried in its own frame below
            if verb in ADJUSTMENTS:
                # 增长12%以上(调增2个百分点): the adjustment of a target, against the target before
                yield Case(f"adjustment-{key}", verb, f"{OPEN}{MEASURE}增长12%以上({verb}2个百分点)。",
                           (_ind(MEASURE, value=None, change=_change(12)),
                            _ind(MEASURE, value=None, change=_change(_sign(verb) * 2, "pp", "other"))))
                continue
            if _is_plain_verb(verb):
                yield from _plain_verb_cases(key, verb, _sign(verb))
            else:
                yield from _comparison_cases(key, verb, _sign(verb))
    for i, phrase in enumerate(PHRASES):
        yield from _phrase_cases(f"change.phrase#{i}", phrase, _sign(phrase))
    for i, verb in enumerate(CONTRIBUTIONS):
        # 拉动全部投资增长1.2个百分点 is a figure in pp, not a change (FACTS.md unit pp); its name is
        # not settled by FACTS.md, so only the figure is checked.
        yield Case(f"contribution-change.contribution#{i}", verb, f"今年1-9月,工业投资{verb}全部投资增长1.2个百分点。",
                   (_ind(value=_sign(verb) * 1.2, unit="pp", change=None),))


def _plain_verb_cases(key: str, verb: str, s: int) -> Iterator[Case]:
    only_change = _ind(MEASURE, value=None, change=_change(s * 8.5), qualifier=None)
    level = _ind("一般公共预算收入", value=1856000000, unit="CNY", change=_change(s * 8.5), qualifier=None)
    yield Case(f"plain-{key}", verb, f"{OPEN}{MEASURE}{verb}8.5%。", (only_change,))
    yield Case(f"after-level-{key}", verb, f"{OPEN}一般公共预算收入18.56亿元,{verb}8.5%。", (level,))
    # 同比比增 would name the baseline twice.
    if verb not in NAMES_A_BASIS:
        yield Case(f"yoy-{key}", verb, f"{OPEN}{MEASURE}同比{verb}8.5%。", (only_change,))
        yield Case(f"after-level-yoy-{key}", verb, f"{OPEN}一般公共预算收入18.56亿元,同比{verb}8.5%。", (level,))
    # A rate noun takes the adverb after it (增速均为12%, 增幅分别为…): 均增速12% is no Chinese.
    if not _is_rate_noun(verb):
        yield Case(f"all-alike-{key}", verb, f"{OPEN}{'、'.join(ALIKE)}均{verb}12%。",
                   tuple(_ind(n, value=None, change=_change(s * 12)) for n in ALIKE))
        yield Case(f"respectively-{key}", verb, f"{OPEN}工业投资、服务业投资分别{verb}12%、8%。",
                   (_ind("工业投资", value=None, change=_change(s * 12)),
                    _ind("服务业投资", value=None, change=_change(s * 8))))
    # An absolute change (较上年增长3家 → abs 3, FACTS.md): not for verbs of rates only (pct_only:
    # 高出12家 is no change) nor rate nouns, nor after 比上年 for a verb naming its own baseline.
    if verb not in PCT_ONLY and not _is_rate_noun(verb) and verb not in NAMES_A_BASIS:
        yield Case(f"abs-{key}", verb, f"截至9月末,全区高新技术企业326家,比上年{verb}12家。",
                   (_ind("高新技术企业", value=326, unit="count", change=_change(s * 12, "abs")),))


def _comparison_cases(key: str, verb: str, s: int) -> Iterator[Case]:
    # 高于全省 / 比全省高: a comparison needs its baseline; without one (增加值高于8.5%) it is no
    # change against last year, so the plain frames are not tried. The baseline makes basis other.
    against = f"{verb}全省" if verb in COMPARATIVES else f"比全省{verb}"
    # "增速高于全省…" is the growth rate's difference: FACTS.md names the indicator as written and the
    # scorer takes either name (one contains the other), so both are accepted here.
    names = (MEASURE, f"{MEASURE}增速")
    pp = _change(s * 2.5, "pp", "other")
    yield Case(f"comparison-{key}", verb, f"{OPEN}{MEASURE}增速{against}2.5个百分点。",
               (_ind(names, value=None, change=pp),))
    yield Case(f"comparison-after-change-{key}", verb, f"{OPEN}{MEASURE}增长8.5%,{against}2.5个百分点。",
               (_ind(MEASURE, value=None, change=_change(8.5)), _ind(MEASURE, value=None, change=pp)))


def _phrase_cases(key: str, phrase: str, s: int) -> Iterator[Case]:
    # 增速回落1.2个百分点 → pp −1.2, basis yoy when no baseline is named (FACTS.md settled cases).
    pp = _change(s * 1.2, "pp")
    yield Case(f"phrase-{key}", phrase, f"{OPEN}{MEASURE}{phrase}1.2个百分点。",
               (_ind(MEASURE, value=None, change=pp),))
    # After the change it qualifies: a 降幅 phrase follows a decline, a 增速 one a growth.
    head = max((w for w in CHANGE_VERBS if phrase.startswith(w)), key=len, default="")
    lead, rate = ("下降", -3.1) if head in DOWN else ("增长", 3.1)
    yield Case(f"phrase-after-change-{key}", phrase, f"{OPEN}{MEASURE}同比{lead}3.1%,{phrase}1.2个百分点。",
               (_ind(MEASURE, value=None, change=_change(rate)), _ind(MEASURE, value=None, change=pp)))


# ---------------------------------------------------------------- qualifiers

QUALIFIER_LISTS = {
    "approx": ("approx_before", "approx_after"),
    "at_least": ("at_least_before", "at_least_after"),
    "at_most": ("at_most_before", "at_most_after"),
}


def _qualifier_cases() -> Iterator[Case]:
    for kind, (before, after) in QUALIFIER_LISTS.items():
        for i, q in enumerate(words("qualifier", before)):
            yield from _before_cases(f"qualifier.{before}#{i}", q, kind)
        for i, q in enumerate(words("qualifier", after)):
            yield from _after_cases(f"qualifier.{after}#{i}", q, kind)
    yield from _clause_cases()


def _before_cases(key: str, q: str, kind: str) -> Iterator[Case]:
    yield Case(f"before-level-{key}", q, f"{OPEN}工业投资{q}12亿元。",
               (_ind("工业投资", value=1200000000, unit="CNY", change=None, qualifier=kind),))
    yield Case(f"before-change-{key}", q, f"{OPEN}工业投资同比增长{q}12%。",
               (_ind("工业投资", value=None, change=_change(12), qualifier=kind),))
    # With 均 the one figure, qualifier and all, is every listed measure's (均增长12%左右). After
    # 分别 a qualifier might be the first figure's only, so that list is not tried.
    yield Case(f"before-all-alike-{key}", q, f"{OPEN}{'、'.join(ALIKE)}均增长{q}12%。",
               tuple(_ind(n, value=None, change=_change(12), qualifier=kind) for n in ALIKE))


def _after_cases(key: str, q: str, kind: str) -> Iterator[Case]:
    if q in MORE:
        # 多 / 余 stand between the number and its unit (30余家, 12亿多元, 12余亿元), not after the
        # unit; a percentage has no such place (12多% is no Chinese).
        yield Case(f"more-after-magnitude-{key}", q, f"{OPEN}工业投资12亿{q}元。",
                   (_ind("工业投资", value=1200000000, unit="CNY", qualifier=kind),))
        yield Case(f"more-after-number-{key}", q, f"{OPEN}工业投资12{q}亿元。",
                   (_ind("工业投资", value=1200000000, unit="CNY", qualifier=kind),))
        yield Case(f"more-count-{key}", q, f"{OPEN}新增高新技术企业30{q}家。",
                   (_ind("新增高新技术企业", value=30, unit="count", qualifier=kind),))
        return
    yield Case(f"after-level-{key}", q, f"{OPEN}工业投资12亿元{q}。",
               (_ind("工业投资", value=1200000000, unit="CNY", change=None, qualifier=kind),))
    yield Case(f"after-change-{key}", q, f"{OPEN}工业投资同比增长12%{q}。",
               (_ind("工业投资", value=None, change=_change(12), qualifier=kind),))
    yield Case(f"after-all-alike-{key}", q, f"{OPEN}{'、'.join(ALIKE)}均增长12%{q}。",
               tuple(_ind(n, value=None, change=_change(12), qualifier=kind) for n in ALIKE))


def _clause_cases() -> Iterator[Case]:
    """Estimates and goals before a clause, on a level and on a change. A figure for 全年 estimated
    or aimed at in October is this year's (the year is not over): checked in a frame of its own, so
    that a wrong year does not hide what the word did to the name and the qualifier."""
    level = {"value": 1200000000, "unit": "CNY"}
    change = {"value": None, "change": _change(8)}
    for list_key, kind, level_text, change_text in (
        ("estimate", "estimate", "全年{}完成工业投资12亿元。", "全年工业投资{}增长8%。"),
        ("goal_words", "target", "{}全年完成工业投资12亿元。", "{}全年工业投资增长8%。"),
    ):
        for i, q in enumerate(words("qualifier", list_key)):
            key = f"qualifier.{list_key}#{i}"
            yield Case(f"{kind}-level-{key}", q, level_text.format(q), (_ind("工业投资", qualifier=kind, **level),))
            yield Case(f"{kind}-change-{key}", q, change_text.format(q), (_ind("工业投资", qualifier=kind, **change),))
            yield Case(f"{kind}-period-{key}", q, level_text.format(q), (_ind(qualifier=kind, period=THIS_YEAR),))


# ---------------------------------------------------------------- project stages

STAGES = ("signed", "started", "completed", "operational", "ongoing", "other")
# The stages that are an event the projects went through together (集中签约, 集中开工, 集中投产):
# these read after the projects. 在建 / 续建 / 谋划 / 储备 are what projects are, not what they did
# (集中在建, 集中储备 are no Chinese), so ongoing and other stand only before 项目.
EVENT_STAGES = ("signed", "started", "completed", "operational")
TOGETHER = "集中"


def _projects(stage: str, category: str | None = None, investment: int | None = 3000000000) -> dict[str, Any]:
    return {"type": "projects", "stage": stage, "count": 12, "category": category, "investment": investment}


def _stage_cases() -> Iterator[Case]:
    investment = word("name", "investment")
    for stage in STAGES:
        for i, w in enumerate(words("projects", stage)):
            key = f"projects.{stage}#{i}"
            if investment in w:
                # 完成投资 is what the projects invested, said after them (项目累计完成投资20亿元):
                # an indicator, not the projects' total investment (FACTS.md projects).
                yield Case(f"invested-{key}", w, f"今年上半年,全区12个重点项目{w}20亿元。",
                           (_projects(stage, "重点", None), _ind(value=2000000000, unit="CNY")))
                continue
            yield Case(f"stage-before-{key}", w, f"今年上半年,全区{w}项目12个,总投资30亿元。", (_projects(stage),))
            if stage in EVENT_STAGES:
                adverb = "" if w.startswith(TOGETHER) else TOGETHER
                yield Case(f"stage-after-{key}", w, f"今年上半年,全区12个重点项目{adverb}{w},总投资30亿元。",
                           (_projects(stage, "重点"),))


CASES: list[Case] = [*_change_cases(), *_qualifier_cases(), *_stage_cases()]


# ---------------------------------------------------------------- checking





def _change_eq(want: dict[str, Any] | None, have: dict[str, Any] | None) -> bool:
    if want is None or have is None:
        return want is None and have is None
    return set(want) == set(have) and all(
        have[k] == v if k == "basis" else num_eq(have[k], v) for k, v in want.items()
    )


_CHECKS: dict[str, Callable[[Any, Any], bool]] = {
    "change": _change_eq,
    "value": num_eq,
    "count": num_eq,
    "investment": num_eq,
    "name": lambda want, have: have in want if isinstance(want, tuple) else have == want,
}


def _matches(want: dict[str, Any], got: dict[str, Any]) -> bool:
    return all(_CHECKS.get(k, lambda w, h: w == h)(v, got.get(k)) for k, v in want.items())


def _short(fact: dict[str, Any]) -> str:
    keys = ("name", "value", "unit", "change", "qualifier", "period", "stage", "category", "count", "investment")
    shown = {k: fact[k] for k in keys if fact.get(k) is not None}
    return f"{fact['type']}{shown}"


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_vocabulary_word_in_frame(case: Case, spelling: str) -> None:
    text = spell(case.text, spelling)
    facts = [f.to_dict() for f in extract(text, PUBLISHED)]
    for f in facts:
        assert text[f["start"]:f["end"]] == f["quote"], f"offsets do not give the quote: {f}"
    got = "\n  ".join(_short(f) for f in facts) or "nothing"
    used: set[int] = set()
    for want in case.facts:
        hit = next((i for i, f in enumerate(facts) if i not in used and _matches(want, f)), None)
        assert hit is not None, f"{text}\nmissing {want}\ngot:\n  {got}"
        used.add(hit)
    types = {w["type"] for w in case.facts}
    extra = [f for i, f in enumerate(facts) if f["type"] in types and i not in used]
    assert not extra, f"{text}\nunexpected {[_short(f) for f in extra]}\ngot:\n  {got}"


def test_vocabulary_frames_cover_every_word() -> None:
    """Every word of the tried lists is in at least one frame (a guard for the filters above)."""
    tried = {c.word for c in CASES}
    lists = [CHANGE_VERBS, PHRASES, CONTRIBUTIONS, words("qualifier", "estimate"), words("qualifier", "goal_words")]
    lists += [words("qualifier", k) for pair in QUALIFIER_LISTS.values() for k in pair]
    lists += [words("projects", s) for s in STAGES]
    assert [w for ws in lists for w in ws if w not in tried] == []
