"""Long lists: continued on the next page with the header repeated, in linear time."""

from __future__ import annotations

import io
import re
import time
import uuid
from datetime import date

from openpyxl import load_workbook
from reportlab.lib.units import cm
from reportlab.platypus import SimpleDocTemplate

from desktop_app.core.database import Database
from desktop_app.core.month import Month
from desktop_app.db.models import Assignment, Child, Desa, Guardian, Kecamatan
from desktop_app.reports.service import ReportKind, build_report
from desktop_app.reports.tables import LongTable
from tests.reports.pdftext import pdf_pages


def _render(rows: int) -> list[str]:
    buffer = io.BytesIO()
    table = LongTable(
        ["No", "Nama anak", "Desa"],
        [[str(i), f"Anak {i}", "Air Saga"] for i in range(1, rows + 1)],
        [2 * cm, 8 * cm, 6 * cm],
    )
    SimpleDocTemplate(buffer).build([table])
    return pdf_pages(buffer.getvalue())


def test_long_table_repeats_its_header_and_loses_no_row() -> None:
    pages = _render(500)
    assert len(pages) > 5
    numbers: list[int] = []
    for page in pages:
        assert page.strip().startswith("No Nama anak Desa")  # header on every page
        numbers += [int(n) for n in re.findall(r"(\d+) Anak \d+", page)]
    assert numbers == list(range(1, 501))


def _cpu_seconds(rows: int) -> float:
    """The quickest of three renders, in CPU time of this process (unlike wall time it does not
    grow when the machine is busy; the minimum drops a run slowed by caches or a collection)."""
    times = []
    for _ in range(3):
        start = time.process_time()
        _render(rows)
        times.append(time.process_time() - start)
    return min(times)


def test_long_table_time_grows_linearly() -> None:
    small, large = _cpu_seconds(500), _cpu_seconds(4000)
    # 8x the rows: about 8x the time when linear, 64x for a quadratic split; 24x leaves room
    # for a loaded machine and still catches the quadratic case.
    assert large < small * 24


def test_monthly_attention_list_prints_a_page_per_kecamatan_and_the_xlsx_all(
    database: Database,
) -> None:
    """300 fostered children of one kecamatan not visited: the PDF prints the first 30 (about a
    page) with a note saying so; the xlsx lists all 300."""
    with database.sessions() as session:
        kecamatan = Kecamatan(name="Membalong")
        desa = Desa(name="Lassar", kecamatan=kecamatan)
        guardian = Guardian(kind="asn", name="Tono", nip="198001012005011001")
        session.add_all([kecamatan, desa, guardian])
        session.flush()
        for i in range(300):
            child = Child(id=uuid.uuid4(), name=f"Anak {i:03d}", sex="L", nik=None,
                          no_kk="1902010000000001", birth_date=date(2025, 1, 1), desa_id=desa.id,
                          enrolment_status="berisiko", enrolled_on=date(2026, 1, 1))  # fmt: skip
            session.add(child)
            session.add(Assignment(child_id=child.id, guardian_id=guardian.id,
                                   start_date=date(2026, 2, 1)))  # fmt: skip
        session.commit()
        report = build_report(session, kind=ReportKind.MONTHLY, month=Month(2026, 3),
                              today=date(2026, 4, 1))  # fmt: skip
        workbook = build_report(session, kind=ReportKind.MONTHLY_XLSX, month=Month(2026, 3),
                                today=date(2026, 4, 1))  # fmt: skip
    pages = pdf_pages(report.content)
    text = " ".join(pages)
    assert "Kecamatan Membalong: 300 anak" in text
    assert "Ditampilkan 30 anak dengan alasan paling berat dari 300" in text
    names = re.findall(r"Anak (\d{3}) ", text)
    assert names == [f"{i:03d}" for i in range(30)]  # same severity: by name
    for number, page in enumerate(pages, 1):
        assert f"Halaman {number} dari {len(pages)}" in page
    book = load_workbook(io.BytesIO(workbook.content))
    rows = list(book["Perlu perhatian"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [f"Anak {i:03d}" for i in range(300)]
    assert {r[6] for r in rows} == {"Belum dikunjungi"}
