"""Whose figure is it: the report's main entity, and the entity a clause names.

The main entity is the zone or administrative place the report talks about most (the title
counts three times); a clause that opens with another entity (其中经济开发区实现…, 这49个国家级
开发区实现…, ◆新城区签约项目12个) takes that one for the rest of its paragraph. 全区 / 我市 mean
the main entity; a text that never names a place has no subject (FACTS.md, settled cases).

Every word matched here is in ``vocab.toml`` (section ``entity``) and every shape in
``grammar.toml`` (group ``subjects``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from zhibiao.anchors import anchor_gate
from zhibiao.lexicon import Shapes, Words, WordSets, alternation, code_digest, data_digest, is_cjk, places, words
from zhibiao.recache import compile_cached, memo

__all__ = ["CITY_LEVEL", "MAIN", "SubjectFinder", "SubjectMention", "expand_zone", "passes_a_mark", "subject_finder"]

MAIN = "\x00main"  # marker: the clause refers to the report's main entity

_SUBJECTS = Shapes("subjects")
_INDICATORS = Shapes("indicators")
_PASSING_GATE = compile_cached(alternation(words("breadth", "passing_gate")))  # (one search, not a word at a time)
# How far after a count of a kind its measure and the mark it passes may end (the shape spans at most 42 characters:
# so far the end of the text read is never mistaken for a clause's).
_PASSING_WIDTH = 50
_ZONE_REPEATED = 2  # (mentions, body weight, that make a zone the report's own over the place it is in)
_PROJECTS = Shapes("projects")
_PROJECT_NOUNS = tuple(words("projects", "named_nouns"))
_ENTITY_WORDS = Words("entity")
_NAME_WORDS = Words("name")
_ENTITY_SETS = WordSets("entity")
_AUTONOMOUS_KINDS = tuple(_ENTITY_WORDS.autonomous_kinds)  # (凉山彝族自治州: a name reports mostly write short)
_LEVEL_LED_WORDS = tuple(_ENTITY_WORDS.level_led_words)
# How far into a clause its subject and its verb are looked for.
_SUBJECT_WINDOW = 64
# What a rule answers when a clause can have no subject at all (no other rule should look).
_NO_SUBJECT: tuple[str, int] = ("", -1)
# How many characters before a zone suffix may be its place prefix.
_PREFIX_WINDOW = 12
# Weights of a mention in the title and in the body when the main entity is chosen.
_TITLE_WEIGHT, _BODY_WEIGHT = 3, 1
_SHORT_REPEATED = 3  # (mentions by a short name alone that make a place the report's own)
_COMPARED_REACH = 20  # (how far before a short name the verb of a comparison listing it may stand)
_TOWN_REPEATED = 2  # (mentions of a town named on its own that make it the report's own, when it speaks of 该镇/全镇)
# How often (weighted) a zone the gazetteer lacks must be named to be the report's own over known places.
_UNKNOWN_ZONE_REPEATED = 3 * _BODY_WEIGHT
_PEERS_LISTED = 4  # (entities named once each that make a list of peers rather than a report's own)


def expand_zone(name: str) -> str:
    """Expand a short zone suffix to its long form (淮安经开区 → 淮安经济技术开发区).

    A bare suffix without a place (经开区) is left as written: FACTS.md says so.

    >>> expand_zone("淮安经开区"), expand_zone("经开区")
    ('淮安经济技术开发区', '经开区')
    """
    for short, long in _ENTITY_WORDS.expansions.items():
        if name.endswith(short) and len(name) > len(short):
            return name[: -len(short)] + str(long)
    return name


def passes_a_mark(text: str, start: int, end: int, stop: int | None = None) -> re.Match[str] | None:
    """(14个)|开发区规上工业增加值同比增速超过30%, (7个)|省份旅游总收入均超过150亿元: the kind a count from
    ``start`` to ``end`` counts, its measure, the verb of passing and the mark passed (before ``stop``); None when
    the words after say no such thing, or when the count right after a whole field is the field's group together
    (全省|10个开发区营业收入超过…: their total) with no 均 or 全部 saying each passed it. One reading for the figure
    walk (how many did so: a figure) and for clause subjects (so no subject of the figures that follow)."""
    limit = end + _PASSING_WIDTH if stop is None else min(stop, end + _PASSING_WIDTH)
    if _PASSING_GATE.search(text, end, limit) is None:
        return None  # (plain check first: most counts pass no mark)
    m = _INDICATORS.members_passing.match(text, end, limit)
    if m is None or m.group("all") or not _INDICATORS.whole_field_end.search(text, max(0, start - 4), start):
        return m
    return None


@dataclass(slots=True, unsafe_hash=True)
class SubjectMention:  # slotted, not frozen: one per clause that names an entity
    """An entity that opens a clause: ``name`` (or MAIN) and where the mention ends."""

    name: str
    end: int


def _examples_around(chunk: str, start: int, end: int) -> bool:
    """昆山经开区、烟台经开区等, 包括仙游县…: a mention inside a list of examples."""
    marks = _ENTITY_SETS.examples_marks
    return chunk[end:end + 1] in marks or chunk[start - 1:start] == _NAME_WORDS.list_mark \
        or chunk.endswith(_EXAMPLES_LEADS, 0, start) \
        or (chunk.startswith(_EXAMPLE_FRAME_TAILS, end) and chunk.endswith(_ENTITY_WORDS.example_frame_lead, 0, start))


def _peers_only(strong: Counter[str], best: str) -> bool:
    """Whether the most named entity is only one of a list of peers named as often (once each, in the body):
    no entity stands out as the report's own."""
    top = strong[best]
    return top == _BODY_WEIGHT and sum(1 for v in strong.values() if v == top) >= _PEERS_LISTED


def _zone_named_most(weak: Counter[str], first: dict[str, int], strong: Counter[str]) -> str | None:
    """A zone the gazetteer does not know (青湾高新区) named again and again, more often than any known place
    (苏州吴中, said once in passing): the report is about that zone; None when there is none such.

    >>> _zone_named_most(Counter({"青湾高新区": 3}), {}, Counter({"吴中区": 1}))
    '青湾高新区'
    >>> _zone_named_most(Counter({"青湾高新区": 3}), {}, Counter({"苏州市": 4})) is None
    True
    """
    if not weak:
        return None
    zone = max(weak, key=lambda k: (weak[k], -first.get(k, 0)))
    if weak[zone] >= _UNKNOWN_ZONE_REPEATED and all(weak[zone] > n for n in strong.values()):
        return zone
    return None


def _at_boundary(text: str, start: int) -> bool:
    """A two-character place (凤县, 房县) only where no word can run into it: at the start of the text, after
    a mark, or after a period's last character (上半年|歙县) — 现代县域, 振兴县域 hold 代县, 兴县 as the end of
    another word."""
    return start == 0 or not is_cjk(text[start - 1]) or text[start - 1] in _ENTITY_SETS.period_last_chars


def _county_of_two(text: str) -> bool:
    """A county named in two characters opening ``text`` (歙县实现…, 黟县61.8亿元): one ending in 县 and not running
    on into a word of the county in general (新县城, 县域, 县级, 县委)."""
    return text[1] == _ENTITY_WORDS.county_mark and text[2:3] not in _ENTITY_SETS.not_after_county_of_two


def _has_function_char(s: str) -> bool:
    chars = _ENTITY_SETS.function_chars
    return any(ch in chars for ch in s)


_ZONE_OBJECT_WORDS = tuple(words("entity", "zone_object_words"))
_POINTING_BACK = tuple(words("entity", "pointing_back_words"))


def _zone_is_object(prefix: str) -> bool:
    """Whether the characters before a zone word make it a verb's object or point back (已建有|高新区9家,
    加快推进|园区建设, 以上|开发区): then they are no part of a zone's name and the zone opens no subject."""
    return prefix.startswith(_POINTING_BACK) or any(w in prefix for w in _ZONE_OBJECT_WORDS)


_EXAMPLES_LEADS = tuple(_ENTITY_WORDS.examples_leads)
_EXAMPLE_FRAME_TAILS = tuple(_ENTITY_WORDS.example_frame_tails)
_SHORT_PLACE_FOLLOWERS = tuple(_ENTITY_WORDS.short_place_followers)
# How many labels entity_named remembers at most.
_NAMED_CACHE_SIZE = 100_000
# The most characters before a zone suffix that name whose zone it is (市开发区, 省级开发区).
_ZONE_PREFIX_MAX = 2
_SENTENCE_END = "\u3002"  # (the end of the lede's first sentence)
_LABEL_MARK = ":"  # (◆甲镇:开工项目5个: a name labelling the words after it)
_LABEL_MAX = 10  # (how long a name alone before a colon may be)
_ORIGIN_MARKS = tuple(_ENTITY_WORDS.origin_marks)
_NATION_WORDS = tuple(_ENTITY_WORDS.nation_refs)  # (all of one length: 全国, 我国)
_NATION_TITLE_STARTS = tuple(_ENTITY_WORDS.nation_title_starts)
_ZONE_SUFFIXES = tuple(_ENTITY_WORDS.zone_suffixes)
_SHORT_NAME_MAX = 4  # (the longest short name a zone's name may open with: 张家港, 乌鲁木齐)
_ZONE_WORDS_BETWEEN = 4  # (凤台县|新材料|产业园区: the words a zone's name may hold between its place and suffix)
# A zone name of three characters the gazetteer lacks, opening its clause (日前,大亚湾开发区); what may stand
# before such a clause.
_THREE = 3
_CLAUSE_OPENERS = frozenset(",;:。!?、 \n“\"(")
# How often a report must call a kind of place its own (全市 … 全市) for it to decide the subject's kind.
_OWN_REFS_MIN = 2
_FRAME_REACH = 60  # (how far after a list closing a frame a ranking is looked for)
_TOWN_KINDS = tuple(words("entity", "town_kinds"))  # (镇, 乡, 街道: places a report may be about, not in the gazetteer)
_COLON = ":"
_PEERS_LISTED = 2  # (places beside one in the same city named as often: a list of peers)


class SubjectFinder:
    """The gazetteer indexes for zones, places and clause subjects (build once, use everywhere)."""

    def __init__(self) -> None:
        tables = _gazetteer_tables()
        self.full_names: dict[str, str] = tables["full_names"]
        self.short_to_full: dict[str, list[str]] = tables["short_to_full"]
        self.parent_of: dict[str, str] = tables["parent_of"]  # 金安区 → 六安市 (a county's city, a city's province)
        self._other_parents: dict[str, list[str]] = tables["other_parents"]
        # the places some place lies in (a set: testing the dictionary's values scans all of them, 30 µs a report;
        # kept with the tables: made from the 3,000 values in every process it cost 0.4 M instructions)
        self._parents: frozenset[str] = tables["parents"]
        self._short_name: dict[str, str] = tables["short_name"]
        self._all_names: frozenset[str] = tables["all_names"]
        # the lengths of the names by their last two characters (and of the full names by their
        # first two), longest first: a lookup tries only the lengths a name can have
        self._full_by_tail: dict[str, tuple[int, ...]] = tables["full_by_tail"]
        self._any_by_tail: dict[str, tuple[int, ...]] = tables["any_by_tail"]
        self._full_by_head: dict[str, tuple[int, ...]] = tables["full_by_head"]
        self._short_by_head: dict[str, tuple[int, ...]] = tables["short_by_head"]
        self._named: dict[str, str | None] = {}  # entity_named, remembered
        # where a short name may start (see _short_names)
        self._head_pairs: re.Pattern[str] = compile_cached(tables["short_head_pairs"])
        # the short names of the last text scanned for them whole (a report's main subject asks several times)
        self._shorts_of: tuple[str, list[tuple[int, str]]] = ("", [])
        self._fulls_of: tuple[str, dict[int, tuple[int, str]]] = ("", {})

    # -- zone mentions anywhere in the text -------------------------------------------------
    def zone_mentions(self, text: str) -> list[tuple[int, int, str]]:
        """Zone names in ``text``: (start, end, name), the place prefix chosen from the gazetteer."""
        out = []
        prev_end = 0
        for m in _SUBJECTS.suffix.finditer(text):
            # the run of Chinese characters before the suffix (at most 12, not before the last match)
            k = m.start()
            lo = max(prev_end, k - _PREFIX_WINDOW)
            j = k
            while j > lo and 0x4E00 <= ord(text[j - 1]) <= 0x9FFF:  # is_cjk, inline: a hot loop
                j -= 1
            run = text[j:k]
            end = _suffix_end(text, m)
            prev_end = end
            place = self._place_suffix_of(run) or self._place_inside(run)
            prefix = place or _plain_prefix(run)
            if place is None and len(run) == _THREE and prefix == run[1:] \
                    and (j == 0 or text[j - 1] in _CLAUSE_OPENERS) \
                    and not _has_function_char(run) and run[:2] not in _ENTITY_SETS.not_place_prefixes:
                prefix = run  # (日前,|大亚湾开发区: a name of three characters opening its clause, not 亚湾)
            out.append((k - len(prefix), end, prefix + text[k:end]))
        return out

    def entity_named(self, label: str) -> str | None:
        """``label`` when it is one place or zone name and nothing else (河北省, 江苏 → 江苏省,
        市开发区, 苏州工业园区), its long form; None otherwise.

        >>> f = subject_finder()
        >>> f.entity_named("河北省"), f.entity_named("苏州工业园区"), f.entity_named("市开发区")
        ('河北省', '苏州工业园区', '市开发区')
        >>> f.entity_named("工业增加值"), f.entity_named("开发区")
        (None, None)
        >>> f.entity_named("漕河泾科技园区"), f.entity_named("中苏州工业园区")
        ('漕河泾科技园区', None)
        """
        if label in self._named:
            return self._named[label]
        found = self._entity_named(label)
        if len(self._named) >= _NAMED_CACHE_SIZE:
            self._named.clear()  # a corpus of millions of reports: bounded, not ever-growing
        self._named[label] = found  # labels repeat across a corpus (县区, 各县市区, 开工率 …)
        return found

    def _entity_named(self, label: str) -> str | None:
        if label in self.full_names:
            return label
        full = self.short_to_full.get(label, [])
        if len(full) == 1:  # a short name of several places names none of them
            return full[0]
        held = self.place_or_short_opening(label) if len(label) > _THREE else None
        if held is not None and held[1] == len(label) and held[0] != label:
            return held[0]  # (浙江省长兴县, 江苏南通如东县: the inner place, written after the places holding it)
        for start, end, name in self.zone_mentions(label)[:1]:
            if end == len(label) and name not in _ENTITY_SETS.zone_suffixes and start == 0:
                return expand_zone(name)
            if end == len(label) and name in _ENTITY_SETS.zone_suffixes and 0 < start <= _ZONE_PREFIX_MAX:
                return expand_zone(label)  # 市开发区: a zone named by the place it belongs to
            if end == len(label) and 0 < start < _ZONE_PREFIX_MAX and not _has_function_char(label[:start]) \
                    and name[:_ZONE_PREFIX_MAX] not in self._all_names:
                return expand_zone(label)  # 中关村科技园区: a name of three characters the gazetteer lacks
        return None

    def _place_inside(self, run: str) -> str | None:
        """厦门火炬高新区: a place name followed by at most four more characters before the suffix;
        the prefix then runs from the place name on."""
        for end in range(len(run) - 1, max(len(run) - 5, 1), -1):
            for n in self._any_by_tail.get(run[end - 2:end], ()):
                if n <= end and run[end - n:end] in self._all_names and not _has_function_char(run[end:]):
                    return run[end - n:]
        return None

    def _place_suffix_of(self, run: str) -> str | None:
        """The longest gazetteer name (full or short) that ends ``run``."""
        for n in self._any_by_tail.get(run[-2:], ()):
            if n <= len(run) and run[-n:] in self._all_names:
                return run[-n:]
        return None

    def _place_prefix(self, text: str) -> str | None:
        """The longest full gazetteer name that starts ``text``."""
        for n in self._full_by_head.get(text[:2], ()):
            if n <= len(text) and text[:n] in self.full_names and (n > 2 or _county_of_two(text)):
                return text[:n]
        return None

    def place_mentions(self, text: str) -> list[tuple[int, int, str]]:
        """Full gazetteer names (台儿庄区, 莆田市) in ``text``, leftmost-longest."""
        out = []
        last = -1
        # every full name ends in 市/县/区/州/旗/盟: look back from those characters only
        for m in _SUBJECTS.place_end.finditer(text):
            k = m.end()
            lengths = self._full_by_tail.get(text[k - 2:k])
            if lengths is None:
                continue  # 全区, 我市: no place name ends this way
            for n in lengths:
                if n <= k and k - n > last and (n > 2 or _at_boundary(text, k - n)) \
                        and text[k - n:k] in self.full_names and not self._inside_short_name(text, k - n):
                    out.append((k - n, k, text[k - n:k]))
                    last = k - 1
                    break
        return out

    def _inside_short_name(self, text: str, start: int) -> bool:
        """Whether a full name found at ``start`` begins inside another place's short name, the text read leftmost
        longest (常德城区: 常德, then 城区; the 德城区 read there is none; 浙江宁波市: 浙江, then 宁波市)."""
        if start == 0 or text[start - 1:start + 1] not in self.short_to_full:
            return False  # (a plain look first: most names start after no short name's first character)
        return any(at < start < at + len(short) for at, short in self._short_names_of(text))

    # -- the report's main entity --------------------------------------------------------------
    def main_subject(self, text: str, title: str = "") -> str | None:
        """The entity the report is about, or None when it never names one.

        Strong evidence: zones named after a gazetteer place (淮安经开区), gazetteer places
        (台儿庄区), quoted entities that act as subjects (“一区四园”共完成), and a short city name
        in a report that says 我市. Zones with an unknown prefix are weak evidence, used only
        when mentioned at least twice and nothing strong is found.
        """
        strong, weak, first = self._evidence(text, title)
        own = _own_kind(text)  # (the kind of place the report calls its own: read once, used twice below)
        _merge_places_into_zones(strong, own)
        if (zone := _zone_named_most(weak, first, strong)) is not None:
            return zone
        if (town := self._town_named_most(title, text, max(strong.values(), default=0))) is not None:
            return town  # (a town's report naming its county or city, or a park, less often)
        if not strong:
            city = self._short_city(text + title) or self._outlet_own_place(text + title)
            if city:
                return self._ranked_within(text + title, city, strong) or city
            strong = Counter({k: v for k, v in weak.items() if v >= 2})
        best = max(strong, key=lambda k: (strong[k], -first.get(k, 0))) if strong else None
        if best is not None and _peers_only(strong, best):
            # 吉首市 | 57, 泸溪县 | 27, 凤凰县 | 34 …: peers listed once each, none the report's own
            best = self._short_city(text + title) or self._outlet_own_place(text + title)
        if (within := self._ranked_within(text + title, best, strong)) is not None:
            return within  # (the place most named is only the field it ranks in)
        best = self._of_own_kind(text, own, best, strong, first)
        if best is not None and (town := self._own_town(title + "\n" + text, best)) is not None:
            return town
        if best is not None and best.endswith(_ZONE_SUFFIXES):
            return best
        if (often := self._short_named_most(text + title, strong[best] if best is not None else 0)) is not None:
            return often
        # a zone that only ever calls itself 经开区: the subject stays as written (FACTS.md), also
        # over the city it is in when that is named less often (经开区 … 经开区 … 在新乡市参加)
        bare_name, bare_n = _bare_zone_word(title + text)
        if bare_n >= 2 and (best is None or bare_n > strong[best]):
            return bare_name
        return best

    def _ranked_within(self, text: str, best: str | None, strong: Counter[str]) -> str | None:
        """甲州 named most, but as the field its county-level place ranks in (…增速继续位居甲州第一; 在甲州市排名前列;
        领跑甲州): the report is about the one place of ``best`` it names, when it names that place at least as often as
        it names ``best`` otherwise (a place does not rank within itself; a city's report naming one county first in
        the city names the city more); None otherwise (a city's report ranking its counties names several)."""
        if best is None or best not in self._parents:
            return None
        short = self.short_of(best)
        said = []  # (where the short name stands: a plain find, not a pattern made of it for each report)
        at = text.find(short)
        while at >= 0:
            said.append(at)
            at = text.find(short, at + len(short))
        as_field = sum(1 for at in said if _SUBJECTS.field_rank_after.match(text, at + len(short))
                       or _SUBJECTS.field_led_before.search(text, max(0, at - 2), at))
        if not as_field:
            return None
        named = Counter({k: n for k, n in strong.items() if self.parent_of.get(k) == best})
        for place, n in self._places_by_short_name(text).items():
            if self.parent_of.get(place) == best:
                named[place] += n
        if len(named) != 1:
            return None
        place, n = next(iter(named.items()))
        return place if n >= len(said) - as_field else None

    def _own_town(self, text: str, place: str) -> str | None:
        """余庆县构皮滩镇上半年…, 该镇完成…: a report that speaks of its own town (该镇, 全镇) is about the town it
        names right after the place it lies in, not that place; None when it names none so."""
        if _SUBJECTS.town_refs.search(text) is None:
            return None
        at = text.find(place)
        while at >= 0:
            town = _SUBJECTS.town_after_place.match(text, at + len(place))
            if town is not None and town.group(0) not in _ENTITY_SETS.kinds_of_place_words:
                return town.group(0)
            at = text.find(place, at + 1)
        return None

    @staticmethod
    def _town_named_most(title: str, text: str, best_count: int) -> str | None:
        """胡集镇按照…,截至6月19日,该镇…; 2020年,干驿镇…全镇上下…: a report that speaks of its own town (该镇, 全镇,
        该街道, a clause opening with 街道) and names one town more often than any other place, twice at least, is about
        that town (the county it lies in, named in passing, is not); None otherwise."""
        if _SUBJECTS.town_refs.search(text) is None:
            return None
        whole = title + "\n" + text
        towns = {m.group("town") for m in _SUBJECTS.town_alone.finditer(whole)
                 if m.group("town") not in _ENTITY_SETS.kinds_of_place_words}
        if not towns:
            return None
        # (each town found where no word runs into it, then counted wherever written — 在甲镇第六届…, 代表甲镇… — and
        # in the title with a title's weight, as places are)
        named = Counter({town: text.count(town) + _TITLE_WEIGHT * title.count(town) for town in towns})
        (town, n), *rest = named.most_common(2)
        if n < _TOWN_REPEATED or n < best_count or (rest and rest[0][1] == n):
            return None
        return town

    def title_place(self, title: str) -> str | None:
        """甲13个项目集中签约: the place a title opens with by its short name, before a count or a period, in a report
        naming no place in full; None when the title opens with none such."""
        found = self._short_at_start(title.strip())
        if found is None or not _SUBJECTS.title_after_short.match(title.strip(), len(found[0])):
            return None
        return found[1]

    @staticmethod
    def title_town(title: str, text: str) -> str | None:
        """白沙乡:8个项目集中签约: the town a title opens with (before a colon, a space, a count or a period) and the
        body names again, in a report naming no place of its own in full; None otherwise."""
        m = _SUBJECTS.title_town.match(title.strip())
        if m is None or m.group("town") in _ENTITY_SETS.kinds_of_place_words or m.group("town") not in text:
            return None
        return m.group("town")

    @staticmethod
    def lede_town(lede: str) -> str | None:
        """6月19日,云溪镇举行重点项目集中签约仪式: the town a lede opens with, after its day, holding the event it
        reports, in a report naming no place of its own in full; None otherwise."""
        opener = _SUBJECTS.lede_opener.match(lede)
        m = _SUBJECTS.lede_town.match(lede, opener.end() if opener is not None else 0)
        if m is None or m.group("town") in _ENTITY_SETS.kinds_of_place_words:
            return None
        return m.group("town")

    @staticmethod
    def lede_bare_zone(lede: str) -> str | None:
        """2017年,面对…,高新区按照…要求,全面推进…: a bare zone word opening a clause of the lede's first sentence is
        the zone the report is about, in a report naming no place of its own; None when it opens none."""
        first = lede.split(_SENTENCE_END, 1)[0]
        for m in _SUBJECTS.suffix.finditer(first):
            if m.group(0) in _ENTITY_SETS.bare_zone_words and _SUBJECTS.clause_start_before.search(first, 0, m.start()):
                return m.group(0)
        return None

    def lede_place(self, lede: str) -> str | None:
        """7月29日,甲举行重大项目集中开工仪式: the place a lede opens with by its short name after its day, holding or
        naming the event it reports, in a report naming no place in full; None when it opens with none such."""
        opener = _SUBJECTS.lede_opener.match(lede)
        rest = lede[opener.end():] if opener is not None else lede
        found = self._short_at_start(rest)
        if found is None or not (_SUBJECTS.event_after_short.match(rest, len(found[0]))
                                 or _SUBJECTS.title_after_short.match(rest, len(found[0]))):
            return None
        return found[1]

    @staticmethod
    def event_named(text: str, title: str) -> str | None:
        """The fair or conference a report's title names with its edition (第5届丝路经贸博览会), when the report
        never speaks of a place of its own (我市, 全区): the subject of what was signed at it; None otherwise."""
        if any(ref in text for refs in _ENTITY_WORDS.own_place_refs.values() for ref in refs):
            return None  # (我区共签约6个项目: the place's signings at the fair, a place the text may never name)
        m = _SUBJECTS.numbered_event.search(title)
        return m.group(0) if m else None

    def _of_own_kind(self, text: str, own: str | None, best: str | None, strong: Counter[str],
                     first: dict[str, int]) -> str | None:
        """全市 … 全市 in a report whose most named place is one of its districts (金安区) or zones: the
        report speaks for a place of the kind it calls its own (市) — the most named of that kind, or
        else the city around ``best`` when the text names it (六安市投资创业中心); ``best`` otherwise (``own``: that
        kind, :func:`_own_kind`)."""
        if own is None or best is None or best.endswith(own):
            return best
        same = [k for k in strong if k.endswith(own) and not k.endswith(_ZONE_SUFFIXES)]
        if same:
            return max(same, key=lambda k: (strong[k], -first.get(k, 0)))
        parent = self.parent_of.get(best)
        if parent is not None and parent.endswith(own) and (parent in text or self.short_of(parent) in text):
            return parent
        # (a zone named once is where the report's event was held, not what the report is about)
        once = strong[best] <= _BODY_WEIGHT
        return (self._place_naming_zone(best, own) if once else None) or best

    def _place_naming_zone(self, zone: str, own: str) -> str | None:
        """全市 … 全市 in a report whose most named entity is a zone named once after a place of that kind (全市集中开工
        现场会在滁州经济技术开发区举行): the report speaks for that place, the zone is one of its parts; None when
        ``zone`` is no zone or opens with no one place of the kind."""
        if not zone.endswith(_ZONE_SUFFIXES):
            return None
        for n in range(min(len(zone) - 2, _SHORT_NAME_MAX), 1, -1):
            full = self.short_to_full.get(zone[:n], [])
            if len(full) == 1 and full[0].endswith(own):
                return full[0]
        return None

    def short_of(self, full: str) -> str:
        """A place's short name (六安市 → 六安), or its full name when it has none."""
        return self._short_name.get(full, full)

    def as_written(self, full: str, text: str) -> str:
        """An autonomous place's name as ``text`` gives it: its short name with the last character of its kind
        (凉山彝族自治州 → 凉山州, 琼中黎族苗族自治县 → 琼中县) when the text writes that and never the full name;
        any other name as it is.

        >>> f = subject_finder()
        >>> f.as_written("凉山彝族自治州", "凉山州全年…"), f.as_written("凉山彝族自治州", "凉山彝族自治州…凉山州")
        ('凉山州', '凉山彝族自治州')
        >>> f.as_written("六安市", "六安全年…")
        '六安市'
        """
        if not full.endswith(_AUTONOMOUS_KINDS) or full in text:
            return full
        written = self.short_of(full) + full[-1]
        return written if written != full and written in text else full

    def _evidence(self, text: str, title: str) -> tuple[Counter[str], Counter[str], dict[str, int]]:
        """Weighted mentions of entities: strong (named after a known place), weak, and where
        each is first named (title first)."""
        strong: Counter[str] = Counter()
        weak: Counter[str] = Counter()
        first: dict[str, int] = {}
        for weight, chunk, base in ((_TITLE_WEIGHT, title, -1_000_000), (_BODY_WEIGHT, text, 0)):
            zone_spans = []
            for start, end, name, known in self._zones_with_evidence(chunk):
                if name in _ENTITY_SETS.zone_suffixes or _examples_around(chunk, start, end):
                    continue  # a bare suffix names no place of its own; a list of examples no subject
                key = expand_zone(name)
                (strong if known else weak)[key] += weight
                first.setdefault(key, base + start)
                zone_spans.append((start, end))
            places = self.place_mentions(chunk)
            for n, (start, end, name) in enumerate(places):
                if self._address_in_title(chunk, places, n):
                    continue
                if any(a <= start < b for a, b in zone_spans) or (name not in strong and any(
                        name in z and strong[z] >= _ZONE_REPEATED for z in strong if z != name)):
                    # (淮安|经开区: the place a zone is named after, counted with the zone; 淮安市 beside a
                    # zone the report names again and again: the zone's; but 东安县 beside a park of
                    # it named once: the county's)
                    continue
                if _SUBJECTS.outlet_after.match(chunk, end) or _opens_firm_name(chunk, end):
                    continue  # 海曙新闻网讯: the outlet's name, not the place a report is about (nor a firm's)
                if _examples_around(chunk, start, end):
                    continue  # 学习昆山、苏州工业园区等: examples, not the subject
                if _SUBJECTS.compared_end.search(chunk, max(0, start - _COMPARED_REACH), start):
                    continue  # (总量首次超过甲县: a peer compared with, as a short name there is)
                strong[name] += weight
                first.setdefault(name, base + start)
            for m in _SUBJECTS.quoted_anywhere.finditer(chunk):
                strong[m.group(1)] += weight
                first.setdefault(m.group(1), base + m.start())
        return strong, weak, first

    def _address_in_title(self, chunk: str, places: list[tuple[int, int, str]], n: int) -> bool:
        """甲市|乙区政府工作报告: in the title line (the whole title, or the text's first line) a place written right
        before one inside it is that one's address, not a subject of its own. (Only there: in a body, 甲市乙区 is
        as often one of the city's districts listed as the report's own place.)"""
        _start, end, name = places[n]
        head_end = chunk.find("\n") % (len(chunk) + 1)
        return end <= head_end and n + 1 < len(places) and places[n + 1][0] == end and self._holds(
            name, places[n + 1][2])

    def _zones_with_evidence(self, text: str) -> list[tuple[int, int, str, bool]]:
        out = []
        for start, end, name in self.zone_mentions(text):
            suffix = _SUBJECTS.suffix_end.search(name)
            prefix = name[: len(name) - (len(suffix.group(0)) if suffix else 0)]
            named_after_place = prefix in self._all_names or prefix[:2] in self._all_names \
                or prefix[:3] in self._all_names
            out.append((start, end, name, bool(prefix) and named_after_place))
        return out

    def _outlet_own_place(self, text: str) -> str | None:
        """息县融媒体中心 … 我县 … 全县, and no other place named: the report is its own outlet's county (the
        one place an outlet of the kind the report calls its own is named after); None otherwise."""
        own = {kind for kind, refs in _ENTITY_WORDS.own_place_refs.items() if any(w in text for w in refs)}
        found = {name for _start, end, name in self.place_mentions(text)
                 if name[-1] in own and _SUBJECTS.outlet_after.match(text, end)}
        return found.pop() if len(found) == 1 else None

    def _short_city(self, text: str) -> str | None:
        """我市 … 美丽定州 → 定州市: a short place name in a report that speaks of 我市/我县."""
        own = {kind for kind, refs in _ENTITY_WORDS.own_place_refs.items() if any(w in text for w in refs)}
        if not own:
            return None  # the report never speaks of its own city or county
        if (kind := _own_kind(text)) in own:
            own = {kind}  # (我市…全市 and 全省经济 once: a city's report, not one of the province it names)
        elif len(own) > 1:
            # (全市… once, 全省 as the field of its ranks and comparisons: no province's report unless it speaks as one)
            own.discard(_ENTITY_WORDS.province_kind)
        named = self._places_by_short_name(text, own)
        hits = Counter({k: n for k, n in named.items() if k[-1] in own})
        if len(hits) == 1:
            only = next(iter(hits))
            return None if self._one_of_peers(only, named) else only
        # 三明 … 永安、尤溪: the one place holding every other place named (a city and its counties)
        holders = [k for k in hits if all(k == other or self._holds(k, other) for other in hits)]
        if len(holders) == 1 or not hits:
            return holders[0] if holders else None
        # (福建 in the title and the body, 台湾 among its trade partners: the one named more often than any other)
        (top, n), *rest = hits.most_common(2)
        return top if n >= _SHORT_REPEATED and not (rest and rest[0][1] >= n) else None

    def _one_of_peers(self, place: str, named: Counter[str]) -> bool:
        """全市 … 前三位的是甲区、乙市、丙区: whether a place is named no more often than two places or more
        beside it in the same city or province (its peers, of another kind): one of the places listed, not the
        one the report speaks for (a single neighbour named as often is no list: 服务乙新区建设 in 甲's report)."""
        parent = self.parent_of.get(place)
        peers = [other for other, n in named.items()
                 if other != place and parent is not None and self.parent_of.get(other) == parent and n >= named[place]]
        return len(peers) >= _PEERS_LISTED

    def _short_named_most(self, text: str, best_count: int) -> str | None:
        """甲市 named once in passing, 仁怀 again and again: a place named by its short name alone three times or more,
        more often than any full name, is the report's own (the place it stands for); None when there is none such."""
        hits = self._places_by_short_name(text)
        if not hits:
            return None
        (place, n), *rest = hits.most_common(2)
        if n < _SHORT_REPEATED or n <= best_count or (rest and rest[0][1] * 2 > n):
            return None  # (a list of peers named by their short names, each a few times: no one's report)
        return place

    def _short_at_start(self, text: str) -> tuple[str, str] | None:
        """The short place name opening ``text`` and the one full name it stands for, if any (杭州 → 杭州市)."""
        # the name _short_names would find at 0 (the longest starting there), looked up there only:
        # one further along opens nothing, and scanning on to it cost 2% of the extraction (every clause asks)
        n = min(len(text), _SHORT_WINDOW + 1)
        for length in self._short_by_head.get(text[:2], ()) if n > 1 else ():
            if length <= n and (short := text[:length]) in self.short_to_full:
                fulls = self.short_to_full[short]
                return (short, fulls[0]) if len(fulls) == 1 else None
        return None

    def _short_place_acting(self, rest: str) -> tuple[str, int] | None:
        """杭州(在营商环境城市排名中…), 厦门(签约…), 仁怀(2022全年GDP…): a place's short name opening a clause, right
        before 在, what it did or a period, names that place."""
        found = self._short_at_start(rest)
        if found is None:
            return None
        end = _with_level_char(rest, len(found[0]), found[1])  # (某|州GDP…: a prefecture's everyday name)
        if not (rest.startswith(_SHORT_PLACE_FOLLOWERS, end) or _SUBJECTS.period_after_short.match(rest, end)):
            return None
        return found[1], end

    def place_opening(self, text: str) -> tuple[str, int] | None:
        """The place whose full name opens ``text`` (昆山市), also after the names of the places holding it
        (江苏昆山市, 江苏省睢宁县), and where its name ends; None when no place opens it."""
        place = self._place_prefix(text)
        if place is None:
            return self._place_after_holders(text)
        end = len(place)
        for _ in range(_MAX_LEVELS):  # (江苏省睢宁县, 江苏省徐州市睢宁县: the inner place, its holders before it)
            inner = self._place_prefix(text[end:])
            if inner is None or not self._holds(place, inner):
                break
            place, end = inner, end + len(inner)
        return place, end

    def place_closing(self, words: str, longest: int | None = None) -> tuple[str, int] | None:
        """The longest place whose name closes ``words`` (同样来自江苏的江阴 → 江阴市, 另外还有安吉 → 安吉县), within
        ``longest`` characters of words before it when given, and how long it is written; None when none does.

        >>> subject_finder().place_closing("另外还有安吉"), subject_finder().place_closing("增长最快")
        (('安吉县', 2), None)
        """
        last = len(words) - 1 if longest is None else min(len(words) - 1, longest + 1)
        return next(((name, len(words) - k) for k in range(last)
                     if (name := self.entity_named(words[k:])) is not None), None)

    def place_or_short_opening(self, text: str) -> tuple[str, int] | None:
        """The place whose full name (:meth:`place_opening`) or short name (杭州 → 杭州市) opens ``text``, and where
        its name ends; None when none does (or a short name stands for several places)."""
        found = self.place_opening(text)
        if found is not None:
            return found
        short = self._short_at_start(text)
        if short is None:
            return None
        return short[1], _with_level_char(text, len(short[0]), short[1])  # (景宁|县增速…: 景宁县 as written)

    def _place_after_holders(self, rest: str) -> tuple[str, int] | None:
        """江苏南通如东县, 浙江嘉兴桐乡市, 湖南长沙县: a place's full name written after the short names of the
        places holding it names that place."""
        pos, holders = 0, []
        for _ in range(_MAX_LEVELS):
            found = self._short_at_start(rest[pos:])
            if found is None:
                return None
            holders.append(found[1])
            pos += len(found[0])
            place = self._place_prefix(rest[pos:])
            if place is not None and all(self._holds(h, place) for h in holders):
                return place, pos + len(place)
        return None

    def _inner_opening(self, rest: str, place: str) -> tuple[str, int]:
        """长春市朝阳区: the innermost place written after the places holding it, and where its name ends (``place``,
        the outermost, when no place inside it follows)."""
        found = self.place_opening(rest)
        return found if found is not None and found[1] > len(place) else (place, len(place))

    def _place_within(self, rest: str, place: str) -> tuple[str, int] | None:
        """运城市永济(举行…): a place's short name right after the place holding it names the inner place."""
        found = self._short_at_start(rest[len(place):])
        if found is None or self.parent_of.get(found[1]) != place:
            return None
        end = len(place) + len(found[0])
        if rest[end:end + 1] == found[1][-1] and found[1].endswith(found[0] + found[1][-1]):
            end += 1  # (湖州市德清|县: the short name with its level's character, as written)
        return found[1], end

    def _holds(self, outer: str, inner: str) -> bool:
        """Whether ``inner`` lies inside ``outer`` (a county of a city, a district of a province's city)."""
        for place in (self.parent_of.get(inner), *self._other_parents.get(inner, ())):
            seen = 0
            while place is not None and seen < _MAX_LEVELS:
                if place == outer:
                    return True
                place, seen = self.parent_of.get(place), seen + 1
        return False

    def _places_by_short_name(self, text: str, own: set[str] | None = None) -> Counter[str]:
        """How often ``text`` names each place by a short name that stands for it alone — never where it compares
        itself with a place (仅次于深圳), names an outlet (海曙新闻网讯) or a street (甲山大道). With ``own``, the
        kinds of place a report calls its own (我县 → 县), a short name standing for places of several kinds stands
        for the one of those kinds (甲容 → 甲容县, not 甲容区, in a report that says 我县)."""
        hits: Counter[str] = Counter()
        # (兴安|盟: a full name read there, longer than the short name it opens, is that place, no other's short name)
        full_at = self._full_names_at(text)
        for start, short in self._short_names_of(text):
            fulls = self.short_to_full[short]
            end, full = full_at.get(start, (0, ""))
            if end > start + len(short) and full not in fulls:
                continue
            if len(fulls) > 1 and own and not any(self.parent_of.get(f) in fulls for f in fulls):
                # (甲沙 for 甲沙县 and the 甲沙市 holding it: the city's name too, no county's alone)
                # (甲海 for 甲海县 or 甲海新区 in a report saying 全区: a new district's name is a zone's, no 区's)
                fulls = [f for f in fulls if f[-1] in own and len(f) == len(short) + 1]
            end = start + len(short)
            if len(fulls) == 1 and not _SUBJECTS.compared_end.search(text, max(0, start - _COMPARED_REACH), start) \
                    and not _SUBJECTS.outlet_after.match(text, end) and not _SUBJECTS.street_after.match(text, end) \
                    and not _SUBJECTS.town_after.match(text, end) \
                    and not _SUBJECTS.peers_of_field_after.match(text, end) \
                    and not _SUBJECTS.field_rank_after.match(text, end) \
                    and not _SUBJECTS.compared_beside.match(text, start) \
                    and not _opens_firm_name(text, end) and not _opens_project_name(text, end):
                # (白沙乡: a town, not 白沙县; 甲乙科技有限公司: a firm's; 绍兴各县市第二, 列甲市第5: the field of the
                # report's own place; 金溪航电枢纽工程: a project's name)
                hits[fulls[0]] += 1
        return hits

    def _full_names_at(self, text: str) -> dict[int, tuple[int, str]]:
        """Where each full place name of ``text`` starts, with its end and name, remembered for the last text asked
        about."""
        if self._fulls_of[0] != text:
            self._fulls_of = (text, {start: (end, name) for start, end, name in self.place_mentions(text)})
        return self._fulls_of[1]

    def _short_names_of(self, text: str) -> list[tuple[int, str]]:
        """:meth:`_short_names` of a whole text, remembered for the last text asked about."""
        if self._shorts_of[0] != text:
            self._shorts_of = (text, list(self._short_names(text)))
        return self._shorts_of[1]

    def _short_names(self, text: str) -> Iterator[tuple[int, str]]:
        """The short place names of ``text`` (定州, 美丽 is none) with where each starts, leftmost
        longest and not overlapping: at each character, the longest name starting there.

        (A dictionary probe per character, for the lengths a name with those first two characters
        has: twice as fast as pyahocorasick's ``iter_long`` on Chinese text, and that iterator can
        miss a name after a longer partial one. The characters no name's first two can be are skipped
        by a regex first: a probe per character of a whole report was 1% of the extraction.)
        """
        shorts, by_head = self.short_to_full, self._short_by_head
        closing = _ENTITY_SETS.words_before_shorts
        pairs = self._head_pairs
        i, n = 0, len(text)
        while i < n - 1:
            m = pairs.search(text, i)
            if m is None:
                return
            i = m.start()  # (no name starts before: the first two characters of none are there)
            lengths = by_head.get(text[i:i + 2], ())
            if lengths and i and text[i - 1:i + 1] in closing:
                lengths = ()  # 其中山东: the name's first character closes a word; the name starts later
            for length in lengths:
                if i + length <= n and text[i:i + length] in shorts:
                    yield i, text[i:i + length]
                    i += length
                    break
            else:
                i += 1

    # -- the entity opening one clause ---------------------------------------------------------
    def clause_subject(self, text: str, start: int, end: int) -> SubjectMention | None:
        """The entity a clause opens with, if any (MAIN for 全区/我市 …)."""
        clause = text[start:end if end - start < 4 * _SUBJECT_WINDOW else start + 4 * _SUBJECT_WINDOW]
        # 该区 is no opener 该 + 区
        at_start = _SUBJECTS.refs.match(clause)
        m = None if at_start else _SUBJECTS.opener.match(clause)
        pos = m.end() if m else 0
        rest = clause[pos:]
        r = at_start if pos == 0 else _SUBJECTS.refs.match(rest)  # (nothing skipped: the same words, matched once)
        if r and _ref_is_field(rest, r.end(), m.group(0) if m else ""):
            return None  # 全省第八位, 全市排名第一, 在全市五县区中: the field of a ranking, not who is ranked
        zones = _SUBJECTS.whole_zones.match(rest, r.end()) if r else None
        if zones is not None and r is not None and not _zone_is_object(zones.group(0)) \
                and not (m and m.group(0).endswith(_ENTITY_WORDS.field_mark)):  # (在全省工业园区中: peers)
            # 全市工业园区, 全市产业集聚区: the parks together (a bare 园区 stays part of the measure's name, unless a
            # verb of doing follows it: 全市开发区完成…, written with its place)
            if zones.group(0) not in _ENTITY_WORDS.any_zone_words:
                return SubjectMention(zones.group(0), start + pos + zones.end())
            if _SUBJECTS.doer_verb_after.match(rest, zones.end()):
                return SubjectMention(r.group(0) + zones.group(0), start + pos + zones.end())
        if r and (not rest[r.end():r.end() + 1].isdigit() or _SUBJECTS.size_after_ref.match(rest, r.end())):
            return SubjectMention(MAIN + r.group(0)[-1], start + pos + r.end())
        if pos == 0 and _SUBJECTS.rank_verb_start.match(rest):
            return None  # (位居|全国146个高新区第三位: the field of a ranking, no subject)
        found = self._named_entity(rest, m.group(0) if m else "", text[start + pos:start + pos + _FRAME_REACH])
        if found is _NO_SUBJECT:
            return None
        if found is None:
            found = self.place_after_appositive(rest)
        if found is None:
            found = _entity_before_verb(rest) or _unknown_place_doing(rest)
        if found is None and text.startswith(_LABEL_MARK, end):
            found = _entity_labelled(rest)
        if found is None:
            found = self._label_before_colon(text, rest, end)
        if found is None:
            return None
        name, length = found
        if m is not None and _ENTITY_WORDS.field_mark in m.group(0) \
                and _SUBJECTS.kind_of_zone.fullmatch(rest, 0, length):
            return None  # (在2018年度|开发区综合…考核评价中: the zones of that kind are the field, no subject)
        if _SUBJECTS.zones_counted_after.match(rest, length) and _SUBJECTS.kind_of_zone.fullmatch(rest, 0, length):
            return None  # (…169家,经济技术开发区|230家: zones of that kind counted, the measure's name, no subject)
        return SubjectMention(name, start + pos + length)

    def place_after_appositive(self, text: str) -> tuple[str, int] | None:
        """The place ``text`` opens with after words describing it (“中国竹乡”浙江省安吉县, 滨湖城市长兴县, 作为浙北
        重镇的长兴县), and where its name ends; None when no such words open it or no place follows them.

        >>> f = subject_finder()
        >>> f.place_after_appositive("滨湖城市长兴县排名第11"), f.place_after_appositive("作为浙北重镇的长兴县排名第11")
        (('长兴县', 7), ('长兴县', 10))
        >>> f.place_after_appositive("全市的工业增加值"), f.place_after_appositive("长兴县排名第11")
        (None, None)
        """
        m = _SUBJECTS.appositive.match(text)
        if m is None:
            return None
        found = self.place_opening(text[m.end():])
        if found is None or text[m.end() + found[1]:m.end() + found[1] + 1] in _ENTITY_SETS.not_after_place:
            return None
        return found[0], m.end() + found[1]

    def _label_before_colon(self, text: str, rest: str, end: int) -> tuple[str, int] | None:
        """龙泉街道:完成…, 进化镇:新增…: a place written alone before a colon labels what follows it."""
        if text[end:end + 1] != _COLON or not rest:
            return None
        place = self.entity_named(rest) or (rest if _SUBJECTS.town_label.fullmatch(rest)
                                            and rest not in _ENTITY_SETS.kinds_of_place_words else None)
        return (place, len(rest)) if place is not None else None

    def _named_entity(self, rest: str, opener: str, ahead: str = "") -> tuple[str, int] | None:
        """A quoted name, a gazetteer place, a counted group or a zone opening ``rest``; None when
        none does, :data:`_NO_SUBJECT` when the clause can have no subject at all. ``ahead``: the text from where
        ``rest`` starts on, past its clause (what a list closing a frame is followed by)."""
        q = _SUBJECTS.quoted.match(rest)
        if q:
            return q.group(1), q.end()
        place = self._place_prefix(rest)
        if place and rest[len(place):len(place) + 1] not in _ENTITY_SETS.not_after_place:
            zone = _zone_of_place(rest, place)
            if zone is not None:
                return zone  # 翎城县经济开发区紧盯…: the zone the place's name opens, not the place
            if _opens_project_name(rest, len(place)) or _opens_firm_name(rest, len(place)):
                return _NO_SUBJECT  # 蔚洲区禾丰精密机械配件生产项目、…: a project's name, not whose figure
            within, inner = self._place_within(rest, place), self._inner_opening(rest, place)
            return within if within is not None and within[1] > inner[1] else inner
        # (both open with a short place name: none there, neither is, and the name is looked up once)
        acting = self._short_place_acting(rest) or self._place_after_holders(rest) \
            if self._short_at_start(rest) is not None else None
        if acting is not None:
            return acting
        gate = anchor_gate("subjects.list_opening")  # (百强, 千强: most clauses name no list; one class scan tells)
        listed = _SUBJECTS.list_opening.match(rest) if gate is None or gate.search(rest) is not None else None
        if listed is not None:  # (百强镇总人口平均为…, 赛迪创新百强区(2024)集聚…: the list's members together)
            return listed.group("list"), listed.end("list")
        framed = _SUBJECTS.list_frame.match(rest) if _ENTITY_WORDS.field_mark not in opener else None
        if framed is not None and not _SUBJECTS.list_frame_ranked.match(ahead, framed.end()):
            # (2024百强园区中,GDP超过800亿元的园区共有51个: the list its members are counted in; not where places
            # are ranked in it after: 百强县中,甲县位列第5)
            return framed.group("list"), framed.end()
        nation = _nation_opening(rest, opener) if rest.startswith(_NATION_WORDS) else None
        if nation is not None:
            return nation
        if not _SUBJECTS.entity_end.search(rest, 0, _SUBJECT_WINDOW):
            return _NO_SUBJECT  # no zone, place, company or group noun near the start: no subject
        grp = _SUBJECTS.counted_group.match(rest)
        if grp and (_ENTITY_WORDS.field_mark in opener  # (在2021年度全国217家…: a period may stand between)
                    or _SUBJECTS.field_closed_after.match(rest, grp.end())):
            return _NO_SUBJECT  # 在全省100个工业园区中排位第五, 在全国186家国开区…考评中: the field of a ranking
        if grp and passes_a_mark(rest, grp.start("count"), grp.end("unit")) is not None:
            return _NO_SUBJECT  # 14个开发区工业增加值增速超过30%: how many passed a mark, a count of the report's own
        if grp:
            return expand_zone(grp.group(0)), grp.end()
        z = _SUBJECTS.zone_at_start.match(rest)
        if z and rest.startswith(_PROJECT_NOUNS, z.end()) and _SUBJECTS.zone_ends_project_name.match(rest, z.end()):
            return _NO_SUBJECT  # 丙丁智能制造产业园项目,总投资15亿元: the zone word ends a project's own name
        if z and not _has_function_char(z.group(1)) and z.group(1) not in _ENTITY_SETS.not_place_prefixes \
                and not _zone_is_object(z.group(1)) \
                and not _SUBJECTS.clause_words.search(z.group(1)) \
                and z.end() < len(rest) and rest[z.end()] not in _ENTITY_SETS.not_after_zone:
            return expand_zone(z.group(0)), z.end()
        return None

    @staticmethod
    def resolve_main(ref: str, main: str | None, outer: str | None = None) -> str | None:
        """全市 / 我区 … mean the main entity when it is that kind of place: a report about a county
        that says 全市 speaks of the city around it — ``outer`` when the text names it, else null (FACTS.md)."""
        kind = ref[len(MAIN):]
        if main is None or not kind:
            return main
        inner = _ENTITY_WORDS.outer_kinds.get(kind, [])
        exceptions = _ENTITY_WORDS.outer_kind_exceptions.get(kind, [])
        if main.endswith(tuple(inner)) and not main.endswith(tuple(exceptions)):
            return outer if outer is not None and outer.endswith(kind) else None
        return main

    def named_outer(self, main: str | None, text: str) -> str | None:
        """The city (or province) around the report's own place, when the text names it in full (绥化市 … 望奎县);
        None otherwise."""
        outer = self.parent_of.get(main) if main is not None else None
        if outer is None and main is not None and main.endswith(_TOWN_KINDS):
            # (余庆县构皮滩镇: a town the gazetteer lacks lies in the place named right before it)
            at = text.find(main)
            held = [p for _, end, p in self.place_mentions(text[:at])] if at > 0 else []
            outer = held[-1] if held and text[:at].endswith(held[-1]) else None
        return outer if outer is not None and outer in text else None

    def resolve_bare(self, name: str, main: str | None) -> str:
        """A bare 开发区 / 经开区 is the main entity when that is such a zone; else as written."""
        if name in _ENTITY_SETS.zone_suffixes and main:
            long = _ENTITY_WORDS.expansions.get(name, name)
            any_zone = _ENTITY_WORDS.any_zone_words
            if main.endswith((name, long)) or (name in any_zone and main.endswith(any_zone)):
                return main
        return name


def _gazetteer_tables() -> dict[str, Any]:
    """The indexes of :class:`SubjectFinder`, made from the gazetteer and the words that leave a short
    name out; kept from one process to the next (:func:`~zhibiao.recache.memo`: 25 ms of every
    process, as much as the first 15 reports' extraction), keyed by this module's code and the data
    files they are made from."""
    code = code_digest(__file__)
    if code is None:
        return _build_gazetteer_tables()  # (a package without its source files: made in every process)
    key = code + data_digest("places.tsv") + data_digest("vocab.toml") + data_digest("grammar.toml")
    return memo("gazetteer", key, _build_gazetteer_tables)


def _build_gazetteer_tables() -> dict[str, Any]:
    """Full names → level, short names → the full names they stand for, each place's parent and short
    name, and the lengths of the names by their first or last two characters."""
    full_names: dict[str, str] = {}
    short_to_full: dict[str, list[str]] = {}
    parent_of: dict[str, str] = {}
    other_parents: dict[str, list[str]] = {}  # (朝阳区 of 北京市 and of 长春市: a name some places share)
    short_name: dict[str, str] = {}
    everyday = _ENTITY_SETS.common_word_shorts
    by_code = {p.code: p.name for p in places()}
    for p in places():
        if p.name in _ENTITY_SETS.common_word_names:
            continue  # (城区空气质量优良天数: the urban area of the place the report is about)
        full_names[p.name] = p.level
        short_name.setdefault(p.name, p.short)
        if p.parent in by_code:
            parent = parent_of.setdefault(p.name, by_code[p.parent])
            if parent != by_code[p.parent]:
                other_parents.setdefault(p.name, []).append(by_code[p.parent])
        # zones listed as divisions have generic short names (高新区, 工业园): no place name
        if len(p.short) >= 2 and p.short != p.name and not _SUBJECTS.generic_short.search(p.short) \
                and p.short not in everyday:
            fulls = short_to_full.setdefault(p.short, [])
            if p.name not in fulls:  # (北京市 is listed as a province and as its own city: one place)
                fulls.append(p.name)
    _counties_renamed(full_names, parent_of, short_name)
    all_names = frozenset({*full_names, *short_to_full})
    return {"full_names": full_names, "short_to_full": short_to_full, "parent_of": parent_of,
            "other_parents": other_parents, "parents": frozenset(parent_of.values()), "short_name": short_name,
            "all_names": all_names,
            "full_by_tail": _lengths_by(full_names, tail=True), "any_by_tail": _lengths_by(all_names, tail=True),
            "full_by_head": _lengths_by(full_names, tail=False),
            "short_by_head": _lengths_by(short_to_full, tail=False), "short_head_pairs": _head_pairs(short_to_full)}


def _with_level_char(text: str, end: int, full: str) -> int:
    """Where a short name ending at ``end`` ends when written with the character of its place's level (景宁|县,
    凉山|州), not opening another word (杭州|市场): one past it, else ``end``."""
    if text[end:end + 1] == full[-1] and not text.startswith(_LEVEL_LED_WORDS, end):
        return end + 1
    return end


def _counties_renamed(full_names: dict[str, str], parent_of: dict[str, str], short_name: dict[str, str]) -> None:
    """Add the county-level city each county may since have become (无为县 → 无为市: counties are made cities every
    year, and the gazetteer keeps the names of its edition): its short name and 市, when no place has that name; and
    the county a county-level city or district was before (神木市, 江宁区 → 神木县, 江宁县: older reports write the
    county). The short name still stands for the place alone (a short name of two places would name neither)."""
    for name, level in list(full_names.items()):
        short = short_name.get(name, name)
        if level != _COUNTY_LEVEL or short == name or len(short) < _SHORT_MIN:
            continue
        if name.endswith(_COUNTY_END):
            renamed = short + _CITY_END
        elif name.endswith(_FORMER_COUNTY_OF):
            renamed = short + _COUNTY_END
        else:
            continue
        if renamed not in full_names and renamed not in _ENTITY_SETS.everyday_city_words:  # (大城县: 大城市 a big city)
            full_names[renamed] = level
            short_name[renamed] = short
            if name in parent_of:
                parent_of[renamed] = parent_of[name]


def _head_pairs(names: Iterable[str]) -> str:
    """A regex of where the first two characters of one of ``names`` may stand: a character any of them
    opens with, then one any of them has second (more places than the names' heads, never fewer). The
    first is matched, the second looked ahead at: a pattern that opens with a class is skipped through
    by the engine in its tight loop, a lookahead is tried at every character."""
    heads = [n[:2] for n in names if len(n) >= 2]
    firsts = "".join(sorted({h[0] for h in heads})).translate(_IN_CLASS)
    seconds = "".join(sorted({h[1] for h in heads})).translate(_IN_CLASS)
    return f"[{firsts}](?=[{seconds}])"


def _lengths_by(names: Iterable[str], *, tail: bool) -> dict[str, tuple[int, ...]]:
    """The distinct lengths of ``names`` grouped by their last (or first) two characters, longest first."""
    # distinct (key, length) pairs first, one set comprehension: this runs over the whole gazetteer
    pairs = {(n[-2:], len(n)) for n in names if len(n) >= 2} if tail else \
        {(n[:2], len(n)) for n in names if len(n) >= 2}
    found: dict[str, list[int]] = {}
    for key, length in sorted(pairs, key=lambda p: -p[1]):
        found.setdefault(key, []).append(length)
    return {k: tuple(v) for k, v in found.items()}


_SHORT_WINDOW = 6  # the longest short place name looked for right after a place
_COUNTY_LEVEL = "county"
CITY_LEVEL = "prefecture"  # (a city holding counties and districts, in the gazetteer)
_COUNTY_END: str = _ENTITY_WORDS.county_end
_CITY_END: str = _ENTITY_WORDS.county_city_end
_SHORT_MIN = 2  # (a county's short name made a city's: two characters at least)
_FORMER_COUNTY_OF = (_CITY_END, _ENTITY_WORDS.district_end)  # (what a county may have become: 神木市, 江宁区)
# the characters a regex class needs escaped (re.escape on each of some 1,500 characters was 2 ms)
_IN_CLASS = str.maketrans({c: "\\" + c for c in "\\[]^-"})
_MAX_LEVELS = 4  # province, city, county, town: how far up a place's parents can go


def _suffix_end(text: str, m: re.Match[str]) -> int:
    """Where a zone's suffix ends: a longer suffix overlapping the one found runs on (中关村科技园|区: 科技园
    found first, 园区 ends the name)."""
    end = m.end()
    for i in range(m.start() + 1, m.end()):
        longer = _SUBJECTS.suffix.match(text, i)
        if longer is not None and longer.end() > end:
            end = longer.end()
    return end


def _plain_prefix(run: str) -> str:
    """The two characters before a zone suffix as its prefix, unless they are a word of the
    clause (建设开发区, 的开发区, 因此园区, 推进园区, 省级以上开发区) rather than a name."""
    cand = run[-2:]
    usable = len(cand) == 2 and cand not in _ENTITY_SETS.not_place_prefixes and not _has_function_char(cand) \
        and cand not in _NOT_NAME_PREFIXES
    return cand if usable else ""


# Words of a clause that stand right before a zone word without naming it: its conjunctions and verbs, the verbs
# taking it as their object, and 以上 (省级以上开发区: the zones as written, 开发区).
_NOT_NAME_PREFIXES = _ENTITY_SETS.clause_words | _ENTITY_SETS.zone_object_words | _ENTITY_SETS.pointing_back_words


def _merge_places_into_zones(strong: Counter[str], own: str | None) -> None:
    """A zone named after a place includes that place: 淮安经济技术开发区 over 淮安市 — but not a place of the kind
    the report calls its own (甲县 … 全县 … 全县, its zone named once among its parks: the county's report)."""
    kinds = tuple(_ENTITY_WORDS.place_kind_chars)
    for zone in [z for z in strong if z.endswith(_ZONE_SUFFIXES)]:
        for place in list(strong):
            if own is not None and place.endswith(own) and not place.endswith(_ZONE_SUFFIXES):
                continue
            short = place[:-1] if place.endswith(kinds) else place
            if place != zone and zone.startswith((place, short)) and strong[place] <= strong[zone]:
                strong[zone] += strong.pop(place)  # (a county named more than its zone is what a report is about)


def _bare_zone_word(whole: str) -> tuple[str, int]:
    """The bare zone word (经开区) a report uses most for itself, and how often."""
    owners = _ENTITY_SETS.owner_chars
    bare = Counter(m.group(0) for m in _SUBJECTS.suffix.finditer(whole)
                   if m.group(0) in _ENTITY_SETS.bare_zone_words
                   and whole[max(0, m.start() - 1):m.start()] not in owners)  # 县经开区 is the county's
    return bare.most_common(1)[0] if bare else ("", 0)


def _entity_before_verb(rest: str) -> tuple[str, int] | None:
    """An entity phrase ending in a zone suffix or group noun, right before a subject verb."""
    v = None
    for v in _SUBJECTS.subject_verb.finditer(rest, 0, min(len(rest), _SUBJECT_WINDOW)):
        if v.start() >= 2:
            break
    if v is None or v.start() < 2:
        return None
    phrase = rest[: v.start()]
    if not _SUBJECTS.group_end.search(phrase) or _SUBJECTS.clause_punct.search(phrase):
        return None
    phrase = _SUBJECTS.demonstrative.sub("", phrase)
    if phrase.endswith(_ENTITY_WORDS.kinds_of_place_words) or any(w in phrase for w in _ORIGIN_MARKS):
        # (城镇新增就业: towns in general, no town; 来自长三角地区的项目, 投资方来自长三角地区的项目: where
        # investors came from, whoever is said to come)
        return None
    list_mark, etc = _NAME_WORDS.list_mark, _NAME_WORDS.etc
    enumerated = list_mark in phrase and etc in phrase
    if not enumerated and (len(phrase) > 20 or _SUBJECTS.clause_words.search(phrase)):
        return None  # 全部位于开发区的核心区: a clause about a place, not a subject
    if enumerated:  # A、B、C等5个…区域 → A等5个…区域
        phrase = phrase[: phrase.index(list_mark)] + phrase[phrase.index(etc):]
    if phrase in _ENTITY_SETS.whole_place_refs:
        return MAIN + phrase[-1], v.start()
    return expand_zone(phrase), v.start()


def _ref_is_field(rest: str, ref_end: int, opener: str) -> bool:
    """Whether the whole place opening a clause (全省, 全市) is a ranking's field: a place after it (全省第八位,
    全市排名第一) or, after 在, peers of it closed by 中 (在全市五县区中, 在全市县区中)."""
    return _SUBJECTS.rank_after_scope.match(rest, ref_end) is not None \
        or (_ENTITY_WORDS.field_mark in opener and _SUBJECTS.peers_closed_after_ref.match(rest, ref_end) is not None)


def _nation_opening(rest: str, opener: str) -> tuple[str, int] | None:
    """全国旅游收入…, 我国拥有…: the nation opening a clause holds its figures (全国, 中国 for 我国); not where it is
    a ranking's field (全国第一, 在全国…中, 全国县域经济基本竞争力排名), part of a title (全国文明城市, 全国重点镇,
    全国首个…) or opens a counted group (全国208家国家级经开区: that group)."""
    word = rest[:len(_NATION_WORDS[0])]
    if _ENTITY_WORDS.field_mark in opener or rest.startswith(_NATION_TITLE_STARTS, len(word)) \
            or _SUBJECTS.rank_after_scope.match(rest, len(word)) or _SUBJECTS.counted_group.match(rest) \
            or _SUBJECTS.ranking_named_after.match(rest, len(word)):
        return None  # (全国县域经济基本竞争力排名前移至第29位: the field of the report's place)
    return _ENTITY_WORDS.nation_refs[word], len(word)


def _unknown_place_doing(rest: str) -> tuple[str, int] | None:
    """柳溪县实现地区生产总值…: a county or district the gazetteer does not know, named in full before a verb of doing
    (a zone's word or a kind of area ending in 区, 城区/辖区/社区, is none)."""
    m = _SUBJECTS.unknown_place_doing.match(rest)
    if m is None:
        return None
    name = m.group(1)
    if name.endswith(_ZONE_SUFFIXES) or name in _ENTITY_SETS.kinds_of_area_words:
        return None
    return name, m.end(1)


def _entity_labelled(rest: str) -> tuple[str, int] | None:
    """◆甲镇:开工项目5个, 城东街道:签约项目…: a name ending in a town's, a zone's or a group's word, alone before a
    colon, labels what follows it as its own."""
    phrase = rest.strip()
    if not phrase or len(phrase) > _LABEL_MAX or not _SUBJECTS.group_end.search(phrase) \
            or _SUBJECTS.clause_punct.search(phrase) or _SUBJECTS.clause_words.search(phrase) \
            or phrase.endswith(_ENTITY_WORDS.kinds_of_place_words) or phrase in _ENTITY_SETS.zone_suffixes:
        return None
    return expand_zone(phrase), len(rest)


def _zone_of_place(rest: str, place: str) -> tuple[str, int] | None:
    """The zone whose full name opens ``rest`` with the place ``place`` and at most a few words more before its
    suffix (凤台县经济开发区, 甲县新材料产业园区), and where it ends; None when the place stands alone."""
    z = _SUBJECTS.zone_at_start.match(rest)
    if z is None or not z.group(1).startswith(place):
        return None
    between = z.group(1)[len(place):]
    if len(between) > _ZONE_WORDS_BETWEEN or _has_function_char(between) or _SUBJECTS.clause_words.search(between):
        return None
    return expand_zone(z.group(0)), z.end()


def _opens_project_name(rest: str, end: int) -> bool:
    """Whether the place ending at ``end`` opens a project's own name (…生产项目、, …产业园项目总投资): words
    naming one project, no stage or kind of projects (新开工项目, 重点项目)."""
    name = _SUBJECTS.project_name_after.match(rest, end)
    return name is not None and _PROJECTS.aggregate_words.search(name.group(0)) is None


def _opens_firm_name(rest: str, end: int) -> bool:
    """Whether the place ending at ``end`` opens a firm's name (湖南省|甲乙智能科技有限公司计划投资16亿元…): the firm
    acts, the place is part of its name, no subject (a run holding a word of function is no firm's name)."""
    name = _SUBJECTS.firm_name_after.match(rest, end)
    return name is not None and not _has_function_char(name.group(0))


def _own_kind(text: str) -> str | None:
    """The kind of place a report calls its own as a subject (全市/我市 → 市, 全省/我省 → 省), when it says one kind
    at least twice and more often than any other; refs that are a ranking's field (全市第一) or a
    comparison (全市平均) do not count."""
    counts = Counter(m.group(1) for m in _SUBJECTS.own_ref.finditer(text))
    if not counts:
        return None
    (kind, n), *rest = counts.most_common(2)
    return kind if n >= _OWN_REFS_MIN and (not rest or rest[0][1] < n) else None


@cache
def subject_finder() -> SubjectFinder:
    """The shared :class:`SubjectFinder` (its tables are built on first use)."""
    return SubjectFinder()
