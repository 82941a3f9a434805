"""Loading the output of ``zhibiao batch`` into the store: the documents and facts as extracted
there, without extracting again (``zhibiao ingest --facts OUT/``).

Each finished shard (``OUT/done/ID.json``) has ``documents/ID.parquet`` (one row an extracted
document: its text and metadata) and ``facts/ID.parquet`` (its facts, in the same order, with
their provenance: quote, offsets, rule). The documents go through the store's own ingest path
(:class:`~zhibiao.store.ingest.Ingester`) with their facts in place of an extraction, so loading
has its guarantees: idempotent (a document already stored, by its content hash, is skipped), a
killed or interrupted load resumed by running it again (whole batches only), syndicated copies
linked, and bulk writes. The stored facts are those ``zhibiao ingest`` stores of the same inputs.

Documents the batch's prefilter skipped (no figure) are in no shard and so not stored; a batch
run with ``--no-prefilter`` has them all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zhibiao.errors import DocumentError
from zhibiao.model import DocMeta, Document
from zhibiao.store.ingest import FactDicts

__all__ = ["BatchOutput", "fact_dict"]

# 2**53: beyond it a float64 no longer holds every integer (the Parquet shards hold floats)
_EXACT = 2**53


def _number(value: Any) -> Any:
    """A number as ``Fact.to_dict`` gives it (``json_number``): an int when integral."""
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT:
        return int(value)
    return value


def _evidence(row: dict[str, Any]) -> dict[str, Any]:
    out = {"quote": row["quote"], "start": row["start"], "end": row["end"]}
    if row.get("rule"):
        out["rule"] = row["rule"]
    return out


def _change(row: dict[str, Any]) -> dict[str, Any] | None:
    if row.get("change_basis") is None:
        return None
    out: dict[str, Any] = {"basis": row["change_basis"]}
    for key in ("pct", "pp", "abs"):
        if row.get(f"change_{key}") is not None:
            out[key] = _number(row[f"change_{key}"])
    return out


def fact_dict(row: dict[str, Any]) -> dict[str, Any]:
    """One row of a fact shard (:data:`zhibiao.batch.worker.FACT_COLUMNS`) back as the FACTS.md
    dict it was written from (``Fact.to_dict``: the same keys, integral numbers as ints)."""
    kind = row["type"]
    out: dict[str, Any] = {"type": kind}
    if kind == "indicator":
        out.update(subject=row["subject"], name=row["name"], period=row["period"], value=_number(row["value"]),
                   unit=row["unit"], change=_change(row), qualifier=row["qualifier"], parent=row["parent"])
    elif kind == "projects":
        out.update(subject=row["subject"], period=row["period"], stage=row["stage"], category=row["category"],
                   min_investment=_number(row["min_investment"]), count=_number(row["count"]),
                   investment=_number(row["investment"]), qualifier=row["qualifier"])
        if row.get("currency") not in (None, "CNY"):
            out["currency"] = row["currency"]
    elif kind == "ranking":
        out.update(subject=row["subject"], period=row["period"], indicator=row["indicator"], scope=row["scope"],
                   rank=row["rank"])
        out.update({key: True for key in ("top", "bottom") if row.get(key)})
        if row.get("qualifier"):
            out["qualifier"] = row["qualifier"]
    else:
        out.update(name=row["name"], titles=list(row["titles"] or []))
    out.update(_evidence(row))
    return out


def _columns(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return rows


class BatchOutput:
    """The finished shards of a ``zhibiao batch`` output folder, as documents with their facts.

    Iterating gives each document (or a :class:`DocumentError` for a shard that cannot be loaded);
    :meth:`extracted` is the batch extractor that hands the store each document's facts."""

    def __init__(self, folder: str | Path, window: int) -> None:
        """``window``: the documents the store takes before it asks for their facts (its batch
        size); the facts of older documents it skipped as stored are let go."""
        self.folder = Path(folder)
        self.window = window
        self._facts: dict[int, tuple[Document, tuple[DocMeta, FactDicts]]] = {}
        self.shards = 0

    def shard_ids(self) -> list[str]:
        """The finished shards, in order of their ids."""
        done = self.folder / "done"
        if not done.is_dir():
            raise DocumentError(str(self.folder), "E_READ", "no done/ folder: not the output of zhibiao batch")
        return sorted(p.name.removesuffix(".json") for p in done.glob("*.json") if not p.name.startswith("."))

    def __iter__(self) -> Iterator[Document | DocumentError]:
        for shard_id in self.shard_ids():
            try:
                loaded = self._shard(shard_id)
            except DocumentError as exc:
                yield exc
                continue
            self.shards += 1
            for doc, result in loaded:
                self._facts[id(doc)] = (doc, result)
                while len(self._facts) > self.window:
                    del self._facts[next(iter(self._facts))]
                yield doc

    def _shard(self, shard_id: str) -> list[tuple[Document, tuple[DocMeta, FactDicts]]]:
        marker = json.loads((self.folder / "done" / f"{shard_id}.json").read_text(encoding="utf-8"))
        if marker.get("status", "done") != "done":
            return []
        documents_path = self.folder / "documents" / f"{shard_id}.parquet"
        if not documents_path.exists():
            raise DocumentError(str(documents_path), "E_READ",
                                "no documents shard (written by zhibiao batch before format v3): run the batch again")
        try:
            documents = _columns(documents_path)
            facts = _columns(self.folder / "facts" / f"{shard_id}.parquet")
        except Exception as exc:  # pyarrow's own errors for a missing or damaged file
            raise DocumentError(str(documents_path), "E_READ", f"cannot read the shard ({type(exc).__name__}: "
                                f"{' '.join(str(exc).split())[:200]})") from exc
        return _joined(documents_path, documents, facts)

    def extracted(self, docs: list[Document]) -> list[tuple[DocMeta, FactDicts]]:
        """The batch extractor of the store: each document's facts as the batch extracted them."""
        return [self._facts.pop(id(doc))[1] for doc in docs]


def _joined(where: Path, documents: list[dict[str, Any]],
            facts: list[dict[str, Any]]) -> list[tuple[Document, tuple[DocMeta, FactDicts]]]:
    """Each document with its facts: the next ``n_facts`` rows of the fact shard, which must name it."""
    out = []
    at = 0
    for row in documents:
        own = facts[at:at + row["n_facts"]]
        at += row["n_facts"]
        if len(own) != row["n_facts"] or any(f["doc_id"] != row["doc_id"] for f in own):
            raise DocumentError(str(where), "E_SCHEMA", f"the facts of {row['doc_id']} are not where the "
                                "documents shard says: its fact shard belongs to another run")
        extra = {"zone": row["zone"]} if row.get("zone") else {}
        doc = Document(doc_id=row["doc_id"], text=row["text"], published=row["published"], source=row["source"],
                       extra=extra)
        meta = DocMeta(title=row["title"], source_name=row["source_name"], page=row["page"], url=row["url"])
        out.append((doc, (meta, FactDicts([fact_dict(f) for f in own], row["extractor_version"]))))
    if at != len(facts):
        raise DocumentError(str(where), "E_SCHEMA", f"{len(facts) - at} facts of no document in its fact shard")
    return out
