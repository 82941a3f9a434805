"""``zhibiao batch``: the command line of :mod:`zhibiao.batch`, registered on the main Typer app.

A thin shell: it parses options into a :class:`~zhibiao.batch.runner.BatchConfig`, shows a Rich
progress bar on stderr while :func:`~zhibiao.batch.runner.run_batch` runs, and prints the summary
table on stdout. No batch logic lives here.
"""

from __future__ import annotations

import enum
import time
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from zhibiao.errors import ZhibiaoError
from zhibiao.ingest import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from zhibiao.batch.runner import BatchSummary
    from zhibiao.batch.worker import ShardResult

__all__ = ["register"]


class EngineName(enum.StrEnum):
    """Where the shards run."""

    local = "local"
    dask = "dask"


def register(app: typer.Typer) -> None:
    """Add the ``batch`` command to ``app``."""
    app.command("batch")(batch)


def batch(
    inputs: Annotated[list[str], typer.Argument(
        help="JSONL corpora (.jsonl, .jsonl.gz, .jsonl.zst), Parquet files, .txt/.html reports, or folders "
             "of them.", show_default=False)],
    output: Annotated[str, typer.Option(
        "-o", "--output", help="Output folder: facts/*.parquet, errors/, done/ markers, summary.json.",
        show_default=False)],
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Worker processes (default: the cores this process may use); with "
                                 "--scheduler the cluster's own workers are used instead.",
        show_default=False)] = None,
    engine: Annotated[EngineName, typer.Option(
        "--engine", help="local: a process pool on this machine; dask: a Dask cluster.")] = EngineName.local,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Address of a running Dask scheduler (tcp://host:8786); without it "
                            "--engine dask starts a local cluster of --workers processes.",
        show_default=False)] = None,
    shard_size: Annotated[int, typer.Option(
        "--shard-size", min=1, help="Documents per shard of a big file (and files per shard of a folder).")] = 5000,
    text_column: Annotated[str, typer.Option("--text-column", help="Field holding the text.")] = "text",
    id_column: Annotated[str, typer.Option(
        "--id-column", help="Field holding the document id (JSONL falls back to doc_id).")] = "id",
    url_column: Annotated[str, typer.Option(
        "--url-column", help="Field holding the URL (JSONL falls back to source).")] = "url",
    date_column: Annotated[str, typer.Option(
        "--date-column", help="Field holding the publication date (JSONL falls back to published).")] = "date",
    prefilter: Annotated[bool, typer.Option(
        "--prefilter/--no-prefilter", help="Skip documents without economic figures before extraction.")] = True,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="Size limit of one document (a file, or one JSONL line) in bytes.")]
        = DEFAULT_MAX_BYTES,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", help="Show a progress bar on stderr (default: only when stderr is a "
                                         "terminal).", show_default=False)] = None,
    time_budget: Annotated[float, typer.Option(
        "--time-budget", min=0.0,
        help="Seconds one document may take per 100 KB of text (at least 5 s); a document over it is an "
             "E_TIMEOUT error and the shard goes on. 0: no limit.")] = 5.0,
) -> None:
    """Extract facts from a large corpus in shards, resumably, on a process pool or a Dask cluster.

    Documents without economic figures are skipped by a keyword prefilter. Facts are written as
    one Parquet file per shard under OUTPUT/facts (one row a fact, every fact type in one schema).
    A re-run with the same OUTPUT skips the shards already finished. Exit code: 0 all went well,
    1 some documents or shards failed, 2 nothing could be read.
    """
    from zhibiao.batch.runner import BatchConfig, default_workers, run_batch
    from zhibiao.batch.shards import Columns

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    config = BatchConfig(
        inputs=tuple(inputs), out_dir=output, engine=engine.value, workers=workers or default_workers(),
        scheduler=scheduler, shard_size=shard_size,
        columns=Columns(text=text_column, id=id_column, url=url_column, date=date_column),
        prefilter=prefilter, max_bytes=max_bytes, seconds_per_100kb=time_budget or None)
    show = err.is_terminal if progress is None else progress
    bar = _Bar(err, show)
    try:
        with bar:
            summary = run_batch(config, on_progress=bar.documents, on_shard=bar.shard)
    except (ZhibiaoError, OSError) as exc:
        err.print(Text(f"error: {_one_line(exc)}"))
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        err.print(Text(f"interrupted: finished shards are kept in {output}; run the same command again "
                       "to finish the rest"))
        raise typer.Exit(130) from None
    Console(highlight=False).print(summary_table(summary))
    for message in summary.failures:
        err.print(Text(f"error: {message}"))
    raise typer.Exit(summary.exit_code())


class _Bar:
    """A Rich progress display: documents, documents/s, MB/s, shards."""

    def __init__(self, console: Console, show: bool) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                 console=console, transient=True, disable=not show)
        self.task: Any = None
        self.docs = 0
        self.nbytes = 0
        self.shards = 0
        self.resumed = 0
        self.started = time.perf_counter()

    def __enter__(self) -> _Bar:
        self.progress.__enter__()
        self.task = self.progress.add_task("starting", total=None)
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)  # type: ignore[arg-type]

    def documents(self, docs: int, nbytes: int) -> None:
        self.docs += docs
        self.nbytes += nbytes
        self._update()

    def shard(self, result: ShardResult, resumed: bool) -> None:
        self.shards += 1
        self.resumed += resumed
        self._update()

    def _update(self) -> None:
        seconds = max(time.perf_counter() - self.started, 1e-9)
        self.progress.update(self.task, description=(
            f"{self.docs:,} documents  {self.docs / seconds:,.0f} docs/s  {self.nbytes / 1e6 / seconds:.2f} MB/s  "
            f"{self.shards} shards done ({self.resumed} from an earlier run)"))


def summary_table(summary: BatchSummary) -> Table:
    """The summary of a run as a Rich table: this run, and everything in the output folder."""
    table = Table(title=f"zhibiao batch → {summary.config.out_dir}", title_justify="left")
    table.add_column("")
    table.add_column("this run", justify="right")
    table.add_column("output total", justify="right")
    now, total = summary.this_run, summary.total

    def row(label: str, a: object, b: object) -> None:
        table.add_row(Text(label), Text(f"{a:,}" if isinstance(a, int) else str(a)),
                      Text(f"{b:,}" if isinstance(b, int) else str(b)))

    row("shards finished", now.shards, total.shards)
    if summary.resumed:
        row("  of which from an earlier run", "", summary.resumed)
    if summary.failed_shards:
        row("shards failed (retried next run)", summary.failed_shards, summary.failed_shards)
    row("documents read", now.documents, total.documents)
    row("  skipped by the prefilter", now.skipped, total.skipped)
    row("  extracted", now.extracted, total.extracted)
    row("failed", now.failed, total.failed)
    for code in sorted(set(now.failed_by_code) | set(total.failed_by_code)):
        row(f"  {code}", now.failed_by_code.get(code, 0), total.failed_by_code.get(code, 0))
    row("facts", sum(now.facts_by_type.values()), sum(total.facts_by_type.values()))
    for kind in sorted(set(now.facts_by_type) | set(total.facts_by_type)):
        row(f"  {kind}", now.facts_by_type.get(kind, 0), total.facts_by_type.get(kind, 0))
    row("MB of text", f"{now.bytes / 1e6:,.2f}", f"{total.bytes / 1e6:,.2f}")
    row("seconds", f"{summary.seconds:,.1f}", "")
    row("documents/s", f"{summary.docs_per_second:,.0f}", "")
    row("MB/s", f"{summary.mb_per_second:,.2f}", "")
    return table


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror}"
    return " ".join((str(exc) or type(exc).__name__).split())
