"""Compiled patterns of the fact grammar, built once from the vocabulary tables.

Everything here is derived from ``data/vocab.toml``; the parser in :mod:`zhibiao.extract.facts`
only combines these patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from zhibiao.lexicon import alternation, vocab, words

__all__ = ["Grammar", "grammar"]

_Q_BEFORE = r"(?:约|近|将近|接近|超过|超|逾|突破|不到|不足|达到|达|为|至少|不少于|高达|仅|累计|共)"


@dataclass(frozen=True)
class Grammar:
    """All regexes of the fact grammar."""

    change_end: re.Pattern[str]
    comparative_end: re.Pattern[str]
    level_to_end: re.Pattern[str]
    basis_any: re.Pattern[str]
    double: re.Pattern[str]
    flat: re.Pattern[str]
    qual_before: re.Pattern[str]
    qual_after: re.Pattern[str]
    lead_noise: re.Pattern[str]
    lead_verbs: re.Pattern[str]
    trail_verbs: re.Pattern[str]
    split_verbs: re.Pattern[str]
    subject_refs: re.Pattern[str]
    target: re.Pattern[str]
    target_clause: re.Pattern[str]
    target_verbs: re.Pattern[str]
    estimate: re.Pattern[str]
    stage_words: re.Pattern[str]
    investment_name: re.Pattern[str]
    ranking: re.Pattern[str]
    group_after: re.Pattern[str]
    enum_tail: re.Pattern[str]
    topic_break: re.Pattern[str]
    period_words: re.Pattern[str]
    owner_tail: re.Pattern[str]
    name_prefix: re.Pattern[str]
    not_after: re.Pattern[str]
    not_a_count: re.Pattern[str]
    duration: re.Pattern[str]
    class_of_units: re.Pattern[str]
    after_value: re.Pattern[str]
    stock_name: re.Pattern[str]
    stock_now: re.Pattern[str]
    inner_noise: re.Pattern[str]
    stage_after_projects: re.Pattern[str]
    stage_name: re.Pattern[str]
    category_noise: re.Pattern[str]
    rank_adverb_end: re.Pattern[str]
    pp_verb: re.Pattern[str]
    pp_down: frozenset[str]
    shared_head: re.Pattern[str]
    back_ref: re.Pattern[str]
    threshold_after: re.Pattern[str]
    down_words: frozenset[str]
    phrase_up: frozenset[str]
    phrase_down: frozenset[str]
    phrase_split_up: re.Pattern[str]
    phrase_split_down: re.Pattern[str]
    pct_only: frozenset[str]
    basis_sets: dict[str, frozenset[str]]
    stages: dict[str, str]
    doubles: dict[str, int]


def _split_phrases(phrases: list[str]) -> re.Pattern[str]:
    """降幅收窄 with words between its halves (降幅较去年同期收窄), ending where the verb ends."""
    parts = [rf"{re.escape(p[:2])}[^,;。\d%]{{1,10}}?{re.escape(p[2:])}" for p in phrases]
    return re.compile(rf"(?:{'|'.join(parts)})$")


@cache
def grammar() -> Grammar:
    """The shared :class:`Grammar` (compiled on first use)."""
    v = vocab()
    ch = v["change"]
    verbs = [*ch["phrase_up"], *ch["phrase_down"], *ch["up"], *ch["down"]]
    verb_alt = alternation(verbs)
    change_end = re.compile(
        rf"(?P<verb>{verb_alt})(?:了)?(?:分别|依次|均|都)?(?:为|达到|达|了)?(?P<q>{_Q_BEFORE})?\s*$"
    )
    comparative_end = re.compile(
        r"(?P<verb>高于|低于|快于|慢于|高出|(?:超过|超出|超|快于)(?=(?:时间|时序|序时)进度))"
        r"(?P<base>[^,;。\d、]{0,24}?)(?:平均)?(?:水平)?"
        r"(?:分别|依次)?\s*$"
    )
    level_to_end = re.compile(r"(?:增长|增加|提高|提升|上升|下降|降低|减少|降|增|达)(?:到|至)\s*$")
    basis_all = [*v["basis"]["avg2y"], *v["basis"]["yoy"], *v["basis"]["other"]]
    stages: dict[str, str] = {}
    for stage in ("signed", "started", "completed", "operational", "ongoing", "other"):
        for w in v["projects"][stage]:
            stages.setdefault(w, stage)
    q = v["qualifier"]
    target_core = [w for w in q["target"] if w not in ("计划", "目标")]
    # goal words that govern the rest of their sentence (发展目标是…, 力争…)
    target = re.compile(
        rf"{alternation(target_core)}"
        r"|目标(?:是|为|:|值|定为)|(?:为|的|作为)(?:奋斗|发展|主要)?目标"
    )
    # goal verbs that govern only their own clause (计划开工…,实际已开工… is no goal)
    target_clause = re.compile(
        r"(?<!年度)(?<!全年)计划(?!总投资|投资)(?=实现|完成|新增|引进|开工|建成|达到|竣工|签约)"
        r"|要(?=实现|完成|举办|达到|突破|确保|力争|新增|引进|建成|打造|力争|争取)"
        r"|将(?=实现|达到|突破|建成)"
    )
    # a field's words never hold a ranking verb (全区营商环境评价|居|全省前列)
    field_char = r"(?:(?![居列排位名第前处])[\u4e00-\u9fff])"
    scope = (rf"(?:全[国省市区县州盟](?:同类|各[区县市]|[区县]级)?(?:\d+[个家])?{field_char}{{0,10}}?"
             r"|(?:国家级|省级|全国同类|同类)[\u4e00-\u9fff]{0,10}?"
             # after a verb of place only: a named field (居济南市第二位) or a counted peer group
             # (居五个千亿区第一位, 列15个国家级新区第3)
             r"|(?<=[居列])(?:[\u4e00-\u9fff]{2,5}?[省市州]|(?:\d+|[一二三四五六七八九十]+)[个家][\u4e00-\u9fff]{1,8}?))")
    num = r"\d+|[一二三四五六七八九十百]+"
    ranking = re.compile(
        r"(?=[位居列排名处进跻挺分均稳保跃升晋入首全国省同“\"])"  # first-character gate
        rf"(?P<lead>{alternation(v['ranking']['lead'])})?[“\"]?(?P<scope>{scope})?"
        rf"(?:中|之中)?(?:排名|排位|位居|居|位列|名列|排)?"  # 全省排名第5位: the verb after the field
        rf"(?:(?P<top>前列|前茅|第一方阵|第一梯队)|(?P<first>第一|榜首|首位|头名|冠军|之首)|第(?P<n>{num})(?:位|名)?"
        rf"|前(?P<topn>{num})(?:位|名|强)?|(?P<strong>{num})强)[”\"]?"
    )
    group_after = re.compile(
        r"^(?:多|余)?(?:国家级|省级|市级|沿海|中西部|东部|副省级)?[\u4e00-\u9fff]{0,6}?"
        r"(?:经济技术开发区|开发区|经开区|高新区|园区|城市|县市区|县区|地市|省份|国家"
        r"|(?<![\u4e00-\u9fff])[区县市镇乡省](?=[,;。和与及中\d]|实现|完成|共|的|$))"
    )
    lead_noise_alt = rf"(?:{alternation(words('name', 'lead_noise'))}|[,;:、“”\"'()\s])"
    refs_alt = rf"(?:{alternation(words('sentence', 'subject_refs'))})(?:上下)?"
    period_alt = (r"(?:(?:19|20)\d{2}年(?:度)?|今年|去年|上年|本年度|本年|当年|全年|年内|上半年|下半年|前三季度"
                  r"|[一二三四1-4]季度|\d{1,2}(?:-|至|~)\d{1,2}月(?:份)?|\d{1,2}月(?:份|末|底)?|当月|本月|年初以来|今年以来|以来|同期|累计)")
    name_prefix = re.compile(  # used with match(text, pos): no "^", which would only match at 0
        rf"(?:{refs_alt}|{lead_noise_alt}|{period_alt}|{alternation(q['estimate'])}"
        rf"|{alternation(words('name', 'lead_verbs'))})+")
    fig = v["figures"]
    project_stage_words = [w for stage in ("signed", "started", "completed", "operational")
                           for w in v["projects"][stage]]
    stage_adverbs = alternation(v["projects"]["stage_adverbs"])
    return Grammar(
        change_end=change_end,
        comparative_end=comparative_end,
        level_to_end=level_to_end,
        basis_any=re.compile(alternation(basis_all)),
        double=re.compile(alternation(list(ch["double"]))),
        flat=re.compile(rf"(?<!保)(?:{alternation(ch['flat'])})"),  # not 保持平稳
        qual_before=re.compile(rf"(?P<q>{alternation([*q['approx'], *q['at_least'], *q['at_most']])})\s*$"),
        qual_after=re.compile(r"^(?:多|余)?(?P<q>以上|及以上|左右|以内|以下|上下)"),
        lead_noise=re.compile(rf"^(?:{alternation(words('name', 'lead_noise'))}|[,;:、“”\"'()\s])+"),
        lead_verbs=re.compile(rf"^(?:{alternation(words('name', 'lead_verbs'))})"),
        trail_verbs=re.compile(rf"(?:{alternation(words('name', 'trail_verbs'))}|[,;:、“”\"'\s])+$"),
        split_verbs=re.compile(alternation(words("name", "split_verbs"))),
        subject_refs=re.compile(rf"^(?:{alternation(words('sentence', 'subject_refs'))})(?:上下)?"),
        target=target,
        target_clause=target_clause,
        target_verbs=re.compile(alternation(q["target_verbs"])),
        estimate=re.compile(alternation(q["estimate"])),
        # 新增 is no stage inside 新增长点 (a new growth point)
        stage_words=re.compile(alternation(list(stages)).replace("新增", "新增(?!长)")),
        investment_name=re.compile(rf"^(?:{alternation(v['projects']['investment'])})$"),
        ranking=ranking,
        group_after=group_after,
        enum_tail=re.compile(r"等(?:\d+|[一二三四五六七八九十]+)?(?:个|项|大)?(?:主要)?(?:经济)?(?:各项)?(?:指标|方面)?"
                             r"(?P<head>[\u4e00-\u9fff]{0,4})$"),
        topic_break=re.compile(alternation(words("topic", "breaks"))),
        period_words=re.compile(period_alt),
        name_prefix=name_prefix,
        not_after=re.compile(rf"^(?:{alternation(fig['not_after'])})"),
        not_a_count=re.compile(rf"^(?:{alternation(fig['not_a_count_after'])})"),
        duration=re.compile(rf"^(?:{alternation(fig['durations'])})"),
        class_of_units=re.compile(rf"^[\u4e00-\u9fff]{{0,6}}?(?:{alternation(fig['class_nouns'])})"),
        after_value=re.compile(rf"^(?:{alternation(fig['after_value'])})"),
        stock_name=re.compile(alternation(v["periods"]["stock_words"])),
        stock_now=re.compile(alternation(v["periods"]["now_words"])),
        inner_noise=re.compile(rf"(?:{alternation(v['name']['inner_noise'])})(?=[\u4e00-\u9fff])"),
        # what projects did, written after them: …项目已全部实现达产达效
        stage_after_projects=re.compile(
            rf"(?:{stage_adverbs})*(?:实现|完成)?((?:{alternation(project_stage_words)})+)"),
        # 计划新开工223项, 已签约35个: a count of projects named only by their stage
        stage_name=re.compile(rf"(?:{stage_adverbs})*(?:{alternation(project_stage_words)})(?:了|项)?"),
        category_noise=re.compile(
            rf"^(?:\d+(?:多|余)?(?:个|项)|{alternation(v['projects']['category_noise'])})"),
        rank_adverb_end=re.compile(rf"(?:{alternation(v['ranking']['adverbs'])})$"),
        pp_verb=re.compile(alternation([*ch["pp_verbs_up"], *ch["pp_verbs_down"]])),
        pp_down=frozenset(ch["pp_verbs_down"]),
        owner_tail=re.compile(rf"(?:{alternation(words('name', 'owner_heads'))})$"),
        shared_head=re.compile(rf"(?:{alternation(words('name', 'shared_heads'))})$"),
        back_ref=re.compile(rf"^(?:{alternation(words('name', 'back_refs'))})$"),
        threshold_after=re.compile(r"^(?:及)?(?:以上|级)(?:的)?"),
        down_words=frozenset(ch["down"]),
        phrase_up=frozenset(ch["phrase_up"]),
        phrase_down=frozenset(ch["phrase_down"]),
        phrase_split_up=_split_phrases(ch["phrase_up"]),
        phrase_split_down=_split_phrases(ch["phrase_down"]),
        pct_only=frozenset(ch["pct_only"]),
        basis_sets={k: frozenset(v["basis"][k]) for k in ("avg2y", "yoy", "other")},
        stages=stages,
        doubles=dict(ch["double"]),
    )
