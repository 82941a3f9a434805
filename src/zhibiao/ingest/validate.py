"""The checks of the input edge: what a document may hold before any later stage sees it.

Every reader (files, JSONL corpora, batch shards, uploads, :class:`~zhibiao.store.Store`'s
``ingest_documents``) passes its documents through here, so that no later stage meets

- a string that cannot be written as UTF-8 or stored (a lone surrogate from a ``\\ud800`` JSON
  escape, a NUL): each is replaced by U+FFFD, one character for one, so offsets stay valid;
- a JSON record nested deeper than :data:`MAX_JSON_DEPTH`, or holding ``NaN``, ``Infinity`` or a
  number beyond double precision (``1e999``);
- a ``published`` that is no calendar date (``abc``, ``2023-13-45``): it is left out (null);
- a ``doc_id`` longer than the store's column (:data:`MAX_DOC_ID`), or metadata longer than its.

What is repaired or left out is a warning of the document (``Document.warnings``); what cannot be
is a :class:`~zhibiao.errors.DocumentError` naming it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from zhibiao.errors import DocumentError, warning_line
from zhibiao.model import Document

__all__ = ["MAX_DOC_ID", "MAX_JSON_DEPTH", "MAX_PAGE", "check_doc_id", "clean_document", "clean_strings",
           "clean_text", "load_json", "published_date", "set_published"]

# Deeper than this, a record is no document of ours (FACTS.md records are 3 levels deep).
MAX_JSON_DEPTH = 64
# The store's column widths (store/schema.py): documents.doc_id, documents.page.
MAX_DOC_ID = 500
MAX_PAGE = 50
_BAD_CHARS = re.compile(r"[\x00\ud800-\udfff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHOWN = 40


def clean_text(value: str) -> tuple[str, int]:
    """``value`` with each lone surrogate and NUL replaced by U+FFFD, and how many were.

    >>> clean_text("增长5%\\ud800"), clean_text("a\\x00b"), clean_text("正文")
    (('增长5%\ufffd', 1), ('a\ufffdb', 1), ('正文', 0))
    """
    if _BAD_CHARS.search(value) is None:
        return value, 0
    return _BAD_CHARS.subn("\ufffd", value)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is no number")


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(f"the number {literal[:_SHOWN]} is beyond double precision")
    return value


def load_json(raw: str, where: str) -> Any:
    """The JSON value of ``raw``: ``E_JSON`` for no JSON, one nested deeper than
    :data:`MAX_JSON_DEPTH`, ``NaN``/``Infinity`` or a number no double holds. Its strings are
    kept as they are (:func:`clean_strings` cleans them).

    >>> load_json('{"a": ["x"]}', "c.jsonl:1")
    {'a': ['x']}
    >>> for bad in ("[" * 100_000, '{"v": NaN}', '{"v": 1e999}', "[" * 65 + "]" * 65):
    ...     try:
    ...         load_json(bad, "c.jsonl:2")
    ...     except DocumentError as exc:
    ...         print(exc.code, exc.detail)
    E_JSON nested deeper than 64 levels
    E_JSON NaN is no number
    E_JSON the number 1e999 is beyond double precision
    E_JSON nested deeper than 64 levels
    """
    try:
        value = json.loads(raw, parse_constant=_refuse_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise DocumentError(where, "E_JSON", _json_reason(exc)) from exc
    except RecursionError as exc:
        raise DocumentError(where, "E_JSON", f"nested deeper than {MAX_JSON_DEPTH} levels") from exc
    except ValueError as exc:  # our hooks, and int() beyond Python's 4,300 digits
        raise DocumentError(where, "E_JSON", " ".join(str(exc).split())[:200]) from exc
    if _depth_over(value, MAX_JSON_DEPTH):
        raise DocumentError(where, "E_JSON", f"nested deeper than {MAX_JSON_DEPTH} levels")
    return value


def _json_reason(exc: json.JSONDecodeError) -> str:
    """What is wrong with a line, in words that say where and why.

    >>> def reason(raw):
    ...     try:
    ...         json.loads(raw)
    ...     except json.JSONDecodeError as exc:
    ...         return _json_reason(exc)
    >>> reason('{"text": "收入5亿元')
    'Unterminated string starting at column 10: the line ends inside a string'
    >>> reason('{"text": "收入\\r5亿元"}')
    'a raw control character U+000D in a string at column 13: an unterminated string, or a character JSON wants escaped'
    >>> reason('{"text": 1,}')
    'Expecting property name enclosed in double quotes at column 12'
    """
    if exc.msg.startswith("Invalid control character"):
        char = exc.doc[exc.pos] if exc.pos < len(exc.doc) else "?"
        return (f"a raw control character U+{ord(char):04X} in a string at column {exc.colno}: "
                "an unterminated string, or a character JSON wants escaped")
    if exc.msg.startswith("Unterminated string"):
        return f"Unterminated string starting at column {exc.colno}: the line ends inside a string"
    return f"{exc.msg} at column {exc.colno}"


def _depth_over(value: Any, limit: int) -> bool:
    """Whether ``value`` nests containers more than ``limit`` deep (no recursion: any depth)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            if depth >= limit:
                return True
            stack.extend((v, depth + 1) for v in item if isinstance(v, dict | list))
    return False


def clean_strings(value: Any) -> tuple[Any, int]:
    """``value`` (a JSON value of at most :data:`MAX_JSON_DEPTH` levels) with every string and key
    cleaned by :func:`clean_text`, and how many characters were replaced.

    >>> clean_strings({"a": ["x\\x00", 1], "b\\ud800": None})
    ({'a': ['x\ufffd', 1], 'b\ufffd': None}, 2)
    """
    counter = [0]
    return _clean_value(value, counter), counter[0]


def _clean_value(value: Any, counter: list[int]) -> Any:
    if isinstance(value, str):
        text, n = clean_text(value)
        counter[0] += n
        return text
    if isinstance(value, list):
        return [_clean_value(v, counter) for v in value]
    if isinstance(value, dict):
        return {_clean_value(k, counter): _clean_value(v, counter) for k, v in value.items()}
    return value


def published_date(value: Any) -> tuple[str | None, str | None]:
    """A ``published`` input as an ISO date, and why it was changed or left out (else None).

    >>> published_date("2023-07-19"), published_date(None)
    (('2023-07-19', None), (None, None))
    >>> published_date("2023年7月19日")
    ('2023-07-19', "'2023年7月19日' read as 2023-07-19")
    >>> published_date("2023-13-45"), published_date(20230719)
    ((None, "'2023-13-45' is no calendar date"), (None, 'an int, not a date'))
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if not isinstance(value, str):
        return None, f"{_a(type(value).__name__)}, not a date"
    from zhibiao.ingest.metadata import to_iso_date

    shown = repr(value[:_SHOWN] + ("…" if len(value) > _SHOWN else ""))
    if _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value).isoformat(), None
        except ValueError:
            return None, f"{shown} is no calendar date"
    found = to_iso_date(value) if len(value) <= _SHOWN else None
    if found is None:
        return None, f"{shown} is no calendar date"
    return found, f"{shown} read as {found}"


def _a(noun: str) -> str:
    """``noun`` with its indefinite article (an int, a list)."""
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def check_doc_id(doc_id: str, where: str) -> str:
    """``doc_id`` when it fits the store (``E_SCHEMA`` when longer than :data:`MAX_DOC_ID`)."""
    if len(doc_id) > MAX_DOC_ID:
        raise DocumentError(where, "E_SCHEMA", f'"doc_id" is {len(doc_id)} characters long, '
                                               f"more than {MAX_DOC_ID}")
    return doc_id


def clean_document(doc: Document) -> Document:
    """``doc`` made safe to extract, write and store, in place: its strings cleaned, its
    ``published`` a calendar date or None, its metadata within the columns; each repair is a
    warning of the document. Never raises (a too long ``doc_id`` is checked by the callers that
    can refuse a document: :func:`check_doc_id`).

    >>> doc = clean_document(Document(doc_id="d", text="收入\\x00增长", published="abc"))
    >>> doc.text, doc.published, [w.split(": ")[1] for w in doc.warnings]
    ('收入\ufffd增长', None, ['W_TEXT', 'W_PUBLISHED'])
    """
    doc.doc_id, n_id = clean_text(doc.doc_id)
    doc.text, n_text = clean_text(doc.text)
    n_other = 0
    if doc.source is not None:
        doc.source, n_other = clean_text(doc.source)
    n_other += _clean_meta(doc)
    replaced = [f"{n} in the {what}" for n, what in ((n_text, "text"), (n_id, "doc_id"), (n_other, "metadata"))
                if n]
    if replaced:
        doc.warnings.append(warning_line(doc.doc_id, "W_TEXT", ", ".join(replaced)))
    set_published(doc, doc.published)
    return doc


def set_published(doc: Document, value: Any) -> None:
    """Set ``doc.published`` from an input's value (any JSON or Arrow value): a calendar date
    as ``YYYY-MM-DD``, else None with a warning of the document.

    >>> doc = Document(doc_id="d", text="正文")
    >>> set_published(doc, 20230719); doc.published, doc.warnings
    (None, ['d: W_PUBLISHED: the publication date is no calendar date and was left out (an int, not a date)'])
    """
    doc.published, why = published_date(value)
    if why is not None:
        code = "W_PUBLISHED" if doc.published is None else "W_META"
        doc.warnings.append(warning_line(doc.doc_id, code, why if code == "W_PUBLISHED" else f"published {why}"))


def _clean_meta(doc: Document) -> int:
    meta, replaced = doc.meta, 0
    for key in ("title", "date", "source_name", "page", "url"):
        value = getattr(meta, key)
        if isinstance(value, str):
            value, n = clean_text(value)
            replaced += n
            setattr(meta, key, value)
    if meta.date is not None:
        date, _why = published_date(meta.date)
        if date != meta.date:
            doc.warnings.append(warning_line(doc.doc_id, "W_META", f"meta date {meta.date[:_SHOWN]!r} left out"
                                             if date is None else f"meta date read as {date}"))
            meta.date = date
    if meta.page is not None and len(meta.page) > MAX_PAGE:
        doc.warnings.append(warning_line(doc.doc_id, "W_META", f"a page label of {len(meta.page)} characters"))
        meta.page = None
    return replaced

