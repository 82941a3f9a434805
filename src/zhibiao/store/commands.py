"""The fact store's commands: ingest, compare, profile, pipeline, conflicts, export, errors.

Registered on the ``zhibiao`` Typer app by :func:`register`. Each command parses its options,
calls :class:`~zhibiao.store.api.Store` (which calls :mod:`zhibiao.store.queries`) and renders
the result; no counting rule lives here. Domain errors become one ``error:`` line and exit 1.
Document text is only ever put into Rich ``Text`` objects, never parsed as markup.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from zhibiao.errors import ZhibiaoError

if TYPE_CHECKING:
    from zhibiao.store.api import Store
    from zhibiao.store.ingest import IngestStats
    from zhibiao.store.queries import CompareRow, Conflict, ErrorEntry, PipelineRow, ProfileRow, SourceRef

__all__ = ["register"]


class OutputFormat(StrEnum):
    """How a command prints its answer."""

    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(StrEnum):
    """File formats of ``zhibiao export``."""

    csv = "csv"
    xlsx = "xlsx"
    parquet = "parquet"


DbOption = Annotated[str | None, typer.Option(
    "--db", envvar="ZHIBIAO_DB", show_default=False,
    help="Database URL (default: the SQLite file ./zhibiao.db; e.g. postgresql+psycopg://user:pw@host/db).")]
FormatOption = Annotated[OutputFormat, typer.Option(
    "--format", "-f", case_sensitive=False, help="table (Rich), csv or json on standard output.")]


def register(app: typer.Typer) -> None:
    """Add the fact store commands to ``app``."""
    app.command("ingest")(ingest)
    app.command("compare")(compare)
    app.command("profile")(profile)
    app.command("pipeline")(pipeline)
    app.command("conflicts")(conflicts)
    app.command("export")(export)
    app.command("errors")(errors)
    app.command("reextract")(reextract)
    app.command("targets")(targets)
    corrections_app = typer.Typer(help="Corrections editors made on the dashboard: list them, export them as gold.",
                                  no_args_is_help=True)
    corrections_app.command("list")(corrections_list)
    corrections_app.command("export")(corrections_export)
    app.add_typer(corrections_app, name="corrections")
    users_app = typer.Typer(help="Users of the dashboard: editors may upload and correct, viewers may read.",
                            no_args_is_help=True)
    users_app.command("add")(users_add)
    users_app.command("list")(users_list)
    app.add_typer(users_app, name="users")


# -- plumbing --------------------------------------------------------------------------------

def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str, code: int = 1) -> NoReturn:
    _err().print(Text(f"error: {' '.join(message.split())}"))
    raise typer.Exit(code)


@contextmanager
def _store(db: str | None, **kwargs: Any) -> Iterator[Store]:
    """Open the store; a domain error anywhere inside becomes one line and exit code 1."""
    from zhibiao.store.api import Store

    try:
        store = Store(db, **kwargs)
    except ZhibiaoError as exc:
        _fail(str(exc))
    try:
        yield store
    except ZhibiaoError as exc:
        _fail(str(exc))
    finally:
        store.close()


def _emit(rows: list[Any], fmt: OutputFormat, table: Callable[[], Table], flat: Callable[[Any], dict[str, Any]],
          empty: str) -> None:
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2) + "\n")
        return
    if not rows:
        _err().print(Text(empty))
        return
    if fmt is OutputFormat.csv:
        flat_rows = [flat(r) for r in rows]
        writer = csv.DictWriter(sys.stdout, fieldnames=list(flat_rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat_rows)
        return
    Console(highlight=False).print(table())


def _evidence(source: SourceRef, copies: tuple[SourceRef, ...] = (), extra: SourceRef | None = None) -> Text:
    """The source cell: the document (name, publication, date), the quote, then the copies."""
    text = Text(source.label(), style="cyan")
    text.append("\n“")
    text.append(source.quote)
    text.append("”")
    if extra is not None:
        text.append(f"\n{extra.label()}: “", style="dim")
        text.append(extra.quote, style="dim")
        text.append("”", style="dim")
    for copy in copies:
        text.append("\n+ copy ", style="dim")
        text.append(copy.label(), style="dim")
    return text


def _sources_flat(source: SourceRef, copies: tuple[SourceRef, ...]) -> dict[str, Any]:
    return {"doc_id": source.doc_id, "source": source.source, "published": source.published,
            "quote": source.quote, "start": source.start, "end": source.end,
            "copies": ";".join(c.doc_id for c in copies)}


# -- ingest ----------------------------------------------------------------------------------

def ingest(
    inputs: Annotated[list[str] | None, typer.Argument(
        help="JSONL corpora (.jsonl, .jsonl.gz), .txt or .html reports, or folders of them.", show_default=False)]
    = None,
    db: DbOption = None,
    facts: Annotated[Path | None, typer.Option(
        "--facts", show_default=False,
        help="Load the output folder of zhibiao batch (documents and facts as extracted there) instead of "
             "reading and extracting inputs.")] = None,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", min=1, help="Documents per transaction (a killed run loses at most one batch).")] = 50,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Size limit of one document in bytes.")]
    = 50_000_000,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", show_default=False,
        help="Show progress on stderr (default: only when stderr is a terminal).")] = None,
    time_budget: Annotated[float, typer.Option(
        "--time-budget", min=0.0,
        help="Seconds one document may take per 100 KB of text (at least 5 s); a document over it is "
             "recorded as E_TIMEOUT and the run goes on. 0: no limit.")] = 5.0,
    published: Annotated[str | None, typer.Option(
        "--published", show_default=False,
        help="Publication date (2023-07-19) of the reports that state none; a JSONL record's own published, "
             "or a date in a report's e-paper trailer, wins.")] = None,
    zone: Annotated[str | None, typer.Option(
        "--zone", show_default=False,
        help="The zone the reports are about (a folder from one zone's website): their facts whose subject "
             "names no known zone get it; a JSONL record's own zone wins.")] = None,
) -> None:
    """Read, extract and store reports with their facts and provenance.

    Idempotent: a document already stored (same normalised text) is skipped without being
    extracted again, so re-running after a crash or Ctrl-C continues where it stopped. A
    syndicated copy of a stored article is linked to it and its repeated facts are counted
    once. A document that fails is recorded (see zhibiao errors) and the batch goes on.
    With --facts OUT/, the output of zhibiao batch is stored instead, without extracting again
    (resumable and idempotent the same way).
    Exit code: 0 all stored, 1 some documents failed, 2 all failed or nothing found.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    if bool(inputs) == (facts is not None):
        _fail("give either inputs to read and extract, or --facts OUT/ (the output of zhibiao batch)", 2)
    if facts is not None and (published is not None or zone is not None):
        # (the batch's facts were extracted with the dates and zones its inputs had: a date given now would
        # leave their periods as they are, so it is refused rather than dropped without a word)
        _fail("--published and --zone apply when reports are extracted; --facts loads facts already "
              "extracted by zhibiao batch", 2)
    err = _err()
    show = err.is_terminal if progress is None else progress
    with _store(db, batch_size=batch_size, seconds_per_100kb=time_budget or None) as store:
        bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                       transient=True, disable=not show)
        stats: IngestStats | None = None
        try:
            with bar:
                task = bar.add_task("ingesting", total=None)

                def on_batch(s: IngestStats) -> None:
                    bar.update(task, description=_stats_line(s))
                stats = _ingest_or_load(store, inputs or [], facts, on_batch, max_bytes=max_bytes,
                                        published=published, zone=zone)
        except KeyboardInterrupt:
            err.print(Text("interrupted: the batches committed so far are stored; run the same command "
                           "again to continue"))
            raise typer.Exit(130) from None
        for warning in stats.warnings:
            err.print(Text(f"warning: {' '.join(warning.split())}"))
        for error in stats.error_list:
            err.print(Text(f"error: {' '.join(error.message.split())}"))
        err.print(Text(f"{_stats_line(stats)} in {stats.seconds:.1f} s → {store.url}"))
        if stats.read + stats.errors == 0:
            _fail("no documents found in the inputs", 2)
        raise typer.Exit(stats.exit_code())


def _ingest_or_load(store: Store, inputs: list[str], facts: Path | None, on_batch: Callable[[IngestStats], None],
                    **options: Any) -> IngestStats:
    if facts is None:
        return store.ingest(inputs, on_batch=on_batch, **options)
    from zhibiao.errors import DocumentError

    try:
        return store.load_batch(facts, on_batch=on_batch)
    except DocumentError as exc:
        _fail(exc.message, 2)


def _stats_line(s: IngestStats) -> str:
    return (f"{s.stored} stored ({s.copies} copies), {s.skipped} already stored, {s.facts} facts "
            f"({s.duplicate_facts} repeated by copies), {s.errors} errors")


# -- compare ---------------------------------------------------------------------------------

def compare(
    indicator: Annotated[str, typer.Option(
        "--indicator", "-i", show_default=False,
        help="Indicator: its name, any alias (一般预算收入) or its id (general_budget_revenue).")],
    period: Annotated[str, typer.Option(
        "--period", "-p", show_default=False,
        help="2023 (full year), 2023H1, 2023Q3, 2023Q1-3, 2023-06 (one month), 2023-01..09, 2023-01/2023-09.")],
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Compare every zone on one indicator over one period: value, growth, rank, source.

    Values are shown in 亿元/万元; every row names the document and the sentence it came from
    (and the syndicated copies that repeat it). A value marked ⚠ is contradicted by another
    document (see zhibiao conflicts).
    """
    from zhibiao.store.format import human_value

    with _store(db) as store:
        rows = store.compare(indicator, period)

    def table() -> Table:
        first = rows[0]
        out = Table(title=Text(f"{first.indicator} ({first.indicator_id}) · {first.period} · {len(rows)} zones"))
        out.add_column("#", justify="right", no_wrap=True)
        out.add_column("zone", overflow="fold", min_width=8)
        out.add_column("value", justify="right", no_wrap=True)
        out.add_column("change", justify="right", no_wrap=True)
        out.add_column("source and quote", overflow="fold", ratio=1)
        for r in rows:
            value = Text(human_value(r.value, r.unit))
            if r.qualifier:
                value.append(f"\n({r.qualifier})", style="dim")
            if r.conflict:
                value.append(" ⚠", style="bold red")
            out.add_row(Text(str(r.rank) if r.rank else "–"), Text(r.zone), value, Text(_pct(r.change_pct)),
                        _evidence(r.source, r.copies, r.change_source))
        return out

    def flat(r: CompareRow) -> dict[str, Any]:
        return {"rank": r.rank, "zone": r.zone, "indicator_id": r.indicator_id, "period": r.period,
                "value": r.value, "unit": r.unit, "value_text": human_value(r.value, r.unit),
                "change_pct": r.change_pct, "qualifier": r.qualifier, "conflict": r.conflict,
                **_sources_flat(r.source, r.copies)}

    _emit(rows, fmt, table, flat, f"no figures for {indicator} over {period} in the store")


def _period(period: str | None) -> str:
    """A stored period as people say it (2023H1), unknown years kept as written."""
    from zhibiao.store.periods import format_span

    if period and "/" in period and not period.startswith("X"):
        start, end = period.split("/", 1)
        return format_span(start, end)
    return period or ""


def _pct(value: Any) -> str:
    from zhibiao.store.format import human_change

    return human_change("yoy", pct=value) if value is not None else ""


# -- profile ---------------------------------------------------------------------------------

def profile(
    zone: Annotated[str, typer.Argument(help="The zone: its full name or any alias (淮安经开区).",
                                        show_default=False)],
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """All facts about one zone over time, grouped by indicator, each with its source."""
    from zhibiao.store.format import human_fact

    with _store(db) as store:
        rows = store.profile(zone)

    def table() -> Table:
        out = Table(title=Text(f"{zone} · {len(rows)} facts"))
        out.add_column("indicator", overflow="fold", min_width=6)
        out.add_column("period", no_wrap=True)
        out.add_column("value", justify="right", overflow="fold")
        out.add_column("change", justify="right", no_wrap=True)
        out.add_column("source and quote", overflow="fold", ratio=1)
        previous = None
        for r in rows:
            if previous is not None and r.group != previous:
                out.add_section()
            value, change = human_fact(r.fact)
            qualifier = r.fact.get("qualifier")
            value_text = Text(value)
            if qualifier:
                value_text.append(f"\n({qualifier})", style="dim")
            name = r.fact.get("name") if r.type == "indicator" else None
            group = Text(r.group if r.group != previous else "")
            if name and r.indicator_id and name != r.group:
                group.append(f"\n({name})", style="dim")
            out.add_row(group, Text(_period(r.period)), value_text, Text(change), _evidence(r.source, r.copies))
            previous = r.group
        return out

    def flat(r: ProfileRow) -> dict[str, Any]:
        value, change = human_fact(r.fact)
        return {"group": r.group, "indicator_id": r.indicator_id, "type": r.type, "period": r.period,
                "value_text": value, "change_text": change, "qualifier": r.fact.get("qualifier"),
                **_sources_flat(r.source, r.copies)}

    _emit(rows, fmt, table, flat, f"no facts about {zone}")


# -- pipeline --------------------------------------------------------------------------------

def pipeline(
    zone: Annotated[str | None, typer.Argument(help="Only this zone (any alias).", show_default=False)] = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Investment projects by zone, period, stage and size class: counts and total investment.

    Each row is one reported figure; a 其中 size class (百亿级 within 亿元以上) is its own row
    and is not added to its parent. Amounts stay in the currency the report wrote (亿元, 万美元):
    a size class or investment in USD is its own row, never merged with CNY figures.
    """
    from zhibiao.store.format import human_value, size_class, stage_label

    with _store(db) as store:
        rows = store.pipeline(zone)

    def table() -> Table:
        out = Table(title=Text(f"projects · {len(rows)} figures"))
        out.add_column("zone", overflow="fold", min_width=6)
        out.add_column("period", no_wrap=True)
        out.add_column("stage", no_wrap=True)
        out.add_column("size", no_wrap=True)
        out.add_column("count", justify="right", no_wrap=True)
        out.add_column("investment", justify="right", no_wrap=True)
        out.add_column("source and quote", overflow="fold", ratio=1)
        for r in rows:
            count = human_value(r.count, "count") if r.count is not None else ""
            stage = Text(stage_label(r.stage))
            if r.category:
                stage.append(f"\n{r.category}", style="dim")
            out.add_row(Text(r.zone), Text(_period(r.period)), stage, Text(size_class(r.min_investment, r.currency)),
                        Text(count), Text(human_value(r.investment, r.currency)), _evidence(r.source, r.copies))
        return out

    def flat(r: PipelineRow) -> dict[str, Any]:
        return {"zone": r.zone, "period": r.period, "stage": r.stage, "category": r.category,
                "min_investment": r.min_investment, "count": r.count, "investment": r.investment,
                "currency": r.currency, "qualifier": r.qualifier, **_sources_flat(r.source, r.copies)}

    _emit(rows, fmt, table, flat, "no project figures in the store")


# -- conflicts -------------------------------------------------------------------------------

def conflicts(
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Figures two reports cannot both have right: different values for one zone, indicator and
    period; different growth rates; a stated growth the levels of two years contradict."""
    from zhibiao.store.format import human_value

    with _store(db) as store:
        rows = store.conflicts()

    def table() -> Table:
        out = Table(title=Text(f"{len(rows)} conflicts"))
        for name in ("kind", "zone", "indicator", "period", "values", "detail", "sources"):
            out.add_column(name, overflow="fold", no_wrap=name in ("kind", "period"))
        for r in rows:
            unit = "%" if r.kind == "change" else r.unit
            values = Text(f"{human_value(r.a_value, unit)}\n{human_value(r.b_value, unit)}")
            sources = _evidence(r.a)
            sources.append("\n")
            sources.append_text(_evidence(r.b))
            out.add_row(Text(r.kind), Text(r.zone), Text(r.indicator), Text(r.period), values, Text(r.detail),
                        sources)
        return out

    def flat(r: Conflict) -> dict[str, Any]:
        return {"kind": r.kind, "zone": r.zone, "indicator_id": r.indicator_id, "indicator": r.indicator,
                "period": r.period, "unit": r.unit, "a_value": r.a_value, "b_value": r.b_value, "detail": r.detail,
                "a_doc_id": r.a.doc_id, "a_quote": r.a.quote, "b_doc_id": r.b.doc_id, "b_quote": r.b.quote}

    _emit(rows, fmt, table, flat, "no conflicts")


# -- export ----------------------------------------------------------------------------------

def export(
    output: Annotated[str, typer.Option("-o", "--output", help="The file to write.", show_default=False)],
    fmt: Annotated[ExportFormat | None, typer.Option(
        "--format", "-f", case_sensitive=False, show_default=False,
        help="csv (UTF-8 with BOM, opens in Excel), xlsx or parquet; default: from the file suffix.")] = None,
    fact_type: Annotated[str | None, typer.Option(
        "--type", help="Only facts of this type: indicator, projects, ranking, person.", show_default=False)] = None,
    indicator: Annotated[str | None, typer.Option(
        "--indicator", "-i", help="Only this indicator (any alias).", show_default=False)] = None,
    zone: Annotated[str | None, typer.Option("--zone", "-z", help="Only this zone (any alias).",
                                             show_default=False)] = None,
    period: Annotated[str | None, typer.Option("--period", "-p", help="Only this exact period (2023H1…).",
                                               show_default=False)] = None,
    include_copies: Annotated[bool, typer.Option(
        "--include-copies", help="Also the facts of syndicated copies that repeat a counted fact.")] = False,
    db: DbOption = None,
) -> None:
    """Export facts as a flat table, one row a fact, with canonical ids and provenance columns
    (document, source, date, quote and offsets, copies). Values are in base units (CNY, kWh…)."""
    with _store(db) as store:
        count = store.export(output, fmt.value if fmt else None, type=fact_type, indicator=indicator, zone=zone,
                             period=period, include_copies=include_copies)
    _err().print(Text(f"{count} facts → {output}"))


# -- errors ----------------------------------------------------------------------------------

def errors(
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List the documents that could not be read or extracted, with their error."""
    with _store(db) as store:
        rows = store.errors()

    def table() -> Table:
        out = Table(title=Text(f"{len(rows)} document errors"))
        for name in ("last seen", "code", "where", "message", "times"):
            out.add_column(name, overflow="fold", no_wrap=name in ("last seen", "code", "times"))
        for r in rows:
            out.add_row(Text(r.last_seen), Text(r.code), Text(r.location), Text(r.message), Text(str(r.count)))
        return out

    def flat(r: ErrorEntry) -> dict[str, Any]:
        return r.to_dict()

    _emit(rows, fmt, table, flat, "no document errors recorded")


# -- corrections, reextract --------------------------------------------------------------------

def corrections_list(
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List the corrections editors made: who, when, why, the values before and after."""
    with _store(db) as store:
        rows = store.corrections()

    def table() -> Table:
        out = Table(title=Text(f"{len(rows)} corrections"))
        for name in ("when", "who", "action", "document", "span", "before", "after", "why"):
            out.add_column(name, overflow="fold")
        for r in rows:
            span = f"{r.fact_type or ''} {r.start}..{r.end}" if r.start is not None else ""
            out.add_row(*(Text(str(c)) for c in (r.created_at, r.author, r.action, r.document, span,
                                                 _values(r.before), _values(r.after), r.reason or "")))
        return out

    def flat(r: Any) -> dict[str, Any]:
        return {**r.to_dict(), "before": _values(r.before), "after": _values(r.after)}

    _emit(rows, fmt, table, flat, "no corrections recorded")


def _values(values: dict[str, Any] | None) -> str:
    return "; ".join(f"{k}={v}" for k, v in (values or {}).items())


def corrections_export(
    output: Annotated[str, typer.Option("-o", "--output", help="The gold JSONL file to write.", show_default=False)],
    db: DbOption = None,
) -> None:
    """Write every corrected document with its corrected facts in the FACTS.md gold format, so
    that 'zhibiao eval GOLD PRED' scores an extractor on the organisation's own corrections."""
    with _store(db) as store:
        try:
            count = store.export_gold(output)
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror or exc}")
    _err().print(Text(f"{count} corrected documents → {output}"))


def reextract(
    db: DbOption = None,
    where: Annotated[list[str] | None, typer.Option(
        "--where", show_default=False,
        help="Only the documents with FIELD=VALUE (doc_id, source, published, extractor_version, zone; "
             "!=, >=, <= too; * matches any text). Repeat for several.")] = None,
) -> None:
    """Run the current extractor over the stored documents (after an upgrade), one transaction per
    document, keeping every correction; print the facts added, removed and changed per type.
    Idempotent, and an interrupted run is finished by running it again."""
    with _store(db) as store:
        try:
            stats = store.reextract(where or ())
        except KeyboardInterrupt:
            _err().print(Text("interrupted: the documents done so far are written; run the same command again"))
            raise typer.Exit(130) from None
    for error in stats.errors:
        _err().print(Text(f"error: {' '.join(error.message.split())}"))
    title = f"{stats.documents} documents re-extracted, {stats.changed_documents} changed"
    if not stats.types():
        Console(highlight=False).print(Text(f"{title}: no fact added, removed or changed"))
    else:
        out = Table(title=Text(title))
        for name in ("type", "added", "removed", "changed"):
            out.add_column(name)
        for kind in stats.types():
            out.add_row(kind, str(stats.added[kind]), str(stats.removed[kind]), str(stats.changed[kind]))
        Console(highlight=False).print(out)
    if stats.corrections_unmatched:
        _err().print(Text(f"{stats.corrections_unmatched} corrections found no fact to apply to "
                          "(the extractor no longer reads it)"))
    raise typer.Exit(1 if stats.errors else 0)


# -- users -----------------------------------------------------------------------------------

class Role(StrEnum):
    """What a dashboard user may do."""

    editor = "editor"
    viewer = "viewer"


def users_add(
    name: Annotated[str, typer.Argument(help="The user's name (no spaces).", show_default=False)],
    role: Annotated[Role, typer.Option("--role", help="editor: may upload and correct; viewer: may read.",
                                       show_default=False)],
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from the first line of standard input (scripts).")] = False,
    replace: Annotated[bool, typer.Option("--replace", help="Set a new role and password of an existing user.")]
    = False,
    db: DbOption = None,
) -> None:
    """Add a user of the dashboard; the password is asked for (twice) and stored as an Argon2id hash."""
    from zhibiao.store.users import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    with _store(db) as store, store.engine.begin() as conn:
        user = add_user(conn, name, role.value, password, replace=replace)
    _err().print(Text(f"user {user.name} ({user.role}) → {store.url}"))


def users_list(db: DbOption = None) -> None:
    """List the dashboard's users and their roles."""
    from zhibiao.store.users import users

    with _store(db) as store, store.engine.connect() as conn:
        for user in users(conn):
            sys.stdout.write(f"{user.name}\t{user.role}\n")


# -- targets ---------------------------------------------------------------------------------

def targets(
    zone: Annotated[str | None, typer.Argument(help="A zone (any alias); all zones when left out.",
                                               show_default=False)] = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Each zone's targets (目标, 力争, 确保) beside the actual figures for the same indicator and
    year so far, with the progress (actual ÷ target, and as a report states it), then target
    ranks (30强) beside the places reached; every figure with its source."""
    from zhibiao.store.format import human_value

    with _store(db) as store:
        rows, ranks = store.targets(zone)

    def table() -> Table:
        out = Table(title=Text(f"{len(rows)} targets" + (f" · {zone}" if zone else "")))
        for name in ("zone", "indicator", "period", "target", "actual", "progress", "sources"):
            out.add_column(name, overflow="fold")
        for r in rows:
            progress = f"{r.progress_pct}%" if r.progress_pct is not None else ""
            if r.stated_progress_pct is not None:
                progress += f" (stated {r.stated_progress_pct}%)"
            actual = f"{human_value(r.actual, r.unit)} {r.actual_period}" if r.actual is not None else ""
            out.add_row(Text(r.zone), Text(r.indicator), Text(r.period),
                        Text(human_value(r.target, r.unit) + (f" {_pct(r.target_change_pct)}"
                                                             if r.target_change_pct is not None else "")),
                        Text(actual), Text(progress), _evidence(r.source, extra=r.actual_source))
        return out

    def flat(r: Any) -> dict[str, Any]:
        return {"zone": r.zone, "indicator": r.indicator, "period": r.period, "target": r.target, "unit": r.unit,
                "actual": r.actual, "actual_period": r.actual_period, "progress_pct": r.progress_pct,
                "stated_progress_pct": r.stated_progress_pct, "target_quote": r.source.quote,
                "target_doc_id": r.source.doc_id,
                "actual_quote": r.actual_source.quote if r.actual_source else None}

    _emit(rows, fmt, table, flat, "no targets in the store" + (f" for {zone}" if zone else ""))
    if ranks and fmt is OutputFormat.table:
        out = Table(title=Text(f"{len(ranks)} target ranks"))
        for name in ("zone", "scope", "target", "reached", "sources"):
            out.add_column(name, overflow="fold")
        for k in ranks:
            reached = f"#{k.achieved_rank} {k.achieved_period or ''}".strip() if k.achieved_rank is not None else ""
            out.add_row(Text(k.zone), Text(f"{k.scope or ''} {k.indicator or ''}".strip()),
                        Text(f"top {k.target_rank}" if k.target_rank is not None else ""), Text(reached),
                        _evidence(k.source, extra=k.achieved_source))
        Console(highlight=False).print(out)
