"""zhibiao.pool: extraction in worker processes, each document within its time budget (E_TIMEOUT)."""

from __future__ import annotations

import json
from pathlib import Path

from zhibiao.errors import DocumentError
from zhibiao.ingest import document_from_text
from zhibiao.model import Document
from zhibiao.pool import ExtractPool, time_budget

DATA = Path(__file__).resolve().parent / "data" / "reports.jsonl"
SMALL = "今年上半年,全区完成一般公共预算收入12.34亿元、同比增长5.6%。"


def _large_text() -> str:
    texts = [json.loads(line)["text"] for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    text = "\n".join(texts)
    while len(text.encode()) < 800_000:
        text += "\n" + "\n".join(texts)
    return text


def test_pool_time_budget_scales_with_size() -> None:
    assert time_budget(Document("a", "x" * 100_000), 2.0, 0.5) == 2.0
    assert time_budget(Document("a", "收" * 100_000), 2.0, 0.5) == 6.0  # 300 KB of UTF-8
    assert time_budget(Document("a", "x"), 2.0, 0.5) == 0.5


def test_pool_document_over_budget_is_e_timeout_and_the_next_goes_on() -> None:
    large = document_from_text(_large_text(), doc_id="large")
    small = document_from_text(SMALL, doc_id="small")
    # the large text takes ~1 s here; its budget is 0.3 s, the small one's too (minimum)
    with ExtractPool(1, seconds_per_100kb=0.01, minimum=0.3) as pool:
        outcomes = pool.extract_batch([large, small, large])
    timeout, done, again = outcomes
    assert isinstance(timeout, DocumentError) and (timeout.where, timeout.code) == ("large", "E_TIMEOUT")
    assert "over its budget of 0.3 s" in timeout.message
    assert not isinstance(done, BaseException)
    assert [f.quote for f in done[1]] == ["一般公共预算收入12.34亿元、同比增长5.6%"]
    assert isinstance(again, DocumentError) and again.code == "E_TIMEOUT"


def test_pool_results_equal_direct_extraction() -> None:
    from zhibiao.extract import extract_document

    docs = [document_from_text(json.loads(line)["text"], doc_id=str(i))
            for i, line in enumerate(DATA.read_text(encoding="utf-8").splitlines()[:4])]
    with ExtractPool(2) as pool:
        outcomes = pool.extract_batch(docs)
    assert outcomes == [extract_document(d) for d in docs]
