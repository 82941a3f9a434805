"""zhibiao.ingest.iter_documents: corpora, files and folders in, documents or errors out."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zhibiao.errors import DocumentError
from zhibiao.ingest import iter_documents
from zhibiao.model import DocMeta, Document

Write = Callable[[str, bytes | str], Path]
WriteJsonl = Callable[[str, list[Any]], Path]


def _outline(items: list[Document | DocumentError]) -> list[tuple[str, str]]:
    """(kind, id or where:code) per item, for comparing whole sequences."""
    return [("doc", i.doc_id) if isinstance(i, Document) else ("error", f"{i.where}:{i.code}")
            for i in items]


def test_reader_jsonl_malformed_line_in_the_middle(write_jsonl: WriteJsonl) -> None:
    path = write_jsonl("corpus.jsonl", [
        {"doc_id": "a", "text": "甲地收入1亿元。"},
        '{"doc_id": "b", "text": "乙地收入',
        {"doc_id": "c", "text": "丙地收入3亿元。"},
    ])
    items = list(iter_documents([path]))
    assert _outline(items) == [("doc", "a"), ("error", f"{path}:2:E_JSON"), ("doc", "c")]
    assert "column" in items[1].message


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ({"doc_id": "x"}, "E_SCHEMA"),
        ({"doc_id": "x", "text": 12}, "E_SCHEMA"),
        ({"doc_id": "x", "text": None}, "E_SCHEMA"),
        ({"doc_id": "x", "text": ""}, "E_EMPTY"),
        ({"doc_id": "x", "text": " \n\u3000"}, "E_EMPTY"),
        ({"doc_id": {"a": 1}, "text": "正文"}, "E_SCHEMA"),
        (["not", "an", "object"], "E_SCHEMA"),
        ("not json at all", "E_JSON"),
        ('{"doc_id": "x", "text": "a"} trailing', "E_JSON"),
    ],
    ids=["no-text", "int-text", "null-text", "empty-text", "blank-text", "dict-id",
         "array", "garbage", "trailing-garbage"],
)
def test_reader_jsonl_bad_records(line: Any, code: str, write_jsonl: WriteJsonl) -> None:
    path = write_jsonl("c.jsonl", [line, {"doc_id": "ok", "text": "正文"}])
    items = list(iter_documents([path]))
    assert _outline(items) == [("error", f"{path}:1:{code}"), ("doc", "ok")]


def test_reader_jsonl_keeps_every_other_key(write_jsonl: WriteJsonl) -> None:
    record = {"doc_id": "d1", "published": "2023-07-19", "source": "http://a.cn/1.html",
              "text": "正文", "meta": {"title": "标题", "lang": "zh"}, "facts": [{"type": "person"}],
              "crawl": {"at": "2024-01-01"}}
    (doc,) = iter_documents([write_jsonl("c.jsonl", [record])])
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.published, doc.source) == ("d1", "2023-07-19", "http://a.cn/1.html")
    assert doc.text == "正文"
    assert doc.extra == {"meta": {"title": "标题", "lang": "zh"}, "facts": [{"type": "person"}],
                         "crawl": {"at": "2024-01-01"}}
    assert list(doc.extra) == ["meta", "facts", "crawl"]
    assert doc.meta == DocMeta(title="标题")


def test_reader_jsonl_derives_stable_doc_ids(write_jsonl: WriteJsonl) -> None:
    records = [{"text": "一"}, "", {"doc_id": "", "text": "二"}, {"doc_id": 7, "text": "三"}]
    path = write_jsonl("corpus.jsonl", records)
    ids = [d.doc_id for d in iter_documents([path])]
    assert ids == ["corpus.jsonl:1", "corpus.jsonl:3", "7"]
    assert ids == [d.doc_id for d in iter_documents([path])]


def test_reader_jsonl_reads_the_epaper_trailer_in_text(epaper_sample: Path, write_jsonl: WriteJsonl) -> None:
    text = epaper_sample.read_text(encoding="utf-8")
    (doc,) = iter_documents([write_jsonl("c.jsonl", [{"doc_id": "s", "text": text}])])
    assert doc.meta == DocMeta(title="经开区召开攻坚行动动员大会", date="2023-07-19",
                               source_name="淮安日报", page="A06")
    assert doc.published is None  # an input field: not invented by the reader
    assert doc.text == text


def test_reader_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl.gz"
    lines = [json.dumps({"doc_id": f"d{i}", "text": f"第{i}篇"}, ensure_ascii=False) for i in range(3)]
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    assert [d.doc_id for d in iter_documents([path])] == ["d0", "d1", "d2"]


def test_reader_jsonl_gz_corrupt(write: Write) -> None:
    path = write("broken.jsonl.gz", gzip.compress(b'{"doc_id": "a", "text": "x"}\n' * 50)[:40])
    items = list(iter_documents([path]))
    assert items and isinstance(items[-1], DocumentError) and items[-1].code == "E_READ"


def test_reader_jsonl_line_over_the_limit(write_jsonl: WriteJsonl) -> None:
    path = write_jsonl("c.jsonl", [{"doc_id": "big", "text": "长" * 500}, {"doc_id": "small", "text": "短"}])
    items = list(iter_documents([path], max_bytes=200))
    assert _outline(items) == [("error", f"{path}:1:E_TOO_LARGE"), ("doc", "small")]


def test_reader_jsonl_gbk_line(write: Write, simplified_text: str) -> None:
    line = json.dumps({"doc_id": "g", "text": simplified_text}, ensure_ascii=False).encode("gbk")
    (doc,) = iter_documents([write("gbk.jsonl", line + b"\n")])
    assert doc.text == simplified_text


def test_reader_jsonl_line_with_a_byte_order_mark(write: Write) -> None:
    # at the start of the file, and in the middle where two files were concatenated
    lines = ['\ufeff{"doc_id": "a", "text": "甲"}', '{"doc_id": "b", "text": "乙"}',
             '\ufeff{"doc_id": "c", "text": "丙"}']
    docs = list(iter_documents([write("bom.jsonl", "\r\n".join(lines) + "\r\n")]))
    assert [(d.doc_id, d.text) for d in docs] == [("a", "甲"), ("b", "乙"), ("c", "丙")]  # type: ignore[union-attr]


def test_reader_text_file(epaper_sample: Path) -> None:
    (doc,) = iter_documents([epaper_sample])
    assert doc.doc_id == "000_74faa45ff7a60390"
    assert doc.source == str(epaper_sample)
    assert doc.published == "2023-07-19"
    assert doc.text == epaper_sample.read_text(encoding="utf-8")
    assert doc.meta.page == "A06"
    assert doc.extra == {}


@pytest.mark.parametrize("encoding", ["gbk", "big5", "utf-8-sig"])
def test_reader_text_file_encodings(encoding: str, traditional_text: str, write: Write) -> None:
    (doc,) = iter_documents([write(f"r-{encoding}.txt", traditional_text.encode(encoding))])
    assert doc.text == traditional_text


def test_reader_html_file_with_declared_gbk(write: Write) -> None:
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            '<title>上半年经济_某市政府</title><meta name="PubDate" content="2023-07-19"></head>'
            "<body><p>收入18.56亿元</p></body></html>")
    (doc,) = iter_documents([write("page.html", html.encode("gbk"))])
    assert (doc.doc_id, doc.text, doc.published) == ("page", "收入18.56亿元", "2023-07-19")
    assert doc.meta == DocMeta(title="上半年经济", date="2023-07-19")


def test_reader_html_without_text_is_empty(write: Write) -> None:
    (err,) = iter_documents([write("blank.htm", "<html><script>var a = 1;</script></html>")])
    assert isinstance(err, DocumentError) and err.code == "E_EMPTY"


def test_reader_folder_sorted_supported_only(write: Write, write_jsonl: WriteJsonl, tmp_path: Path) -> None:
    write("in/b.txt", "乙")
    write("in/a.html", "<p>甲</p>")
    write("in/sub/c.txt", "丙")
    write("in/.hidden.txt", "隐藏")
    write("in/.git/d.txt", "仓库")
    write("in/notes.md", "笔记")
    write("in/img.png", b"\x89PNG\r\n\x1a\n")
    write_jsonl("in/z.jsonl", [{"doc_id": "z1", "text": "己"}])
    items = list(iter_documents([tmp_path / "in"]))
    assert _outline(items) == [("doc", "a"), ("doc", "b"), ("doc", "z1"), ("doc", "c")]


def test_reader_order_follows_the_arguments(write: Write) -> None:
    paths = [write("2.txt", "二"), write("1.txt", "一")]
    assert [d.doc_id for d in iter_documents(paths)] == ["2", "1"]


def test_reader_too_large_file_is_not_read(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    big = write("big.txt", "很长的报告。" * 100)
    small = write("small.txt", "短报告。")
    real_open = Path.open

    def guarded_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        assert self != big, "an over-limit file must not be opened"
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    items = list(iter_documents([big, small], max_bytes=1000))
    assert _outline(items) == [("error", f"{big}:E_TOO_LARGE"), ("doc", "small")]
    assert "1800 bytes > 1000" in items[0].message


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"", "E_EMPTY"),
        ("blank.txt", b"\n\n  \n", "E_EMPTY"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E_BINARY"),
        ("latin.txt", "résumé très élevé à côté. ".encode("latin-1") * 20, "E_ENCODING"),
    ],
)
def test_reader_bad_files(name: str, content: bytes, code: str, write: Write) -> None:
    path = write(name, content)
    (err,) = iter_documents([path])
    assert isinstance(err, DocumentError)
    assert (err.where, err.code) == (str(path), code)


@pytest.mark.parametrize("name", ["missing.txt", "missing.jsonl", "missing.jsonl.gz", "missing.html"])
def test_reader_missing_path_is_a_read_error(name: str, tmp_path: Path) -> None:
    missing = str(tmp_path / name)
    (err,) = iter_documents([missing])
    assert isinstance(err, DocumentError)
    assert (err.where, err.code) == (missing, "E_READ")
    assert "No such file" in err.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("name", ["pipe.txt", "pipe.jsonl"])
def test_reader_special_file_is_not_read(name: str, tmp_path: Path) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    (err,) = iter_documents([fifo])  # would block forever if it were opened and read
    assert isinstance(err, DocumentError)
    assert (err.code, err.detail) == ("E_READ", "not a regular file")
