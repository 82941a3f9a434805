"""The zhibiao command line, through typer's CliRunner (and one real subprocess)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from zhibiao.cli import RunStats, app, facts_table, highlighted_text
from zhibiao.ingest import DEFAULT_MAX_BYTES
from zhibiao.model import Indicator, Person, Projects, Ranking

Write = Callable[[str, bytes | str], Path]
WriteJsonl = Callable[[str, list[Any]], Path]

runner = CliRunner()


def _run(*args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args])


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def test_cli_extract_batch_with_bad_inputs(fake_extractor: Any, write: Write, write_jsonl: WriteJsonl,
                                           tmp_path: Path) -> None:
    good = write("good.txt", "本报讯 完成一般公共预算收入18.56亿元、同比增长36.7%。[注]")
    binary = write("binary.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    empty = write("empty.txt", b"")
    corpus = write_jsonl("corpus.jsonl", [
        {"doc_id": "j1", "published": "2023-07-19", "source": "s1", "text": "收入2.5亿元"},
        '{"doc_id": "j2", "text": "broken',
        {"doc_id": "j3", "published": None, "source": "s3", "text": "没有数字"},
    ])
    out = tmp_path / "out" / "pred.jsonl"
    result = _run("extract", good, binary, empty, corpus, "-o", out)

    assert result.exit_code == 1
    errors = _error_lines(result.stderr)
    assert len(errors) == 3
    assert [e for e in errors if str(binary) in e] == [f"error: {binary}: E_BINARY: the file is not text "
                                                        "(binary content) (PNG image)"]
    assert len([e for e in errors if f"{empty}: E_EMPTY" in e]) == 1
    assert len([e for e in errors if f"{corpus}:2: E_JSON" in e]) == 1
    assert "3 documents, 2 facts, 3 errors" in result.stderr

    records = _lines(out)
    assert [r["doc_id"] for r in records] == ["good", "j1", "j3"]
    for record in records:
        assert {"doc_id", "text", "meta", "facts"} <= set(record)
    assert records[0]["text"] == good.read_text(encoding="utf-8")
    assert records[0]["facts"] == [{"type": "indicator", "subject": None, "name": "figure", "period": None,
                                    "value": None, "unit": None, "change": None, "qualifier": None,
                                    "parent": None, "quote": "18.56亿元", "start": 14, "end": 21}]
    assert records[1] == {"doc_id": "j1", "published": "2023-07-19", "source": "s1", "text": "收入2.5亿元",
                          "meta": {}, "facts": [records[1]["facts"][0]]}
    assert records[2]["facts"] == []
    assert not list(out.parent.glob("*.partial"))


def test_cli_extract_too_large_document(fake_extractor: Any, write: Write, tmp_path: Path) -> None:
    sentence = "今年上半年,完成一般公共预算收入18.56亿元、同比增长36.7%。\n".encode()
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        # Slightly over the default limit of 50,000,000 bytes.
        f.write(sentence * (DEFAULT_MAX_BYTES // len(sentence) + 2))
    assert DEFAULT_MAX_BYTES < big.stat().st_size < DEFAULT_MAX_BYTES + 1000
    before = write("a.txt", "收入1亿元")
    after = write("c.txt", "收入3亿元")
    out = tmp_path / "pred.jsonl"

    result = _run("extract", before, big, after, "-o", out)

    assert result.exit_code == 1
    errors = _error_lines(result.stderr)
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {big}: E_TOO_LARGE: ")
    assert [r["doc_id"] for r in _lines(out)] == ["a", "c"]


def test_cli_extract_echoes_jsonl_records(fake_extractor: Any, write_jsonl: WriteJsonl,
                                          epaper_sample: Path) -> None:
    text = epaper_sample.read_text(encoding="utf-8")
    record = {"doc_id": "seed", "published": "2023-07-19", "source": "x.txt", "text": text,
              "meta": {"source_name": "淮安日报社", "section": "经开区"}, "facts": ["old"], "tag": 1}
    result = _run("extract", write_jsonl("in.jsonl", [record]))
    assert result.exit_code == 0, result.stderr
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert list(line) == ["doc_id", "published", "source", "text", "meta", "facts", "tag"]
    assert line["text"] == text
    assert line["tag"] == 1
    # Given meta wins; recovered fields fill the rest.
    assert line["meta"] == {"source_name": "淮安日报社", "section": "经开区",
                            "title": "经开区召开攻坚行动动员大会",
                            "date": "2023-07-19", "page": "A06", "date_source": "epaper"}
    assert line["facts"] != ["old"]
    assert all(text[f["start"]:f["end"]] == f["quote"] for f in line["facts"])
    assert "淮安日报" in result.stdout  # ensure_ascii=False


def test_cli_extract_reports_an_extractor_failure(fake_extractor: Any, write: Write, tmp_path: Path) -> None:
    out = tmp_path / "pred.jsonl"
    result = _run("extract", write("ok.txt", "收入1亿元"), write("bad.txt", "EXPLODE 收入2亿元"), "-o", out)
    assert result.exit_code == 1
    assert _error_lines(result.stderr) == [
        "error: bad: E_EXTRACT: extraction failed on this document "
        "(RuntimeError: extractor bug over two lines)"]
    assert [r["doc_id"] for r in _lines(out)] == ["ok"]


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ({"a.txt": "收入1亿元", "b.txt": "收入2亿元"}, 0),
        ({"a.txt": "收入1亿元", "b.txt": b""}, 1),
        ({"a.txt": b"", "b.txt": b"\x00\x01"}, 2),
        ({}, 2),
    ],
    ids=["all-good", "some-bad", "all-bad", "nothing"],
)
def test_cli_extract_exit_codes(files: dict[str, str | bytes], code: int, fake_extractor: Any,
                                write: Write, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for name, content in files.items():
        write(f"in/{name}", content)
    result = _run("extract", tmp_path / "in", "-o", tmp_path / "out.jsonl")
    assert result.exit_code == code
    assert "Traceback" not in result.stderr


def test_cli_extract_progress_keeps_error_lines_whole(fake_extractor: Any, write: Write,
                                                     tmp_path: Path) -> None:
    long_name = "很长的文件名" * 6 + ".txt"
    args = ["extract", "--progress", str(write(long_name, b"")), str(write("a.txt", "1亿元")),
            "-o", str(tmp_path / "o.jsonl")]
    result = runner.invoke(app, args, env={"COLUMNS": "40"})
    assert result.exit_code == 1
    (error,) = _error_lines(result.stderr)
    assert error.endswith("E_EMPTY: the document is empty")
    assert long_name in error


@pytest.mark.parametrize(
    ("documents", "errors", "code"),
    [(0, 0, 0), (10, 0, 0), (10, 1, 1), (1, 99, 1), (1, 100, 2), (0, 3, 2)],
)
def test_cli_run_stats_exit_code(documents: int, errors: int, code: int) -> None:
    assert RunStats(documents=documents, errors=errors).exit_code() == code


def test_cli_extract_output_may_overwrite_its_input(fake_extractor: Any, write_jsonl: WriteJsonl) -> None:
    path = write_jsonl("c.jsonl", [{"doc_id": f"d{i}", "text": f"收入{i}亿元"} for i in range(1, 4)])
    result = _run("extract", path, "-o", path)
    assert result.exit_code == 0
    assert [len(r["facts"]) for r in _lines(path)] == [1, 1, 1]


def test_cli_extract_unwritable_output(fake_extractor: Any, write: Write) -> None:
    blocker = write("file", "x")
    result = _run("extract", write("a.txt", "收入1亿元"), "-o", blocker / "out.jsonl")
    assert result.exit_code == 2
    assert len(_error_lines(result.stderr)) == 1
    assert "Traceback" not in result.stderr


def test_cli_extract_real_extractor_on_seeds(tmp_path: Path) -> None:
    """The real extractor (whatever its progress) behind the CLI: shape and offsets only."""
    seeds = Path(__file__).parent / "data" / "seeds.jsonl"
    out = tmp_path / "pred.jsonl"
    result = _run("extract", seeds, "-o", out)
    assert result.exit_code == 0, result.stderr
    given = _lines(seeds)
    got = _lines(out)
    assert [(r["doc_id"], r["text"]) for r in got] == [(r["doc_id"], r["text"]) for r in given]
    for record in got:
        assert isinstance(record["meta"], dict) and isinstance(record["facts"], list)
        assert all(record["text"][f["start"]:f["end"]] == f["quote"] for f in record["facts"])


def test_cli_entry_point_subprocess(write: Write) -> None:
    """The installed ``zhibiao`` script in its own process (real extractor): JSONL on stdout,
    the summary on stderr."""
    path = write("a.txt", "收入1亿元")
    script = Path(sys.executable).with_name("zhibiao")
    command = ([str(script)] if script.exists()
               else [sys.executable, "-c", "from zhibiao.cli import main; main()"])
    command += ["extract", str(path)]
    proc = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)
    assert proc.returncode == 0, proc.stderr
    (line,) = proc.stdout.splitlines()
    assert json.loads(line)["doc_id"] == "a"
    assert "1 documents" in proc.stderr


# --------------------------------------------------------------------------------------------
# show


def test_cli_show_table_and_text(fake_extractor: Any, write: Write) -> None:
    path = write("r.txt", "第A06版:要闻\n收入[bold]18.56亿元[/bold],增长36.7%。")
    result = runner.invoke(app, ["show", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "1 facts" in result.stdout
    assert "18.56亿元" in result.stdout
    assert "page: A06" in result.stdout
    # Document text is printed verbatim, not read as Rich markup.
    assert "收入[bold]18.56亿元[/bold],增长36.7%。" in result.stdout


def test_cli_show_picks_a_jsonl_document(fake_extractor: Any, write_jsonl: WriteJsonl) -> None:
    path = write_jsonl("c.jsonl", [{"doc_id": "a", "text": "甲收入1亿元"}, "{bad",
                                   {"doc_id": "b", "text": "乙收入2亿元"}])
    first = _run("show", path)
    chosen = _run("show", path, "--doc-id", "b")
    assert first.exit_code == 0 and "甲收入" in first.stdout and "乙收入" not in first.stdout
    assert chosen.exit_code == 0 and "乙收入" in chosen.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--doc-id", "nope"], "no document with doc_id 'nope'"),
        ([], "E_EMPTY"),
    ],
)
def test_cli_show_failures_are_one_line(args: list[str], message: str, fake_extractor: Any,
                                        write_jsonl: WriteJsonl, write: Write) -> None:
    path = write_jsonl("c.jsonl", [{"doc_id": "a", "text": "甲"}]) if args else write("e.txt", b"")
    result = _run("show", path, *args)
    assert result.exit_code == 1
    assert any(message in line for line in _error_lines(result.stderr))
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("fact", "name", "value"), [
    (Projects(stage="signed", min_investment=Decimal(10000000), count=Decimal(3), investment=Decimal(645000000),
              currency="USD"), "项目 signed ≥10,000,000 USD", "3 个, 645,000,000 USD"),
    (Projects(stage="signed", category="外资", count=Decimal(10), investment=Decimal(5770000000)),
     "项目 signed 外资", "10 个, 5,770,000,000 CNY"),
    (Ranking(indicator="实际使用外资增速", scope="全市", bottom=True), "实际使用外资增速", "全市 last"),
    (Ranking(indicator="一般公共预算收入增速", scope="全市", rank=1), "一般公共预算收入增速", "全市 #1"),
    (Ranking(indicator="综合排名", scope="全省", top=True), "综合排名", "全省 top"),
])
def test_cli_show_table_says_currency_and_last_place(fact: Any, name: str, value: str) -> None:
    out = io.StringIO()
    Console(file=out, width=300, color_system=None).print(facts_table([fact]))
    row = next(line for line in out.getvalue().splitlines() if "│ 1 " in line)
    cells = [cell.strip() for cell in row.split("│")[1:-1]]   # #, type, subject, name, period, value …
    assert (cells[3], cells[5]) == (name, value)


def test_cli_highlighted_text_styles_each_evidence_span() -> None:
    text = "书记徐子佳说,收入18.56亿元。"
    facts = [Person(name="徐子佳", quote="书记徐子佳", start=0, end=5),
             Indicator(name="收入", quote="18.56亿元", start=10, end=17),
             Indicator(name="bad offsets", start=5, end=99)]
    rich_text = highlighted_text(text, facts)
    assert rich_text.plain == text
    assert [(s.start, s.end, str(s.style)) for s in rich_text.spans] == [
        (0, 5, "black on green"), (10, 17, "black on yellow")]


# --------------------------------------------------------------------------------------------
# eval and help


def test_cli_eval_scores_gold_against_itself(dev_gold: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    result = _run("eval", dev_gold, dev_gold, "--json", out)
    assert result.exit_code == 0, result.stderr
    assert "micro P=1.000 R=1.000 F1=1.000" in result.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["documents"] == 8


def test_cli_eval_kinds_counts_failures_without_showing_them(dev_gold: Path, tmp_path: Path) -> None:
    lines = dev_gold.read_text(encoding="utf-8").splitlines()
    emptied = [json.dumps({**json.loads(line), "facts": []}, ensure_ascii=False) for line in lines]
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(emptied) + "\n", encoding="utf-8")
    result = _run("eval", dev_gold, pred, "--kinds")
    assert result.exit_code == 0, result.stderr
    kinds = result.stdout.split("failure kinds", 1)[1]
    gold_facts = sum(len(json.loads(line)["facts"]) for line in lines)
    missed = sum(int(row.split()[1]) for row in kinds.splitlines()[1:] if "missed: nothing here" in row)
    assert 0 < missed <= gold_facts  # every gold fact missed (persons merged by name), none shown
    assert "MISSED" not in result.stdout


def test_cli_eval_missing_file_is_one_line(dev_gold: Path, tmp_path: Path) -> None:
    result = _run("eval", dev_gold, tmp_path / "missing.jsonl")
    assert result.exit_code == 2
    assert len(_error_lines(result.stderr)) == 1
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ([], ["extract", "show", "eval"]),
        (["extract"], ["--output", "--max-bytes", "--progress", "JSONL corpora"]),
        (["show"], ["--doc-id", "--max-bytes", "highlighted"]),
        (["eval"], ["--show-errors", "--json", "Gold JSONL"]),
    ],
)
def test_cli_help(command: list[str], expected: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for text in expected:
        assert text in result.stdout


def test_cli_version() -> None:
    result = _run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("zhibiao ")


def test_cli_extract_published_and_zone_fill_what_inputs_leave_open(write: Write, write_jsonl: WriteJsonl,
                                                                   tmp_path: Path) -> None:
    """--published dates a text without one, --zone names its unresolved subjects; a JSONL
    record's own published and zone win; a bad date or a blank zone is one error line."""
    text = "上半年,经开区完成一般公共预算收入9.5亿元,同比增长3.1%。"
    folder = write("site/a.txt", text).parent
    corpus = write_jsonl("own.jsonl", [{"doc_id": "own", "published": "2022-07-18", "zone": "金坛区", "text": text}])
    out = tmp_path / "out.jsonl"
    result = _run("extract", folder, corpus, "-o", out, "--published", "2023年7月19日", "--zone", "淮安经开区")
    assert result.exit_code == 0, result.output
    by_id = {r["doc_id"]: r for r in _lines(out)}
    site, own = by_id["a"], by_id["own"]
    assert (site["published"], site["zone"]) == ("2023-07-19", "淮安经开区")
    assert [(f["subject"], f["period"]) for f in site["facts"]] == [("淮安经济技术开发区", "2023-01/2023-06")]
    assert (own["published"], own["zone"]) == ("2022-07-18", "金坛区")
    assert [(f["subject"], f["period"]) for f in own["facts"]] == [("金坛区", "2022-01/2022-06")]
    bad = _run("extract", folder, "--published", "2023-02-30")
    assert bad.exit_code == 2 and "--published '2023-02-30' is no calendar date" in bad.output
    blank = _run("extract", folder, "--zone", "  ")
    assert blank.exit_code == 2 and "--zone must be" in blank.output
