"""Project facts: how many projects were signed, started, completed … and their investment.

A count of projects (新签约外资项目10个, 330个重点项目, 已签约35个) becomes a :class:`Projects`
fact; its stage comes from what the projects did (written after them: …项目集中开工, or before:
新签约…), else from the projects they are counted among (签约项目中,10亿元以上项目55个), else from
the 其中 whole they belong to. The category is the kind written before 项目 (外资, 重点), the
size class its threshold (亿元以上 → 1e8). A money figure named as an investment (总投资, 协议投资)
right after counted projects is their investment.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from zhibiao.extract.changes import local_qualifier
from zhibiao.extract.figures import Fig
from zhibiao.extract.names import Name, Noun, last_match, strip_chars, trim_openers, without_quotes
from zhibiao.extract.periods import PeriodMention, period_string, resolve_period, years_period, years_spans
from zhibiao.extract.quantities import Amount, figure_regex, in_range, parse_amount, parse_number, scale
from zhibiao.extract.segment import MAX_SENTENCE, clause_start
from zhibiao.extract.state import Sentence
from zhibiao.lexicon import Shapes, Words, WordSets, units, word_set, words
from zhibiao.model import Projects, Qualifier, Stage
from zhibiao.resolve.subjects import subject_finder

__all__ = ["category_of", "each_of_places", "is_investment_name", "listed_count", "listed_place", "mentions_projects",
           "names_projects_of_a_kind",
           "place_list_goes_on", "project_count", "projects_facts", "projects_frame", "projects_named", "stage_of",
           "threshold_in"]

_CONTEXT = Shapes("context")  # (estimate: 预计, the words names.py skips before a name as an estimate)
_NAMES = Shapes("names")
_PROJECTS = Shapes("projects")
_WALK = Shapes("walk")
_NAME_WORDS = Words("name")
_PROJECTS_WORDS = Words("projects")
_PROGRESS_MARKS = tuple(_PROJECTS_WORDS.progress_marks)
_PROGRESS_AFTER = tuple(_PROJECTS_WORDS.progress_after)
_PROJECTS_SETS = WordSets("projects")
_CLAUSE_MARKS = (",", ";", ":", "。")
_STAGES_LISTED = 2  # (the counts at two stages an investment after them may be of)
_AMONG_AFTER: tuple[str, ...] = tuple(_PROJECTS_WORDS.among_after)  # (303个区重点项目|中…)
_CNY = "CNY"
_FRAME_ENDS = (",", ":")
_SIGNED_THEN_STARTED = ("signed", "started")
_BUILDING = {"started", "ongoing"}  # (stages listed together that are all building: 新建、续建)
_STAGE_JOINERS = ("", *_NAME_WORDS.joiners)  # (签约、开工: stages listed together; 开工签约 joined)
_ASIDE_OPEN, _ASIDE_CLOSE = "(", ")"
_EACH_MARK = _PROJECTS_WORDS.each_mark
_RANGE_JOINERS = tuple(_PROJECTS_WORDS.range_joiners)
_NO_START = 1 << 62  # no earlier start of a quote
_SIZE_ASIDE_WIDTH = 30  # how far back a size class with a note on its bounds (5至10亿元(含5亿元)) may start
_RANGE_LOW_WIDTH = 12  # (the digits of the low end of a range, and its decimals)
_LIST_OPEN = ":"  # (其中: opens a list of the parts)
_BREAKDOWN_WIDTH = 600  # (how far the kinds of a breakdown may run after the projects it breaks down)
_WHOLE_WIDTH = 160  # (how far before a kind counted the whole it is part of may be counted)
_PARTS_AND_WHOLE = 3  # (a whole and two parts listed: the fewest an investment after them may be the whole's of)
_OWN_FIGURES_WIDTH = 8  # (how close before a project's cut name a figure of its own stands: 年产15万吨)
_ITEM_WIDTH = 60  # (how long an item naming one project may be before its investment)
_DIGITS = re.compile(r"\d")  # (a project's name may hold figures of its own: 年产5万吨)
_NOUN_WORD: str = _PROJECTS_WORDS.nouns[0]  # (项目: a plain check before the shape of a kind's investment)
_KIND_OPENERS = ("", *_PROJECTS_WORDS.kind_openers)  # (what a clause may open with before a kind's investment)
_KIND_RULE = "projects.kind.v1"  # (a kind's investment as a part of the projects before)
_PLAN_WORD: str = _PROJECTS_WORDS.plan_word  # (计划: a plain check before the shapes of the year's plan)
_PLAN_WIDTH = 80  # (how far after a count the year's plan may be written)
_YEAR_TO_DATE = frozenset(WordSets("periods").year_to_date)  # (今年以来: the year so far, no span dating a plan)
_BATCH_WIDTH = 30  # (how far before its investment a batch of projects not counted may be written)

# The characters a size every project has is written with (每个, 单项, 均在, 都超过): a plain check first.
_EACH_MARKS = frozenset(_PROJECTS_WORDS.each_marks)
_PLAIN_INVESTMENT = tuple(_PROJECTS_WORDS.plain_investment)
_INVOLVED = _PROJECTS_WORDS.involved_mark
_WHOLE_AND_PART = 2
_NEXT_COUNT_GAP = 2  # (施工项目168个,|新开工项目57个: the next count right after the first, a mark between)
_NOW_WORDS = tuple(w for w in words("periods", "now_words") if w != _PROJECTS_WORDS.had_mark)
_INTENTS: tuple[str, ...] = tuple(_PROJECTS_WORDS.intents)
_INTENT_WIDTH = 12  # (how far before a stage word a word of a stage still to come may stand: 预计可于近期|开工)
_ACT_WIDTH = 30  # (how far before a count of projects involved the act involving them may stand)
# What an investment named right before its amount ends with (总投资, 协议投资额, 金额): a plain check first.
_INVESTMENT_REACH = tuple(sorted(_PROJECTS_WORDS.investment_reach, key=len, reverse=True))
_ESTIMATE: Qualifier = "estimate"
_INVESTMENT_ENDS = tuple({w[-1] for w in (*_PROJECTS_WORDS.investment, *_PROJECTS_WORDS.adjacent_investment)})
# The openers a project category may start with, as the category rule tries them.
_CATEGORY_OPENERS = ("names.period_words", "names.subject_refs", "names.lead_noise", "projects.category_noise")


def mentions_projects(s: str) -> bool:
    """Whether ``s`` names projects (项目).

    >>> mentions_projects("重点项目"), mentions_projects("企业")
    (True, False)
    """
    return any(noun in s for noun in _PROJECTS_WORDS.nouns)


def stage_of(word_found: str) -> Stage:
    """The stage a stage word gives (新签约 → signed, 开工 → started).

    >>> stage_of("集中开工"), stage_of("储备")
    ('started', 'other')
    """
    for stage in ("signed", "started", "completed", "operational", "ongoing", "other"):
        if word_found in word_set("projects", stage):
            return stage
    raise KeyError(word_found)


def is_investment_name(name: str) -> bool:
    """Whether a name is that of a projects' investment (总投资, 协议投资, 项目总投资额)."""
    name = _PROJECTS.reference.sub("", name)
    return bool(_PROJECTS.investment_name.match(name))


def project_count(s: Sentence, fig: Fig, region_start: int, noun: Noun | None) -> None:
    """Make and record the projects fact of a count of projects."""
    text, st, ctx = s.text, s.state, s.ctx
    region = text[region_start:fig.start]
    prenominal = noun.text if noun is not None else ""
    among = _PROJECTS.among_counted.match(text, fig.end, ctx.span.end) or (
        _PROJECTS.these_end.search(text, max(ctx.span.start, fig.start - 2), fig.start)
        and _PROJECTS.among_named.match(text, fig.end, ctx.span.end))  # 这188个重点项目中续建项目有61个
    if among and _among_counted(s, fig):
        return
    low = _PROJECTS.range_low_before.search(text, max(ctx.span.start, region_start - _RANGE_LOW_WIDTH), region_start) \
        if region.startswith(_RANGE_JOINERS) else None
    if low is not None:  # 5至10亿元项目有5个: the size class is a range, its low end read as a figure before
        region = low.group(0) + region
    region, sized_from = _size_before_aside(s, region, region_start)
    desc = region + prenominal
    parent = st.parent_projects
    if parent is None and st.projects is not None and _NAME_WORDS.among in text[
            ctx.doc.norm_pos(st.projects.end):fig.start]:
        parent = st.parent_projects = st.projects
    parent = _whole_before_among(s, fig, parent) or parent
    # the parts of projects counted in the sentence take their stage, not that of the frame the sentence opens
    # with (165个前期项目中,已有83个项目开工建设,其中工业项目32个: started, as the 83)
    ahead = st.investment_ahead
    # (集中开工建设|总投资56亿元的|12个重大项目: what they did is written before their money, written first)
    lead = text[clause_start(text, ctx.span.start, ahead[0].start):ahead[0].start] \
        if ahead is not None and ahead[1] >= fig.start else ""
    stage = _stage(s, fig, region_start, lead + desc, prenominal,
                   frame=parent is None or ctx.doc.norm_pos(parent.start) < ctx.span.start)
    if parent is None and st.projects is None and noun is None:
        parent = _whole_listed_before(s, fig, region)  # 其中:⏎省级6项,概算投资…: the kinds of the projects before
    parent = _counted_before_aside(s, fig) or parent  # 前期项目3项(市级2项、县级1项): the parts of the 3
    parent = _whole_of_part(s, parent, fig, stage, region, noun)
    child = parent is not None
    if not child and st.projects is not None and text.rfind(_ASIDE_OPEN, ctx.span.start, fig.start) > text.rfind(
            _ASIDE_CLOSE, ctx.span.start, fig.start):
        parent, child = st.projects, True  # 131个重大项目(含前期项目5项),总投资…: an aside, the money the whole's
    if child and parent is not None and _PROJECTS.part_is_after.match(text, fig.end):
        stage = parent.stage  # (竣工项目76个,其中23个是年内开工…: what some of them are, of the whole's stage)
    if stage is None:
        # a part of the projects before takes their stage; others those counted last in the paragraph
        # (签约项目610个…从规模来看,10亿元以上项目124个), else the event the report is about
        stage = parent.stage if child and parent is not None else (
            _stage_of_whole_counted(s, fig) or _stage_around(s, desc, now=_said_now(s)))
    qualifier: Qualifier | None = "at_least" if fig.amount.more else None
    min_investment, currency, total = _size_or_total(desc, prenominal)
    # (其中50亿元1个、10亿元3个: one of a list of sizes, its noun left out, is of that size, not of that investment)
    one = _size_of_one(desc) if fig.amount.value == 1 and not _sizes_listed(desc) else None
    # a part of a goal is a goal, of the goal's period unless it says its own (其中“七一”前开工45个以上)
    whole_goal = child and parent is not None and parent.qualifier == "target" \
        and _NAME_WORDS.among in text[max(ctx.span.start, ctx.doc.norm_pos(parent.end)):fig.start]
    target = ctx.target_at(fig.start) or whole_goal
    period = _projects_period(s, fig, stage, target) or (parent.period if whole_goal and parent else None)
    period = _period_of_part(s, fig, parent if child and not target else None, period, region)
    if s.para.years_spans != [] and not target:  # (most paragraphs write no span of years: found once, then skipped)
        period = _over_years(s, fig) or period
    p = Projects(
        subject=ctx.subject_at(fig.start),
        period=period,
        stage=stage,
        category=category_of(prenominal if _kind_before_noun(prenominal) else desc),
        min_investment=None if one is not None else min_investment,
        count=fig.amount.value,
        investment=one[0] if one is not None else total,
        qualifier="target" if target else qualifier,
        rule="projects.v1",
        currency=one[1] if one is not None else currency,
    )
    if prenominal:
        quote_start = fig.start
    else:
        stripped, _cut = trim_openers(region)
        quote_start = min(fig.start - len(stripped), sized_from)
    if ahead is not None and ahead[1] >= fig.start and _total_ahead(s, ahead[0], p):
        p.investment, p.currency = ahead[0].amount.value, ahead[0].amount.unit or _CNY
        quote_start = min(quote_start, ahead[0].start)
        st.investment_ahead = None
    staged = _counted_after_money(s, p)
    if staged is not None:  # (本次签约总额120亿元,共涉及项目36个: the count of the projects whose money came first)
        staged.count, staged.qualifier = p.count, staged.qualifier or p.qualifier
        ctx.doc.extend_quote(staged, fig.end + len(prenominal))
        st.projects = staged
        return
    # (753个条件成熟的工业项目: the noun read past what the projects are like, the quote to its end)
    ctx.doc.set_quote(p, quote_start, max(fig.end + len(prenominal), noun.end if noun is not None else 0))
    _said_of_all(s, p, fig.end + len(prenominal))
    s.log.add(p)
    place = _place_by_place(s, p, region, noun is None and (child or place_list_goes_on(s, region)), child)
    if child and parent is not None:
        s.log.child_projects.add(id(p))
        _building_whole(s, parent, p)
        # 重点工业项目37项…其中竣工项目13个: a part is of the whole's kind and size unless it says its own
        if p.category is None:
            p.category = (_bare_kind(region) if place is None else None) or parent.category
        if p.min_investment is None and p.currency == parent.currency:
            p.min_investment = parent.min_investment
    else:
        st.projects = p
        st.parent_projects = None
    st.current = None


def _whole_of_part(s: Sentence, parent: Projects | None, fig: Fig, stage: Stage | None, region: str,
                   noun: Noun | None) -> Projects | None:
    """The projects a count is a part of: ``parent`` when the words say so (:func:`_is_part`), else those counted
    before that some have come to (:func:`_progress_of_whole`); None when it is a part of none."""
    if parent is not None and _is_part(s, parent, fig, stage, region, noun):
        return parent
    return _progress_of_whole(s, fig, region, noun)


def _progress_of_whole(s: Sentence, fig: Fig, region: str, noun: Noun | None) -> Projects | None:
    """签约的218个亿元以上重点工业项目,截至9月底,已有199个项目开工: a bare count of projects that some of the projects
    the sentence counted before have come to (已有, 已经有) is a part of them, of their kind and size; None when the
    count names a kind of its own, says no 已, or is no fewer than the projects before."""
    whole = s.state.projects
    if whole is None or whole.count is None or fig.amount.value >= whole.count \
            or (noun is not None and noun.text and noun.text not in _PROJECTS_SETS.nouns) \
            or _PROJECTS.progress_of_whole.search(region) is None \
            or s.ctx.doc.norm_pos(whole.start) < s.ctx.span.start:
        return None
    return whole


def _counted_after_money(s: Sentence, p: Projects) -> Projects | None:
    """本次签约总额120亿元,共涉及项目36个; 集中开工的项目总投资86亿元,共18个: the projects fact of the sentence made of
    an investment with no count (现场签约投资总额…), of the stage and size of ``p``, that ``p`` counts; None when
    the sentence has none such."""
    last = s.log.projects[-1] if s.log.projects else None
    if last is None or last.count is not None or last.investment is None or last.stage != p.stage \
            or last.min_investment != p.min_investment or s.ctx.doc.norm_pos(last.start) < s.ctx.span.start:
        return None
    return last


def _over_years(s: Sentence, fig: Fig) -> str | None:
    """过去五年,全县累计引进亿元以上项目286个: projects counted under a span of several years written before them in
    their paragraph, with no period of their own after it, are of the whole span (FACTS.md: what was done over
    it)."""
    ctx = s.ctx
    spans = s.para.years_spans
    if spans is None:  # (found once per paragraph, shared with the indicators)
        spans = s.para.years_spans = years_spans(s.text, ctx.para.span.start, ctx.para.span.end, ctx.doc.published)
    span = next((x for x in reversed(spans) if x[2] <= fig.start), None)
    if span is None or ctx.has_period_before(fig.start, since=span[2]):
        return None
    return years_period(span[0], span[1])


def _building_whole(s: Sentence, whole: Projects, part: Projects) -> None:
    """开工项目42个,其中新开工项目18个、续建项目24个: projects started whose parts are new and continuing ones are
    all those being built (as 开复工 and 新建、续建 are): under way."""
    if whole.stage != "started" or part.stage not in _BUILDING:
        return
    end, stages = s.ctx.doc.norm_pos(whole.end), set()
    for p in reversed(s.log.projects):  # (the parts after the whole only: no scan of every project before)
        if s.ctx.doc.norm_pos(p.start) < end:
            break
        if id(p) in s.log.child_projects:
            stages.add(p.stage)
    if stages >= _BUILDING:
        whole.stage = "ongoing"


def _whole_before_among(s: Sentence, fig: Fig, whole: Projects | None) -> Projects | None:
    """…项目中,已有83个项目开工建设,其中工业项目32个: projects counted as a part in the sentence, then 其中 —
    the counts after are parts of that part, not of its whole; None unless the count last made is such a part."""
    if whole is None or not s.log.projects:
        return None
    last, ctx = s.log.projects[-1], s.ctx
    if last is whole or id(last) not in s.log.child_projects or ctx.doc.norm_pos(last.start) < ctx.span.start \
            or _NAME_WORDS.among not in s.text[ctx.doc.norm_pos(last.end):fig.start]:
        return None
    s.state.parent_projects = last
    return last


def _place_by_place(s: Sentence, p: Projects, region: str, bare: bool, child: bool) -> str | None:
    """The places a count of projects is for: one place listed before a bare count (其中市开发区8个), or
    several before 各 (明光、来安各3个: one fact each); the one place, or None."""
    place = listed_place(s, region) if bare else None
    if place is not None:  # 其中市开发区8个、甲产业园3个: the projects of each place listed
        p.subject = place
    places = each_of_places(s, region)
    if places:  # 明光、来安、凤阳各3个: the same count for each place listed
        p.subject = places[0]
        for other_place in places[1:]:
            other = replace(p, subject=other_place)
            s.log.add(other)
            if child:
                s.log.child_projects.add(id(other))
    return place


def _size_before_aside(s: Sentence, region: str, region_start: int) -> tuple[str, int]:
    """5至10亿元(含5亿元)|项目12个: the words of a count with the size class written before a note on its bounds
    put back in front, and where that size starts (the count's quote starts there); the words as they are
    otherwise, with no start (a large position)."""
    if not region.startswith(_ASIDE_CLOSE):
        return region, _NO_START
    lo = max(s.ctx.span.start, region_start - _SIZE_ASIDE_WIDTH)
    sized = _PROJECTS.size_before_aside.search(s.text, lo, region_start + 1)
    if sized is None:
        return region, _NO_START
    return sized.group("size") + region[1:], sized.start("size")


_AMONG_REACH = 8  # (其中, 共有 and spaces: how far before a count a 其中 closing the clause before it is looked for)


def _is_part(s: Sentence, whole: Projects, fig: Fig, stage: Stage | None, region: str, noun: Noun | None) -> bool:
    """Whether a count is a part of the projects counted before it: no stage of its own, parts announced,
    a 其中 before it, in the list a 其中: opens, or the next of a run of bare counts of the whole's stage after
    a part (其中“七一”前开工45个,国庆前再开工15个)."""
    if stage is None or s.state.parts_follow or _NAME_WORDS.among in region or _listed_after_among(s, whole, fig):
        return True
    if _PROJECTS.among_before_count.search(s.text, max(s.ctx.span.start, fig.start - _AMONG_REACH), fig.start):
        return True  # (…;其中,有118个项目竣工投产: the comma after 其中 cut the count's words from it)
    last = s.log.projects[-1] if s.log.projects else None
    if last is not None and id(last) in s.log.child_projects \
            and s.text.startswith(_NAME_WORDS.list_mark, s.ctx.doc.norm_pos(last.end)) \
            and s.ctx.span.start <= s.ctx.doc.norm_pos(last.end) <= fig.start:
        return True  # (其中正式合同项目16个、框架协议项目4个: listed with a part, a part too, of whatever stage)
    if (noun and noun.text) or stage != whole.stage or last is None or id(last) not in s.log.child_projects:
        return False
    end = s.ctx.doc.norm_pos(last.end)  # (a part in an aside closed before is no run: (其中…150项),已开工131项)
    return s.ctx.span.start <= end <= fig.start and _ASIDE_CLOSE not in s.text[end:fig.start]


def _listed_after_among(s: Sentence, whole: Projects, fig: Fig) -> bool:
    """其中:建设项目27项(…),前期项目3项: a count in the list a 其中 with a colon opens is a part, whatever its
    stage, until the sentence ends."""
    between = s.text[s.ctx.doc.norm_pos(whole.end):fig.start]
    k = between.find(_NAME_WORDS.among)
    return k >= 0 and between.startswith(_LIST_OPEN, k + len(_NAME_WORDS.among))


def _counted_before_aside(s: Sentence, fig: Fig) -> Projects | None:
    """The projects counted right before the aside a count stands in (前期项目3项(市级2项…), the whole of the
    aside's counts; None when the count stands in no aside or no count comes right before it."""
    text, doc = s.text, s.ctx.doc
    opened = text.rfind(_ASIDE_OPEN, s.ctx.span.start, fig.start)
    if opened < 0 or text.rfind(_ASIDE_CLOSE, opened, fig.start) >= 0 or not s.log.projects:
        return None
    last = next((p for p in reversed(s.log.projects) if doc.norm_pos(p.end) <= opened), None)
    return last if last is not None and opened - doc.norm_pos(last.end) <= 1 else None


def _whole_listed_before(s: Sentence, fig: Fig, region: str) -> Projects | None:
    """The projects counted last before a 其中 that a bare kind counted after it (省级6项) is part of, when
    the 其中 closes the text before (…其中:⏎省级6项); None otherwise."""
    if not s.log.projects or _bare_kind(region) is None:
        return None
    last = s.log.projects[-1]
    if fig.start - s.ctx.doc.norm_pos(last.end) > _WHOLE_WIDTH:
        return None
    # (省级6项…。市级5项…: the kinds before are parts of the same whole)
    whole = next((p for p in reversed(s.log.projects) if id(p) not in s.log.child_projects), None)
    if whole is None or _NAME_WORDS.among not in s.text[s.ctx.doc.norm_pos(whole.end):fig.start]:
        return None
    return whole


def _projects_period(s: Sentence, fig: Fig, stage: Stage | None, target: bool) -> str | None:
    """The period of counted projects: that of their mention (a goal of a span not yet over is this
    year's); the month of the event the report is about when counted at it (本次集中开工的15个项目, or
    projects of its stage: …集中开工仪式。总投资8.57亿元的9个项目…); the year when the year's planned
    investment follows the count (省重点项目共9项,…,年度计划投资23.5亿元 under 1-3月…) — unless the
    sentence says when."""
    ctx, text = s.ctx, s.text
    if stage == "other" and _to_come(s, fig) and not ctx.has_period_before(fig.start):
        return None  # (1至5月,…。近期拟签约项目7个: not yet done, of no span before; 下半年…有望开工 keeps its own)
    # (预计二季度,全省开工项目约3700个: a forecast of a span not yet over is this year's, as an indicator's is)
    period = ctx.period_at(fig.start, target=target, future=ctx.estimate_at(fig.start))
    if period is None and target:
        # 计划新开工项目51个 (under 1-3月), 全年计划开工项目80个: a plan for the year in force
        in_force = ctx.period_at(fig.start, target=False)
        if in_force is not None:
            return period_string(in_force[:4])
        if _PROJECTS.annual_plan_start.search(text, ctx.span.start, fig.start):
            return resolve_period(PeriodMention(fig.start, fig.start, None, 0, 1, 12, "span"), ctx.doc.published,
                                  future=True)
    clause = clause_start(text, ctx.span.start, fig.start)
    at_event = _PROJECTS.at_event.search(text, ctx.span.start, ctx.span.end) is not None or (
        ((stage is not None and stage == ctx.doc.event_stage) or _at_joint_event(s, stage, clause, fig.start))
        and not _PROJECTS.up_to_now.search(text, ctx.span.start, fig.start))  # (截至目前,…新开工项目93个)
    if _PROJECTS.this_event.search(text, clause, fig.start) and not ctx.has_period_before(fig.start, since=clause) \
            and (month := ctx.event_month(fig.start)) is not None:
        return month  # (今年以来,…,本次签约项目12个: made at the event, of its month, whatever span came before)
    if period and not at_event and _year_programme(s, fig):
        return period_string(period[:4])
    if ctx.has_period_before(fig.start) and not (at_event and ctx.period_names_event(fig.start)):
        return period
    if at_event:
        # (29日,…举行“2018年集中签约、开工、投产活动”,现场签约项目… undated: the event's name dates nothing done at
        # it, and its month is not known)
        month = ctx.event_month(fig.start)
        return month or (None if _month_unknown(ctx.doc.event_date) and ctx.period_names_event(fig.start) else period)
    if period and _PROJECTS.year_plan.match(text, fig.end, ctx.span.end):
        return period_string(period[:4])
    return period


def _month_unknown(day: PeriodMention | None) -> bool:
    """Whether the report's event is dated by a day of no month known (29日, in an undated report)."""
    return day is not None and day.start is None


def _at_joint_event(s: Sentence, stage: Stage | None, clause: int, pos: int) -> bool:
    """Whether projects counted in a report on an event of two stages at once (集中开竣工活动) were counted at it:
    the event's own verb or 现场 in their clause (现场共开竣工项目26个), or a stage reached under a count so made (其中,
    开工项目17个;竣工项目9个) — never a stock under way or of no stage (在库项目120个)."""
    if not s.ctx.doc.event_joint or stage is None or stage == "ongoing":
        return False
    if _PROJECTS.joint_stage.search(s.text, clause, pos) is not None:
        return True
    if stage == "other":
        return False
    # (…现场共开竣工项目26个。其中,开工项目17个;竣工项目9个: the parts of a whole counted at it, the stages after it)
    month, para_start = s.ctx.event_month(pos), s.ctx.para.span.start
    for before in reversed(s.log.projects):
        if s.ctx.doc.norm_pos(before.end) < para_start or before.period != month:
            return False
        if before.stage == "other":
            return True
    return False


def _one_project_period(s: Sentence, fig: Fig, stage: Stage | None) -> str | None:
    """The period of one project named in a report on a project event: the event's month when it is of the event's
    stage or says none (甲项目总投资4.2亿元 after 举行一季度项目集中开工活动; 比如,乙项目位于…,总投资13亿元), as the
    projects counted at it are, unless its sentence says when; the period in force otherwise."""
    ctx = s.ctx
    period = ctx.period_at(fig.start, target=False)
    doc = ctx.doc
    if not (doc.event_stage or doc.event_joint) or (stage not in ("other", doc.event_stage) and not doc.event_joint) \
            or stage == "ongoing" or ctx.has_period_before(fig.start) \
            or _PROJECTS.up_to_now.search(s.text, ctx.span.start, fig.start):
        return period
    return ctx.event_month(fig.start) or period


def _year_programme(s: Sentence, fig: Fig) -> bool:
    """Whether projects counted are the year's programme: the year's planned investment, or the investment done then
    measured against the year's plan, follows the count in its own clauses (省重点建设项目14宗,完成投资31亿元,
    完成年度计划的78%, under 1-7月 said before) — unless the sentence dates the count (截至5月底,…项目70个), counts
    it among projects before (这160个重点项目中续建项目有47个: of the whole's period) or says what they did since
    (基础设施项目开工在建6个: progress)."""
    text, span = s.text, s.ctx.span
    if _PLAN_WORD not in text[fig.end:fig.end + _PLAN_WIDTH]:
        return False
    plan = _PROJECTS.year_plan.match(text, fig.end, span.end) or _PROJECTS.year_plan_done.match(text, fig.end, span.end)
    if plan is None:
        return False
    if not _plan_undated(s, fig):
        return False
    noun = text.rfind(_NOUN_WORD, span.start, fig.start)
    if noun < 0 or any(text.startswith(m, noun + len(_NOUN_WORD)) for m in _AMONG_AFTER) \
            or _NOUN_WORD + _AMONG_AFTER[-1] in text[span.start:noun]:
        return False
    return _PROJECTS.stage_words.search(text, noun + len(_NOUN_WORD), fig.start) is None


def _plan_undated(s: Sentence, fig: Fig) -> bool:
    """Whether the sentence leaves a count of the year's programme undated: it names no period before the count, or
    only the year so far (今年以来,…共谋划年度重点工程项目43项,…年度计划投资86亿元: the plan drawn up so far is the
    whole year's, as with no period said)."""
    return all(w in _YEAR_TO_DATE for w in s.ctx.periods_said(s.ctx.span.start, fig.start))


def _period_of_part(s: Sentence, fig: Fig, whole: Projects | None, period: str | None, region: str) -> str | None:
    """The period of a part of the projects counted before (``whole``, None for no part): the whole's year when the
    whole is the year's programme (2024年,安排重点项目86宗…。1-4月,完成投资…。其中续建项目32宗; 全市170个重点建设项目中,
    30亿元及以上项目23个 under 1-9月) and the part's sentence names no period of its own nor says what was done so far
    (已开工91个: progress, of the span) nor measures it by what it did then (…项目中续建项目有33宗,累计完成投资40亿元);
    ``period`` otherwise."""
    year = whole.period if whole is not None else None
    if year is None or period is None or year == period or year[:4] != period[:4] \
            or _PROJECTS.whole_year.fullmatch(year) is None:
        return period
    if s.ctx.has_period_before(fig.start) or any(m in region for m in _PROGRESS_MARKS):
        return period
    rest = s.text[fig.end:s.ctx.span.end]
    return period if any(m in rest for m in _PROGRESS_AFTER) else year


def listed_count(s: Sentence, words: str, words_start: int, fig: Fig, investment: Fig | None = None) -> Projects:
    """签约、开工、投产项目分别为32个、25个、12个; 签约项目数和投资额分别为56个和218亿元: projects named in a list
    (``words``, starting at ``words_start``), their count ``fig`` paired in order (and their ``investment``): of the
    stage, kind and size their words say, else of those around."""
    ctx = s.ctx
    said = _PROJECTS.stage_words.search(words)
    stage = stage_of(said.group(0)) if said is not None else _stage_around(s, words)
    target = ctx.target_at(fig.start)
    min_investment, currency = threshold_in(words)
    p = Projects(subject=ctx.subject_at(fig.start), period=_projects_period(s, fig, stage, target), stage=stage,
                 category=category_of(words), min_investment=min_investment, count=fig.amount.value, investment=None,
                 qualifier="target" if target else ("at_least" if fig.amount.more else None), rule="projects.v1",
                 currency=currency)
    ctx.doc.set_quote(p, words_start, fig.end)
    s.log.add(p)
    if investment is not None and _same_currency(p, investment):
        _give_investment(s, p, investment)
    s.state.projects = p
    return p


def projects_frame(s: Sentence) -> None:
    """从签约项目总数来看,定远14个,凤阳13个: a sentence opening with a frame on projects counts the
    projects before (of the stage the frame names) place by place: the counts after are their parts."""
    text, sent = s.text, s.ctx.span
    # (walk calls it for sentences opening with 从, 各, or with projects and 中 near their start)
    frame = _NAMES.view_from.match(text, sent.start, sent.end) \
        or _NAMES.projects_among.match(text, sent.start, sent.end)
    among = _PROJECTS.among_kinds_frame.match(text, sent.start, sent.end) if frame is None else None
    if among is not None and text[among.end():among.end() + 1] in _FRAME_ENDS:
        whole = s.para.places_whole  # (…定远14个,凤阳13个。各平台中,市开发区8个: the same projects, on by place)
    elif frame is None or not mentions_projects(frame.group("topic")) \
            or text[frame.end():frame.end() + 1] not in _FRAME_ENDS:
        return
    else:
        said = _PROJECTS.stage_words.search(frame.group("topic"))
        stage = stage_of(said.group(0)) if said is not None else None
        whole = next((p for p in reversed(s.log.projects) if (stage is None or p.stage == stage)
                      and p.min_investment is None and id(p) not in s.log.child_projects), None)
    if whole is not None:
        s.state.projects = s.state.parent_projects = s.para.places_whole = whole
        s.state.parts_follow = True


def each_of_places(s: Sentence, region: str) -> list[str] | None:
    """明光、来安、凤阳各(3个), 甲镇、乙乡各签约(2个): places listed before 各, each with the count after it; None
    otherwise."""
    done = _PROJECTS.each_stage_end.search(region) if _EACH_MARK in region else None
    if done is not None:
        region = region[:done.start()]  # (各签约2个: what each did, no part of the places)
    if not region.endswith(_EACH_MARK):
        return None
    items = _PROJECTS.place_list_split.split(strip_chars(region[:-len(_EACH_MARK)].rsplit(",", 1)[-1]))
    finder = s.ctx.doc.finder
    # (towns the gazetteer lacks, shaped as places are written: 甲镇、乙乡各2个)
    places = [finder.entity_named(x) or (x if _PROJECTS.listed_place.fullmatch(x) else None) for x in items]
    if places and places[-1] is None:  # 坊子、高密、青州新开工项目各4个: the projects written after the last
        places[-1] = next((finder.entity_named(items[-1][:i]) for i in range(2, len(items[-1]) - 1)
                           if mentions_projects(items[-1][i:]) and finder.entity_named(items[-1][:i])), None)
    return [p for p in places if p is not None] if len(items) >= 2 and all(places) else None


def place_list_goes_on(s: Sentence, name: str) -> bool:
    """甲镇签约项目5个,乙乡3个,丙镇2个: a place and a bare count after the projects of another place counted in the
    sentence, a list of places going on."""
    last = s.log.projects[-1] if s.log.projects else None
    if last is None or last.subject is None or last.subject == s.ctx.doc.main \
            or s.ctx.doc.norm_pos(last.start) < s.ctx.span.start:
        return False
    return listed_place(s, name) is not None


def listed_place(s: Sentence, region: str) -> str | None:
    """市开发区 in (其中)市开发区(8个): the words before a bare count, when they are only a place's name (known,
    or shaped as places are written); None otherwise."""
    item, _cut = trim_openers(strip_chars(_PROJECTS.place_list_split.split(region)[-1].rsplit(",", 1)[-1]))
    item = strip_chars(item)
    if not item:
        return None
    return s.ctx.doc.finder.entity_named(item) or (item if _PROJECTS.listed_place.fullmatch(item) else None)


def projects_named(s: Sentence, words: str, pos: int) -> Projects:
    """The projects a measure's words name (新开工亿元以上工业项目数, 各县签约项目): their stage (said, else that of the
    projects around), size class, kind and the period in force at ``pos``; no subject nor count (the places listed
    after give them)."""
    said = last_match(_PROJECTS.stage_words, words)
    stage = stage_of(said.group(0)) if said is not None else _stage_around(s, words)
    min_investment, currency = threshold_in(words)
    return Projects(subject=None, period=s.ctx.period_at(pos, target=False), stage=stage, category=category_of(words),
                    min_investment=min_investment, count=None, investment=None, qualifier=None, rule="projects.v1",
                    currency=currency)


def _stage_around(s: Sentence, desc: str = "", *, now: bool = False) -> Stage:
    """The stage of projects that say none: that of the projects counted last in the paragraph
    (签约项目610个…从规模来看,10亿元以上项目124个), else of the event the report is about (not for a stock said
    ``now``: 目前,全市百亿项目15个 in a report on a signing), else — for a programme of key projects (省重点项目共9项,
    安排重点建设项目444项) — under way."""
    if desc and _PROJECTS.key_programme.search(desc):
        return "ongoing"  # (…竣工投产项目6个。省市重点项目11个,完成投资…: a programme under way, not the stage before)
    before = s.log.projects[-1] if len(s.log.projects) > s.para.first_project else _broken_down(s)
    if before is not None and before.stage == "started" and _building_counted_before(s, before):
        return "ongoing"  # (施工项目168个,新开工项目57个,亿元以上项目26个: of all those built, the new ones among them)
    if before is not None and before.stage != "other":
        return before.stage
    if now:
        return "other"
    if s.ctx.doc.event_stage:
        return s.ctx.doc.event_stage
    if _PROJECTS.key_programme.search(desc):
        return "ongoing"
    # (…签约项目18个…;其中工业项目12个 in a later paragraph: a report counting projects of one stage only)
    stages = {p.stage for p in s.log.projects if p.stage != "other"}
    return stages.pop() if len(stages) == 1 else "other"


def _building_counted_before(s: Sentence, started: Projects) -> bool:
    """Whether projects under way were counted in the sentence right before the new ones ``started`` (施工项目168个,
    新开工项目57个): the new ones are some of them, the counts after the whole's."""
    log, doc = s.log, s.ctx.doc
    if len(log.projects) < _WHOLE_AND_PART or id(started) in log.child_projects:
        return False
    whole = log.projects[-2]
    return whole.stage == "ongoing" and doc.norm_pos(whole.start) >= s.ctx.span.start \
        and doc.norm_pos(started.start) - doc.norm_pos(whole.end) <= _NEXT_COUNT_GAP


def _stage_of_whole_counted(s: Sentence, fig: Fig) -> Stage | None:
    """新引进企业35家,其中亿元以上项目12个: projects of no stage under 其中 after a whole that is no projects count
    (firms, 企业) are of what the whole did, its verb in the clause before 其中; None when no such clause says one."""
    text, sent = s.text, s.ctx.span
    among = text.rfind(_NAME_WORDS.among, sent.start, fig.start)
    after = among + len(_NAME_WORDS.among) + 1  # (其中,亿元以上项目12个: the count's own clause opens with 其中)
    if among < 0 or any(c in text[after:fig.start] for c in _CLAUSE_MARKS) \
            or any(s.ctx.doc.norm_pos(p.start) >= sent.start for p in s.log.projects[s.para.first_project:]):
        return None  # (the projects counted before in the sentence are the whole: their stage, as parts)
    clause = clause_start(text, sent.start, among - 1)
    said = last_match(_PROJECTS.stage_words, text[clause:among])
    return stage_of(said.group(0)) if said is not None else None


def _said_now(s: Sentence) -> bool:
    """Whether the sentence opens with a stock said now (目前,全市百亿项目15个): what is, not done at an event."""
    return s.text.startswith(_NOW_WORDS, s.ctx.span.start)


def _broken_down(s: Sentence) -> Projects | None:
    """实施高端化项目76项…。⏎分行业看:⏎新型化工项目32个: the projects counted before a breakdown heading (分行业看,
    按类别分) that the paragraphs after it break down; None when no such heading stands between."""
    para_start = s.ctx.para.span.start
    if para_start > 0 and _WALK.breakdown.match(s.text, para_start - 1) is not None:
        return _whole_of_breakdown(s, para_start)
    for whole in reversed(s.log.projects):
        end = s.ctx.doc.norm_pos(whole.end)
        if para_start - end > _BREAKDOWN_WIDTH:
            return None
        if _WALK.breakdown.search(s.text, end, para_start):  # (新型化工…;⏎现代装备制造…: the kinds before, passed)
            return whole
    return None


def _whole_of_breakdown(s: Sentence, para_start: int) -> Projects | None:
    """■按项目类别统计:产业项目120个… opening a paragraph: it breaks down the whole counted before — the most projects
    counted nearby, never a part of them (其中…新开项目已开工84个) nor a line of another breakdown of it (■按建设阶段
    统计:…)."""
    text, doc = s.text, s.ctx.doc
    best: Projects | None = None
    for p in reversed(s.log.projects):
        end = doc.norm_pos(p.end)
        if para_start - end > _BREAKDOWN_WIDTH:
            break
        line = text.rfind("\n", 0, end)
        if id(p) in s.log.child_projects or p.count is None or (line >= 0 and _WALK.breakdown.match(text, line)):
            continue
        if best is None or best.count is None or p.count > best.count:
            best = p
    return best


def _among_counted(s: Sentence, fig: Fig) -> bool:
    """37个项目中,竣工项目13个: projects counted before, named again as those the next counts are
    among — no fact of their own; the counts after are their parts."""
    before = next((p for p in reversed(s.log.projects) if p.count == fig.amount.value), None)
    if before is None:
        return False
    s.state.projects = s.state.parent_projects = before
    s.state.parts_follow = True
    return True


def _stage(s: Sentence, fig: Fig, region_start: int, desc: str, prenominal: str, *, frame: bool = True) -> Stage | None:
    """The stage of counted projects: what they did after them, before them, or (with ``frame``) those the
    sentence opens with that they are among."""
    text, sent = s.text, s.ctx.span
    stage_words = _PROJECTS.stage_words
    among_at = max(prenominal.find(_PROJECTS_WORDS.noun + m) for m in _AMONG_AFTER)
    if among_at >= 0:  # (303个区重点项目中开工在建…: what some among them did, not they all)
        cut = among_at + len(_PROJECTS_WORDS.noun)
        desc, prenominal = desc[:len(desc) - len(prenominal) + cut], prenominal[:cut]
    # what the projects did, written after them (…项目实现达产达效, …项目集中开工), wins
    after = _PROJECTS.stage_after.match(text, fig.end + len(prenominal), sent.end)
    if after is not None and _PROJECTS.count_of_part.match(text, after.end()):
        return _stage_of_whole(s, desc, prenominal)  # (319个省市重点项目已开工288个: the 288 started, not the 319)
    noun = prenominal.find(_PROJECTS_WORDS.noun)
    if after is None and noun >= 0:  # (3个续建项目提前部分投产: the noun's words ran on to what they did)
        after = _PROJECTS.stage_after.fullmatch(prenominal, noun + len(_PROJECTS_WORDS.noun))
    m = stage_words.search(after.string, after.start(1), after.end(1)) if after else None
    if after is not None and m is not None:  # (…重大项目集中开工、竣工、签约: several stages at once)
        return _listed_stage(after.string, m)
    own = stage_words.search(prenominal, 0, noun) if noun > 0 else None
    if own is not None:  # (50个签约项目、50个开工项目: the words between a count and its noun are its own)
        return _listed_stage(prenominal, own)
    did = _PROJECTS.stage_after_noun.search(desc)
    if did is not None:  # (签约项目开工5个: signed projects that started)
        return _listed_stage(desc, stage_words.search(desc, did.start(1)) or did)
    stage = None
    found = _programmed(desc, [m for m in stage_words.finditer(desc) if not _inside_examples(desc, m)])
    for k, m in enumerate(found):
        stage = stage_of(m.group(0))
        if mentions_projects(desc[m.end():]):
            # the stage nearest the noun (排定…预备项目), from the first of the stages listed with it (集中开工
            # 签约项目, 签约、开工、投产项目)
            k = _last_before_noun(desc, found, k)
            intended = _intended(desc, found[k].start())
            stage = "other" if intended else _listed_stage(desc, found[_stage_reached(found, _chain_start(desc, found,
                                                                                                         k), k)])
            break
    if stage is None and prenominal and not text.startswith(_AMONG_AFTER, fig.end + len(prenominal)):
        # (131个重大项目(含预备前期项目5项): not theirs; …;甲整县推进等6个项目: the next item's name;
        # 303个区重点项目中开工在建…: the stage of some among them)
        ends = [k for k in (text.find(_ASIDE_OPEN, fig.end, sent.end), text.find(";", fig.end, sent.end)) if k >= 0]
        m = stage_words.search(text, fig.end, min(ends, default=sent.end))
        if m:
            stage = "other" if _intended(text, m.start()) else stage_of(m.group(0))
    if stage is None and frame:
        stage = _stage_of_frame(s, region_start)
    if stage is None:  # 重点项目集中开工,42个项目总投资362.9亿元: what they did, in a clause before
        did = _last_in_sentence(s, "stage_before", region_start)
        m = stage_words.search(did.group(1)) if did else None
        stage = stage_of(m.group(0)) if m else None
    if stage is None and _INVOLVED in desc:  # 签订合作协议,涉及项目18个: what the act before them did
        did = _PROJECTS.act_then_involved.search(text, max(sent.start, fig.start - _ACT_WIDTH), fig.start)
        stage = stage_of(did.group(1)) if did else None
    if stage is None:  # 增资项目10项,总投资34.71亿元,已全部竣工: what they did, after their money
        did = _PROJECTS.stage_after_money.match(text, fig.end + len(prenominal), sent.end)
        m = stage_words.search(did.group(1)) if did else None
        stage = stage_of(m.group(0)) if m else None
    return stage


def _programmed(desc: str, found: list[re.Match[str]]) -> list[re.Match[str]]:
    """安排集中开工重大项目, 列入新开工项目: a verb putting projects in a programme right before another stage word is
    no stage of theirs; the stage after it is (计划开工 is read so too)."""
    return [m for k, m in enumerate(found)
            if not (m.group(0) in _PROJECTS_SETS.programme_verbs and k + 1 < len(found)
                    and _PROJECTS.programme_gap.fullmatch(desc, m.end(), found[k + 1].start()))]


def _stage_of_frame(s: Sentence, region_start: int) -> Stage | None:
    """The stage of the projects the sentence opens with, that the projects counted are among (本次集中签约项目中,
    10亿元以上项目55个) or the kinds of (集中开工项目具有…特点,分别为31个产业项目、6个…); None when it opens with
    none."""
    stage_words = _PROJECTS.stage_words
    among = _last_in_sentence(s, "among", region_start)
    m = stage_words.search(among.group(0)) if among else None
    if m is None:
        opening = _PROJECTS.staged_projects_open.match(s.text, s.ctx.span.start, region_start)
        m = stage_words.search(opening.group("stage")) if opening else None
    return stage_of(m.group(0)) if m else None


def _to_come(s: Sentence, fig: Fig) -> bool:
    """Whether projects counted are of a stage still to come in their clause (近期拟签约项目7个, 开工和即将投产项目7个,
    6个项目有望开工)."""
    text, span = s.text, s.ctx.span
    before = text[max(span.start, fig.start - _INTENT_WIDTH):fig.start]
    after = text[fig.end:min(span.end, fig.end + _INTENT_WIDTH)]
    if not any(w in before or w in after for w in _INTENTS):
        return False
    clause = clause_start(text, span.start, fig.start)
    ends = [i for c in _CLAUSE_MARKS if (i := text.find(c, fig.end, span.end)) >= 0]
    close = min(ends) if ends else span.end
    return any(_intended(text, m.start()) for m in _PROJECTS.stage_words.finditer(text, clause, close))


def _intended(text: str, at: int) -> bool:
    """Whether the stage word at ``at`` is a stage still to come (拟签约, 即将投产, 预计可于近期开工): projects that
    have not reached it have no stage yet."""
    lo = max(at - _INTENT_WIDTH, 0)
    before = text[lo:at]  # (sliced once, not once for each word)
    if not any(w in before for w in _INTENTS):
        return False
    return _PROJECTS.intended.search(text, lo, at) is not None


def _stage_of_whole(s: Sentence, desc: str, prenominal: str) -> Stage | None:
    """The stage of projects some of which are counted right after what they did: that their own words say (签约项目
    56个已开工28个), a programme's (重点项目: under way), else none (the context's)."""
    said = _PROJECTS.stage_words.search(desc)
    if said is not None and mentions_projects(desc[said.end():]):
        return stage_of(said.group(0))
    return "ongoing" if _PROJECTS.key_programme.search(desc + prenominal) else None


def _stage_reached(found: list[re.Match[str]], first: int, last: int) -> int:
    """谋划实施项目: of a chain of stage words from ``first`` to ``last``, the first that is reached, past the verbs of
    planning written right before the next one (not 洽谈及签约, a list: a mix; not 意向签约, an intention)."""
    while first < last and found[first].group(0) in _PROJECTS_SETS.planning_verbs \
            and found[first].end() == found[first + 1].start():
        first += 1
    return first


def _last_before_noun(desc: str, found: list[re.Match[str]], k: int) -> int:
    """The last stage word of ``found`` from ``k`` on still before a projects noun (…预备|项目)."""
    while k + 1 < len(found) and mentions_projects(desc[found[k + 1].end():]):
        k += 1
    return k


def _chain_start(desc: str, found: list[re.Match[str]], k: int) -> int:
    """The first stage word of the stages listed together ending at ``found[k]`` (签约、开工、投产); an agreement
    signed (新签协议, 签订意向协议) is the agreement's."""
    if found[k].group(0) in _PROJECTS_SETS.agreements:
        return k
    while k > 0 and found[k].start() - found[k - 1].end() <= 1 \
            and desc[found[k - 1].end():found[k].start()] in _STAGE_JOINERS:
        k -= 1
    return k


def _last_in_sentence(s: Sentence, shape: str, end: int) -> re.Match[str] | None:
    """The last match of ``projects.<shape>`` in the sentence ending by ``end`` (the sentence's matches
    found once: a long list of counts asks at every one of them)."""
    found = s.state.found.get(shape)
    if found is None:
        span = s.ctx.span
        found = s.state.found[shape] = list(getattr(_PROJECTS, shape).finditer(s.text, span.start, span.end))
    return next((m for m in reversed(found) if m.end() <= end), None)


def _listed_stage(words: str, m: re.Match[str]) -> Stage:
    """The stage a stage word ``m`` of ``words`` gives, with the stage words listed after it: projects of
    several stages at once (集中开工、竣工、签约; 开工签约) are of none (other), but signed projects that
    went on to start (新签约开工) started, and a step joined to a stage (洽谈签约) is the stage reached."""
    stage = stage_of(m.group(0))
    more = _PROJECTS.more_stages.match(words, m.end())
    if more is None or stage_of(more.group("stage")) == stage:
        return stage
    later = stage_of(more.group("stage"))
    joined = more.start("stage") == m.end()
    step = m.group(0) in _PROJECTS_SETS.steps_before
    if {stage, later} == _BUILDING:
        return "ongoing"  # 新建、续建项目: new and continuing, all under construction
    return later if joined and (step or (stage, later) == _SIGNED_THEN_STARTED) else "other"


def _inside_examples(desc: str, word: re.Match[str]) -> bool:
    """甲整县推进、乙等6个项目: a stage word ending the name of a project given as an example (before 、
    or 等) is part of that name; one before the names (签约甲、乙等9个项目) is what they did, and so are
    stage words listed alone (签约、开工等12个项目)."""
    named = max((desc.rfind(w) for w in _PROJECTS_WORDS.examples_marks), default=-1)
    if word.start() >= named:
        return False
    if not desc.startswith((_NAME_WORDS.list_mark, *_PROJECTS_WORDS.examples_marks), word.end()):
        # (签约落地甲产业园、乙运营研发中心等40个项目: a stage word inside an example's name, after the verb the list
        # opens with, is part of that name)
        return _PROJECTS.rest_of_example.match(desc, word.end()) is not None \
            and _PROJECTS.stage_words.search(desc, 0, word.start()) is not None
    opening = max(desc.rfind(c, 0, word.start()) for c in _CLAUSE_MARKS) + 1
    return _PROJECTS.stages_listed.fullmatch(desc, opening, named) is None


def category_of(desc: str) -> str | None:
    """The kind of project as written before 项目 (外资, 重点, 省、市重点), thresholds removed.

    >>> category_of("新签约外资项目"), category_of("亿元以上重点工业项目"), category_of("甲、乙等27个项目")
    ('外资', '重点工业', None)
    >>> category_of("沛县项目"), category_of("苏州工业园区项目")
    (None, None)
    """
    k = max(desc.rfind(noun) for noun in _PROJECTS_WORDS.nouns)
    if k < 0:
        return None
    cat = _NAMES.aside.sub("", desc[:k])
    cat = _PROJECTS.item_number.sub("", _NAMES.clause_separator.split(cat)[-1])  # (1.先进制造业项目14个)
    cat = without_quotes(_PROJECTS.threshold.sub("", cat))
    m = last_match(_PROJECTS.stage_words, cat)
    if m is not None:
        cat = cat[m.end():]
    said = last_match(_PROJECTS.category_verb, cat)
    if said is not None:  # 此次活动涉及(29个项目): what the words before a verb did, no kind
        cat = cat[said.end():]
    dated = last_match(_PROJECTS.category_period, cat)
    if dated is not None:  # (筛选2022年度|市级重大重点项目, 肥西县年底|在库项目: the kind after its date)
        cat = cat[dated.end():]
    cat, _cut = trim_openers(cat, _CATEGORY_OPENERS, keep_last=False)
    # (5亿元或…以上, 引进50亿元或5亿美元以上工业, 其中50亿元或…: no joiner of two sizes left)
    cat = _PROJECTS.category_tail.sub("", _PROJECTS.alternative_size_joiner.sub("", cat))
    possessive = _NAME_WORDS.possessive
    if possessive in cat:
        cat = cat.rsplit(possessive, 1)[1]  # 实体经济重点建设项目的工业项目 → 工业
    if any(w in cat for w in _PROJECTS_WORDS.examples_marks) or (
            _NAME_WORDS.list_mark in cat and len(cat) > 8):
        return None  # 汇龙环保、矽盛电子等27个项目: named examples, not a kind of project
    if not cat or cat in _PROJECTS_SETS.generic_categories or subject_finder().entity_named(cat) is not None:
        return None  # (沛县12个项目: the place whose projects they are, its subject, no kind of project)
    return cat


def _size_or_total(desc: str, prenominal: str) -> tuple[Decimal | None, str, Decimal | None]:
    """The size class of counted projects and its currency (:func:`threshold_in`) — or, when the words between the
    count and its noun give the projects' total investment (8个|总投资127亿元项目), no size but that total."""
    total = _total_before_noun(prenominal)
    if total is not None:
        return None, _CNY, total.value
    min_investment, currency = threshold_in(desc)
    return min_investment, currency, None


def _total_before_noun(prenominal: str) -> Amount | None:
    """8个|总投资127亿元项目: the investment written between a count and its noun (总投资, then an amount glued to the
    noun or joined by 的), the projects' total; None when the words are no such thing (亿元以上项目: a size)."""
    m = _PROJECTS.total_before_noun.match(prenominal) if prenominal else None
    found = figure_regex().fullmatch(m.group("amount")) if m is not None else None
    amount = parse_amount(found) if found is not None else None
    return amount if amount is not None and amount.unit == _CNY else None


def _kind_before_noun(prenominal: str) -> bool:
    """12个外资项目: a kind written between a count and its noun, the projects' kind over the words before."""
    return mentions_projects(prenominal) and prenominal not in _PROJECTS_SETS.nouns


def _bare_kind(region: str) -> str | None:
    """省级 in 建设项目27项(省级6项…): the kind a part of projects is listed under, 项目 left out."""
    if mentions_projects(region):
        return None
    kind, _cut = trim_openers(strip_chars(region), _CATEGORY_OPENERS, keep_last=False)
    if _PROJECTS.stage_words.search(kind) or threshold_in(kind)[0] is not None:
        return None  # (其中上半年开工45个, 其中亿元以上10个: a stage or a size, no kind)
    return kind if _PROJECTS.bare_kind.fullmatch(kind) else None


def _amount_alone(desc: str, m: re.Match[str]) -> bool:
    """Whether ``m`` (an amount) is all the words of a count's description but the marks of a list of counts before
    it (其中50亿元|1个, 、10亿元|3个): the size of the projects counted, in a list of sizes."""
    lead = _PROJECTS.size_list_lead.match(desc)
    return m.start() == (lead.end() if lead is not None else 0) and m.end() == len(desc)


def _sizes_listed(desc: str) -> bool:
    """Whether a count's description is only an amount after the marks of a list of counts (其中50亿元|1个)."""
    m = _PROJECTS.threshold.search(desc)
    return m is not None and bool(m.group("n")) and _amount_alone(desc, m)


def threshold_in(desc: str) -> tuple[Decimal | None, str]:
    """The size class in a project description and its currency: 亿元以上 → 1e8, 超10亿元 → 1e9,
    百亿级 → 1e10, 亿元项目 → 1e8, 1至10亿级 → 1e8; 千万美元以上 → 1e7 in USD (kept in the currency
    written: FACTS.md).

    >>> threshold_in("亿元以上项目"), threshold_in("超10亿元项目"), threshold_in("千万美元以上项目")
    ((Decimal('100000000'), 'CNY'), (Decimal('1000000000'), 'CNY'), (Decimal('10000000'), 'USD'))
    >>> threshold_in("签约亿元项目"), threshold_in("1至10亿级项目")
    ((Decimal('100000000'), 'CNY'), (Decimal('100000000'), 'CNY'))
    >>> threshold_in("5亿元或3000万美元以上项目"), threshold_in("10亿至30亿元项目")
    ((Decimal('500000000'), 'CNY'), (Decimal('1000000000'), 'CNY'))
    >>> threshold_in("过50亿元、过100亿元项目"), threshold_in("10亿元")
    ((Decimal('5000000000'), 'CNY'), (Decimal('1000000000'), 'CNY'))
    """
    best, best_currency = None, _CNY
    for m in _PROJECTS.threshold.finditer(desc):
        if not (m.group("above") or m.group("over") or m.group("sized") is not None):
            if _PROJECTS.alternative_size_after.match(desc, m.end()):  # (5亿元或3000万美元以上: the first)
                return _size_written(m, m.group("n") or "") or (best, best_currency)
            if m.group("n") and _amount_alone(desc, m):  # (其中50亿元|1个、10亿元|3个: an amount alone)
                return _size_written(m, m.group("n")) or (best, best_currency)
            continue
        if m.group("sized") is not None and not (m.group("n") or m.group("cur") or m.group("over")) \
                and len(m.group("mag")) == 1:
            continue  # (甲新材料、万丰科技等37个项目: a lone 万 or 亿 opening a name is no size; 百亿项目 is)
        if m.group("over") and _PROJECTS.alternative_over_after.match(desc, m.end()):  # (过50亿元、过100亿元)
            return _size_written(m, m.group("n") or "") or (best, best_currency)
        # 1至10亿级: a class from its low end
        sized = _size_written(m, m.group("low") or m.group("n") or "", m.group("low_mag") if m.group("low") else None)
        if sized is not None:
            best, best_currency = sized
    return best, best_currency


def _size_written(m: re.Match[str], number: str, mag: str | None = None) -> tuple[Decimal, str] | None:
    """The amount and currency of a size the threshold shape matched (亿元 alone: 1 亿元); ``mag`` the number's own
    magnitude when it writes one (10亿至30亿元: the low end's), else the one before the currency."""
    mag = mag or m.group("mag")
    value = scale(parse_number(number) or Decimal(0), mag) if number else scale(Decimal(1), mag)
    if not value or not in_range(value):
        return None
    return value, units()[m.group("cur")].unit if m.group("cur") else _CNY


def _size_of_one(desc: str) -> tuple[Decimal, str] | None:
    """80亿元项目1个, 6000万美元韩资项目1个: one project of a size written with no 以上/超 is that
    project's investment, not a size class (None when the words give none)."""
    for m in _PROJECTS.threshold.finditer(desc):
        one = _size_written(m, m.group("n")) if m.group("n") and not (
            m.group("above") or m.group("over") or m.group("low")) else None
        if one is not None:
            return one
    return None


# ----------------------------------------------------------------------------- investments
def projects_facts(s: Sentence, fig: Fig, name: Name, region: str) -> bool:
    """A money figure that belongs to projects: the investment of those just counted, one named
    project with its investment, or the investment of 这些项目; False when it is none of these."""
    if _PROJECTS.annual_plan_end.search(region) or _PROJECTS.investment_made_end.search(region):
        # 今年计划投资206亿元, 当年计划投资19亿元: the year's plan, an indicator of its own; 完成投资额: investment made
        return False
    if _batch_investment(s, fig) or _described_project(s, fig, name) or _item_project(s, fig, name):
        return True  # (…37个,总投资214亿元,还有一批在谈项目,拟投资380亿元: not the 37's)
    if s.state.projects is not None and s.state.projects.min_investment is None \
            and any(c in region for c in _EACH_MARKS) and (_PROJECTS.each_investment.fullmatch(name.text)
                 or _PROJECTS.each_investment.fullmatch(strip_chars(region))) \
            and _same_currency(s.state.projects, fig):
        # 28个项目,投资总额96亿元,每个项目投资均在5000万元以上: the size every one of them has
        _give_size(s, s.state.projects, fig)
        return True
    if _size_after_count(s, fig) or _counted_kind_investment(s, fig, name):
        return True
    # 甲项目、总投资100亿元的乙项目: the investment word after the list item before it
    investment = is_investment_name(_PROJECTS.listed_project.sub("", name.text)) \
        or _PROJECTS.investment_after_copula.search(name.text) is not None
    # (启动实施投资9.6亿元的甲项目: verbs before the bare investment word are what was done to the project)
    sized = name.text.endswith(_PLAIN_INVESTMENT) and s.text.startswith(_PROJECTS_WORDS.of_mark, fig.end)
    if (investment or sized or _PROJECTS.investment_end.search(name.text)) and _investment_ahead(s, fig):
        # (投资103.2亿元的31个项目; …现场举行一季度总投资6.5亿元的12个项目集中开工: the investment of the projects
        # counted next, whatever the words before its name)
        return True
    if (investment or sized) and _single_project(s, fig, name.start):
        return True  # (总投资10.6亿元的甲项目, 投资6000万元的乙项目: one project's, never the count's just given)
    if investment and _stages_listed(s, fig):
        return True
    if _investment_after_count(s, fig):
        return True
    if investment and (s.state.projects is not None or _projects_in_paragraph(s)):
        _project_investment(s, fig)
        return True
    if _named_project_investment(s, fig, name) or _staged_investment(s, fig, name) \
            or _kind_part_investment(s, fig, name) or _firm_investment(s, fig, name, region):
        return True
    if _PROJECTS.these.search(region) and mentions_projects(region) and is_investment_name(
            _PROJECTS.up_to_noun.sub("", name.text)):
        for p in reversed(s.log.projects):
            if p.investment is None and _same_currency(p, fig):
                _give_investment(s, p, fig)
                return True
    return False


def _said_of_all(s: Sentence, p: Projects, end: int) -> None:
    """55个项目均是亿元以上项目, 项目14个,均为工业项目: a size class or a kind said of all the projects right after
    their count is their ``min_investment`` or ``category`` (each only when they have none)."""
    said = _PROJECTS.of_all_after.match(s.text, end, s.ctx.span.end)
    if said is None:
        return  # (plain check first: most counts say nothing of them all after them)
    size, currency = threshold_in(said.group("kind"))
    kind = category_of(said.group("kind")) if size is None else None
    if size is not None and p.min_investment is None:
        p.min_investment, p.currency = size, currency
    elif kind is not None and p.category is None:
        p.category = kind
    else:
        return
    s.ctx.doc.extend_quote(p, said.end())


def _size_after_count(s: Sentence, fig: Fig) -> bool:
    """其中6个项目的投资额超过2亿元: a size written right after the projects just counted, with an over mark
    before the amount or 以上 after it, is the size class of each of them, not their investment."""
    p = s.log.projects[-1] if s.log.projects else None
    if p is None or p.min_investment is not None or p.investment is not None or not _same_currency(p, fig):
        return False
    end = s.ctx.doc.norm_pos(p.end)
    if not s.ctx.span.start <= end <= fig.start:
        return False
    words = _PROJECTS.size_after_count.match(s.text[end:fig.start])
    if words is None:
        return False
    # 以上 after the amount says each; an over mark alone does only for a part (其中6个项目…超过2亿元)
    among = _NAME_WORDS.among in s.text[s.ctx.span.start:end]
    if not (_PROJECTS.size_after_above.match(s.text, fig.end) or (words.group("over") and among)):
        return False
    _give_size(s, p, fig)
    return True


# How many characters of the projects' kind said again before their investment make it theirs (工业项目总投资).
_KIND_SAID_AGAIN = 2


def _investment_after_count(s: Sentence, fig: Fig) -> bool:
    """6个产业项目总投资10.89亿元: an investment written right after the projects just counted
    (their noun, then 总投资) is theirs."""
    p = s.log.projects[-1] if s.log.projects else None  # (the last counted: a kind listed under a lede too)
    if p is None or p.investment is not None or not _same_currency(p, fig):
        return False
    # (签约项目9个,投资突破40亿元: a verb of reaching between the word and the figure is no part of the word)
    reach = next((w for w in _INVESTMENT_REACH if s.text.endswith(w, s.ctx.span.start, fig.start)), "") \
        if s.text.endswith(_INVESTMENT_REACH, s.ctx.span.start, fig.start) else ""  # (one test first: most have none)
    stop = fig.start - len(reach)
    if not s.text.endswith(_INVESTMENT_ENDS, s.ctx.span.start, stop):
        return False
    end = s.ctx.doc.norm_pos(p.end)
    words = strip_chars(s.text[end:stop])
    kind = p.category or ""
    shared = next((i for i, (a, b) in enumerate(zip(kind, words, strict=False)) if a != b), min(len(kind), len(words)))
    if shared >= _KIND_SAID_AGAIN:  # (工业项目12个,工业项目总投资56亿元: their kind said again)
        words = words[shared:]
    estimated = _CONTEXT.estimate.match(words) if not is_investment_name(words) else None
    if estimated is not None:  # (签约落地项目11个,预计投资87.39亿元: an estimate of their investment)
        words = words[estimated.end():]
    if not s.ctx.span.start <= end <= fig.start \
            or not (is_investment_name(words) or words in _PROJECTS_SETS.adjacent_investment):
        return False
    if reach and id(p) in s.log.child_projects and is_investment_name(words):
        return False  # (其中…100亿元以上的3个,总投资近130亿元: a total after parts, the whole's — _project_investment)
    clause = max(s.text.rfind(c, s.ctx.span.start, end) for c in _CLAUSE_MARKS) + 1
    p = _whole_of_parts_listed(s, p) or _whole_of_size_part(s, p) or p
    if words in _PROJECTS_SETS.signing_investment \
            and not _PROJECTS.stage_words.search(s.text, max(clause, s.ctx.span.start), end):
        # (民营企业投资项目3590个,签约金额6978.16亿元: signed projects, whatever stage the context gave them;
        # 签订框架协议: not)
        p.stage = "signed"
    _give_investment(s, p, fig)
    qual = local_qualifier(s.text, fig) or (_ESTIMATE if estimated is not None else None)  # (投资突破50亿元: at least)
    if qual and p.qualifier is None:
        p.qualifier = qual
    return True


def _whole_of_parts_listed(s: Sentence, last: Projects) -> Projects | None:
    """共签约项目20个,其中正式合同项目16个、框架协议项目4个,总投资96亿元: parts listed with 、 and none of them with
    money, then an investment — the whole's (counted before them in the sentence), not the last part's; None when
    the parts are no such list."""
    log, doc = s.log, s.ctx.doc
    if len(log.projects) < _PARTS_AND_WHOLE or id(last) not in log.child_projects:
        return None
    sibling = log.projects[-2]
    if id(sibling) not in log.child_projects or sibling.investment is not None \
            or not s.text.startswith(_NAME_WORDS.list_mark, doc.norm_pos(sibling.end)):
        return None
    whole = next((p for p in reversed(log.projects) if id(p) not in log.child_projects), None)
    if whole is None or whole.investment is not None or doc.norm_pos(whole.start) < s.ctx.span.start:
        return None
    return whole


def _whole_of_size_part(s: Sentence, last: Projects) -> Projects | None:
    """签约项目17个,其中亿元以上项目5个,协议总投资19.7亿元: one size class under 其中, no money of its own, said in the
    sentence of its whole, then an investment — the whole's (how many of them are large is an aside); None otherwise."""
    log, doc = s.log, s.ctx.doc
    if last.min_investment is None or last.investment is not None or id(last) not in log.child_projects \
            or len(log.projects) < _WHOLE_AND_PART:
        return None
    whole = log.projects[-2]
    if id(whole) in log.child_projects or whole.investment is not None or whole.min_investment is not None \
            or doc.norm_pos(whole.start) < s.ctx.span.start \
            or _NAME_WORDS.among not in s.text[doc.norm_pos(whole.end):doc.norm_pos(last.end)]:
        return None
    return whole


def _give_investment(s: Sentence, p: Projects, fig: Fig) -> None:
    """The money figure ``fig`` is the investment of the projects ``p``; their evidence runs to it."""
    p.investment, p.currency = fig.amount.value, fig.amount.unit or _CNY
    s.ctx.doc.extend_quote(p, fig.end)


def _give_size(s: Sentence, p: Projects, fig: Fig) -> None:
    """The money figure ``fig`` is the size every one of the projects ``p`` has; their evidence runs to it."""
    p.min_investment, p.currency = fig.amount.value, fig.amount.unit or _CNY
    s.ctx.doc.extend_quote(p, fig.end)


def _same_currency(p: Projects, fig: Fig) -> bool:
    """Whether a money figure may join projects: one currency per fact, so a size class in one and
    an investment in another never mix (the text gives no exchange rate)."""
    return p.min_investment is None or p.currency == (fig.amount.unit or _CNY)


def _projects_in_paragraph(s: Sentence) -> bool:
    return len(s.log.projects) > s.para.first_project


def _project_investment(s: Sentence, fig: Fig) -> None:
    """总投资X: the projects just counted, or their parent after a list of sub-counts."""
    log, doc = s.log, s.ctx.doc
    if not log.projects:
        return
    target = log.projects[-1]
    if _sub_counts_before(s, fig) >= 2:  # (其中:20个县级项目,28个乡镇项目。项目总投资71.73亿元: the whole's)
        target = s.state.projects or next((p for p in reversed(log.projects) if id(p) not in log.child_projects),
                                          target)
    if target is log.projects[-1] and id(target) in log.child_projects and s.state.projects is not None \
            and _ASIDE_CLOSE in s.text[doc.norm_pos(target.end):fig.start]:
        target = s.state.projects  # 131个重大项目(含前期项目5项),总投资…: the whole's, not the aside's
    if target.investment is None and _same_currency(target, fig):
        _give_investment(s, target, fig)
        qual = local_qualifier(s.text, fig)
        if qual and target.qualifier is None:
            target.qualifier = qual


def _stages_listed(s: Sentence, fig: Fig) -> bool:
    """集中开工8个项目、签约10个项目,总投资67.5亿元: projects of several stages counted one after another, then
    one investment: the investment of them all, its own projects fact of no one stage and no count."""
    doc = s.ctx.doc
    listed: list[Projects] = []
    for p in reversed(s.log.projects):  # (the sentence's own, the last ones: no scan of every project before)
        if doc.norm_pos(p.start) < s.ctx.span.start or len(listed) == _STAGES_LISTED:
            break
        if doc.norm_pos(p.start) < fig.start:
            listed.insert(0, p)
    if len(listed) < 2 or any(p.investment is not None for p in listed[-2:]) or listed[-1].stage == listed[-2].stage \
            or _parts_listed(s, listed[-2]) \
            or not s.text.endswith(_INVESTMENT_ENDS, s.ctx.span.start, fig.start):
        return False
    if not _PROJECTS.stages_joined.fullmatch(s.text, doc.norm_pos(listed[-2].end), doc.norm_pos(listed[-1].start)):
        return False
    last = listed[-1]
    p = Projects(subject=last.subject, period=last.period, stage="other", category=last.category,
                 investment=fig.amount.value, currency=fig.amount.unit or _CNY, rule="projects.v1")
    doc.set_quote(p, doc.norm_pos(listed[-2].start), fig.end)
    s.log.add(p)
    return True


def _parts_listed(s: Sentence, first: Projects) -> bool:
    """共签约项目20个,其中正式合同项目16个、框架协议项目4个,总投资96亿元: counts listed under 其中 after the whole, of
    whatever stages — parts, the investment after them the whole's, not theirs together."""
    doc, sent = s.ctx.doc, s.ctx.span
    among = s.text.rfind(_NAME_WORDS.among, sent.start, doc.norm_pos(first.start))
    return among >= 0 and any(sent.start <= doc.norm_pos(p.start) < among for p in reversed(s.log.projects))


def _sub_counts_before(s: Sentence, fig: Fig) -> int:
    """How many counts of projects counted under others (其中X类3个、Y类2个) stand in the part of the
    paragraph before ``fig`` (after its last ';', at most a sentence back), up to two (enough to
    say the investment after them is their parent's)."""
    log, doc = s.log, s.ctx.doc
    floor = max(s.ctx.para.semicolon_before(fig.start), s.ctx.span.start - MAX_SENTENCE)
    found = 0
    for p in reversed(log.projects[s.para.first_project:]):
        if doc.norm_pos(p.start) <= floor:
            break
        found += id(p) in log.child_projects
        if found >= 2:
            break
    return found


def _total_ahead(s: Sentence, money: Fig, p: Projects) -> bool:
    """Whether the investment written before projects counted next is their total: always when they have no size;
    beside their size only when 的 joins it to them (总投资432.7亿元的|87个亿元以上项目) and it is not that size
    (投资5000万元以上的12个项目)."""
    return p.min_investment is None or (s.text.startswith(_PROJECTS_WORDS.of_mark, money.end)
                                        and p.min_investment != money.amount.value)


def _investment_ahead(s: Sentence, fig: Fig) -> bool:
    """总投资1972亿元的产业项目69个, 协议总投资88.24亿元的27个项目: an investment written before the
    projects counted next is theirs."""
    text, sent = s.text, s.ctx.span
    m = _PROJECTS.named_project.match(text, fig.end, sent.end)
    count = _PROJECTS.count_after.match(text, m.end(), sent.end) if m else None
    if count is None:  # 协议总投资88.24亿元的27个项目集中签约: the count right after 的
        count = _PROJECTS.count_of_projects_after.match(text, fig.end, sent.end)
    if count is None:
        return False
    s.state.investment_ahead = (fig, count.end())
    return True


def _named_project_investment(s: Sentence, fig: Fig, name: Name) -> bool:
    """山东宝雅新能源汽车制造项目总投资达到65亿元: a project named by its own name, with its investment,
    is one project (FACTS.md); 重点项目总投资, 在建项目总投资 (projects of a kind or a stage) are not."""
    start: int | None = name.start
    m = _PROJECTS.project_then_investment.fullmatch(name.text)
    if m is None:  # (甲公司年产15万吨|乙板材项目计划总投资…: the name cut at its own figures, read whole)
        start = _own_figures_start(s, name)
        m = _PROJECTS.project_then_investment.fullmatch(s.text[start:name.start] + name.text) \
            if start is not None else None
    if m is None or start is None or names_projects_of_a_kind(m.group("project")) \
            or (start == name.start and _PROJECTS.aggregate_words.search(m.group("project"))):
        return False  # (its own figures, 年产15万吨, are no count; a digit in a name as cleaned is)
    ctx = s.ctx
    stage = _stage_around(s)
    p = Projects(subject=ctx.subject_at(fig.start), period=_one_project_period(s, fig, stage),
                 stage=stage, category=None, min_investment=None, count=Decimal(1),
                 investment=fig.amount.value, qualifier=local_qualifier(s.text, fig), rule="projects.named.v1",
                 currency=fig.amount.unit or _CNY)
    ctx.doc.set_quote(p, start, fig.end)
    s.log.add(p)
    return True


def _own_figures_start(s: Sentence, name: Name) -> int | None:
    """Where one project's own name starts when its words were cut at a figure of its own glued before them (甲板业
    公司年产15万吨|乙板材项目计划总投资: a firm, what it will make): the clause's start; None otherwise."""
    text, sent = s.text, s.ctx.span
    # (map with the str method: no generator's frame at each of the 620 names of 10 reports)
    if name.start <= sent.start or not text[name.start - 1].isalpha() or not any(
            map(str.isdigit, text[max(sent.start, name.start - _OWN_FIGURES_WIDTH):name.start])):
        return None
    clause = clause_start(text, sent.start, name.start)
    words = text[clause:name.start]
    m = _PROJECTS.own_figure_before.match(words)
    if m is None or _PROJECTS.not_one_project.search(m.group("firm")):
        return None
    return clause


def _staged_investment(s: Sentence, fig: Fig, name: Name) -> bool:
    """现场签约投资总额达12.35亿元, 集中开工项目总投资58亿元 with no projects counted: the investment of the projects
    of that stage (a projects fact with no count), not an indicator."""
    m = _PROJECTS.staged_investment.match(name.text)
    if m is None:
        return False
    ctx, stage = s.ctx, stage_of(m.group("stage"))
    period = _projects_period(s, fig, stage, False)
    if m.group("at_event"):  # (现场签约…: done at the event the report is about, in its month)
        period = ctx.event_month(fig.start) or period
    p = Projects(subject=ctx.subject_at(fig.start), period=period, stage=stage,
                 category=None, min_investment=None, count=None, investment=fig.amount.value,
                 qualifier=local_qualifier(s.text, fig), rule="projects.v1", currency=fig.amount.unit or _CNY)
    ctx.doc.set_quote(p, name.start, fig.end)
    s.log.add(p)
    return True


def _counted_kind_investment(s: Sentence, fig: Fig, name: Name) -> bool:
    """签约项目23个,其中合同项目21个,协议项目2个;签约项目总投资52.06亿元,其中合同项目投资45.56亿元: an investment
    named by the kind (合同) or the stage (签约) of projects counted before it in the paragraph is theirs, when exactly
    one such count has no investment yet (the kind's count by its kind; the stage's, of no kind, by its stage)."""
    if _NOUN_WORD not in name.text or not _projects_in_paragraph(s):
        return False  # (plain checks first: most investments name no projects, or follow none counted)
    m = _PROJECTS.kind_investment.fullmatch(name.text)
    if m is None:
        return False
    kind = m.group("kind")
    staged = _PROJECTS.stage_words.fullmatch(kind)
    category = None if staged is not None else category_of(kind + _NOUN_WORD)
    if staged is None and category is None:
        return False
    stage = stage_of(staged.group(0)) if staged is not None else None
    counted = [p for p in s.log.projects[s.para.first_project:]
               if p.count is not None and p.investment is None and _same_currency(p, fig)
               and (p.category == category if category is not None else p.category is None and p.stage == stage)]
    if len(counted) != 1:
        return False
    _give_investment(s, counted[0], fig)
    return True


def _kind_part_investment(s: Sentence, fig: Fig, name: Name) -> bool:
    """签约项目210个,总投资1820亿元。其中,新材料产业项目总投资806亿元: the investment of a kind of the projects of
    the paragraph, no stage word and none counted, is a part of those before — a projects fact with no count, of
    their stage, period and place (a smaller sum than theirs: the same projects again are no part)."""
    if _NOUN_WORD not in name.text:
        return False
    m = _PROJECTS.kind_investment.fullmatch(name.text)
    if m is None or not _projects_in_paragraph(s) or _PROJECTS.stage_words.search(m.group("kind")) \
            or _PROJECTS.these.search(m.group("kind")) or category_of(m.group("kind") + _NOUN_WORD) is None:
        return False  # (the same projects again, or of a stage of their own, or of a place: no kind among them)
    opening = clause_start(s.text, s.ctx.span.start, name.start)
    if s.text[opening:name.start].strip() not in _KIND_OPENERS:
        return False  # (甲公司年产5万吨复合板生产项目计划总投资…: one project's own name, cut at its figures)
    # (外资项目总投资40亿元,内资项目总投资270亿元: each kind a part of the whole, not of the kind before)
    whole = next((p for p in reversed(s.log.projects) if p.rule != _KIND_RULE), None)
    if whole is None or whole.investment is None or fig.amount.value >= whole.investment \
            or whole.currency != (fig.amount.unit or _CNY):  # (one currency: a part is compared with its whole)
        return False
    ctx = s.ctx
    p = Projects(subject=whole.subject, period=whole.period, stage=whole.stage,
                 category=category_of(m.group("kind") + _NOUN_WORD), min_investment=None, count=None,
                 investment=fig.amount.value, qualifier=local_qualifier(s.text, fig), rule=_KIND_RULE,
                 currency=fig.amount.unit or _CNY)
    ctx.doc.set_quote(p, name.start + m.start("kind"), fig.end)
    s.log.add(p)
    s.state.kind_named = (fig.end, name.text[m.start("kind"):])
    return True


def _firm_investment(s: Sentence, fig: Fig, name: Name, region: str) -> bool:
    """签约项目12个…。甲乙新能源有限公司计划投资9亿元,建设…; 企业将投资6亿元在…建设…: what one firm plans to invest, in
    a paragraph on projects, is one project's investment (count 1) of the stage it names or of the projects around."""
    if not name.text.endswith(_PLAIN_INVESTMENT):
        return False
    # (the words before the figure first: a name cleaned may have lost the firm's opening, 甲控股集团|有限公司)
    m, start = _PROJECTS.firm_investment.fullmatch(region), fig.start - len(region)
    if m is None:
        m, start = _PROJECTS.firm_investment.fullmatch(name.text), name.start
    if m is None or not (s.log.projects or mentions_projects(s.text[s.ctx.para.span.start:fig.start])):
        return False  # (a report counting projects, or a paragraph on them: a firm's plan is a project's)
    said = _PROJECTS.stage_words.search(m.group("signed") or "")
    if said is None and not _projects_in_paragraph(s):  # (甲公司新厂区项目正式开工。企业将投资…: the stage it reached)
        said = _reached(s.text[s.ctx.para.span.start:name.start])
    stage = stage_of(said.group(0)) if said is not None else _stage_around(s)
    ctx = s.ctx
    lead = min((m.start(g) for g in ("firm", "own") if m.start(g) >= 0), default=m.start())  # (from the firm on)
    # (the place of the text before the firm, never the firm its name reads as: 甲控股集团)
    p = Projects(subject=ctx.subject_at(start + lead), period=_projects_period(s, fig, stage, False), stage=stage,
                 category=None, min_investment=None, count=Decimal(1), investment=fig.amount.value,
                 qualifier=local_qualifier(s.text, fig), rule="projects.named.v1", currency=fig.amount.unit or _CNY)
    ctx.doc.set_quote(p, start + lead, fig.end)
    s.log.add(p)
    return True


def _batch_investment(s: Sentence, fig: Fig) -> bool:
    """还有一批在谈项目,拟投资约380亿元: a batch of projects of a stage written without a count, then their
    investment — a projects fact with no count (as 现场签约投资总额 is), not an indicator."""
    ctx = s.ctx
    m = _PROJECTS.batch_investment.search(s.text, max(ctx.span.start, fig.start - _BATCH_WIDTH), fig.start)
    said = _PROJECTS.stage_words.search("".join(g or "" for g in m.group("ahead", "words", "done"))) \
        if m is not None else None
    if m is None or said is None:
        return False
    stage = stage_of(said.group(0))
    p = Projects(subject=ctx.subject_at(fig.start), period=_projects_period(s, fig, stage, False), stage=stage,
                 category=None, min_investment=None, count=None, investment=fig.amount.value,
                 qualifier=local_qualifier(s.text, fig), rule="projects.v1", currency=fig.amount.unit or _CNY)
    ctx.doc.set_quote(p, m.start(), fig.end)
    s.log.add(p)
    return True


def names_projects_of_a_kind(name: str) -> bool:
    """Whether a project's name as written names projects of a kind or counted (签约项目, 12个工业项目), no one
    project; figures of its own (甲公司年产5万吨乙制品项目) are no count."""
    return _PROJECTS.aggregate_words.search(_DIGITS.sub("", name)) is not None \
        or _PROJECTS.count_of_part.search(name) is not None


def _item_project(s: Sentence, fig: Fig, name: Name) -> bool:
    """签约项目分别为:⏎1.甲公司年产5万吨预制菜项目,总投资6亿元;⏎2.…: an item of a list that is one project's own name,
    then its investment — that project (count 1), of the stage of the projects around, never the investment of those
    counted before."""
    if not is_investment_name(name.text):
        return False
    ctx = s.ctx
    lo = max(ctx.span.start, name.start - _ITEM_WIDTH)
    m = _PROJECTS.item_project.search(s.text[lo:name.start])  # (a slice: ^ is where the sentence or window starts)
    if m is None:  # (甲项目于3月开工建设,项目总投资…: the sentence of one project, what it did between)
        m = _PROJECTS.project_sentence.search(s.text[lo:name.start])
        if m is not None and (_PROJECTS.not_one_project.search(m.group("project"))
                              or _PROJECTS.count_of_part.search(m.group("done"))):
            return False
    if m is None or names_projects_of_a_kind(m.group("project")):
        return False  # (签约项目,总投资…; 12个工业项目,总投资…: projects of a kind or counted, no one project)
    if _PROJECTS.examples_closed.search(s.text, lo + m.start(), name.start):
        return False  # (8个项目包括甲项目、乙项目等,涉及…,总投资…: examples of the projects counted, whose money it is)
    done = _reached(m.group("done") or "")  # (甲项目竣工投产,总投资…: the last it reached)
    stage = stage_of(done.group(0)) if done else _stage_around(s)
    # (an item of the projects of the event the report is about: of its month, as they are)
    p = Projects(subject=ctx.subject_at(fig.start), period=_one_project_period(s, fig, stage),
                 stage=stage, category=None, min_investment=None,
                 count=Decimal(1), investment=fig.amount.value, qualifier=local_qualifier(s.text, fig),
                 rule="projects.named.v1", currency=fig.amount.unit or _CNY)
    ctx.doc.set_quote(p, lo + m.start("project"), fig.end)
    s.log.add(p)
    return True


def _reached(words: str) -> re.Match[str] | None:
    """The last stage word of what one project did (竣工投产), None when none or only one planned (预计明年6月投产)."""
    said = last_match(_PROJECTS.stage_words, words)
    if said is None or _PROJECTS.planned_stage.search(words, 0, said.start()) \
            or words.startswith(_PROJECTS_WORDS.capacity_mark, said.end()):
        return None
    return said


def _described_project(s: Sentence, fig: Fig, name: Name) -> bool:
    """甲项目现场…。作为省级鼓励发展的新材料类重点项目,总投资12亿元: one project described after 作为, then its
    investment — that project's own (count 1), not the investment of projects counted in a sentence before."""
    if not is_investment_name(name.text):
        return False
    ctx = s.ctx
    m = _PROJECTS.described_project.search(s.text, ctx.span.start, name.start)
    if m is None:
        return False
    stage = "ongoing" if _PROJECTS.key_programme.search(m.group(0)) else _stage_around(s)  # (重点项目: under way)
    p = Projects(subject=ctx.subject_at(fig.start), period=ctx.period_at(fig.start, target=False), stage=stage,
                 category=None, min_investment=None, count=Decimal(1), investment=fig.amount.value,
                 qualifier=local_qualifier(s.text, fig), rule="projects.named.v1", currency=fig.amount.unit or _CNY)
    ctx.doc.set_quote(p, name.start, fig.end)
    s.log.add(p)
    return True


def _last_listed_firm(s: Sentence, fig: Fig, name_start: int) -> re.Match[str] | None:
    """总投资13.5亿元的甲乙铝业和|总投资10亿元的丙丁新材料已进入…: the last of firms' projects listed each after its
    investment (the one before already taken as one project); None otherwise."""
    text, sent = s.text, s.ctx.span
    last = s.log.projects[-1] if s.log.projects else None
    if last is None or last.rule != "projects.named.v1" or last.count != 1 \
            or _PROJECTS.listed_before.search(text, max(sent.start, name_start - 1), fig.start) is None \
            or s.ctx.doc.norm_pos(last.start) < sent.start:
        return None
    return _PROJECTS.named_last.match(text, fig.end, sent.end)


def _single_project(s: Sentence, fig: Fig, name_start: int) -> bool:
    """总投资50亿元的新能源电池项目正式开工: one named project with its investment."""
    text, sent, ctx = s.text, s.ctx.span, s.ctx
    m = _PROJECTS.named_project.match(text, fig.end, sent.end) or _last_listed_firm(s, fig, name_start)
    if not m or (m.group(2) and _PROJECTS.aggregate_words.search(m.group(2))) \
            or (m.group(1) and _PROJECTS.counted_projects.match(m.group(1))):
        return False  # (总投资85.3亿元新开工项目: projects of a stage, not one named; 投资9亿元的31个项目: counted)
    # the stage its clause ends with (甲项目、乙项目实现当年签约、当年开工: the last reached)
    clause_end = _PROJECTS.clause_end.search(text, m.end(), sent.end)
    stop = clause_end.start() if clause_end else sent.end
    # (甲项目建成后主要从事…: what it will do once built, no stage reached)
    stage_m = next((w for w in reversed(list(_PROJECTS.stage_words.finditer(text, m.end(), stop)))
                    if not text.startswith(_PROJECTS_WORDS.capacity_mark, w.end())), None)
    if stage_m is None:  # (引进了总投资20亿元的甲项目: the stage its clause opens with)
        opening = clause_start(text, sent.start, fig.start)
        stage_m = last_match(_PROJECTS.stage_words, text[opening:fig.start])
        stage_m = _PROJECTS.stage_words.match(text, opening + stage_m.start()) if stage_m is not None else None
    among = _last_in_sentence(s, "among", fig.start) if stage_m is None else None
    framed = _PROJECTS.stage_words.search(among.group(0)) if among is not None else None
    stage = stage_of(stage_m.group(0)) if stage_m else stage_of(framed.group(0)) if framed else _stage_around(s)
    p = Projects(subject=ctx.subject_at(fig.start), period=_one_project_period(s, fig, stage),
                 stage=stage, category=None,  # (此次开工的项目中,投资最大的是…甲项目: of the frame's stage)
                 min_investment=None, count=Decimal(1), investment=fig.amount.value,
                 qualifier=local_qualifier(text, fig), rule="projects.named.v1", currency=fig.amount.unit or _CNY)
    ctx.doc.set_quote(p, min(name_start, stage_m.start()) if stage_m else name_start,
                      max(stage_m.end(), m.end()) if stage_m else m.end())
    s.log.add(p)
    return True
