"""A batch rerun over inputs that changed since the last run writes what a clean run writes
(issue 10, 4): every shard's input has a digest in its done marker, a shard whose input changed is
done again, and the output of shards no longer planned is removed."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .helpers import read_output, run


def _record(i: int) -> dict[str, str]:
    return {"doc_id": f"d{i}", "published": "2023-07-19",
            "text": f"第{i}号:今年上半年,甲{i}经开区完成一般公共预算收入{i + 1}.5亿元、同比增长{i % 9 + 1}.2%。"}


def _write(path: Path, records: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _same_as_clean(inputs: list[Path], out: Path, clean: Path, **options: object) -> None:
    again = run(inputs, out, **options)  # type: ignore[arg-type]
    fresh = run(inputs, clean, **options)  # type: ignore[arg-type]
    assert read_output(out) == read_output(clean)
    assert again.total.to_dict() == fresh.total.to_dict()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    facts = sum(len(rows) for rows in read_output(out)["facts"].values())
    assert summary["total"]["facts_total"] == facts


def test_batch_lines_appended_inside_the_last_shard_are_read(tmp_path: Path) -> None:
    corpus = _write(tmp_path / "in" / "c.jsonl", [_record(i) for i in range(150)])
    first = run([corpus], tmp_path / "out", shard_size=100, prefilter=False)
    assert first.total.documents == 150
    _write(corpus, [_record(i) for i in range(180)])  # 150 → 180 lines: the second shard grows
    _same_as_clean([corpus], tmp_path / "out", tmp_path / "clean", shard_size=100, prefilter=False)
    assert run([corpus], tmp_path / "out", shard_size=100, prefilter=False).total.documents == 180


def test_batch_a_changed_line_redoes_its_shard_only(tmp_path: Path) -> None:
    records = [_record(i) for i in range(30)]
    corpus = _write(tmp_path / "in" / "c.jsonl", records)
    run([corpus], tmp_path / "out", shard_size=10, prefilter=False)
    stamps = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out" / "facts").iterdir()}
    records[15] = {**records[15], "text": records[15]["text"].replace("亿元", "万元")}
    _write(corpus, records)
    again = run([corpus], tmp_path / "out", shard_size=10, prefilter=False)
    assert (again.resumed, again.this_run.shards) == (2, 1)
    after = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out" / "facts").iterdir()}
    assert [name for name in stamps if after[name] != stamps[name]] == [
        next(n for n in stamps if "-0000000010-" in n)]
    _same_as_clean([corpus], tmp_path / "out", tmp_path / "clean", shard_size=10, prefilter=False)


def _folder_run(tmp_path: Path, stems: list[str]) -> Path:
    """A folder of one report a file (report i in the i-th file), run once into tmp_path/out."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, stem in enumerate(stems):
        (folder / f"{stem}.txt").write_text(_record(i)["text"], encoding="utf-8")
    run([folder], tmp_path / "out", shard_size=10, prefilter=False)
    return folder


def test_batch_a_file_added_to_a_folder_leaves_no_stale_facts(tmp_path: Path) -> None:
    folder = _folder_run(tmp_path, [f"r{i:02d}" for i in range(21)])
    (folder / "r05a.txt").write_text(_record(99)["text"], encoding="utf-8")  # reshards the folder
    _same_as_clean([folder], tmp_path / "out", tmp_path / "clean", shard_size=10, prefilter=False)
    output = read_output(tmp_path / "out")
    assert sum(len(rows) for rows in output["facts"].values()) == 22  # one fact a report, none twice


def test_batch_a_file_changed_in_place_is_read_again(tmp_path: Path) -> None:
    folder = _folder_run(tmp_path, [f"r{i}" for i in range(4)])
    target = folder / "r2.txt"
    target.write_text(_record(42)["text"], encoding="utf-8")
    info = target.stat()
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))  # a coarse clock
    _same_as_clean([folder], tmp_path / "out", tmp_path / "clean", shard_size=10, prefilter=False)


def test_batch_an_input_left_out_is_removed_from_the_output(tmp_path: Path) -> None:
    a = _write(tmp_path / "in" / "a.jsonl", [_record(i) for i in range(5)])
    b = _write(tmp_path / "in" / "b.jsonl", [_record(i) for i in range(5, 9)])
    run([a, b], tmp_path / "out", shard_size=10, prefilter=False)
    _same_as_clean([a], tmp_path / "out", tmp_path / "clean", shard_size=10, prefilter=False)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["shards"]["stale_removed"] == 1  # b.jsonl's one shard


def test_batch_inputs_manifest_records_what_was_read(tmp_path: Path) -> None:
    """OUT/inputs.json: each input with its size, mtime and the digest of what its shards read;
    the digest changes with the content, not with a rewrite of the same bytes."""
    corpus = _write(tmp_path / "in" / "c.jsonl", [_record(i) for i in range(12)])
    out = tmp_path / "out"

    def manifest() -> dict[str, object]:
        run([corpus], out, shard_size=5, prefilter=False)
        entry = json.loads((out / "inputs.json").read_text(encoding="utf-8"))["inputs"][str(corpus.resolve())]
        assert entry["size"] == corpus.stat().st_size and entry["mtime_ns"] == corpus.stat().st_mtime_ns
        return entry  # type: ignore[no-any-return]

    first = manifest()
    _write(corpus, [_record(i) for i in range(12)])  # the same bytes written again
    assert manifest()["digest"] == first["digest"]
    _write(corpus, [_record(i) for i in range(13)])
    assert manifest()["digest"] != first["digest"]
