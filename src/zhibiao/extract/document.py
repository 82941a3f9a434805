"""The document scope: what a report says once, read before any of its figures.

* its **title** (the metadata's, or the headline lines that open the text) and **headings**;
* its **main subject** (the zone or place it is about), from the title and the whole text;
* its **period**: a span in the title (上半年, 1-9月), else the date of the lede's event (11月14日,
  我市举行…), and the year the title names;
* its **publication date** when the input gives none: a 发布时间/日期 line or a dateline in the
  text (FACTS.md: years then resolve from it);
* its **event**: a report on a 集中开工 or 集中签约 gives its projects that stage when they
  carry none of their own;
* who **speaks for** an organisation (…管委会主任X表示), whose figures are that organisation's.

:func:`read_document` returns all of it as a :class:`~zhibiao.extract.context.DocContext`.
"""

from __future__ import annotations

import bisect
import datetime as dt

from zhibiao.extract.context import DocContext, SpokenFor
from zhibiao.extract.periods import PeriodMention, find_periods, iter_periods
from zhibiao.extract.persons import PersonMention
from zhibiao.extract.projects import stage_of
from zhibiao.extract.segment import Span, is_headline, is_title_line, sentences
from zhibiao.lexicon import Shapes
from zhibiao.model import DocMeta, Stage
from zhibiao.normalize import NormText, normalize
from zhibiao.resolve.subjects import subject_finder

__all__ = ["document_meta", "read_document", "written_date"]

_DOCUMENT = Shapes("document")
_CONTEXT = Shapes("context")
_SENTENCE_END = "。"
# How many opening lines may be the title, a kicker or a page header.
_HEAD_LINES = 4
# How far into the lede its event date may stand (11月14日,我市举行…).
_LEDE_DATE_WINDOW = 60
# The shortest lede: a line of prose shorter is a caption (图为奠基现场。).
_LEDE_MIN = 16
_DATELINE_MARKS = " \t\u3000()（）"  # (what may stand around a date alone on its line: (2022年8月5日))
# How many characters at each end of a text a 发布时间 line or dateline may stand in.
_DATELINE_WINDOW = 400


def headlines(text: str, paras: list[Span]) -> list[Span]:
    """The title lines: the run of headline-shaped lines the text opens with (at most a few).

    The run ends at the first sentence: a numbered heading below the lede (一、1-9月主要指标)
    is a section heading, not part of the title.
    """
    heads: list[Span] = []
    for para in paras[:_HEAD_LINES]:
        # (the first line of several may be a title split by a mark: 总投资87.3亿!禾榆区26个重点项目集中开工)
        first = not heads and len(paras) > 1
        if not (is_title_line(text, para) if first else is_headline(text, para)):
            break
        heads.append(para)
    return heads


def document_meta(meta: DocMeta, norm: NormText, paras: list[Span]) -> DocMeta:
    """The metadata of the input, with the title taken from the text when none was given."""
    out = DocMeta(meta.title, meta.date, meta.source_name, meta.page, meta.url, meta.body_end)
    if out.title is None:
        for para in paras[:3]:
            line = norm.quote(para.start, para.end)[0]
            if is_headline(norm.text, para) and len(line) >= 6 and not _DOCUMENT.page_header.match(line):
                out.title = line.strip("【】[] ")
                break
    return out


def read_document(norm: NormText, paras: list[Span], heads: list[Span], meta: DocMeta, published: str | None,
                  mentions: list[PersonMention], body_end: int) -> DocContext:
    """The document scope of a normalised report (see the module docstring); ``heads`` are its
    title lines (:func:`headlines`)."""
    text = norm.text
    title_text = " ".join(text[p.start:p.end] for p in heads)
    blanked = _names_blanked(text, mentions)  # (persons' names are no evidence of the report's place)
    if meta.title:
        # an HTML <title> or a corpus title is not in the body text but names the report's subject
        title = normalize(meta.title).text  # (as the body is: simplified, half-width, pinyin glosses removed)
        if title not in title_text:
            title_text = f"{title} {title_text}".strip()
    finder = subject_finder()
    title_period, title_year = _title_period(text, heads)
    lede_para = _lede(text, paras, heads)
    published = published or meta.date or written_date(text[:body_end])
    lede = _lede_date(text, lede_para) or _lede_day_said(text, lede_para, published)
    title_named = _names_removed(title_text, mentions)
    # a report naming no place of its own is about the fair its title names, if any (第5届…博览会签约项目…)
    lede_text = blanked[lede_para.start:lede_para.end] if lede_para is not None else ""
    main = finder.main_subject(blanked[:body_end], title_named) or finder.title_place(title_named) \
        or finder.title_town(title_named, lede_text) \
        or finder.lede_place(lede_text) or finder.lede_town(lede_text) or finder.lede_bare_zone(lede_text) \
        or finder.event_named(blanked[:body_end], title_named)
    return DocContext(
        norm=norm,
        published=published,
        main=main,
        finder=finder,
        title_period=title_period or lede,
        title_year=title_year,
        spoken_for=tuple(_spoken_for(text, mentions, paras)),
        event_stage=event_stage(title_text) or _lede_event_stage(text, lede_para),
        event_joint=_joint_event(title_text, text, lede_para),
        event_date=lede or _lede_day_only(text, lede_para, published),
        outer=finder.named_outer(main, blanked[:body_end] + title_named),
    )


def _names_blanked(text: str, mentions: list[PersonMention]) -> str:
    """``text`` with the persons' names it mentions blanked out (same length): 吴兴发 names a person, not 吴兴区."""
    # the names' spans, joined where they meet or overlap, then the text between them copied in slices
    # (a list of every character of the report joined again was 1% of the extraction)
    spans = sorted((m.end - len(m.name), m.end) for m in mentions
                   if 0 <= m.end - len(m.name) < m.end <= len(text) and text[m.end - len(m.name):m.end] == m.name)
    parts, done = [], 0
    for a, b in spans:
        if b <= done:
            continue
        a = max(a, done)
        parts += [text[done:a], " " * (b - a)]
        done = b
    parts.append(text[done:])
    return "".join(parts)


def _names_removed(title: str, mentions: list[PersonMention]) -> str:
    """A title with the names of the persons the text mentions blanked out (编辑林子校对吴兴发)."""
    for m in mentions:
        title = title.replace(m.name, " " * len(m.name))
    return title


def _title_period(text: str, heads: list[Span]) -> tuple[PeriodMention | None, PeriodMention | None]:
    """The first span (上半年, 1-9月) and the first year (2023年, 今年) of the title lines."""
    span = year = None
    for p in heads:
        dated = _DOCUMENT.dateline.match(text, p.start, p.end)
        if dated is not None and not text[p.start:dated.start("y")].strip(_DATELINE_MARKS) \
                and not text[dated.end():p.end].strip(_DATELINE_MARKS):
            continue  # (2018年5月2日 on a line of its own: when the report was published, not what its figures cover)
        for m in find_periods(text[p.start:p.end], p.start):
            if m.kind in ("span", "cumulative") and span is None and m.start is not None:
                span = m
            if (m.year is not None or m.rel_year is not None) and year is None \
                    and not _CONTEXT.meeting_named_after.match(text, m.end_pos, p.end):
                year = m  # (召开2024年招商引资工作会议: the meeting's year, not the figures')
    return span, year


def _lede(text: str, paras: list[Span], heads: list[Span]) -> Span | None:
    """The first paragraph of prose after the title lines (the lede), if any; a photo's caption
    (图为推进会现场。, shorter than a sentence of news) is none."""
    return next((p for p in paras[len(heads):] if _DOCUMENT.prose.search(text, p.start, p.end)
                 and p.end - p.start >= _LEDE_MIN), None)


def _lede_date(text: str, lede: Span | None) -> PeriodMention | None:
    """The event date of the lede (11月14日,我市举行…): the month a report is about when nothing
    more specific is said."""
    if lede is not None:
        for m in iter_periods(text[lede.start:lede.end], lede.start):
            if m.pos - lede.start >= _LEDE_DATE_WINDOW:
                return None  # (the mentions come in text order: none further on is near enough)
            if m.kind == "date":
                return m
    return None


def _lede_day_said(text: str, lede: Span | None, published: str | None) -> PeriodMention | None:
    """昨日,西安高新区举行重大项目开工仪式: a lede dating its event by the publication (昨日, 今天,
    日前) holds it on that day or the one before: its month, from the publication date."""
    if lede is None or published is None:
        return None
    said = _DOCUMENT.day_said.search(text, lede.start, min(lede.end, lede.start + _LEDE_DATE_WINDOW))
    if said is None:
        return None
    try:
        day = dt.date.fromisoformat(published[:10]) - dt.timedelta(days=1 if said.group("before") else 0)
    except ValueError:
        return None
    return PeriodMention(said.start(), said.end(), day.year, None, day.month, day.month, "date")


def _lede_day_only(text: str, lede: Span | None, published: str | None) -> PeriodMention | None:
    """28日,我县举行重大招商引资项目签约仪式 (published 25 January): a lede opening with a day and no month holds its
    event on the last such day up to the publication — that month when the day has come, else the month before; in an
    undated report, a day of no month known."""
    if lede is None:
        return None
    m = _DOCUMENT.day_only.match(text, lede.start, lede.end)
    if m is None:
        return None
    if published is None:  # (29日,甲举行“2018年集中签约活动” in an undated report: a day of no month known)
        return PeriodMention(m.start("day"), m.end(), None, None, None, None, "date")
    try:
        pub = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    month_start = pub.replace(day=1)
    if int(m.group("day")) > pub.day:
        month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
    return PeriodMention(m.start("day"), m.end(), month_start.year, None, month_start.month, month_start.month, "date")


def _lede_event_stage(text: str, lede: Span | None) -> Stage | None:
    """The stage of the event the lede's first sentence reports held (2020年4月15日,永济举行2020年
    第三批重大项目集中开工仪式。): a report with no title of its event names it there."""
    if lede is None:
        return None
    end = text.find(_SENTENCE_END, lede.start, lede.end)
    if end >= 0 and not any(ch.isdigit() for ch in text[lede.start:end]):
        end = text.find(_SENTENCE_END, end + 1, lede.end)  # (金秋十月,喜讯频传。10月11日,…集中开工: an opening phrase)
    held = _DOCUMENT.event_held.search(text, lede.start, lede.end if end < 0 else end)
    if held is None:  # (…交流会期间共签订外商投资项目258个: a fair's signings)
        fair = _DOCUMENT.fair_signing.search(text, lede.start, lede.end if end < 0 else end)
        return stage_of(fair.group("verb")) if fair is not None else None
    if held.group("bare"):  # (现场举行了签约仪式: the ceremony of one stage, no programme's marks)
        return stage_of(held.group("bare"))
    return event_stage(held.group(0))


def _joint_event(title: str, text: str, lede: Span | None) -> bool:
    """Whether the title or the lede's first sentence names an event of two stages at once (集中开竣工, 开(竣)工活动,
    集中签约开工仪式): the counts made at it are of its day's month as at an event of one stage (FACTS.md)."""
    if _DOCUMENT.joint_event.search(title):
        return True
    if lede is None:
        return False
    end = text.find(_SENTENCE_END, lede.start, lede.end)
    return _DOCUMENT.joint_event.search(text, lede.start, lede.end if end < 0 else end) is not None


def written_date(text: str) -> str | None:
    """The publication date a text states itself: a 发布时间/日期 line, or a dateline opening it.

    >>> written_date("标题\\n发布时间:2023-11-13 10:20\\n正文"), written_date("(2022年8月5日)本报讯 …")
    ('2023-11-13', '2022-08-05')
    >>> written_date("全年增长5%。") is None
    True
    """
    for chunk in (text[:_DATELINE_WINDOW], text[-_DATELINE_WINDOW:]):
        m = _DOCUMENT.published_line.search(chunk) or _DOCUMENT.dateline.search(chunk)
        if m:
            try:
                return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat()
            except ValueError:
                continue
    return None


def event_stage(title: str) -> Stage | None:
    """The stage of the event a report is about, from its title (集中开工 → started).

    >>> event_stage("我区2023年第二批重大项目集中开工"), event_stage("上半年经济运行情况")
    ('started', None)
    >>> event_stage("279个项目集中签约动工竣工投产") is None
    True
    """
    stages = {stage_of(w.group(0)) for m in _DOCUMENT.event.finditer(title)
              for w in _DOCUMENT.event_stage.finditer(m.group("run"))}
    return stages.pop() if len(stages) == 1 else None  # 集中签约动工竣工投产: a mixed event, no stage


def _spoken_for(text: str, mentions: list[PersonMention], paras: list[Span]) -> list[SpokenFor]:
    """The stretches of text said by people who speak for an organisation (from their name to
    the end of their sentence)."""
    starts = [p.start for p in paras]
    # a paragraph is cut into sentences once, however many speakers it names (linear time)
    cut: dict[int, tuple[list[int], list[Span]]] = {}
    out = []
    for pm in mentions:
        org = next((m.group(1) for t in pm.titles if (m := _DOCUMENT.org_in_title.match(t))), None)
        i = bisect.bisect_right(starts, pm.start) - 1
        if not org or i < 0 or pm.start >= paras[i].end:
            continue
        if i not in cut:
            sents = sentences(text, paras[i])
            cut[i] = ([s.start for s in sents], sents)
        sent_starts, sents = cut[i]
        j = bisect.bisect_right(sent_starts, pm.start) - 1
        if j >= 0 and pm.start < sents[j].end:
            out.append(SpokenFor(pm.end, sents[j].end, org))
    return out
