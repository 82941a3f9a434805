"""Shared fixtures: report texts, bundled sample files, a file writer and a stand-in extractor."""

from __future__ import annotations

import importlib
import json
import shutil
import uuid
from collections.abc import Callable, Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from zhibiao.model import Change, DocMeta, Document, Fact, Indicator, Person, Projects, Ranking

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
def samples_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of the two seed reports bundled with the package (src/zhibiao/samples/*.txt); the
    demo corpus beside them (regional-demo.jsonl) is left out: these tests are about the seeds."""
    folder = tmp_path_factory.mktemp("samples")
    for seed in sorted(Path(str(resources.files("zhibiao") / "samples")).glob("*.txt")):
        shutil.copyfile(seed, folder / seed.name)
    return folder


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


# -- fact store: a real PostgreSQL server and a database URL per backend ------------------------

def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster for the session (initdb + pg_ctl under /tmp, as the
    postgres user when run as root); yields the admin URL ``postgresql+psycopg://…/postgres``.

    Skipped only when no server binaries exist under /usr/lib/postgresql/*/bin (scripts/test.sh
    installs them on CI)."""
    import glob
    import os
    import shutil
    import subprocess
    import tempfile

    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not bins or not os.path.exists(os.path.join(bins[-1], "initdb")):
        pytest.skip("PostgreSQL server not installed (apt-get install postgresql)")
    pgbin = bins[-1]
    # Not tmp_path: pytest's folders are 0700 root, which the postgres user cannot enter.
    root = tempfile.mkdtemp(prefix="zhibiao-pg.", dir="/tmp")
    as_pg: list[str] = []
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        shutil.chown(root, "postgres", "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    port, data = _free_port(), os.path.join(root, "data")
    subprocess.run([*as_pg, f"{pgbin}/initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                    "--locale=C.UTF-8", "--no-sync"], check=True, stdout=subprocess.DEVNULL)
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c synchronous_commit=off "
               "-c full_page_writes=off")
    subprocess.run([*as_pg, f"{pgbin}/pg_ctl", "-D", data, "-l", f"{root}/server.log", "-w", "-t", "60", "-o",
                    options, "start"], check=True, stdout=subprocess.DEVNULL)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_pg, f"{pgbin}/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"],
                       stdout=subprocess.DEVNULL, check=False)
        shutil.rmtree(root, ignore_errors=True)


def _create_pg_database(admin_url: str, name: str) -> str:
    import psycopg

    plain = admin_url.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database URL for one test, once per backend: a SQLite file under
    tmp_path, and a new database on the session's real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    admin = request.getfixturevalue("pg_server")
    return _create_pg_database(admin, f"t{uuid.uuid4().hex[:16]}")


@pytest.fixture
def other_db_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A second fresh database on the same backend as ``db_url`` (to compare two runs)."""
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'other.db'}"
    return _create_pg_database(request.getfixturevalue("pg_server"), f"t{uuid.uuid4().hex[:16]}")


@pytest.fixture
def gold_extractor() -> Callable[[list[Document]], list[tuple[DocMeta, list[Fact]]]]:
    """A batch extractor that returns each JSONL record's own gold ``facts`` (FACTS.md dicts):
    store tests then depend on the store only, not on the extractor built in parallel."""

    def _extract_batch(docs: list[Document]) -> list[tuple[DocMeta, list[Fact]]]:
        return [(doc.meta, facts_from_dicts(doc.extra.get("facts") or [])) for doc in docs]

    return _extract_batch


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def facts_from_dicts(records: list[dict[str, Any]]) -> list[Fact]:
    """FACTS.md dicts → fact objects (numbers as Decimal)."""
    out: list[Fact] = []
    for d in records:
        evidence = {"quote": d.get("quote", ""), "start": d.get("start", 0), "end": d.get("end", 0)}
        kind = d["type"]
        if kind == "indicator":
            c = d.get("change")
            change = Change(basis=c["basis"], pct=_dec(c.get("pct")), pp=_dec(c.get("pp")),
                            abs=_dec(c.get("abs"))) if c else None
            out.append(Indicator(subject=d.get("subject"), name=d.get("name") or "", period=d.get("period"),
                                 value=_dec(d.get("value")), unit=d.get("unit"), change=change,
                                 qualifier=d.get("qualifier"), parent=d.get("parent"), **evidence))
        elif kind == "projects":
            out.append(Projects(subject=d.get("subject"), period=d.get("period"), stage=d.get("stage", "other"),
                                category=d.get("category"), min_investment=_dec(d.get("min_investment")),
                                count=_dec(d.get("count")), investment=_dec(d.get("investment")),
                                qualifier=d.get("qualifier"), currency=d.get("currency") or "CNY", **evidence))
        elif kind == "ranking":
            out.append(Ranking(subject=d.get("subject"), period=d.get("period"), indicator=d.get("indicator"),
                               scope=d.get("scope"), rank=d.get("rank"), top=bool(d.get("top")),
                               bottom=bool(d.get("bottom")), qualifier=d.get("qualifier"), **evidence))
        else:
            out.append(Person(name=d.get("name", ""), titles=list(d.get("titles") or []), **evidence))
    return out


# -- a report with amounts in two currencies and a last place (currency, bottom) ----------------

MONEY_ZONE = "淮安经济技术开发区"
MONEY_FACTS: list[dict[str, Any]] = [
    # the same zone, period, stage and size-class number in CNY and in USD: two figures, never one
    {"type": "projects", "subject": MONEY_ZONE, "period": "2023-01/2023-06", "stage": "signed", "category": None,
     "min_investment": 10000000, "count": 12, "investment": 645000000, "qualifier": None,
     "quote": "签约1000万元以上项目12个、总投资6.45亿元"},
    {"type": "projects", "subject": MONEY_ZONE, "period": "2023-01/2023-06", "stage": "signed", "category": None,
     "min_investment": 10000000, "count": 3, "investment": 645000000, "currency": "USD", "qualifier": None,
     "quote": "签约1000万美元以上项目3个、协议总投资6.45亿美元"},
    {"type": "ranking", "subject": MONEY_ZONE, "period": "2023-01/2023-06", "indicator": "实际使用外资增速",
     "scope": "全市", "rank": None, "bottom": True, "quote": "实际使用外资增速全市倒数第一"},
    {"type": "ranking", "subject": MONEY_ZONE, "period": "2023-01/2023-06", "indicator": "一般公共预算收入增速",
     "scope": "全市", "rank": 1, "quote": "一般公共预算收入增速全市第一"},
    {"type": "indicator", "subject": MONEY_ZONE, "name": "一般公共预算收入", "period": "2023-01/2023-06",
     "value": 1856000000, "unit": "CNY", "change": None, "qualifier": None, "parent": None,
     "quote": "一般公共预算收入18.56亿元"},
]


def money_record(doc_id: str = "money-2023-07-19", facts: list[dict[str, Any]] | None = None,
                 prefix: str = "今年上半年,淮安经开区") -> dict[str, Any]:
    """A JSONL record whose text is its facts' quotes (offsets filled in), gold facts included."""
    text = prefix
    out = []
    for fact in MONEY_FACTS if facts is None else facts:
        start = len(text)
        text += fact["quote"] + "。"
        out.append({**fact, "start": start, "end": start + len(fact["quote"])})
    return {"doc_id": doc_id, "published": "2023-07-19", "text": text, "facts": out}


@pytest.fixture
def money_corpus(write_jsonl: Callable[[str, list[Any]], Path]) -> Path:
    """A corpus of one report with a CNY and a USD projects figure of one size class, a last place
    and a first place (MONEY_FACTS); ingest it with the ``gold_extractor``."""
    return write_jsonl("money.jsonl", [money_record()])


@pytest.fixture
def money_db(db_url: str, money_corpus: Path,
             gold_extractor: Callable[[list[Document]], list[tuple[DocMeta, list[Fact]]]]) -> str:
    """``db_url`` holding the ``money_corpus`` report with its gold facts."""
    from zhibiao.store import Store

    with Store(db_url, extract_batch=gold_extractor) as store:
        assert store.ingest([money_corpus]).facts == len(MONEY_FACTS)
    return db_url
