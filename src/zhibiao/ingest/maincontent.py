"""The article of a web page and nothing else: its block by text and link density, then its lines
without page chrome.

The HTML parser (:mod:`zhibiao.ingest.htmltext`) records the element that holds every piece of
text and whether the piece is link text. From that record, as the content-extraction literature
does it (Readability's candidate scores, jusText's and GeneralNewsExtractor's text and link
density per block):

1. The page's lines are scored: a line of prose (ten characters or more, mostly not link text)
   scores by its commas, full stops and length; the first one after the headline (the line of the
   page's title, or an ``<h1>``/``<h2>``) gets a bonus, for the article starts there. A line's
   score goes to the block holding it, half to that block's parent block and a quarter to the next
   one up; a block's score is then weighed by the share of its text that is not link text. Blocks
   named as chrome by their class or id (``comment``, ``related``, ``footer``, …;
   ``data/boilerplate.toml``) score nothing.
2. The best block is the article, with those of its siblings that score at least a fifth as much
   (an article cut in two by a picture or an advertisement), the blocks right before and after it
   when they hold a sentence with a figure (a last paragraph set apart), and the headline and
   byline lines just before it.
3. Within that, a line is dropped when it is mostly link text (lists of related articles) and no
   sentence with a figure, lies in a chrome block, or is a short line of the site's words (上一篇,
   责任编辑, 分享到, 打印本页, a bar of them, …) or a notice (免责声明); a head of the lists after
   an article (相关新闻, 网友评论, …) or the editor's credit ends it once most of its prose is behind.

A doubtful line is kept: losing a sentence of the article costs more than keeping a stray line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

__all__ = ["PageTree", "article_lines", "page_lines"]

# Blocks that can hold an article (a <p>, a heading or a link is part of one, never the whole).
_CONTAINERS = frozenset({
    "#root", "body", "div", "td", "th", "section", "article", "main", "center", "form", "table",
    "ul", "ol", "dl", "blockquote", "founder-content", "figure",
})
_HEADINGS = frozenset({"h1", "h2"})
_COMMAS = frozenset("，,、；;：")
_STOPS = frozenset("。！？!?")
_MIN_PROSE = 10  # characters of text that is no link text, for a line to count as prose
_LINK_DENSE = 0.5  # share of link text from which a line or a block is a list of links
_SIBLING_SHARE = 0.2  # a sibling block as good as this share of the best one belongs to the article
_HEADLINE_REACH = 12  # lines before the article searched for its headline
_FIGURE_SENTENCE = 20  # characters of a line that reads as a sentence with a figure
_END_SHARE = 0.6  # the share of the article's prose before a head or credit that may end it
_LEDE_BONUS = 10.0  # the first paragraph after the headline: the article starts there
_CELL_GAP = re.compile(r"[ \t]*\t[ \t]*")
_MARKS = re.compile(r"[\s（）()【】\[\]<>《》|｜·•>＞»→]+")
_DIGIT = re.compile(r"[0-9０-９]")
_TOKENS = re.compile(r"[\s|｜/]+")
# A byline with the date: "发布时间：2019-05-18 来源：中国地理学会", "2019年06月15日08:18 来源：人民网"
_DATELINE = re.compile(r"(?:发布|时间|日期|来源|作者|稿源).{0,30}?\d{4}|\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}")
_DATELINE_MAX = 80


@dataclass(slots=True)
class PageTree:
    """What the HTML parser recorded of a page.

    ``pieces`` are the text pieces in page order (line breaks are ``"\\n"`` pieces or inside
    ``<pre>`` text), ``owners`` the element each was written in, ``linked`` whether it is link
    text. Elements are numbered in the order they open (0 is the document): ``parents``,
    ``tags``, ``chrome`` (named as chrome by its own class or id) and ``ends`` (the last element
    number inside it) are indexed by element number.
    """

    pieces: list[str] = field(default_factory=list)
    owners: list[int] = field(default_factory=list)
    linked: list[bool] = field(default_factory=list)
    parents: list[int] = field(default_factory=lambda: [-1])
    tags: list[str] = field(default_factory=lambda: ["#root"])
    chrome: list[bool] = field(default_factory=lambda: [False])
    ends: list[int] = field(default_factory=lambda: [0])

    def open(self, parent: int, tag: str, chrome: bool) -> int:
        """Record a new element inside ``parent``; its number."""
        self.parents.append(parent)
        self.tags.append(tag)
        self.chrome.append(chrome)
        self.ends.append(len(self.ends))
        return len(self.tags) - 1

    def close(self, node: int) -> None:
        """Record that ``node`` ends here: the elements opened since are inside it."""
        self.ends[node] = len(self.tags) - 1

    def write(self, piece: str, owner: int, linked: bool) -> None:
        """Record a piece of text written in element ``owner``."""
        self.pieces.append(piece)
        self.owners.append(owner)
        self.linked.append(linked)


@dataclass(slots=True)
class _Line:
    text: str
    owner: int
    chars: int
    link: int

    @property
    def prose(self) -> int:
        return self.chars - self.link

    def link_dense(self) -> bool:
        return self.link >= _LINK_DENSE * self.chars


@dataclass(frozen=True, slots=True)
class _Words:
    short_line: int
    starts: tuple[str, ...]
    notices: tuple[str, ...]
    credit: re.Pattern[str]
    whole: frozenset[str]
    heads: frozenset[str]
    credits: tuple[str, ...]
    names: re.Pattern[str]


@cache
def _words() -> _Words:
    raw = tomllib.loads(resources.files("zhibiao").joinpath("data/boilerplate.toml").read_text("utf-8"))
    line = raw["line"]
    return _Words(short_line=int(line["short_line"]), starts=tuple(line["starts"]),
                  notices=tuple(line["notices"]),
                  credit=re.compile(rf"^(?:{'|'.join(map(re.escape, line['credit_words']))})\s*[|丨｜/：:]|责任编辑"),
                  whole=frozenset(line["whole"]),
                  heads=frozenset(raw["end"]["heads"]),
                  credits=tuple(raw["end"]["credits"]),
                  names=re.compile("|".join(re.escape(p) for p in raw["names"]["parts"])))


def chrome_name(names: str) -> bool:
    """Whether a class/id value names page chrome (``comment-list``, ``relatedNews``, ``footer``).

    >>> chrome_name("left comment-list"), chrome_name("article-content")
    (True, False)
    """
    return bool(names.strip()) and _words().names.search(names.lower()) is not None


def page_lines(tree: PageTree) -> list[str]:
    """Every visible line of the page, as the parser wrote it (blank lines left out)."""
    return [line.text for line in _lines(tree)]


def article_lines(tree: PageTree, title: str | None, region: int | None = None) -> list[str]:
    """The lines of the page's article: those of its best block (``region`` when the page names
    it, an ``<article>`` or ``<main>`` element) and its headline, without page chrome.

    ``title`` is the page's title (a line equal to it, or an ``<h1>``, is the headline).
    """
    lines = _lines(tree)
    heading = _spread(tree, [tag in _HEADINGS for tag in tree.tags])
    if region is None:
        headline = _headline_at(lines, heading, title)
        blocks = _article_blocks(tree, lines, _spread(tree, tree.chrome), headline)
        if not blocks:
            return [line.text for line in lines]
    else:
        blocks = [region]
    block_set = set(blocks)
    within = _spread(tree, [n in block_set for n in range(len(tree.tags))])
    inside = [i for i, line in enumerate(lines) if within[line.owner]]
    if not inside:
        return []
    first = _headline(lines, heading, inside[0], title)
    chosen = [(line, first <= i < inside[0]) for i, line in enumerate(lines) if first <= i < inside[0]]
    chosen += [(lines[i], False) for i in inside]
    # chrome names count below the article's blocks only (one around the whole article is a misnomer)
    return _without_chrome(chosen, _spread(tree, tree.chrome, stop=block_set))


def _spread(tree: PageTree, own: list[bool], stop: frozenset[int] | set[int] = frozenset()) -> list[bool]:
    """Per element: ``own`` of it or of an element around it, counted from below the ``stop``
    elements (which are False). One pass: a parent is numbered before its children."""
    out = list(own)
    out[0] = own[0] and 0 not in stop
    parents = tree.parents
    for node in range(1, len(out)):
        out[node] = node not in stop and (own[node] or out[parents[node]])
    return out


def _containers(tree: PageTree) -> list[int]:
    """Per element: the nearest block around it (itself, if it is one) that can hold an article."""
    out = [0] * len(tree.tags)
    for node in range(1, len(out)):
        out[node] = node if tree.tags[node] in _CONTAINERS else out[tree.parents[node]]
    return out


def _lines(tree: PageTree) -> list[_Line]:
    """The page's lines with the element that holds each and its link text."""
    out: list[_Line] = []
    parts: list[str] = []
    owner, chars, link = -1, 0, 0
    for piece, node, linked in zip(tree.pieces, tree.owners, tree.linked, strict=True):
        chunks = piece.split("\n")
        for k, chunk in enumerate(chunks):
            if k:
                _finish(out, parts, owner, chars, link)
                parts, owner, chars, link = [], -1, 0, 0
            if not chunk:
                continue
            parts.append(chunk)
            n = len(chunk) - chunk.count(" ") - chunk.count("\t")
            if n and owner < 0:
                owner = node
            chars += n
            link += n if linked else 0
    _finish(out, parts, owner, chars, link)
    return out


def _finish(out: list[_Line], parts: list[str], owner: int, chars: int, link: int) -> None:
    text = _CELL_GAP.sub("\t", "".join(parts)).strip()
    if text:
        out.append(_Line(text, max(owner, 0), chars, link))


def _line_score(line: _Line) -> float:
    if line.prose < _MIN_PROSE or line.link_dense() or _MARKS.sub("", line.text[:12]).startswith(_words().starts):
        return 0.0
    commas = sum(1 for ch in line.text if ch in _COMMAS)
    stops = sum(1 for ch in line.text if ch in _STOPS)
    return 1.0 + commas + 2.0 * stops + min(line.chars / 50.0, 3.0)


def _article_blocks(tree: PageTree, lines: list[_Line], chrome: list[bool], headline: int) -> list[int]:
    """The block of the article and its siblings as good (element numbers), best first; the
    block of the first prose line after the ``headline`` line (-1: none) gets a bonus."""
    size = len(tree.tags)
    score = [0.0] * size
    chars = [0] * size
    link = [0] * size
    figures = [0] * size
    container = _containers(tree)
    lede = headline >= 0
    for i, line in enumerate(lines):
        chars[line.owner] += line.chars
        link[line.owner] += line.link
        figures[line.owner] += not line.link_dense() and _figure_sentence(line)
        if chrome[line.owner]:
            continue
        value = _line_score(line)
        if value and lede and i > headline:
            value, lede = value + _LEDE_BONUS, False
        node = container[line.owner]
        for weight in (1.0, 0.5, 0.25):
            if not value:
                break
            score[node] += value * weight
            if node == 0:
                break
            node = container[tree.parents[node]]
    for node in range(size - 1, 0, -1):  # children are numbered after their parent
        chars[tree.parents[node]] += chars[node]
        link[tree.parents[node]] += link[node]
        figures[tree.parents[node]] += figures[node]
    final = [0.0 if chrome[n] or not chars[n] else score[n] * (1.0 - link[n] / chars[n]) for n in range(size)]
    top = max(range(size), key=final.__getitem__)
    if not final[top]:
        return []
    parent = tree.parents[top]
    if parent < 0:
        return [top]
    last = tree.ends[parent] if parent else size - 1  # the document (0) is never closed
    kids = [n for n in range(parent + 1, last + 1) if tree.parents[n] == parent and chars[n]]
    at = kids.index(top)
    # the blocks right before and after the best one, when they hold a sentence with a figure, are
    # the article's too (a last paragraph set apart): a doubtful block is kept
    near = {kids[i] for i in (at - 1, at + 1) if 0 <= i < len(kids) and figures[kids[i]]
            and link[kids[i]] < _LINK_DENSE * chars[kids[i]]}
    siblings = [n for n in kids if n != top and not chrome[n]
                and (final[n] >= _SIBLING_SHARE * final[top] or n in near)]
    return [top, *siblings]


def _headline(lines: list[_Line], heading: list[bool], start: int, title: str | None) -> int:
    """The index of the headline line just before line ``start`` (``start`` when none is found);
    ``heading`` tells the elements in an ``<h1>``/``<h2>``."""
    key = _MARKS.sub("", title or "")
    reach = range(start - 1, max(start - _HEADLINE_REACH, 0) - 1, -1)
    found = next((i for i in reach if _is_headline(lines[i], heading, key)), None)
    if found is None:
        # the headline stands above its date line
        found = next((i - 1 for i in reach if i > 0 and len(lines[i].text) <= _DATELINE_MAX
                      and _DATELINE.search(lines[i].text)), start)
    return found


def _headline_at(lines: list[_Line], heading: list[bool], title: str | None) -> int:
    """The index of the page's first headline line (-1 when none is found)."""
    key = _MARKS.sub("", title or "")
    return next((i for i, line in enumerate(lines) if _is_headline(line, heading, key)), -1)


def _is_headline(line: _Line, heading: list[bool], key: str) -> bool:
    """Whether ``line`` is the headline: in an ``<h1>``/``<h2>`` or the page's title (``key``)."""
    if line.link_dense():
        return False
    if heading[line.owner]:
        return True
    text = _MARKS.sub("", line.text)
    return (len(key) >= 4 and text.startswith(key[:12])) or (len(text) >= 6 and text in key)


def _without_chrome(lines: list[tuple[_Line, bool]], chrome: list[bool]) -> list[str]:
    """The lines that are no page chrome; ``lines`` pairs each with whether it lies before the
    article's blocks (the headline and byline), ``chrome`` tells the chrome elements. A head of the
    lists after the article, or the editor's credit, ends it once most of its prose is behind."""
    words = _words()
    total = sum(line.prose for line, _ in lines)
    seen = 0
    out: list[str] = []
    for line, before in lines:
        text = _MARKS.sub("", line.text)
        if (out and not before and seen >= _END_SHARE * total
                and (text.rstrip("：:") in words.heads or text.startswith(words.credits))):
            break
        seen += line.prose
        if chrome[line.owner] or _chrome_line(line, text, words):
            continue
        out.append(line.text)
    return out


def _figure_sentence(line: _Line) -> bool:
    """Whether ``line`` reads as a sentence with a figure (a full stop and a digit, 20 characters)."""
    return line.chars >= _FIGURE_SENTENCE and "。" in line.text and _DIGIT.search(line.text) is not None


def _chrome_line(line: _Line, text: str, words: _Words) -> bool:
    if line.link_dense():
        # an article's sentence that happens to be a link is still the article's
        return not _figure_sentence(line)
    if text in words.whole or text.rstrip("：:") in words.heads or text.startswith(words.notices):
        return True
    if len(text) > words.short_line or "。" in text:
        return False
    # a bar of chrome words: 打印 字体： 放大 正常 缩小 分享
    bar = all(_MARKS.sub("", t).rstrip("：:") in words.whole for t in _TOKENS.split(line.text) if t)
    return bar or text.startswith(words.starts) or words.credit.search(line.text.strip("（）() ")) is not None
