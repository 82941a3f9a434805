"""Small helpers shared by the HTML and e-paper metadata readers."""

from __future__ import annotations

import datetime as dt

from zhibiao.model import DocMeta
from zhibiao.recache import compile_cached

__all__ = ["fill_meta", "to_iso_date"]

_DATE = compile_cached(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_COMPACT_DATE = compile_cached(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")


def to_iso_date(value: str | None) -> str | None:
    """The first plausible calendar date in ``value`` as ``YYYY-MM-DD``, or None.

    >>> to_iso_date("2023/7/19 10:20"), to_iso_date("2023年7月19日"), to_iso_date("20230719")
    ('2023-07-19', '2023-07-19', '2023-07-19')
    >>> to_iso_date("2023-13-40") is None
    True
    """
    if not value:
        return None
    for pattern in (_DATE, _COMPACT_DATE):
        for m in pattern.finditer(value):
            year, month, day = (int(g) for g in m.groups())
            if not 1900 <= year <= 2100:
                continue
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                continue
    return None


def fill_meta(meta: DocMeta, more: DocMeta) -> DocMeta:
    """A copy of ``meta`` whose empty fields are taken from ``more`` (``meta`` wins).

    The date keeps where it was read (``date_source``).

    >>> fill_meta(DocMeta(title="给定", body_end=0), DocMeta(title="读出", date="2023-07-19", body_end=9))
    DocMeta(title='给定', date='2023-07-19', source_name=None, page=None, url=None, body_end=0, date_source=None)
    """
    return DocMeta(
        title=meta.title or more.title,
        date=meta.date or more.date,
        date_source=meta.date_source if meta.date else more.date_source,
        source_name=meta.source_name or more.source_name,
        page=meta.page or more.page,
        url=meta.url or more.url,
        body_end=more.body_end if meta.body_end is None else meta.body_end,
    )
