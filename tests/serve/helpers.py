"""The dashboard tests' store: the bundled samples and the dev gold texts, extracted once per
session by the real extractor (then replayed, so each test's fresh database is quick to fill),
plus one report that contradicts the sample's 18.56亿元 and is published earlier."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from zhibiao.ingest import iter_documents
from zhibiao.model import DocMeta, Document, Fact
from zhibiao.store import Store

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLES = Path(str(resources.files("zhibiao") / "samples"))
# the seed reports (not the demo corpus beside them), the dev gold texts
INPUTS = (*sorted(SAMPLES.glob("*.txt")), DATA / "reports.jsonl", DATA / "seeds.jsonl")
HUAIAN = "淮安经济技术开发区"
HUAIAN_QUOTE = "一般公共预算收入18.56亿元、同比增长36.7%"
# An earlier report of the same half-year with another figure: compare keeps the latest (18.56亿元)
# and marks it contradicted; conflicts lists the pair.
EARLIER = Document(
    doc_id="earlier-huaian-2023-07-10", published="2023-07-10", source="tests/serve",
    text="今年上半年,淮安经济技术开发区完成一般公共预算收入17.2亿元、同比增长30.1%。",
    meta=DocMeta(title="淮安经开区上半年经济运行（快报）"))


@cache
def documents() -> tuple[Document, ...]:
    """The test corpus as documents (samples, dev gold texts, the earlier report)."""
    docs = [d for d in iter_documents([str(p) for p in INPUTS]) if isinstance(d, Document)]
    return (*docs, EARLIER)


@cache
def _extracted() -> dict[str, tuple[DocMeta, list[Fact]]]:
    import zhibiao.extract as extract

    return {d.doc_id: extract.extract_document(d) for d in documents()}


def replay(docs: list[Document]) -> list[tuple[DocMeta, list[Fact]] | BaseException]:
    """A batch extractor answering from the session's one real extraction (unknown texts are
    extracted now: uploads in the tests)."""
    import zhibiao.extract as extract

    cached = _extracted()
    return [cached[d.doc_id] if d.doc_id in cached else extract.extract_document(d) for d in docs]


def fill(url: str) -> Store:
    """A store at ``url`` holding the test corpus; the caller closes it."""
    store = Store(url, extract_batch=replay)
    store.ingest_documents(documents())
    return store


def form_token(client: object, path: str = "/") -> str:
    """The CSRF token of the forms on a dashboard page (the client keeps the cookie it is bound to)."""
    import re

    page = client.get(path)  # type: ignore[attr-defined]
    found = re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


# Two zones' 2023H1 reports and one whose text names no zone (经开区 only): the corrections tests' store.
THREE_REPORTS = {
    "huaian": "上半年,淮安经开区完成一般公共预算收入18.56亿元,同比增长36.7%;规上工业增加值增长12.5%。",
    "jintan": "上半年,金坛区完成一般公共预算收入20.1亿元,同比增长5.2%。",
    "bare": "上半年,经开区完成一般公共预算收入9.5亿元,同比增长3.1%。",
}


def three_reports(folder: Path, write_jsonl: Any) -> str:
    """A SQLite store in ``folder`` holding THREE_REPORTS (published 2023-07-19..21, extracted by the
    real extractor); its URL."""
    url = f"sqlite:///{folder / 'store.db'}"
    corpus = write_jsonl("three.jsonl", [{"doc_id": doc_id, "published": f"2023-07-{19 + i}", "text": text}
                                         for i, (doc_id, text) in enumerate(THREE_REPORTS.items())])
    with Store(url) as store:
        store.ingest([corpus])
    return url
