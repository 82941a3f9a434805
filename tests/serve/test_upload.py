"""zhibiao.serve.upload: an uploaded file's bytes → documents, read the way zhibiao.ingest reads files."""

from __future__ import annotations

import json

import pytest

from zhibiao.errors import DocumentError
from zhibiao.ingest import document_from_text
from zhibiao.model import Document
from zhibiao.serve.errors import ApiError
from zhibiao.serve.upload import MAX_UPLOAD_BYTES, documents_from_upload

ONE_LINE = "今年上半年,全区完成一般公共预算收入18.56亿元、同比增长36.7%。"
TRAILER = "2023-07-19 干在实处 1 1 淮安日报 content_220711.html 1 3 经开区召开攻坚行动动员大会 /enpproperty-->"
EPAPER_META = {"title": "经开区召开攻坚行动动员大会", "date": "2023-07-19", "source_name": "淮安日报"}


def _only_document(items: list[Document | DocumentError]) -> Document:
    (doc,) = items
    assert isinstance(doc, Document), doc
    return doc


@pytest.mark.parametrize(
    ("filename", "data", "doc_id", "text", "meta", "body_end"),
    [
        ("../../快报.txt", (ONE_LINE + TRAILER).encode("gb18030"), "快报", ONE_LINE + TRAILER, EPAPER_META,
         len(ONE_LINE)),
        ("report.HTML", f'<meta charset="gbk"><title>上半年快报</title><p>{ONE_LINE}</p>'.encode("gbk"), "report",
         ONE_LINE, {"title": "上半年快报"}, None),
        ("page.htm", f"<p>第A06版:要闻</p><p>{ONE_LINE}</p><p>{TRAILER}</p>".encode(), "page",
         f"第A06版:要闻\n{ONE_LINE}\n{TRAILER}", {**EPAPER_META, "page": "A06"}, len(f"第A06版:要闻\n{ONE_LINE}\n")),
    ],
    ids=["txt-gb18030-one-line-trailer", "html-declared-gbk", "html-epaper-text"],
)
def test_upload_file_becomes_one_document_with_its_metadata(filename: str, data: bytes, doc_id: str, text: str,
                                                            meta: dict[str, str], body_end: int | None) -> None:
    doc = _only_document(documents_from_upload(filename, data))
    name = filename.rsplit("/", 1)[-1]
    assert (doc.doc_id, doc.source, doc.text) == (doc_id, f"upload:{name}", text)
    assert (doc.meta.to_dict(), doc.meta.body_end, doc.published) == (meta, body_end, meta.get("date"))


def test_upload_jsonl_records_carry_the_metadata_and_body_end_of_their_text() -> None:
    lines = [json.dumps({"doc_id": "j1", "text": ONE_LINE + TRAILER}, ensure_ascii=False),
             json.dumps({"text": ONE_LINE, "meta": {"title": "给定"}}, ensure_ascii=False)]
    first, second = documents_from_upload("batch.jsonl", "\n".join(lines).encode())
    assert isinstance(first, Document) and isinstance(second, Document)
    expected = document_from_text(ONE_LINE + TRAILER).meta
    assert (first.meta.to_dict(), first.meta.body_end) == (expected.to_dict(), len(ONE_LINE))
    assert (second.doc_id, second.source, second.meta.to_dict(), second.meta.body_end) == (
        "batch.jsonl:2", "upload:batch.jsonl", {"title": "给定"}, None)


@pytest.mark.parametrize(
    ("filename", "data", "where", "code"),
    [
        ("empty.txt", b"", "empty.txt", "E_EMPTY"),
        ("blank.html", b"<html><script>var a = 1;</script></html>", "blank.html", "E_EMPTY"),
        ("nul.txt", "收入12亿元\x00增长5%".encode(), "nul.txt", "E_BINARY"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image.txt", "E_BINARY"),
        ("late-nul.txt", ("收入12亿元。" * 1000 + "\x00").encode(), "late-nul.txt", "E_BINARY"),
        ("bad.jsonl", b'{"text": ', "bad.jsonl:1", "E_JSON"),
    ],
    ids=["empty", "html-without-text", "nul", "png", "nul-after-the-sniffed-bytes", "jsonl-bad-line"],
)
def test_upload_bad_content_is_an_error_naming_the_upload(filename: str, data: bytes, where: str,
                                                         code: str) -> None:
    (err,) = documents_from_upload(filename, data)
    assert isinstance(err, DocumentError)
    assert (err.where, err.code) == (where, code)


@pytest.mark.parametrize(
    ("data", "doc_id"),
    [(b'{"doc_id": "n", "text": "\\u0000x"}', "n"), (b'{"text": "\\u0000x"}', "nul.jsonl:1"),
     (b'{"text": "x\\ud800"}', "nul.jsonl:1")],
    ids=["nul", "nul-no-id", "lone-surrogate"])
def test_upload_jsonl_escaped_nul_or_surrogate_is_replaced_with_a_warning(data: bytes, doc_id: str) -> None:
    """A JSON escape of a character that is no text ("\\u0000", a lone "\\ud800") is valid JSON:
    it becomes U+FFFD (one for one, offsets kept) and a warning, never a document that cannot be
    stored or written."""
    doc = _only_document(documents_from_upload("nul.jsonl", data))
    assert (doc.doc_id, len(doc.text), doc.text.count("\ufffd")) == (doc_id, 2, 1)
    assert [w.split(": ")[1] for w in doc.warnings] == ["W_TEXT"]
    doc.text.encode("utf-8")  # writable


@pytest.mark.parametrize(
    ("filename", "size", "status"),
    [("report.pdf", 10, 415), ("report", 10, 415), ("big.txt", MAX_UPLOAD_BYTES + 1, 413),
     ("big.html", MAX_UPLOAD_BYTES + 1, 413)],
)
def test_upload_refuses_other_types_and_oversized_files(filename: str, size: int, status: int) -> None:
    with pytest.raises(ApiError) as info:
        documents_from_upload(filename, b"a" * size)
    assert info.value.status == status


@pytest.mark.parametrize(
    ("filename", "doc_id"),
    [("a.b.txt", "a.b"), (" ..快报.HTM. ", "快报"), ("x" * 60 + "." + "b" * 95 + ".txt", "." + "b" * 95),
     ("C:\\reports\\淮安.html", "淮安")],
    ids=["two-dots", "stripped-dots-and-spaces", "cut-to-a-leading-dot", "windows-path"],
)
def test_upload_doc_id_is_the_name_without_its_suffix(filename: str, doc_id: str) -> None:
    assert _only_document(documents_from_upload(filename, ONE_LINE.encode())).doc_id == doc_id
