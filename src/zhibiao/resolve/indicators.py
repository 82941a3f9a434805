"""Canonical indicators: an extracted name (一般预算收入, 规模以上工业增加值) → a stable id.

The taxonomy is data (``zhibiao/data/indicators.toml``). Resolution is precision first: a
name maps to an id only when it *is* that measure, after light normalisation (NFKC, spaces,
规模以上 → 规上, 限额以上 → 限上, a leading 全区/全市). A trailing 总额/额/值/总量 is dropped only
when what is left is a known money indicator (出口额 → 出口, 合同外资金额 → 合同外资), and a
name that is a share, a rate, a change or a target of something (一般公共预算收入增速,
民间投资占全部投资, 税占比) never maps to the level: it returns None.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import NamedTuple

from zhibiao.errors import QueryError
from zhibiao.lexicon import code_digest, data_bytes, data_digest, data_toml
from zhibiao.recache import compile_cached, memo

__all__ = [
    "IndicatorDef",
    "canonical_indicator",
    "indicator",
    "indicators",
    "normalize_name",
    "resolve_indicator",
    "taxonomy_fingerprint",
]

# Units of FACTS.md that a canonical indicator may carry (currencies, physical units, counts).
FACTS_UNITS = frozenset(("CNY", "USD", "EUR", "HKD", "JPY", "KRW", "%", "count", "person", "kWh", "kW", "t",
                         "m2", "mu", "km", "TEU", "vehicle", "pp"))
_MONEY = frozenset(("CNY", "USD", "EUR", "HKD", "JPY", "KRW"))

# Words that make a name a derived quantity (a share, a rate, a change, a plan) of the level it
# contains. Checked only when the whole name is not itself an alias (城镇登记失业率 is one).
_DERIVED = ("增速", "增幅", "增长", "增量", "增加额", "增减", "涨幅", "降幅", "下降", "减少", "回落", "提高", "比重",
            "占比", "占", "比例", "份额", "百分比", "率", "强度", "进度", "完成年度", "目标", "计划", "任务", "平均",
            "均值", "指数", "同比", "环比", "较上年", "排名", "位次", "人均", "每", "万元", "密度", "弹性")
# Scope words before a name that do not change the measure (全区一般公共预算收入).
_PREFIXES = ("全区", "全市", "全县", "全镇", "全省", "全州", "全园区", "全年", "当年", "累计", "其中", "共")
# Trailing words dropped only when a money indicator remains (出口额, 合同外资金额, 到账外资总量).
_SUFFIXES = ("金额", "总金额", "总额", "总量", "总值", "额", "值")
_SPACE = compile_cached(r"\s+")


class IndicatorDef(NamedTuple):
    """One canonical indicator of the taxonomy: an immutable record, compared and hashed by its fields.

    A named tuple, not a dataclass: the extractor imports this module, and a dataclass's methods are compiled from
    source in every process that defines it (1 ms, 5 M instructions, a fifth of the start-up work of the extractor's
    names); a named tuple's are not."""

    id: str
    name: str
    unit: str
    nominal: bool
    aliases: tuple[str, ...]


def normalize_name(name: str) -> str:
    """The form names are compared in: NFKC, no spaces, upper-case Latin, 规模以上 → 规上.

    >>> normalize_name(" 规模以上工业增加值 "), normalize_name("ｒ＆ｄ经费投入")
    ('规上工业增加值', 'R&D经费投入')
    """
    text = _SPACE.sub("", unicodedata.normalize("NFKC", name)).upper()
    return text.replace("规模以上", "规上").replace("限额以上", "限上")


_Row = tuple[str, str, str, bool, tuple[str, ...]]  # (an IndicatorDef's fields, a plain tuple as the cache keeps them)


@cache
def _load() -> tuple[dict[str, IndicatorDef], dict[str, str]]:
    """The taxonomy, by id, and its alias index (normalised name → id); loaded once, and kept from one process to the
    next (:func:`~zhibiao.recache.memo`: normalising every alias is 3 M instructions of every process that reads a
    name), keyed by this module's code and the data file."""
    code = code_digest(__file__)
    rows, index = _build() if code is None else memo("taxonomy", code + data_digest("indicators.toml"), _build)
    return {row[0]: IndicatorDef(*row) for row in rows}, index


def _build() -> tuple[list[_Row], dict[str, str]]:
    """The fields of every indicator of ``indicators.toml``, in order, and the alias index (:func:`_load`)."""
    rows: list[_Row] = []
    index: dict[str, str] = {}
    seen: set[str] = set()
    for entry in data_toml("indicators.toml")["indicator"]:
        row: _Row = (entry["id"], entry["name"], entry["unit"], bool(entry.get("nominal", False)),
                     tuple(entry.get("aliases", ())))
        if row[0] in seen:
            raise ValueError(f"indicators.toml: duplicate id {row[0]!r}")
        seen.add(row[0])
        rows.append(row)
        for alias in (row[1], *row[4]):
            key = normalize_name(alias)
            owner = index.setdefault(key, row[0])
            if owner != row[0]:
                raise ValueError(f"indicators.toml: {alias!r} is claimed by {owner!r} and {row[0]!r}")
    return rows, index


def indicators() -> list[IndicatorDef]:
    """Every canonical indicator, in the order of the data file."""
    return list(_load()[0].values())


def indicator(indicator_id: str) -> IndicatorDef | None:
    """The indicator with this id, or None."""
    return _load()[0].get(indicator_id)


def canonical_indicator(name: str | None) -> str | None:
    """The canonical id of an extracted indicator name, or None when it is not surely one.

    >>> canonical_indicator("一般预算收入"), canonical_indicator("规模以上工业增加值")
    ('general_budget_revenue', 'industrial_va_above_scale')
    >>> canonical_indicator("出口额"), canonical_indicator("一般公共预算收入增速"), canonical_indicator("税占比")
    ('exports', None, None)
    """
    if not name:
        return None
    by_id, index = _load()
    key = normalize_name(name)
    if key in index:
        return index[key]
    if any(word in key for word in _DERIVED):
        return None
    for prefix in _PREFIXES:
        if key.startswith(prefix) and key[len(prefix):] in index:
            return index[key[len(prefix):]]
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            found = index.get(key[: -len(suffix)])
            # Only money figures take 额/值 as a mere ending: 产值 or 增加值 would lose their meaning.
            if found is not None and by_id[found].unit in _MONEY:
                return found
    return None


def resolve_indicator(text: str) -> IndicatorDef:
    """The indicator a user asked for: an id (``general_budget_revenue``), its name or any alias.

    Raises :class:`~zhibiao.errors.QueryError` naming close candidates when nothing matches.
    """
    by_id, _ = _load()
    found = by_id.get(text.strip()) or by_id.get(canonical_indicator(text) or "")
    if found is not None:
        return found
    key = normalize_name(text)
    close = sorted({d.name for d in by_id.values()
                    if key and any(key in normalize_name(a) or normalize_name(a) in key for a in (d.name, *d.aliases))})
    hint = f"; did you mean {'、'.join(close[:5])}?" if close else ""
    raise QueryError(f"unknown indicator {text!r}{hint} (see zhibiao/data/indicators.toml)")


def taxonomy_fingerprint() -> str:
    """A short hash of the indicator and zone tables: stored ids are refreshed when it changes."""
    import hashlib  # (here, not at the top: the extractor's names read the taxonomy, a store fingerprints it)

    digest = hashlib.sha256()
    for name in ("indicators.toml", "zones.toml"):
        digest.update(data_bytes(name))
    digest.update(b"resolver.v1")
    return digest.hexdigest()[:16]
