"""Letterhead contact line, grouped NIPs and signer names level when a title wraps."""

from __future__ import annotations

import pypdfium2 as pdfium

from desktop_app.core.database import Database
from desktop_app.core.month import Month
from desktop_app.reports.service import ReportKind, build_report
from desktop_app.settings.store import update_settings
from tests.reports.builders import TODAY, KnownDistrict
from tests.reports.pdftext import pdf_text

LONG_TITLE = (
    "Kepala Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Masyarakat dan Desa"
)


def _payments(database: Database) -> bytes:
    with database.sessions() as session:
        report = build_report(session, kind=ReportKind.PAYMENTS, month=Month(2026, 11), today=TODAY)
        session.commit()
    return report.content


def _baseline(pdf: bytes, text: str) -> float:
    """The bottom of the first character of ``text`` on the last page, in points."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[len(document) - 1].get_textpage()
        searcher = page.search(text)
        found = searcher.get_next()
        assert found is not None, text
        return page.get_charbox(found[0])[1]
    finally:
        document.close()


def test_kop_contact_line_and_grouped_nips(database: Database, known: KnownDistrict) -> None:
    with database.sessions() as session:
        update_settings(
            session, office_address="Jl. Merdeka No. 1, Tanjungpandan",
            office_phone="(0719) 21234", office_email="dppkbpmd@belitungkab.go.id",
            prepared_by_nip="198502022010012002",
        )  # fmt: skip
        session.commit()
    text = pdf_text(_payments(database))
    assert (
        "Jl. Merdeka No. 1, Tanjungpandan · Telp. (0719) 21234 · Email dppkbpmd@belitungkab.go.id"
        in text
    )
    assert "NIP 19850202 201001 2 002" in text  # Dibuat oleh
    assert "NIP 19700101 199503 1 002" in text  # Mengetahui
    assert "197001011995031002" not in text


def test_signer_names_stay_level_when_a_title_wraps(
    database: Database, known: KnownDistrict
) -> None:
    with database.sessions() as session:
        update_settings(session, head_title=LONG_TITLE)
        session.commit()
    pdf = _payments(database)
    assert "Pemberdayaan" in pdf_text(pdf)
    assert abs(_baseline(pdf, "Rina Marlina") - _baseline(pdf, "Drs. Hendra")) < 0.5
    assert abs(_baseline(pdf, "NIP ....") - _baseline(pdf, "NIP 19700101")) < 0.5
