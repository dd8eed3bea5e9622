"""Beranda's stunting series counts again only the months a change can reach
(``home.stunting_memo``), and every month when it cannot tell: the series always equals a
count from the data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import event, select, update

from desktop_app.core import clock
from desktop_app.core.database import Database
from desktop_app.core.month import Month
from desktop_app.db.models import Child, Visit
from desktop_app.db.models.sync import ORIGIN_SERVER
from desktop_app.demo import fill_demo_database
from desktop_app.home import stunting_memo
from desktop_app.home.stunting_memo import open_month_stunting
from desktop_app.reports.figures import Stunting, stunting_of_months
from desktop_app.sync.change_log import applying, record_changes

TODAY = date(2026, 12, 5)
MONTHS = [Month(2026, m) for m in (6, 7, 8, 9, 10, 11)]
KEYS = [(m, m.last_day) for m in MONTHS]
SEPTEMBER, OCTOBER = Month(2026, 9), Month(2026, 10)


@pytest.fixture
def district(database: Database) -> Iterator[Database]:
    stunting_memo._BY_ENGINE.clear()
    with clock.using(clock.PinnedDayClock(TODAY)):
        fill_demo_database(database, children=200, seed=7, today=TODAY)
        yield database


def _series(database: Database) -> dict[Month, Stunting]:
    with database.sessions() as session:
        return open_month_stunting(session, KEYS)


def _recount(database: Database) -> dict[Month, Stunting]:
    with database.sessions() as session:
        return stunting_of_months(session, KEYS)


def _months_counted(database: Database) -> list[int]:
    """How many months each stunting statement run from now on counts (one arm per month)."""
    seen: list[int] = []

    def note(conn, cursor, statement, parameters, context, executemany) -> None:
        if "per_child_0" in statement:
            seen.append(sum(f"per_child_{i}" in statement for i in range(len(KEYS))))

    event.listen(database.engine, "before_cursor_execute", note)
    return seen


def _latest_measured_visit(database: Database, month: Month) -> Visit:
    with database.sessions() as session:
        visit = session.scalars(
            select(Visit)
            .where(
                Visit.deleted_at.is_(None),
                Visit.zlen.is_not(None),
                Visit.zlen > -2,
                Visit.visit_date.between(month.first_day, month.last_day),
            )
            .order_by(Visit.visit_date.desc())
        ).first()
        assert visit is not None
        session.expunge(visit)
        return visit


def test_an_edited_visit_counts_only_its_month_again(district: Database) -> None:
    before = _series(district)
    assert before == _recount(district)
    counted = _months_counted(district)
    assert _series(district) == before and counted == []  # nothing changed: nothing counted

    visit = _latest_measured_visit(district, SEPTEMBER)
    with district.sessions() as session, session.begin():
        session.get(Visit, visit.id).zlen = -3.1  # now stunted, if it is the child's latest
    after = _series(district)
    assert counted == [1]  # September alone
    assert after == _recount(district)
    assert after[SEPTEMBER].stunted == before[SEPTEMBER].stunted + 1
    assert {m: after[m] for m in MONTHS if m != SEPTEMBER} == {
        m: before[m] for m in MONTHS if m != SEPTEMBER
    }


def test_a_visit_moved_to_another_month_counts_every_month_again(district: Database) -> None:
    _series(district)
    counted = _months_counted(district)
    visit = _latest_measured_visit(district, SEPTEMBER)
    with district.sessions() as session, session.begin():
        session.get(Visit, visit.id).visit_date = date(2026, 10, 2)
    series = _series(district)
    assert counted == [len(KEYS)]
    assert series == _recount(district)


def test_a_child_change_counts_every_month_again(district: Database) -> None:
    _series(district)
    counted = _months_counted(district)
    with district.sessions() as session, session.begin():
        child = session.scalars(select(Child).where(Child.exit_date.is_(None))).first()
        child.exit_date = date(2026, 8, 15)  # no longer registered from September
    series = _series(district)
    assert counted == [len(KEYS)]
    assert series == _recount(district)


def test_a_visit_received_by_sync_counts_every_month_again(district: Database) -> None:
    """A pull writes rows with the change triggers silenced and records them as the
    server's: their month is not trusted to the entry."""
    _series(district)
    counted = _months_counted(district)
    visit = _latest_measured_visit(district, SEPTEMBER)
    with district.engine.begin() as conn:
        with applying(conn):
            conn.execute(update(Visit).where(Visit.id == visit.id).values(zlen=-3.2))
        record_changes(conn, "visits", [visit.id], ORIGIN_SERVER)
    series = _series(district)
    assert counted == [len(KEYS)]
    assert series == _recount(district)


def test_another_database_has_months_of_its_own(district: Database, tmp_path) -> None:
    from desktop_app.core.database import open_database
    from desktop_app.core.paths import sqlite_url

    ours = _series(district)
    other = open_database(sqlite_url(tmp_path / "lain.sqlite3"))
    try:
        with other.sessions() as session:
            theirs = open_month_stunting(session, KEYS)
        assert theirs == {m: Stunting(0, 0) for m in MONTHS}
    finally:
        other.dispose()
    assert _series(district) == ours


def test_a_new_visit_counts_only_its_month_again(district: Database) -> None:
    before = _series(district)
    counted = _months_counted(district)
    visit = _latest_measured_visit(district, OCTOBER)
    with district.sessions() as session, session.begin():
        session.add(
            Visit(child_id=visit.child_id, visit_date=date(2026, 10, 30), weight_kg=visit.weight_kg,
                  lenhei_cm=visit.lenhei_cm, measure=visit.measure, zlen=-3.3)
        )  # fmt: skip
    after = _series(district)
    assert counted == [1]  # October alone
    assert after == _recount(district)
    assert after[OCTOBER].stunted == before[OCTOBER].stunted + 1
