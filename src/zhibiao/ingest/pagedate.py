"""The publication date of a web page that names none in its ``<meta>`` tags.

Read, in this order, from the page's markup by `htmldate <https://htmldate.readthedocs.io>`_
(time elements, structured data, URL and page patterns, made for this), then from a dateline in
the page's text: a labelled one (发布时间：2019-09-26, 日期：2019年9月26日) anywhere on the page, or
a bare date in the first lines of the article (its byline). A date in the page's lists of other
articles is never taken for the page's own: those carry no label and lie outside the article.
"""

from __future__ import annotations

import re
from typing import Any

from zhibiao.ingest.metadata import to_iso_date

__all__ = ["page_date", "text_date"]

_LABELLED = re.compile(
    r"(?:发布|发表|更新|时间|日期|发稿)[^0-9\n]{0,8}"
    r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
)
_BYLINE_LINES = 6  # the article's first lines, where a bare date is its byline's


def page_date(html: str, article: list[str], page: list[str]) -> tuple[str | None, str | None]:
    """The ISO date of a page and where it was read (``htmldate`` or ``text``), or (None, None).

    ``html`` is the page, ``article`` the lines of its article, ``page`` all its visible lines.

    >>> page_date('<html><body><p class="date">2016-11-22</p></body></html>', ["正文。"], [])
    ('2016-11-22', 'htmldate')
    >>> page_date("<p>x</p>", ["标题", "2020-10-04 20:30 来源: 长江网", "正文。"], [])
    ('2020-10-04', 'text')
    """
    found = _htmldate(html)
    if found:
        return found, "htmldate"
    found = text_date(article, page)
    return (found, "text") if found else (None, None)


def text_date(article: list[str], page: list[str]) -> str | None:
    """A dateline's date: labelled anywhere in ``article`` or ``page``, else a bare date in the
    first lines of ``article``.

    >>> text_date(["标题", "正文。"], ["首页", "发布时间： 2019-09-26 10:09:11"])
    '2019-09-26'
    >>> text_date(["相关新闻", "2019-09-06"], []) is None
    False
    """
    for lines in (article, page):
        for line in lines:
            m = _LABELLED.search(line)
            if m and (found := to_iso_date(m.group(1))):
                return found
    for line in article[:_BYLINE_LINES]:
        if found := to_iso_date(line):
            return found
    return None


def _htmldate(html: str) -> str | None:
    # imported here: htmldate (and lxml) load only for pages without a date in their <meta> tags
    from htmldate import find_date

    options: dict[str, Any] = {"original_date": True, "outputformat": "%Y-%m-%d", "extensive_search": False}
    try:
        found = find_date(html, **options)
    except (ValueError, TypeError, AttributeError):  # a page lxml cannot make a tree of: no date
        return None
    return to_iso_date(found) if found else None
