"""No bad record stops a run (issue 10): each reproduction of the issue is one document's error or
warning line naming it, every good document goes on — in extract, ingest (SQLite and PostgreSQL),
batch and upload — and a rerun changes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from batch.helpers import read_facts, run
from zhibiao.cli import app
from zhibiao.model import DocMeta, Document, Fact, Indicator, Projects, Ranking
from zhibiao.store import Store
from zhibiao.store.schema import DocumentRow, FactRow

LOCAL = "http://127.0.0.1"  # the server answers to loopback names only (Host check)

runner = CliRunner()
Write = Callable[[str, bytes | str], Path]

GOOD_TEXT = "今年上半年,淮安经济技术开发区完成一般公共预算收入18.56亿元、同比增长36.7%。"
GOOD = json.dumps({"doc_id": "good", "published": "2023-07-19", "text": GOOD_TEXT}, ensure_ascii=False)
DIGITS = "9" * 400
# The reproductions: one JSONL line each → (the code of its error line, or None when the
# document is kept with a warning, that warning's code)
BAD_LINES: dict[str, tuple[str, str | None, str | None]] = {
    "deep": ("[" * 100_000, "E_JSON", None),
    "deep-object": ('{"text": "收入5亿元", "meta": ' + '{"a": ' * 200 + "1" + "}" * 200 + "}", "E_JSON", None),
    "surrogate": ('{"doc_id": "surr", "text": "\\u589e\\u957f5%\\ud800"}', None, "W_TEXT"),
    "nul": ('{"doc_id": "nul", "text": "收入18亿元\\u0000增长5%"}', None, "W_TEXT"),
    "digits-400": (json.dumps({"doc_id": "digits", "text": f"税占比{DIGITS}%,增长{DIGITS}.5%,收入{DIGITS}亿元。"},
                              ensure_ascii=False), None, None),
    "float-overflow": ('{"doc_id": "f", "text": "收入5亿元", "score": 1e999}', "E_JSON", None),
    "nan": ('{"doc_id": "n", "text": "收入5亿元", "score": NaN}', "E_JSON", None),
    "int-5000-digits": ('{"doc_id": ' + "7" * 5000 + ', "text": "收入5亿元"}', "E_JSON", None),
    "long-id": (json.dumps({"doc_id": "x" * 5000, "text": "收入5亿元"}), "E_SCHEMA", None),
    "bad-published": ('{"doc_id": "p", "text": "收入5亿元", "published": "2023-13-45"}', None, "W_PUBLISHED"),
    "word-published": ('{"doc_id": "w", "text": "收入5亿元", "published": "abc"}', None, "W_PUBLISHED"),
    "int-published": ('{"doc_id": "i", "text": "收入5亿元", "published": 20230719}', None, "W_PUBLISHED"),
}


def _codes(lines: str, kind: str) -> list[str]:
    return [line.split(": ")[2] for line in lines.splitlines() if line.startswith(f"{kind}: ")]


def _corpus(write: Write, name: str) -> tuple[Path, Path]:
    line = BAD_LINES[name][0]
    return write("good.jsonl", GOOD + "\n"), write("bad.jsonl", line + "\n")


@pytest.mark.parametrize("name", sorted(BAD_LINES))
def test_reliability_extract_bad_line_is_one_error_and_the_good_document_is_written(
        name: str, write: Write, tmp_path: Path) -> None:
    good, bad = _corpus(write, name)
    _, error_code, warning_code = BAD_LINES[name]
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(good), str(bad), "-o", str(out)])
    assert result.exit_code == (1 if error_code else 0), result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line, parse_constant=lambda c: pytest.fail(f"{c} written")) for line in lines]
    assert records[0]["doc_id"] == "good" and records[0]["facts"][0]["value"] == 1856000000
    assert "Traceback" not in result.output
    if error_code:
        assert len(records) == 1
        (error,) = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
        assert error.startswith(f"error: {bad}:1: {error_code}: ")
    else:
        assert len(records) == 2 and "error:" not in result.stderr
        assert _codes(result.stderr, "warning") == ([warning_code] if warning_code else [])
        assert "\ud800" not in out.read_text(encoding="utf-8", errors="surrogatepass")


@pytest.mark.parametrize("name", ["deep", "surrogate", "digits-400", "long-id", "nul", "bad-published"])
def test_reliability_ingest_bad_line_is_recorded_the_good_document_stored_and_rerun_is_idempotent(
        name: str, db_url: str, write: Write) -> None:
    good, bad = _corpus(write, name)
    _, error_code, _warning = BAD_LINES[name]
    first = runner.invoke(app, ["ingest", str(bad), str(good), "--db", db_url])
    assert first.exit_code == (1 if error_code else 0), first.output
    assert "Traceback" not in first.output
    with Store(db_url) as store:
        after_first = store.summary()
        errors = [(e.location, e.code) for e in store.errors()]
        with Session(store.engine) as session:
            stored = dict(session.execute(select(DocumentRow.doc_id, DocumentRow.text)).all())
            values = session.scalars(select(FactRow.value)).all()
    assert stored["good"] == GOOD_TEXT
    assert all(v is None or abs(v) < 1e18 for v in values)
    if error_code:
        assert errors == [(f"{bad}:1", error_code)] and len(stored) == 1
    else:
        assert errors == [] and len(stored) == 2
        assert all("\x00" not in t and "\ud800" not in t for t in stored.values())
    again = runner.invoke(app, ["ingest", str(bad), str(good), "--db", db_url])
    assert again.exit_code == first.exit_code
    with Store(db_url) as store:
        assert store.summary() == after_first


def test_reliability_published_is_a_date_or_null(db_url: str, write: Write) -> None:
    lines = [json.dumps({"doc_id": d, "text": f"{d}报告:收入5亿元。", "published": p}, ensure_ascii=False)
             for d, p in (("a", "abc"), ("b", "2023-13-45"), ("c", "2023年7月19日"), ("d", "2023-07-19"))]
    result = runner.invoke(app, ["ingest", str(write("p.jsonl", "\n".join(lines))), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert _codes(result.stderr, "warning") == ["W_PUBLISHED", "W_PUBLISHED", "W_META"]
    with Store(db_url) as store, Session(store.engine) as session:
        published = dict(session.execute(select(DocumentRow.doc_id, DocumentRow.published)).all())
    assert published == {"a": None, "b": None, "c": "2023-07-19", "d": "2023-07-19"}


def _extractor_of(facts: list[Fact]) -> Callable[[list[Document]], list[Any]]:
    def extract(docs: list[Document]) -> list[Any]:
        return [(DocMeta(), list(facts)) for _ in docs]
    return extract


HUGE_FACTS: list[Fact] = [
    Indicator(name="税占比", value=Decimal(DIGITS + ".5"), unit="%", quote="税占比", start=0, end=3),
    Indicator(name="增速", value=Decimal(5), change=None, unit="%", quote="增速", start=3, end=5),
    Indicator(name="无穷", value=Decimal("Infinity"), unit="%", quote="无穷", start=5, end=7),
    Projects(count=Decimal("NaN"), quote="项目", start=7, end=9),
    Ranking(rank=10**12, quote="第", start=9, end=10),
]


def test_reliability_store_keeps_only_facts_within_the_columns(db_url: str) -> None:
    """A fact whose number is infinite, NaN, beyond 1e18 or beyond the integer columns is left out
    with a warning naming the document; the document and its sound facts are stored."""
    doc = Document(doc_id="huge", text="税占比增速无穷项目第一")
    with Store(db_url, extract_batch=_extractor_of(HUGE_FACTS)) as store:
        stats = store.ingest_documents([doc])
        with Session(store.engine) as session:
            names = session.scalars(select(FactRow.name)).all()
    assert (stats.stored, stats.facts, stats.errors) == (1, 1, 0)
    assert names == ["增速"]
    assert [w.split(": ")[:2] for w in stats.warnings] == [["huge", "W_FACT"]] * 4
    assert "税占比: value has 400 digits" in stats.warnings[0]


def test_reliability_extract_never_writes_infinity(write: Write, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import zhibiao.extract as extract_module

    monkeypatch.setattr(extract_module, "extract_document", lambda doc: (DocMeta(), list(HUGE_FACTS)))
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(write("a.txt", "税占比增速无穷项目第一")), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Infinity" not in text and "NaN" not in text
    (record,) = [json.loads(line) for line in text.splitlines()]
    assert [f["name"] for f in record["facts"]] == ["增速"]
    assert _codes(result.stderr, "warning") == ["W_FACT"] * 4


def test_reliability_extractor_recursion_error_is_that_documents_error(
        write: Write, tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception deep in extraction (RecursionError here) is E_EXTRACT for its document only."""
    import zhibiao.extract as extract_module

    real = extract_module.extract_document

    def extract(doc: Document) -> tuple[DocMeta, list[Fact]]:
        if "深" in doc.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc)

    monkeypatch.setattr(extract_module, "extract_document", extract)
    good, bad = write("good.jsonl", GOOD + "\n"), write("deep.txt", "深层嵌套的文本")
    result = runner.invoke(app, ["extract", str(bad), str(good), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1
    assert "error: deep: E_EXTRACT: extraction failed on this document (RecursionError: maximum" in result.stderr
    assert json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))["doc_id"] == "good"
    with Store(db_url) as store:
        stats = store.ingest([bad, good])
        assert (stats.stored, [(e.where, e.code) for e in stats.error_list]) == (1, [("deep", "E_EXTRACT")])


def test_reliability_batch_bad_lines_are_errors_of_their_lines_and_the_shard_completes(tmp_path: Path) -> None:
    lines = [GOOD] + [BAD_LINES[name][0] for name in ("deep", "surrogate", "digits-400", "long-id", "nan",
                                                     "int-published")]
    path = tmp_path / "in" / "mixed.jsonl"
    path.parent.mkdir()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = run([path], tmp_path / "out", shard_size=100)
    assert (summary.failed_shards, summary.total.failed) == (0, 3)
    assert summary.total.failed_by_code == {"E_JSON": 2, "E_SCHEMA": 1}
    errors = [json.loads(line) for p in (tmp_path / "out" / "errors").glob("*.jsonl")
              for line in p.read_text(encoding="utf-8").splitlines()]
    assert sorted((e["where"].rsplit(":", 1)[1], e["code"]) for e in errors) == [
        ("2", "E_JSON"), ("5", "E_SCHEMA"), ("6", "E_JSON")]
    facts = [row for rows in read_facts(tmp_path / "out").values() for row in rows]
    assert {row["doc_id"] for row in facts} >= {"good"}
    assert all(row["value"] is None or abs(row["value"]) < 1e18 for row in facts)


def test_reliability_upload_of_bad_lines_answers_200_and_stores_the_good(db_url: str) -> None:
    from zhibiao.serve import create_app

    body = "\n".join([BAD_LINES["deep"][0], BAD_LINES["surrogate"][0], BAD_LINES["digits-400"][0], GOOD])
    with TestClient(create_app(db_url), base_url=LOCAL) as client:
        response = client.post("/api/upload", files={"file": ("mixed.jsonl", body.encode(), "application/json")},
                               headers={"Origin": LOCAL})
        assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert [(e["where"], e["code"]) for e in data["errors"]] == [("mixed.jsonl:1", "E_JSON")]
    assert [w.split(": ")[:2] for w in data["warnings"]] == [["surr", "W_TEXT"]]
    with Store(db_url) as store, Session(store.engine) as session:
        stored = set(session.scalars(select(DocumentRow.doc_id)))
    assert stored == {"good", "surr", "digits"}


TRAILERS = {
    "tagged": "<!--enpproperty <articleid>220711</articleid><date>2023-07-19</date><title>经开区召开大会</title>"
              "<nodename>淮安日报</nodename>/enpproperty-->",
    "founder": "<!--enpproperty <founder-date>2023-07-19</founder-date><founder-title>经开区召开大会</founder-title>"
               "/enpproperty-->",
    "stripped": "2023-07-19 干在实处 1 1 淮安日报 content_220711.html 1 3 经开区召开大会 /enpproperty-->",
}


@pytest.mark.parametrize("trailer", sorted(TRAILERS))
def test_reliability_one_line_document_with_an_epaper_trailer_keeps_its_facts(
        trailer: str, write: Write, tmp_path: Path) -> None:
    """Crawled corpora lose their newlines: a one-line report ending in its e-paper trailer still
    yields its facts, dated by the trailer, through every reader (issue 10, 6)."""
    text = GOOD_TEXT + TRAILERS[trailer]
    txt = write("one.txt", text)
    jsonl = write("one.jsonl", json.dumps({"doc_id": "one", "text": text}, ensure_ascii=False) + "\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(txt), str(jsonl), "-o", str(out)])
    assert result.exit_code == 0, result.output
    for record in map(json.loads, out.read_text(encoding="utf-8").splitlines()):
        assert record["meta"]["date"] == "2023-07-19"
        assert [(f["name"], f["value"], f["period"]) for f in record["facts"]] == [
            ("一般公共预算收入", 1856000000, "2023-01/2023-06")]
    summary = run([jsonl], tmp_path / "batch", shard_size=10)
    facts = [row for rows in read_facts(tmp_path / "batch").values() for row in rows]
    assert summary.total.failed == 0 and [(r["name"], r["value"]) for r in facts] == [("一般公共预算收入", 1.856e9)]
