"""Beranda's month figures are remembered only while they stand (``home.dashboard``).

``monthly_figures`` answers again without counting while the change log shows no change; an
edit of a past month shows on the next call; a closed month's stunting point and headline are
its snapshot's (the signed report's figures), whatever was edited since; another database open
in the same process has figures of its own; moving the clock counts again.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event, select, text

from desktop_app.core import clock
from desktop_app.core.database import Database, open_database
from desktop_app.core.month import Month
from desktop_app.core.paths import sqlite_url
from desktop_app.db.models import Assignment, Child, Guardian, Visit
from desktop_app.demo import fill_demo_database
from desktop_app.home import dashboard, stunting_memo
from desktop_app.home.dashboard import SERIES_MONTHS, MonthlyFigures, monthly_figures
from desktop_app.reports.closing import close_month, snapshot_report
from desktop_app.reports.figures import stunting_of_month
from desktop_app.reports.service import ReportKind, read_report
from desktop_app.settings.store import get_settings
from tests.reports.builders import add_visit

TODAY = date(2026, 12, 5)
NOVEMBER, SEPTEMBER = Month(2026, 11), Month(2026, 9)


@pytest.fixture
def district(database: Database) -> Iterator[Database]:
    with clock.using(clock.PinnedDayClock(TODAY)):
        fill_demo_database(database, children=200, seed=7, today=TODAY)
        yield database


def _figures(database: Database, month: Month | None = NOVEMBER) -> MonthlyFigures:
    with database.sessions() as session:
        return monthly_figures(session, month=month.first_day if month else None)


def _counted(database: Database, month: Month = NOVEMBER) -> MonthlyFigures:
    """The figures counted from the data, without the memo (nor the months remembered)."""
    stunting_memo._BY_ENGINE.clear()
    with database.sessions() as session:
        target = get_settings(session).visit_target_per_month
        return dashboard._count(session, month, SERIES_MONTHS, clock.today(), target)


def _counted_live(database: Database, month: Month = NOVEMBER) -> MonthlyFigures:
    """Counted from the data as if no month were closed."""
    stunting_memo._BY_ENGINE.clear()
    with database.sessions() as session:
        target = get_settings(session).visit_target_per_month
        real, dashboard._closed_months = dashboard._closed_months, lambda *_args: {}
        try:
            return dashboard._count(session, month, SERIES_MONTHS, clock.today(), target)
        finally:
            dashboard._closed_months = real


def _point(figures: MonthlyFigures, month: Month) -> dashboard.MonthPoint:
    return next(p for p in figures.series if p.month == month.first_day)


def _counting_statements(database: Database) -> list[str]:
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany) -> None:
        if "visits" in statement or "children" in statement:
            seen.append(statement)

    event.listen(database.engine, "before_cursor_execute", note)
    return seen


def test_remembered_figures_equal_a_count_and_an_edit_of_a_past_month_shows(
    district: Database,
) -> None:
    first = _figures(district)
    counting = _counting_statements(district)
    again = _figures(district)
    assert counting == []  # answered from the memo
    assert again == first == _counted(district)
    assert _point(first, SEPTEMBER).visits > 0
    with district.sessions() as session, session.begin():
        visit = session.scalars(
            select(Visit).where(
                Visit.deleted_at.is_(None),
                Visit.guardian_id.is_not(None),
                Visit.visit_date.between(SEPTEMBER.first_day, SEPTEMBER.last_day),
            )
        ).first()
        assert visit is not None
        visit.deleted_at = datetime(2026, 12, 5, 10, 0)
    after = _figures(district)
    assert counting  # counted again
    assert _point(after, SEPTEMBER).visits == _point(first, SEPTEMBER).visits - 1
    assert after == _counted(district)


def _unmeasured_child(session, month: Month) -> Child:
    """A child registered all of ``month`` with no visit in it."""
    visited = select(Visit.child_id).where(
        Visit.deleted_at.is_(None), Visit.visit_date.between(month.first_day, month.last_day)
    )
    child = session.scalars(
        select(Child)
        .where(Child.deleted_at.is_(None), Child.exit_date.is_(None),
               Child.enrolled_on < month.first_day, Child.id.not_in(visited),
               Child.birth_date >= date(2024, 1, 1))
        .order_by(Child.name)
    ).first()  # fmt: skip
    assert child is not None
    return child


def test_a_closed_month_shows_its_snapshot_figure_after_later_edits(district: Database) -> None:
    with district.sessions() as session:
        session.info["actor"], session.info["role"] = "admin", "admin"
        close_month(session, month=NOVEMBER)
        session.commit()
    closed = _figures(district)
    with district.sessions() as session:
        snapshot = snapshot_report(session, NOVEMBER, "monthly")
        report = read_report(session, kind=ReportKind.MONTHLY, month=NOVEMBER).data
    stored = next(t for t in snapshot.trend if t.month == NOVEMBER)
    assert (_point(closed, NOVEMBER).stunted, _point(closed, NOVEMBER).measured) == (
        stored.stunted, stored.haz_measured)  # fmt: skip
    assert closed.stunted == report.figures.stunted == stored.stunted > 0
    # A stunted measurement entered later for a child not measured in November.
    with district.sessions() as session, session.begin():
        child = _unmeasured_child(session, NOVEMBER)
        visit = add_visit(session, child, date(2026, 11, 28), 8.0, 70.0)
        visit.zlen, visit.flen = -3.1, False
    with district.sessions() as session:
        live = stunting_of_month(session, NOVEMBER, NOVEMBER.last_day)
    assert live == (stored.stunted + 1, stored.haz_measured + 1)  # the data changed ...
    after = _figures(district)
    assert _point(after, NOVEMBER) == _point(closed, NOVEMBER)  # ... the closed figure did not
    assert after.stunted == stored.stunted
    # The headline of a closed month is its signed report's, also after a guardian visit of
    # November is deleted (the series' visits bar counts the data: not in the snapshot).
    with district.sessions() as session, session.begin():
        visit = session.scalars(
            select(Visit).where(
                Visit.deleted_at.is_(None),
                Visit.guardian_id.is_not(None),
                Visit.visit_date.between(NOVEMBER.first_day, NOVEMBER.last_day),
            )
        ).first()
        assert visit is not None
        visit.deleted_at = datetime(2026, 12, 5, 11, 0)
    edited = _figures(district)
    f = snapshot.figures
    shown = (edited.children_enrolled, edited.children_with_guardian, edited.visits_done,
             edited.visits_due, edited.aid_planned, edited.aid_paid)  # fmt: skip
    assert shown == (f.registered, f.with_guardian, f.visits_done, f.visits_due,
                     f.aid_planned, f.aid_paid)  # fmt: skip
    assert f.visits_done > 0 and f.aid_planned > 0
    assert _counted_live(district).visits_done == f.visits_done - 1
    assert _point(edited, NOVEMBER).visits == _point(after, NOVEMBER).visits - 1
    with district.sessions() as session:
        reprinted = read_report(session, kind=ReportKind.MONTHLY, month=NOVEMBER).data.figures
    assert reprinted.visits_done == edited.visits_done
    # October is not closed: counted from the data, as the report's trend counts it.
    october = Month(2026, 10)
    with district.sessions() as session:
        assert (_point(after, october).stunted, _point(after, october).measured) == tuple(
            stunting_of_month(session, october, october.last_day)
        )


def test_another_database_has_figures_of_its_own(district: Database, tmp_path) -> None:
    with district.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    copy_path = tmp_path / "copy.sqlite3"
    shutil.copyfile(str(district.path), copy_path)
    other = open_database(sqlite_url(copy_path))
    try:
        ours = _figures(district)
        # The copy changes by one edit, as the original does by another (the same count of
        # changes): only the copy's stunting changes.
        with other.sessions() as session, session.begin():
            child = _unmeasured_child(session, NOVEMBER)
            visit = add_visit(session, child, date(2026, 11, 28), 8.0, 70.0)
            visit.zlen, visit.flen = -3.1, False
        with district.sessions() as session, session.begin():
            child = _unmeasured_child(session, NOVEMBER)
            child.phone = "081234567890"
        theirs = _figures(other)
        ours_again = _figures(district)
        assert theirs == _counted(other) and ours_again == _counted(district) == ours
        assert theirs.stunted == ours.stunted + 1
    finally:
        other.dispose()


def test_moving_the_clock_counts_again(district: Database) -> None:
    with district.sessions() as session, session.begin():
        assignment = session.scalars(
            select(Assignment)
            .join(Child, Child.id == Assignment.child_id)
            .join(Guardian, Guardian.id == Assignment.guardian_id)
            .where(Assignment.deleted_at.is_(None), Assignment.end_date.is_(None),
                   Child.deleted_at.is_(None), Child.exit_date.is_(None))
            .order_by(Assignment.id)
        ).first()  # fmt: skip
        assert assignment is not None
        child, guardian = session.get(Child, assignment.child_id), assignment.guardian
        add_visit(session, child, date(2026, 12, 15), 9.0, None, guardian)  # planned ahead
    december = Month(2026, 12)
    on_5th = _figures(district, None)
    assert on_5th.month == december.first_day
    with clock.using(clock.PinnedDayClock(TODAY + timedelta(days=15))):
        on_20th = _figures(district, None)
        assert on_20th == _counted(district, december)
    assert on_20th.visits_done == on_5th.visits_done + 1


def test_a_damaged_snapshot_is_not_shown(district: Database) -> None:
    """A payload that no longer matches its hash (the report refuses to print it): Beranda
    counts that month from the data instead of showing the altered figures."""
    with district.sessions() as session:
        session.info["actor"], session.info["role"] = "admin", "admin"
        close_month(session, month=NOVEMBER)
        session.commit()
    counted = _counted_live(district)
    with district.sessions() as session, session.begin():
        session.execute(
            text("UPDATE month_closures SET payload = replace(payload, :a, :b)"),
            {"a": f'"registered":{counted.children_enrolled},', "b": '"registered":1,'},
        )
        payload = session.scalar(text("SELECT payload FROM month_closures"))
        assert '"registered":1,' in payload
    dashboard._CLOSED.clear()  # as in a process that has not read this closure yet
    shown = _figures(district)
    assert shown.children_enrolled == counted.children_enrolled > 1
    assert shown == counted
