"""The indicator taxonomy (data/indicators.toml) and the precision-first name resolver."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from zhibiao.errors import QueryError
from zhibiao.resolve.indicators import (
    FACTS_UNITS,
    canonical_indicator,
    indicators,
    normalize_name,
    resolve_indicator,
)

RAW = tomllib.loads(resources.files("zhibiao").joinpath("data/indicators.toml").read_text(encoding="utf-8"))
ENTRIES = RAW["indicator"]


def test_indicators_taxonomy_has_at_least_sixty_entries() -> None:
    assert len(indicators()) >= 60


def test_indicators_ids_are_unique_snake_case() -> None:
    ids = [e["id"] for e in ENTRIES]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["id"])
def test_indicators_every_name_and_alias_resolves_to_its_own_id(entry: dict[str, object]) -> None:
    for alias in [entry["name"], *entry["aliases"]]:  # type: ignore[list-item]
        assert canonical_indicator(alias) == entry["id"], alias


def test_indicators_no_alias_claimed_by_two_ids() -> None:
    owners: dict[str, set[str]] = {}
    for entry in ENTRIES:
        for alias in [entry["name"], *entry["aliases"]]:
            owners.setdefault(normalize_name(alias), set()).add(entry["id"])
    assert {alias: ids for alias, ids in owners.items() if len(ids) > 1} == {}


def test_indicators_units_are_facts_units() -> None:
    # The unit set of docs/FACTS.md, read from the document itself so the two cannot drift apart.
    facts_md = (Path(__file__).parents[2] / "docs" / "FACTS.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([A-Za-z%0-9]+)`", facts_md.split("- `unit`:", 1)[1].split("- `change`", 1)[0]))
    assert FACTS_UNITS - documented == set()
    assert [e["id"] for e in ENTRIES if e["unit"] not in FACTS_UNITS] == []


@pytest.mark.parametrize(("name", "expected"), [
    # exact names and aliases
    ("一般公共预算收入", "general_budget_revenue"),
    ("一般预算收入", "general_budget_revenue"),
    ("公共财政预算收入", "general_budget_revenue"),
    ("规上工业增加值", "industrial_va_above_scale"),
    ("规模以上工业增加值", "industrial_va_above_scale"),  # 规模以上 → 规上
    ("外贸进出口", "trade_total"),
    ("到账外资", "fdi_utilized"),
    ("实际利用外资", "fdi_utilized"),
    ("外商实际投资", "fdi_utilized"),
    ("金融机构本外币各项贷款余额", "loans"),
    ("GDP", "gdp"),
    ("ｇｄｐ", "gdp"),  # full-width, lower case
    (" 地区生产总值 ", "gdp"),
    ("城镇登记失业率", "urban_unemployment_rate"),  # an exact alias may contain 率
    # safe endings dropped for money indicators
    ("出口额", "exports"),
    ("进口值", "imports"),
    ("合同外资金额", "fdi_contracted"),
    ("到账外资总量", "fdi_utilized"),
    ("外贸进出口总额总量", "trade_total"),
    ("全区一般公共预算收入", "general_budget_revenue"),
    # never a level: shares, rates, changes, targets, per-capita, other measures
    ("一般公共预算收入增速", None),
    ("一般公共预算收入增长", None),
    ("税占比", None),
    ("民间投资占全部投资", None),
    ("高新技术产业产值占比", None),
    ("出口增幅", None),
    ("人均一般公共预算收入", None),
    ("固定资产投资完成年度计划", None),
    ("规上工业增加值增长率", None),
    ("工业增加值比重", None),
    # different measures that look alike
    ("工业增加值", "industrial_va"),
    ("财政支出", None),
    ("公共财政总收入", None),
    ("工业产", None),
    ("增加", None),
    ("", None),
    (None, None),
])
def test_indicators_canonical_indicator(name: str | None, expected: str | None) -> None:
    assert canonical_indicator(name) == expected


@pytest.mark.parametrize(("name", "expected"), [
    # 额/值 are dropped only where a money indicator remains: 工业总产 is no indicator, and a
    # count indicator never loses an ending
    ("工业总产值", "industrial_output"),
    ("规上工业企业数值", None),
    ("全社会用电量值", None),
])
def test_indicators_endings_only_for_money(name: str, expected: str | None) -> None:
    assert canonical_indicator(name) == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("general_budget_revenue", "general_budget_revenue"),
    ("一般公共预算收入", "general_budget_revenue"),
    ("一般预算收入", "general_budget_revenue"),
    ("社零总额", "retail_sales"),
])
def test_indicators_resolve_indicator_accepts_ids_and_aliases(query: str, expected: str) -> None:
    assert resolve_indicator(query).id == expected


@pytest.mark.parametrize(("query", "hint"), [
    ("预算收入", "一般公共预算收入"),
    ("no such thing", None),
])
def test_indicators_resolve_indicator_unknown_raises_with_hint(query: str, hint: str | None) -> None:
    with pytest.raises(QueryError) as info:
        resolve_indicator(query)
    assert "unknown indicator" in str(info.value)
    if hint:
        assert hint in str(info.value)
    else:
        assert "did you mean" not in str(info.value)
