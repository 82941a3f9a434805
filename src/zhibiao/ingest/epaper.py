"""Metadata of Founder (方正) e-paper exports: the ``enpproperty`` trailer and the page header.

An e-paper article page carries its properties in an HTML comment,

    <!--enpproperty <articleid>…</articleid><date>2023-07-19</date>…<title>…</title>…
    <introtitle>…</introtitle>…<nodename>淮安日报</nodename>… /enpproperty-->

(newer exports prefix the tags: ``<founder-date>``, ``<founder-papername>``, ``<founder-pagenum>``).
Text scraped from such a page often keeps the comment with its tags stripped, as a last line
(wrapped here)

    2023-07-19 干在实处 走在前列 1 1 淮安日报 content_220711.html 1 3 经开区召开攻坚行动动员大会
    /enpproperty-->

where only the values remain, space-separated. Their order varies with the site template, so the
stripped form is read by the shape of each value (a date, a numeric id, a page file name),
not by position.
"""

from __future__ import annotations

import re

from zhibiao.ingest.metadata import to_iso_date
from zhibiao.model import DocMeta
from zhibiao.recache import compile_cached

__all__ = ["parse_enp_tags", "parse_epaper"]

_END = "/enpproperty-->"
_START = "<!--enpproperty"
# "第A06版:淮安经开区", "第 3 版", "第B2版" on one of the first lines.
_PAGE_HEADER = compile_cached(r"^[ \t\u3000]*第[ \t]*([A-Za-z]{0,2}[0-9]{1,3})[ \t]*版", re.MULTILINE)
_HEAD_CHARS = 400
_TAG = compile_cached(r"<([A-Za-z][\w-]*)>(.*?)</\1\s*>", re.DOTALL)
_DATE_TOKEN = compile_cached(r"^\d{4}-\d{1,2}-\d{1,2}$")
_TIME_TOKEN = compile_cached(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?$")
_NUMERIC_TOKEN = compile_cached(r"^\d+$")
_URL_TOKEN = compile_cached(r"^(?:https?://\S+|[\w./-]*\.s?html?)$", re.IGNORECASE)
_PAPER_NAME = compile_cached(r"^\S{1,12}(?:日报|晚报|时报|商报|周报|早报|日報|晚報|時報|商報|週報|早報|报|報)$")
# Sentence-final punctuation: a line holding it before the trailer's values also holds body text.
_SENTENCE_END = compile_cached(r"[。！？!?；;”」』]")

# Tag name (without the "founder-" prefix) → DocMeta field, best source first.
_TAG_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "date": ("date", "pubtime", "publishdate"),
    "source_name": ("papername", "sourcename", "source", "nodename"),
    "page": ("pagenum", "page", "pagename"),
    "url": ("url",),
}


def parse_epaper(text: str) -> tuple[int, DocMeta]:
    """Find the e-paper property trailer of ``text`` and the metadata it and the page header hold.

    Returns the offset where the body ends (the start of the trailer, normally the start of
    its line; ``len(text)`` when there is no trailer) and a :class:`DocMeta` with the title,
    ISO date, paper name (``source_name``) and page (``A06`` from a ``第A06版`` header) found.
    Handles the raw comment with its tags and the tag-stripped line; never raises.

    >>> text = "第A06版:要闻\\n正文。\\n2023-07-19 1 淮安日报 content_1.html 3 标题 /enpproperty-->"
    >>> end, meta = parse_epaper(text)
    >>> end, meta.date, meta.source_name, meta.title, meta.page
    (13, '2023-07-19', '淮安日报', '标题', 'A06')
    """
    page = _header_page(text)
    end_at = text.rfind(_END)
    start_at = text.rfind(_START, 0, end_at if end_at >= 0 else len(text))
    if end_at < 0 and start_at < 0:
        return len(text), DocMeta(page=page)
    if start_at >= 0:
        # The raw comment, tags and all (possibly cut off before its end).
        body_end = _line_start_if_alone(text, start_at)
        comment_end = end_at if end_at > start_at else len(text)
        meta = parse_enp_tags(text[start_at + len(_START):comment_end])
    else:
        body_end = _stripped_start(text, end_at)
        meta = _parse_stripped(text[body_end:end_at])
    if page:
        meta.page = page
    if meta.date:
        meta.date_source = "epaper"
    return body_end, meta


def parse_enp_tags(comment: str) -> DocMeta:
    """The DocMeta of an ``enpproperty`` comment body that still has its tags (``<date>…</date>``)."""
    from html import unescape  # (here: the module and its table of entities are 1 ms of every process's imports)

    values: dict[str, str] = {}
    for m in _TAG.finditer(comment):
        name = m.group(1).lower().removeprefix("founder-")
        value = unescape(m.group(2)).strip()
        if value and name not in values:
            values[name] = value
    found: dict[str, str | None] = {}
    for field, names in _TAG_FIELDS.items():
        found[field] = next((values[n] for n in names if n in values), None)
    url = found["url"]
    return DocMeta(
        title=found["title"],
        date=to_iso_date(found["date"]),
        source_name=found["source_name"],
        page=found["page"],
        # A relative page name (content_220711.html) is no use as a URL.
        url=url if url and url.lower().startswith(("http://", "https://")) else None,
        date_source="epaper" if to_iso_date(found["date"]) else None,
    )


def _header_page(text: str) -> str | None:
    m = _PAGE_HEADER.search(text, 0, _HEAD_CHARS)
    return m.group(1).upper() if m else None


def _line_start_if_alone(text: str, pos: int) -> int:
    """``pos``, moved back to the start of its line when only blanks precede it there."""
    line_start = text.rfind("\n", 0, pos) + 1
    return line_start if not text[line_start:pos].strip() else pos


def _stripped_start(text: str, end_at: int) -> int:
    """Where the tag-stripped trailer that ends at ``end_at`` starts."""
    line_start = text.rfind("\n", 0, end_at) + 1
    line = text[line_start:end_at]
    # Normally the trailer is a line of its own. When the body's last sentence runs into it,
    # it starts at its first date (or the numeric article id just before that date).
    m = re.search(r"(?:\d+\s+)?\d{4}-\d{1,2}-\d{1,2}(?=\s)", line)
    if m and _SENTENCE_END.search(line, 0, m.start()):
        return line_start + m.start()
    return line_start


def _parse_stripped(trailer: str) -> DocMeta:
    tokens = trailer.split()
    if tokens and tokens[0].lower() in ("enpproperty", "<!--enpproperty"):
        tokens = tokens[1:]
    date = next((to_iso_date(t) for t in tokens if _DATE_TOKEN.match(t)), None)

    def structural(token: str) -> bool:
        return bool(_NUMERIC_TOKEN.match(token) or _DATE_TOKEN.match(token)
                    or _TIME_TOKEN.match(token) or _URL_TOKEN.match(token))

    # The title is the run of words after the last id, counter, date or file name.
    last = max((i for i, t in enumerate(tokens) if structural(t)), default=-1)
    title = " ".join(tokens[last + 1:]) or None

    # The paper name sits just before the page file name; failing that, any word that reads
    # like a newspaper's name.
    source_name = None
    url = None
    for i, token in enumerate(tokens):
        if _URL_TOKEN.match(token):
            if token.lower().startswith(("http://", "https://")):
                url = token
            if i > 0 and not structural(tokens[i - 1]):
                source_name = tokens[i - 1]
            break
    if source_name is None:
        source_name = next((t for t in tokens[: last + 1] if _PAPER_NAME.match(t)), None)
    return DocMeta(title=title, date=date, source_name=source_name, url=url)
