"""Canonical zones: one entity per place (淮安经开区 = 淮安经济技术开发区).

A subject is expanded by :func:`~zhibiao.resolve.subjects.expand_zone`, then looked up in a
small alias table (``zhibiao/data/zones.toml``). Names that identify no single place are not
zones: a bare type (开发区, 全区) and a group of peers (49个国家级开发区).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from importlib import resources

from zhibiao.resolve.subjects import expand_zone

__all__ = ["canonical_zone", "zone_aliases"]

_SPACE = re.compile(r"\s+")
# A count of places (49个国家级开发区, 东部沿海33家国家级开发区) or a list (各园区, 两区等): a group.
_GROUP = re.compile(r"\d+\s*[个家座所]|[一二两三四五六七八九十百]+[个家座所](?:国家级|省级|开发区|园区|经开区|高新区)"
                    r"|^各|等$")


def _norm(name: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", name))


@cache
def _load() -> tuple[dict[str, str], frozenset[str]]:
    """Alias → canonical name (canonical names included), and the ambiguous bare names."""
    raw = resources.files("zhibiao").joinpath("data/zones.toml").read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    index: dict[str, str] = {}
    for entry in data.get("zone", []):
        canonical = _norm(entry["name"])
        for alias in (canonical, *entry.get("aliases", ())):
            for key in {_norm(alias), expand_zone(_norm(alias))}:
                owner = index.setdefault(key, canonical)
                if owner != canonical:
                    raise ValueError(f"zones.toml: {alias!r} is claimed by {owner!r} and {canonical!r}")
    return index, frozenset(_norm(n) for n in data.get("ambiguous", ()))


def zone_aliases() -> dict[str, str]:
    """Every known alias (and expanded alias) → its canonical zone name."""
    return dict(_load()[0])


def canonical_zone(name: str | None) -> str | None:
    """The canonical entity a subject names, or None when it names no single place.

    >>> canonical_zone("淮安经开区"), canonical_zone("武汉东湖新技术开发区"), canonical_zone("杏花岭区")
    ('淮安经济技术开发区', '东湖高新技术产业开发区', '杏花岭区')
    >>> canonical_zone("经开区"), canonical_zone("37个国家级开发区"), canonical_zone(None)
    (None, None, None)
    """
    if not name:
        return None
    index, ambiguous = _load()
    key = _norm(name)
    if not key or key in ambiguous or _GROUP.search(key):
        return None
    if key in index:
        return index[key]
    expanded = expand_zone(key)
    if expanded in ambiguous:
        return None
    return index.get(expanded, expanded)
