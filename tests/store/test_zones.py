"""Zone names → one canonical entity (data/zones.toml plus expand_zone)."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from zhibiao.resolve.zones import canonical_zone, zone_aliases

RAW = tomllib.loads(resources.files("zhibiao").joinpath("data/zones.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("entry", RAW["zone"], ids=lambda e: e["name"])
def test_zones_every_alias_resolves_to_its_zone(entry: dict[str, object]) -> None:
    for alias in [entry["name"], *entry["aliases"]]:  # type: ignore[list-item]
        assert canonical_zone(alias) == entry["name"], alias


def test_zones_no_alias_claimed_twice() -> None:
    seen: dict[str, str] = {}
    for entry in RAW["zone"]:
        for alias in [entry["name"], *entry["aliases"]]:
            assert seen.setdefault(alias, entry["name"]) == entry["name"], alias
    assert set(seen) <= set(zone_aliases())


@pytest.mark.parametrize(("name", "expected"), [
    ("淮安经开区", "淮安经济技术开发区"),
    ("淮安经济技术开发区", "淮安经济技术开发区"),
    ("东湖高新区", "东湖高新技术产业开发区"),
    ("武汉东湖新技术开发区", "东湖高新技术产业开发区"),
    ("无锡高新区", "无锡高新技术产业开发区"),  # not in the table: the expansion alone
    ("台儿庄区", "台儿庄区"),
    ("一区四园", "一区四园"),
    # no single place
    ("经开区", None),
    ("经济开发区", None),
    ("全区", None),
    ("49个国家级开发区", None),
    ("东部沿海33家国家级开发区", None),
    ("", None),
    (None, None),
])
def test_zones_canonical_zone(name: str | None, expected: str | None) -> None:
    assert canonical_zone(name) == expected
