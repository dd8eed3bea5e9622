"""Building district-style spreadsheets for the import tests, and counting what is stored.

Files are written with openpyxl exactly as Excel stores them (merged title rows, numeric cells,
date cells), so the importer is tested on real .xlsx bytes, not on Python lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import func, inspect, select, table

from desktop_app.core.database import Database
from desktop_app.validation import make_nik, make_nip, make_no_kk

REGION = "190201"  # Kabupaten Belitung, Kecamatan Tanjungpandan


def nik(born: date, sex: str, sequence: int = 1) -> str:
    return make_nik(region=REGION, birth_date=born, sex=sex, sequence=sequence)


def kk(sequence: int = 1) -> str:
    return make_no_kk(region=REGION, issued_on=date(2020, 3, 1), sequence=sequence)


def nip(sequence: int = 1, sex: str = "L") -> str:
    return make_nip(
        birth_date=date(1985, 4, 12), appointment_month=date(2010, 3, 1), sex=sex, sequence=sequence
    )


def write_sheet(
    path: Path,
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    *,
    titles: Sequence[str] = (),
    trailing_blank_rows: int = 0,
) -> Path:
    """An .xlsx with ``titles`` as merged rows above ``header`` (one blank row between), then
    ``rows``; ``trailing_blank_rows`` formatted-but-empty rows like Excel leaves behind."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    width = max(len(header), 2)
    for title in titles:
        sheet.append([title])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    if titles:
        sheet.append([])
    sheet.append(list(header))
    for values in rows:
        sheet.append(list(values))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.isdigit():
                cell.number_format = "@"
    last = sheet.max_row
    for offset in range(1, trailing_blank_rows + 1):
        sheet.cell(row=last + offset, column=1).number_format = "@"
        sheet.cell(row=last + offset, column=width + 3).value = None
    workbook.save(path)
    return path


def table_counts(database: Database) -> dict[str, int]:
    """Rows in every table of the database (to prove an import wrote nothing, or exactly N)."""
    names = inspect(database.engine).get_table_names()
    with database.engine.connect() as connection:
        return {
            name: connection.execute(select(func.count()).select_from(table(name))).scalar_one()
            for name in names
        }


#: What a command's login writes beside its work: the login's audit entry and the account's
#: last-login (recorded in the sync log).
LOGIN_BOOKKEEPING = ("audit_log", "sync_changes")


def data_counts(database: Database) -> dict[str, int]:
    """:func:`table_counts` without the login's bookkeeping (for ``asuh`` commands, which sign
    in before they work)."""
    counts = table_counts(database)
    for name in LOGIN_BOOKKEEPING:
        counts.pop(name, None)
    return counts
