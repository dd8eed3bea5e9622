"""Every date field of the app typed into with real key events, in each way people write dates.

Each test goes through the real dialog (Simpan) and reads the stored row: what the user typed
is the day that is kept, and text that is not a date (31/02/2024) keeps nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTableView, QVBoxLayout, QWidget
from sqlalchemy import select

from desktop_app.aid.service import plan_month_aid
from desktop_app.db.models import AidPayment, Child, Visit
from desktop_app.ui.aid.dialogs import MarkPaidDialog
from desktop_app.ui.audit.page import AuditPage
from desktop_app.ui.children.editor import ChildEditorDialog
from desktop_app.ui.children.exit_dialog import ExitChildDialog
from desktop_app.ui.visits import VisitFormDialog
from desktop_app.ui.widgets import DateEdit, MonthEdit
from tests.ui import form_fixtures
from tests.ui.form_fixtures import count, make_wilayah, rows, run
from tests.ui.keys import type_date
from tests.visits import conftest as visits_conftest
from tests.visits.conftest import THIS_MONTH, TODAY

message_boxes = form_fixtures.message_boxes  # the fixtures, shared
world = visits_conftest.world
pytestmark = pytest.mark.usefixtures("message_boxes")
LEFT = Qt.MouseButton.LeftButton

_ID_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip
_SHORT = ("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des")

#: The ways of typing a day the issue lists (20062024, 20/06/2024, 20-6-2024, 20.06.24,
#: 20 Juni 2024, 20 jun 2024), as functions of the day.
FORMATS: dict[str, Callable[[date], str]] = {
    "digits": lambda d: d.strftime("%d%m%Y"),
    "slashes": lambda d: d.strftime("%d/%m/%Y"),
    "dashes": lambda d: f"{d.day}-{d.month}-{d.year}",
    "dots-yy": lambda d: d.strftime("%d.%m.%y"),
    "month-name": lambda d: f"{d.day} {_ID_MONTHS[d.month - 1]} {d.year}",
    "short-month": lambda d: f"{d.day} {_SHORT[d.month - 1]} {d.year}",
}
each_format = pytest.mark.parametrize("write", FORMATS.values(), ids=FORMATS.keys())


def some_formats(*names: str):
    return pytest.mark.parametrize("write", [FORMATS[n] for n in names], ids=names)


BORN = date(2024, 6, 20)  # the example


@pytest.fixture
def wilayah(database):
    return make_wilayah(database)


def show(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, LEFT)


def fill_child(qtbot, dialog: ChildEditorDialog, wilayah, born: str) -> None:
    qtbot.keyClicks(dialog.name, "Dewi Anggraini")
    qtbot.mouseClick(dialog.sex.buttons["P"], LEFT)
    type_date(qtbot, dialog.birth_date, born)
    qtbot.keyClicks(dialog.no_kk.line, "3271010101200003")
    dialog.wilayah.kecamatan.set_current_id(wilayah.kecamatan_id)
    dialog.wilayah.desa.set_current_id(wilayah.desa_id)
    dialog.wilayah.posyandu.set_current_id(wilayah.posyandu_id)


# -- child form: birth, enrolment and consent dates ---------------------------------------------
@each_format
def test_child_dates_typed_in_each_format_are_stored(qtbot, runner, database, wilayah, write):
    enrolled, consent = TODAY - timedelta(days=3), TODAY - timedelta(days=1)
    dialog = show(qtbot, ChildEditorDialog(runner))
    fill_child(qtbot, dialog, wilayah, write(BORN))
    # What will be saved is shown before saving, with the age.
    assert dialog.birth_date.preview.text().startswith("20 Juni 2024 · umur 2 tahun")
    type_date(qtbot, dialog.enrolled_on, write(enrolled))
    type_date(qtbot, dialog.consent_date, write(consent))
    qtbot.keyClicks(dialog.consent_by, "Sari Dewi")
    with qtbot.waitSignal(dialog.saved):
        save(qtbot, dialog)
    [child] = rows(database, Child)
    assert (child.birth_date, child.enrolled_on, child.consent_date) == (BORN, enrolled, consent)


def test_typing_into_an_empty_optional_date_has_no_kosong_trap(qtbot, runner, wilayah):
    dialog = show(qtbot, ChildEditorDialog(runner))
    assert dialog.birth_date.text() == "" and dialog.birth_date.value() is None
    assert dialog.birth_date.line.placeholderText() == "hh/bb/tttt"
    qtbot.keyClicks(dialog.birth_date.line, "15/03/2025")
    assert dialog.birth_date.text() == "15/03/2025"
    assert dialog.birth_date.value() == date(2025, 3, 15)


def test_typing_over_a_date_replaces_it_whole(qtbot, runner, wilayah):
    dialog = show(qtbot, ChildEditorDialog(runner))
    type_date(qtbot, dialog.birth_date, "13/06/2024")
    type_date(qtbot, dialog.birth_date, "20/06/2024")  # saved 13/06/2024 with QDateEdit
    assert dialog.birth_date.value() == BORN


def test_31_february_is_an_inline_error_and_nothing_is_saved(qtbot, runner, database, wilayah):
    dialog = show(qtbot, ChildEditorDialog(runner))
    fill_child(qtbot, dialog, wilayah, "31/02/2024")
    preview = dialog.birth_date.preview
    height = preview.height()
    assert preview.text() == "31 Februari 2024 tidak ada (hanya 29 hari)"
    assert "c62828" in preview.styleSheet()  # red
    assert dialog.birth_date.value() is None
    save(qtbot, dialog)
    assert count(database, Child) == 0
    assert dialog.isVisible()
    assert preview.text() == "31 Februari 2024 tidak ada (hanya 29 hari)"
    assert preview.height() == height  # the line was there already: the form did not jump
    # Corrected, it saves.
    type_date(qtbot, dialog.birth_date, "29/02/2024")
    with qtbot.waitSignal(dialog.saved):
        save(qtbot, dialog)
    assert [c.birth_date for c in rows(database, Child)] == [date(2024, 2, 29)]


def test_an_impossible_optional_date_is_not_saved_as_no_date(qtbot, runner, database, wilayah):
    dialog = show(qtbot, ChildEditorDialog(runner))
    fill_child(qtbot, dialog, wilayah, "20/06/2024")
    type_date(qtbot, dialog.consent_date, "31/04/2026")
    save(qtbot, dialog)
    assert count(database, Child) == 0
    assert dialog.consent_date.preview.text() == "31 April 2026 tidak ada (hanya 30 hari)"
    assert dialog.consent_date.line.hasFocus()


def test_a_half_typed_date_is_told_when_saving(qtbot, runner, database, wilayah):
    dialog = show(qtbot, ChildEditorDialog(runner))
    fill_child(qtbot, dialog, wilayah, "20/06/2024")
    dialog.consent_date.line.setFocus()
    qtbot.keyClicks(dialog.consent_date.line, "20/06")
    assert dialog.consent_date.preview.text().startswith("Lanjutkan mengetik")
    save(qtbot, dialog)
    assert count(database, Child) == 0
    assert dialog.consent_date.preview.text() == "Tahun belum diisi"


def test_birth_date_in_the_future_is_refused_inline(qtbot, runner, database, wilayah):
    dialog = show(qtbot, ChildEditorDialog(runner))
    tomorrow = TODAY + timedelta(days=1)
    fill_child(qtbot, dialog, wilayah, tomorrow.strftime("%d/%m/%Y"))
    assert "belum terjadi" in dialog.birth_date.preview.text()
    save(qtbot, dialog)
    assert count(database, Child) == 0


def test_two_digit_birth_year_is_never_in_the_future(qtbot, runner, wilayah):
    dialog = show(qtbot, ChildEditorDialog(runner))
    next_year = (TODAY.year + 1) % 100
    type_date(qtbot, dialog.birth_date, f"01.01.{next_year:02d}")
    assert dialog.birth_date.value() == date(TODAY.year + 1 - 100, 1, 1)


# -- visit form ---------------------------------------------------------------------------------
@each_format
def test_visit_dates_typed_in_each_format_are_stored(qtbot, runner, database, world, write):
    visited, next_visit = TODAY - timedelta(days=2), TODAY + timedelta(days=28)
    dialog = show(qtbot, VisitFormDialog(runner, child_id=world.rina))
    type_date(qtbot, dialog.visit_date, write(visited))
    assert dialog.visit_date.value() == visited
    qtbot.keyClicks(dialog.weight, "8,0")
    qtbot.keyClicks(dialog.lenhei, "72,0")
    qtbot.mouseClick(dialog.measure.buttons["l"], LEFT)
    type_date(qtbot, dialog.next_visit, write(next_visit))
    with qtbot.waitSignal(dialog.saved):
        save(qtbot, dialog)
    [visit] = rows(database, Visit)
    assert (visit.visit_date, visit.next_visit_date) == (visited, next_visit)


def test_an_optional_date_is_cleared_by_emptying_it(qtbot, runner, database, world):
    dialog = show(qtbot, VisitFormDialog(runner, child_id=world.rina))
    qtbot.keyClicks(dialog.weight, "8,0")
    qtbot.keyClicks(dialog.lenhei, "72,0")
    qtbot.mouseClick(dialog.measure.buttons["l"], LEFT)
    type_date(qtbot, dialog.next_visit, "1 Jan 2099")
    with qtbot.waitSignal(dialog.saved):
        save(qtbot, dialog)
    [visit] = rows(database, Visit)
    assert visit.next_visit_date == date(2099, 1, 1)
    again = show(qtbot, VisitFormDialog(runner, visit_id=visit.id))
    qtbot.waitUntil(lambda: again.next_visit.value() == date(2099, 1, 1))
    type_date(qtbot, again.next_visit, "")
    assert again.next_visit.preview.text() == ""
    with qtbot.waitSignal(again.saved):
        save(qtbot, again)
    [visit] = rows(database, Visit)
    assert visit.next_visit_date is None


# -- aid payment, exit ----------------------------------------------------------------------------
@some_formats("dots-yy", "short-month")
def test_paid_on_typed_is_stored(qtbot, runner, database, world, write):
    run(
        database,
        lambda s: plan_month_aid(s, month=THIS_MONTH.first_day, programme_id=world.programme_id),
    )
    payments = rows(database, AidPayment)
    dialog = show(
        qtbot,
        MarkPaidDialog(runner, payment_ids=[p.id for p in payments], amount=900_000),
    )
    type_date(qtbot, dialog.paid_on, write(TODAY))
    qtbot.keyClicks(dialog.reference, "TRF-0001")
    with qtbot.waitSignal(dialog.saved):
        save(qtbot, dialog)
    assert {p.paid_on for p in rows(database, AidPayment)} == {TODAY}


@some_formats("digits", "month-name")
def test_exit_date_typed_is_stored(qtbot, runner, database, world, write):
    left = TODAY  # not before the enrolment, which is today
    dialog = show(qtbot, ExitChildDialog(runner, child_id=world.sari))
    type_date(qtbot, dialog.exit_date, write(left))
    dialog.reason.set_current_id("pindah")
    with qtbot.waitSignal(dialog.saved):
        save(qtbot, dialog)
    with database.sessions() as session:
        child = session.scalars(select(Child).where(Child.id == world.sari)).one()
    assert child.exit_date == left


# -- filters ------------------------------------------------------------------------------------
def test_audit_filters_take_typed_dates(qtbot, runner, database):
    page = AuditPage(runner)
    qtbot.addWidget(page)
    page.show()
    type_date(qtbot, page.date_from, "1-12-2026")
    type_date(qtbot, page.date_to, "5 Des 2026")
    assert (page.filters()["date_from"], page.filters()["date_to"]) == (
        date(2026, 12, 1),
        date(2026, 12, 5),
    )
    type_date(qtbot, page.date_to, "32/12/2026")
    assert page.filters()["date_to"] is None
    assert page.date_to.line.toolTip() == "Tanggal 32 tidak ada (1–31)"
    type_date(qtbot, page.date_to, "")
    assert page.filters()["date_to"] is None and page.date_to.line.toolTip() == ""


@pytest.mark.parametrize("text", ["11/2026", "Nov 2026", "November 2026", "nop 26", "2026-11"])
def test_month_field_takes_the_usual_ways(qtbot, text):
    edit, _form = in_a_form(qtbot, MonthEdit())
    type_date(qtbot, edit, text)
    assert edit.value() == date(2026, 11, 1)
    assert edit.text() == "November 2026"  # what is kept, once the field is left


def test_month_field_steps_with_the_arrow_keys(qtbot):
    edit = MonthEdit()
    show(qtbot, edit)
    type_date(qtbot, edit, "12/2026")
    edit.line.setFocus()
    qtbot.keyClick(edit.line, Qt.Key.Key_Up)
    assert edit.value() == date(2027, 1, 1)
    qtbot.keyClick(edit.line, Qt.Key.Key_PageDown)
    assert edit.value() == date(2026, 1, 1)
    qtbot.keyClick(edit.line, Qt.Key.Key_Down)
    assert edit.value() == date(2025, 12, 1)


def in_a_form(qtbot, edit: DateEdit) -> tuple[DateEdit, QWidget]:
    """``edit`` with a field after it, so that Tab leaves it; the form is kept alive by the
    caller."""
    form = QWidget()
    layout = QVBoxLayout(form)
    layout.addWidget(edit)
    after = QLineEdit()
    layout.addWidget(after)
    show(qtbot, form)
    return edit, form


# -- the calendar -------------------------------------------------------------------------------
def test_calendar_opens_on_today_when_empty_and_weekdays_are_readable(qtbot):
    edit = DateEdit(optional=True)
    show(qtbot, edit)
    edit.line.setFocus()
    qtbot.keyClick(edit.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = edit.calendarWidget()
    assert calendar.isVisible()
    assert (calendar.yearShown(), calendar.monthShown()) == (TODAY.year, TODAY.month)
    locale = calendar.locale()
    names = [locale.dayName(day, locale.FormatType.ShortFormat) for day in range(1, 8)]
    assert names == ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    table = calendar.findChild(QTableView)
    widest = max(table.fontMetrics().horizontalAdvance(name) for name in names)
    assert min(table.columnWidth(c) for c in range(7)) > widest + 4  # not cut to "..."


def test_calendar_opens_on_the_fields_date_and_picks_with_the_keyboard(qtbot):
    edit = DateEdit(optional=True)
    show(qtbot, edit)
    type_date(qtbot, edit, "20/06/2024")
    qtbot.mouseClick(edit.button, LEFT)
    calendar = edit.calendarWidget()
    assert (calendar.yearShown(), calendar.monthShown()) == (2024, 6)
    assert calendar.selectedDate().toPython() == BORN
    days = calendar.findChild(QTableView)  # the day grid takes the keys
    with qtbot.waitSignal(edit.changed) as changed:
        qtbot.keyClick(days, Qt.Key.Key_Right)
        qtbot.keyClick(days, Qt.Key.Key_Return)
    assert changed.args == [date(2024, 6, 21)]
    assert edit.text() == "21/06/2024" and not calendar.isVisible()


def test_month_field_previews_what_it_will_keep_while_typing(qtbot):
    edit, _form = in_a_form(qtbot, MonthEdit())
    type_date(qtbot, edit, "")
    edit.line.setFocus()
    qtbot.keyClicks(edit.line, "11/2026")
    assert edit.preview.text() == "November 2026"
    qtbot.keyClick(edit.line, Qt.Key.Key_Tab)
    assert edit.text() == "November 2026" and edit.preview.text() == ""
