"""The programme period offered by default, and which programme Tugaskan and Bantuan offer first.

A first programme that ended last month must not stay everyone's default: the forms offer the
active programme running this month.
"""

from __future__ import annotations

from datetime import date

from desktop_app.core import clock
from desktop_app.settings.programmes import (
    create_programme,
    default_period,
    default_programme,
    list_programmes,
)
from desktop_app.ui.aid.page import AidLedgerPage
from desktop_app.ui.assignments.dialogs import AssignDialog
from desktop_app.ui.settings.programme_tab import ProgrammeDialog


def month_shift(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


THIS_MONTH = clock.today().replace(day=1)


def test_the_default_period_is_twelve_months_from_this_month():
    assert default_period(date(2026, 12, 5)) == (date(2026, 12, 1), date(2027, 11, 1))
    assert default_period(date(2026, 1, 31)) == (date(2026, 1, 1), date(2026, 12, 1))


def make_programmes(database) -> tuple:
    with database.sessions() as session:
        ended = create_programme(
            session, name="OTA lama", start_month=month_shift(THIS_MONTH, -13),
            end_month=month_shift(THIS_MONTH, -1), monthly_aid=450_000,
        )  # fmt: skip
        running = create_programme(
            session, name="OTA berjalan", start_month=month_shift(THIS_MONTH, -2),
            end_month=month_shift(THIS_MONTH, 9), monthly_aid=500_000,
        )  # fmt: skip
        later = create_programme(
            session, name="OTA tahap II", start_month=month_shift(THIS_MONTH, 1),
            end_month=month_shift(THIS_MONTH, 12), monthly_aid=500_000,
        )  # fmt: skip
        session.commit()
        listed = list_programmes(session)
    return ended, running, later, listed


def test_the_running_programme_is_offered_not_the_newest_or_an_ended_one(database):
    ended, running, later, listed = make_programmes(database)
    assert listed[0].id == later.id  # the list is newest first: the old rule took it
    assert default_programme(listed, today=clock.today()).id == running.id
    assert default_programme([ended], today=clock.today()).id == ended.id  # nothing else
    assert default_programme([], today=clock.today()) is None


def test_tugaskan_and_bantuan_open_on_the_running_programme(qtbot, runner, database):
    _ended, running, _later, _listed = make_programmes(database)
    dialog = AssignDialog(runner)
    qtbot.addWidget(dialog)
    assert dialog.programme.current_id() == running.id
    page = AidLedgerPage(runner)
    qtbot.addWidget(page)
    page.reload()
    assert page.programme.current_id() == running.id


def test_a_new_programme_dialog_offers_twelve_months(qtbot, runner):
    dialog = ProgrammeDialog(runner)
    qtbot.addWidget(dialog)
    assert (dialog.start_month.value(), dialog.end_month.value()) == default_period(clock.today())
