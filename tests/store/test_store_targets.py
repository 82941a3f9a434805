"""Targets and progress on SQLite and PostgreSQL: a target beside the actual figure of the same
zone, indicator and year so far, the progress computed and as stated, target ranks beside places."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from zhibiao.cli import app
from zhibiao.store import Store

TEXT = ("今年,金坛区力争实现一般公共预算收入40亿元,同比增长8%。上半年,金坛区完成一般公共预算收入20.1亿元,"
        "同比增长5.2%,完成年度目标的50.3%。")
OTHER = "今年,武进区确保地区生产总值增长6%。上半年,武进区完成一般公共预算收入60.2亿元,同比增长4.4%。"


def test_store_targets_beside_actuals_with_progress(db_url: str, write_jsonl: Callable[[str, list[Any]], Path]) -> None:
    corpus = write_jsonl("t.jsonl", [{"doc_id": "jintan", "published": "2023-07-19", "text": TEXT},
                                     {"doc_id": "wujin", "published": "2023-07-20", "text": OTHER}])
    with Store(db_url) as store:
        store.ingest([corpus])
        rows, _ranks = store.targets()
        by_zone = {r.zone: r for r in rows}
        jintan = by_zone["金坛区"]
        assert (jintan.indicator, jintan.period, jintan.target, jintan.target_change_pct) == (
            "一般公共预算收入", "2023", Decimal(4000000000), Decimal(8))
        assert (jintan.actual, jintan.actual_period, jintan.progress_pct) == (Decimal(2010000000), "2023H1",
                                                                             Decimal("50.2"))
        assert jintan.stated_progress_pct == Decimal("50.3") and jintan.stated_source is not None
        assert jintan.source.quote == "一般公共预算收入40亿元,同比增长8%"
        assert jintan.actual_source is not None and jintan.actual_source.quote.startswith("一般公共预算收入20.1亿元")
        only, _ = store.targets("金坛区")
        assert [r.zone for r in only] == ["金坛区"]
        # a target is never compared with results
        assert {r.zone: r.value for r in store.compare("一般公共预算收入", "2023")} == {}


def test_store_targets_command(tmp_path: Path, write_jsonl: Callable[[str, list[Any]], Path]) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    corpus = write_jsonl("t.jsonl", [{"doc_id": "jintan", "published": "2023-07-19", "text": TEXT}])
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(corpus), "--db", url]).exit_code == 0
    shown = runner.invoke(app, ["targets", "金坛区", "--db", url, "-f", "csv"])
    assert shown.exit_code == 0, shown.output
    assert "金坛区,一般公共预算收入,2023,4000000000,CNY,2010000000,2023H1,50.2,50.3" in shown.output
    missing = runner.invoke(app, ["targets", "不存在区", "--db", url])
    assert missing.exit_code == 1 and "no facts about zone" in missing.output
