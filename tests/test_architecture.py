"""The shape of the code: no import cycle between the packages of zhibiao's pipeline stages."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PKG = Path(__file__).parents[1] / "src" / "zhibiao"


def _unit(module: str) -> str:
    """The stage a module belongs to: zhibiao.extract.walk → extract, zhibiao.model → model."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] != "__init__" else "zhibiao"


def _imports(path: Path) -> set[str]:
    """Every zhibiao module ``path`` imports, at module level or inside functions."""
    rel = path.relative_to(PKG.parent).with_suffix("")
    pkg_parts = list(rel.parts[:-1])  # the package a relative import starts from
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("zhibiao")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg_parts[: len(pkg_parts) - node.level + 1]
                mod = ".".join([*base, node.module] if node.module else base)
            else:
                mod = node.module or ""
            if mod == "zhibiao":  # from zhibiao import extract: the names are the modules
                out |= {f"zhibiao.{a.name}" for a in node.names
                        if (PKG / a.name).is_dir() or (PKG / f"{a.name}.py").is_file()}
            elif mod.startswith("zhibiao"):
                out.add(mod)
    return out


@cache
def package_graph() -> dict[str, set[str]]:
    """Stage → the other stages it imports."""
    graph: dict[str, set[str]] = {}
    for path in PKG.rglob("*.py"):
        rel = ".".join(path.relative_to(PKG.parent).with_suffix("").parts)
        src = _unit(rel)
        for mod in _imports(path):
            dst = _unit(mod)
            if dst not in (src, "zhibiao"):
                graph.setdefault(src, set()).add(dst)
    return graph


def _cycle_from(graph: dict[str, set[str]], start: str) -> list[str] | None:
    stack = [(start, [start])]
    while stack:
        node, path = stack.pop()
        for nxt in sorted(graph.get(node, ())):
            if nxt == start:
                return [*path, start]
            if nxt not in path:
                stack.append((nxt, [*path, nxt]))
    return None


@pytest.mark.parametrize("stage", sorted(package_graph()))
def test_architecture_no_import_cycle_through(stage: str) -> None:
    cycle = _cycle_from(package_graph(), stage)
    assert cycle is None, " → ".join(cycle or [])


@pytest.mark.parametrize(("lower", "upper"), [
    ("lexicon", "extract"), ("lexicon", "resolve"), ("model", "extract"), ("normalize", "extract"),
    ("resolve", "extract"), ("extract", "store"), ("extract", "serve"), ("ingest", "extract"),
])
def test_architecture_lower_stage_never_imports_upper(lower: str, upper: str) -> None:
    assert upper not in package_graph().get(lower, set())


def test_architecture_graph_sees_known_edges() -> None:
    # the checker itself must see imports, or the tests above would pass vacuously
    graph = package_graph()
    assert "model" in graph["extract"] and "extract" in graph["cli"]
