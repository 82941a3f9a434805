"""Per (indicator, period) and zone, the generation of the last change: compare updated, not redone.

Revision 0008 tells a server *whether* the answer to an (indicator, period) question changed; under
a continuous ingest it changes with nearly every batch (a batch of 50 reports adds figures to most
of the questions a dashboard shows), and each answer was then computed again from its 1,200 facts
(20–30 ms a question on a store of 100,000 documents) although the batch touched five of its 320
zones. ``fact_zone_versions`` says *which* zones changed:

* ``fact_zone_versions``: per (indicator, period, zone) the store generation of the last change to
  a fact of it with that zone (insert, delete, any update: a correction, a wrong mark, a copy
  link, a fact moved to another key or zone, both its old and new place) or to the document of
  one (a title, a date, a canonical link). Rows are never deleted: a zone whose facts are all gone
  keeps its row, with the generation of the change that removed them. Facts without a zone are
  not compared and not recorded.
* The facts index ``ix_facts_indicator_period`` gains ``zone_id`` (``ix_facts_key_zone``): the
  facts of a few zones of one key are read by the index, not by looking up every fact of the key.

A server keeps each compare answer's per-zone picks with the key version they were read at; when
the key's version moves from *v* to *v'*, it reads the zones whose generation is above *v* and
reads again only their facts (:func:`zhibiao.store.queries.compare_update`). A write that the
cached picks do not include committed after they were read, so at a generation above *v*.

The generation recorded must be the one the write raised: SQLite runs a table's row triggers in
an order of its own, so the statement is added at the end of revision 0008's trigger programs
(recreated with their bodies read from the schema); PostgreSQL fires statement triggers of one
event in the order of their names, so its new ``…_zones`` triggers run after 0008's of the same
event. The SQLite ingester's bulk path (revision 0009, :mod:`zhibiao.store.bulk`) does the same
for its batches with one statement.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_KEY = ("indicator_id", "period_start", "period_end")
_COLUMNS = ", ".join((*_KEY, "zone_id"))
_CURRENT = "(SELECT version FROM store_generation WHERE id = 1)"


def _recorded(r: str) -> str:
    """A fact row ``r`` whose change is recorded: it has a key and a zone."""
    return " AND ".join(f"{r}.{c} IS NOT NULL" for c in (*_KEY, "zone_id"))


# -- SQLite: 0008's row triggers, each with one more statement at its end -------------------------

def _sqlite_record(r: str) -> str:
    return (f"INSERT INTO fact_zone_versions ({_COLUMNS}, version) "
            f"SELECT {r}.indicator_id, {r}.period_start, {r}.period_end, {r}.zone_id, version FROM store_generation "
            f"WHERE id = 1 AND {_recorded(r)} ON CONFLICT ({_COLUMNS}) DO UPDATE SET version = excluded.version;")


_SQLITE_DOCUMENT = (f"UPDATE fact_zone_versions SET version = {_CURRENT} WHERE ({_COLUMNS}) IN "
                    f"(SELECT {_COLUMNS} FROM facts WHERE document_id = new.id);")
_SQLITE_ADDED = {
    "zhibiao_facts_insert": _sqlite_record("new"),
    "zhibiao_facts_delete": _sqlite_record("old"),
    "zhibiao_facts_update": _sqlite_record("old") + _sqlite_record("new"),
    "zhibiao_documents_update": _SQLITE_DOCUMENT,
}


def _sqlite_trigger(name: str, old: str, new: str) -> None:
    """Recreate trigger ``name`` with the end of its program ``old`` replaced by ``new``."""
    sql = op.get_bind().exec_driver_sql(
        f"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '{name}'").scalar_one()
    if not sql.rstrip().endswith(old):
        raise RuntimeError(f"unexpected trigger {name}: …{sql[-200:]}")
    op.execute(f"DROP TRIGGER {name}")
    op.execute(sql.rstrip()[:len(sql.rstrip()) - len(old)] + new)


# -- PostgreSQL: statement triggers after 0008's ---------------------------------------------------

_PG_CHANGED = {
    "INSERT": "SELECT indicator_id, period_start, period_end, zone_id FROM new_rows",
    "DELETE": "SELECT indicator_id, period_start, period_end, zone_id FROM old_rows",
    "UPDATE": "SELECT indicator_id, period_start, period_end, zone_id FROM old_rows UNION "
              "SELECT indicator_id, period_start, period_end, zone_id FROM new_rows",
}
_PG_TRANSITION = {"INSERT": "NEW TABLE AS new_rows", "DELETE": "OLD TABLE AS old_rows",
                  "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows"}


def _pg_function(name: str, changed: str) -> str:
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO fact_zone_versions ({_COLUMNS}, version)
        SELECT DISTINCT {_COLUMNS}, {_CURRENT} FROM ({changed}) c WHERE {_recorded("c")}
        ON CONFLICT ({_COLUMNS}) DO UPDATE SET version = excluded.version;
    RETURN NULL;
END
$$
"""


_PG_DOCUMENTS = f"""
CREATE FUNCTION zhibiao_documents_update_zones() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE fact_zone_versions v SET version = {_CURRENT} FROM (SELECT DISTINCT f.indicator_id, f.period_start,
        f.period_end, f.zone_id FROM facts f JOIN new_rows d ON f.document_id = d.id) t
        WHERE v.indicator_id = t.indicator_id AND v.period_start = t.period_start AND v.period_end = t.period_end
        AND v.zone_id = t.zone_id;
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "fact_zone_versions",
        sa.Column("indicator_id", sa.String(length=64), nullable=False),
        sa.Column("period_start", sa.String(length=7), nullable=False),
        sa.Column("period_end", sa.String(length=7), nullable=False),
        sa.Column("zone_id", sa.String(length=200), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(*_KEY, "zone_id", name=op.f("pk_fact_zone_versions")),
    )
    # the facts stored before this revision, at the current generation
    op.execute(f"INSERT INTO fact_zone_versions ({_COLUMNS}, version) SELECT {_COLUMNS}, {_CURRENT} FROM facts f "
               f"WHERE {_recorded('f')} GROUP BY {_COLUMNS}")
    op.drop_index("ix_facts_indicator_period", table_name="facts")
    op.create_index("ix_facts_key_zone", "facts", [*_KEY, "zone_id"])
    if op.get_bind().dialect.name == "postgresql":
        for event, changed in _PG_CHANGED.items():
            name = f"zhibiao_facts_{event.lower()}_zones"
            op.execute(_pg_function(name, changed))
            op.execute(f"CREATE TRIGGER {name} AFTER {event} ON facts REFERENCING {_PG_TRANSITION[event]} "
                       f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()")
        op.execute(_PG_DOCUMENTS)
        op.execute("CREATE TRIGGER zhibiao_documents_update_zones AFTER UPDATE ON documents REFERENCING NEW TABLE "
                   "AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zhibiao_documents_update_zones()")
    else:
        for name, added in _SQLITE_ADDED.items():
            _sqlite_trigger(name, " END", f" {added} END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for event in _PG_CHANGED:
            op.execute(f"DROP TRIGGER IF EXISTS zhibiao_facts_{event.lower()}_zones ON facts")
            op.execute(f"DROP FUNCTION IF EXISTS zhibiao_facts_{event.lower()}_zones()")
        op.execute("DROP TRIGGER IF EXISTS zhibiao_documents_update_zones ON documents")
        op.execute("DROP FUNCTION IF EXISTS zhibiao_documents_update_zones()")
    else:
        for name, added in _SQLITE_ADDED.items():
            _sqlite_trigger(name, f" {added} END", " END")
    op.drop_index("ix_facts_key_zone", table_name="facts")
    op.create_index("ix_facts_indicator_period", "facts", list(_KEY))
    op.drop_table("fact_zone_versions")
