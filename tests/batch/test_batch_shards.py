"""Shard planning (stable ids, slices) and reading (JSONL plain/gz/zst, Parquet, folders)."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from zhibiao.batch.shards import Columns, ShardSpec, plan_shards, read_shard
from zhibiao.errors import DocumentError
from zhibiao.ingest import iter_documents
from zhibiao.model import Document

from .helpers import DEV_FILES, dev_records, write_jsonl


def _specs(inputs: list[Path], size: int) -> list[ShardSpec]:
    planned = list(plan_shards(inputs, size))
    assert all(isinstance(s, ShardSpec) for s in planned), planned
    return planned  # type: ignore[return-value]


def _docs(specs: list[ShardSpec], columns: Columns | None = None) -> list[Document | DocumentError]:
    return [item for spec in specs for item in read_shard(spec, columns or Columns())]


def _key(doc: Document | DocumentError) -> tuple[Any, ...]:
    if isinstance(doc, DocumentError):
        return ("error", doc.where, doc.code)
    return (doc.doc_id, doc.text, doc.published, doc.source)


def _compress(plain: Path, suffix: str) -> Path:
    data = plain.read_bytes()
    target = plain.with_name(plain.name + suffix)
    if suffix == ".gz":
        target.write_bytes(gzip.compress(data))
    else:
        target.write_bytes(zstandard.ZstdCompressor().compress(data))
    return target


@pytest.mark.parametrize("suffix", ["", ".gz", ".zst"])
@pytest.mark.parametrize("size", [1, 3, 4, 100])
def test_shards_of_a_jsonl_file_read_back_every_document_once(tmp_path: Path, suffix: str, size: int) -> None:
    records = dev_records()
    plain = write_jsonl(tmp_path / "dev.jsonl", records)
    path = _compress(plain, suffix) if suffix else plain
    specs = _specs([path], size)
    assert len(specs) == -(-len(records) // size)
    # the same documents as the ingest reader's, with their ids (FACTS.md shape)
    expected = [_key(d) for d in iter_documents([plain])]
    assert [_key(d) for d in _docs(specs)] == expected
    assert all((s.offset >= 0) == (suffix == "") for s in specs)


def test_shard_ids_are_stable_and_depend_on_the_slicing() -> None:
    first = [s.shard_id for s in _specs(list(DEV_FILES), 3)]
    again = [s.shard_id for s in _specs(list(DEV_FILES), 3)]
    other = [s.shard_id for s in _specs(list(DEV_FILES), 4)]
    assert first == again
    assert len(set(first)) == len(first)
    assert not set(first) & set(other)


def test_blank_lines_and_a_last_line_without_newline(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"doc_id": "a", "text": "甲"}\n\n{"doc_id": "b", "text": "乙"}\n{"doc_id": "c", "text": "丙"}',
                    encoding="utf-8")
    specs = _specs([path], 2)
    assert [(s.start, s.stop) for s in specs] == [(0, 2), (2, 4)]
    assert [d.doc_id for d in _docs(specs)] == ["a", "b", "c"]  # type: ignore[union-attr]


def test_parquet_with_named_columns_sliced_across_row_groups(tmp_path: Path) -> None:
    records = dev_records()
    table = pa.table({
        "body": [r["text"] for r in records],
        "key": [f"k{i}" for i in range(len(records))],
        "link": [r["source"] for r in records],
        "day": [dt.date.fromisoformat(r["published"]) if r["published"] else None for r in records],
    })
    path = tmp_path / "crawl.parquet"
    pq.write_table(table, path, row_group_size=3)
    columns = Columns(text="body", id="key", url="link", date="day")
    specs = _specs([path], 4)
    assert [(s.start, s.stop) for s in specs] == [(0, 4), (4, 8), (8, 12)]
    docs = _docs(specs, columns)
    assert [(d.doc_id, d.text, d.source, d.published) for d in docs] == [  # type: ignore[union-attr]
        (f"k{i}", r["text"], r["source"], r["published"]) for i, r in enumerate(records)]


def test_parquet_without_the_text_column_is_a_clear_shard_error(tmp_path: Path) -> None:
    path = tmp_path / "notext.parquet"
    pq.write_table(pa.table({"content": ["正文"], "id": ["x"]}), path)
    (spec,) = _specs([path], 10)
    with pytest.raises(DocumentError) as info:
        list(read_shard(spec))
    assert info.value.code == "E_SCHEMA"
    assert 'no column "text"' in info.value.message and "content" in info.value.message


def test_folder_of_text_and_html_files_in_groups(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    for i, record in enumerate(dev_records()):
        if i % 2:
            (folder / "html").mkdir(parents=True, exist_ok=True)
            (folder / "html" / f"{record['doc_id']}.html").write_text(
                f"<html><head><title>t</title></head><body><p>{record['text']}</p></body></html>", encoding="utf-8")
        else:
            folder.mkdir(exist_ok=True)
            (folder / f"{record['doc_id']}.txt").write_text(record["text"], encoding="utf-8")
    specs = _specs([folder], 3)
    assert all(s.kind == "files" and len(s.files) <= 3 for s in specs)
    assert [_key(d) for d in _docs(specs)] == [_key(d) for d in iter_documents([folder])]


def test_missing_input_is_a_planning_error(tmp_path: Path) -> None:
    planned = list(plan_shards([tmp_path / "nope.jsonl", tmp_path / "nope.txt"], 10))
    assert [type(p) for p in planned] == [DocumentError, DocumentError]
    assert all(p.code == "E_READ" for p in planned)  # type: ignore[union-attr]


def test_truncated_gzip_reads_what_it_can_then_one_read_error(tmp_path: Path) -> None:
    plain = write_jsonl(tmp_path / "dev.jsonl", dev_records())
    data = gzip.compress(plain.read_bytes())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    items = _docs(_specs([path], 4))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, DocumentError)]
    assert 0 < len(docs) < 10
    assert len(errors) >= 1 and errors[0].code == "E_READ"


def test_shard_work_units_pickle(tmp_path: Path) -> None:
    """What Dask and the process pool ship to workers: plain picklable values, and an importable
    top-level function."""
    import pickle

    from zhibiao.batch.worker import ShardOptions, process_shard

    (spec, *_) = _specs(list(DEV_FILES), 3)
    options = ShardOptions(out_dir=str(tmp_path), columns=Columns(text="body"), prefilter=False)
    assert pickle.loads(pickle.dumps(spec)) == spec
    assert pickle.loads(pickle.dumps(options)) == options
    assert pickle.loads(pickle.dumps(process_shard)) is process_shard


ONE_LINE = "今年上半年,全区完成一般公共预算收入18.56亿元、同比增长36.7%。"
TRAILER = "2023-07-19 干在实处 1 1 淮安日报 content_220711.html 1 3 经开区召开攻坚行动动员大会 /enpproperty-->"


def _one_doc_jsonl(tmp_path: Path, record: dict[str, Any]) -> list[ShardSpec]:
    return _specs([write_jsonl(tmp_path / "c.jsonl", [record])], 10)


def _one_doc_parquet(tmp_path: Path, record: dict[str, Any]) -> list[ShardSpec]:
    path = tmp_path / "c.parquet"
    pq.write_table(pa.table({k: [v] for k, v in record.items() if k != "meta"}), path)
    return _specs([path], 10)


def _one_doc_folder(tmp_path: Path, record: dict[str, Any]) -> list[ShardSpec]:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text(record["text"], encoding="utf-8")
    return _specs([tmp_path / "in"], 10)


@pytest.mark.parametrize("plan", [_one_doc_jsonl, _one_doc_parquet, _one_doc_folder],
                         ids=["jsonl", "parquet", "folder"])
@pytest.mark.parametrize(
    ("text", "meta", "body_end"),
    [
        (ONE_LINE + TRAILER, {"title": "经开区召开攻坚行动动员大会", "date": "2023-07-19", "source_name": "淮安日报"},
         len(ONE_LINE)),
        ("第A06版:要闻\n" + ONE_LINE, {"page": "A06"}, None),
        (ONE_LINE, {}, None),
    ],
    ids=["one-line-trailer", "page-header", "plain"],
)
def test_read_shard_documents_carry_the_metadata_and_body_end_of_their_text(
        tmp_path: Path, plan: Any, text: str, meta: dict[str, str], body_end: int | None) -> None:
    (doc,) = _docs(plan(tmp_path, {"text": text}))
    assert isinstance(doc, Document)
    assert (doc.meta.to_dict(), doc.meta.body_end) == (meta, body_end)


def test_read_shard_jsonl_meta_given_wins_over_the_text(tmp_path: Path) -> None:
    record = {"id": "a", "text": ONE_LINE + TRAILER, "meta": {"title": "语料标题", "page": "A01", "body_end": 3}}
    (doc,) = _docs(_one_doc_jsonl(tmp_path, record))
    assert isinstance(doc, Document)
    assert doc.meta.to_dict() == {"title": "语料标题", "date": "2023-07-19", "source_name": "淮安日报", "page": "A01"}
    assert doc.meta.body_end == len(ONE_LINE)
    assert doc.published is None  # an input field: the trailer's date is metadata only


@pytest.mark.parametrize(
    "line",
    ['{"doc_id": "x"}', '{"doc_id": "x", "text": 12}', '{"doc_id": "x", "text": " \\n"}',
     '{"doc_id": {"a": 1}, "text": "t"}', '{"doc_id": true, "text": "t"}', '["not", "an", "object"]', "not json at all",
     '{"text": "a"} trailing'],
    ids=["no-text", "int-text", "blank-text", "dict-id", "bool-id", "array", "garbage", "trailing-garbage"],
)
def test_read_shard_bad_records_get_the_errors_of_the_ingest_reader(tmp_path: Path, line: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(line + "\n" + '{"doc_id": "ok", "text": "正文"}\n', encoding="utf-8")
    by_batch, ok = _docs(_specs([path], 10))
    by_reader, _ = iter_documents([path])
    assert isinstance(by_batch, DocumentError) and isinstance(by_reader, DocumentError)
    assert by_reader.where == f"{path}:1"
    assert (by_batch.where, by_batch.code) == (by_reader.where, by_reader.code)
    assert by_batch.detail.replace('"id"', '"doc_id"') == by_reader.detail
    assert isinstance(ok, Document) and ok.doc_id == "ok"


@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_read_shard_jsonl_with_a_byte_order_mark_reads_as_the_ingest_reader(tmp_path: Path, suffix: str) -> None:
    # a BOM at the start of the file, and one left in the middle where two files were concatenated
    lines = [b'\xef\xbb\xbf{"doc_id": "a", "text": "\xe7\x94\xb2"}\r\n', b'{"doc_id": "b", "text": "\xe4\xb9\x99"}\n',
             b'\xef\xbb\xbf{"doc_id": "c", "text": "\xe4\xb8\x99"}\n']
    plain = tmp_path / "bom.jsonl"
    plain.write_bytes(b"".join(lines))
    path = _compress(plain, suffix) if suffix else plain
    by_batch = _docs(_specs([path], 2))
    assert [_key(d) for d in by_batch] == [("a", "甲", None, None), ("b", "乙", None, None), ("c", "丙", None, None)]
    assert [_key(d) for d in by_batch] == [_key(d) for d in iter_documents([plain])]


@pytest.mark.parametrize(
    ("line", "code"),
    [(b"\xef\xbb\xbf", "E_EMPTY"), ("\u3000\u3000".encode(), "E_EMPTY"), (b'{"text": "\x00\x00"}', "E_BINARY"),
     (b"%PDF-1.7 obj", "E_BINARY"), (b'{"text": "\xe7\x94\xb2', "E_JSON"), ('{"text": "甲"'.encode("gbk"), "E_JSON")],
    ids=["bom-only", "ideographic-spaces", "nul", "pdf", "cut-utf-8", "cut-gbk"],
)
def test_read_shard_undecodable_lines_get_the_errors_of_the_ingest_reader(tmp_path: Path, line: bytes,
                                                                         code: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(line + b"\n" + '{"doc_id": "ok", "text": "正文"}\n'.encode())
    by_batch, ok = _docs(_specs([path], 10))
    by_reader, _ = iter_documents([path])
    assert isinstance(by_batch, DocumentError) and isinstance(by_reader, DocumentError)
    assert (by_batch.where, by_batch.code, by_batch.detail) == (f"{path}:1", code, by_reader.detail)
    assert by_reader.code == code
    assert isinstance(ok, Document) and ok.doc_id == "ok"
