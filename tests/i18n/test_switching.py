"""``set_language`` reaches every layer: domain messages, constant labels, PDFs and widgets.

Each test checks English after ``set_language("en")`` and Indonesian again after switching back,
so a label frozen at import time (a module constant built with ``_()``) fails here.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt

from desktop_app.children.service import ENROLMENT_STATUSES, RISK_FACTORS, ChildForm, register_child
from desktop_app.core.database import Database
from desktop_app.core.errors import ValidationError
from desktop_app.core.formatting import format_date, format_month, format_number, format_rupiah
from desktop_app.core.i18n import (
    N_,
    NC_,
    _,
    current_language,
    ngettext,
    pgettext,
    set_language,
    translated_items,
)
from desktop_app.core.month import Month
from desktop_app.growth import Indicator, classify
from desktop_app.labels.choices import assignment_status_choices, enrolment_status_label
from desktop_app.reports.service import ReportKind, build_report
from tests.reports.builders import TODAY, build_known_district
from tests.reports.pdftext import pdf_pages


def _invalid_child_error(database: Database) -> ValidationError:
    with database.sessions() as session, pytest.raises(ValidationError) as caught:
        register_child(session, form=ChildForm(birth_date=date(2025, 1, 1)), today=TODAY)
    return caught.value


def test_unsupported_languages_are_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        set_language("fr")
    assert current_language() == "id"


def test_a_domain_message_follows_the_language(database: Database) -> None:
    assert _invalid_child_error(database).for_field("name") == "Nama anak wajib diisi"
    set_language("en")
    assert _invalid_child_error(database).for_field("name") == "Child's name is required"
    set_language("id")
    assert _invalid_child_error(database).for_field("name") == "Nama anak wajib diisi"


def test_constant_labels_are_translated_when_shown_not_when_imported() -> None:
    assert RISK_FACTORS["air_bersih"] == "Tidak ada akses air bersih"  # the source stays
    set_language("en")
    assert dict(translated_items(RISK_FACTORS))["air_bersih"] == "No access to clean water"
    assert _(ENROLMENT_STATUSES["berisiko"]) == "At risk of stunting"
    assert enrolment_status_label("stunting") == "Stunting"
    assert _(classify(Indicator.TB_U, -2.5).label) == "Stunted"
    assert _(classify(Indicator.BB_TB, -3.5).label) == "Severely wasted"
    set_language("id")
    assert dict(translated_items(RISK_FACTORS))["air_bersih"] == "Tidak ada akses air bersih"
    assert _(classify(Indicator.TB_U, -2.5).label) == "Pendek"


def test_one_indonesian_word_gets_the_english_its_context_needs() -> None:
    ended = NC_("status", "Selesai")
    assert ended == "Selesai" and N_("Selesai") == "Selesai"
    set_language("en")
    assert (_(ended), _("Selesai"), pgettext("kolom tanggal", "Selesai")) == (
        "Ended",
        "Done",
        "End",
    )
    assert [c.label for c in assignment_status_choices()] == ["Active", "Ended", "Transferred"]
    assert _("") == ""  # never the catalog header
    set_language("id")
    assert _(ended) == "Selesai"


def test_a_pdf_is_printed_in_the_current_language(database: Database) -> None:
    with database.sessions() as session:
        build_known_district(session)

    def monthly_text() -> str:
        with database.sessions() as session:
            report = build_report(
                session, kind=ReportKind.MONTHLY, month=Month(2026, 11), today=TODAY
            )
        return " ".join(pdf_pages(report.content))

    set_language("en")
    text = monthly_text()
    assert "MONTHLY REPORT OF THE FOSTER PARENT PROGRAMME FOR STUNTING PREVENTION" in text
    assert "Period: November 2026" in text
    assert "Registered children at risk of stunting 6" in text
    assert "Severely stunted" in text and "Acknowledged by," in text
    assert "Page 1 of" in text
    assert "Halaman" not in text and "Periode" not in text
    set_language("id")
    text = monthly_text()
    assert "LAPORAN BULANAN PROGRAM ORANG TUA ASUH CEGAH STUNTING" in text
    assert "Periode: November 2026" in text and "Halaman 1 dari" in text


def test_a_form_built_after_switching_speaks_english(qtbot, database: Database) -> None:
    from desktop_app.ui.children.editor import ChildEditorDialog
    from desktop_app.ui.ops import OperationRunner

    runner = OperationRunner(database.sessions)
    runner.synchronous = True
    set_language("en")
    dialog = ChildEditorDialog(runner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Register a child"
    assert dialog.sex.buttons["P"].text() == "Female"
    assert dialog.risk_factors.boxes["air_bersih"].text() == "No access to clean water"
    assert dialog.enrolment_status.buttons["berisiko"].text() == "At risk of stunting"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # empty form: errors
    assert dialog.errors.message("name") == "Child's name is required"
    assert dialog.birth_date.calendarWidget().locale().language() == QLocale.Language.English
    dialog.reject()
    runner.wait_idle()

    set_language("id")
    again = ChildEditorDialog(runner)
    qtbot.addWidget(again)
    assert again.windowTitle() == "Daftarkan anak"
    assert again.sex.buttons["P"].text() == "Perempuan"
    assert again.birth_date.calendarWidget().locale().language() == QLocale.Language.Indonesian


def test_dates_and_numbers_follow_the_language_but_rupiah_stays_rupiah() -> None:
    day = date(2026, 11, 22)
    assert (format_date(day), format_month(day), format_number(12.5)) == (
        "22 November 2026",
        "November 2026",
        "12,5",
    )
    set_language("en")
    assert format_date(date(2026, 8, 17)) == "17 August 2026"
    assert format_month(date(2026, 5, 1)) == "May 2026"
    assert format_number(12.5) == "12.5"
    assert format_rupiah(450000) == "Rp450.000"
    set_language("id")
    assert format_date(date(2026, 8, 17)) == "17 Agustus 2026"


def test_counts_take_the_english_plural_and_stay_invariant_in_indonesian() -> None:
    from desktop_app.ui.widgets.texts import age_text

    def children(n: int) -> str:
        return ngettext("{n} anak", "{n} anak", n).format(n=n)

    assert (children(1), children(3), age_text(1), age_text(27)) == (
        "1 anak",
        "3 anak",
        "1 bulan",
        "2 tahun 3 bulan (27 bulan)",
    )
    set_language("en")
    assert (children(1), children(3), age_text(1), age_text(7)) == (
        "1 child",
        "3 children",
        "1 month",
        "7 months",
    )
    assert age_text(27) == "2 yr 3 mo (27 mo)"


def test_quitting_asuh_and_a_child_who_left_are_two_words_in_english(qtbot, english) -> None:
    """Indonesian says "Keluar" for both the top bar's quit button and a child who left the
    programme; English needs two words, so each use has its own context."""
    from types import SimpleNamespace

    from desktop_app.ui.children.list_page import status_text
    from desktop_app.ui.top_bar import TopBar

    bar = TopBar()
    qtbot.addWidget(bar)
    assert bar.quit_button.text() == "Quit"
    left = SimpleNamespace(exit_date=date(2026, 11, 3), enrolment_status="stunting")
    assert status_text(left) == "Left"  # type: ignore[arg-type]
    set_language("id")
    assert TopBar().quit_button.text() == "Keluar" == status_text(left)  # type: ignore[arg-type]
