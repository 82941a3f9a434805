"""Writing exported facts: CSV (UTF-8 with BOM, so Excel reads Chinese right), XLSX (openpyxl)
and Parquet (pyarrow). One row a fact, the columns of :data:`~zhibiao.store.queries.EXPORT_COLUMNS`.

Document text reaches spreadsheets here, so no text cell may become a formula: XLSX cells are
written as strings explicitly, and a CSV text cell that a spreadsheet would read as a formula
(=, +, -, @ first) is prefixed with an apostrophe (the OWASP rule for CSV injection).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from zhibiao.errors import QueryError
from zhibiao.store.queries import EXPORT_COLUMNS

__all__ = ["FORMATS", "guess_format", "write_csv", "write_export"]

FORMATS = ("csv", "xlsx", "parquet")
_INT_COLUMNS = frozenset(("fact_id", "rank", "quote_start", "quote_end", "duplicate_of"))
_FLOAT_COLUMNS = frozenset(("value", "change_pct", "change_pp", "change_abs", "min_investment", "count",
                            "investment"))
_BOOL_COLUMNS = frozenset(("top", "bottom"))
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guess_format(path: str | os.PathLike[str], fmt: str | None) -> str:
    """The export format: ``fmt`` if given, else from the file suffix."""
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise QueryError(f"unknown export format {chosen or '(none)'!r}; use one of {', '.join(FORMATS)}")
    return chosen


def _number(value: Any) -> Any:
    """Integral floats as ints (1856000000, not 1856000000.0); others unchanged."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def write_export(rows: Iterable[dict[str, Any]], path: str | os.PathLike[str], fmt: str) -> int:
    """Write ``rows`` to ``path`` in ``fmt``; returns the number of rows. The file appears
    complete or not at all (written beside it, then renamed)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        writer = {"csv": _write_csv, "xlsx": _write_xlsx, "parquet": _write_parquet}[fmt]
        count = writer(rows, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _safe_text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _write_csv(rows: Iterable[dict[str, Any]], path: Path) -> int:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        return write_csv(rows, f)


def write_csv(rows: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    """Write export ``rows`` as CSV (a header of EXPORT_COLUMNS, then one line a fact) to a text
    stream; a text cell that a spreadsheet would run as a formula is quoted. Returns the rows."""
    count = 0
    writer = csv.writer(stream)
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        cells = []
        for column in EXPORT_COLUMNS:
            value = row.get(column)
            if value is None:
                cells.append("")
            elif isinstance(value, str):
                cells.append(_safe_text(value))
            elif isinstance(value, bool):
                cells.append("true" if value else "false")
            else:
                cells.append(_number(value))
        writer.writerow(cells)
        count += 1
    return count


def _write_xlsx(rows: Iterable[dict[str, Any]], path: Path) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("facts")
    sheet.freeze_panes = "A2"
    header = []
    for column in EXPORT_COLUMNS:
        cell = WriteOnlyCell(sheet, value=column)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        cells = []
        for column in EXPORT_COLUMNS:
            value = row.get(column)
            if isinstance(value, str):
                # Control characters are not allowed in XLSX; typed as a string explicitly, a
                # quote that starts with '=' stays text instead of becoming a formula.
                cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"
            else:
                cell = WriteOnlyCell(sheet, value=_number(value))
            cells.append(cell)
        sheet.append(cells)
        count += 1
    workbook.save(path)
    return count


def _write_parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list[Any]] = {c: [] for c in EXPORT_COLUMNS}
    count = 0
    for row in rows:
        for column in EXPORT_COLUMNS:
            columns[column].append(row.get(column))
        count += 1
    fields = []
    for column in EXPORT_COLUMNS:
        if column in _INT_COLUMNS:
            kind = pa.int64()
        elif column in _FLOAT_COLUMNS:
            kind = pa.float64()
        elif column in _BOOL_COLUMNS:
            kind = pa.bool_()
        else:
            kind = pa.string()
        fields.append(pa.field(column, kind))
    schema = pa.schema(fields)
    table = pa.table({c: pa.array(columns[c], type=schema.field(c).type) for c in EXPORT_COLUMNS}, schema=schema)
    pq.write_table(table, path)
    return count
