"""Write a table (headers + rows) to .csv or .xlsx safely and in Indonesian office formats.

Every text cell is written through :mod:`desktop_app.export.cells` (formula-like text made
inert, characters an .xlsx cannot hold replaced); numbers stay numbers.

XLSX: header row bold and frozen, an autofilter, column widths fitted to the content, dates as
real date cells shown ``dd/mm/yyyy``, money (``Column(kind="money")``) as integer rupiah with a
thousands separator. CSV: UTF-8 with BOM and ``;`` between fields, dates ``dd/mm/yyyy`` and
decimal commas, which is what Excel with Indonesian regional settings opens correctly.

Rows may be any iterable (a generator over 100,000 rows is fine): the XLSX writer streams in
openpyxl's write-only mode and fits widths on the first rows.
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop_app.export.cells import inert_text, text_cell

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MONEY_FORMAT = "#,##0"
#: Rows looked at to fit column widths (enough to be representative, cheap for 100k rows).
WIDTH_SAMPLE_ROWS = 500
MIN_WIDTH, MAX_WIDTH = 6, 60
CSV_DELIMITER = ";"

_HEADER_FONT = Font(bold=True)


@dataclass(frozen=True)
class Column:
    """A column's title and how its values are written: ``text`` (default), ``number``,
    ``money`` (integer rupiah), ``date`` or ``datetime``."""

    title: str
    kind: str = "text"


Header = str | Column


def write_csv(
    path: Path,
    headers: Sequence[Header],
    rows: Iterable[Sequence[Any]],
    *,
    delimiter: str = CSV_DELIMITER,
) -> int:
    """Write a CSV file (see module doc); returns the number of data rows written."""
    columns = _columns(headers)
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
        writer.writerow([inert_text(c.title) for c in columns])
        for row in rows:
            writer.writerow(
                [_csv_text(v, c, delimiter) for v, c in zip(row, columns, strict=False)]
            )
            count += 1
    return count


def write_xlsx(
    path: Path, headers: Sequence[Header], rows: Iterable[Sequence[Any]], *, sheet_title: str
) -> int:
    """Write a one-sheet workbook (see module doc); returns the number of data rows written."""
    workbook = Workbook(write_only=True)
    try:
        count = add_sheet(workbook, headers, rows, sheet_title=sheet_title)
    except BaseException:
        discard_workbook(workbook)
        raise
    workbook.save(path)
    return count


def discard_workbook(workbook: Workbook) -> None:
    """Close a write-only workbook abandoned half-way (a cancelled export) and remove its
    temporary sheet files; openpyxl would otherwise leave them open until garbage collection."""
    for sheet in workbook.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()
        writer = getattr(sheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()


def add_sheet(
    workbook: Workbook,
    headers: Sequence[Header],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_title: str,
) -> int:
    """Append a formatted sheet to a write-only ``workbook`` (for multi-sheet exports)."""
    columns = _columns(headers)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    iterator = iter(rows)
    sample = list(islice(iterator, WIDTH_SAMPLE_ROWS))
    for index, width in enumerate(_fitted_widths(columns, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
    sheet.append([_header_cell(sheet, c.title) for c in columns])
    count = 0
    for source in (sample, iterator):
        for row in source:
            sheet.append([_xlsx_cell(sheet, v, c) for v, c in zip(row, columns, strict=False)])
            count += 1
    return count


def display_text(value: Any, column: Column) -> str:
    """How a value reads in a cell (for widths and CSV): ``22/11/2026``, ``450.000``, ``12,5``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int) and column.kind == "money":
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return str(value)


def _columns(headers: Sequence[Header]) -> list[Column]:
    return [h if isinstance(h, Column) else Column(str(h)) for h in headers]


def _csv_text(value: Any, column: Column, delimiter: str) -> str:
    if isinstance(value, str):
        return inert_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # no thousands dots: a spreadsheet must read it back as a number
    if isinstance(value, float) and delimiter != ";":
        return repr(value)
    return display_text(value, column)


def _header_cell(sheet: WriteOnlyWorksheet, title: str) -> Cell:
    cell = text_cell(sheet, title)
    cell.font = _HEADER_FONT
    return cell


def _xlsx_cell(sheet: WriteOnlyWorksheet, value: Any, column: Column) -> Any:
    if isinstance(value, str):
        return text_cell(sheet, value)
    if isinstance(value, datetime | date):
        cell = WriteOnlyCell(sheet)
        cell.value = value  # what WriteOnlyCell(sheet, value=...) does; its stub omits date
        cell.number_format = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
        return cell
    if column.kind == "money" and isinstance(value, int) and not isinstance(value, bool):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = MONEY_FORMAT
        return cell
    return value


def _fitted_widths(columns: list[Column], sample: list[Sequence[Any]]) -> list[float]:
    widths = []
    for index, column in enumerate(columns):
        longest = len(column.title) + 2  # room for the autofilter button
        for row in sample:
            if index < len(row):
                longest = max(longest, len(display_text(row[index], column)))
        widths.append(float(min(max(longest + 1, MIN_WIDTH), MAX_WIDTH)))
    return widths


def _sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of ``[]:*?/\\`` in a sheet name."""
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in title).strip("'")
    return cleaned[:31] or "Data"
