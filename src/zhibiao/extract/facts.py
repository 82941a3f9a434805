"""Indicators, project counts and rankings: the sentence parser.

Each sentence is read left to right as a sequence of *figures* (18.56亿元, 36.7%, 10个, 0.4个百分点)
found by the figure grammar. Each figure gets a role from its left context:

* a **change** when a change verb (增长, 下降, 高于全市…) stands right before it;
* a **share** when it is a percentage of a whole (占…的73.2%, 完成年度任务的76.62%);
* a **threshold** when it sizes a class of projects (亿元以上项目, 超10亿元项目, 百亿级);
* a **level** otherwise: the value of a new indicator (or a project count).

The name of a level is the text between the previous figure (or the clause start) and the figure,
trimmed of subjects, periods and verbs. A change without a name of its own belongs to the figure
just named; ``分别/依次`` lists are paired in order with the names or levels before them.
Periods, subjects, qualifiers and 其中-parents come from the context at the figure's position.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from typing import NamedTuple

from zhibiao.extract.grammar import Grammar, grammar
from zhibiao.lexicon import words
from zhibiao.extract.periods import PeriodMention, find_periods, resolve_period
from zhibiao.extract.quantities import Amount, figure_regex, parse_amount, parse_number
from zhibiao.extract.segment import Span, clauses, sentences
from zhibiao.model import Change, Indicator, Projects, Ranking
from zhibiao.normalize import NormText
from zhibiao.resolve.subjects import MAIN, SubjectFinder

__all__ = ["MAY_HOLD_FIGURES", "DocumentParser"]

# Anything a fact needs: a digit, a Chinese magnitude (三千万, 千亿), a ranking or a figure-less
# change. Paragraphs and sentences without one are skipped before any rule runs.
MAY_HOLD_FIGURES = re.compile(r"\d|[十百千万亿][元级亿万]|[百千万亿][\u4e00-\u9fff]{0,3}"
                              r"(?:元|吨|度|人|个|家|项|户|辆|台|套)|[一二两三四五六七八九]成|"
                              r"百分之|翻番|翻一番|翻两番|持平|第一|前列|前茅|榜首|首位|之首|方阵|梯队|[一二三四五六七八九十]强"
                              r"|前[二三四五六七八九十]+[位名强]|第[二三四五六七八九十]+(?![产季次批届个条章轮部])")

_CJK = re.compile(r"[\u4e00-\u9fff]")
_PAREN = re.compile(r"\([^()]{0,20}\)")
_LIST_SEP = re.compile(r"^(?:、|和|及|与|以及|,)$")
_QUOTE_CHARS = "“”\"'‘’「」"
_LIST_CHARS = frozenset("、和及与至到~-")
_NO_QUOTES = str.maketrans("", "", _QUOTE_CHARS)
_BARE_MAGNITUDES = ("千亿", "百亿", "万亿", "千万", "百万")
_CLASS_OF_PROJECTS = re.compile(r"^级(?:的)?[\u4e00-\u9fff]{0,6}项目")
_ONE_CHAR_VERBS = frozenset("高低快慢多少增降减")
_NOUN_AFTER = re.compile(r"^(?:多|余)?(?:元)?(?:的)?([\u4e00-\u9fffA-Za-z、]{2,24}?)"
                         r"(?=实现|完成|为|是|将|已|在|和|及|与|共|达|的|[,;:。!?()“”\"]|$)")
_HEAD_ONLY = re.compile("增速|增幅|总量|规模")
_HEAD_END = re.compile("(?:增速|增幅|总量|规模)$")
_NAMED_PROJECT = re.compile(r"的([\u4e00-\u9fffA-Za-z0-9“”()]{2,30}?项目)")
_ANNUAL_NAME = re.compile(r"^(?:年度|全年)")
_GOAL_AFTER = re.compile(r"为(?:奋斗)?目标")
_LIST_CONTINUES = re.compile(r"^[、和及与至到~-]")
_PROJECTS_AFTER_CLASS = re.compile(r"^(?:[\u4e00-\u9fff“”\"]{0,8})项目|^\d+(?:个|项)|^的\d|^[\u4e00-\u9fff]{0,6}项目")
_OVER_BEFORE = re.compile(r"(?:超|超过|过)$")
_PROJECT_NOUN_AFTER = re.compile(r"^(?:的)?[\u4e00-\u9fff]{0,6}项目")
_LEADING_COUNT = re.compile(r"^\d+(?:多|余)?[家个户]")
_DIGIT = re.compile(r"\d")
_QIZHONG_PROJECTS = re.compile(r"[,:]?[^,;。]{0,16}项目")
_PROJECTS_AMONG = re.compile(r"[^,;:。]{0,16}项目中[,:]?\s*$")
_STRUCTURE = re.compile(r"结构[\u4e00-\u9fff]{0,8}?(?:由|为|是)(?:[^。;,\d]{0,12}?\d+(?:\.\d+)?%?"
                        r"(?:[:、和及与]|[^。;,\d]{0,4}(?:调整|变|优化|提升|改善)为)?)+")
_RESPECTIVELY_END = re.compile(r"(?:分别|依次|均|都)$")
_SEMICOLON = re.compile(r"[;]")
_DUN = re.compile(r"、")
_COMMA = re.compile(r"[,]")
_AND = re.compile(r"和|及|与|以及")
_RATE_HEAD_END = re.compile(r"(?:增幅|增速|降幅)$")
_PLAN_WORD = re.compile(r"计划|目标")
_STARTS_WITH_QIZHONG = re.compile(r"^[,;:\s]*其中")
_RESPECTIVELY = re.compile(r"分别|依次")
_THESE = re.compile(r"这些|上述")
_UP_TO_PROJECT = re.compile(r"^.*项目")
_RESPECTIVELY_OR_ALL_END = re.compile(r"(?:分别|依次|均)$")
_BASELINE_TAIL = re.compile(r"(?:(?<!占)比|较|与|同)[^,;。]*$")
_BASELINE_WORD = re.compile(r"(?:(?<!占)比|较|与)")
_GENERIC_MEASURE_START = re.compile(r"^(?:产值|营收|销售额)")
_SHARE_DONE = re.compile(r"(完成)[^,;。\d]{0,10}?((?:年度|全年)?(?:目标|任务|计划)[^,;。]*?)(?:的)?\s*$")
_SHARE_OF = re.compile(r"(占|完成)(.*?)(?:的)?(?:比重|比例)?(?:为|达|是)?\s*$")
_DE_END = re.compile(r"的$")
_RESPECTIVELY_GROUP = re.compile(r"(?:分别|依次)")
_SHARE_QUALIFIER_END = re.compile(r"(?:已|均|将)?(?:约|近|将近|接近|超过|超|逾|不到|不足|高达|仅|达到|达|为)$")
_MORE_RANKS = re.compile(r"(?:(?:和|、|与|及)第?(?:\d+|[一二三四五六七八九十]+)(?:位|名)?)+")
_RANK_NUMBER = re.compile(r"\d+|[一二三四五六七八九十]+")
_ALL_ALIKE = re.compile(r"(?:均|都)(?=(?:同比|比上年|较上年)?(?:增长|下降|提高|回落|增加|减少|上升|下滑)[^,;。]{0,4}$)")
_QUOTED = re.compile(r"“[^”]{1,40}”")
_LIST_SEP_VERB = re.compile(r"^(?:、|和|及|与|,)(?P<verb>增长|下降|增加|减少|上升|回落|提高|降低)$")
_ORDINAL_LIST = re.compile(r"第[一二三四五六七八九十](?:、第?[一二三四五六七八九十])+(?P<tail>[\u4e00-\u9fff]+)")
_SHARE_TARGET = re.compile(r"占(.*?)(?:的)?\s*$")
_RATE_FIGURE_END = re.compile(r"\d(?:%|倍|个百分点)")
_FLAT_BASELINE = re.compile(r"(?:同比|与|和|较|比)[^,;。]{0,12}(?:相比)?(?:基本)?$|(?:基本)?$")
_RATE_WORD = re.compile(r"增速|增幅|增长率")
_YOY_WORD = re.compile(r"同比|上年|去年")
_CURRENCY_AFTER = re.compile(r"^(?:元|美元)")
_LATIN_PREFIX = re.compile(r"([A-Za-z]{1,6})$")
_PROJECT_REFERENCE = re.compile(r"^(?:项目|其|共|这些项目|上述项目)")
_CLAUSE_SEP = re.compile(r"[,;:]")
_CATEGORY_TAIL = re.compile(r"(?:的|类)$")
_ENUM_COUNT = re.compile(r"等(\d+|[一二三四五六七八九十]+)(?:个|项)")
_COMMA_OR_SEMICOLON = re.compile(r"[,;]")
_AND_SHORT = re.compile(r"与|和|及")
_SHARE_LEFT = re.compile(r"占[^,;。]*$|比重[为达是]?$|占比[为达是]?$"
                         r"|完成[^,;。\d]{0,10}?(?:年度|全年)?(?:目标|任务|计划)[^,;。]*$"
                         r"|(?:完成|为)(?:年度|全年)[^,;。]*的$")
_RESPECTIVELY_AS = re.compile(r"(?:分别|依次)(?:为|是|达到?)?\s*$")
# 持续6个月稳居全市第一, 连续3年位列全省前十: how long a position has been held is not its measure.
_RANK_DURATION = re.compile(r"(?:已)?(?:持续|连续|已连续)(?:\d+|[一二两三四五六七八九十]+)(?:个)?(?:月|年|季度|周)")
_TRAILING_PERIOD = re.compile(r"(?:前三季度|上半年|下半年|全年|一季度|\d{1,2}(?:-|至)\d{1,2}月|累计|共)+$")
_SPACE_IN_WORDS = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# a count followed by the projects it counts: 218个亿元以上重点工业项目
_PROJECTS_NOUN = re.compile(r"(?:多|余)?([^,;。!?\d()]{0,14}?项目)")
# 一是…, 二是…, (三)…: the numbering of a list of points
_ENUM_OPENER = re.compile(r"^(?:[一二三四五六七八九十]+是|[(（]?[一二三四五六七八九十\d]+[)）、.])")
_AND_STRONG = re.compile(r"和|与")
_ALTERNATIVE_CLASS = re.compile(r"(?:或|、|至|到|-)[^,;。]{0,10}?(?:以上|级)[\u4e00-\u9fff]{0,4}?(?:项目|企业)")
# 比/较 + anything but last year: a baseline other than last year (增幅比轻工业高…)
_OTHER_BASELINE = re.compile(r"(?<![同环])比(?!上年|去年|增|重|例|较)(?:[\u4e00-\u9fff]|\d{1,2}(?:[-至—~]\d{1,2})?月)"
                             r"|较(?!上年|去年|快|慢|大|高|低|好)(?:[\u4e00-\u9fff]|\d{1,2}(?:[-至—~]\d{1,2})?月)")
_RANK_PREPOSITION_END = re.compile(r"(?:在|于|中|上)$")
# 排名由上年第73位上升至第36位: the place it came from is no part of the measure's name
_RANK_FROM = re.compile(r"(?:由|从)(?:上年|去年|上期|上年度)?(?:的)?第?\d+位?"
                        r"(?:上升|提升|前移|跃升|提高|下降|后退|后移|上|下)?(?:至|到|为)?$")
_RANK_WRAPPER = re.compile(r"^在(.+?)(?:中|里|方面)?(?:分别|均)?(?:和|与)?$")
_RANK_MOVE = re.compile(r"(?:前移|上升|提升|提高|前进|后移|下降|后退|进位|跃升)了?$")
# 以总分666.71分(的成绩)再居…: the score a place was ranked by is no part of the measure's name
_RANK_SCORE = re.compile(r"(?:以|凭借)?(?:总分|总得分|综合得分|得分)?\d+(?:\.\d+)?分"
                         r"(?:的(?:成绩|总分|得分))?(?:再|又|继续)?")
_MAG_POWER = {"万亿": 12, "千亿": 11, "百亿": 10, "十亿": 9, "亿": 8, "千万": 7, "百万": 6, "万": 4}
# A size class of projects: 亿元以上, 超10亿元, 百亿级, 投资1000万元以上的.
_THRESHOLD = re.compile(r"(?:(?:计划)?总投资(?:额)?|投资(?:额)?)?(?P<over>超过|超|过|上(?=[亿千万]))?"
                        r"(?P<n>\d+(?:\.\d+)?)?"
                        r"(?P<mag>万亿|千亿|百亿|十亿|千万|百万|亿|万)(?P<cur>元|美元|港元|欧元)?(?:及)?"
                        r"(?P<above>以上|级)?(?:的)?")


@dataclass(slots=True)
class Fig:
    """One figure of a sentence and the role the parser gave it."""

    start: int
    end: int
    amount: Amount
    role: str = "level"
    change: Change | None = None
    lead: int | None = None  # where the verb/connector phrase before the figure starts
    qualifier: str | None = None
    listed: bool = False
    sign: int = 1  # the sign of the change verb (下降 → -1); a figure's own minus is in its value


class Wordless(NamedTuple):
    """A change written without a figure: 翻番, 翻两番, 持平."""

    start: int
    end: int
    word: str


@dataclass(slots=True)
class ParagraphState:
    """Context that outlives a sentence: the last top-level figure (for 其中) and projects."""

    last_top: Indicator | None = None
    last_top_projects: Projects | None = None
    prev_tops: list[Indicator] = field(default_factory=list)


@dataclass(slots=True)
class SentenceState:
    """What the parser knows while walking one sentence."""

    current: Indicator | None = None
    current_share: Indicator | None = None
    pending: list[Indicator] = field(default_factory=list)
    parent: str | None = None
    parent_pool: list[Indicator] = field(default_factory=list)
    parent_projects: Projects | None = None
    parent_until: int | None = None  # where a mid-sentence 其中 stops applying (its clause's ';')
    last_rank: Ranking | None = None  # 总量位居全市第3位,增速位居第1位: the second shares the first's field
    projects: Projects | None = None
    children: int = 0


def _strip_chars(s: str) -> str:
    return s.strip(" ,;:、" + _QUOTE_CHARS)


class DocumentParser:
    """Extracts indicator, projects and ranking facts from one normalised document."""

    def __init__(self, norm: NormText, *, published: str | None, main_subject: str | None,
                 finder: SubjectFinder, title_period: PeriodMention | None = None,
                 title_year: PeriodMention | None = None) -> None:
        self.norm = norm
        self.text = norm.text
        self.published = published
        self.main = main_subject
        self.finder = finder
        self.g: Grammar = grammar()
        self.title_period = title_period
        self.title_year = title_year
        self.facts: list[Indicator | Projects | Ranking] = []
        self.all_projects: list[Projects] = []
        self._child_projects: set[int] = set()
        self._noun_end = 0
        self._sent_start = 0
        self._sent_end = 0
        self._sent_first_fact = 0
        self._subject_ends: dict[int, int] = {}
        self._carried_period: PeriodMention | None = None
        self._carried_year: PeriodMention | None = None
        self._para_first_fact = 0
        self._para_start = 0
        self._goal_sentence = -1
        self._goal_first: int | None = None
        self._goal_closing = False
        self._baseline_end = re.compile(rf"(?:{self.g.basis_any.pattern}|分别|依次|均|累计|同期|)$")
        self.person_orgs: list[tuple[int, int, str]] = []  # (sentence start, sentence end, org)

    # ------------------------------------------------------------------ paragraph level
    def note_paragraph(self, para: Span) -> None:
        """A paragraph without figures still moves the period and the year on (去年,… then figures)."""
        self._periods = find_periods(self.text[para.start:para.end], para.start)
        self._carry(self._periods)

    def _carry(self, periods: list[PeriodMention]) -> None:
        years = [p for p in periods if p.year is not None]
        if years:
            self._carried_year = years[-1]
        # the span a paragraph spoke of goes on in the next one (前三季度, …), a single month does not
        spans = [p for p in periods if p.kind in ("span", "cumulative", "ytd") and p.start is not None]
        if spans:
            self._carried_period = spans[-1].with_year_from(
                next((p for p in reversed(periods) if p.year is not None or p.rel_year is not None), None))

    def parse_paragraph(self, para: Span) -> None:
        """Parse every sentence of one body paragraph."""
        text = self.text
        self._para_start = para.start
        self._periods = find_periods(text[para.start:para.end], para.start)
        self._period_pos = [p.pos for p in self._periods]
        # the entity each clause opens with; sentences without figures only need their first
        # clause looked at (a subject named there still governs what follows)
        subj: list[tuple[int, str]] = []
        sents = sentences(text, para)
        for sent in sents:
            with_figures = MAY_HOLD_FIGURES.search(text, sent.start, sent.end) is not None
            for cl in clauses(text, sent) if with_figures else clauses(text, sent)[:1]:
                mention = self.finder.clause_subject(text, cl.start, cl.end)
                if mention is not None:
                    subj.append((cl.start, mention.name))
                    self._subject_ends[cl.start] = mention.end
        self._subjects = subj
        self._subject_pos = [s[0] for s in subj]
        state = ParagraphState()
        self._para_first_fact = len(self.facts)
        for sent in sents:
            self._parse_sentence(sent, state)
        self._carry(self._periods)

    # ------------------------------------------------------------------ context lookups
    def _period_at(self, pos: int, sent: Span, *, target: bool, name: str = "") -> str | None:
        i = bisect.bisect_right(self._period_pos, pos) - 1
        mention: PeriodMention | None = None
        year_from: PeriodMention | None = None
        while i >= 0:
            p = self._periods[i]
            if mention is None:
                mention = p
            elif p.year is not None or p.rel_year is not None:
                year_from = p
                break
            i -= 1
        if mention is not None and target and mention.pos < sent.start and not _ANNUAL_NAME.match(name):
            mention = None
        if mention is None:
            if target:
                return None
            mention = self._carried_period or self.title_period
        if mention is None:
            return None
        if mention.kind == "year":
            mention = PeriodMention(mention.pos, mention.end_pos, mention.year, mention.rel_year, 1, 12, "span")
        elif not target and mention.pos < sent.start and self.g.stock_now.search(self.text, sent.start, pos):
            return None  # a stock "now", with no period of its own (FACTS.md: 目前 / 已 → null)
        mention = mention.with_year_from(year_from).with_year_from(self.title_year)
        if mention.pos < self._para_start:
            pass
        elif year_from is None:
            mention = mention.with_year_from(self._carried_year)
        if self.g.stock_name.search(name) and mention.end is not None and mention.kind in ("cumulative", "span"):
            mention = PeriodMention(mention.pos, mention.end_pos, mention.year, mention.rel_year,
                                    mention.end, mention.end, "month_end")
        resolved = resolve_period(mention, self.published)
        if resolved and _ANNUAL_NAME.match(name):
            year = resolved[:4]  # a plan for the year of the period in force
            return f"{year}-01/{year}-12"
        return resolved

    def _subject_at(self, pos: int, sent: Span) -> str | None:
        for s0, s1, org in self.person_orgs:
            if s0 <= pos < s1:
                i = bisect.bisect_right(self._subject_pos, pos) - 1
                if i < 0 or self._subjects[i][0] < s0 or self._subjects[i][1].startswith(MAIN) or \
                        self._subjects[i][1] in words("entity", "zone_suffixes"):
                    return org
        i = bisect.bisect_right(self._subject_pos, pos) - 1
        name = self._subjects[i][1] if i >= 0 else MAIN
        if name.startswith(MAIN):
            return self.finder.resolve_main(name, self.main)
        return self.finder.resolve_bare(name, self.main)

    def _target_at(self, pos: int, sent: Span) -> bool:
        """A goal word before ``pos`` in the sentence, or a 为…目标 closing it after."""
        if self._goal_sentence != sent.start:
            self._goal_sentence = sent.start
            self._goal_first = next((m.start() for m in self.g.target.finditer(self.text, sent.start, sent.end)),
                                    None)
            self._goal_closing = bool(_GOAL_AFTER.search(self.text, sent.start, sent.end))
        first = self._goal_first
        if first is not None and (first < pos or self._goal_closing):
            return True
        clause_start = max(self.text.rfind(",", sent.start, pos), self.text.rfind(";", sent.start, pos),
                           sent.start - 1) + 1
        return bool(self.g.target_clause.search(self.text, clause_start, pos))

    def _estimate_at(self, pos: int, sent: Span) -> bool:
        seg_start = max(sent.start, self.text.rfind(";", sent.start, pos) + 1)
        return bool(self.g.estimate.search(self.text, seg_start, pos))

    # ------------------------------------------------------------------ figures
    def _scan(self, sent: Span, blocked: list[tuple[int, int]]) -> list[Fig]:
        text = self.text
        g = self.g
        out: list[Fig] = []
        for m in figure_regex().finditer(text, sent.start, sent.end):
            if blocked and any(a <= m.start() < b for a, b in blocked):
                continue
            num = m.group("num")
            if num and not (m.group("unit") or m.group("mag")):
                if not num[0].isdigit():
                    if num not in _BARE_MAGNITUDES:
                        continue  # 一般, 一是: a Chinese numeral with no unit is no figure (and cn2an is slow)
                elif text[m.end():m.end() + 1] not in _LIST_CHARS:
                    continue  # a year, a day, an ordinal: a bare number only counts inside a list
            amount = parse_amount(m)
            if amount is None:
                continue
            start, end = m.start(), m.end()
            before = text[max(sent.start, start - 12):start]
            after = text[end:min(sent.end, end + 16)]
            num = m.group("num") or ""
            chinese = bool(num) and not num[0].isdigit()
            if before.endswith(("第", "前")) and not before.endswith(("提前", "目前", "当前")):
                continue
            if not chinese and before[-1:].isascii() and before[-1:].isalpha():
                continue  # PM2.5, G20: a digit glued to letters is part of a name
            if g.not_after.match(after) \
                    and amount.unit is None:
                continue
            if amount.kind == "number":
                if chinese:
                    if num in _BARE_MAGNITUDES and (after.startswith("级") or _CJK.match(after)):
                        role = "threshold" if _CLASS_OF_PROJECTS.match(after) else "bare_mag"
                        out.append(Fig(start, end, amount, role=role))
                    continue
                if _LIST_CONTINUES.match(after):
                    out.append(Fig(start, end, amount, role="bare"))
                continue
            if chinese and amount.kind in ("count", "person") and amount.value < 10:
                continue  # 两个维护, 三大战略: slogans, not counts
            if chinese and amount.kind not in ("money",) and m.group("mag") is None and amount.value < 100 \
                    and amount.kind != "percent":
                continue
            if amount.kind in ("count", "person") and before.endswith("等") and not _PROJECT_NOUN_AFTER.match(after):
                continue  # 等8项指标, 等5个区域: the size of an enumeration (but 等27个项目 counts them)
            if amount.kind in ("count", "person") and g.group_after.match(after):
                continue  # 49个国家级开发区: a group of places is a subject
            if amount.kind == "count" and g.not_a_count.match(after):
                continue
            if amount.kind in ("count", "person") and g.duration.match(after):
                continue  # 6个月, 3个工作日: a duration
            if amount.kind == "person" and _RANK_MOVE.search(before):
                continue  # 排名前移46位: places moved in a ranking, not persons
            if text[start - 1:start] == "(" and text[end:end + 1] == ")":
                continue  # 高于全省平均增速(16.8%)0.73个百分点: an aside in parentheses
            fig = Fig(start, end, amount)
            if amount.kind == "money" and self._is_threshold(start, end, sent):
                fig.role = "threshold"
            out.append(fig)
        # the unit of a list's last figure applies to bare numbers before it (0.74和19.33个百分点)
        for i in range(len(out) - 1, -1, -1):
            f = out[i]
            if f.role == "bare" and i + 1 < len(out) and out[i + 1].amount.unit is not None:
                nxt = out[i + 1]
                if _LIST_SEP.match(text[f.end:nxt.start].strip() or "x"):
                    a = nxt.amount
                    value = f.amount.value
                    if a.kind in ("money", "count", "person", "energy", "mass", "area", "volume", "teu",
                                  "power", "length", "other") and nxt.amount.value != 0:
                        unit_factor = self._unit_factor(nxt)
                        value = value * unit_factor
                    f.amount = Amount(value, a.unit, a.kind, f.amount.more)
                    f.role = "level"
        return [f for f in out if f.role != "bare"]

    def _unit_factor(self, fig: Fig) -> Decimal:
        """The multiplier a bare number takes from the unit of the figure after it (亿元 → 1e8)."""
        m = figure_regex().match(self.text, fig.start, fig.end)
        if m is None:
            return Decimal(1)
        raw = parse_number(m.group("num") or "1") or Decimal(1)
        return fig.amount.value / raw if raw else Decimal(1)

    def _is_threshold(self, start: int, end: int, sent: Span) -> bool:
        text = self.text
        after = text[end:min(sent.end, end + 20)]
        before = text[max(sent.start, start - 4):start]
        above = self.g.threshold_after.match(after)
        if above:
            rest = after[above.end():]
            if _PROJECTS_AFTER_CLASS.match(rest) or self.g.class_of_units.match(rest):
                return True
        if _ALTERNATIVE_CLASS.match(after):
            return True  # 100亿元或10亿美元以上大项目
        # 超亿元项目, 超10亿元企业: a size class, not an amount
        return bool(_OVER_BEFORE.search(before) and (_PROJECT_NOUN_AFTER.match(after)
                                                     or self.g.class_of_units.match(after)))

    # ------------------------------------------------------------------ changes
    def _classify(self, fig: Fig, region_start: int, sent: Span) -> None:
        """Decide whether a figure is a change (and which), a share or a level."""
        text = self.text
        g = self.g
        left = text[region_start:fig.start]
        a = fig.amount
        m = g.level_to_end.search(left)
        if m and m.end() == len(left):
            return
        if a.kind == "pp" and "拉动" in left:
            return  # 拉动增长17.1个百分点: a contribution, itself a figure in percentage points
        if a.kind == "pp" and "下拉" in left:
            fig.amount = Amount(-a.value, a.unit, a.kind, a.more)
            return  # 下拉增速1.1个百分点: a contribution that pulls down
        cmp_first = g.comparative_end.search(left) if a.kind in ("percent", "pp", "times") else None
        m = None if cmp_first else g.change_end.search(left)
        if m:
            verb = m.group("verb")
            rate_only = verb in g.pct_only and a.kind not in ("percent", "pp", "times")
            # 提高, 最高, 新增: a one-character verb that is the end of another word
            part_of_word = verb in _ONE_CHAR_VERBS and left[:m.start()].endswith(("提", "最", "较", "新", "倍", "翻"))
            if rate_only or part_of_word:
                m = None
        cmp_m = None if m else cmp_first
        if cmp_m and a.kind not in ("percent", "pp", "times"):
            cmp_m = None
        if not m and not cmp_m:
            if a.kind == "pp":
                # a bare pp figure after a comparison in this clause (高于全省2.5个百分点、全市1.3个百分点)
                clause_start = max(text.rfind(",", 0, fig.start), text.rfind(";", 0, fig.start),
                                   text.rfind("。", 0, fig.start)) + 1
                left = text[min(clause_start, region_start):fig.start]
                region_start = min(clause_start, region_start)
                verb_m = self.g.pp_verb.search(left)
                if verb_m is None:
                    return
                fig.role = "change"
                fig.lead = region_start + verb_m.start()
                sign = -1 if verb_m.group(0) in self.g.pp_down else 1
                basis = self._basis(text[region_start:fig.start], default="other" if verb_m.group(0) in (
                    "高于", "低于", "高出", "快于", "慢于") else "yoy")
                fig.change = Change(basis=basis, pp=sign * a.value)
                return
            if a.kind == "percent" and self._is_share(left):
                fig.role = "share"
            return
        if m:
            verb = m.group("verb")
            lead = region_start + m.start()
            fig.qualifier = _qual_word(m.group("q"))
            basis_region = text[region_start:lead]
        else:
            assert cmp_m is not None
            verb = cmp_m.group("verb")
            lead = region_start + cmp_m.start()
            basis_region = text[region_start:fig.start]
        sign = self._sign(verb, text[max(region_start, lead - 4):lead + len(verb)],
                          text[max(region_start, lead - 14):lead + len(verb)])
        fig.sign = sign
        if cmp_m or verb in ("高于", "低于", "快于", "慢于", "高出", "超出"):
            basis = "other"
        else:
            basis = self._basis(basis_region)
        fig.role = "change"
        fig.lead = self._lead_start(lead, region_start)
        value = a.value * sign
        if a.kind == "percent":
            fig.change = Change(basis=basis, pct=value)
        elif a.kind == "pp":
            fig.change = Change(basis=basis, pp=value)
        elif a.kind == "times":
            fig.change = Change(basis=basis, pct=value * 100)
        else:
            fig.change = Change(basis=basis, abs=value)

    def _lead_start(self, lead: int, region_start: int) -> int:
        """Move a change's lead back over its baseline words (同比, 比上年同期, 较年初 …)."""
        text = self.text
        pos = lead
        while True:
            m = self._baseline_end.search(text[region_start:pos])
            if not m or m.start() == m.end():
                break
            pos = region_start + m.start()
        return pos

    def _sign(self, verb: str, around: str, before: str = "") -> int:
        g = self.g
        for ph in g.phrase_up:
            if ph in around:
                return 1
        for ph in g.phrase_down:
            if ph in around:
                return -1
        if g.phrase_split_up.search(before):
            return 1
        if g.phrase_split_down.search(before):
            return -1
        return -1 if verb in g.down_words else 1

    def _basis(self, region: str, default: str = "yoy") -> str:
        if _OTHER_BASELINE.search(region):
            return "other"  # 增幅比轻工业高…, 较全省…: a baseline other than last year
        found = {m.group(0) for m in self.g.basis_any.finditer(region)}
        sets = self.g.basis_sets
        if found & sets["avg2y"]:
            return "avg2y"
        if found & sets["other"] and not (found & sets["yoy"] and not (found - sets["yoy"]) & sets["other"]):
            return "other"
        if found & sets["yoy"]:
            return "yoy"
        return default

    @staticmethod
    def _is_share(left: str) -> bool:
        return bool(_SHARE_LEFT.search(left))

    # ------------------------------------------------------------------ names
    def _clean_name(self, start: int, end: int, sent: Span) -> tuple[str, int, dict[str, bool]]:
        """Trim a name region to the indicator's name; returns (name, start, flags)."""
        text = self.text
        g = self.g
        flags = {"estimate": False, "qualifier": None, "subject_cut": False}
        s, e = start, end
        # a subject named at the start of the clause ends before the name (这49个国家级开发区实现…)
        i = bisect.bisect_right(self._subject_pos, s) - 1
        if i >= 0:
            subj_end = self._subject_ends.get(self._subjects[i][0], -1)
            if s <= subj_end < e:
                s = subj_end
        # one pass over the usual openers (其中, 全区, 1-9月, 预计, 完成 …)
        pm = g.name_prefix.match(text, s, e)
        if pm and pm.end() < e:
            if g.estimate.search(text, s, pm.end()):
                flags["estimate"] = True
            s = pm.end()
        for _ in range(8):
            seg = text[s:e]
            m = g.lead_noise.match(seg) or g.subject_refs.match(seg) or g.period_words.match(seg)
            if m and m.end() > 0:
                s += m.end()
                continue
            m = g.estimate.match(seg)
            if m:
                flags["estimate"] = True
                s += m.end()
                continue
            m = g.lead_verbs.match(seg)
            if m and m.end() < len(seg):
                s += m.end()
                continue
            break
        seg = text[s:e]
        # text before a realisation verb is the subject, a clause, or the owner of the measure
        sm = _last_match(g.split_verbs, seg)
        if sm is not None and sm.end() < len(seg):
            head = seg[:sm.start()]
            tail_start = s + sm.end()
            owner = self._owner(head)
            if owner:
                name_text = owner + text[tail_start:e]
                return self._finish(name_text, s + head.rfind(owner) if owner in head else tail_start, flags)
            s = tail_start
            m = g.lead_verbs.match(text[s:e])
            if m and m.end() < e - s:
                s += m.end()
        return self._finish(text[s:e], s, flags)

    def _finish(self, name: str, start: int, flags: dict) -> tuple[str, int, dict]:
        g = self.g
        m = g.trail_verbs.search(name)
        if m and m.start() > 0:
            tail = name[m.start():]
            for w, q in (("约", "approx"), ("近", "approx"), ("超过", "at_least"), ("超", "at_least"),
                         ("突破", "at_least"), ("逾", "at_least"), ("预计", "estimate")):
                if w in tail:
                    if q == "estimate":
                        flags["estimate"] = True
                    else:
                        flags["qualifier"] = q
                    break
            name = name[:m.start()]
        name = _PAREN.sub("", name)
        name = self.g.inner_noise.sub("", name)
        name = _SPACE_IN_WORDS.sub("", name)
        name = name.translate(_NO_QUOTES)
        name = _strip_chars(name)
        # drop a leading period or subject word left inside (全区规模以上… / 1-9月…)
        for _ in range(3):
            m = g.period_words.match(name) or g.subject_refs.match(name) or g.lead_noise.match(name)
            if m and m.end() < len(name):
                start += m.end()
                name = name[m.end():]
            else:
                break
        return name, start, flags

    def _owner(self, head: str) -> str | None:
        """The owner noun phrase at the end of ``head`` (规上工业企业 in 全区规上工业企业实现产值)."""
        g = self.g
        head = _strip_chars(head)
        head = _TRAILING_PERIOD.sub("", head)
        if not head or not g.owner_tail.search(head):
            return None
        head = _CLAUSE_SEP.split(head)[-1]
        for _ in range(4):
            m = g.lead_noise.match(head) or g.subject_refs.match(head) or g.period_words.match(head)
            if m and m.end() < len(head):
                head = head[m.end():]
            else:
                break
        head = _LEADING_COUNT.sub("", head)
        if self.main and head.startswith(self.main):
            head = head[len(self.main):]
        return head or None

    def _topic_before(self, pos: int, sent: Span) -> str | None:
        """The topic of the clause before ``pos`` (建筑行业 in 建筑行业提速发展,产值…)."""
        text = self.text
        floor = self._para_start
        prev_end = max(text.rfind(",", floor, pos), text.rfind("。", floor, pos), text.rfind(";", floor, pos))
        if prev_end < 0 or (prev_end < sent.start and text[prev_end] != "。"):
            return None
        prev_start = max(text.rfind(",", floor, prev_end), text.rfind(";", floor, prev_end),
                         text.rfind("。", floor, prev_end), floor - 1) + 1
        clause = _ENUM_OPENER.sub("", text[prev_start:prev_end])
        if _DIGIT.search(clause):
            return None
        m = self.g.topic_break.search(clause)
        if not m or m.start() < 2:
            return None
        topic = _strip_chars(clause[:m.start()])
        return topic or None

    def _split_names(self, region: str, n: int) -> list[str] | None:
        """Split an enumeration into ``n`` names, sharing a trailing measure head."""
        g = self.g
        region = _strip_chars(region)
        region = _RESPECTIVELY_END.sub("", region)
        for _ in range(3):
            m = g.basis_any.search(region)
            if m and m.end() == len(region):
                region = region[:m.start()]
            else:
                break
        region = _strip_chars(region)
        head_suffix = ""
        tail = g.enum_tail.search(region)
        if tail:
            head_suffix = tail.group("head") or ""
            region = region[:tail.start()]
        last_clause = _SEMICOLON.split(region)[-1]
        # …企业增长较快,分别增长…: the predicate after the names is no part of them
        last_clause = _strip_chars(last_clause)
        pred = _last_match(g.topic_break, last_clause)
        if pred is not None and pred.end() == len(last_clause) and pred.start() > 0:
            last_clause = _strip_chars(last_clause[:pred.start()])
        candidates = []
        by_dun = _DUN.split(_COMMA.split(last_clause)[-1] if "、" in last_clause else last_clause)
        candidates.append(by_dun)
        candidates.append([p for part in by_dun for p in _AND_STRONG.split(part)])
        candidates.append([p for part in by_dun for p in _AND.split(part)])
        candidates.append(last_clause.split(","))
        items = None
        for c in candidates:
            c = [_strip_chars(x) for x in c]
            c = [x for x in c if x]
            if len(c) == n:
                items = c
                break
            if len(c) > n and c is candidates[-1]:
                items = c[-n:]
                break
        if items is None:
            return None
        items = [self._clean_list_item(x) for x in items]
        ordinals = _ORDINAL_LIST.fullmatch("、".join(items))
        if ordinals:
            # 第二、三产业增加值: ordinals sharing everything after them
            tail = ordinals.group("tail")
            return ["第" + x.lstrip("第")[0] + tail for x in items]
        # a measure head written once at the end belongs to every item (…、锂离子电池产量); in a
        # share it starts at the measure before 占 (甲、乙产值占规上工业比重 → 甲产值占规上工业比重)
        last = items[-1]
        k = last.find("占")
        hm = g.shared_head.search(last[:k]) if k > 0 else None
        hm = hm or (g.shared_head.search(last) if k <= 0 else None)
        start = hm.start() if hm else k
        if start > 0:
            head = last[start:]
            items = [x if g.shared_head.search(x) or "占" in x else x + head for x in items]
        if head_suffix:
            items = [x + head_suffix for x in items]
        items = [_RATE_HEAD_END.sub("", x) if len(x) > 3 else x for x in items]
        return items if all(items) else None

    def _clean_list_item(self, item: str) -> str:
        g = self.g
        for _ in range(4):
            m = g.lead_noise.match(item) or g.period_words.match(item) or g.subject_refs.match(item)
            if m and m.end() < len(item):
                item = item[m.end():]
            else:
                break
        item = _PAREN.sub("", item)
        return _strip_chars(item.translate(_NO_QUOTES))

    # ------------------------------------------------------------------ fact construction
    def _new_indicator(self, name: str, name_start: int, fig: Fig, sent: Span, flags: dict,
                       st: SentenceState, *, value: bool = True, share: bool = False) -> Indicator:
        pos = fig.start
        target = bool(flags.get("target")) or self._target_at(pos, sent)
        qualifier = None
        if target:
            qualifier = "target"
        elif flags.get("estimate") or self._estimate_at(pos, sent):
            qualifier = "estimate"
        else:
            qualifier = flags.get("qualifier") or fig.qualifier or self._local_qualifier(fig)
        if not target and _PLAN_WORD.search(name) and not share and "占" not in name:
            qualifier = "target"
            target = True
        period = self._period_at(pos, sent, target=target, name=name)
        quote_start = min(name_start, fig.start)
        ind = Indicator(
            subject=self._subject_at(pos, sent),
            name=name,
            period=period,
            value=fig.amount.value if value else None,
            unit=fig.amount.unit if value else None,
            change=fig.change if not value else None,
            qualifier=qualifier,
            parent=None,
            rule="indicator.v1",
        )
        self._set_quote(ind, quote_start, fig.end)
        if st.parent and not share:
            ind.parent = self._parent_for(ind, st)
        self.facts.append(ind)
        return ind

    def _parent_for(self, ind: Indicator, st: SentenceState) -> str | None:
        """The whole a 其中 component belongs to: the most similar figure just given, else the last.

        A component that repeats a figure already given for the same subject is a re-mention,
        not a component (其中工业总产值和税收收入增幅分别高于… after a list of growth rates).
        """
        best, best_ratio = None, 0.0
        for cand in st.parent_pool:
            ratio = _name_ratio(cand.name, ind.name)
            if ratio > best_ratio:
                best, best_ratio = cand, ratio
        if best is not None and best_ratio >= 0.6:
            if best.subject == ind.subject and _same_name(best.name, ind.name):
                return None
            return best.name
        if st.parent and _same_name(st.parent, ind.name):
            return None
        return st.parent

    def _local_qualifier(self, fig: Fig) -> str | None:
        text = self.text
        before = text[max(0, fig.start - 3):fig.start]
        after = text[fig.end:fig.end + 4]
        m = self.g.qual_before.search(before)
        if m:
            return _qual_word(m.group("q"))
        m = self.g.qual_after.match(after)
        if m:
            return _qual_word(m.group("q"))
        if fig.amount.more:
            return "at_least"
        return None

    def _set_quote(self, fact: Indicator | Projects | Ranking, start: int, end: int) -> None:
        quote, rs, re_ = self.norm.quote(start, end)
        fact.quote, fact.start, fact.end = quote, rs, re_

    def _extend_quote(self, fact: Indicator | Projects | Ranking, end: int) -> None:
        norm_start = self._norm_pos(fact.start)
        self._set_quote(fact, norm_start, end)

    def _norm_pos(self, raw_pos: int) -> int:
        if self.norm.index is None:
            return raw_pos
        return bisect.bisect_left(self.norm.index, raw_pos)

    def _attach_change(self, target: Indicator, fig: Fig, sent: Span, st: SentenceState) -> Indicator:
        """Put a change on the figure just named, or make it a fact of its own (a second change)."""
        if target.change is None and target.value is not None:
            target.change = fig.change
            self._extend_quote(target, fig.end)
            return target
        extra = Indicator(subject=target.subject, name=target.name, period=target.period, value=None, unit=None,
                          change=fig.change, qualifier=target.qualifier, parent=target.parent,
                          rule="indicator.change.v1")
        self._set_quote(extra, self._norm_pos(target.start), fig.end)
        self.facts.append(extra)
        return extra

    # ------------------------------------------------------------------ the sentence walk
    def _parse_sentence(self, sent: Span, pst: ParagraphState) -> None:
        text = self.text
        if not MAY_HOLD_FIGURES.search(text, sent.start, sent.end):
            return
        self._sent_start, self._sent_end = sent.start, sent.end
        first_fact = self._sent_first_fact = len(self.facts)
        rank_hits = list(self.g.ranking.finditer(text, sent.start, sent.end))
        if rank_hits and "“" in text[sent.start:sent.end]:
            # “2023中国省级开发区高质量发展百强榜”: a ranking's title in quotes is no ranking
            titles = [(m.start(), m.end()) for m in _QUOTED.finditer(text, sent.start, sent.end)]
            rank_hits = [h for h in rank_hits if not any(a < h.start() < b for a, b in titles)]
        blocked = [(h.start(), h.end()) for h in rank_hits]
        # 三次产业结构由8.1:45.2:46.7调整为…, 产业结构由上年的22.3%、28.6%和49.1%调整为…: a structure, no facts
        blocked += [(m.start(), m.end()) for m in _STRUCTURE.finditer(text, sent.start, sent.end)]
        figs = self._scan(sent, blocked)
        doubles = [Wordless(m.start(), m.end(), m.group(0)) for m in self.g.double.finditer(text, sent.start, sent.end)]
        doubles += [Wordless(m.start(), m.end(), "持平") for m in self.g.flat.finditer(text, sent.start, sent.end)]
        st = SentenceState()
        if _STARTS_WITH_QIZHONG.match(text[sent.start:sent.end]) and pst.last_top is not None:
            st.parent = pst.last_top.name
            st.parent_pool = list(pst.prev_tops)
            st.parent_projects = pst.last_top_projects
        # the figures, figure-less changes and rankings of the sentence, in text order
        events: list[Fig | Wordless | re.Match[str]] = [*figs, *doubles, *rank_hits]
        events.sort(key=lambda e: e.start() if isinstance(e, re.Match) else e.start)
        cursor = sent.start
        i = 0
        while i < len(events):
            item = events[i]
            if isinstance(item, re.Match):
                self._ranking(item, sent, st, cursor)
                cursor = max(cursor, item.end())
                i += 1
                continue
            if isinstance(item, Wordless):
                self._double(item, sent, st, cursor)
                cursor = item.end
                i += 1
                continue
            fig = item
            if st.parent_until is not None and fig.start > st.parent_until:
                st.parent, st.parent_pool, st.parent_until = None, [], None
            self._mark_qizhong(cursor, fig.start, st, pst)
            if fig.role in ("threshold",):
                i += 1
                continue
            region_start = self._region_start(cursor, fig.start, sent)
            if fig.role == "bare_mag":
                self._bare_magnitude(fig, sent, st)
                cursor = fig.end
                i += 1
                continue
            self._classify(fig, region_start, sent)
            # gather a list: figures of the same role joined only by 、/和/及/与
            group = [fig]
            j = i + 1
            while j < len(events) and isinstance(events[j], Fig):
                nxt = events[j]
                assert isinstance(nxt, Fig)
                sep = text[group[-1].end:nxt.start]
                # 分别下降3.2%和增长5.6%: a list of changes may give each its own verb
                own_verb = _LIST_SEP_VERB.match(sep.strip()) if fig.role == "change" else None
                if not (_LIST_SEP.match(sep.strip() or "x") or own_verb) or nxt.role == "threshold":
                    break
                if fig.role == "change":
                    nxt.role = "change"
                    sign = self._sign(own_verb.group("verb"), own_verb.group("verb")) if own_verb else fig.sign
                    nxt.change = _same_kind_change(fig.change, nxt.amount, sign)
                elif fig.role == "share":
                    nxt.role = "share"
                elif fig.role == "level" and not _RESPECTIVELY_AS.search(text, region_start, fig.start):
                    break
                else:
                    nxt.role = fig.role
                group.append(nxt)
                j += 1
            if len(group) > 1 or (fig.role == "change" and _RESPECTIVELY.search(text[region_start:fig.start])):
                self._list(group, region_start, sent, st, pst)
            elif fig.role == "change" and self._all_alike(fig, region_start, sent, st):
                pass
            elif fig.role == "change":
                self._change(fig, region_start, sent, st)
            elif fig.role == "share":
                self._share(fig, region_start, sent, st)
            else:
                self._level(fig, region_start, sent, st, pst)
            cursor = group[-1].end
            i = j
        if st.projects is not None and st.parent_projects is None:
            pst.last_top_projects = st.projects

        # remember the sentence's top figures for a 其中 in the next sentence
        tops = self._tops_since(first_fact)
        if tops:
            pst.last_top = tops[-1]
            pst.prev_tops = tops

    def _tops_since(self, first: int) -> list[Indicator]:
        """Top-level figures (no parent, not a share) among the facts created since index ``first``."""
        return [f for f in self.facts[first:] if isinstance(f, Indicator) and f.parent is None and "占" not in f.name]

    def _region_start(self, cursor: int, pos: int, sent: Span) -> int:
        text = self.text
        clause_start = max(text.rfind(",", sent.start, pos), text.rfind(";", sent.start, pos),
                           text.rfind(":", sent.start, pos)) + 1
        return max(cursor, clause_start, sent.start)

    def _mark_qizhong(self, cursor: int, pos: int, st: SentenceState, pst: ParagraphState) -> None:
        text = self.text
        k = text.rfind("其中", cursor, pos)
        if k < 0:
            return
        top = st.current if st.current is not None and st.current.parent is None else pst.last_top
        # 签约内资项目19个,其中5000万元以上项目2个: a 其中 of projects makes no indicator a whole
        of_projects = st.projects is not None and _QIZHONG_PROJECTS.match(text, k + 2)
        if st.parent is None and top is not None and not of_projects:
            st.parent = top.name
            # …,其中A;B: a 其中 inside a sentence covers its own clause (but 其中:A;B lists the parts)
            if _STARTS_WITH_QIZHONG.match(text[self._sent_start:k + 2]) is None and text[k + 2:k + 3] != ":":
                end = text.find(";", k, self._sent_end)
                st.parent_until = end if end >= 0 else None
            st.parent_pool = self._tops_since(self._sent_first_fact)
            if not st.parent_pool:
                st.parent_pool = list(pst.prev_tops)
        if st.parent_projects is None and st.projects is not None:
            st.parent_projects = st.projects

    # ------------------------------------------------------------------ roles
    def _level(self, fig: Fig, region_start: int, sent: Span, st: SentenceState, pst: ParagraphState) -> None:
        text = self.text
        name, name_start, flags = self._clean_name(region_start, fig.start, sent)
        a = fig.amount
        region = text[region_start:fig.start]
        prenominal = None
        if not name or self.g.subject_refs.fullmatch(name) or (
                self._target_verb_before(region) and self._qualifies_noun(fig, sent)):
            prenominal = self._noun_after(fig, sent)
        # project counts (…项目10个, 330个重点项目, 等27个项目实现达产)
        if a.kind == "count" and not prenominal:
            pm = _PROJECTS_NOUN.match(text, fig.end, sent.end)
            if pm:
                prenominal = pm.group(1)
                self._noun_end = pm.end(1)
        if a.kind == "count" and self._stage_count(name, fig):
            prenominal = prenominal or ""
        if a.kind == "count" and ("项目" in name or (prenominal is not None and (
                "项目" in prenominal or self._stage_count(name, fig)))
                                  or (st.projects is not None and name.endswith("的"))
                                  or (st.projects is not None and name == "" and st.children)):
            self._project_count(fig, name, name_start, prenominal, region_start, sent, st, pst)
            return
        if a.kind == "money" and self._investment_name(name) and (
                st.projects is not None or self._projects_in_paragraph()):
            self._project_investment(fig, st)
            return
        if a.kind == "money" and self._investment_name(name) and self._single_project(fig, name_start, sent):
            return
        if a.kind == "money" and _THESE.search(region) and "项目" in region and self._investment_name(
                _UP_TO_PROJECT.sub("", name)):
            for p in reversed(self.all_projects):
                if p.investment is None:
                    p.investment = a.value
                    self._extend_quote(p, fig.end)
                    return
        if prenominal:
            if a.kind not in ("count", "person"):
                if not (self._target_at(fig.start, sent) or self._target_verb_before(region)):
                    return
                if prenominal.endswith(words("name", "facility_heads")):
                    return  # 30万吨工业水厂: the size of a facility is part of its name
                flags["target"] = True
            name = prenominal
            name_start = fig.start
        if st.current is not None and not prenominal and (
                self._only_subject(region_start, fig.start) or name in ("达到", "达", "为", "是", "增至")):
            # 开发区直接利用外资9.32亿元;保税区3.9亿元: the measure just named, for another subject
            name = st.current.name
            name_start = region_start + len(self.text[region_start:fig.start]) - len(
                self.text[region_start:fig.start].lstrip(" ,;:、"))
        if len(name) < 2:
            return
        if not prenominal and a.kind not in ("count", "person", "percent") and self._qualifies_noun(fig, sent):
            return
        if (self.g.back_ref.match(name) and len(name) <= 3) or name in words("name", "generic_heads"):
            topic = self._topic_before(region_start, sent)
            if topic:
                name = topic + name
            elif name == "投资" and st.projects is not None:
                # 新开工产业项目15个,完成投资42.3亿元: what the projects just counted have invested
                name = (st.projects.category or "") + "项目完成投资"
        ind = self._new_indicator(name, name_start, fig, sent, flags, st)
        if prenominal:
            self._set_quote(ind, self._norm_pos(ind.start), self._noun_end)
        st.current = ind
        st.pending.append(ind)
        if ind.parent is None:
            pst.last_top = ind

    def _after_subject(self, start: int, end: int) -> int:
        """Where a region starting a clause goes on after the entity opening it (青岛开发区|在…中居首位)."""
        i = bisect.bisect_right(self._subject_pos, start) - 1
        if i < 0 or self._subjects[i][0] < start - 1:
            return start
        subj_end = self._subject_ends.get(self._subjects[i][0], -1)
        return subj_end if start <= subj_end <= end else start

    def _only_subject(self, start: int, end: int) -> bool:
        """Whether the name region holds nothing but the entity that opens the clause."""
        after = self._after_subject(start, end)
        return after > start and not _strip_chars(self.text[after:end])

    def _target_verb_before(self, region: str) -> bool:
        m = _last_match(self.g.target_verbs, region)
        return m is not None and m.end() == len(region.rstrip())

    def _qualifies_noun(self, fig: Fig, sent: Span) -> bool:
        """亿元企业, 30万吨工业水厂, 16MW屋顶光伏: a figure that sizes the noun after it."""
        after = self.text[fig.end:min(sent.end, fig.end + 3)]
        return bool(after) and bool(_CJK.match(after)) and not self.g.after_value.match(after)

    def _noun_after(self, fig: Fig, sent: Span) -> str | None:
        """The noun phrase right after a figure (188家规上工业企业, 100GWh动力、储能电池产能)."""
        text = self.text
        after = text[fig.end:sent.end]
        m = _NOUN_AFTER.match(after)
        if not m:
            return None
        noun = _strip_chars(m.group(1).translate(_NO_QUOTES).split("的")[0])
        if len(noun) < 2 or self.g.change_end.search(noun[:2]) or noun[0] in "的了":
            return None
        self._noun_end = fig.end + m.end(1)
        return noun

    def _change(self, fig: Fig, region_start: int, sent: Span, st: SentenceState) -> None:
        lead = fig.lead if fig.lead is not None else fig.start
        name, name_start, flags = self._clean_name(region_start, lead, sent)
        name = _RESPECTIVELY_OR_ALL_END.sub("", name)
        # 比全市平均增幅高…, 较上月下降…: what stands before the verb is the baseline, not a name
        name = _BASELINE_TAIL.sub("", name) if _BASELINE_WORD.search(name) \
            else name
        name = _strip_chars(name)
        back = not name or self.g.back_ref.match(name)
        share_newer = st.current_share is not None and (st.current is None or st.current_share.start > st.current.start)
        if back and share_newer and fig.change is not None and fig.change.pp is not None and not name \
                and not _RATE_WORD.search(self.text, region_start, fig.start):
            name = "占比"  # 占…比重为33%,较上年同期提高0.3个百分点: the share moved
        if back and name in ("占比", "比重") and st.current_share is not None:
            st.current_share = self._attach_change(st.current_share, fig, sent, st)
            return
        if back:
            if st.current is not None:
                st.current = self._attach_change(st.current, fig, sent, st)
                st.pending = []
            elif st.projects is not None:
                # the growth of what was just said of the projects: their number or their investment
                measure = "项目数"
                last = self.all_projects[-1] if self.all_projects else None
                if last is not None and last.investment is not None and self._norm_pos(last.end) >= region_start - 2:
                    measure = "项目总投资"
                start = region_start
                while self.text[start] in "、 和及与":  # 总投资1115.2亿元、同比增长49.8%: the quote starts at 同比
                    start += 1
                ind = self._new_indicator(measure, start, fig, sent, flags, st, value=False)
                st.current = ind
            else:
                # 重工业增速领跑轻工业,增长9.2%: the change belongs to the clause's topic
                topic = self._topic_before(region_start, sent)
                if topic:
                    st.current = self._new_indicator(topic + (name if name else ""), region_start, fig, sent, flags,
                                                     st, value=False)
            return
        if name in words("name", "generic_heads") or _GENERIC_MEASURE_START.match(name):
            topic = self._topic_before(region_start, sent)
            if topic:
                name = topic + name
        if st.current is not None and st.current.change is None and _same_name(st.current.name, name) \
                and st.current.value is not None:
            st.current = self._attach_change(st.current, fig, sent, st)
            return
        ind = self._new_indicator(name, name_start, fig, sent, flags, st, value=False)
        st.current = ind
        st.pending = []

    def _share(self, fig: Fig, region_start: int, sent: Span, st: SentenceState) -> None:
        text = self.text
        region = text[region_start:fig.start]
        m = _SHARE_OF.search(region)
        if m and m.group(1) == "完成":
            m = _SHARE_DONE.search(region) or m
        own, own_start, flags = self._clean_name(region_start, region_start + (m.start() if m else 0), sent)
        of = _strip_chars(m.group(2)) if m else ""
        of = _DE_END.sub("", _SHARE_QUALIFIER_END.sub("", of))  # 占比近30%: 近 is the qualifier
        if own:
            name = own + (m.group(1) + of if m and of else "")
            start = own_start
        elif st.current is not None:
            base = st.current.name
            name = base + (m.group(1) if m else "占") + of
            start = self._norm_pos(st.current.start) if m and m.group(1) == "完成" else region_start + (
                m.start() if m else 0)
            if m and m.group(1) == "占" and st.current.value is not None:
                start = region_start + m.start()
        elif st.projects is not None:
            name = "项目" + (m.group(1) + of if m else "")
            start = region_start
        else:
            name = _strip_chars(region)
            start = region_start
        if not name:
            return
        ind = self._new_indicator(name, start, fig, sent, flags, st, share=True)
        if st.current is not None and m and m.group(1) == "完成" and not own:
            self._set_quote(ind, self._norm_pos(st.current.start), fig.end)
        st.current_share = ind

    def _list(self, group: list[Fig], region_start: int, sent: Span, st: SentenceState,
              pst: ParagraphState) -> None:
        """分别/依次 lists: pair the figures with the names before them or the levels just given."""
        text = self.text
        first = group[0]
        n = len(group)
        lead = first.lead if first.lead is not None else first.start
        m = _RESPECTIVELY_GROUP.search(text[region_start:lead])
        names_end = region_start + m.start() if m else lead
        seg_start = max(text.rfind(";", sent.start, names_end) + 1, sent.start)
        if st.pending and len(st.pending) >= n and first.role in ("change", "share"):
            targets = st.pending[-n:]
            for ind, f in zip(targets, group, strict=True):
                if f.role == "change":
                    if ind.change is None:
                        ind.change = f.change
                        self._extend_quote(ind, f.end)
                    else:
                        self._attach_change(ind, f, sent, st)
                else:
                    mm = _SHARE_TARGET.search(text[region_start:first.start])
                    of = _strip_chars(mm.group(1)) if mm else ""
                    share = self._new_indicator(ind.name + "占" + of, self._norm_pos(ind.start), f, sent, {},
                                                st, share=True)
                    self._set_quote(share, self._norm_pos(ind.start), f.end)
            st.pending = []
            st.current = targets[-1]
            return
        # names written before the list: find the start of the enumeration
        prev_fig_end = max((self._norm_pos(f.end) for f in self.facts[self._sent_first_fact:]
                            if isinstance(f, Indicator) and f.value is not None), default=sent.start)
        start = max(seg_start, prev_fig_end, self._last_change_end(sent, names_end))
        region = text[start:names_end]
        names = self._split_names(region, n)
        if names is None:
            # not an enumeration after all: treat the figures one by one
            for f in group:
                if f.role == "change":
                    self._change(f, region_start, sent, st)
                elif f.role == "share":
                    self._share(f, region_start, sent, st)
                else:
                    self._level(f, region_start, sent, st, pst)
                region_start = f.end
            return
        name_starts = self._name_positions(region, start, names)
        # 甲、乙的规模分别占全国的17%、50%: each share is of the same whole
        whole = _SHARE_TARGET.search(text[names_end:first.start]) if first.role == "share" else None
        of = "占" + _strip_chars(whole.group(1)) if whole and _strip_chars(whole.group(1)) else ""
        made = []
        for k, (name, f) in enumerate(zip(names, group, strict=True)):
            is_value = f.role in ("level", "share")
            ind = self._new_indicator(name + (of if f.role == "share" else ""), name_starts[k], f, sent, {}, st,
                                      value=is_value, share=f.role == "share")
            if f.role == "change":
                ind.change = f.change
            made.append(ind)
        st.current = self.facts[-1] if isinstance(self.facts[-1], Indicator) else st.current
        # 分别为120亿元、150亿元,分别增长6.1%、7.2%: the changes that follow pair with these levels
        st.pending = made if first.role in ("level", "share") else []

    def _all_alike(self, fig: Fig, region_start: int, sent: Span, st: SentenceState) -> bool:
        """固定资产投资、工业投资、服务业投资均增长12%: one change for each listed measure."""
        text = self.text
        m = _ALL_ALIKE.search(text, region_start, fig.start)
        if m is None or "、" not in text[region_start:m.start()]:
            return False
        region = text[region_start:m.start()]
        names = self._split_names(region, region.count("、") + 1)
        if not names or len(names) < 2:
            return False
        starts = self._name_positions(region, region_start, names)
        for name, start in zip(names, starts, strict=True):
            st.current = self._new_indicator(name, start, fig, sent, {}, st, value=False)
        st.pending = []
        return True

    def _last_change_end(self, sent: Span, before: int) -> int:
        text = self.text
        last = sent.start
        for m in _RATE_FIGURE_END.finditer(text[sent.start:before]):
            last = sent.start + m.end()
        return last

    def _name_positions(self, region: str, start: int, names: list[str]) -> list[int]:
        out = []
        pos = 0
        for name in names:
            probe = name[:2]
            k = region.find(probe, pos)
            if k < 0:  # 第二、三产业: the second name is written from its second character on
                probe = name[1:3]
                k = region.find(probe, pos)
            if k < 0:
                out.append(start + pos)
            else:
                out.append(start + k)
                pos = k + len(probe)
        return out

    def _double(self, d: Wordless, sent: Span, st: SentenceState, cursor: int) -> None:
        """翻番 (+100 %), 翻两番 (+300 %) and 持平 (0): changes written without a figure."""
        start, end, word = d
        region_start = self._region_start(cursor, start, sent)
        before = self.text[region_start:start]
        lead = start
        m = _FLAT_BASELINE.search(before)
        if word == "持平":
            if m and m.start() < len(before):
                lead = region_start + m.start()
            basis = self._basis(before)
            if _RATE_WORD.search(before) or basis == "other":
                change = Change(basis="other" if basis == "yoy" and not _YOY_WORD.search(before)
                                else basis, pp=Decimal(0))
            else:
                change = Change(basis="yoy", pct=Decimal(0))
            amount = Amount(Decimal(0), None, "pp" if change.pp is not None else "percent")
        else:
            pct = Decimal(self.g.doubles[word])
            change = Change(basis=self._basis(before), pct=pct)
            amount = Amount(pct, None, "percent")
        fig = Fig(start, end, amount, role="change", change=change)
        fig.lead = lead
        self._change(fig, region_start, sent, st)

    def _bare_magnitude(self, fig: Fig, sent: Span, st: SentenceState) -> None:
        """千亿光伏产业, 百亿级: a bare magnitude before a noun, a goal when the sentence sets one."""
        text = self.text
        after = text[fig.end:sent.end]
        if after.startswith("级") or not self.g.target_verbs.search(text, sent.start, fig.start):
            return
        noun = self._noun_after(fig, sent)
        if not noun or _CURRENCY_AFTER.match(after):
            return
        prefix_m = _LATIN_PREFIX.search(text[sent.start:fig.start])
        name = (prefix_m.group(1) if prefix_m else "") + noun
        fig.amount = Amount(fig.amount.value, "CNY", "money")
        ind = self._new_indicator(name, fig.start - (len(prefix_m.group(1)) if prefix_m else 0), fig, sent, {}, st)
        ind.qualifier = "target"
        ind.period = None
        self._set_quote(ind, self._norm_pos(ind.start), self._noun_end)

    # ------------------------------------------------------------------ projects
    def _stage_count(self, name: str, fig: Fig) -> bool:
        """计划新开工223项, 已签约35个: a count of projects named only by their stage."""
        unit = self.text[fig.end - 1:fig.end]
        return unit in "项个" and bool(self.g.stage_name.fullmatch(name))

    def _projects_in_paragraph(self) -> bool:
        return bool(self.all_projects) and self.all_projects[-1] in self.facts[self._para_first_fact:]

    def _investment_name(self, name: str) -> bool:
        name = _PROJECT_REFERENCE.sub("", name)
        return bool(self.g.investment_name.match(name))

    def _project_count(self, fig: Fig, name: str, name_start: int, prenominal: str | None, region_start: int,
                       sent: Span, st: SentenceState, pst: ParagraphState) -> None:
        text = self.text
        region = text[region_start:fig.start]
        desc = region + (prenominal or "")
        stage = None
        # what the projects did, written after them (…项目实现达产达效, …项目集中开工), wins
        after = self.g.stage_after_projects.match(text, fig.end + (len(prenominal) if prenominal else 0), sent.end)
        if after:
            m = self.g.stage_words.search(after.group(1))
            stage = self.g.stages[m.group(0)] if m else None
        if stage is None:
            for m in self.g.stage_words.finditer(desc):
                stage = self.g.stages[m.group(0)]
                if "项目" in desc[m.end():]:
                    break
        if stage is None and prenominal:
            m = self.g.stage_words.search(text, fig.end, sent.end)
            if m:
                stage = self.g.stages[m.group(0)]
        if stage is None:
            # 本次集中签约项目中,10亿元以上项目55个: the projects are among those just named
            among = _PROJECTS_AMONG.search(text, sent.start, region_start)
            m = self.g.stage_words.search(among.group(0)) if among else None
            stage = self.g.stages[m.group(0)] if m else None
        parent = st.parent_projects
        if parent is None and st.projects is not None and "其中" in text[self._norm_pos(st.projects.end):fig.start]:
            parent = st.parent_projects = st.projects
        child = parent is not None and (stage is None or "其中" in region)
        if stage is None:
            stage = parent.stage if child and parent is not None else "other"
        p = Projects(
            subject=self._subject_at(fig.start, sent),
            period=self._period_at(fig.start, sent, target=False),
            stage=stage,  # type: ignore[arg-type]
            category=self._category(desc),
            min_investment=self._threshold_in(desc),
            count=fig.amount.value,
            investment=None,
            qualifier="at_least" if fig.amount.more else None,
            rule="projects.v1",
        )
        if self._target_at(fig.start, sent):
            p.qualifier = "target"
        quote_start = fig.start if prenominal else region_start + len(region) - len(region.lstrip(" ,;:、其中"))
        if not prenominal:
            stripped = region
            for _ in range(4):
                m = self.g.lead_noise.match(stripped) or self.g.period_words.match(stripped) or \
                    self.g.subject_refs.match(stripped)
                if m and m.end() < len(stripped):
                    stripped = stripped[m.end():]
                else:
                    break
            quote_start = fig.start - len(stripped)
        else:
            quote_start = fig.start
        self._set_quote(p, quote_start, fig.end + (len(prenominal) if prenominal else 0))
        self.facts.append(p)
        self.all_projects.append(p)
        if child:
            self._child_projects.add(id(p))
        else:
            st.projects = p
            st.parent_projects = None
        st.current = None

    def _single_project(self, fig: Fig, name_start: int, sent: Span) -> bool:
        """总投资50亿元的新能源电池项目正式开工: one named project with its investment."""
        m = _NAMED_PROJECT.match(self.text, fig.end, sent.end)
        if not m:
            return False
        stage_m = self.g.stage_words.search(self.text, m.end(), min(sent.end, m.end() + 8))
        stage = self.g.stages[stage_m.group(0)] if stage_m else "other"
        p = Projects(subject=self._subject_at(fig.start, sent), period=self._period_at(fig.start, sent, target=False),
                     stage=stage, category=None, min_investment=None, count=Decimal(1),  # type: ignore[arg-type]
                     investment=fig.amount.value, qualifier=self._local_qualifier(fig), rule="projects.named.v1")
        self._set_quote(p, name_start, stage_m.end() if stage_m else m.end())
        self.facts.append(p)
        self.all_projects.append(p)
        return True

    def _category(self, desc: str) -> str | None:
        """The kind of project as written before 项目 (外资, 重点, 省、市重点), thresholds removed."""
        k = desc.rfind("项目")
        if k < 0:
            return None
        cat = _PAREN.sub("", desc[:k])
        cat = _CLAUSE_SEP.split(cat)[-1]
        cat = _THRESHOLD.sub("", cat)
        cat = cat.translate(_NO_QUOTES)
        m = _last_match(self.g.stage_words, cat)
        if m is not None:
            cat = cat[m.end():]
        for _ in range(4):
            mm = self.g.lead_noise.match(cat) or self.g.period_words.match(cat) or self.g.subject_refs.match(cat) \
                or self.g.category_noise.match(cat)
            if mm and mm.end() > 0:
                cat = cat[mm.end():]
            else:
                break
        cat = _CATEGORY_TAIL.sub("", cat)
        if "的" in cat:
            cat = cat.rsplit("的", 1)[1]  # 实体经济重点建设项目的工业项目 → 工业
        if "等" in cat or ("、" in cat and len(cat) > 8):
            return None  # 汇龙环保、矽盛电子等27个项目: named examples, not a kind of project
        return cat or None

    def _threshold_in(self, desc: str) -> Decimal | None:
        """The size class in a project description: 亿元以上 → 1e8, 超10亿元 → 1e9, 百亿级 → 1e10."""
        best = None
        for m in _THRESHOLD.finditer(desc):
            if not (m.group("above") or m.group("over")):
                continue
            if m.group("cur") not in (None, "元"):
                continue  # 千万美元以上: min_investment is in CNY, and the text gives no exchange rate
            number = Decimal(m.group("n")) if m.group("n") else Decimal(1)
            best = number * (Decimal(10) ** _MAG_POWER[m.group("mag")])
        return best

    def _project_investment(self, fig: Fig, st: SentenceState) -> None:
        """总投资X: the projects just counted, or their parent after a list of sub-counts."""
        if not self.all_projects:
            return
        seg_start = self.text.rfind(";", 0, fig.start)
        siblings = [p for p in self.all_projects
                    if id(p) in self._child_projects and self._norm_pos(p.start) > seg_start]
        target = st.projects if len(siblings) >= 2 and st.projects is not None else self.all_projects[-1]
        if target.investment is None:
            target.investment = fig.amount.value
            self._extend_quote(target, fig.end)
            qual = self._local_qualifier(fig)
            if qual and target.qualifier is None:
                target.qualifier = qual

    # ------------------------------------------------------------------ rankings
    def _ranking(self, hit: re.Match[str], sent: Span, st: SentenceState, cursor: int) -> None:
        text = self.text
        rank: int | None
        top = False
        if hit.group("first"):
            rank = 1
        elif hit.group("n") or hit.group("topn") or hit.group("strong"):
            raw = hit.group("n") or hit.group("topn") or hit.group("strong")
            value = parse_number(raw)
            if value is None:
                return
            rank = int(value)
        else:
            rank, top = None, True
        scope = hit.group("scope")
        lead = hit.group("lead") or ""
        if not scope and (not lead or lead in ("列", "排", "居", "保持", "进入")):
            return  # 第一, 前3 with neither a field of peers nor a ranking verb: an ordinal
        start = hit.start()
        region_start = self._region_start(cursor, start, sent)
        name_start = self._after_subject(region_start, start)
        region = text[name_start:start]
        opener = self.g.name_prefix.match(region)  # 该区, 今年以来, 全区 …
        if opener and opener.end() < len(region):
            region = region[opener.end():]
        region = self.g.rank_adverb_end.sub("", _RANK_DURATION.sub("", region))
        region = _RANK_PREPOSITION_END.sub("", _RANK_FROM.sub("", _RANK_SCORE.sub("", region)))
        # 湖州开发区在发展质量和综合效益指标中分别以87.3分和130.1分位列…: the measures inside 在…中
        region = _RANK_WRAPPER.sub(r"\1", region)
        names: list[str | None]
        stripped = _strip_chars(region)
        if lead in ("进入", "跻身", "挺进", "入围", "首次进入", "首次入围"):
            names = [None]
        elif not stripped:
            names = [st.current.name if st.current is not None else None]
        elif self.g.back_ref.match(stripped) or stripped in words("name", "generic_heads"):
            # 增速排位全市第8, 总量居全市第1: a measure of the figure just given, or of the topic
            if st.current is not None:
                names = [st.current.name + (stripped if stripped not in ("其",) else "")]
            elif st.last_rank is not None and st.last_rank.indicator:
                names = [_HEAD_END.sub("", st.last_rank.indicator) + stripped]
            else:
                topic = self._topic_before(region_start, sent)
                names = [(topic or "") + stripped]
        else:
            n_m = _ENUM_COUNT.search(stripped)
            expected = None
            if n_m:
                val = parse_number(n_m.group(1))
                expected = int(val) if val is not None else None
            split = self._split_rank_names(stripped, expected)
            names = split or [stripped]
        if scope is None and st.last_rank is not None:
            scope = st.last_rank.scope
        # 总量和增幅分列全省第二和第五: one place per measure, in order
        ranks: list[int | None] = [rank] * len(names)
        hit_end = hit.end()
        if len(names) > 1 and rank is not None:
            more = _MORE_RANKS.match(text, hit_end, sent.end)
            listed = [parse_number(n) for n in _RANK_NUMBER.findall(more.group(0))] if more else []
            if len(listed) == len(names) - 1 and all(v is not None for v in listed):
                ranks = [rank, *(int(v) for v in listed if v is not None)]
                hit_end = more.end()
        target = self._target_at(start, sent)
        qstart = region_start if names != [None] else start
        if st.current is not None and names and names[0] == st.current.name and not _strip_chars(region):
            qstart = self._norm_pos(st.current.start)
        for name, place in zip(names, ranks, strict=True):
            r = Ranking(
                subject=self._subject_at(start, sent),
                period=self._period_at(start, sent, target=target),
                indicator=name,
                scope=scope,
                rank=place,
                top=top,
                qualifier="target" if target else None,
                rule="ranking.v1",
            )
            self._set_quote(r, qstart, hit_end)
            self.facts.append(r)
            st.last_rank = r

    def _split_rank_names(self, region: str, expected: int | None) -> list[str] | None:
        g = self.g
        tail = g.enum_tail.search(region)
        head = ""
        if tail:
            head = tail.group("head") or ""
            region = region[:tail.start()]
        region = _COMMA_OR_SEMICOLON.split(region)[-1]
        parts: list[str] = []
        for item in region.split("、"):
            sub = _AND_SHORT.split(item)
            if len(sub) == 2 and _HEAD_ONLY.fullmatch(sub[1]) and _HEAD_END.search(sub[0]):
                base = _HEAD_END.sub("", sub[0])
                parts += [sub[0], base + sub[1]]
            elif len(sub) >= 2 and all(len(s) >= 3 for s in sub):
                parts += sub
            else:
                parts.append(item)
        parts = [self._clean_list_item(p) for p in parts]
        parts = [p + head if head and not p.endswith(head) else p for p in parts if p]
        if not parts:
            return None
        # 一般公共预算收入、税收收入增幅均居…: a rate head written once belongs to every item
        rate = _HEAD_END.search(parts[-1]) if len(parts) > 1 else None
        if rate and rate.start() > 0:
            parts = [p if _HEAD_END.search(p) else p + rate.group(0) for p in parts]
        if len(parts) == 1 and expected is None:
            return parts
        return parts


def _last_match(pattern: re.Pattern[str], s: str) -> re.Match[str] | None:
    """The last non-overlapping match of ``pattern`` in ``s``."""
    last = None
    for last in pattern.finditer(s):  # noqa: B007 - we want the last one
        pass
    return last


def _qual_word(word: str | None) -> str | None:
    if not word:
        return None
    if word in ("约", "近", "将近", "接近", "左右", "上下", "大约"):
        return "approx"
    if word in ("超过", "超", "逾", "突破", "以上", "及以上", "至少", "不少于", "高达", "多", "余"):
        return "at_least"
    if word in ("不到", "不足", "以内", "以下"):
        return "at_most"
    return None


def _name_ratio(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    sm = SequenceMatcher(None, a, b)
    return sm.ratio() if sm.real_quick_ratio() >= 0.6 and sm.quick_ratio() >= 0.6 else 0.0


def _same_name(a: str, b: str) -> bool:
    return a == b or (len(a) >= 2 and len(b) >= 2 and (a in b or b in a) and abs(len(a) - len(b)) <= 2)


def _same_kind_change(first: Change | None, amount: Amount, verb_sign: int) -> Change:
    """The change of a figure listed after a first change: same basis, same verb (分别下降3%、5%)."""
    basis = first.basis if first else "yoy"
    v = amount.value * verb_sign
    if amount.kind == "pp":
        return Change(basis=basis, pp=v)
    if amount.kind == "times":
        return Change(basis=basis, pct=v * 100)
    if amount.kind == "percent":
        return Change(basis=basis, pct=v)
    return Change(basis=basis, abs=v)


