"""Export the raw data: one .xlsx with a sheet per table, for analysis in a spreadsheet.

Column headers are the database's own column names (unambiguous, and stable across versions);
deleted rows (tombstones) are left out. NIK and No. KK are masked (``3271**********01``) unless
the caller passes ``reveal_identifiers=True`` (UU 27/2022: mask in exports by default), and every
export is written to the audit log with what it contained, so a breach can be traced.

Thread: the database worker (a long job with progress); the caller commits (the audit entry).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import BigInteger, Date, DateTime, Table, func, select
from sqlalchemy.orm import Session

from desktop_app.core import clock
from desktop_app.core.i18n import _
from desktop_app.core.masking import mask_nik
from desktop_app.core.permissions import ADMIN, checked, require_role
from desktop_app.core.progress import ProgressFn, no_progress
from desktop_app.db.audit_hook import record_event
from desktop_app.db.models import (
    AidPayment,
    Assignment,
    Child,
    Desa,
    Guardian,
    Kecamatan,
    Opd,
    Posyandu,
    Programme,
    Visit,
)
from desktop_app.export.tabular import Column, add_sheet, discard_workbook

#: (sheet title, table) in the order a reader expects: people first, reference data last.
RAW_TABLES: tuple[tuple[str, Table], ...] = (
    ("Anak", Child.__table__),
    ("Orang tua asuh", Guardian.__table__),
    ("Penugasan", Assignment.__table__),
    ("Kunjungan", Visit.__table__),
    ("Bantuan", AidPayment.__table__),
    ("OPD", Opd.__table__),
    ("Kecamatan", Kecamatan.__table__),
    ("Desa", Desa.__table__),
    ("Posyandu", Posyandu.__table__),
    ("Program", Programme.__table__),
)
#: Columns holding NIK / No. KK, masked unless revealed.
IDENTIFIER_COLUMNS = frozenset({"nik", "no_kk"})
#: Internal columns that mean nothing to a reader of the export.
SKIPPED_COLUMNS = frozenset({"search_text", "deleted_at"})
_BATCH = 1_000


@dataclass(frozen=True)
class RawExportResult:
    path: Path
    #: Rows written per sheet title, in sheet order.
    rows: dict[str, int]
    identifiers_revealed: bool


@checked
def export_raw_tables(
    session: Session,
    *,
    folder: Path,
    progress: ProgressFn = no_progress,
    reveal_identifiers: bool = False,
    now: datetime | None = None,
) -> RawExportResult:
    """Write ``asuh-data-mentah-YYYYMMDD-HHMMSS.xlsx`` into ``folder``; see the module doc.

    The workbook is written under a temporary name and renamed when complete, so a cancelled
    (``progress`` raised) or failed export leaves no half file behind.
    """
    if reveal_identifiers:
        require_role(session, ADMIN)  # full NIK/KK leave the laptop only at an Admin's request
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or clock.now()).strftime("%Y%m%d-%H%M%S")
    path = folder / f"asuh-data-mentah-{stamp}.xlsx"
    partial = path.with_name(path.name + ".partial")
    totals = {title: _live_count(session, table) for title, table in RAW_TABLES}
    grand_total, done = sum(totals.values()), 0
    counts: dict[str, int] = {}
    workbook = Workbook(write_only=True)
    try:
        for title, table in RAW_TABLES:
            columns = [c for c in table.columns if c.name not in SKIPPED_COLUMNS]
            label = _("Mengekspor {sheet}").format(sheet=title)
            rows = _rows(session, table, columns, reveal_identifiers)

            def reported(
                rows: Iterator[list[Any]] = rows, label: str = label
            ) -> Iterator[list[Any]]:
                nonlocal done
                for row in rows:
                    yield row
                    done += 1
                    if done % _BATCH == 0:
                        progress(done, grand_total, label)

            headers = [Column(c.name, _kind(c.type)) for c in columns]
            counts[title] = add_sheet(workbook, headers, reported(), sheet_title=title)
            progress(done, grand_total, label)
        workbook.save(partial)
        os.replace(partial, path)
    except BaseException:
        discard_workbook(workbook)
        raise
    finally:
        partial.unlink(missing_ok=True)
    record_event(
        session,
        action="export",
        entity="data_mentah",
        entity_id=None,
        summary=_("Ekspor data mentah ke {name} ({rows} baris; NIK/KK {shown})").format(
            name=path.name,
            rows=sum(counts.values()),
            shown=_("lengkap") if reveal_identifiers else _("disamarkan"),
        ),
    )
    session.flush()
    return RawExportResult(path, counts, reveal_identifiers)


def _live_count(session: Session, table: Table) -> int:
    return session.execute(
        select(func.count()).select_from(table).where(table.c.deleted_at.is_(None))
    ).scalar_one()


def _rows(session: Session, table: Table, columns: list, reveal: bool) -> Iterator[list[Any]]:
    statement = (
        select(*columns)
        .where(table.c.deleted_at.is_(None))
        .order_by(table.c.created_at, table.c.id)
        .execution_options(yield_per=_BATCH)
    )
    masked = [not reveal and c.name in IDENTIFIER_COLUMNS for c in columns]
    for row in session.execute(statement):
        yield [_cell(value, mask) for value, mask in zip(row, masked, strict=True)]


def _cell(value: Any, mask: bool) -> Any:
    if mask:
        return mask_nik(value) or None
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    return value


def _kind(column_type: Any) -> str:
    if isinstance(column_type, DateTime):
        return "datetime"
    if isinstance(column_type, Date):
        return "date"
    if isinstance(column_type, BigInteger):  # RupiahColumn: money is the only BigInteger
        return "money"
    return "text"
