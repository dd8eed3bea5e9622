"""Generate every report from the known district and read the printed text back."""

from __future__ import annotations

import re
from datetime import date

import pytest

from desktop_app.core.database import Database
from desktop_app.core.month import Month
from desktop_app.reports.service import ReportKind, build_report
from tests.reports.builders import NIKS, TODAY, KnownDistrict
from tests.reports.pdftext import pdf_pages, pdf_text

NOVEMBER = Month(2026, 11)


def _pdf(database: Database, kind: ReportKind, **kw) -> bytes:
    with database.sessions() as session:
        report = build_report(session, kind=kind, today=TODAY, **kw)
        session.commit()
    assert report.content.startswith(b"%PDF")
    return report.content


def _no_full_nik(text: str) -> None:
    for nik in NIKS.values():
        assert nik not in text
    assert not re.search(r"(?<!\d)\d{16}(?!\d)", text)  # a NIP has 18 digits


def test_monthly_pdf_prints_the_figures(database: Database, known: KnownDistrict) -> None:
    pages = pdf_pages(_pdf(database, ReportKind.MONTHLY, month=NOVEMBER))
    text = " ".join(pages)
    assert "PEMERINTAH KABUPATEN BELITUNG" in text
    assert "LAPORAN BULANAN PROGRAM ORANG TUA ASUH CEGAH STUNTING" in text
    assert "Periode: November 2026" in text
    assert "Anak berisiko stunting terdaftar 6" in text
    assert "Anak dengan orang tua asuh 4" in text
    assert "Cakupan pendampingan 66,7%" in text
    assert "Kunjungan dilakukan / target 3 / 4 (75,0%)" in text
    assert "Anak stunting (pendek dan sangat pendek) 3 (bulan lalu 1; +2)" in text
    assert "Anak sangat pendek 1 (bulan lalu 0; +1)" in text
    assert "Bantuan direncanakan Rp1.350.000 (3 anak)" in text
    assert "Bantuan sudah dibayar Rp900.000 (2 anak)" in text
    assert "Bantuan belum dibayar Rp450.000" in text
    assert "6 6 4 1 1 0 2 1 1" in text  # S K D N T O B 2T BGM
    assert "100,0% 66,7% 66,7% 25,0% 50,0%" in text  # K/S D/S D/K N/D N/D'
    assert "Dinas Pendidikan 0 0 0 0" in text  # OPD without ASN still listed
    assert "Citra Ayu" in text and "2T; Memburuk (TB/U -1,95 → -2,46)" in text
    assert "Belum dikunjungi" in text
    assert "Sangat pendek" in text  # chart labels
    assert "Mengetahui," in text and "Kepala DPPKBPMD" in text
    assert "Drs. Hendra Wijaya, M.Si." in text and "NIP 19700101 199503 1 002" in text
    assert "Dibuat oleh," in text and "Rina Marlina" in text
    for number, page in enumerate(pages, 1):
        assert f"Halaman {number} dari {len(pages)}" in page
    _no_full_nik(text)


def test_empty_month_gives_a_clear_valid_report(database: Database, known: KnownDistrict) -> None:
    pages = pdf_pages(_pdf(database, ReportKind.MONTHLY, month=Month(2020, 1)))
    text = " ".join(pages)
    assert "Periode: Januari 2020" in text
    assert "Tidak ada data untuk periode ini." in text
    assert "Halaman 1 dari" in text
    payments = pdf_text(_pdf(database, ReportKind.PAYMENTS, month=Month(2020, 1)))
    assert "Tidak ada data untuk periode ini." in payments


def test_payment_list_totals_in_figures_and_words(database: Database, known: KnownDistrict) -> None:
    text = pdf_text(_pdf(database, ReportKind.PAYMENTS, month=NOVEMBER))
    assert "DAFTAR PENERIMAAN BANTUAN ORANG TUA ASUH" in text
    assert "Ahmad Fauzi" in text and "Dedi Kurniawan" in text
    assert "Bunga Lestari" not in text  # planned: signed only when all statuses are asked for
    assert "Citra Ayu" not in text  # cancelled
    assert "1902**********01" in text  # masked NIK
    assert "Jumlah Rp900.000" in text
    assert "Sembilan ratus ribu rupiah" in text
    assert "Jumlah penerima: 2 anak." in text
    _no_full_nik(text)


def test_guardian_activity(database: Database, known: KnownDistrict) -> None:
    text = pdf_text(_pdf(database, ReportKind.GUARDIANS, month=NOVEMBER))
    assert "LAPORAN KEGIATAN ORANG TUA ASUH" in text
    assert "DINKES Dinas Kesehatan 2 2 3 2 Rp900.000" in text
    assert "DISDIK Dinas Pendidikan 0 0 0 0 Rp0" in text
    # Section B grouped by OPD: the office heads its guardians.
    assert ("Dinas Kesehatan 2 Budi Santoso 19800101 200501 1 001 2 1 14 Nov 2026 Rp900.000 "
            "3 Sari Dewi") in text  # fmt: skip
    assert "Andi Pratama" in text and "5 Nov 2026" in text


def test_child_card(database: Database, known: KnownDistrict) -> None:
    text = pdf_text(_pdf(database, ReportKind.CHILD, child_id=known.ids["c3"]))
    assert "KARTU ANAK PROGRAM ORANG TUA ASUH" in text
    assert "Citra Ayu" in text and "1902**********03" in text
    assert "1 Agustus 2023" in text and "Andi Pratama" in text and "Bappeda" in text
    assert "-2,46" in text and "Pendek" in text  # latest HAZ and its category
    assert "10 Sep 2026" in text and "10 Okt 2026" in text and "5 Nov 2026" in text
    assert "+2 SD" in text and "-3 SD" in text  # WHO curves labelled
    _no_full_nik(text)


@pytest.mark.parametrize("extra_visits", [0, 2, 30])
def test_child_card_never_leaves_the_signatures_alone_on_a_page(
    database: Database, known: KnownDistrict, extra_visits: int
) -> None:
    """Citra's card: identity, status and the three charts on page one; the visit and aid
    history goes to page two with the signatures (two more visits used to push only the
    signatures over); a longer history stays with them."""
    from desktop_app.db.models import Child
    from tests.reports.builders import add_visit

    with database.sessions() as session:
        citra = session.get(Child, known.ids["c3"])
        for month in range(8, 8 + extra_visits):  # monthly from September 2023, before the rest
            on = date(2023 + month // 12, month % 12 + 1, 3)
            add_visit(session, citra, on, 4.0 + month * 0.25, 50.0 + month * 1.0)
        session.commit()
    pages = pdf_pages(_pdf(database, ReportKind.CHILD, child_id=known.ids["c3"]))
    (signed,) = [i for i, page in enumerate(pages) if "Mengetahui" in page]
    assert signed == len(pages) - 1
    assert "5 Nov 2026" in pages[signed]  # the last visit is printed above the signatures
    assert len(pages) == 2  # identity, status and charts; then the history with the signatures


def test_export_is_audited(database: Database, known: KnownDistrict) -> None:
    from sqlalchemy import select

    from desktop_app.db.models import AuditEntry

    _pdf(database, ReportKind.PAYMENTS, month=NOVEMBER)
    with database.sessions() as session:
        summaries = session.scalars(
            select(AuditEntry.summary).where(AuditEntry.action == "export")
        ).all()
    assert summaries == ["payments 2026-11"]


def test_today_in_a_running_month(database: Database, known: KnownDistrict) -> None:
    with database.sessions() as session:
        from desktop_app.reports.monthly_data import build_monthly_summary

        data = build_monthly_summary(session, month=NOVEMBER, today=date(2026, 11, 10))
    # Visits of 14 and 20 November have not happened yet on the 10th.
    assert data.figures.visits_done == 1
    assert data.figures.measured == 2  # Citra (5th) and Eka (8th)


@pytest.mark.parametrize("payments", [20, 47])
def test_payment_list_keeps_its_totals_with_the_signatures(payments: int) -> None:
    """With 18-22 or 45-49 rows the list ends low on a page: the signatures used to go over
    alone; now "Terbilang" and the count of recipients go with them."""
    from desktop_app.reports.header_data import ReportHeader
    from desktop_app.reports.payments import PaymentListRenderer
    from desktop_app.reports.payments_data import PaymentListData, PaymentRow

    header = ReportHeader("Kabupaten Belitung", "DPPKBPMD", "Genting", "", "Kepala Dinas", "",
                          "", "", TODAY)  # fmt: skip
    rows = tuple(PaymentRow(f"Anak {i}", "1902**********01", "Ibu", "Desa", "Budi", 450_000,
                            "dibayar") for i in range(payments))  # fmt: skip
    data = PaymentListData(header, Month.of(NOVEMBER), "Genting", rows)
    pages = pdf_pages(PaymentListRenderer().render(data))
    (signed,) = [i for i, page in enumerate(pages) if "Mengetahui" in page]
    assert "Terbilang" in pages[signed] and f"Jumlah penerima: {payments} anak" in pages[signed]
