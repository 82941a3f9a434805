"""The fact store commands through Typer's CliRunner: output formats, exit codes, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from zhibiao.cli import app

Write = Callable[[str, bytes | str], Path]

runner = CliRunner()
WIDE = {"COLUMNS": "220"}


def _run(*args: str | Path, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, [str(a) for a in args], env=env or WIDE)


@pytest.fixture
def ingested(db_url: str, samples_dir: Path) -> str:
    result = _run("ingest", samples_dir, "--db", db_url)
    assert result.exit_code == 0, result.output
    assert "2 stored (0 copies), 0 already stored" in result.stderr
    return db_url


def test_store_cli_ingest_twice(ingested: str, samples_dir: Path) -> None:
    again = _run("ingest", samples_dir, "--db", ingested)
    assert again.exit_code == 0
    assert "0 stored (0 copies), 2 already stored, 0 facts" in again.stderr


def test_store_cli_compare_table(ingested: str) -> None:
    result = _run("compare", "--indicator", "一般公共预算收入", "--period", "2023H1", "--db", ingested)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "淮安经济技术开发区" in out and "18.56亿元" in out and "+36.7%" in out
    assert "000_74faa45ff7a60390 · 淮安日报 · 2023-07-19" in out
    assert "一般公共预算收入18.56亿元、同比增长36.7%" in out


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_store_cli_compare_machine_formats(ingested: str, fmt: str) -> None:
    result = _run("compare", "-i", "一般预算收入", "-p", "2023-01..06", "-f", fmt, "--db", ingested)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        rows = json.loads(result.stdout)
        assert rows[0]["value"] == "1856000000" and rows[0]["change_pct"] == "36.7"
        assert rows[0]["source"]["quote"] == "一般公共预算收入18.56亿元、同比增长36.7%"
        assert rows[0]["conflict"] is False
    else:
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert (rows[0]["zone"], rows[0]["value"], rows[0]["value_text"], rows[0]["rank"]) == (
            "淮安经济技术开发区", "1856000000", "18.56亿元", "1")


@pytest.mark.parametrize(("args", "message"), [
    (("compare", "-i", "预算收入", "-p", "2023H1"), "error: unknown indicator '预算收入'; did you mean"),
    (("compare", "-i", "一般公共预算收入", "-p", "H1"), "error: period 'H1' not understood"),
    (("profile", "火星开发区"), "error: no facts about zone '火星开发区'"),
    (("export", "-o", "x.docx"), "error: unknown export format 'docx'"),
])
def test_store_cli_domain_errors_are_one_line(ingested: str, args: tuple[str, ...], message: str,
                                              tmp_path: Path) -> None:
    full = [a if a != "x.docx" else str(tmp_path / a) for a in args]
    result = _run(*full, "--db", ingested)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message)
    assert "Traceback" not in result.output


def test_store_cli_bad_database_url(tmp_path: Path) -> None:
    result = _run("compare", "-i", "一般公共预算收入", "-p", "2023H1", "--db", "nosuch://x")
    assert result.exit_code == 1 and result.stderr.startswith("error: cannot use nosuch://x")


def test_store_cli_empty_answers(db_url: str) -> None:
    result = _run("compare", "-i", "一般公共预算收入", "-p", "2023H1", "--db", db_url)
    assert result.exit_code == 0 and result.stdout == ""
    assert "no figures for 一般公共预算收入 over 2023H1" in result.stderr
    assert "no conflicts" in _run("conflicts", "--db", db_url).stderr
    assert "no document errors recorded" in _run("errors", "--db", db_url).stderr


@pytest.mark.parametrize(("args", "expected"), [
    (("profile", "淮安经开区"), ["一般公共预算收入", "18.56亿元", "2023H1", "项目·签约", "49个 · 280.63亿元"]),
    (("pipeline",), ["盐城经济技术开发区", "≥100亿元", "37个", "淮安经济技术开发区", "280.63亿元"]),
    (("pipeline", "盐城经开区"), ["盐城经济技术开发区", "新开工超亿元项目37个"]),
    (("conflicts",), []),
])
def test_store_cli_question_tables(ingested: str, args: tuple[str, ...], expected: list[str]) -> None:
    result = _run(*args, "--db", ingested)
    assert result.exit_code == 0, result.output
    for text in expected:
        assert text in result.stdout, text


def test_store_cli_pipeline_zone_filter_excludes_others(ingested: str) -> None:
    result = _run("pipeline", "盐城经开区", "-f", "json", "--db", ingested)
    assert {row["zone"] for row in json.loads(result.stdout)} == {"盐城经济技术开发区"}


def test_store_cli_pipeline_shows_each_currency_apart(money_db: str) -> None:
    """The USD figure of a size class says USD in every format, on its own row beside the CNY one."""
    table = _run("pipeline", "--db", money_db)
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    usd = [line for line in lines if "≥1000万美元" in line]
    cny = [line for line in lines if "≥1000万元" in line]
    assert len(usd) == len(cny) == 1
    assert "3个" in usd[0] and "6.45亿美元" in usd[0]
    assert "12个" in cny[0] and "6.45亿元" in cny[0] and "美元" not in cny[0]
    rows = json.loads(_run("pipeline", "-f", "json", "--db", money_db).stdout)
    assert [(r["currency"], r["count"], r["investment"]) for r in rows] == [
        ("CNY", "12", "645000000"), ("USD", "3", "645000000")]
    flat = list(csv.DictReader(io.StringIO(_run("pipeline", "-f", "csv", "--db", money_db).stdout)))
    assert [(r["currency"], r["count"]) for r in flat] == [("CNY", "12"), ("USD", "3")]


def test_store_cli_profile_shows_a_last_place_as_last(money_db: str) -> None:
    result = _run("profile", "淮安经开区", "-f", "csv", "--db", money_db)
    assert result.exit_code == 0, result.output
    shown = {r["quote"]: r["value_text"] for r in csv.DictReader(io.StringIO(result.stdout))}
    assert shown["实际使用外资增速全市倒数第一"] == "全市倒数第一"
    assert shown["一般公共预算收入增速全市第一"] == "全市第1"
    assert shown["签约1000万美元以上项目3个、协议总投资6.45亿美元"] == "3个 · 6.45亿美元 · ≥1000万美元"


def test_store_cli_errors_and_exit_codes(db_url: str, write: Write) -> None:
    good = write("good.txt", "本报讯 今年上半年,淮安经开区完成一般公共预算收入18.56亿元、同比增长36.7%。")
    bad = write("bad.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    some = _run("ingest", good, bad, "--db", db_url)
    assert some.exit_code == 1
    assert f"error: {bad}: E_BINARY" in some.stderr
    listed = _run("errors", "--db", db_url, "-f", "json")
    assert [(e["code"], e["location"], e["count"]) for e in json.loads(listed.stdout)] == [("E_BINARY", str(bad), 1)]
    table = _run("errors", "--db", db_url)
    assert "E_BINARY" in table.stdout and str(bad) in table.stdout
    assert _run("ingest", bad, "--db", db_url).exit_code == 2
    assert _run("ingest", write("empty_dir/.keep", ""), "--db", db_url).exit_code == 2


def test_store_cli_export(ingested: str, tmp_path: Path) -> None:
    out = tmp_path / "nested" / "facts.xlsx"
    result = _run("export", "-o", out, "--zone", "淮安经开区", "--db", ingested)
    assert result.exit_code == 0, result.output
    assert out.exists() and f"facts → {out}" in result.stderr
    csv_out = tmp_path / "facts.data"
    assert _run("export", "-o", csv_out, "--format", "csv", "--type", "person", "--db", ingested).exit_code == 0
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbffact_id,")


def test_store_cli_default_database_is_sqlite_file_in_cwd(samples_dir: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ZHIBIAO_DB", raising=False)
    result = runner.invoke(app, ["ingest", str(samples_dir / "000_74faa45ff7a60390.txt")], env={"ZHIBIAO_DB": ""})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "zhibiao.db").exists() and "sqlite:///zhibiao.db" in result.stderr


@pytest.mark.parametrize("command", ["ingest", "compare", "profile", "pipeline", "conflicts", "export", "errors"])
def test_store_cli_help(command: str) -> None:
    result = _run(command, "--help")
    assert result.exit_code == 0 and "--db" in result.stdout
