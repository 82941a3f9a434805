"""Loading a benchmark script of bench/ as a module, for the tests that hold its figures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parents[1] / "bench"


def load_bench(name: str) -> Any:
    """The module of ``bench/NAME.py`` (registered as ``zhibiao_bench_NAME``)."""
    spec = importlib.util.spec_from_file_location(f"zhibiao_bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
