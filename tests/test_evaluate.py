"""zhibiao.evaluate against the reference scorer (tests/data/reference_score.py).

The agreement tests build prediction files from the dev gold, run the reference script in a
subprocess and require the same stdout bytes and the same --json file from zhibiao.evaluate.
"""

from __future__ import annotations

import copy
import doctest
import importlib.util
import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhibiao.evaluate as ev
from zhibiao.errors import DocumentError

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
REFERENCE = DATA / "reference_score.py"
GOLD_FILES = sorted(DATA.glob("*.jsonl"))

Doc = dict[str, Any]
Perturb = Callable[[list[Doc], random.Random], list[Doc]]


# --------------------------------------------------------------------------------------------
# helpers


def _reference_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REF = _reference_module()


def _gold_docs() -> list[Doc]:
    docs: list[Doc] = []
    for f in GOLD_FILES:
        docs += [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docs


def _write_jsonl(path: Path, docs: list[Doc]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


def _run_reference(gold: Path, pred: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, str(REFERENCE), str(gold), str(pred), *args],
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )


def _assert_agrees(gold: Path, pred: Path, tmp_path: Path) -> ev.Scores:
    """Same stdout (plain and --show-errors) and the same --json file as the reference."""
    ref_json, our_json = tmp_path / "ref.json", tmp_path / "ours.json"
    plain = _run_reference(gold, pred)
    assert plain.returncode == 0, plain.stderr.decode()
    with_errors = _run_reference(gold, pred, "--show-errors", "--json", str(ref_json))
    assert with_errors.returncode == 0, with_errors.stderr.decode()

    assert ev.main_report(str(gold), str(pred)).encode("utf-8") == plain.stdout
    text = ev.main_report(str(gold), str(pred), show_errors=True, json_out=str(our_json))
    assert text.encode("utf-8") == with_errors.stdout
    assert our_json.read_bytes() == ref_json.read_bytes()

    scores = ev.score(ev.load_corpus(gold), ev.load_corpus(pred), collect_errors=True)
    assert ev.scores_to_json(scores) == json.loads(ref_json.read_text(encoding="utf-8"))
    assert ev.format_report(scores, show_errors=True) == text
    return scores


def _map_facts(docs: list[Doc], fn: Callable[[Doc], Doc | None]) -> list[Doc]:
    out = copy.deepcopy(docs)
    for d in out:
        d["facts"] = [g for g in (fn(f) for f in d.get("facts", [])) if g is not None]
    return out


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


# --------------------------------------------------------------------------------------------
# perturbations of the gold (each deterministic given its rng)


def identity(docs: list[Doc], rng: random.Random) -> list[Doc]:
    return copy.deepcopy(docs)


def drop_facts(docs: list[Doc], rng: random.Random) -> list[Doc]:
    return _map_facts(docs, lambda f: None if rng.random() < 0.3 else f)


def shuffle_and_duplicate(docs: list[Doc], rng: random.Random) -> list[Doc]:
    out = copy.deepcopy(docs)
    for d in out:
        facts = d["facts"] + [copy.deepcopy(f) for f in d["facts"] if rng.random() < 0.15]
        rng.shuffle(facts)
        d["facts"] = facts
    return out


def _nudge(v: Any, rng: random.Random, *, beyond: bool) -> Any:
    if not _is_number(v):
        return v
    sign = rng.choice((-1, 1))
    if abs(v) >= 100:
        return v * (1 + sign * (rng.uniform(0.0011, 0.01) if beyond else rng.uniform(0, 0.0009)))
    return v + sign * (rng.uniform(0.051, 0.5) if beyond else rng.uniform(0, 0.045))


def _boundary(v: Any, rng: random.Random) -> Any:
    if not _is_number(v):
        return v
    return rng.choice((v * (1 + 1e-3), v * (1 - 1e-3), v + 0.05, v - 0.05, v * 1.001000001))


def _perturb_numbers(nudge: Callable[[Any], Any]) -> Callable[[Doc], Doc]:
    def apply(f: Doc) -> Doc:
        for key in ("value", "count", "investment", "min_investment"):
            if key in f:
                f[key] = nudge(f[key])
        change = f.get("change")
        if isinstance(change, dict):
            for key in ("pct", "pp", "abs"):
                if key in change:
                    change[key] = nudge(change[key])
        return f

    return apply


def values_within(docs: list[Doc], rng: random.Random) -> list[Doc]:
    return _map_facts(docs, _perturb_numbers(lambda v: _nudge(v, rng, beyond=False)))


def values_beyond(docs: list[Doc], rng: random.Random) -> list[Doc]:
    def maybe(v: Any) -> Any:
        return _nudge(v, rng, beyond=rng.random() < 0.5)

    return _map_facts(docs, _perturb_numbers(maybe))


def values_on_boundary(docs: list[Doc], rng: random.Random) -> list[Doc]:
    return _map_facts(docs, _perturb_numbers(lambda v: _boundary(v, rng)))


def units_and_bases(docs: list[Doc], rng: random.Random) -> list[Doc]:
    def apply(f: Doc) -> Doc:
        roll = rng.random()
        if f.get("type") != "indicator":
            return f
        if roll < 0.2:
            f["unit"] = "" if f.get("unit") is None else ("%" if f["value"] is None else None)
        elif roll < 0.4 and isinstance(f.get("change"), dict):
            f["change"]["basis"] = rng.choice((None, "", "yoy", "other", "avg2y"))
        elif roll < 0.5:
            f["change"] = rng.choice(({}, None, {"basis": "yoy", "pct": 0}))
        elif roll < 0.6 and isinstance(f.get("change"), dict) and "pct" in f["change"]:
            f["change"]["pp"] = f["change"].pop("pct")
        elif roll < 0.7:
            f["value"] = None
        return f

    return _map_facts(docs, apply)


def _alter_name(name: Any, rng: random.Random, pool: list[str]) -> Any:
    if not isinstance(name, str) or not name:
        return rng.choice((name, "增加值", None))
    edits: list[Callable[[str], Any]] = [
        lambda s: s[:-1],
        lambda s: s[1:],
        lambda s: " ".join(s),
        lambda s: s.replace("规上", "规模以上"),
        lambda s: s + "总额",
        lambda s: s[: len(s) // 2] + "X" + s[len(s) // 2 + 1 :],
        lambda s: rng.choice(pool) if pool else s,
        lambda s: s[::-1],
        lambda s: "",
    ]
    return rng.choice(edits)(name)


def names_altered(docs: list[Doc], rng: random.Random) -> list[Doc]:
    pool = sorted({f[k] for d in docs for f in d["facts"] for k in ("name", "indicator") if f.get(k)})

    def apply(f: Doc) -> Doc:
        if rng.random() < 0.6:
            key = "indicator" if f.get("type") == "ranking" else "name"
            f[key] = _alter_name(f.get(key), rng, pool)
        if f.get("type") == "ranking" and rng.random() < 0.2:
            f["scope"] = rng.choice((" 全 市", "全省", None, f.get("scope")))
        return f

    return _map_facts(docs, apply)


def attributes_altered(docs: list[Doc], rng: random.Random) -> list[Doc]:
    def subject(s: Any) -> Any:
        if not isinstance(s, str):
            return rng.choice((s, "", "经开区"))
        return rng.choice(
            (
                s.replace("经济技术开发区", "经开区"),
                s.replace("经开区", "经济技术开发区"),
                s.replace("高新技术产业开发区", "高新区"),
                s[:2],
                s + "管委会",
                None,
                " " + s,
            )
        )

    def apply(f: Doc) -> Doc:
        for key, fn in (
            ("subject", subject),
            ("period", lambda p: rng.choice((p, None, "", "2023-01/2023-12"))),
            ("qualifier", lambda q: rng.choice((q, None, "", "approx"))),
            ("parent", lambda p: rng.choice((p, None, "进出口", "其他"))),
            ("category", lambda c: rng.choice((c, None, "重点", "外资项目"))),
        ):
            if key in f and rng.random() < 0.4:
                f[key] = fn(f[key])
        return f

    return _map_facts(docs, apply)


def persons_partial_titles(docs: list[Doc], rng: random.Random) -> list[Doc]:
    out = copy.deepcopy(docs)
    for d in out:
        facts: list[Doc] = []
        for f in d["facts"]:
            if f.get("type") != "person":
                facts.append(f)
                continue
            titles = list(f.get("titles") or [])
            roll = rng.random()
            name = f["name"] if rng.random() < 0.7 else " ".join(f["name"])
            if roll < 0.25 and titles:  # titles spread over several mentions
                for t in titles:
                    facts.append({"type": "person", "name": name, "titles": [t], "quote": name})
            elif roll < 0.5:  # some titles only
                facts.append({"type": "person", "name": name, "titles": titles[: len(titles) // 2]})
            elif roll < 0.65:  # an extra title, spaced out
                facts.append({"type": "person", "name": name, "titles": [*titles, "董 事长"]})
            elif roll < 0.75:
                facts.append({"type": "person", "name": name, "titles": None})
            elif roll < 0.85:
                continue
            else:
                spaced = [" ".join(t) for t in titles]  # same titles after norm: merged away
                facts.append({"type": "person", "name": name + "某", "titles": titles})
                facts.append({"type": "person", "name": name + "某", "titles": spaced})
        d["facts"] = facts
    return out


def documents_missing(docs: list[Doc], rng: random.Random) -> list[Doc]:
    out = [copy.deepcopy(d) for d in docs if rng.random() < 0.6]
    out.append({"doc_id": "not-in-gold", "text": "", "facts": [{"type": "person", "name": "某"}]})
    if out:
        out.append(copy.deepcopy(out[0]) | {"facts": []})  # a later duplicate replaces the first
    return out


def chaos(docs: list[Doc], rng: random.Random) -> list[Doc]:
    steps: list[Perturb] = [
        drop_facts,
        shuffle_and_duplicate,
        values_beyond,
        units_and_bases,
        names_altered,
        attributes_altered,
        persons_partial_titles,
    ]
    for step in rng.sample(steps, k=4):
        docs = step(docs, rng)
    return docs


SCENARIOS: list[tuple[str, Perturb, int]] = [
    ("identity", identity, 0),
    ("drop", drop_facts, 1),
    ("drop", drop_facts, 2),
    ("shuffle-duplicate", shuffle_and_duplicate, 3),
    ("values-within", values_within, 4),
    ("values-beyond", values_beyond, 5),
    ("values-boundary", values_on_boundary, 6),
    ("units-bases", units_and_bases, 7),
    ("names", names_altered, 8),
    ("names", names_altered, 9),
    ("attributes", attributes_altered, 10),
    ("persons", persons_partial_titles, 11),
    ("persons", persons_partial_titles, 12),
    ("documents-missing", documents_missing, 13),
    ("chaos", chaos, 14),
    ("chaos", chaos, 15),
    ("chaos", chaos, 16),
]


# --------------------------------------------------------------------------------------------
# agreement with the reference script


@pytest.mark.parametrize(("name", "perturb", "seed"), SCENARIOS, ids=[f"{n}-{s}" for n, _, s in SCENARIOS])
def test_evaluate_agrees_with_reference(tmp_path: Path, name: str, perturb: Perturb, seed: int) -> None:
    pred = _write_jsonl(tmp_path / "pred.jsonl", perturb(_gold_docs(), random.Random(seed)))
    scores = _assert_agrees(DATA, pred, tmp_path)
    # the perturbation shows in the figures (not for identity, nor for numbers within tolerance)
    visible = scores.micro[2] < 1.0 or any(a.ok < a.n for a in scores.attributes.values())
    assert visible is (name not in ("identity", "values-within"))
    if name == "identity":
        assert scores.errors == []


def test_evaluate_values_within_tolerance_all_match(tmp_path: Path) -> None:
    pred = _write_jsonl(tmp_path / "pred.jsonl", values_within(_gold_docs(), random.Random(4)))
    scores = ev.score(ev.load_corpus(DATA), ev.load_corpus(pred))
    assert all(c.tp == c.gold == c.pred for c in scores.types.values())


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=[f.name for f in GOLD_FILES])
def test_evaluate_agrees_on_single_gold_file(tmp_path: Path, gold_file: Path) -> None:
    docs = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    pred = _write_jsonl(tmp_path / "pred.jsonl", chaos(docs, random.Random(21)))
    _assert_agrees(gold_file, pred, tmp_path)


def test_evaluate_agrees_on_empty_prediction(tmp_path: Path) -> None:
    pred = tmp_path / "empty.jsonl"
    pred.write_text("", encoding="utf-8")
    scores = _assert_agrees(DATA, pred, tmp_path)
    assert len(scores.documents_without_prediction) == scores.documents == len(_gold_docs())
    assert scores.micro == (0.0, 0.0, 0.0)
    assert len(scores.missed) == sum(c.gold for c in scores.types.values())


def test_evaluate_agrees_on_prediction_folder(tmp_path: Path) -> None:
    """A folder of *.jsonl is read in sorted order; blank lines are skipped."""
    docs = names_altered(_gold_docs(), random.Random(30))
    folder = tmp_path / "pred"
    folder.mkdir()
    _write_jsonl(folder / "b.jsonl", docs[: len(docs) // 2])
    (folder / "a.jsonl").write_text(
        "\n\n".join(json.dumps(d, ensure_ascii=False) for d in docs[len(docs) // 2 :]) + "\n\n",
        encoding="utf-8",
    )
    (folder / "ignored.txt").write_text("not json", encoding="utf-8")
    _assert_agrees(DATA, folder, tmp_path)


def test_evaluate_agrees_when_gold_is_empty(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n", encoding="utf-8")
    pred = _write_jsonl(tmp_path / "pred.jsonl", _gold_docs())
    scores = _assert_agrees(gold, pred, tmp_path)
    assert scores.documents == 0 and scores.attributes == {}


def test_evaluate_agrees_on_hand_made_edge_facts(tmp_path: Path) -> None:
    """Odd but valid records: unknown types, no facts key, strings as numbers, traditional spaces."""
    gold_docs = [
        {
            "doc_id": "x",
            "facts": [
                {
                    "type": "indicator",
                    "name": "规模以上工业增加值",
                    "value": 12.5,
                    "unit": "%",
                    "change": None,
                },
                {"type": "indicator", "name": "出口", "value": None, "change": {"pct": 5.2}},
                {"type": "indicator", "name": "出口", "value": None, "change": {"basis": "yoy", "pct": 5.24}},
                {"type": "ranking", "indicator": "", "scope": "全市", "rank": 1},
                {"type": "person", "name": "徐子佳", "titles": ["市委常委"]},
                {"type": "person", "name": "徐子佳", "titles": ["书记", "市委 常委"]},
                {"type": "projects", "stage": "signed", "count": 3, "quote": "签约3个项目"},
                {"type": "indicator", "name": "户数", "value": 5, "unit": None},
                {"type": "whatever", "name": "ignored"},
            ],
        },
        {"doc_id": "no-facts"},
        {"doc_id": 7, "facts": [{"type": "person", "name": "数字"}]},
    ]
    pred_docs = [
        {
            "doc_id": "x",
            "facts": [
                {"type": "indicator", "name": "规上工业 增加值", "value": "12.54", "unit": "%", "change": {}},
                {
                    "type": "indicator",
                    "name": "出口额",
                    "value": None,
                    "unit": "CNY",
                    "change": {"pct": 5.22},
                },
                {"type": "indicator", "name": "出口", "value": None, "change": {"basis": None, "pct": 5.2}},
                {"type": "ranking", "indicator": None, "scope": " 全市", "rank": 1.0},
                {"type": "person", "name": "徐 子佳", "titles": ["书记"], "quote": "书记徐子佳"},
                {"type": "indicator", "name": "户数", "value": 5, "unit": ""},
                {"type": "projects", "stage": "signed", "count": 3, "min_investment": 0},
                {"type": "projects", "stage": "signed", "count": 3, "category": "重点", "quote": ""},
            ],
        },
        {"doc_id": "no-facts", "facts": [{"type": "person", "name": "多余"}]},
        {"doc_id": "7", "facts": [{"type": "person", "name": "数字"}]},
    ]
    gold = _write_jsonl(tmp_path / "gold.jsonl", gold_docs)
    pred = _write_jsonl(tmp_path / "pred.jsonl", pred_docs)
    scores = _assert_agrees(gold, pred, tmp_path)
    assert scores.documents_without_prediction == [7]


def test_evaluate_currency_and_bottom_pass_through_like_the_reference(tmp_path: Path) -> None:
    """The reference compares neither currency nor bottom: a USD amount matches the same number in
    CNY, a last place any rank-null place; both keys are carried into the error lines as written."""
    usd = {"type": "projects", "stage": "signed", "min_investment": 10000000, "count": 3, "investment": 645000000,
           "currency": "USD", "quote": "签约1000万美元以上项目3个、协议总投资6.45亿美元"}
    last = {"type": "ranking", "indicator": "实际使用外资增速", "scope": "全市", "rank": None, "bottom": True,
            "quote": "实际使用外资增速全市倒数第一"}
    gold_docs = [{"doc_id": "a", "facts": [usd, last, {**usd, "stage": "started", "quote": "开工"}]}]
    pred_docs = [{"doc_id": "a", "facts": [
        {k: v for k, v in usd.items() if k != "currency"},   # CNY: matched all the same
        {k: v for k, v in last.items() if k != "bottom"},    # no last place: matched all the same
        {**usd, "stage": "other", "bottom": False, "quote": "其他"}]}]
    gold = _write_jsonl(tmp_path / "gold.jsonl", gold_docs)
    pred = _write_jsonl(tmp_path / "pred.jsonl", pred_docs)
    scores = _assert_agrees(gold, pred, tmp_path)
    assert (scores.types["projects"].tp, scores.types["ranking"].tp) == (1, 1)
    lines = ev.format_report(scores, show_errors=True)
    assert '"currency": "USD"' in lines and '"bottom": false' in lines


def _cli_has_eval() -> bool:
    if importlib.util.find_spec("zhibiao.cli") is None:
        return False
    help_run = subprocess.run(
        [sys.executable, "-c", "from zhibiao.cli import main; main()", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return help_run.returncode == 0 and " eval " in help_run.stdout


@pytest.mark.skipif(not _cli_has_eval(), reason="the zhibiao CLI has no eval command yet")
def test_evaluate_cli_eval_prints_reference_text(tmp_path: Path) -> None:
    pred = _write_jsonl(tmp_path / "pred.jsonl", chaos(_gold_docs(), random.Random(40)))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
    cli = subprocess.run(
        [sys.executable, "-c", "from zhibiao.cli import main; main()", "eval", str(DATA), str(pred)],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert cli.returncode == 0, cli.stderr.decode()
    plain = _run_reference(DATA, pred)
    assert plain.returncode == 0
    assert cli.stdout == plain.stdout


# --------------------------------------------------------------------------------------------
# malformed input


@pytest.mark.parametrize(
    ("lines", "lineno", "code"),
    [
        (['{"doc_id": "a", "facts": []}', "", '{"doc_id": "b", "facts": [}'], 3, "E_JSON"),
        (["not json at all"], 1, "E_JSON"),
        (['{"doc_id": "a"}', '{"doc_id": "b"'], 2, "E_JSON"),
        (['{"doc_id": "a"}', '{"facts": []}'], 2, "E_SCHEMA"),
        (['["doc_id", "a"]'], 1, "E_SCHEMA"),
        (['{"doc_id": "a", "facts": null}'], 1, "E_SCHEMA"),
        (['{"doc_id": "a", "facts": ["x"]}'], 1, "E_SCHEMA"),
    ],
)
def test_evaluate_malformed_gold_line_names_file_and_line(
    tmp_path: Path, lines: list[str], lineno: int, code: str
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pred = _write_jsonl(tmp_path / "pred.jsonl", [])
    with pytest.raises(DocumentError) as info:
        ev.main_report(str(gold), str(pred))
    assert info.value.where == f"{gold}:{lineno}"
    assert info.value.code == code
    assert str(info.value).startswith(f"{gold}:{lineno}: {code}: ")
    ref = _run_reference(gold, pred)
    assert ref.returncode != 0  # the reference stops too
    if code == "E_JSON":
        assert f"{gold}:{lineno}: not JSON: {info.value.detail}" in ref.stderr.decode()


def test_evaluate_malformed_line_in_folder_names_that_file(tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    folder.mkdir()
    _write_jsonl(folder / "a.jsonl", _gold_docs()[:2])
    (folder / "b.jsonl").write_text('{"doc_id": "ok"}\n{oops\n', encoding="utf-8")
    with pytest.raises(DocumentError, match=r"b\.jsonl:2: E_JSON") as info:
        ev.load_corpus(folder)
    assert info.value.where == f"{folder / 'b.jsonl'}:2"


def test_evaluate_unreadable_corpus_is_a_document_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as info:
        ev.load_corpus(tmp_path / "nope.jsonl")
    assert info.value.code == "E_READ"
    bad = tmp_path / "gbk.jsonl"
    bad.write_bytes('{"doc_id": "甲"}'.encode("gbk"))
    with pytest.raises(DocumentError) as info:
        ev.load_corpus(bad)
    assert info.value.code == "E_ENCODING"


# --------------------------------------------------------------------------------------------
# rules: tables checked against the expected value and against the reference's own functions


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (None, None, True),
        (0, None, False),
        (None, 0, False),
        (1856000000, 1856000000, True),
        (1856000000, 1857800000, True),  # 0.097% off
        (1856000000, 1858000000, False),  # 0.108% off
        (100000, 100100, True),  # exactly 0.1%
        (36.7, 36.74, True),
        (36.7, 36.76, False),
        (0, 0.05, True),
        (0, 0.06, False),
        (-8.3, -8.26, True),
        (-8.3, 8.3, False),
        (99.97, 99.93, True),
        (0.1, 0.0, False),  # small numbers: 0.05 absolute, no more
        ("12.5", 12.5, True),
        ("abc", 12.5, False),
        ([1], [1], False),
        (True, 1, True),
        (float("nan"), float("nan"), False),
        (float("inf"), float("inf"), True),
    ],
)
def test_evaluate_num_eq_table(a: Any, b: Any, expected: bool) -> None:
    assert ev.num_eq(a, b) is expected
    assert REF.num_eq(a, b) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (None, None, True),
        (None, {}, True),
        ({}, None, True),
        (None, {"basis": "yoy", "pct": 1}, False),
        ({"basis": "yoy", "pct": 36.7}, {"basis": "yoy", "pct": 36.7}, True),
        ({"basis": "yoy", "pct": 36.7}, {"pct": 36.74}, True),  # null basis is yoy
        ({"basis": "", "pct": 36.7}, {"basis": "yoy", "pct": 36.7}, True),
        ({"basis": "yoy", "pct": 36.7}, {"basis": "other", "pct": 36.7}, False),
        ({"basis": "yoy", "pct": 36.7}, {"basis": "yoy", "pct": 36.8}, False),
        ({"basis": "yoy", "pct": 5}, {"basis": "yoy", "pp": 5}, False),
        ({"basis": "yoy", "pct": 110}, {"basis": "yoy", "pct": 110.1}, True),  # 0.09% relative
        ({"basis": "other", "pp": 0}, {"basis": "other", "pp": 0.0}, True),
        ({"basis": "yoy", "abs": 3}, {"basis": "yoy", "abs": 3, "pct": None}, True),
        ({"basis": "yoy"}, {"basis": "yoy"}, True),
        ({"pct": 0}, {"pct": 0.04}, True),
    ],
)
def test_evaluate_change_eq_table(a: Any, b: Any, expected: bool) -> None:
    assert ev.change_eq(a, b) is expected
    assert REF.change_eq(a, b) is expected


@pytest.mark.parametrize(
    ("a", "b", "floor", "expected"),
    [
        ("一般公共预算收入", "一般公共预算收入", 0.6, True),
        ("一般公共预算收入", "公共预算收入", 0.6, True),  # containment
        ("规模以上工业增加值", "规上工业增加值", 0.6, True),  # 规模以上 -> 规上
        ("规上 工业增加值", "规上工业\u3000增加值", 0.6, True),  # whitespace ignored
        ("工业总产值", "工业增加值", 0.6, True),  # ratio exactly 0.6
        ("工业总产值", "工业增加值", 0.7, False),
        ("出口", "进口", 0.6, False),  # ratio 0.5
        ("", None, 0.6, True),
        ("", "出口", 0.6, False),
        (None, "出口", 0.6, False),
        ("税收收入", "收入税收", 0.6, False),
        (0, "", 0.6, True),  # 0 normalises to ""
    ],
)
def test_evaluate_similar_table(a: Any, b: Any, floor: float, expected: bool) -> None:
    assert ev.similar(a, b, floor) is expected
    assert REF.similar(a, b, floor) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (None, None, True),
        ("", None, True),
        ("淮安经济技术开发区", None, False),
        ("淮安经济技术开发区", "淮安经开区", True),
        ("武汉东湖高新技术产业开发区", "武汉东湖高新区", True),
        ("淮安经开区", "淮安经济技术开发区管委会", True),  # containment after the short form
        ("淮安经开区", "盐城经开区", False),  # 0.6 < 0.7
        ("盐城经济技术开发区", "盐城经济开发区", True),
        ("淮安市", "淮安区", False),
        ("经开区", "经开区", True),
        ("淮安 经开区", "淮安经开区", True),
    ],
)
def test_evaluate_subject_eq_table(a: Any, b: Any, expected: bool) -> None:
    assert ev.subject_eq(a, b) is expected
    assert REF.subject_eq(a, b) is expected


_NAMES = st.text(
    alphabet=list("工业总产值增加出口进规模以上规上收入税 \u3000经济技术开发区高新"), max_size=12
)
_NUMBERS = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
    st.sampled_from([0.05, -0.05, 99.95, 100.0, 100.05, 1e-3]),
)


@settings(derandomize=True, max_examples=400, deadline=None)
@given(a=_NUMBERS, b=_NUMBERS, names=st.tuples(_NAMES, _NAMES))
def test_evaluate_rules_match_reference_on_generated_inputs(
    a: float | None, b: float | None, names: tuple[str, str]
) -> None:
    assert ev.num_eq(a, b) == REF.num_eq(a, b)
    if b is not None:
        assert ev.num_eq(a, b + 0.05) == REF.num_eq(a, b + 0.05)
        assert ev.num_eq(a, b * 1.001) == REF.num_eq(a, b * 1.001)
    assert ev.similar(*names) == REF.similar(*names)
    assert ev.subject_eq(*names) == REF.subject_eq(*names)
    assert ev.norm(names[0]) == REF.norm(names[0])
    change_a, change_b = {"basis": names[0][:1] or None, "pct": a}, {"pct": b}
    assert ev.change_eq(change_a, change_b) == REF.change_eq(change_a, change_b)


@pytest.mark.parametrize("fact_type", ev.TYPES)
def test_evaluate_pair_prefers_closest_name(fact_type: str) -> None:
    field = "indicator" if fact_type == "ranking" else "name"
    base = {"type": fact_type, "value": 1, "unit": "CNY", "stage": "signed", "scope": "全市", "rank": 1}
    gold = [base | {field: "出口"}]
    pred = [base | {field: "出口总额"}, base | {field: "出口"}]
    assert ev.pair(fact_type, gold, pred) == [(gold[0], pred[1])]
    assert ev.pair(fact_type, gold, pred) == REF.pair(fact_type, gold, pred)


def test_evaluate_pair_takes_first_candidate_on_a_tie() -> None:
    gold = [{"type": "projects", "stage": "signed", "count": 5}]
    pred = [{"type": "projects", "stage": "signed", "count": 5, "category": c} for c in ("重点", "外资")]
    assert ev.pair("projects", gold, pred) == [(gold[0], pred[0])]


def test_evaluate_pair_is_one_to_one() -> None:
    g = {"type": "person", "name": "徐子佳"}
    assert ev.pair("person", [g, dict(g)], [dict(g)]) == [(g, g)]


def test_evaluate_merge_people_keeps_first_spelling_and_all_titles() -> None:
    facts = [
        {"type": "person", "name": "徐子佳", "titles": ["市委常委"], "quote": "市委常委徐子佳"},
        {"type": "person", "name": "徐 子佳", "titles": ["市委 常委", "党工委书记"]},
        {"type": "person", "name": "刘爱国", "titles": None},
    ]
    assert ev.merge_people(facts) == [
        {"type": "person", "name": "徐子佳", "titles": ["市委常委", "党工委书记"]},
        {"type": "person", "name": "刘爱国", "titles": []},
    ]
    assert ev.merge_people(facts) == REF.merge_people(facts)


def test_evaluate_error_lines_render_like_reference() -> None:
    gold = {
        "d": {
            "doc_id": "d",
            "facts": [
                {
                    "type": "indicator",
                    "name": "税占比",
                    "value": 93.25,
                    "unit": "%",
                    "change": None,
                    "quote": "税占比93.25%",
                }
            ],
        }
    }
    pred = {"d": {"doc_id": "d", "facts": [{"type": "person", "name": "杨乐军", "titles": []}]}}
    scores = ev.score(gold, pred, collect_errors=True)
    assert [e.render() for e in scores.errors or []] == [
        'MISSED  d indicator: {"name": "税占比", "value": 93.25, "unit": "%"}  «税占比93.25%»',
        'SPURIOUS d person: {"name": "杨乐军"}',
    ]
    assert [e.kind for e in scores.missed] == ["MISSED"]
    assert [e.fact["name"] for e in scores.spurious] == ["杨乐军"]


def test_evaluate_show_errors_needs_collected_errors() -> None:
    scores = ev.score({}, {})
    assert scores.errors is None
    with pytest.raises(ValueError, match="collect_errors"):
        ev.format_report(scores, show_errors=True)
    assert ev.format_report(scores).endswith("micro P=1.000 R=1.000 F1=1.000\n")


def test_evaluate_scores_carry_counts() -> None:
    docs = {d["doc_id"]: d for d in _gold_docs()}
    scores = ev.score(docs, {k: v for k, v in list(docs.items())[1:]})
    first = _gold_docs()[0]
    n_first = sum(1 for f in first["facts"] if f["type"] == "indicator")
    ind = scores.types["indicator"]
    assert (ind.gold - ind.tp, ind.pred, ind.precision) == (n_first, ind.tp, 1.0)
    assert scores.documents_without_prediction == [first["doc_id"]]
    assert scores.attributes["indicator.period"].n == ind.tp
    assert list(scores.attributes) == sorted(scores.attributes)


def test_evaluate_doctests() -> None:
    result = doctest.testmod(ev)
    assert result.failed == 0 and result.attempted > 10


def _doc(*facts: dict[str, Any]) -> dict[str, Any]:
    return {"doc_id": "d", "text": "x" * 100, "facts": list(facts)}


def test_evaluate_failure_kinds_name_what_differs_without_showing_facts() -> None:
    gold = {"d": _doc(
        {"type": "projects", "stage": "signed", "count": 12, "investment": None, "min_investment": None,
         "start": 10, "end": 20},
        {"type": "projects", "stage": "started", "count": 3, "start": 40, "end": 45},
        {"type": "indicator", "name": "工业增加值", "value": 5, "unit": "CNY", "start": 60, "end": 70},
        {"type": "ranking", "scope": "全市", "rank": 1, "indicator": "增速", "start": 80, "end": 90},
    )}
    pred = {"d": _doc(
        {"type": "projects", "stage": "other", "count": 12, "start": 12, "end": 22},  # stage alone differs
        {"type": "indicator", "name": "工业增加值", "value": 6, "unit": "CNY", "start": 62, "end": 70},
        {"type": "ranking", "scope": "全市", "rank": 1, "indicator": "增速", "start": 80, "end": 90},  # matched
        {"type": "person", "name": "王明", "titles": [], "start": 95, "end": 97},
    )}
    kinds = ev.failure_kinds(gold, pred)
    assert kinds["projects"] == {"near: stage": 1, "missed: nothing here": 1}
    assert kinds["indicator"] == {"near: value": 1}
    assert kinds["ranking"] == {}
    assert kinds["person"] == {"spurious: nothing here": 1}
    text = ev.format_kinds(kinds)
    assert "near: stage" in text and "工业增加值" not in text  # counts only, no fact shown


def test_evaluate_disagreement_kinds_say_how_periods_and_subjects_differ_without_showing_facts() -> None:
    gold = {"d": _doc(
        {"type": "indicator", "name": "出口", "value": 5, "unit": "CNY", "subject": "乙镇",
         "period": "2023-11/2023-11"},
        {"type": "indicator", "name": "进口", "value": 7, "unit": "CNY", "subject": "甲县",
         "period": "2023-01/2023-12"},
        {"type": "projects", "stage": "signed", "count": 4, "subject": "丙园区", "period": "2023-01/2023-06"},
    )}
    pred = {"d": _doc(
        {"type": "indicator", "name": "出口", "value": 5, "unit": "CNY", "subject": "甲县",
         "period": "2023-01/2023-11"},
        {"type": "indicator", "name": "进口", "value": 7, "unit": "CNY", "subject": "甲县",
         "period": "2022-01/2022-12"},
        {"type": "projects", "stage": "signed", "count": 4, "subject": None, "period": None},
    )}
    kinds = ev.disagreement_kinds(gold, pred)
    assert kinds == {
        "indicator.period": {"months (gold one month, predicted from January)": 1, "year": 1},
        "indicator.subject": {"predicted the report main subject": 1},
        "projects.period": {"predicted none": 1},
        "projects.subject": {"predicted none": 1},
    }
    assert ev.disagreement_kinds(gold, gold) == {}
    text = ev.format_kinds(kinds, "disagreements:")
    assert text.startswith("disagreements:") and "出口" not in text and "甲县" not in text


def test_evaluate_missed_shapes_count_layouts_of_facts_missed_outright_without_showing_them() -> None:
    gold = {"d": _doc(
        {"type": "ranking", "rank": 1, "scope": "全国", "quote": "1.甲市", "start": 0, "end": 4},
        {"type": "ranking", "rank": 2, "scope": "全国", "quote": "2.乙市", "start": 5, "end": 9},
        {"type": "ranking", "rank": 3, "scope": "全国", "quote": "3 | 丙市", "start": 10, "end": 16},
        {"type": "indicator", "name": "出口", "value": 5, "unit": "CNY", "quote": "出口5亿元", "start": 20, "end": 25},
        {"type": "indicator", "name": "进口", "value": 7, "unit": "CNY", "quote": "进口7亿元", "start": 30, "end": 35},
    )}
    pred = {"d": _doc(
        {"type": "ranking", "rank": 2, "scope": "全国", "start": 5, "end": 9},  # matched: not missed
        {"type": "indicator", "name": "出口", "value": 6, "unit": "CNY", "start": 20, "end": 25},  # overlaps: near
    )}
    shapes = ev.missed_shapes(gold, pred)
    assert shapes["ranking"] == {"DPC": 1, "DS|SC": 1}
    assert shapes["indicator"] == {"CDC": 1}  # (出口 is a near miss, not missed outright)
    assert ev.missed_shapes(gold, gold) == {t: {} for t in ev.TYPES}
    text = ev.format_kinds(shapes, "shapes:")
    assert "DPC" in text and "甲市" not in text and "进口" not in text


def test_evaluate_kinds_report_ends_with_the_shapes(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"doc_id": "d", "text": "1.甲市", "facts": [
        {"type": "ranking", "rank": 1, "scope": "全国", "quote": "1.甲市", "start": 0, "end": 4}]}, ensure_ascii=False)
        + "\n", encoding="utf-8")
    pred = tmp_path / "p.jsonl"
    pred.write_text(json.dumps({"doc_id": "d", "facts": []}) + "\n", encoding="utf-8")
    text = ev.main_report(str(gold), str(pred), kinds=True)
    assert "by the shape of their evidence" in text and "DPC" in text and "甲市" not in text


def test_evaluate_failure_kinds_of_a_perfect_prediction_are_none(dev_gold: Path) -> None:
    gold = ev.load_corpus(dev_gold)
    assert all(not c for c in ev.failure_kinds(gold, gold).values())


@pytest.mark.parametrize(("t", "g", "p", "keys"), [
    ("indicator", {"name": "出口", "value": 1, "unit": "CNY"}, {"name": "出口", "value": 1, "unit": "USD"}, ("unit",)),
    ("indicator", {"name": "出口", "change": {"basis": "yoy", "pct": 3}}, {"name": "进口", "change": {"pct": 4}},
     ("change", "name")),
    ("projects", {"stage": "signed", "count": 2}, {"stage": "signed", "count": 2}, ()),
    ("person", {"name": "王明"}, {"name": "王敏"}, ("name",)),
    ("other", {}, {}, ("type",)),
])
def test_evaluate_differing_keys_agree_with_key_match(t: str, g: dict[str, Any], p: dict[str, Any],
                                                       keys: tuple[str, ...]) -> None:
    assert ev.differing_keys(t, g, p) == keys
    assert ev.key_match(t, g, p) == (not keys if t != "other" else False)
