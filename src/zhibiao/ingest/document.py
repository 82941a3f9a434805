"""Text or file bytes → a :class:`~zhibiao.model.Document` with the metadata its text holds.

The one place where a Document is made from text: every reader (files and folders, JSONL
corpora, batch shards, uploads) goes through :func:`document_from_text`, which reads the
e-paper trailer and page header (:func:`~zhibiao.ingest.epaper.parse_epaper`) once, here, and
records where the article body ends (``meta.body_end``) so that later stages need not look.
"""

from __future__ import annotations

from zhibiao.errors import DocumentError
from zhibiao.ingest.decode import DEFAULT_MAX_BYTES
from zhibiao.ingest.epaper import parse_epaper
from zhibiao.ingest.metadata import fill_meta
from zhibiao.model import DocMeta, Document

__all__ = ["HTML_SUFFIXES", "document_from_bytes", "document_from_text"]

HTML_SUFFIXES = (".html", ".htm")


def document_from_text(text: str, *, doc_id: str = "-", published: str | None = None,
                       source: str | None = None, meta: DocMeta | None = None) -> Document:
    """A Document of ``text`` (already decoded), its metadata completed from the text itself.

    The fields of ``meta`` (what the input gives: a JSONL record's ``meta``, an HTML page's
    ``<meta>`` tags) win; the empty ones are filled from an e-paper property trailer or page
    header in ``text``. ``meta.body_end`` is where the article body ends when ``text`` has an
    e-paper trailer (the trailer's start), else None: the body is the whole text. ``meta``
    itself is not modified, ``text`` is kept as it is and ``published`` as given (never taken
    from the text): the readers apply the input edge's checks
    (:func:`~zhibiao.ingest.validate.clean_document`). Never raises, not even for blank text:
    readers that refuse it check first.

    >>> doc = document_from_text("收入增长5%。2023-07-19 1 淮安日报 content_1.html 3 标题 /enpproperty-->")
    >>> doc.meta.date, doc.meta.title, doc.meta.body_end, doc.text[:doc.meta.body_end], doc.published
    ('2023-07-19', '标题', 7, '收入增长5%。', None)
    >>> document_from_text("收入增长5%。", meta=DocMeta(title="给定")).meta
    DocMeta(title='给定', date=None, source_name=None, page=None, url=None, body_end=None, date_source=None)
    """
    body_end, found = parse_epaper(text)
    merged = fill_meta(meta or DocMeta(), found)
    # parse_epaper answers len(text) when there is no trailer (a trailer is never empty)
    merged.body_end = body_end if body_end < len(text) else None
    return Document(doc_id=doc_id, text=text, published=published, source=source, meta=merged)


def document_from_bytes(data: bytes, name: str, *, doc_id: str | None = None, source: str | None = None,
                        max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The Document of one text or HTML file's bytes, or a :class:`DocumentError` naming ``name``.

    ``name`` (a path or a file name) names the input in errors and, by its suffix, says how to
    read it: ``.html``/``.htm`` as HTML (decoded with the charset the page declares, its visible
    article text kept, its ``<meta>`` tags read), any other as plain text (UTF-8, GB18030 or
    Big5). The metadata is completed by :func:`document_from_text`; ``published`` is the date it
    holds. ``doc_id`` defaults to the stem of ``name``, ``source`` to ``name``.

    Raises :class:`DocumentError` with ``E_EMPTY`` (no bytes, only whitespace, an HTML page
    without visible text), ``E_TOO_LARGE`` (more than ``max_bytes``), ``E_BINARY`` (binary
    content, a NUL anywhere) or ``E_ENCODING``.

    >>> page = '<meta charset="gbk"><title>上半年经济</title><p>收入18.56亿元</p>'.encode("gbk")
    >>> doc = document_from_bytes(page, "in/page.html")
    >>> doc.doc_id, doc.text, doc.meta.title, doc.source
    ('page', '收入18.56亿元', '上半年经济', 'in/page.html')
    """
    # imported here: decoding, HTML parsing and paths are only needed for bytes, not for text
    from pathlib import PurePath

    from zhibiao.ingest.decode import decode_bytes
    from zhibiao.ingest.htmltext import declared_charset, html_to_text

    if name.lower().endswith(HTML_SUFFIXES):
        raw = decode_bytes(data, name, max_bytes=max_bytes, declared=declared_charset(data))
        text, given = html_to_text(raw)
        if not text.strip():
            raise DocumentError(name, "E_EMPTY", "no visible text in the HTML")
    else:
        text, given = decode_bytes(data, name, max_bytes=max_bytes), DocMeta()
    if "\x00" in text:
        # NUL is no text character: a file holding one is binary, wherever it is (decoding only
        # sniffs the first bytes). A JSON record's "\u0000" escape is replaced instead.
        raise DocumentError(name, "E_BINARY", "NUL characters in the text")
    # HTML too: text scraped from an e-paper page keeps its 第A06版 header and its trailer
    doc = document_from_text(text, doc_id=PurePath(name).stem if doc_id is None else doc_id,
                             source=name if source is None else source, meta=given)
    doc.published = doc.meta.date
    return doc
