"""What a user tells zhibiao about a batch of reports that their texts do not say: the
publication date (``--published``) and the zone they are about (``--zone``, for a folder of
reports from one zone's own website, whose texts only say 经开区 or 全区).

A value inside an input always wins: a JSONL record's ``published`` or ``zone``, a date the
e-paper trailer of a text states. The user's values fill what the inputs leave open.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from zhibiao.errors import DocumentError, ZhibiaoError
from zhibiao.ingest.validate import published_date
from zhibiao.model import Document
from zhibiao.resolve.zones import canonical_zone

_canonical_zone = lru_cache(maxsize=200_000)(canonical_zone)  # (asked once per document of a large batch)

__all__ = ["SteerError", "check_published", "check_zone", "document_zone", "steered"]

_MAX_ZONE = 200


class SteerError(ZhibiaoError):
    """A ``--published`` or ``--zone`` value that cannot be used."""


def check_published(value: str | None) -> str | None:
    """A user's ``--published`` as an ISO date (2023年7月19日 is read), or SteerError.

    >>> check_published("2023-07-19"), check_published("2023年7月19日"), check_published(None)
    ('2023-07-19', '2023-07-19', None)
    >>> check_published("2023-13-01")
    Traceback (most recent call last):
    zhibiao.ingest.steer.SteerError: --published '2023-13-01' is no calendar date (write e.g. 2023-07-19)
    """
    if value is None:
        return None
    date, _why = published_date(value.strip())
    if date is None:
        raise SteerError(f"--published {value[:40]!r} is no calendar date (write e.g. 2023-07-19)")
    return date


def check_zone(value: str | None) -> str | None:
    """A user's ``--zone``: the name trimmed, or SteerError when it is blank or too long.

    >>> check_zone(" 淮安经开区 "), check_zone(None)
    ('淮安经开区', None)
    """
    if value is None:
        return None
    name = " ".join(value.replace("\x00", "").split())
    if not name or len(name) > _MAX_ZONE:
        raise SteerError(f"--zone must be a zone's name of 1 to {_MAX_ZONE} characters")
    return name


def document_zone(doc: Document) -> str | None:
    """The zone a document's unresolved facts are about: its record's (or the user's ``--zone``) ``zone``,
    as a canonical zone id when it names a known zone, else as written; None when none is given.

    >>> document_zone(Document("a", "正文", extra={"zone": " 淮安经开区 "})), document_zone(Document("b", "正文"))
    ('淮安经济技术开发区', None)
    """
    given = doc.extra.get("zone")
    if not isinstance(given, str) or not given.strip():
        return None
    name = " ".join(given.split())[:_MAX_ZONE]
    return _canonical_zone(name) or name


def steered(items: Iterable[Document | DocumentError], *, published: str | None = None,
            zone: str | None = None) -> Iterator[Document | DocumentError]:
    """``items`` with the user's date and zone filled in where the input gave none: a
    document's ``published`` when it has none, its ``extra["zone"]`` when its record has no
    ``zone``. Errors pass through.

    >>> docs = [Document("a", "正文"), Document("b", "正文", published="2022-01-05", extra={"zone": "金坛区"})]
    >>> [(d.published, d.extra.get("zone")) for d in steered(docs, published="2023-07-19", zone="经开区")]
    [('2023-07-19', '经开区'), ('2022-01-05', '金坛区')]
    """
    for item in items:
        if isinstance(item, Document):
            if published is not None and item.published is None:
                item.published = published
            if zone is not None and not item.extra.get("zone"):
                item.extra["zone"] = zone
        yield item
