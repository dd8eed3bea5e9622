"""The payment list an auditor accepts: status, date, method, reference, receiver, totals by
status, the paid total in words, and row numbers and totals that fit at 50,000 rows."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from sqlalchemy import update

from desktop_app.core.database import Database
from desktop_app.core.month import Month
from desktop_app.db.models import AidPayment
from desktop_app.reports.header_data import ReportHeader
from desktop_app.reports.payments import PaymentListRenderer
from desktop_app.reports.payments_data import PaymentListData, PaymentRow
from desktop_app.reports.service import ReportKind, build_report
from tests.reports.builders import TODAY, KnownDistrict
from tests.reports.pdftext import pdf_text

NOVEMBER = Month(2026, 11)


def _payments(database: Database, *, all_payments: bool = False) -> str:
    with database.sessions() as session:
        session.execute(
            update(AidPayment)
            .where(AidPayment.status == "dibayar")
            .values(reference="TRF-0042", received_by="Siti Aminah")
        )
        report = build_report(session, kind=ReportKind.PAYMENTS, month=NOVEMBER, today=TODAY,
                              all_payments=all_payments)  # fmt: skip
        session.commit()
    return pdf_text(report.content)


def test_only_paid_rows_are_signed_with_date_method_reference_and_receiver(
    database: Database, known: KnownDistrict
) -> None:
    text = _payments(database)
    assert "Ahmad Fauzi" in text and "Dedi Kurniawan" in text
    assert "Bunga Lestari" not in text  # planned: not in the signed list by default
    assert "Citra Ayu" not in text  # cancelled
    assert text.count("25 Nov 2026") == 2 and text.count("TRF-0042") == 2
    assert text.count("Siti Aminah") == 2 and text.count("Transfer") == 2
    assert "Jumlah Rp900.000" in text  # the list's total: the two paid rows
    # Totals by status over the whole month: 2 paid, 1 planned, 1 cancelled.
    assert "dibayar 2 Rp900.000" in text
    assert "rencana 1 Rp450.000" in text
    assert "batal 1 Rp450.000" in text
    assert "Jumlah (dibayar + rencana) 3 Rp1.350.000" in text
    assert "Sembilan ratus ribu rupiah" in text  # terbilang of the paid total
    assert "Jumlah penerima: 2 anak." in text


def test_all_statuses_when_asked(database: Database, known: KnownDistrict) -> None:
    text = _payments(database, all_payments=True)
    assert "Bunga Lestari" in text and "Citra Ayu" in text
    assert "Ahmad Fauzi" in text
    assert "Jumlah (3 anak, tanpa yang batal) Rp1.350.000" in text
    assert "Sembilan ratus ribu rupiah" in text  # still the paid total in words
    assert "Jumlah penerima: 3 anak." in text  # Citra's cancelled row is listed, not counted


def _synthetic(rows: int, amount: int) -> PaymentListData:
    header = ReportHeader("Kabupaten Belitung", "DPPKBPMD", "Genting", "", "Kepala Dinas", "",
                          "", "", TODAY)  # fmt: skip
    body = tuple(
        PaymentRow(
            f"Anak {i}",
            "1902**********01",
            "Ibu",
            "Desa",
            "Budi",
            amount,
            "dibayar",
            date(2026, 11, 25),
            "transfer",
            f"TRF{i}",
        )  # fmt: skip
        for i in range(rows)
    )
    return PaymentListData(header, NOVEMBER, "Genting", body)


@pytest.mark.slow
def test_numbers_and_totals_fit_at_50000_rows(tmp_path) -> None:
    pdf = PaymentListRenderer().render(_synthetic(50_000, 450_000))
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf)
    # The last pages only: pdftotext of 1,800 pages is slow and the cut numbers are at the end.
    pages = int(
        next(line for line in subprocess.run(["pdfinfo", str(path)], capture_output=True,
             text=True, check=True).stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )  # fmt: skip
    command = ["pdftotext", "-f", str(pages - 2), "-l", str(pages), "-layout", str(path), "-"]
    tail = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert "49.999" in tail and "50.000" in tail and "50.000. ......" in tail
    assert "…" not in tail.split("Anak 49999")[1].split("Rp450.000")[0]  # nothing cut on the row
    assert "Rp22.500.000.000" in tail  # the total, whole
    assert "Dua puluh dua miliar lima ratus juta rupiah" in tail
