"""Whose figure is it: the report's main entity, and the entity a clause names.

The main entity is the zone or administrative place the report talks about most (the title
counts three times); a clause that opens with another entity (其中经济开发区实现…, 这49个国家级
开发区实现…) takes that one for the rest of its paragraph. 全区 / 我市 mean the main entity;
a text that never names a place has no subject (FACTS.md, settled cases).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from zhibiao.lexicon import alternation, places, words

__all__ = ["MAIN", "SubjectFinder", "expand_zone", "subject_finder"]

MAIN = "\x00main"  # marker: the clause refers to the report's main entity

# Words that open a clause before its subject and are not part of it.
_OPENERS = ("其中", "此外", "另外", "同时", "与此同时", "据统计", "经统计", "值得一提的是", "从", "在", "截至",
            "今年", "去年", "上年", "当年", "全年", "年内", "目前", "这", "该", "这些", "其", "而", "但", "并", "且")
# Verbs (and adverbs) that follow a subject at the start of a clause.
_SUBJECT_VERBS = ("实现", "完成", "共完成", "共", "累计", "新增", "共有", "拥有", "有", "发展", "积极", "保持", "坚持",
                  "持续", "加快", "全力", "着力", "深入", "大力", "围绕", "已", "全年", "上半年", "今年", "发挥",
                  "的", "将", "要", "引进", "签约", "新签约", "开工", "新开工", "招引", "落实", "进出口", "外贸",
                  "累计完成", "合计", "总计", "达到", "共计", "均", "各项")

def expand_zone(name: str) -> str:
    """Expand a short zone suffix to its long form (淮安经开区 → 淮安经济技术开发区).

    A bare suffix without a place (经开区) is left as written: FACTS.md says so.

    >>> expand_zone("淮安经开区"), expand_zone("经开区")
    ('淮安经济技术开发区', '经开区')
    """
    for short, long in _expansions().items():
        if name.endswith(short) and len(name) > len(short):
            return name[: -len(short)] + long
    return name


@cache
def _expansions() -> dict[str, str]:
    from zhibiao.lexicon import vocab

    return dict(vocab()["entity"]["expansions"])


@dataclass(frozen=True, slots=True)
class SubjectMention:
    """An entity that opens a clause: ``name`` (or MAIN) and where the mention ends."""

    name: str
    end: int


class SubjectFinder:
    """Compiled patterns for zones, places and clause subjects (build once, use everywhere)."""

    def __init__(self) -> None:
        suffixes = words("entity", "zone_suffixes")
        self._suffix_alt = alternation(suffixes)
        self.full_names: dict[str, str] = {}
        self.short_to_full: dict[str, list[str]] = {}
        everyday = frozenset(words("entity", "common_word_shorts"))
        for p in places():
            self.full_names[p.name] = p.level
            # zones listed as divisions have generic short names (高新区, 工业园): no place name
            if len(p.short) >= 2 and p.short != p.name and not _GENERIC_SHORT.search(p.short) \
                    and p.short not in everyday:
                self.short_to_full.setdefault(p.short, []).append(p.name)
        self._names_by_len = sorted({*self.full_names, *self.short_to_full}, key=len, reverse=True)
        self._all_names = frozenset(self._names_by_len)
        self._longest_name = max(map(len, self._all_names))
        import ahocorasick  # C automaton: a 3,000-name regex alternation is far slower

        self._short_automaton = ahocorasick.Automaton()
        for short in self.short_to_full:
            self._short_automaton.add_word(short, short)
        self._short_automaton.make_automaton()
        self.suffix_re = re.compile(self._suffix_alt)
        self._suffix_end = re.compile(rf"(?:{self._suffix_alt})$")
        self._place_heads = frozenset(n[:2] for n in self.full_names)
        self._name_tails = frozenset(n[-2:] for n in self.full_names)
        self.opener_re = re.compile(rf"^(?:(?:{alternation(_OPENERS)})[,]?|(?:\d{{4}}年)|[”\"' ]|"
                                    rf"(?:\d{{1,2}}(?:-|至|~)\d{{1,2}}月)|上半年|一季度|前三季度|1-\d+月)+")
        self.refs_re = re.compile(rf"^(?:{alternation(words('sentence', 'subject_refs'))})")
        self.verb_re = re.compile(alternation(_SUBJECT_VERBS))
        self._counted_group = re.compile(
            rf"(?:[\u4e00-\u9fff]{{0,6}}?)\d+(?:多|余)?[家个](?:[\u4e00-\u9fff]{{0,8}}?)(?:{self._suffix_alt})")
        self._zone_at_start = re.compile(
            rf"([\u4e00-\u9fff]{{0,6}}?)(?:{self._suffix_alt})(?![\u4e00-\u9fff]{{0,2}}(?:管委会|党工委|党委|管理办))")
        self.group_re = re.compile(
            rf"(?:{self._suffix_alt}|区域|城市|地区|公司|集团)$")

    # -- zone mentions anywhere in the text -------------------------------------------------
    def zone_mentions(self, text: str) -> list[tuple[int, int, str]]:
        """Zone names in ``text``: (start, end, name), the place prefix chosen from the gazetteer."""
        out = []
        prev_end = 0
        for m in self.suffix_re.finditer(text):
            # the run of Chinese characters before the suffix (at most 12, not before the last match)
            k = m.start()
            lo = max(prev_end, k - 12)
            j = k
            while j > lo and "\u4e00" <= text[j - 1] <= "\u9fff":
                j -= 1
            run, suffix = text[j:k], m.group(0)
            prev_end = m.end()
            prefix = self._place_suffix_of(run) or self._place_inside(run)
            if prefix is None:
                cand = run[-2:]
                usable = len(cand) == 2 and cand not in _stop_prefixes() and not _has_function_char(cand)
                prefix = cand if usable else ""
            start = k - len(prefix)
            out.append((start, m.end(), prefix + suffix))
        return out

    def _place_inside(self, run: str) -> str | None:
        """厦门火炬高新区: a place name followed by at most four more characters before the suffix;
        the prefix then runs from the place name on."""
        for end in range(len(run) - 1, max(len(run) - 5, 1), -1):
            for n in range(min(end, self._longest_name), 1, -1):
                if run[end - n:end] in self._all_names and not _has_function_char(run[end:]):
                    return run[end - n:]
        return None

    def _place_suffix_of(self, run: str) -> str | None:
        """The longest gazetteer name (full or short) that ends ``run``."""
        for n in range(min(len(run), self._longest_name), 1, -1):
            if run[-n:] in self._all_names:
                return run[-n:]
        return None

    def _place_prefix(self, text: str) -> str | None:
        """The longest full gazetteer name that starts ``text``."""
        for n in range(min(len(text), self._longest_name), 2, -1):
            if text[:n] in self.full_names:
                return text[:n]
        return None

    def place_mentions(self, text: str) -> list[tuple[int, int, str]]:
        """Full gazetteer names (台儿庄区, 莆田市) in ``text``, leftmost-longest."""
        out = []
        names = self.full_names
        longest = self._longest_name
        last = -1
        # every full name ends in 市/县/区/州/旗/盟: look back from those characters only
        tails = self._name_tails
        for m in _PLACE_END.finditer(text):
            k = m.end()
            if text[k - 2:k] not in tails:
                continue  # 全区, 我市: no place name ends this way
            for n in range(min(longest, k), 2, -1):
                if k - n > last and text[k - n:k] in names:
                    out.append((k - n, k, text[k - n:k]))
                    last = k - 1
                    break
        return out

    # -- the report's main entity --------------------------------------------------------------
    def main_subject(self, text: str, title: str = "") -> str | None:
        """The entity the report is about, or None when it never names one.

        Strong evidence: zones named after a gazetteer place (淮安经开区), gazetteer places
        (台儿庄区), quoted entities that act as subjects (“一区四园”共完成), and a short city name
        in a report that says 我市. Zones with an unknown prefix are weak evidence, used only
        when mentioned at least twice and nothing strong is found.
        """
        strong: Counter[str] = Counter()
        weak: Counter[str] = Counter()
        first: dict[str, int] = {}
        suffixes = words("entity", "zone_suffixes")
        for weight, chunk, base in ((3, title, -1_000_000), (1, text, 0)):
            for start, end, name, known in self._zones_with_evidence(chunk):
                if name in suffixes:
                    continue  # a bare suffix names no place of its own
                if chunk[end:end + 1] in ("、", "等") or chunk[start - 1:start] == "、":
                    continue  # 昆山经开区、烟台经开区等: examples in a list, not the report's subject
                key = expand_zone(name)
                (strong if known else weak)[key] += weight
                first.setdefault(key, base + start)
            for start, end, name in self.place_mentions(chunk):
                if any(name in z for z in strong if z != name) and name not in strong:
                    continue
                if chunk[end:end + 1] in ("、", "等") or chunk[start - 1:start] == "、":
                    continue  # 学习昆山、苏州工业园区等: examples, not the subject
                strong[name] += weight
                first.setdefault(name, base + start)
            for m in _QUOTED_SUBJECT_ANYWHERE.finditer(chunk):
                strong[m.group(1)] += weight
                first.setdefault(m.group(1), base + m.start())
        # a zone named after a place includes that place: 淮安经济技术开发区 over 淮安市
        for zone in [z for z in strong if z.endswith(tuple(suffixes))]:
            for place in list(strong):
                short = place[:-1] if place[-1] in "市县区" else place
                if place != zone and zone.startswith((place, short)):
                    strong[zone] += strong.pop(place)
        if not strong:
            city = self._short_city(text + title)
            if city:
                return city
            strong = Counter({k: v for k, v in weak.items() if v >= 2})
        best = max(strong, key=lambda k: (strong[k], -first.get(k, 0))) if strong else None
        if best is not None and best.endswith(tuple(suffixes)):
            return best
        # a zone that only ever calls itself 经开区: the subject stays as written (FACTS.md), also
        # over the city it is in when that is named less often (经开区 … 经开区 … 在新乡市参加)
        whole = title + text
        bare = Counter(m.group(0) for m in self.suffix_re.finditer(whole)
                       if m.group(0) in _BARE_ZONE_WORDS and not self._zone_named_before(whole, m.start()))
        bare_name, bare_n = bare.most_common(1)[0] if bare else ("", 0)
        if bare_n >= 2 and (best is None or bare_n > strong[best]):
            return bare_name
        return best

    @staticmethod
    def _zone_named_before(text: str, pos: int) -> bool:
        """Whether the zone word at ``pos`` belongs to a place named before it (县经开区, 市高新区)."""
        return text[max(0, pos - 1):pos] in _OWNER_CHARS

    def _zones_with_evidence(self, text: str) -> list[tuple[int, int, str, bool]]:
        out = []
        for start, end, name in self.zone_mentions(text):
            prefix = name[: len(name) - len(self._suffix_of(name))]
            named_after_place = prefix in self._all_names or prefix[:2] in self._all_names \
                or prefix[:3] in self._all_names
            out.append((start, end, name, bool(prefix) and named_after_place))
        return out

    def _suffix_of(self, name: str) -> str:
        m = self._suffix_end.search(name)
        return m.group(0) if m else ""

    def _short_city(self, text: str) -> str | None:
        """我市 … 美丽定州 → 定州市: a short place name in a report that speaks of 我市/我县."""
        own = {"市": ("我市", "全市"), "县": ("我县", "全县"), "区": ("我区", "全区")}
        own = {k: v for k, v in own.items() if any(w in text for w in v)}
        if not own:
            return None  # the report never speaks of its own city or county
        hits: Counter[str] = Counter()
        for end, short in self._short_automaton.iter_long(text):
            fulls = self.short_to_full[short]
            if len(fulls) != 1:
                continue
            if _COMPARED.search(text, max(0, end - len(short) - 4), end - len(short) + 1):
                continue  # 仅次于深圳: a place the report compares itself with
            full = fulls[0]
            if full[-1] in own:
                hits[full] += 1
        if len(hits) == 1:
            return next(iter(hits))
        return None

    # -- the entity opening one clause ---------------------------------------------------------
    def clause_subject(self, text: str, start: int, end: int) -> SubjectMention | None:
        """The entity a clause opens with, if any (MAIN for 全区/我市 …)."""
        clause = text[start:end]
        m = None if self.refs_re.match(clause) else self.opener_re.match(clause)  # 该区 is no opener 该 + 区
        pos = m.end() if m else 0
        rest = clause[pos:]
        r = self.refs_re.match(rest)
        if r and _RANK_AFTER_SCOPE.match(rest, r.end()):
            return None  # 全省第八位, 全市排名第一: the field of a ranking, not who is ranked
        if r and not rest[r.end():r.end() + 1].isdigit():
            return SubjectMention(MAIN + r.group(0)[-1], start + pos + r.end())
        q = _QUOTED_SUBJECT.match(rest)
        if q:
            return SubjectMention(q.group(1), start + pos + q.end())
        place = self._place_prefix(rest) if rest[:2] in self._place_heads else None
        if place and (rest[len(place):len(place) + 1] not in ("委", "政", "长", "级")):
            return SubjectMention(place, start + pos + len(place))
        if not _ENTITY_END_CHARS.search(rest, 0, 64):
            return None  # no zone, place, company or group noun near the start: no subject
        grp = self._counted_group.match(rest)
        if grp and m and m.group(0).endswith("在") and rest[grp.end():grp.end() + 1] == "中":
            return None  # 在全省100个工业园区中排位第五: the field of a ranking
        if grp:
            return SubjectMention(expand_zone(grp.group(0)), start + pos + grp.end())
        z = self._zone_at_start.match(rest)
        if z and not _has_function_char(z.group(1)) and z.group(1) not in _stop_prefixes() \
                and not _CLAUSE_WORDS.search(z.group(1)) \
                and z.end() < len(rest) and rest[z.end()] not in "的将要等、和与及":
            return SubjectMention(expand_zone(z.group(0)), start + pos + z.end())
        # an entity phrase ending in a zone suffix or group noun, right before a subject verb
        best = None
        for v in self.verb_re.finditer(rest, 0, min(len(rest), 64)):
            phrase = rest[: v.start()]
            if len(phrase) < 2:
                continue
            if self.group_re.search(phrase) and not _CLAUSE_PUNCT.search(phrase):
                best = (phrase, v.start())
            break
        if best is None:
            return None
        phrase, stop = best
        phrase = _DEMONSTRATIVE.sub("", phrase)
        enumerated = "、" in phrase and "等" in phrase
        if not enumerated and (len(phrase) > 20 or _CLAUSE_WORDS.search(phrase)):
            return None  # 全部位于开发区的核心区: a clause about a place, not a subject
        if enumerated:  # A、B、C等5个…区域 → A等5个…区域
            phrase = phrase[: phrase.index("、")] + phrase[phrase.index("等"):]
        if phrase in ("全区", "全市"):
            return SubjectMention(MAIN + phrase[-1], start + pos + stop)
        return SubjectMention(expand_zone(phrase), start + pos + stop)

    @staticmethod
    def resolve_main(ref: str, main: str | None) -> str | None:
        """全市 / 我区 … mean the main entity when it is that kind of place: a report about a zone
        that says 全市 speaks of the city around it, which it does not name (FACTS.md: null)."""
        kind = ref[len(MAIN):]
        if main is None or not kind:
            return main
        if kind == "市" and main.endswith(("区", "县", "园", "镇")) and not main.endswith("市辖区"):
            return None
        if kind in ("区", "县") and main.endswith("市") and not main.endswith(("开发区", "园区")):
            return None
        return main

    def resolve_bare(self, name: str, main: str | None) -> str:
        """A bare 开发区 / 经开区 is the main entity when that is such a zone; else as written."""
        if name in words("entity", "zone_suffixes") and main:
            long = _expansions().get(name, name)
            if main.endswith((name, long)) or (name in ("开发区", "园区") and main.endswith(("开发区", "园区"))):
                return main
        return name


_QUOTED_SUBJECT = re.compile(r"“([^”]{2,10})”(?=共|实现|完成|累计|发挥|新增)")
_QUOTED_SUBJECT_ANYWHERE = re.compile(r"“([^”]{2,8})”(?=共|实现|完成|累计|发挥|新增)")
_PLACE_END = re.compile(r"[市县区州旗盟]")
_COMPARED = re.compile(r"(?:仅次于|次于|超过|高于|低于|领先|落后于|不及|赶超|对标|学习|借鉴)$")
_BARE_ZONE_WORDS = frozenset({"经开区", "高新区", "开发区", "经济开发区", "经济技术开发区"})
_OWNER_CHARS = frozenset("省市县")
_RANK_AFTER_SCOPE = re.compile(r"(?:同类|各[区县市])?(?:排名|排位|位居|位列|居)?"
                               r"(?:第|前[一二三四五六七八九十\d]|首位|榜首|之首)")
_GENERIC_SHORT = re.compile(r"园|开发|新区|高新|经开|工业|经济|港区|示范|管理|保税|综合")
_CLAUSE_PUNCT = re.compile(r"[,;:。]")
_DEMONSTRATIVE = re.compile(r"^(?:这|该|这些|全国)(?=\d|[\u4e00-\u9fff])")
# The last characters of zone suffixes and group nouns (开发区, 园区, 城市, 企业, 集团 …).
_ENTITY_END_CHARS = re.compile(r"[区园城市县镇乡省业司团域州旗盟]")
_CLAUSE_WORDS = re.compile(r"位于|在|对|向|从|把|被|将|是|与|和|及|全部|我们|通过|按照|围绕|根据|作为|由|经过")

@cache
def _stop_prefixes() -> frozenset[str]:
    return frozenset(words("entity", "not_place_prefixes"))


def _has_function_char(s: str) -> bool:
    return any(ch in "的了在和与及是为对把被将从向到等个家年月日就各每该这那占比较" for ch in s)


@cache
def subject_finder() -> SubjectFinder:
    """The shared :class:`SubjectFinder` (its patterns are built on first use)."""
    return SubjectFinder()
