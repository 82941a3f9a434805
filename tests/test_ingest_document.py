"""zhibiao.ingest.document: text or one file's bytes → a Document, metadata and body end read once."""

from __future__ import annotations

import doctest
import json
from pathlib import Path
from typing import Any

import pytest

import zhibiao.model
from zhibiao.errors import DocumentError
from zhibiao.ingest import document_from_bytes, document_from_text, iter_documents
from zhibiao.ingest.metadata import fill_meta
from zhibiao.model import DocMeta, Document

BODY = "今年上半年,全区完成一般公共预算收入18.56亿元、同比增长36.7%。"
STRIPPED = "2023-07-19 干在实处 1 1 淮安日报 content_220711.html 1 3 经开区召开攻坚行动动员大会 /enpproperty-->"
TAGGED = ("<!--enpproperty <date>2023-07-19 00:00:00.0</date><title>经开区召开攻坚行动动员大会</title>"
          "<nodename>淮安日报</nodename>/enpproperty-->")
EPAPER_META = {"title": "经开区召开攻坚行动动员大会", "date": "2023-07-19", "source_name": "淮安日报"}


# --------------------------------------------------------------------------------------------
# document_from_text


@pytest.mark.parametrize(
    ("text", "body", "meta"),
    [
        (BODY, None, {}),
        (BODY + STRIPPED, BODY, EPAPER_META),
        (BODY + "\n" + STRIPPED + "\n", BODY + "\n", EPAPER_META),
        (BODY + "\n" + TAGGED, BODY + "\n", EPAPER_META),
        ("第A06版:要闻\n" + BODY + "\n" + STRIPPED, "第A06版:要闻\n" + BODY + "\n", {**EPAPER_META, "page": "A06"}),
        ("第A06版:要闻\n" + BODY, None, {"page": "A06"}),
        (STRIPPED, "", EPAPER_META),
        ("", None, {}),
    ],
    ids=["plain", "one-line-trailer", "trailer-line", "tagged-comment", "header-and-trailer", "header-only",
         "trailer-only", "empty"],
)
def test_document_from_text_reads_metadata_and_body_end(text: str, body: str | None, meta: dict[str, str]) -> None:
    doc = document_from_text(text)
    assert doc.text == text
    assert doc.meta.to_dict() == meta
    assert doc.meta.body_end == (None if body is None else len(body))
    if body is not None:
        assert text[:doc.meta.body_end] == body


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, EPAPER_META),
        (DocMeta(title="给定标题"), {**EPAPER_META, "title": "给定标题"}),
        (DocMeta(date="2023-07-20", url="https://a.cn/1.html"), {**EPAPER_META, "date": "2023-07-20",
                                                                 "url": "https://a.cn/1.html"}),
        (DocMeta(body_end=3), EPAPER_META),  # body_end comes from the text, never from the input
    ],
    ids=["nothing-given", "given-title-wins", "given-date-wins", "given-body-end-ignored"],
)
def test_document_from_text_given_meta_wins(given: DocMeta | None, expected: dict[str, str]) -> None:
    before = None if given is None else DocMeta(**given.to_dict(), body_end=given.body_end)
    doc = document_from_text(BODY + STRIPPED, meta=given)
    assert doc.meta.to_dict() == expected
    assert doc.meta.body_end == len(BODY)
    if given is not None:  # the caller's object is not modified
        assert doc.meta is not given and given.to_dict() == before.to_dict()  # type: ignore[union-attr]
        assert given.body_end == before.body_end  # type: ignore[union-attr]


def test_document_from_text_keeps_the_fields_given_and_never_invents_published() -> None:
    doc = document_from_text(BODY + STRIPPED, doc_id="d1", source="http://a.cn/1.html")
    assert (doc.doc_id, doc.published, doc.source) == ("d1", None, "http://a.cn/1.html")
    assert document_from_text(BODY, published="2023-07-01").published == "2023-07-01"
    assert document_from_text(BODY).doc_id == "-"


# --------------------------------------------------------------------------------------------
# document_from_bytes


TRADITIONAL_LINE = "今年前三季度,全區實現地區生產總值949.84億元,增長3.1%;一般公共預算收入達到18.56億元,同比增長36.7%。"
TRADITIONAL = (TRADITIONAL_LINE + "\n") * 3  # long enough for charset detection to tell Big5 from GBK


@pytest.mark.parametrize(
    ("name", "data", "text"),
    [
        ("r.txt", BODY.encode("utf-8"), BODY),
        ("r.txt", BODY.encode("utf-8-sig"), BODY),
        ("r.txt", (BODY * 4).encode("gbk"), BODY * 4),
        ("r.txt", TRADITIONAL.encode("big5"), TRADITIONAL),
        ("r.md", BODY.encode("utf-8"), BODY),  # any name but .html/.htm is plain text
        ("r.html", f'<meta charset="gb2312"><p>{BODY}</p>'.encode("gbk"), BODY),
        # too short to detect: undeclared, these GBK bytes would read as Big5 (彶⻌崝酗)
        ("r.html", '<meta charset="gbk"><p>收入增长</p>'.encode("gbk"), "收入增长"),
        ("r.htm", f'<meta http-equiv="Content-Type" content="text/html; charset=big5"><p>{TRADITIONAL_LINE}</p>'
         .encode("big5"), TRADITIONAL_LINE),
        ("R.HTML", f"<script>x=1</script><p>{BODY}</p>".encode(), BODY),
    ],
    ids=["utf-8", "utf-8-bom", "gbk", "big5", "other-suffix", "html-declared-gb2312", "html-declared-gbk-short",
         "html-declared-big5",
         "html-upper-case-suffix"],
)
def test_document_from_bytes_decodes_text_and_html(name: str, data: bytes, text: str) -> None:
    doc = document_from_bytes(data, f"in/{name}")
    assert doc.text == text
    assert (doc.doc_id, doc.source) == (Path(name).stem, f"in/{name}")


@pytest.mark.parametrize(
    ("name", "data", "meta", "body"),
    [
        ("r.txt", (BODY + STRIPPED).encode("gbk"), EPAPER_META, BODY),
        ("r.txt", ("第A06版:要闻\n" + BODY + "\n" + STRIPPED).encode(), {**EPAPER_META, "page": "A06"},
         "第A06版:要闻\n" + BODY + "\n"),
        ("r.html", f"<title>页面标题_某市政府</title><p>{BODY}</p><p>{STRIPPED}</p>".encode(),
         {**EPAPER_META, "title": "页面标题"}, BODY + "\n"),
        ("r.html", f"<p>{BODY}</p>{TAGGED}".encode(), EPAPER_META, None),  # the comment is not in the text
        ("r.txt", BODY.encode(), {}, None),
    ],
    ids=["txt-one-line-trailer", "txt-header-and-trailer", "html-title-wins", "html-enp-comment", "no-trailer"],
)
def test_document_from_bytes_epaper_metadata_and_body_end(name: str, data: bytes, meta: dict[str, str],
                                                          body: str | None) -> None:
    doc = document_from_bytes(data, name)
    assert doc.meta.to_dict() == meta
    assert doc.published == meta.get("date")
    assert doc.meta.body_end == (None if body is None else len(body))
    assert doc.text[:doc.meta.body_end] == (doc.text if body is None else body)


@pytest.mark.parametrize(
    ("name", "data", "code", "max_bytes"),
    [
        ("empty.txt", b"", "E_EMPTY", 1000),
        ("blank.txt", b" \n\t\n", "E_EMPTY", 1000),
        ("empty.html", b"", "E_EMPTY", 1000),
        ("blank.html", b"<html><script>var a = 1;</script><p> </p></html>", "E_EMPTY", 1000),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E_BINARY", 1000),
        ("nul.txt", "收入\x00增长".encode(), "E_BINARY", 1000),
        ("latin.txt", "résumé très élevé à côté. ".encode("latin-1") * 20, "E_ENCODING", 10_000),
        ("big.txt", BODY.encode() * 10, "E_TOO_LARGE", 100),
        ("big.html", f"<p>{BODY}</p>".encode() * 10, "E_TOO_LARGE", 100),
    ],
)
def test_document_from_bytes_errors_name_the_input(name: str, data: bytes, code: str, max_bytes: int) -> None:
    with pytest.raises(DocumentError) as info:
        document_from_bytes(data, f"in/{name}", max_bytes=max_bytes)
    assert (info.value.where, info.value.code) == (f"in/{name}", code)


def test_document_from_bytes_id_and_source_can_be_given() -> None:
    doc = document_from_bytes(BODY.encode(), "上半年快报.txt", doc_id="upload", source="upload:上半年快报.txt")
    assert (doc.doc_id, doc.source) == ("upload", "upload:上半年快报.txt")


# --------------------------------------------------------------------------------------------
# DocMeta.body_end: derived from the text, never serialised or compared


@pytest.mark.parametrize(
    "meta",
    [DocMeta(body_end=0), DocMeta(body_end=120), DocMeta(title="标题", body_end=7),
     DocMeta(title="t", date="2023-07-19", source_name="s", page="A06", url="https://a.cn", body_end=5),
     document_from_text(BODY + STRIPPED).meta, document_from_bytes((BODY + STRIPPED).encode(), "r.txt").meta],
    ids=["zero", "only-body-end", "with-title", "every-field", "from-text", "from-bytes"],
)
def test_docmeta_to_dict_never_holds_body_end(meta: DocMeta) -> None:
    assert meta.body_end is not None
    out = meta.to_dict()
    assert "body_end" not in out
    assert DocMeta(**out) == meta  # equality ignores body_end
    assert json.loads(json.dumps(out)) == out


def test_docmeta_doctests() -> None:
    assert doctest.testmod(zhibiao.model).failed == 0


def test_docmeta_fill_meta_keeps_body_end() -> None:
    assert fill_meta(DocMeta(body_end=4), DocMeta(title="t", body_end=9)).body_end == 4
    assert fill_meta(DocMeta(), DocMeta(title="t", body_end=9)).body_end == 9
    assert fill_meta(DocMeta(body_end=0), DocMeta(body_end=9)).body_end == 0


# --------------------------------------------------------------------------------------------
# every ingest reader: the same text gives the same Document metadata


def _via_text_file(tmp_path: Path, text: str) -> Document | DocumentError:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    (item,) = iter_documents([path])
    return item


def _via_jsonl(tmp_path: Path, text: str, **record: Any) -> Document | DocumentError:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"doc_id": "r", "text": text, **record}, ensure_ascii=False) + "\n", encoding="utf-8")
    (item,) = iter_documents([path])
    return item


@pytest.mark.parametrize("read", [_via_text_file, _via_jsonl], ids=["text-file", "jsonl"])
@pytest.mark.parametrize("text", [BODY, BODY + STRIPPED, "第A06版:要闻\n" + BODY + "\n" + STRIPPED + "\n"],
                         ids=["plain", "one-line-trailer", "header-and-trailer"])
def test_readers_agree_with_document_from_text(tmp_path: Path, read: Any, text: str) -> None:
    doc = read(tmp_path, text)
    expected = document_from_text(text).meta
    assert isinstance(doc, Document)
    assert (doc.meta.to_dict(), doc.meta.body_end) == (expected.to_dict(), expected.body_end)


def test_jsonl_record_meta_wins_and_body_end_comes_from_the_text(tmp_path: Path) -> None:
    doc = _via_jsonl(tmp_path, BODY + STRIPPED, meta={"title": "语料标题", "body_end": 1})
    assert isinstance(doc, Document)
    assert doc.meta.to_dict() == {**EPAPER_META, "title": "语料标题"}
    assert doc.meta.body_end == len(BODY)
    assert doc.published is None
