"""zhibiao export: CSV (UTF-8 with BOM), XLSX and Parquet, one row a fact, with provenance."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zhibiao.errors import QueryError
from zhibiao.store import Store
from zhibiao.store.queries import EXPORT_COLUMNS

WriteJsonl = Callable[[str, list[Any]], Path]
BatchExtract = Callable[[list[Any]], list[Any]]


def _read(path: Path, fmt: str) -> list[dict[str, Any]]:
    if fmt == "csv":
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
        with path.open(encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))
    if fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True)["facts"]
        rows = list(sheet.iter_rows(values_only=True))
        # a read-only sheet ends a row at its last non-empty cell (rule is empty for gold facts)
        assert all(len(r) <= len(rows[0]) for r in rows)
        return [dict(zip(rows[0], (*r, *[None] * (len(rows[0]) - len(r))), strict=True)) for r in rows[1:]]
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


@pytest.fixture
def sample_store(db_url: str, samples_dir: Path) -> Store:
    store = Store(db_url)
    store.ingest([samples_dir])
    return store


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_store_export_formats_round_trip(sample_store: Store, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"facts.{fmt}"
    with sample_store as store:
        count = store.export(path)
        counted = store.summary()["counted_facts"]
    rows = _read(path, fmt)
    assert count == counted == len(rows) > 40
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    budget = [r for r in rows if r["indicator_id"] == "general_budget_revenue"]
    assert len(budget) == 1
    row = budget[0]
    assert row["zone_id"] == "淮安经济技术开发区" and row["indicator"] == "一般公共预算收入"
    # numbers: base units; integral values without ".0" in text formats
    assert float(row["value"]) == 1856000000 and float(row["change_pct"]) == 36.7
    if fmt != "parquet":
        assert str(row["value"]) == "1856000000"
    assert row["quote"] == "一般公共预算收入18.56亿元、同比增长36.7%"
    assert (row["doc_id"], row["published"]) == ("000_74faa45ff7a60390", "2023-07-19")
    assert str(row["quote_start"]) == "61" and len(row["content_hash"]) == 64
    assert not list(tmp_path.glob("*.partial"))


def test_store_export_parquet_types(sample_store: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    with sample_store as store:
        store.export(tmp_path / "f.parquet")
    schema = pq.read_schema(tmp_path / "f.parquet")
    assert {schema.field(c).type.__str__() for c in ("value", "change_pct", "investment")} == {"double"}
    assert {schema.field(c).type.__str__() for c in ("fact_id", "rank", "quote_start")} == {"int64"}
    assert schema.field("quote").type.__str__() == "string"


@pytest.mark.parametrize(("filters", "expected"), [
    ({"type": "person"}, {"person"}),
    ({"indicator": "一般预算收入"}, {"indicator"}),
    ({"zone": "淮安经开区", "period": "2023H1"}, {"indicator", "projects"}),
    ({"zone": "盐城经开区", "type": "ranking"}, {"ranking"}),
])
def test_store_export_filters(sample_store: Store, tmp_path: Path, filters: dict[str, str],
                              expected: set[str]) -> None:
    with sample_store as store:
        count = store.export(tmp_path / "f.csv", **filters)
    rows = _read(tmp_path / "f.csv", "csv")
    assert count == len(rows) > 0 and {r["type"] for r in rows} == expected
    if "zone" in filters:
        assert all(r["zone_id"].endswith("经济技术开发区") for r in rows)


@pytest.mark.parametrize(("path", "fmt", "message"), [
    ("f.txt", None, "unknown export format 'txt'"),
    ("f", None, "unknown export format '(none)'"),
    ("f.csv", "docx", "unknown export format 'docx'"),
])
def test_store_export_bad_format(sample_store: Store, tmp_path: Path, path: str, fmt: str | None,
                                 message: str) -> None:
    with sample_store as store, pytest.raises(QueryError, match=re.escape(message)):
        store.export(tmp_path / path, fmt)


def test_store_export_text_never_becomes_a_formula(db_url: str, tmp_path: Path, write_jsonl: WriteJsonl,
                                                   gold_extractor: BatchExtract) -> None:
    quote = "=HYPERLINK(\"http://x\",\"1亿元\")"
    corpus = write_jsonl("evil.jsonl", [{"doc_id": "@evil", "text": quote + "\x0b", "facts": [
        {"type": "indicator", "subject": "+甲区", "name": "-收入", "period": None, "value": 100000000,
         "unit": "CNY", "change": None, "qualifier": None, "parent": None, "quote": quote, "start": 0,
         "end": len(quote)}]}])
    with Store(db_url, extract_batch=gold_extractor) as store:
        store.ingest([corpus])
        store.export(tmp_path / "f.csv")
        store.export(tmp_path / "f.xlsx")
    csv_row = _read(tmp_path / "f.csv", "csv")[0]
    assert (csv_row["quote"], csv_row["doc_id"], csv_row["subject"], csv_row["name"]) == (
        "'" + quote, "'@evil", "'+甲区", "'-收入")
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "f.xlsx")["facts"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("quote") + 1)
    assert (cell.value, cell.data_type) == (quote, "s")
    assert sheet.cell(row=2, column=header.index("value") + 1).value == 100000000


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_store_export_currency_and_bottom_columns(money_db: str, tmp_path: Path, fmt: str) -> None:
    """Every format has a currency column (projects: the currency their amounts are in) and a
    bottom column (rankings: a last place); the other fact types leave them empty."""
    path = tmp_path / f"facts.{fmt}"
    with Store(money_db) as store:
        assert store.export(path) == 5
    rows = _read(path, fmt)
    assert "currency" in rows[0] and "bottom" in rows[0]
    empty = {"csv": "", "xlsx": None, "parquet": None}[fmt]
    yes, no = {"csv": ("true", "false"), "xlsx": (True, False), "parquet": (True, False)}[fmt]
    got = [(r["type"], r["investment"] and float(r["investment"]), r["currency"], r["rank"], r["bottom"])
           for r in rows]
    rank_one = {"csv": "1", "xlsx": 1, "parquet": 1}[fmt]
    assert got == [
        ("projects", 645000000, "CNY", empty, empty),
        ("projects", 645000000, "USD", empty, empty),   # the amount as written, in USD
        ("ranking", empty, empty, empty, yes),
        ("ranking", empty, empty, rank_one, no),
        ("indicator", empty, empty, empty, empty),
    ]


def test_store_export_parquet_types_of_currency_and_bottom(money_db: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    with Store(money_db) as store:
        store.export(tmp_path / "f.parquet")
    schema = pq.read_schema(tmp_path / "f.parquet")
    assert (str(schema.field("currency").type), str(schema.field("bottom").type)) == ("string", "bool")
    assert schema.names.index("currency") == schema.names.index("investment") + 1
    assert schema.names.index("bottom") == schema.names.index("top") + 1
