"""The first-run wizard driven like a user: typing, Lanjut, Selesai; then the stored rows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from desktop_app.core import clock
from desktop_app.db.models import Kecamatan, Programme
from desktop_app.settings.store import get_settings, update_settings
from desktop_app.ui.setup.wizard import FirstRunWizard
from tests.ui.keys import type_date

NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton


def open_wizard(qtbot, runner) -> FirstRunWizard:
    wizard = FirstRunWizard(runner)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def click(qtbot, wizard: FirstRunWizard, which) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def type_into(qtbot, widget, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)


def choose_region(qtbot, wizard: FirstRunWizard, province: str, regency: str) -> None:
    qtbot.keyClicks(wizard.region.province.lineEdit(), province)
    qtbot.keyClicks(wizard.region.regency.lineEdit(), regency)


def fill_and_finish(qtbot, wizard: FirstRunWizard, *, end_month: date) -> None:
    choose_region(qtbot, wizard, "Nusa Tenggara Timur", "Sumba Barat")
    assert wizard.district.district_name.text() == "Kabupaten Sumba Barat"
    type_into(qtbot, wizard.district.coordinating_office, "DP3AP2KB")
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)  # no posyandu yet
    type_into(qtbot, wizard.programme_name, "OTA 2026 Tahap I")
    type_date(qtbot, wizard.start_month, "01/2026")
    type_date(qtbot, wizard.end_month, f"{end_month:%m/%Y}")
    type_into(qtbot, wizard.district.monthly_aid, "500000")
    wizard.district.visit_target.setValue(2)
    click(qtbot, wizard, NEXT)
    type_into(qtbot, wizard.district.head_name, "Maria Lero")
    type_into(qtbot, wizard.district.prepared_by, "Yohanes Bili")
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, FINISH)


def test_the_defaults_are_offered_and_the_example_district_is_not(qtbot, runner):
    wizard = open_wizard(qtbot, runner)
    assert wizard.district.district_name.text() == ""
    assert wizard.district.monthly_aid.text() == "Rp450.000"
    assert wizard.district.coordinating_office.text() == "DPPKBPMD"
    assert wizard.button(QWizard.WizardButton.CancelButton).text() == "Nanti saja"


def test_finishing_saves_the_settings_and_the_first_programme(qtbot, runner, database):
    wizard = open_wizard(qtbot, runner)
    fill_and_finish(qtbot, wizard, end_month=date(2026, 12, 1))
    assert wizard.result() == QWizard.DialogCode.Accepted
    with database.sessions() as session:
        settings = get_settings(session)
        programme = session.scalars(select(Programme)).one()
    assert settings.setup_completed is True
    assert (settings.district_name, settings.coordinating_office) == (
        "Kabupaten Sumba Barat",
        "DP3AP2KB",
    )
    assert (settings.default_monthly_aid, settings.visit_target_per_month) == (500_000, 2)
    assert (settings.head_name, settings.prepared_by) == ("Maria Lero", "Yohanes Bili")
    assert (settings.province_code, settings.regency_code) == ("53", "53.12")
    assert (programme.name, programme.start_month, programme.end_month) == (
        "OTA 2026 Tahap I",
        date(2026, 1, 1),
        date(2026, 12, 1),
    )
    assert (programme.monthly_aid, programme.visit_target_per_month) == (500_000, 2)


def test_an_end_month_before_the_start_shows_the_message_and_saves_nothing(qtbot, runner, database):
    wizard = open_wizard(qtbot, runner)
    fill_and_finish(qtbot, wizard, end_month=date(2025, 6, 1))
    assert wizard.isVisible()
    assert wizard.currentId() == 2  # back on the programme page, where the field is
    assert wizard.errors.message("end_month") == "Bulan selesai tidak boleh sebelum bulan mulai"
    with database.sessions() as session:
        assert get_settings(session).setup_completed is False
        assert get_settings(session).district_name == "Kabupaten Contoh"
        assert session.scalar(select(func.count()).select_from(Programme)) == 0
    type_date(qtbot, wizard.end_month, "Juni 2026")
    while wizard.currentId() < wizard.pageIds()[-1]:
        click(qtbot, wizard, NEXT)
    click(qtbot, wizard, FINISH)
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Programme)) == 1


def test_cancelling_saves_nothing(qtbot, runner, database):
    wizard = open_wizard(qtbot, runner)
    type_into(qtbot, wizard.district.district_name, "Kabupaten Ende")
    click(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert wizard.result() == QWizard.DialogCode.Rejected
    with database.sessions() as session:
        assert get_settings(session).district_name == "Kabupaten Contoh"


def test_a_configured_district_is_offered_again(qtbot, runner, database):
    with database.sessions() as session:
        update_settings(session, district_name="Kota Kupang", programme_label="OTA Kupang")
        session.commit()
    wizard = open_wizard(qtbot, runner)
    assert wizard.district.district_name.text() == "Kota Kupang"
    assert wizard.programme_name.text() == "OTA Kupang"


def test_the_programme_defaults_to_twelve_months_from_this_month_and_says_so(qtbot, runner):
    wizard = open_wizard(qtbot, runner)
    start = clock.today().replace(day=1)
    end = date(start.year + (start.month + 10) // 12, (start.month + 10) % 12 + 1, 1)
    assert (wizard.start_month.value(), wizard.end_month.value()) == (start, end)
    hint = wizard.programme_rows.hints["end_month"].text()
    assert hint.startswith("Periode 12 bulan: ") and "bawaan: 12 bulan mulai bulan ini" in hint


def test_without_a_kabupaten_from_the_list_nothing_is_saved(qtbot, runner, database):
    wizard = open_wizard(qtbot, runner)
    qtbot.keyClicks(wizard.region.province.lineEdit(), "Kepulauan Bangka Belitung")
    qtbot.keyClicks(wizard.region.regency.lineEdit(), "Belitong")  # not a name in the list
    type_into(qtbot, wizard.district.district_name, "Kabupaten Belitong")
    while wizard.currentId() < wizard.pageIds()[-1]:
        click(qtbot, wizard, NEXT)
    type_into(qtbot, wizard.programme_name, "OTA")
    click(qtbot, wizard, FINISH)
    assert wizard.currentId() == 0
    assert wizard.errors.message("regency_code") == "Pilih kabupaten/kota dari daftar"
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Kecamatan)) == 0
        assert get_settings(session).setup_completed is False
