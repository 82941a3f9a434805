"""Shared fixtures: report texts, bundled sample files, a file writer and a stand-in extractor."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from zhibiao.model import DocMeta, Document, Fact, Indicator

# Long enough (a few hundred bytes) for charset detection to be sure.
SIMPLIFIED = (
    "今年上半年,淮安经济技术开发区完成一般公共预算收入18.56亿元、同比增长36.7%,税占比93.25%;"
    "新签约外资项目10个、计划总投资57.7亿元;预计完成进出口总额83.04亿元,其中出口57.6亿元、同比增长5.2%。\n"
    "全区规上工业增加值增长12.3%,固定资产投资增长8.9%,社会消费品零售总额增长6.1%。\n"
)
TRADITIONAL = (
    "今年前三季度,全區實現地區生產總值949.84億元,增長3.1%;一般公共預算收入達到18.56億元,同比增長36.7%。\n"
    "規模以上工業增加值增長12.3%,固定資產投資增長8.9%,社會消費品零售總額增長6.1%,進出口總額83.04億元。\n"
)


@pytest.fixture
def simplified_text() -> str:
    """A simplified-Chinese economic paragraph (encodable in GBK and GB18030)."""
    return SIMPLIFIED


@pytest.fixture
def traditional_text() -> str:
    """A traditional-Chinese economic paragraph (encodable in Big5)."""
    return TRADITIONAL


@pytest.fixture
def samples_dir() -> Path:
    """The reports bundled with the package (src/zhibiao/samples)."""
    return Path(str(resources.files("zhibiao") / "samples"))


@pytest.fixture
def epaper_sample(samples_dir: Path) -> Path:
    """The bundled Founder e-paper export with its stripped enpproperty trailer."""
    return samples_dir / "000_74faa45ff7a60390.txt"


@pytest.fixture
def dev_gold() -> Path:
    """The bundled dev gold corpus (tests/data/reports.jsonl)."""
    return Path(__file__).parent / "data" / "reports.jsonl"


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes | str], Path]:
    """Write bytes (or UTF-8 text) to ``tmp_path/name`` (folders created) and return the path."""

    def _write(name: str, content: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return _write


@pytest.fixture
def write_jsonl(write: Callable[[str, bytes | str], Path]) -> Callable[[str, list[Any]], Path]:
    """Write a JSONL file: dicts are dumped as JSON, strings are written as raw lines."""

    def _write_jsonl(name: str, records: list[Any]) -> Path:
        lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
        return write(name, "\n".join(lines) + "\n")

    return _write_jsonl


def _fake_extract_document(doc: Document) -> tuple[DocMeta, list[Fact]]:
    """One indicator per "亿元" figure, with exact offsets: enough to exercise the CLI."""
    facts: list[Fact] = []
    start = doc.text.find("亿元")
    while start >= 0:
        begin = start
        while begin > 0 and (doc.text[begin - 1].isdigit() or doc.text[begin - 1] == "."):
            begin -= 1
        if begin < start:
            quote = doc.text[begin:start + 2]
            facts.append(Indicator(name="figure", quote=quote, start=begin, end=start + 2))
        start = doc.text.find("亿元", start + 2)
    if "EXPLODE" in doc.text:
        raise RuntimeError("extractor bug\nover two lines")
    return doc.meta, facts


@pytest.fixture
def fake_extractor(monkeypatch: pytest.MonkeyPatch) -> Callable[[Document], tuple[DocMeta, list[Fact]]]:
    """Replace the extractor (built in parallel) by a small deterministic one.

    It finds every "<number>亿元" and raises on a text containing EXPLODE.
    """
    extract_module = importlib.import_module("zhibiao.extract")
    monkeypatch.setattr(extract_module, "extract_document", _fake_extract_document)
    return _fake_extract_document
