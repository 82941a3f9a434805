"""Officials and their titles, bylines and credits.

A person is a name right after a title (…党工委书记徐子佳, 市领导陈业鹏、田军…), after a byline
word (通讯员 杨乐军, 记者 陈盛钟) or alone in parentheses at the end of the text ((龚雯)).
Where a name ends is decided by the words that usually follow names (表示, 主持, 、 …, a table in
``vocab.toml``) and, when that is ambiguous, by jieba's part-of-speech tags.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from operator import attrgetter

from zhibiao.anchors import anchor_gate
from zhibiao.lexicon import Shapes, Words, WordSets, is_cjk, surnames
from zhibiao.model import Person
from zhibiao.normalize import NormText, to_simplified
from zhibiao.recache import compile_cached
from zhibiao.resolve.subjects import subject_finder

__all__ = ["PersonMention", "extract_persons"]

_PERSONS = Shapes("persons")
# How long an outlet's name before a byline word may be (极目新闻记者, 闽南网记者).
_OUTLET_WIDTH = 6
_LONG_OUTLET_WIDTH = 12  # (甲广播电视台融媒体|记者: an outlet's name this long only when it holds an outlet's word)
_PERSONS_WORDS = Words("persons")
_PERSONS_SETS = WordSets("persons")
_RANKING_SETS = WordSets("ranking")  # (the provinces' names: named_fields)

_SLASH = "/"
_PAREN_OPEN = "("
_PHOTO_MARKS = tuple(_PERSONS_WORDS.photo_marks)  # (the credit of a photo or a chart: checked before its shape)
_SPACE = " "
_WIDE_SPACE = "\u3000"
# What a credit glued to its name stands after ((文王小明 图李明)), never a line's start.
_GLUED_CREDIT_AFTER = "(（【[ \u3000"
_TAB = "\t"
# How far from a slash a credit may start (周琪钧/摄: the name; 制图/杨赛军: the credit word).
_CREDIT_WIDTH = 5
_OUTLET_NAME_WORDS: tuple[str, ...] = tuple(_PERSONS_WORDS.outlet_name_words)
_OUTLET_ENDS: tuple[str, ...] = tuple(_PERSONS_WORDS.outlet_ends)  # (网, 报, 社: how an outlet's name ends)
_SPACED_CREDIT_WORDS: tuple[str, ...] = tuple(_PERSONS_WORDS.bylines)
_SPACE_RUN = compile_cached(r"[ \u3000]+")
_SPACES = " \u3000"
_SPACED_TITLE_REACH, _SPACED_TITLE_MIN = 6, 3  # (记 者: a title's characters spaced apart, right before a colon)
_CLOSING_NAME_REACH = 8  # (…承诺。⏎周明: the last line's name and the break before it)
# The longest line that can be a title and a name alone (中共某某县委副书记 张三).
_TITLE_LINE_WIDTH = 24
_HEAD_LINES = 12  # (how many lines open a report, blank ones too: its title, date, who delivers it)
_NOT_NAME_ENDS = tuple(_PERSONS_WORDS.bare_not_name_ends)  # (海 口 市: a place spaced out, no name)
# (a digit too: 李东新4月24日上午主持, a date right after a name)
_BOUNDARY = set(",;:。!?“”\"()、\n \t|■●【】[]《》0123456789")
_TITLE_ASIDE = compile_cached(r"[((][\u4e00-\u9fff]{1,8}[))]")  # (0.8 ms to compile in each process)
_TITLE_STOPS = frozenset(_BOUNDARY - {"、"})  # (made once, not again at each character of a title)
_PAREN_CLOSE = ")"
_ASIDE_WIDTH = 10  # (an aside inside a title: brackets around at most eight characters)
_COMMA = ","
_TITLE_RUN_WIDTH = 30  # (how far back a run of titles before a comma may start)
# The longest one title: a firm's full name, a branch of it, then the office (甲乙新能源投资有限公司丙丁分公司总经理,
# 戊己装备制造股份有限公司华东区域营销中心总监); 22 dropped such titles with their names.
_TITLE_WIDTH = 32


@dataclass(frozen=True, slots=True)
class PersonMention:
    """One mention of a person: name, titles and the normalised span of titles + name."""

    name: str
    titles: tuple[str, ...]
    start: int
    end: int
    title_start: int


@cache
def _pos_tagger():  # type: ignore[no-untyped-def]
    """jieba's part-of-speech tagger, loaded on first ambiguous name (about a second)."""
    import logging

    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    return pseg


_LIST_MARK = "、"
_PLACE_NAME_ENDS = tuple(_PERSONS_WORDS.place_name_ends)
_SOURCE_WORDS = tuple(_PERSONS_WORDS.source_words)  # (来源:襄阳日报 殷素 金松: the words opening a source line)
_LIST_MARKS = frozenset(_LIST_MARK)
_NEWLINE = "\n"
_ITEM_SPLIT = compile_cached(r"[ 、,\u3000]")  # (the items of a byline's names)
_GIVEN_MAX = 2  # (the most characters a given name has)
_SHORT_NAME = 2  # (a family name and one character: as often a common word, 公司, 方案)
_BYLINE_NAME_MAX = 3  # (a byline's item taken whole as a name: at most a family name and two characters)
_DOTTED_TAIL_LENGTHS = (3, 4, 2, 5, 6)  # a dotted name's second part, most usual length first


_SAYING_VERBS = tuple(_PERSONS_WORDS.saying_verbs)  # (王某来|表示: a verb of saying right after a name's 来)


@cache
def _single_char_followers() -> frozenset[str]:
    return frozenset(w for w in _PERSONS_WORDS.followers if len(w) == 1)


def _is_follower(s: str) -> bool:
    if not s:
        return True
    if s[0] in _BOUNDARY:
        return True
    follow_re = _PERSONS.follower
    return bool(follow_re.match(s))


def read_name(text: str, pos: int) -> str | None:
    """The person name starting at ``pos`` (a family name and one or two given-name characters).

    >>> read_name("戴成表示", 0), read_name("陆乔松掷地有声", 0), read_name("刘爱国主持会议", 0)
    ('戴成', '陆乔松', '刘爱国')
    >>> read_name("负责人的陪同", 0) is None
    True
    """
    dotted = _dotted_name(text, pos)
    if dotted is not None:
        return dotted
    sur = _surname_at(text, pos)
    if sur is None:
        return None
    base = pos + len(sur)
    options = [name for given in (1, 2)
               if len(name := text[pos:base + given]) == len(sur) + given
               and _PERSONS.all_cjk.fullmatch(name) and _is_follower(text[base + given:base + given + 4])]
    if not options:
        # 周童相关县级领导, 刘涛定期…: nothing usual follows; jieba's tags decide (rare, so its
        # dictionary is loaded only for reports that need it). Common words never get that far.
        if _looks_wordy(text[pos:pos + 2]) or _looks_wordy(text[pos:pos + 3]):
            return None
        tagged = _tagged_name(text[pos:pos + 6], sur, len(sur) + 1, len(sur) + 2)
        return tagged if tagged is not None and not _looks_wordy(tagged) else None
    # both 程颖 and 程颖说 end before a follower: a one-character word right after the short
    # form (说, 等, 在 …) belongs to the sentence, not to the name
    joined = len(options) == 2 and text[base + 1] in _PERSONS_SETS.name_joiners \
        and text[base + 2:base + 3] in _BOUNDARY  # 康正和、陈冰冰: no 和 stands before a 、
    whole = len(options) == 2 and text.startswith(tuple(_PERSONS_WORDS.name_only_followers), base + 2) \
        and text[base + 1] not in _PERSONS_SETS.etc_marks  # (郑毅等一行: 等 closes the list, no name's)
    listed = len(options) == 2 and text[base + 2:base + 3] in _LIST_MARKS  # 周先来、仇平贵: names listed
    said = len(options) == 2 and text[base + 1] in _PERSONS_SETS.name_end_before_saying \
        and text.startswith(_SAYING_VERBS, base + 2) and text[pos - 1:pos] not in _PERSONS_SETS.saying_phrase_opens
    if joined or whole or listed or said:  # (康正和、陈冰冰; 姜有为同志: no 为 between a name and 同志; 王某来表示)
        return options[1] if not _looks_wordy(options[1]) else None
    if len(options) == 1 or text[base + 1] in _single_char_followers():
        return options[0] if not _looks_wordy(options[0]) else None
    tagged = _tagged_name(text[pos:pos + 6], sur, 2, 4)
    if tagged is not None and tagged in options:
        return tagged
    return options[-1] if len(options[-1]) <= 3 else options[0]


def _dotted_name(text: str, pos: int) -> str | None:
    """A name written in two parts joined by a middle dot (艾尔肯·吐尼亚孜, 克衣色尔·克尤木 — names of
    Uyghur, Kazakh and other minorities, and of foreigners), no family name first; the second part ends
    before a usual follower (None when no length is followed by one).

    >>> read_name("麦尔丹·木盖提出席", 0), read_name("克衣色尔·克尤木参加活动", 0), read_name("艾尔肯·吐尼亚孜", 0)
    ('麦尔丹·木盖提', '克衣色尔·克尤木', '艾尔肯·吐尼亚孜')
    """
    m = _PERSONS.dotted_name.match(text, pos)
    if m is None or text[m.start("tail") - 2] in _PERSONS_SETS.dotted_not_name_ends:
        return None  # (中国·淮安, 湖南省·新疆, 中国网·滨海: places and outlets joined by a dot)
    tail = m.start("tail")
    for n in _DOTTED_TAIL_LENGTHS:  # the usual lengths first (木盖提|出席, not 木盖|提出席)
        if tail + n <= m.end() and _is_follower(text[tail + n:tail + n + 4]):
            return text[pos:tail + n]
    return None


def _surname_at(text: str, pos: int) -> str | None:
    """The family name starting at ``pos`` (compound ones first)."""
    fam = surnames()
    for n in (2, 1):
        cand = text[pos:pos + n]
        if len(cand) == n and cand in fam:
            return cand
    return None


def _tagged_name(window: str, sur: str, shortest: int, longest: int) -> str | None:
    """The first word of ``window`` when jieba tags it a person name (nr) of that length."""
    for w in _pos_tagger().cut(window):
        if w.flag == "nr" and shortest <= len(w.word) <= longest and w.word.startswith(sur):
            return str(w.word)
        return None
    return None


def _looks_wordy(name: str) -> bool:
    """Reject candidates that are common words, not names (党组, 班子工作 …)."""
    not_names = _PERSONS_SETS.not_names
    if name in not_names or name[:2] in not_names or name in _RANKING_SETS.named_fields:
        return True  # ((云南省)甲市…报告: a province's name is no person's, though 云 is a family name)
    # 和院士, 区党委: a one-character family name before a title or a body is no name
    return name[1:] in _PERSONS_SETS.title_heads or name[1:] in _PERSONS_SETS.bodies_after_name


def _titles_before(text: str, end: int, floor: int) -> tuple[list[str], int]:
    """Titles ending at ``end``: the 、-separated run back to a boundary (市委常委、…党工委书记), and the runs of
    titles alone before it across commas (市政府副秘书长,市投资促进中心党组书记、主任高瑞国: one person's)."""
    titles, title_start, whole, opened = _title_run(text, end, floor)
    while whole and not opened and title_start - 1 > floor and text[title_start - 1] == _COMMA:
        more, more_start, whole, opened = _title_run(text, title_start - 1,
                                                     max(floor, title_start - 1 - _TITLE_RUN_WIDTH))
        if not more or not whole:
            break  # (区长甲,副区长乙: a name closes the run before, which is another person's)
        titles, title_start = more + titles, more_start
    return titles, title_start


def _title_run(text: str, end: int, floor: int) -> tuple[list[str], int, bool, bool]:
    """The 、-separated titles ending at ``end``, where they start, whether the whole run back to a boundary was
    titles (a boundary, not the floor, reached; words cut before them allowed: 会议由区委常委、常务副区长), and
    whether words were cut (they open the clause: no run of titles before them)."""
    start = _run_start(text, end, floor)
    reached = start == 0 or text[start - 1] in _BOUNDARY
    chunk = text[start:end]
    m = _PERSONS.title_cut.match(chunk)
    if m:
        start += m.end()
        chunk = chunk[m.end():]
    dated = _PERSONS.leading_date.sub("", chunk)
    pieces = dated.split("、")
    titles: list[str] = []
    for p in reversed(pieces):
        p = p.strip()
        if not p or not _PERSONS.title_end.search(p):
            break
        if len(p) > _TITLE_WIDTH:
            break
        titles.insert(0, p)
    if not titles:
        return [], end, False, False
    whole = reached and dated == chunk and len(titles) == len(pieces)
    return titles, end - len("、".join(titles)), whole, m is not None


def _run_start(text: str, end: int, floor: int) -> int:
    """Where a run of titles ending at ``end`` starts: back to a boundary, past an aside in brackets inside a
    title (区党工委(区委)书记: the aside is part of the title)."""
    start = end
    while start > floor:
        c = text[start - 1]
        if c == _PAREN_CLOSE:
            opened = text.rfind(_PAREN_OPEN, max(floor, start - _ASIDE_WIDTH), start)
            if opened <= floor or text[opened - 1] in _BOUNDARY or not _TITLE_ASIDE.fullmatch(text, opened, start):
                break
            start = opened
            continue
        if c in _TITLE_STOPS:
            break
        start -= 1
    return start


def _extract_mentions(norm: NormText, body_end: int) -> list[PersonMention]:
    text = norm.text[:body_end]
    taken: set[int] = set()
    out = _byline_mentions(text, taken)
    out += _spaced_byline_mentions(text, taken)
    out += _spaced_title_mentions(text, taken)
    out += _closing_name_mentions(text, taken)
    out += _source_line_names(text, taken)
    heads = list(_PERSONS.title_head.finditer(text))
    for m in heads:
        out += _titled_mentions(text, m, taken)
    out += _credit_mentions(text, taken)
    out += _titled_after_mentions(text, heads, taken)
    out += _scholar_mentions(text, taken)
    out += _authors_in_parens(text)
    out += _names_before_group_title(text, taken)
    out += _clause_opening_names(text, taken)
    out.sort(key=attrgetter("start"))
    return out


def _names_before_group_title(text: str, taken: set[int]) -> list[PersonMention]:
    """乔继明、李万泉、李志彬等县级领导出席: names listed before 等 and the title they share as a group."""
    # a report without 等 has none: found first by one class scan (the shape is tried at every character
    # after a separator, 2 % of the extraction)
    gate = anchor_gate("persons.names_before_group_title")
    if gate is not None and gate.search(text) is None:
        return []
    return _names_listed_in(_PERSONS.names_before_group_title.finditer(text), taken, lambda m: (m.group("title"),))


def _names_listed_in(matches: Iterator[re.Match[str]], taken: set[int],
                     titles: Callable[[re.Match[str]], tuple[str, ...]]) -> list[PersonMention]:
    """The names each match lists in its group ``names`` (parted by 、 or spaces), each with the titles ``titles``
    gives it; none of a match whose items are not all names, or one already read."""
    out: list[PersonMention] = []
    for m in matches:
        names = [(n.group(0), m.start("names") + n.start()) for n in _PERSONS.all_cjk.finditer(m.group("names"))]
        if not all(_is_name(name) for name, _pos in names) or any(pos in taken for _name, pos in names):
            continue
        out += [PersonMention(name, titles(m), pos, pos + len(name), pos) for name, pos in names]
        taken.update(pos for _name, pos in names)
    return out


def _clause_opening_names(text: str, taken: set[int]) -> list[PersonMention]:
    """张凤林出席会议并讲话, 甲、乙先后作招商推介: names with no title opening a clause right before a verb only
    people do (``bare_name_verbs``); each item of the list must read as a name and nothing else, and a name
    of two characters counts only listed beside a longer one."""
    out: list[PersonMention] = []
    for verb in _PERSONS_WORDS.bare_name_verbs:
        at = text.find(verb)
        while at >= 0:
            names = _names_listed_before(text, at, _bare_name_opens())
            if names and not any(pos in taken for _name, pos in names):
                out += [PersonMention(name, (), pos, pos + len(name), pos) for name, pos in names]
                taken.update(pos for _name, pos in names)
            at = text.find(verb, at + len(verb))
    return out


@cache
def _bare_name_opens() -> frozenset[str]:
    """What ends a clause before a bare name (the vocabulary's marks, and a line's start)."""
    return frozenset((*_PERSONS_WORDS.bare_name_opens, _NEWLINE))


def _names_listed_before(text: str, end: int, opens: frozenset[str]) -> list[tuple[str, int]]:
    """The names listed with 、 right before ``end``, the first opening a clause (empty when any item is no name)."""
    names: list[tuple[str, int]] = []
    while True:
        item = next(((text[end - n:end], end - n) for n in (3, 2, 4)
                     if end - n >= 0 and (end - n == 0 or text[end - n - 1] in opens
                                          or text[end - n - 1] in _LIST_MARKS)
                     and _is_bare_name(text[end - n:end])), None)
        if item is None:
            return []
        names.insert(0, item)
        if item[1] == 0 or text[item[1] - 1] in opens:
            # a two-character item could be any word (公司表示, 方案强调): only beside a longer name in a list
            return names if any(len(name) > _SHORT_NAME for name, _pos in names) else []
        end = item[1] - 1


def _is_bare_name(words: str) -> bool:
    """A name standing with no title: a family name first, no common word, no place, body or thing (高新区, 管委会,
    董事长: by how it ends; jieba's dictionary is not asked, whose loading would cost a second a process)."""
    sur = _surname_at(words, 0)
    # (a family name and one or two characters, checked here: read_name would ask jieba of what it cannot tell)
    return (sur is not None and 0 < len(words) - len(sur) <= _GIVEN_MAX
            and words[-1] not in _PERSONS_SETS.bare_not_name_ends
            and _PERSONS.all_cjk.fullmatch(words) is not None and not _looks_wordy(words)
            and subject_finder().entity_named(words) is None)


def _authors_in_parens(text: str) -> list[PersonMention]:
    """Bare names in parentheses closing the text or a paragraph: the authors (龚雯), (甲 乙), with the
    office they write for before them as their title (区融媒体中心 任可 戚壮波)."""
    out = []
    found = [*_PERSONS.authors_in_parens.finditer(text), *_PERSONS.authors_after_news_mark.finditer(text)]
    if text.lstrip()[:1] == _PAREN_OPEN:  # (plain checks first: few texts open with names in brackets or credit them)
        found += _PERSONS.authors_at_start.finditer(text)
    if any(end in text for end in _PERSONS_WORDS.byline_ends):
        found += _PERSONS.credit_in_parens.finditer(text)
    if any(mark in text for mark in _PERSONS_WORDS.source_marks):
        found += _PERSONS.authors_after_source.finditer(text)
    for m in found:
        office = m.groupdict().get("office") or m.groupdict().get("by")
        names = [(n.group(0), m.start("names") + n.start()) for n in _PERSONS.paren_name.finditer(m.group("names"))]
        if office is not None and _is_name(office):
            names.insert(0, (office, m.start("office")))  # (欧阳明辉 王平: two authors, no office)
            office = None
        if not all(_is_name(_PERSONS.space.sub("", name)) for name, _pos in names):
            continue
        out += [PersonMention(_PERSONS.space.sub("", name), (office,) if office else (), pos, pos + len(name), pos)
                for name, pos in names]
    return out


def _is_name(words: str) -> bool:
    """Whether ``words``, an item already cut out (by list marks, spaces or a title), are a person's name and nothing
    else: read as an item closed by a list mark (张运来、: its last character no word of the sentence after it), and
    not ending as a place's name does ((胡集镇): a place credited in brackets, no author)."""
    return read_name(words + _LIST_MARK, 0) == words \
        and not (len(words) > _SHORT_NAME and words.endswith(_PLACE_NAME_ENDS))


def _bylines(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """The matches of the byline shape that stand where a byline may (``byline_at``), as
    ``finditer`` would give them were the two one shape, or after an outlet's name standing there
    (极目新闻|记者); each with that outlet ("" when none)."""
    pos = 0
    while (m := _PERSONS.byline.search(text, pos)) is not None:
        at_byline = _PERSONS.byline_at.match(text, m.start()) is not None
        if at_byline and len(m.group("by")) == 1 and m.end("by") == m.start("names") \
                and (m.start() == 0 or text[m.start() - 1] not in _GLUED_CREDIT_AFTER):
            # (文章来源: 文 glued to words is a word, a credit only in brackets or after a space)
            pos = m.start() + 1
            continue
        outlet = "" if at_byline else _outlet_before(text, m.start())
        if outlet and _PERSONS.byline.search(outlet):
            outlet = ""  # (记者吴宏强|通讯员秦家林: another byline run on before it, no outlet)
            at_byline = True
        if at_byline or outlet:
            yield m, outlet
            pos = m.end()
        else:
            pos = m.start() + 1


def _outlet_before(text: str, start: int) -> str:
    """The outlet a byline word is prefixed with (极目新闻|记者 庞正), when the text before the word up
    to where a byline may stand is a short run of Chinese characters; "" otherwise."""
    lo = max(0, start - _LONG_OUTLET_WIDTH)
    widest = text[lo:start]
    if not any(w in widest for w in _OUTLET_NAME_WORDS):
        # (no outlet's word in the widest run, so in none of the runs it holds: only the short ones may be outlets)
        lo = max(lo, start - _OUTLET_WIDTH)
    for b in range(lo, start):
        run = text[b:start]
        if start - b > _OUTLET_WIDTH and not any(w in run for w in _OUTLET_NAME_WORDS):
            continue
        if _PERSONS.outlet_run.fullmatch(run) and _PERSONS.byline_at.match(text, b):
            return run
    return ""


def _spaced_byline_mentions(text: str, taken: set[int]) -> list[PersonMention]:
    """编辑:林 海, 初审:甲乙丙 柳 冉: a credit's name of two characters spaced to the width of three (one
    character, a space, one character, opening with a family name), with the credit as its title."""
    if not _credit_colon_in(text):
        return []  # (most reports have no credit written with a colon)
    out = []
    for m in _PERSONS.spaced_byline.finditer(text):
        items = _SPACE_RUN.split(m.group("names"))
        pos = m.start("names")
        for k, item in enumerate(items):
            at = text.index(item, pos)
            pos = at + len(item)
            if len(item) != 1 or k + 1 == len(items) or len(items[k + 1]) != 1 or at in taken \
                    or (k > 0 and len(items[k - 1]) == 1) or _surname_at(text, at) != item:
                continue  # (only a lone pair of single characters, opening with a family name, is one name)
            end = text.index(items[k + 1], pos) + 1
            out.append(PersonMention(item + items[k + 1], (m.group("by"),), at, end, m.start("by")))
            taken.add(at)
    return out


def _spaced_title_mentions(text: str, taken: set[int]) -> list[PersonMention]:
    """记 者:林晓东, 编 辑:陈雅琪, 审 签 人:励 明: a credit line whose title of two or three characters is spaced to the
    width of others, then its name (spaced too, at times); the title and the name as written without the spaces."""
    if not _spaced_title_colon_in(text):
        return []  # (most reports space no credit's title: their few colons looked at first)
    out = []
    for m in _PERSONS.spaced_title_line.finditer(text):
        title, name = m.group("a") + m.group("b") + (m.group("c") or ""), "".join(m.group("name").split())
        if title not in _PERSONS_SETS.bylines or m.start("name") in taken or not _is_name(name):
            continue
        out.append(PersonMention(name, (title,), m.start("name"), m.end("name"), m.start("a")))
        taken.add(m.start("name"))
    return out


def _spaced_title_colon_in(text: str) -> bool:
    """Whether a colon anywhere in ``text`` follows a title of two characters spaced apart (记 者:)."""
    at = text.find(":")
    while at >= 0:
        words = text[max(0, at - _SPACED_TITLE_REACH):at].rstrip(_SPACES)
        if len(words) >= _SPACED_TITLE_MIN and words[-2] in _SPACES and is_cjk(words[-1]):
            return True
        at = text.find(":", at + 1)
    return False


def _closing_name_mentions(text: str, taken: set[int]) -> list[PersonMention]:
    """…确保兑现各项承诺。⏎周明: a name alone on the last line of a report, after a sentence closed, is its
    author's (a person with no title, as a bare name in brackets at the end is)."""
    m = _PERSONS.closing_name.search(text, max(0, len(text.rstrip()) - _CLOSING_NAME_REACH))  # (the last line only)
    if m is None or m.start("name") in taken or not _is_name(m.group("name")):
        return []
    taken.add(m.start("name"))
    return [PersonMention(m.group("name"), (), m.start("name"), m.end("name"), m.start("name"))]


def _source_line_names(text: str, taken: set[int]) -> list[PersonMention]:
    """来源:襄阳日报 殷素 金松: the names spaced after the outlet of a source line are its writers' (persons with no
    title, as a bare name closing a report is)."""
    if not any(w in text for w in _SOURCE_WORDS):
        return []  # (plain check first: most reports write no source line)
    return _names_listed_in(_PERSONS.source_line_names.finditer(text), taken, lambda _m: ())


def _credit_colon_in(text: str) -> bool:
    """Whether a credit word stands right before a colon anywhere in ``text`` (编辑:): the text's few colons are
    looked at, each against every credit word at once, instead of a scan of the whole text for each of the words
    (0.6 % of the extraction)."""
    at = text.find(":")
    while at >= 0:
        if text.endswith(_SPACED_CREDIT_WORDS, 0, at):
            return True
        at = text.find(":", at + 1)
    return False


def _byline_mentions(text: str, taken: set[int]) -> list[PersonMention]:
    """通讯员 杨乐军, 记者 陈盛钟、李明: names after a byline word, with it as their title."""
    out = []
    for m, outlet in _bylines(text):
        by = outlet + m.group("by")  # 极目新闻记者, 全媒体记者: one title
        pos = m.start("names")
        while pos < m.end("names"):
            item = _ITEM_SPLIT.split(text[pos:m.end("names")], maxsplit=1)[0]
            if m.group("by") in _PERSONS_SETS.outlet_bylines and item.endswith(_OUTLET_ENDS):
                break  # (来源:东方网: an outlet credited, no person)
            if pos == m.start("names") and m.group("by") in _PERSONS_SETS.source_marks:
                pos = _after_item(text, pos + len(item))  # (来源:东方财富, 来源:甲日报 殷素: the source is an outlet,
                continue  # the names after it its reporters')
            whole = m.group("by") not in _PERSONS_SETS.outlet_bylines and _whole_byline_item(text, pos, item)
            name = item if whole else \
                read_name(text, pos) or _byline_item(text, pos, m.end("names"))
            if name is None:
                break
            out.append(PersonMention(name, (by,), pos, pos + len(name), m.start("by")))
            taken.add(pos)
            pos = _after_item(text, pos + len(name))
    return out


def _after_item(text: str, pos: int) -> int:
    """Where the next item of a byline's names starts after one ending at ``pos`` (past the spaces and marks)."""
    while pos < len(text) and text[pos] in " 、,":
        pos += 1
    return pos


def _whole_byline_item(text: str, pos: int, item: str) -> bool:
    """记者 蒿中刚, 责任编辑:江小来: a byline's item of three characters is one name as written, even with a
    family name the list lacks or a last character that may open a verb (来, 成); of two, when it opens
    with a family name."""
    if not (2 <= len(item) <= _BYLINE_NAME_MAX and _PERSONS.all_cjk.fullmatch(item)) or _looks_wordy(item):
        return False
    # (only where a byline's names end: the text's end, a closing bracket, the next byline word)
    if not _PERSONS.byline_item_end.match(text, pos + len(item)):
        return False
    # (编辑:香香: a name of one character doubled, as editors' pen names are, needs no family name)
    return len(item) == _BYLINE_NAME_MAX or _surname_at(text, pos) is not None \
        or (len(item) == 2 and item[0] == item[1])


def _byline_item(text: str, pos: int, end: int) -> str | None:
    """编辑:陆珊珊责任编辑:…: the whole item of a byline's names (two to four characters opening with a
    family name), when the words after it are no usual follower of a name (another byline run on)."""
    item = re.split(r"[ 、,]", text[pos:end], maxsplit=1)[0]
    if not (2 <= len(item) <= 4 and _PERSONS.byline_run_on.match(text, pos + len(item))):
        return None
    return item if _surname_at(text, pos) is not None and not _looks_wordy(item) else None


def _credit_mentions(text: str, taken: set[int]) -> list[PersonMention]:
    """Credits and speakers that stand apart: 制图/杨赛军, (周琪钧/摄), (统计局工业处:詹威), a line
    of a title and a name (县长 陈永高)."""
    found: list[tuple[str, str, int, int]] = []  # name, title, where the name starts, where the credit does
    slash = text.find(_SLASH)
    while slash >= 0:  # most reports have no slash, or a few in dates: plain finds, then a match at each
        m = _PERSONS.slash_credit.search(text, max(0, slash - _CREDIT_WIDTH), slash + _CREDIT_WIDTH)
        if m is not None and m.group("name"):
            found.append((m.group("name"), m.group("by"), m.start("name"), m.start()))
        elif m is not None:
            found.append((m.group("name2"), m.group("by2"), m.start("name2"), m.start()))
        slash = text.find(_SLASH, slash + 1)
    for m in _PERSONS.office_credit.finditer(text):
        found.append((m.group("name"), m.group("office"), m.start("name"), m.start()))
    if any(mark in text for mark in _PHOTO_MARKS):  # (…积木。 王小明 摄: a caption's credit; most reports have none)
        found += [(m.group("name"), m.group("by"), m.start("name"), m.start("name"))
                  for m in _PERSONS.caption_credit.finditer(text)]
    found += [(m.group("name"), "", m.start("name"), m.start("name")) for m in _PERSONS.news_mark_name.finditer(text)]
    found += _title_lines(text)
    out = []
    for name, title, pos, start in found:
        if pos in taken or read_name(name + "。", 0) != name:
            continue
        taken.add(pos)
        out.append(PersonMention(name, (title,) if title else (), pos, _written_end(text, pos, name), start))
    return out


def _written_end(text: str, pos: int, name: str) -> int:
    """Where ``name``, written from ``pos``, ends in ``text``: spaces may part its characters (李 松)."""
    end = pos
    for ch in name:
        end = text.index(ch, end) + 1
    return end


def _title_lines(text: str) -> list[tuple[str, str, int, int]]:
    """Lines that are only a title and a name (县长 陈永高): short lines, looked at one by one."""
    found = []
    start = 0
    for k, line in enumerate(text.split("\n")):
        if len(line) <= _TITLE_LINE_WIDTH and (_SPACE in line or _WIDE_SPACE in line or _TAB in line):
            m = _PERSONS.title_line.match(line)
            title = "".join(m.group("title").split()) if m else ""
            if m and _PERSONS.title_end.search(title) and title not in _PERSONS_SETS.not_titles:
                # (代理区长 李 松: a name of two characters spaced to the width of three is one name)
                name = "".join(m.group("name").split())
                found.append((name, title, start + m.start("name"), start + m.start("title")))
            elif k < _HEAD_LINES and (spaced := _spaced_name(line)) is not None:
                # (刘 誓 保 on its own line under a report's title: who delivers it, no title)
                found.append((spaced, "", start + len(line) - len(line.lstrip()), start))
        start += len(line) + 1
    return found


def _spaced_name(line: str) -> str | None:
    """刘 誓 保: a line holding only a name spaced character by character (a family name first, no place's end:
    海 口 市 in a table is none); None otherwise."""
    m = _PERSONS.spaced_name_line.fullmatch(line)
    name = "".join(m.group("name").split()) if m is not None else ""
    if not name or _surname_at(name, 0) is None or name.endswith(_NOT_NAME_ENDS) \
            or subject_finder().entity_named(name) is not None:
        return None
    return name


def _titled_after_mentions(text: str, heads: list[re.Match[str]], taken: set[int]) -> list[PersonMention]:
    """石奇珠区长在…, 方力副区长接待…: a name opening a clause with its title right after it (a title word
    alone), then what the person did; the title is that word."""
    out = []
    for head in heads:
        starts = [k for k in (head.start() - 3, head.start() - 2) if k == 0 or (k > 0 and text[k - 1] in _BOUNDARY)]
        if not starts or text[head.end():head.end() + 1] in _BOUNDARY or not _is_follower(
                text[head.end():head.end() + 4]):
            continue  # (局长张超平: a name after the title is read from the title; 区长。: no act after it)
        for start in starts:
            if start in taken:
                continue
            name = text[start:head.start()]
            if _surname_at(text, start) is None or not _PERSONS.all_cjk.fullmatch(name) or _looks_wordy(name) \
                    or subject_finder().entity_named(name) is not None:
                continue
            taken.add(start)
            out.append(PersonMention(name, (head.group(0),), start, head.end(), start))
            break
    return out


def _scholar_mentions(text: str, taken: set[int]) -> list[PersonMention]:
    """复旦大学伏玉林教授、华东理工大学张涛教授: a name with an academic title written after it (教授, 院士),
    after the institution or at a clause start; the title is that word."""
    out: list[PersonMention] = []
    if not any(title in text for title in _PERSONS_WORDS.titles_after_name):
        return out  # (most reports name no professor: a plain check first)
    for m in _PERSONS.scholar.finditer(text):
        name = m.group("name")
        if m.start("name") in taken or not _is_name(name):
            continue
        taken.add(m.start("name"))
        out.append(PersonMention(name, (m.group("title"),), m.start("name"), m.end("name"), m.start("name")))
    return out


def _listed_name(text: str, pos: int) -> str | None:
    """能荣 in 市领导朱汉桥、能荣、陈洪思: an item of a list of names after a title, two or three
    characters between list marks, is a name even when its family name is rare."""
    m = _PERSONS.listed_name.match(text, pos)
    if m is None or m.group(1) in _PERSONS_SETS.not_names:
        return None
    return m.group(1)


def _titled_mentions(text: str, head: re.Match[str], taken: set[int]) -> list[PersonMention]:
    """The person named right after a title word (党工委书记徐子佳), and those listed after them."""
    pos = head.end()
    aside = _TITLE_ASIDE.match(text, pos)  # 副主任(主持工作)胡斌: the aside is no part of the name
    if aside:
        pos = aside.end()
    elif text[pos:pos + 1] == _SPACE:  # 县委书记 李强 县长 王刚: a space between a title and its name
        pos += 1
    if pos in taken or pos >= len(text):
        return []
    name = read_name(text, pos)
    if name is None or text[pos + len(name):pos + len(name) + 6].startswith(tuple(_PERSONS_WORDS.formula_markers)):
        return []
    if subject_finder().entity_named(text[head.end() - 1:pos + len(name)]) is not None:
        return []  # 湖南省长沙县: a place across the title word's end (长沙县), no 省长 and no person
    titles, title_start = _titles_before(text, head.end(), max(0, head.end() - 40))
    titles = [t for t in titles if t not in _PERSONS_SETS.not_titles]
    if not titles:
        return []
    taken.add(pos)
    out = [PersonMention(name, tuple(titles), pos, pos + len(name), title_start)]
    # 市领导陈业鹏、田军、李克明…: one title for a list of names
    nxt = pos + len(name)
    while nxt < len(text) and text[nxt] == "、":
        # 、和张保根: a joining word may open the last item (a page's spacing after 、 is gone: normalize)
        start = nxt + 2 if text[nxt + 1:nxt + 2] in _PERSONS_SETS.name_joiners else nxt + 1
        cand = read_name(text, start) or _listed_name(text, start)
        width = len(cand) if cand is not None else 0
        if cand is None and (spaced := _spaced_listed_name(text, start)) is not None:
            cand, width = spaced
        if cand is None or _PERSONS.title_head.match(text, start - 1 + width) or start in taken:
            break
        if not _is_follower(text[start + width:start + 4 + width]):
            break
        out.append(PersonMention(cand, tuple(titles), start, start + width, title_start))
        taken.add(start)
        nxt = start + width
    return out


def _spaced_listed_name(text: str, pos: int) -> tuple[str, int] | None:
    """周 林 in 县领导钱立新、周 林、吴海燕: a two-character name spaced to the width of three names, as an item of
    a list of names — the name without the space, and how wide it is written."""
    m = _PERSONS.spaced_listed_name.match(text, pos)
    if m is None or _surname_at(text, pos) != m.group(1):
        return None
    return m.group(1) + m.group(2), m.end() - pos


def _longer_names_kept(text: str, mentions: list[PersonMention]) -> list[PersonMention]:
    """The mentions, each cut short before a character its name has where the document writes it in full
    (县长张运|来主持 beside 张运来、曾衍敏…: 来 read as a verb of the sentence) given that full name."""
    full = {pm.name for pm in mentions}
    out = []
    for pm in mentions:
        longer = next((n for n in full if len(n) == len(pm.name) + 1 and n.startswith(pm.name)
                       and text.startswith(n, pm.start)), None)
        out.append(pm if longer is None else replace(pm, name=longer, end=pm.start + len(longer)))
    return out


def extract_persons(norm: NormText, body_end: int | None = None) -> tuple[list[Person], list[PersonMention]]:
    """Person facts (one per name, titles merged in order) and every mention found."""
    mentions = _longer_names_kept(norm.text, _extract_mentions(norm, len(norm.text) if body_end is None else body_end))
    people: dict[str, Person] = {}
    for pm in mentions:
        name = to_simplified(pm.name)
        person = people.get(name)
        if person is None:
            quote, rs, re_ = norm.quote(pm.title_start, pm.end)
            person = Person(name=name, titles=[], quote=quote, start=rs, end=re_, rule="person.v1")
            people[name] = person
        for t in pm.titles:
            if t not in person.titles:
                person.titles.append(t)
    return list(people.values()), mentions
