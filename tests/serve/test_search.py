"""Full-text search (migration 0003, ``queries.search``): Chinese substrings of any length found
on SQLite (FTS5 trigram) and PostgreSQL (character bigrams), exactly, and kept in sync by the
database whoever writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from zhibiao.errors import QueryError
from zhibiao.model import Document
from zhibiao.store import Store, queries
from zhibiao.store.db import connect

REPORT = ("今年上半年,淮安经济技术开发区完成一般公共预算收入18.56亿元、同比增长36.7%,税占比93.25%。"
          "全区GDP增长6.1%。")
# "一般" and "般若" both occur, "一般若" does not: a bigram index alone would call it a match.
DECOY = "这是一般情况。般若园里有人。进出口总额83.04亿元。"


def _store(url: str, *texts: str) -> Store:
    store = Store(url)
    store.ingest_documents([Document(doc_id=f"d{i}", text=t, published=f"2023-07-{10 + i}")
                            for i, t in enumerate(texts)])
    return store


@pytest.mark.parametrize(("query", "docs", "some_fact"), [
    ("税", 1, "税占比93.25%"),                              # one character: a scan
    ("淮安", 1, "一般公共预算收入18.56亿元、同比增长36.7%"),     # two: bigrams on PostgreSQL, a scan on SQLite
    ("18.56亿元", 1, "一般公共预算收入18.56亿元、同比增长36.7%"),  # the index on both
    ("gdp", 1, None),                                       # ASCII letters in any case
    ("亿元", 2, "进出口总额83.04亿元"),
])
def test_search_finds_chinese_substrings(db_url: str, query: str, docs: int, some_fact: str | None) -> None:
    with _store(db_url, REPORT, DECOY) as store, store.engine.connect() as conn:
        result = queries.search(conn, query)
    assert result.documents_total == docs == len(result.documents)
    for hit in result.documents:
        assert hit.snippet[1].lower() == query.lower() and hit.matches >= 1
        assert any("".join(hit.snippet).strip("…") in t for t in (REPORT, DECOY))
    if some_fact is not None:
        assert some_fact in [hit.fact["quote"] for hit in result.facts]
        assert result.facts_total == len(result.facts)


@pytest.mark.parametrize("query", ["一般若", "不存在", "\"'&|!:*()\\", "a'b", "zhibiao_long"])
def test_search_finds_nothing_that_is_not_there(db_url: str, query: str) -> None:
    with _store(db_url, REPORT, DECOY) as store, store.engine.connect() as conn:
        result = queries.search(conn, query)
    assert (result.documents_total, result.facts_total) == (0, 0)


def test_search_orders_latest_first_and_pages(db_url: str) -> None:
    texts = [f"第{i}份报告:一般公共预算收入{i}.5亿元。" for i in range(5)]
    with _store(db_url, *texts) as store, store.engine.connect() as conn:
        first = queries.search(conn, "预算收入", limit=2)
        rest = queries.search(conn, "预算收入", limit=2, offset=4)
    assert first.documents_total == 5
    assert [h.document.doc_id for h in first.documents] == ["d4", "d3"]
    assert [h.document.doc_id for h in rest.documents] == ["d0"]


def test_search_follows_inserts_updates_and_deletes(db_url: str) -> None:
    """The indexes are kept by the database (triggers, expression indexes), not by the ingester."""
    with _store(db_url, REPORT) as store:
        store.ingest_documents([Document(doc_id="late", text="后来的报告:实际使用外资2.824亿美元。")])
        with store.engine.begin() as conn:
            assert queries.search(conn, "使用外资").documents_total == 1
            conn.execute(text("UPDATE facts SET zone_id = '新名字开发区' WHERE zone_id = '淮安经济技术开发区'"))
            conn.execute(text("UPDATE documents SET title = '改过的标题' WHERE doc_id = 'late'"))
        with store.engine.begin() as conn:
            assert queries.search(conn, "新名字开发区").facts_total >= 1
            assert queries.search(conn, "改过的标").documents_total == 1
            conn.execute(text("DELETE FROM facts WHERE document_id = (SELECT id FROM documents WHERE doc_id='late')"))
            conn.execute(text("DELETE FROM documents WHERE doc_id = 'late'"))
        with store.engine.connect() as conn:
            assert queries.search(conn, "使用外资").documents_total == 0
            assert queries.search(conn, "改过的标").documents_total == 0
            if conn.dialect.name == "sqlite":  # an external-content index agrees with its table
                conn.execute(text("INSERT INTO search_documents(search_documents) VALUES ('integrity-check')"))


def test_search_finds_text_beyond_the_bigram_limit(db_url: str) -> None:
    """PostgreSQL turns the first 100,000 characters into bigrams; a longer text is still searched."""
    long_text = "经济运行平稳。" * 15_000 + "末尾的独特指标名称增长9.9%。"
    with _store(db_url, long_text, REPORT) as store, store.engine.connect() as conn:
        result = queries.search(conn, "独特指标名称")
    assert [h.document.doc_id for h in result.documents] == ["d0"]


def test_search_uses_the_index(db_url: str) -> None:
    with _store(db_url, REPORT, DECOY) as store, store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET enable_seqscan = off"))  # a tiny table would be scanned anyway
            sql = ("EXPLAIN SELECT id FROM documents WHERE zhibiao_bigrams(coalesce(documents.title, '') || ' ' || "
                   "documents.text) @@ CAST('''淮安''' AS tsquery)")
            assert "ix_search_documents" in "\n".join(conn.execute(text(sql)).scalars())
        else:
            sql = "EXPLAIN QUERY PLAN SELECT rowid FROM search_documents WHERE search_documents MATCH '\"18.56亿\"'"
            plan = " ".join(str(row[-1]) for row in conn.execute(text(sql)))
            assert "VIRTUAL TABLE INDEX" in plan


def test_search_indexes_documents_stored_before_the_migration(db_url: str, samples_dir: Path) -> None:
    from alembic import command

    from zhibiao.store.db import _alembic_config

    # The ingester writes the columns of the latest revision: store at head, then take the
    # schema back to 0002 (no search index; the rows stay), as a store written at 0002 would be.
    _store(db_url, REPORT).close()
    engine = connect(db_url, migrate_schema=False)
    with engine.begin() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
        assert not {"search_documents"} & set(conn.dialect.get_table_names(conn))
    engine.dispose()
    with Store(db_url) as store, store.engine.connect() as conn:
        assert queries.search(conn, "18.56亿元").documents_total == 1
        assert queries.search(conn, "税占比").facts_total == 1


@pytest.mark.parametrize(("query", "limit", "offset", "message"), [
    ("", 20, 0, "nothing to search"),
    ("   ", 20, 0, "nothing to search"),
    ("长" * 101, 20, 0, "longer than 100"),
    ("收入", 0, 0, "limit"),
    ("收入", 101, 0, "limit"),
    ("收入", 20, -1, "offset"),
])
def test_search_refuses_unbounded_questions(tmp_path: Path, query: str, limit: int, offset: int,
                                            message: str) -> None:
    with (Store(f"sqlite:///{tmp_path / 's.db'}") as store, store.engine.connect() as conn,
          pytest.raises(QueryError, match=message)):
        queries.search(conn, query, limit=limit, offset=offset)


def test_search_finds_facts_by_names_their_text_does_not_spell(db_url: str) -> None:
    """Facts are found through their documents, and also by their zone's full name (the text
    says 淮安经开区) and their indicator's standard name (the text is in traditional characters)."""
    short = "淮安经开区今年上半年完成一般公共预算收入18.56亿元、同比增长36.7%。"
    traditional = "今年前三季度,全區一般公共預算收入達到18.56億元,同比增長36.7%。"
    with _store(db_url, short, traditional) as store, store.engine.connect() as conn:
        zone = queries.search(conn, "淮安经济技术开发区")
        assert zone.documents_total == 0 and zone.facts_total >= 1
        assert all(hit.fact["zone_id"] == "淮安经济技术开发区" for hit in zone.facts)
        standard = queries.search(conn, "一般公共预算收入")
        assert standard.documents_total == 1   # the simplified text only
        assert any("預算收入" in hit.fact["quote"] for hit in standard.facts)
        alias = queries.search(conn, "一般预算收入")   # an alias no text contains
        assert alias.documents_total == 0 and alias.facts_total == standard.facts_total


def test_search_bulk_ingest_indexes_each_batch_and_leaves_the_trigger_to_other_writers(db_url: str) -> None:
    """Revision 0009: batches stored in bulk are indexed by the ingester's own statement (SQLite),
    every document of every batch is found, the FTS5 index is consistent, the key that holds the
    insert trigger back is gone after the commit — and a row written by anyone else is still
    indexed by the trigger."""
    texts = [f"第{i}号报告:某园区完成工业投资{i}.5亿元,编号甲{i:03d}乙。" for i in range(7)]
    store = Store(db_url, batch_size=3)
    with store:
        stats = store.ingest_documents([Document(doc_id=f"b{i}", text=t) for i, t in enumerate(texts)])
        assert stats.stored == 7 and stats.batches == 3
        with store.engine.begin() as conn:
            for i in range(7):
                assert queries.search(conn, f"编号甲{i:03d}乙").documents_total == 1
            assert queries.search(conn, "亿元,编号").documents_total == 7
            assert conn.execute(text("SELECT count(*) FROM store_info WHERE key = 'bulk_write'")).scalar_one() == 0
            conn.execute(text("INSERT INTO documents (doc_id, content_hash, text, n_chars, n_facts, "
                              "extractor_version, ingested_at) VALUES ('manual', :h, '手工写入的一篇报告', 9, 0, "
                              "'v', CURRENT_TIMESTAMP)"), {"h": "f" * 64})
        with store.engine.connect() as conn:
            assert queries.search(conn, "手工写入").documents_total == 1   # the trigger, as before
            if conn.dialect.name == "sqlite":
                conn.execute(text("INSERT INTO search_documents(search_documents) VALUES ('integrity-check')"))
