"""Input records (a JSONL line, a Parquet row) → the checked fields of a Document.

Shared by the JSONL reader of :func:`zhibiao.ingest.iter_documents` and the batch shard reader,
so that a bad record gets the same error code and message from both.
"""

from __future__ import annotations

import codecs
from typing import Any

from zhibiao.errors import DocumentError
from zhibiao.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from zhibiao.ingest.validate import MAX_DOC_ID, check_doc_id, load_json
from zhibiao.model import DocMeta

__all__ = ["json_record", "jsonl_record", "meta_from_record", "record_doc_id", "record_text"]


def json_record(raw: str, where: str) -> dict[str, Any]:
    """The JSON object of one line; ``E_JSON`` when it is no JSON (or nested too deep, or holding a
    number no double holds: :func:`~zhibiao.ingest.validate.load_json`), ``E_SCHEMA`` when no object.

    >>> json_record('{"text": "正文"}', "c.jsonl:1")
    {'text': '正文'}
    >>> try:
    ...     json_record("[1]", "c.jsonl:2")
    ... except DocumentError as exc:
    ...     print(exc.where, exc.code, exc.detail)
    c.jsonl:2 E_SCHEMA a JSON list, not an object
    """
    record = load_json(raw, where)
    if not isinstance(record, dict):
        raise DocumentError(where, "E_SCHEMA", f"a JSON {type(record).__name__}, not an object")
    return record


def jsonl_record(line: bytes, where: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    """The JSON object of one raw line of a JSONL corpus (with or without its line break).

    JSON Lines are UTF-8: a line is decoded as such, without a UTF-8 byte-order mark (an editor
    or an exporter may write one at the start of a file). A line that is not UTF-8 is decoded by
    :func:`~zhibiao.ingest.decode.decode_bytes` (a GB18030 or Big5 corpus), and a line that is no
    JSON is handed to it too, so that binary bytes or a blank line get its error (``E_BINARY``,
    ``E_EMPTY``) rather than ``E_JSON``: for a line within ``max_bytes`` (the readers check that as
    they read) the result is that of ``decode_bytes`` then :func:`json_record`, only faster for the
    usual UTF-8 line.

    >>> jsonl_record(codecs.BOM_UTF8 + '{"text": "正文"}\\r\\n'.encode(), "c.jsonl:1")
    {'text': '正文'}
    >>> jsonl_record('{"text": "上半年收入增长"}'.encode("gb18030"), "c.jsonl:2")
    {'text': '上半年收入增长'}
    """
    data = line.rstrip(b"\r\n")
    try:
        raw = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError:  # rare: decode_bytes knows what else to try
        return json_record(decode_bytes(data, where, max_bytes=max_bytes), where)
    try:
        return json_record(raw, where)
    except DocumentError as exc:
        if exc.code == "E_JSON":
            decode_bytes(data, where, max_bytes=max_bytes)  # raises E_BINARY or E_EMPTY if it applies
        raise


def record_text(record: dict[str, Any], key: str, where: str) -> str:
    """The text of a record under ``key``: ``E_SCHEMA`` when missing or no string, ``E_EMPTY`` when blank.

    >>> record_text({"body": "正文"}, "body", "x")
    '正文'
    """
    text = record.get(key)
    if text is None:
        raise DocumentError(where, "E_SCHEMA", f'no "{key}"')
    if not isinstance(text, str):
        raise DocumentError(where, "E_SCHEMA", f'"{key}" is a {type(text).__name__}, not a string')
    if not text.strip():
        raise DocumentError(where, "E_EMPTY", f'empty "{key}"')
    return text


def record_doc_id(value: Any, key: str, where: str, default: str) -> str:
    """A record's document id (a string or an integer, named ``key`` in errors), or ``default``
    when it has none (``default`` should be stable: the file name and line).

    >>> record_doc_id(7, "doc_id", "x", "c.jsonl:1"), record_doc_id("", "doc_id", "x", "c.jsonl:1")
    ('7', 'c.jsonl:1')
    >>> try:
    ...     record_doc_id("x" * 5000, "doc_id", "c.jsonl:2", "c.jsonl:2")
    ... except DocumentError as exc:
    ...     print(exc.code, exc.detail)
    E_SCHEMA "doc_id" is 5000 characters long, more than 500
    """
    if value is None or value == "":
        return default
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise DocumentError(where, "E_SCHEMA", f'"{key}" is a {type(value).__name__}')
    if isinstance(value, int) and abs(value) >= 10 ** MAX_DOC_ID:
        raise DocumentError(where, "E_SCHEMA", f'"{key}" is a number of more than {MAX_DOC_ID} digits')
    return check_doc_id(str(value), where)


def meta_from_record(meta: Any) -> DocMeta:
    """The DocMeta fields of an input record's ``meta`` object: the non-empty strings among
    title, date, source_name, page and url. Anything else is ignored (the record keeps it), and
    ``body_end`` too: it is derived from the text, never taken from an input.

    >>> meta_from_record({"title": "标题", "date": "", "page": 6, "lang": "zh"}).to_dict()
    {'title': '标题'}
    >>> meta_from_record(["not", "an", "object"]) == DocMeta()
    True
    """
    if not isinstance(meta, dict):
        return DocMeta()

    def given(key: str) -> str | None:
        value = meta.get(key)
        return value if isinstance(value, str) and value else None

    return DocMeta(title=given("title"), date=given("date"), source_name=given("source_name"), page=given("page"),
                   url=given("url"))
