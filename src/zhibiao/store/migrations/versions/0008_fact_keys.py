"""The store's generation and the (indicator, period) rollup, kept by the database itself.

A dashboard serving a store of 100,000 documents (2.2 million facts) spent its time on answers
that read far more than they show: the comparable (indicator, period) questions grouped every
indicator fact of the store on each compare page, and nothing told a server whether an answer it
had already computed was still right, so it recomputed every answer for every request.

* ``store_generation``: one row whose ``version`` every statement changing ``facts`` or
  ``documents`` raises. A server caches an answer with the generation it was read at and serves
  it while the generation is unchanged: a write by any process (``zhibiao ingest`` beside
  ``zhibiao serve``, a correction, ``reextract``) is seen by the next request.
* ``fact_keys``: per (indicator, period), the generation of the last change to a fact of it —
  or to the document of one (a title, a date: compare shows them) — and how many zones have a
  counted indicator fact of it. ``compare`` reads only facts of one key, so its answer is
  cached per key: an ingest that adds other figures leaves it valid. ``coverage`` reads the
  zone counts instead of grouping the facts.
* ``fact_key_zones``: the counted indicator facts (not a copy's repetition, not marked wrong,
  with a zone) per key and zone, from which ``fact_keys.zones`` is kept exact.

Triggers keep all three in the transaction of the write, whoever writes: on SQLite row triggers;
on PostgreSQL statement triggers with transition tables, one set-based update per statement (a
bulk ``COPY`` of a batch's facts costs one trigger call, not one per row).

SQLite batch migrations copy and rename a table, which drops its triggers: a later revision that
alters ``documents`` or ``facts`` in batch mode must recreate the triggers below (and those of
revision 0003).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_KEY = ("indicator_id", "period_start", "period_end")


def _has_key(r: str) -> str:
    return " AND ".join(f"{r}.{c} IS NOT NULL" for c in _KEY)


def _counted(r: str, false: str) -> str:
    """A fact ``coverage`` counts: an indicator fact with a key and a zone, not a copy's
    repetition, not marked wrong (queries._COUNTED)."""
    return (f"{_has_key(r)} AND {r}.type = 'indicator' AND {r}.zone_id IS NOT NULL AND {r}.duplicate_of IS NULL "
            f"AND {r}.wrong = {false}")


def _same_key(table: str, r: str) -> str:
    return " AND ".join(f"{table}.{c} = {r}.{c}" for c in _KEY)


# -- SQLite: row triggers ------------------------------------------------------------------------

_SQLITE_BUMP = "UPDATE store_generation SET version = version + 1 WHERE id = 1;"


def _sqlite_touch(r: str) -> str:
    """The key of row ``r`` changed at the current generation."""
    return (f"INSERT INTO fact_keys (indicator_id, period_start, period_end, version, zones) "
            f"SELECT {r}.indicator_id, {r}.period_start, {r}.period_end, version, 0 FROM store_generation "
            f"WHERE id = 1 AND {_has_key(r)} "
            "ON CONFLICT (indicator_id, period_start, period_end) DO UPDATE SET version = excluded.version;")


def _sqlite_add(r: str) -> str:
    counted = _counted(r, "0")
    zone = f"{_same_key('z', r)} AND z.zone_id = {r}.zone_id"
    return (f"UPDATE fact_keys SET zones = zones + 1 WHERE {_same_key('fact_keys', r)} AND {counted} "
            f"AND NOT EXISTS (SELECT 1 FROM fact_key_zones z WHERE {zone});"
            f"INSERT INTO fact_key_zones (indicator_id, period_start, period_end, zone_id, facts) "
            f"SELECT {r}.indicator_id, {r}.period_start, {r}.period_end, {r}.zone_id, 1 WHERE {counted} "
            "ON CONFLICT (indicator_id, period_start, period_end, zone_id) DO UPDATE SET facts = facts + 1;")


def _sqlite_remove(r: str) -> str:
    counted = _counted(r, "0")
    zone = f"{_same_key('z', r)} AND z.zone_id = {r}.zone_id"
    return (f"UPDATE fact_key_zones SET facts = facts - 1 WHERE {_same_key('fact_key_zones', r)} "
            f"AND fact_key_zones.zone_id = {r}.zone_id AND {counted};"
            f"UPDATE fact_keys SET zones = zones - 1 WHERE {_same_key('fact_keys', r)} AND {counted} "
            f"AND EXISTS (SELECT 1 FROM fact_key_zones z WHERE {zone} AND z.facts <= 0);"
            f"DELETE FROM fact_key_zones WHERE {_same_key('fact_key_zones', r)} "
            f"AND fact_key_zones.zone_id = {r}.zone_id AND facts <= 0;")


_SQLITE_TRIGGERS = {
    "zhibiao_facts_insert": ("AFTER INSERT ON facts", _SQLITE_BUMP + _sqlite_touch("new") + _sqlite_add("new")),
    "zhibiao_facts_delete": ("AFTER DELETE ON facts", _SQLITE_BUMP + _sqlite_touch("old") + _sqlite_remove("old")),
    # removed as the old row, added as the new one: a fact may change key, zone, copy link or wrong flag
    "zhibiao_facts_update": ("AFTER UPDATE ON facts", _SQLITE_BUMP + _sqlite_touch("old") + _sqlite_touch("new")
                             + _sqlite_remove("old") + _sqlite_add("new")),
    "zhibiao_documents_insert": ("AFTER INSERT ON documents", _SQLITE_BUMP),
    "zhibiao_documents_delete": ("AFTER DELETE ON documents", _SQLITE_BUMP),
    # a document's title or date is part of the answers about its facts' keys
    "zhibiao_documents_update": ("AFTER UPDATE ON documents", _SQLITE_BUMP
                                 + "UPDATE fact_keys SET version = (SELECT version FROM store_generation WHERE id = 1) "
                                   "WHERE (indicator_id, period_start, period_end) IN (SELECT indicator_id, "
                                   "period_start, period_end FROM facts WHERE document_id = new.id);"),
}


# -- PostgreSQL: statement triggers --------------------------------------------------------------

def _pg_function(name: str, changed: str) -> str:
    """A trigger function applying the rows of ``changed`` (columns of facts plus ``sign``: +1
    added, −1 removed) to the generation, the keys and the zone counts, set-based."""
    key = ", ".join(_KEY)
    counted = _counted("c", "false")
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    g bigint;
BEGIN
    UPDATE store_generation SET version = version + 1 WHERE id = 1 RETURNING version INTO g;
    INSERT INTO fact_keys AS k ({key}, version, zones)
        SELECT DISTINCT {key}, g, 0 FROM ({changed}) c WHERE {_has_key("c")}
        ON CONFLICT ({key}) DO UPDATE SET version = excluded.version;
    INSERT INTO fact_key_zones AS z ({key}, zone_id, facts)
        SELECT {key}, zone_id, sum(sign) FROM ({changed}) c WHERE {counted}
        GROUP BY {key}, zone_id HAVING sum(sign) <> 0
        ON CONFLICT ({key}, zone_id) DO UPDATE SET facts = z.facts + excluded.facts;
    DELETE FROM fact_key_zones z USING (SELECT DISTINCT {key} FROM ({changed}) c WHERE {counted}) t
        WHERE {_same_key("z", "t")} AND z.facts <= 0;
    UPDATE fact_keys k SET zones = (SELECT count(*) FROM fact_key_zones z WHERE {_same_key("z", "k")})
        FROM (SELECT DISTINCT {key} FROM ({changed}) c WHERE {counted}) t WHERE {_same_key("k", "t")};
    RETURN NULL;
END
$$
"""


_PG_FACTS = {
    "INSERT": "SELECT *, 1 AS sign FROM new_rows",
    "DELETE": "SELECT *, -1 AS sign FROM old_rows",
    "UPDATE": "SELECT *, -1 AS sign FROM old_rows UNION ALL SELECT *, 1 AS sign FROM new_rows",
}
_PG_DOCUMENTS = f"""
CREATE FUNCTION zhibiao_documents_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    g bigint;
BEGIN
    UPDATE store_generation SET version = version + 1 WHERE id = 1 RETURNING version INTO g;
    UPDATE fact_keys k SET version = g FROM (SELECT DISTINCT f.indicator_id, f.period_start, f.period_end
        FROM facts f JOIN new_rows d ON f.document_id = d.id) t WHERE {_same_key("k", "t")};
    RETURN NULL;
END
$$
"""
_PG_BUMP = """
CREATE FUNCTION zhibiao_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE store_generation SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$
"""


def _pg_create() -> None:
    transition = {"INSERT": "NEW TABLE AS new_rows", "DELETE": "OLD TABLE AS old_rows",
                  "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows"}
    for event, changed in _PG_FACTS.items():
        name = f"zhibiao_facts_{event.lower()}"
        op.execute(_pg_function(name, changed))
        op.execute(f"CREATE TRIGGER {name} AFTER {event} ON facts REFERENCING {transition[event]} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()")
    op.execute(_PG_DOCUMENTS)
    op.execute("CREATE TRIGGER zhibiao_documents_update AFTER UPDATE ON documents REFERENCING NEW TABLE AS "
               "new_rows FOR EACH STATEMENT EXECUTE FUNCTION zhibiao_documents_update()")
    op.execute(_PG_BUMP)
    op.execute("CREATE TRIGGER zhibiao_documents_bump AFTER INSERT OR DELETE ON documents "
               "FOR EACH STATEMENT EXECUTE FUNCTION zhibiao_generation_bump()")


def upgrade() -> None:
    op.create_table(
        "store_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_generation")),
    )
    op.create_table(
        "fact_keys",
        sa.Column("indicator_id", sa.String(length=64), nullable=False),
        sa.Column("period_start", sa.String(length=7), nullable=False),
        sa.Column("period_end", sa.String(length=7), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("zones", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*_KEY, name=op.f("pk_fact_keys")),
    )
    op.create_table(
        "fact_key_zones",
        sa.Column("indicator_id", sa.String(length=64), nullable=False),
        sa.Column("period_start", sa.String(length=7), nullable=False),
        sa.Column("period_end", sa.String(length=7), nullable=False),
        sa.Column("zone_id", sa.String(length=200), nullable=False),
        sa.Column("facts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*_KEY, "zone_id", name=op.f("pk_fact_key_zones")),
    )
    dialect = op.get_bind().dialect.name
    false = "false" if dialect == "postgresql" else "0"
    key = ", ".join(_KEY)
    # the facts stored before this revision
    op.execute("INSERT INTO store_generation (id, version) VALUES (1, 1)")
    op.execute(f"INSERT INTO fact_key_zones ({key}, zone_id, facts) SELECT {key}, zone_id, count(*) FROM facts f "
               f"WHERE {_counted('f', false)} GROUP BY {key}, zone_id")
    op.execute(f"INSERT INTO fact_keys ({key}, version, zones) SELECT {key}, 1, 0 FROM facts f "
               f"WHERE {_has_key('f')} GROUP BY {key}")
    op.execute(f"UPDATE fact_keys SET zones = (SELECT count(*) FROM fact_key_zones z "
               f"WHERE {_same_key('z', 'fact_keys')})")
    if dialect == "postgresql":
        _pg_create()
    else:
        for name, (when, body) in _SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for event in _PG_FACTS:
            op.execute(f"DROP TRIGGER IF EXISTS zhibiao_facts_{event.lower()} ON facts")
            op.execute(f"DROP FUNCTION IF EXISTS zhibiao_facts_{event.lower()}()")
        op.execute("DROP TRIGGER IF EXISTS zhibiao_documents_update ON documents")
        op.execute("DROP TRIGGER IF EXISTS zhibiao_documents_bump ON documents")
        op.execute("DROP FUNCTION IF EXISTS zhibiao_documents_update()")
        op.execute("DROP FUNCTION IF EXISTS zhibiao_generation_bump()")
    else:
        for name in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("fact_key_zones")
    op.drop_table("fact_keys")
    op.drop_table("store_generation")
