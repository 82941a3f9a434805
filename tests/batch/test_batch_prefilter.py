"""The prefilter keeps every dev gold report and discards the generated non-economic filler."""

from __future__ import annotations

import re

import pytest

from zhibiao.batch.prefilter import default_prefilter, is_economic
from zhibiao.batch.synth import CATEGORIES, filler_text, mixed_records

from .helpers import dev_records

FILLER_COUNT = 3000


@pytest.mark.parametrize("record", dev_records(), ids=lambda r: r["doc_id"])
def test_prefilter_keeps_every_gold_document(record: dict[str, object]) -> None:
    assert is_economic(str(record["text"]))


def test_prefilter_discards_at_least_90_percent_of_filler() -> None:
    prefilter = default_prefilter()
    kept = sum(prefilter.keep(filler_text(i)) for i in range(FILLER_COUNT))
    assert kept / FILLER_COUNT <= 0.10, f"{kept} of {FILLER_COUNT} filler documents kept"


def test_filler_is_not_trivially_separable() -> None:
    """The filler has digits and figures (12度, 3个, 80元): a rule on figures alone would keep
    most of it, so the discard rate above measures the keyword side of the rule too."""
    prefilter = default_prefilter()
    texts = [filler_text(i) for i in range(500)]
    assert sum(bool(re.search(r"\d", t)) for t in texts) == len(texts)
    with_figures = sum(prefilter.check(t).figures > 0 for t in texts)
    assert with_figures / len(texts) > 0.9
    # and some of it carries economic words too (near misses), so the rate is not trivially 100 %
    assert sum(prefilter.check(t).keywords > 0 for t in texts) > 0


def test_filler_is_deterministic_and_varied() -> None:
    assert filler_text(42, seed=7) == filler_text(42, seed=7)
    assert filler_text(42, seed=7) != filler_text(42, seed=8)
    texts = {filler_text(i) for i in range(1000)}
    assert len(texts) == 1000
    assert len(CATEGORIES) >= 5


def test_mixed_records_interleave_reports_about_one_in_21() -> None:
    reports = [{"doc_id": r["doc_id"], "text": r["text"], "published": r["published"]} for r in dev_records()]
    records = list(mixed_records(4200, reports, ratio=20))
    gold = [r for r in records if not r["doc_id"].startswith("filler-")]
    assert 120 <= len(gold) <= 280  # about 200
    assert len({r["doc_id"] for r in records}) == len(records)
    assert list(mixed_records(5, reports, start=100)) == records[100:105]


@pytest.mark.parametrize(("text", "keep"), [
    ("上半年完成一般公共预算收入18.56亿元,同比增长36.7%。", True),
    ("全區實現地區生產總值949.84億元,增長3.1%。", True),  # traditional characters
    ("全区规上工业增加值１８.５６亿元。", True),  # full-width digits
    ("计划总投资三千万元的产业项目开工。", True),  # a Chinese numeral before a magnitude
    ("今天气温12度,湿度65%,东南风3级。", False),  # figures, no economic word
    ("全区经济运行稳中向好,固定资产投资持续发力。", False),  # economic words, no figure
    ("千万不要错过开发区的新年灯会。", False),  # 千万 alone is no figure
])
def test_prefilter_rule(text: str, keep: bool) -> None:
    assert default_prefilter().keep(text) is keep
    assert default_prefilter().check(text).keep is keep
