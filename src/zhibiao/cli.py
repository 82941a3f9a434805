"""The ``zhibiao`` command line: a thin shell over :mod:`zhibiao.ingest` and :mod:`zhibiao.extract`.

No extraction rule lives here. Per-document problems are one ``error: …`` line each on stderr
and never stop a batch; domain errors (:class:`~zhibiao.errors.ZhibiaoError`) become one-line
messages and an exit code, never tracebacks.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from zhibiao.batch.commands import register as register_batch
from zhibiao.errors import DocumentError, ZhibiaoError
from zhibiao.factcheck import sound_facts
from zhibiao.ingest import DEFAULT_MAX_BYTES, iter_documents
from zhibiao.ingest.steer import check_published, check_zone, document_zone, steered
from zhibiao.model import DocMeta, Document, Fact

app = typer.Typer(
    name="zhibiao",
    help="Turn Chinese regional-economy reports into sourced facts (see docs/FACTS.md).",
    no_args_is_help=True,
    add_completion=False,
    # Markdown: docstring paragraphs reflow to the terminal, and "[" in help is not markup.
    rich_markup_mode="markdown",
    # Unexpected exceptions are bugs and keep their plain traceback; expected ones are caught.
    pretty_exceptions_enable=False,
)

# Above this share of failed documents a run counts as failed as a whole (exit 2).
_FAILED_SHARE = 0.99
_HIGHLIGHT = {
    "indicator": "black on yellow",
    "projects": "black on cyan",
    "ranking": "black on magenta",
    "person": "black on green",
}

MaxBytesOption = Annotated[int, typer.Option(
    "--max-bytes", min=1, help="Size limit of one document (a file, or one JSONL line) in bytes.")]
PublishedOption = Annotated[str | None, typer.Option(
    "--published", show_default=False,
    help="Publication date (2023-07-19) of the reports that state none; a JSONL record's own "
         "published, or a date in a report's e-paper trailer, wins.")]
ZoneOption = Annotated[str | None, typer.Option(
    "--zone", show_default=False,
    help="The zone the reports are about (a folder from one zone's website): the facts whose subject "
         "names no known zone (经开区, none) are given it; a JSONL record's own zone wins.")]
TimeBudgetOption = Annotated[float, typer.Option(
    "--time-budget", min=0.0,
    help="Seconds one document may take per 100 KB of text (at least 5 s); a document over it is an "
         "E_TIMEOUT error and the run goes on. 0: no limit.")]


@dataclass(slots=True)
class RunStats:
    """Counts of one ``extract`` run."""

    documents: int = 0
    facts: int = 0
    errors: int = 0

    def exit_code(self) -> int:
        """0: no error; 1: some documents failed; 2: all, or nearly all (over 99 %), failed."""
        total = self.documents + self.errors
        if self.errors == 0:
            return 0
        if self.errors >= total or self.errors / total > _FAILED_SHARE:
            return 2
        return 1


def main() -> None:
    """Entry point of the ``zhibiao`` script."""
    app()


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"zhibiao {version('zhibiao')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Turn Chinese regional-economy reports into sourced facts (see docs/FACTS.md)."""


# -- extract ---------------------------------------------------------------------------------

@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(
        help="JSONL corpora (.jsonl, .jsonl.gz), .txt or .html reports, or folders of them.",
        show_default=False)],
    output: Annotated[str, typer.Option(
        "-o", "--output", help="Where to write the JSONL predictions; '-' for standard output.")] = "-",
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress",
        help="Show a progress bar on stderr (default: only when stderr is a terminal).",
        show_default=False)] = None,
    time_budget: TimeBudgetOption = 5.0,
    published: PublishedOption = None,
    zone: ZoneOption = None,
) -> None:
    """Extract the facts of every document: one JSON line per document, with meta and facts.

    Each input record comes back with its own keys, plus meta (recovered metadata merged under
    any meta already in the input) and facts. A document that cannot be read or extracted is
    one 'error:' line on stderr and the run goes on. Exit code: 0 all went well, 1 some
    documents failed, 2 all (or over 99 %) failed or nothing was found.
    """
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    started = time.perf_counter()
    show_progress = err.is_terminal if progress is None else progress
    try:
        steer = {"published": check_published(published), "zone": check_zone(zone)}
        with _open_output(output) as out:
            stats = _extract_all(inputs, out, max_bytes, err, show_progress, time_budget or None, steer)
    except (ZhibiaoError, OSError) as exc:
        _fail(err, _one_line(exc), 2)
    seconds = time.perf_counter() - started
    err.print(Text(f"{stats.documents} documents, {stats.facts} facts, {stats.errors} errors "
                   f"in {seconds:.1f} s"))
    if stats.documents + stats.errors == 0:
        _fail(err, "no documents found in the inputs", 2)
    raise typer.Exit(stats.exit_code())


def _extract_all(inputs: list[str], out: IO[str], max_bytes: int, err: Console,
                 show_progress: bool, budget: float | None = None, steer: dict[str, Any] | None = None) -> RunStats:
    stats = RunStats()
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                   console=err, transient=True, disable=not show_progress)
    with bar:
        task = bar.add_task("extracting", total=None)
        for item in steered(iter_documents(inputs, max_bytes=max_bytes), **(steer or {})):
            if isinstance(item, DocumentError):
                stats.errors += 1
                _report(err, item)
            else:
                _extract_one(item, out, err, stats, budget)
            bar.update(task, description=_progress_line(stats))
    return stats


def _extract_one(doc: Document, out: IO[str], err: Console, stats: RunStats, budget: float | None) -> None:
    """Extract one document within its time budget (``budget`` seconds per 100 KB) and write its
    line, or report its error: never raises for the document."""
    from zhibiao.pool import extract_within_budget

    _warn(err, doc.warnings)
    try:
        meta, facts = extract_within_budget(doc, budget)
        facts, dropped = sound_facts(facts, doc.doc_id)
        # allow_nan=False: a non-finite number anywhere is this document's error, never "Infinity"
        line = json.dumps(output_record(doc, meta, facts), ensure_ascii=False, allow_nan=False)
    except Exception as exc:  # one document's failure must not end the batch
        stats.errors += 1
        _report(err, exc if isinstance(exc, DocumentError) else
                DocumentError(doc.doc_id, "E_EXTRACT", f"{type(exc).__name__}: {exc}"))
        return
    _warn(err, dropped)
    out.write(line + "\n")
    stats.documents += 1
    stats.facts += len(facts)


def _progress_line(stats: RunStats) -> str:
    return f"{stats.documents} documents, {stats.facts} facts, {stats.errors} errors"


def output_record(doc: Document, meta: DocMeta, facts: list[Fact]) -> dict[str, Any]:
    """The output line of one document: its input record with ``meta`` and ``facts`` filled in.

    The input's keys keep their order; ``meta`` given in the input wins over the recovered one
    (it was stated explicitly), recovered fields fill in what it lacks. A document with a
    ``zone`` (its record's, or ``--zone``) gives it to the facts whose subject names no known zone.
    """
    record: dict[str, Any] = {"doc_id": doc.doc_id, "published": doc.published,
                              "source": doc.source, "text": doc.text}
    record.update(doc.extra)
    given = doc.extra.get("meta")
    merged: dict[str, Any] = dict(given) if isinstance(given, dict) else {}
    for key, value in meta.to_dict().items():
        merged.setdefault(key, value)
    if doc.meta.date_source and merged.get("date") == doc.meta.date:
        merged.setdefault("date_source", doc.meta.date_source)  # where the reader found the date
    record["meta"] = merged
    record["facts"] = [fact.to_dict() for fact in facts]
    zone = document_zone(doc)
    if zone is not None:
        from zhibiao.resolve.zones import canonical_zone

        for fact in record["facts"]:
            if fact["type"] != "person" and canonical_zone(fact.get("subject")) is None:
                fact["subject"] = zone
    return record


@contextmanager
def _open_output(output: str) -> Iterator[IO[str]]:
    """Standard output, or a file written beside its final name and renamed when complete, so
    that an interrupted run leaves no truncated file and the output may overwrite an input."""
    if output == "-":
        stream = sys.stdout
        if (getattr(stream, "encoding", None) or "").lower().replace("-", "") != "utf8" \
                and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
        yield stream
        stream.flush()
        return
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="\n") as f:
            yield f
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


# -- show ------------------------------------------------------------------------------------

@app.command()
def show(
    file: Annotated[str, typer.Argument(
        help="A .txt or .html report, or a JSONL corpus.", show_default=False)],
    doc_id: Annotated[str | None, typer.Option(
        "--doc-id", help="The document to show from a JSONL corpus (default: the first).",
        show_default=False)] = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Show the facts of one report as a table, then its text with each fact's evidence highlighted."""
    from zhibiao.extract import extract_document

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    doc = _find_document(file, doc_id, max_bytes, err)
    try:
        meta, facts = extract_document(doc)
    except ZhibiaoError as exc:
        _fail(err, _one_line(exc), 1)
    except Exception as exc:
        _fail(err, DocumentError(doc.doc_id, "E_EXTRACT", f"{type(exc).__name__}: {exc}").message, 1)
    console = Console(highlight=False)
    console.print(_header(doc, meta))
    console.print(facts_table(facts))
    console.print(Rule())
    console.print(highlighted_text(doc.text, facts))


def _find_document(file: str, doc_id: str | None, max_bytes: int, err: Console) -> Document:
    errors: list[DocumentError] = []
    for item in iter_documents([file], max_bytes=max_bytes):
        if isinstance(item, DocumentError):
            errors.append(item)
        elif doc_id is None or item.doc_id == doc_id:
            return item
    for error in errors:
        _report(err, error)
    what = f"no document with doc_id {doc_id!r}" if doc_id is not None else "no readable document"
    _fail(err, f"{what} in {file}", 1)


def _header(doc: Document, meta: DocMeta) -> Text:
    header = Text(doc.doc_id, style="bold")
    for key, value in meta.to_dict().items():
        header.append(f"  {key}: ", style="dim")
        header.append(str(value))
    if doc.published:
        header.append("  published: ", style="dim")
        header.append(doc.published)
    return header


def facts_table(facts: list[Fact]) -> Table:
    """A Rich table of facts, one row each; every cell is a Text (document text is never markup)."""
    table = Table(title=f"{len(facts)} facts", show_lines=False)
    for column in ("#", "type", "subject", "name / indicator", "period", "value", "change",
                   "qualifier", "quote"):
        table.add_column(column, overflow="fold")
    for i, fact in enumerate(facts, 1):
        d = fact.to_dict()
        name, value = _name_and_value(d)
        cells = (str(i), d.get("type", ""), d.get("subject") or "", name, d.get("period") or "",
                 value, _fmt_change(d.get("change")), d.get("qualifier") or "", d.get("quote") or "")
        table.add_row(*(Text(str(c)) for c in cells), style=None)
    return table


def highlighted_text(text: str, facts: list[Fact]) -> Text:
    """``text`` with every fact's evidence span ``[start, end)`` highlighted by fact type."""
    rich_text = Text(text)
    for fact in facts:
        if 0 <= fact.start < fact.end <= len(text):
            rich_text.stylize(_HIGHLIGHT.get(fact.type, "reverse"), fact.start, fact.end)
    return rich_text


def _name_and_value(d: dict[str, Any]) -> tuple[str, str]:
    kind = d.get("type")
    if kind == "indicator":
        value = _fmt_number(d.get("value"))
        return d.get("name") or "", f"{value} {d.get('unit') or ''}".strip() if value else ""
    if kind == "projects":
        currency = d.get("currency") or "CNY"  # the amounts are in it, never converted (FACTS.md)
        name = f"项目 {d.get('stage')}" + (f" {d['category']}" if d.get("category") else "")
        if d.get("min_investment") is not None:
            name += f" ≥{_fmt_number(d['min_investment'])} {currency}"
        parts = []
        if d.get("count") is not None:
            parts.append(f"{_fmt_number(d['count'])} 个")
        if d.get("investment") is not None:
            parts.append(f"{_fmt_number(d['investment'])} {currency}")
        return name, ", ".join(parts)
    if kind == "ranking":
        return d.get("indicator") or "", f"{d.get('scope') or ''} {_place(d)}".strip()
    if kind == "person":
        return d.get("name") or "", "、".join(d.get("titles") or [])
    return "", ""


def _place(d: dict[str, Any]) -> str:
    """A ranking's place: #1, top, last (a last place: 倒数第一), #2 from last."""
    rank = d.get("rank")
    if d.get("bottom"):
        return "last" if rank is None else f"#{rank} from last"
    if rank is not None:
        return f"#{rank}"
    return "top" if d.get("top") else ""


def _fmt_number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float):
        return f"{value:,}"
    return str(value)


def _fmt_change(change: Any) -> str:
    if not isinstance(change, dict):
        return ""
    for key, suffix in (("pct", "%"), ("pp", "pp"), ("abs", "")):
        if change.get(key) is not None:
            return f"{change.get('basis', '')} {change[key]:+}{suffix}"
    return str(change.get("basis", ""))


# -- eval ------------------------------------------------------------------------------------

@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file (FACTS.md shape).", show_default=False)],
    pred: Annotated[Path, typer.Argument(help="Predicted JSONL file, as written by 'zhibiao extract'.",
                                         show_default=False)],
    show_errors: Annotated[bool, typer.Option(
        "--show-errors", help="Also list the missed and spurious facts.")] = False,
    json_out: Annotated[Path | None, typer.Option(
        "--json", help="Also write the scores as JSON to this file.", show_default=False)] = None,
    kinds: Annotated[bool, typer.Option(
        "--kinds", help="Also count how the unmatched facts failed (by the keys that differ), showing none of them.")
    ] = False,
) -> None:
    """Score predictions against gold facts: precision, recall and F1 per fact type."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        from zhibiao.evaluate import main_report
    except ModuleNotFoundError as exc:
        if exc.name != "zhibiao.evaluate":
            raise
        _fail(err, "evaluation is not available in this installation (no zhibiao.evaluate)", 2)
    try:
        report = main_report(str(gold), str(pred), show_errors=show_errors,
                             json_out=str(json_out) if json_out else None, kinds=kinds)
    except (ZhibiaoError, OSError) as exc:
        _fail(err, _one_line(exc), 2)
    typer.echo(report, nl=not report.endswith("\n"))


# -- fact store: ingest, compare, profile, pipeline, conflicts, export, errors (zhibiao.store) --
__import__("zhibiao.store.commands", fromlist=["register"]).register(app)


# -- helpers ---------------------------------------------------------------------------------

def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror}"
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())


def _report(err: Console, error: DocumentError) -> None:
    err.print(Text(f"error: {_one_line(error)}"))


def _warn(err: Console, warnings: list[str]) -> None:
    for line in warnings:
        err.print(Text(f"warning: {' '.join(line.split())}"))


def _fail(err: Console, message: str, code: int) -> NoReturn:
    err.print(Text(f"error: {' '.join(message.split())}"))
    raise typer.Exit(code)


register_batch(app)  # zhibiao batch: corpora in shards, on a process pool or Dask (zhibiao.batch)
__import__("zhibiao.serve.commands", fromlist=["register"]).register(app)  # zhibiao serve: dashboard and API
