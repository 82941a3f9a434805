"""Revision 0011: PostgreSQL's ``zhibiao_bigrams`` computed faster, with the very same result as
revision 0003's function (the expression index built by the old one stays valid)."""

from __future__ import annotations

import importlib
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text

from zhibiao.ingest import iter_documents
from zhibiao.store import Store, queries
from zhibiao.store.db import connect, schema_revision
from zhibiao.store.ingest import Ingester

from .test_store_schema import _migrate

WriteJsonl = Callable[[str, list[Any]], Path]
DATA = Path(__file__).resolve().parents[1] / "data"

# What the faster function treats with care: odd and even lengths, the U+0001 it splits on, ASCII
# and other uppercase (only ASCII is lowered), newlines, regex and replacement metacharacters, the
# 100,000-character cut and the zhibiao_long lexeme, one and no character.
EDGE_CASES = [
    "", "a", "ab", "abc", "abcd", "AB", "Ab cD", "aBc", "ÉÀΣΑ Ω ĲǅＡＢＣ ABCXYZ[\\]^_@`{ ", "ǅǈİIß",
    "a\x01b", "\x01", "ab\x01", "\x01\x01\x01", "A\x01B\x01c", "a b  c\n\td\r\n", "\n\n", "\\&", "a\\1b", "..",
    "$1$$", "x" * 100_000, "x" * 100_001, "y" * 99_999 + "ABC", "甲" * 99_998 + "乙丙", "Z" * 100_002,
    "收入１８.５６亿元,同比增长36.7%;GDP增长5.2%。",
]


def _corpus_texts() -> list[str]:
    texts = []
    for name in ("reports.jsonl", "seeds.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                texts.append(record["text"])
                texts.append(f"{record.get('title') or ''} {record['text']}")
    return texts


def test_store_bigrams_0011_equals_the_function_of_0003(pg_server: str) -> None:
    from conftest import _create_pg_database  # (PostgreSQL's search index only: SQLite's FTS5 is untouched)

    db_url = _create_pg_database(pg_server, f"t{uuid.uuid4().hex[:16]}")
    old = importlib.import_module("zhibiao.store.migrations.versions.0003_search")._PG_FUNCTION
    with Store(db_url) as store, store.engine.begin() as conn:
        assert schema_revision(conn) == "0011"
        conn.execute(text(old.replace("zhibiao_bigrams", "bigrams_0003")))
        conn.execute(text("CREATE TEMPORARY TABLE texts (id serial, body text)"))
        texts = _corpus_texts() + EDGE_CASES
        conn.execute(text("INSERT INTO texts (body) VALUES (:body)"), [{"body": t} for t in texts])
        differ = conn.execute(text("SELECT id FROM texts WHERE zhibiao_bigrams(body) IS DISTINCT FROM "
                                   "bigrams_0003(body)")).scalars().all()
        assert differ == []
        assert conn.execute(text("SELECT count(*) FROM texts WHERE length(zhibiao_bigrams(body)) > 0")
                            ).scalar_one() == len(texts) - 3  # '', 'a' and '\x01' have no bigram
        assert conn.execute(text("SELECT zhibiao_bigrams(NULL) IS NULL")).scalar_one()
        assert conn.execute(text("SELECT zhibiao_bigrams('aBc\x01D')::text")).scalar_one() == \
            "'\x01d' 'ab' 'bc' 'c\x01'"


TEXTS = {
    "huaian": "上半年,淮安经开区完成一般公共预算收入18.56亿元,同比增长36.7%;规上工业增加值增长12.5%。",
    "jintan": "上半年,金坛区完成一般公共预算收入20.1亿元,同比增长5.2%。新签约项目12个,总投资80亿元。GDP",
    "long": "上半年,武进区完成一般公共预算收入60.2亿元。" + "进出口总额完成300亿元。" * 9_000 + "尾声ABC",
}
QUERIES = ("一般公共预算收入", "淮安经开区", "gdp", "GDP", "尾声abc", "进出口", "溧阳市", "收入30亿元")


def _answers(url: str, revision: str = "0011") -> dict[str, tuple[int, list[str]]]:
    """The search answers of a store left at ``revision`` (not migrated by opening it)."""
    engine = connect(url, migrate_schema=False)
    try:
        with engine.connect() as conn:
            assert schema_revision(conn) == revision
            out = {}
            for query in QUERIES:
                found = queries.search(conn, query, limit=50)
                out[query] = (found.documents_total, sorted(hit.document.doc_id for hit in found.documents))
            return out
    finally:
        engine.dispose()


def _bigrams_source(url: str) -> str | None:
    engine = connect(url, migrate_schema=False)
    try:
        with engine.connect() as conn:
            if conn.dialect.name != "postgresql":
                return None
            return str(conn.execute(text("SELECT prosrc FROM pg_proc WHERE proname = 'zhibiao_bigrams'")).scalar_one())
    finally:
        engine.dispose()


def test_store_bigrams_0011_upgrades_a_0010_store_with_search_intact(db_url: str, other_db_url: str,
                                                                      write_jsonl: WriteJsonl) -> None:
    """A store indexed by 0003's function at 0010 upgraded to 0011: the same search answers, new
    documents found, and all answers those of a store written at 0011 from the start."""
    corpus = write_jsonl("reports.jsonl", [{"doc_id": k, "published": "2023-07-19", "text": v}
                                           for k, v in TEXTS.items()])
    more = write_jsonl("more.jsonl", [{"doc_id": "more", "published": "2023-07-19",
                                       "text": "上半年,溧阳市完成一般公共预算收入30亿元。"}])
    _migrate(db_url, "upgrade", "0010")
    source = _bigrams_source(db_url)
    assert source is None or ("array_append(grams, chars[i]" in source and "regexp_replace" not in source)
    engine = connect(db_url, migrate_schema=False)
    try:
        Ingester(engine).run(iter_documents([corpus]))  # indexed by 0003's function
    finally:
        engine.dispose()
    before = _answers(db_url, "0010")
    with Store(db_url) as store, store.engine.connect() as conn:
        assert schema_revision(conn) == "0011"
    source = _bigrams_source(db_url)
    assert source is None or "regexp_replace" in source
    assert _answers(db_url) == before
    assert before["gdp"] == before["GDP"] == (1, ["jintan"]) and before["尾声abc"] == (1, ["long"])
    with Store(db_url) as store:
        assert store.ingest([more]).stored == 1
    with Store(other_db_url) as store:
        store.ingest([corpus])
        store.ingest([more])
    upgraded = _answers(db_url)
    assert upgraded == _answers(other_db_url)
    assert upgraded["溧阳市"] == (1, ["more"]) and upgraded["一般公共预算收入"][0] == 4
    if db_url.startswith("postgresql"):
        _migrate(db_url, "downgrade", "0010")  # back to 0003's function: still the same index
        assert _answers(db_url, "0010") == upgraded
