"""HTML → the visible text of the article, and its metadata from ``<title>`` and ``<meta>``.

Built on the standard library's tolerant :class:`html.parser.HTMLParser`: no dependency, and it
never fails on broken markup. Chinese news and government pages are rarely semantic, so the
article is taken, in this order, from the e-paper ``<!--enpcontent-->`` region, a
``<founder-content>`` element, the only ``<article>`` or the only ``<main>`` (without its share
bars, credits and lists); else the page's best block by text and link density
(:mod:`zhibiao.ingest.maincontent`). Scripts, styles, navigation, forms' controls and the site's
header and footer are never text. An e-paper page is read as it always was (its region, else its
whole text). A page that names no date in its ``<meta>`` tags is dated by
:mod:`zhibiao.ingest.pagedate`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from zhibiao.ingest.epaper import parse_enp_tags, parse_epaper
from zhibiao.ingest.maincontent import PageTree, article_lines, chrome_name, page_lines
from zhibiao.ingest.metadata import fill_meta, to_iso_date
from zhibiao.model import DocMeta

__all__ = ["declared_charset", "html_to_text"]

# Elements whose content is never article text. <form> is not among them: ASP.NET portals
# (common for Chinese government sites) wrap the whole page in one.
_SKIP = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object",
    "embed", "applet", "nav", "aside", "head", "button", "select", "option", "textarea",
    "datalist", "dialog", "audio", "video", "map",
})
# Site chrome when outside the article; an <article>'s own header holds its headline and byline.
_SKIP_OUTSIDE_ARTICLE = frozenset({"header", "footer"})
# class/id tokens of navigation and sharing widgets (whole tokens only, so "content-nav-wrap"
# around a whole page does not drop it).
_BOILERPLATE_NAMES = frozenset({
    "nav", "navbar", "nav-bar", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
    "sidebar", "footer", "copyright", "share", "bdsharebuttonbox", "topbar", "toolbar",
})
_BLOCK = frozenset({
    "p", "div", "br", "li", "ul", "ol", "dl", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
    "tr", "table", "thead", "tbody", "tfoot", "caption", "section", "article", "main", "header",
    "footer", "blockquote", "pre", "figure", "figcaption", "hr", "address", "center", "details",
    "summary", "fieldset", "legend", "form", "title", "founder-content", "body",
})
_CELL = frozenset({"td", "th"})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "keygen", "frame",
})
# Elements around a whole page or article: a chrome-like class on them names a layout, not chrome.
_NEVER_CHROME = frozenset({"html", "body", "main", "article", "form"})
_REGIONS = ("enpcontent", "founder-content", "article", "main")

# Meta names (lower case) per DocMeta field, best first. Chinese portals follow the government
# site standard (ArticleTitle, PubDate, ContentSource, SiteName); news sites Open Graph.
_META_TITLE = ("articletitle", "og:title", "twitter:title", "title", "headline")
_META_DATE = (
    "pubdate", "publishdate", "publish_date", "publish-date", "publishtime", "firstpublishedtime",
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "dc.date.issued", "dc.date", "dcterms.created", "releasedate", "og:release_date", "date",
    "weibo:article:create_at",
)
_META_SOURCE = ("contentsource", "source", "article:source", "og:site_name", "sitename",
                "publisher", "article:publisher")
_META_URL = ("og:url", "url")

_WS = re.compile(r"[ \t\n\r\f\v]+")
# A line break between two CJK characters is source formatting, not a space (as CSS Text 3 says).
_CJK_BREAK = re.compile(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t\r\f\v]*\n[ \t\n\r\f\v]*"
    r"(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])"
)
_CELL_GAP = re.compile(r"[ \t]*\t[ \t]*")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# "标题_淮安市人民政府", "标题 - 新华网", "标题|人民网": the site name after the last separator.
_TITLE_SUFFIX = re.compile(r"\s*(?:_|\||｜|\s-\s|--)\s*[^_|｜]{1,20}$")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB (``<meta charset>`` or http-equiv)."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def html_to_text(html: str) -> tuple[str, DocMeta]:
    """The visible article text of an HTML page and its metadata.

    Paragraphs and other blocks become lines (``\\n``), table cells are separated by tabs,
    entities are unescaped, scripts, styles and navigation are dropped. The DocMeta holds the
    title, ISO date, source name and URL found in ``<meta>`` tags, ``<title>``, a canonical
    link or an e-paper ``enpproperty`` comment.

    >>> html_to_text("<title>T</title><script>x=1</script><p>收入18.56亿元</p><p>增长&gt;3%</p>")[0]
    '收入18.56亿元\\n增长>3%'
    """
    parser = _ArticleParser()
    parser.feed(html)
    parser.close()
    text, meta = parser.text(), parser.meta()
    if not meta.date:
        # an e-paper text's trailer (its tags stripped) is the publisher's own record of the date
        trailer = parse_epaper(text)[1]
        if trailer.date:
            meta.date, meta.date_source = trailer.date, trailer.date_source
        else:
            from zhibiao.ingest.pagedate import page_date

            meta.date, meta.date_source = page_date(html, text.split("\n"), page_lines(parser.tree))
    return text, meta


class _ArticleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # Open elements: (tag, skipped, region). Unclosed tags are popped with their parent.
        self._stack: list[tuple[str, bool, str | None]] = []
        # The element number of each open element (parallel to _stack) and where text was written.
        self._nodes: list[int] = []
        self._tree = PageTree()
        self._region_node: dict[str, int] = {}
        self._open: dict[str, int] = {}
        self._skip_depth = 0
        self._pre_depth = 0
        self._regions: dict[str, int] = dict.fromkeys(_REGIONS, 0)
        self._region_seen: dict[str, int] = dict.fromkeys(_REGIONS, 0)
        self._out: list[str] = []
        self._region_out: dict[str, list[str]] = {r: [] for r in _REGIONS}
        self._in_enpcontent = False
        self._title: list[str] | None = None
        self._title_done = False
        self._meta: dict[str, str] = {}
        self._canonical: str | None = None
        self._enp_meta = DocMeta()
        self._enp_seen = False

    # -- output -----------------------------------------------------------------------------
    def _emit(self, piece: str) -> None:
        self._out.append(piece)
        self._tree.write(piece, self._nodes[-1] if self._nodes else 0, bool(self._open.get("a")))
        for region in _REGIONS:
            if self._regions[region] or (region == "enpcontent" and self._in_enpcontent):
                self._region_out[region].append(piece)

    def text(self) -> str:
        """The article text: the first region that has any (an ``<article>`` or ``<main>`` without
        its page chrome), else the page's best block (:func:`~zhibiao.ingest.maincontent.article_lines`);
        the whole page when that finds nothing. An e-paper page (a property trailer or a 第A03版
        header) is read as before: its region, else the whole page, chrome and all."""
        for node in self._nodes:
            self._tree.close(node)  # elements left open end with the page
        whole = _clean(self._out)
        epaper = self._epaper_page(whole)
        for region in _REGIONS:
            once = region in ("article", "main")
            if once and self._region_seen[region] != 1:
                continue
            text = _clean(self._region_out[region])
            if text and once and not epaper:
                return "\n".join(article_lines(self._tree, self._page_title(), self._region_node[region])) or text
            if text:
                return text
        if epaper:
            return whole
        return "\n".join(article_lines(self._tree, self._page_title())) or whole

    def _epaper_page(self, whole: str) -> bool:
        """Whether the page is an e-paper export: an ``enpproperty`` comment, or a property trailer
        or a page header (第A03版) in its text."""
        if self._enp_seen:
            return True
        body_end, found = parse_epaper(whole)
        return body_end < len(whole) or found.page is not None

    @property
    def tree(self) -> PageTree:
        """What the parser recorded of the page's elements and text."""
        return self._tree

    def _page_title(self) -> str | None:
        title = _first(self._meta, _META_TITLE)
        if not title and self._title:
            title = _strip_site_suffix(" ".join("".join(self._title).split()))
        return title

    def meta(self) -> DocMeta:
        """Metadata from the tags seen, e-paper comment first (it is the publisher's own record)."""
        found = self._meta
        title = self._page_title()
        source = _first(found, _META_SOURCE)
        if source and source.lower().startswith(("http://", "https://")):
            source = None  # article:publisher is often a profile URL, not a name
        date = next((d for d in (to_iso_date(found.get(k)) for k in _META_DATE) if d), None)
        url = _first(found, _META_URL) or self._canonical
        if url and not url.lower().startswith(("http://", "https://")):
            url = None
        return fill_meta(self._enp_meta, DocMeta(title=title or None, date=date,
                                                 date_source="meta" if date else None,
                                                 source_name=source or None, url=url))

    # -- parser callbacks -------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._read_meta(attrs)
        elif tag == "link":
            a = dict(attrs)
            if (a.get("rel") or "").lower() == "canonical" and a.get("href"):
                self._canonical = (a["href"] or "").strip()
        if self._title is not None:
            self._title_done = True  # a tag inside <title> means it was left unclosed
        if tag == "title" and not self._title_done and not self._open.get("svg"):
            self._title = []
        if tag in _VOID:
            if tag in ("br", "hr") and not self._skip_depth:
                self._emit("\n")
            return
        a = dict(attrs)
        names = f"{a.get('class') or ''} {a.get('id') or ''}".lower() if "class" in a or "id" in a else ""
        skipped = self._skipped(tag, a, names)
        region = tag if tag in ("founder-content", "article", "main") else None
        self._stack.append((tag, skipped, region))
        self._open_node(tag, names, region)
        self._open[tag] = self._open.get(tag, 0) + 1
        if skipped:
            self._skip_depth += 1
        if region:
            self._regions[region] += 1
            if self._regions[region] == 1 and not self._skip_depth:
                self._region_seen[region] += 1
        if tag == "pre":
            self._pre_depth += 1
        if not self._skip_depth:
            if tag in _BLOCK:
                self._emit("\n")
            elif tag in _CELL:
                self._emit("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self._title_done = True
        if not self._open.get(tag):
            return  # a stray end tag: ignore it rather than close unrelated elements
        while self._stack:
            name, skipped, region = self._stack.pop()
            self._tree.close(self._nodes.pop())
            self._open[name] -= 1
            if name == "pre":
                self._pre_depth -= 1
            if not self._skip_depth and (name in _BLOCK):
                self._emit("\n")
            if skipped:
                self._skip_depth -= 1
            if region:
                self._regions[region] -= 1
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._title is not None and not self._title_done:
            self._title.append(data)
            return
        if self._skip_depth:
            return
        if not self._pre_depth:
            data = _WS.sub(" ", _CJK_BREAK.sub("", data))
            if data.startswith(" ") and self._out and self._out[-1].endswith((" ", "\n", "\t")):
                data = data[1:]  # one space between inline elements, as a browser shows it
            if not data:
                return
        self._emit(data)

    def handle_comment(self, data: str) -> None:
        marker = data.strip().lower()
        if marker.startswith("enpproperty"):
            self._enp_seen = True
            self._enp_meta = fill_meta(self._enp_meta, parse_enp_tags(data))
        elif marker == "enpcontent":
            self._in_enpcontent = True
            self._region_seen["enpcontent"] += 1
        elif marker == "/enpcontent":
            self._in_enpcontent = False

    # -- helpers ----------------------------------------------------------------------------
    def _open_node(self, tag: str, names: str, region: str | None) -> None:
        """Record the element in the page tree (chrome by its class or id, unless it wraps a page)."""
        chrome = bool(names) and tag not in _NEVER_CHROME and chrome_name(names)
        node = self._tree.open(self._nodes[-1] if self._nodes else 0, tag, chrome)
        self._nodes.append(node)
        if region and region not in self._region_node and not self._skip_depth:
            self._region_node[region] = node

    def _skipped(self, tag: str, a: dict[str, str | None], names: str) -> bool:
        if tag in _SKIP:
            return True
        if tag in _SKIP_OUTSIDE_ARTICLE and not self._regions["article"]:
            return True
        if "hidden" in a or _HIDDEN_STYLE.search(a.get("style") or ""):
            return True
        return any(n in _BOILERPLATE_NAMES for n in names.split())

    def _read_meta(self, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        key = a.get("name") or a.get("property") or a.get("itemprop")
        content = a.get("content", "").strip()
        if key and content:
            self._meta.setdefault(key.strip().lower(), content)


def _first(found: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((found[k] for k in keys if found.get(k)), None)


def _strip_site_suffix(title: str) -> str:
    while True:
        m = _TITLE_SUFFIX.search(title)
        if not m or m.start() < 4:
            return title
        title = title[:m.start()]


def _clean(pieces: list[str]) -> str:
    lines = []
    for line in "".join(pieces).split("\n"):
        line = _CELL_GAP.sub("\t", line).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)
