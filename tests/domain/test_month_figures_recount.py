"""Beranda's month figures and the follow-up lists equal a plain recount in Python.

The services answer in a few aggregate queries over covering indexes (they must stay under a
second with 100,000 children); this recount walks every row of a small generated district
instead, so the two can only agree if the SQL keeps the rules: children who exited or were
deleted, visits deleted, visits on the first and last day of a month, a child with two active
guardians (only the first counts), visits without a length or without a weight.

Visits of one child never share a date here and their entry times differ: on such exact ties
"the latest visit" is not defined, by the services or by this recount.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop_app.assignments.integrity import (
    find_children_with_several_guardians,
    uncounted_assignment_ids,
)
from desktop_app.core.database import Database
from desktop_app.core.month import Month
from desktop_app.db.models import AidPayment, Assignment, Child, Guardian, Programme, Visit
from desktop_app.demo import fill_demo_database
from desktop_app.followup.lists import BGM_BELOW, OVERDUE_DAYS, follow_up_lists
from desktop_app.growth import Trend, Weighing, format_z, stunting_trend, weighing_history
from desktop_app.home.dashboard import monthly_figures
from desktop_app.settings.kbm import load_kbm_table
from desktop_app.settings.store import get_settings

TODAY = date(2026, 10, 14)
MONTH = Month.of(TODAY)


@pytest.fixture(scope="module")
def district(migrated_template, tmp_path_factory) -> Iterator[Database]:
    """300 demo children, then the edge cases written over them (see the module docstring)."""
    from tests.demo.conftest import fresh_database

    database = fresh_database(migrated_template, tmp_path_factory.mktemp("recount"), "recount")
    fill_demo_database(database, children=300, seed=11, today=TODAY)
    rng = random.Random(5)
    with database.sessions() as s, s.begin():
        visits = list(s.scalars(select(Visit)))
        boundaries = [m.first_day for m in (MONTH, MONTH.previous())] + [
            MONTH.previous().last_day,
            MONTH.previous().previous().last_day,
            MONTH.last_day,
        ]
        for visit in rng.sample(visits, len(visits) // 8):
            visit.visit_date = rng.choice(boundaries)  # onto a month's first or last day
        for visit in rng.sample(visits, len(visits) // 10):
            visit.deleted_at = datetime(2026, 10, 1)
        for visit in rng.sample(visits, len(visits) // 12):
            visit.zlen = None
        for visit in rng.sample(visits, len(visits) // 15):
            visit.weight_kg, visit.zwei = None, None
        for visit in rng.sample(visits, len(visits) // 20):
            visit.zwei = -3.5  # more BGM than the demo's few
        s.flush()
        # One visit per child and day; distinct entry times (see the module docstring).
        s.execute(
            text(
                "DELETE FROM visits WHERE rowid NOT IN "
                "(SELECT min(rowid) FROM visits GROUP BY child_id, visit_date)"
            )
        )
        s.execute(
            text(
                "UPDATE visits SET created_at = "
                "datetime(visit_date, '+8 hours', '+' || (rowid % 20000) || ' seconds')"
            )
        )
        children = list(s.scalars(select(Child).order_by(Child.name)))
        active = list(s.scalars(select(Assignment).where(Assignment.status == "aktif")))
        for assignment in active[:4]:  # exited, but the assignment was never ended
            s.get(Child, assignment.child_id).exit_date = MONTH.first_day
        for assignment in active[4:7]:
            s.get(Child, assignment.child_id).deleted_at = datetime(2026, 10, 2)
        active[7].deleted_at = datetime(2026, 10, 2)  # an assignment deleted through sync
        doubled = active[8]
        other = next(g for g in s.scalars(select(Guardian)) if g.id != doubled.guardian_id)
        s.add(
            Assignment(
                child_id=doubled.child_id,
                guardian_id=other.id,
                programme_id=doubled.programme_id,
                start_date=doubled.start_date + timedelta(days=3),
                status="aktif",
            )
        )
        assert len(children) == 300
    yield database
    database.dispose()


@pytest.fixture
def session(district: Database) -> Iterator[Session]:
    with district.sessions() as s:
        yield s


def _live_visits(session: Session) -> dict:
    by_child = defaultdict(list)
    for v in session.scalars(select(Visit).where(Visit.deleted_at.is_(None))):
        by_child[v.child_id].append(v)
    for visits in by_child.values():
        visits.sort(key=lambda v: (v.visit_date, v.created_at))
    return by_child


def _programme(session: Session) -> list[tuple[Child, Assignment, Guardian]]:
    """Live children who have not exited, each with the active assignment that counts."""
    uncounted = uncounted_assignment_ids(find_children_with_several_guardians(session))
    rows = []
    for a in session.scalars(select(Assignment)):
        child = session.get(Child, a.child_id)
        if a.status != "aktif" or a.deleted_at or a.id in uncounted:
            continue
        if child.deleted_at is None and child.exit_date is None:
            rows.append((child, a, session.get(Guardian, a.guardian_id)))
    return rows


def _recount_lists(session: Session, today: date) -> dict[str, set[tuple]]:
    month = Month.of(today)
    visits = _live_visits(session)
    kbm = load_kbm_table(session)
    lists: dict[str, set[tuple]] = defaultdict(set)
    first_of_window = month.previous().previous().first_day
    for child, assignment, guardian in _programme(session):
        own = visits.get(child.id, [])
        key = (child.id, guardian.name)
        if not any(month.first_day <= v.visit_date <= month.last_day for v in own):
            lists["not_visited"].add((*key, own[-1].visit_date if own else None))
        haz = [v for v in own if v.zlen is not None]
        if (
            haz
            and stunting_trend(haz[-2].zlen if len(haz) > 1 else None, haz[-1].zlen)
            is Trend.MEMBURUK
        ):
            lists["worsened"].add((*key, haz[-1].visit_date))
        weighed = [
            v for v in own if v.weight_kg is not None and first_of_window <= v.visit_date
            and v.visit_date <= month.last_day
        ]  # fmt: skip
        this_month = [v for v in weighed if v.visit_date >= month.first_day]
        if this_month and this_month[-1].zwei is not None and this_month[-1].zwei < BGM_BELOW:
            lists["bgm"].add((*key, this_month[-1].visit_date))
        history = weighing_history(
            child.birth_date, [Weighing(v.visit_date, v.weight_kg, v.zwei) for v in weighed], kbm
        )
        status = history.get(month)
        if status is not None and status.two_t:
            lists["two_t"].add((*key, status.weighing.on))
        limit = today - timedelta(days=OVERDUE_DAYS)
        by_guardian = [v.visit_date for v in own if v.guardian_id == assignment.guardian_id]
        last = max(by_guardian, default=None)
        if assignment.start_date <= limit and (last is None or last <= limit):
            lists["guardian_overdue"].add((*key, last))
    return lists


@pytest.mark.parametrize(
    "today",
    [TODAY, MONTH.first_day, MONTH.last_day, MONTH.previous().last_day, date(2026, 11, 1)],
)
def test_follow_up_lists_equal_a_recount(session, today) -> None:
    lists = follow_up_lists(session, today=today)
    expected = _recount_lists(session, today)
    for name in ("not_visited", "worsened", "bgm", "two_t", "guardian_overdue"):
        rows = getattr(lists, name)
        assert {(r.child_id, r.guardian_name, r.on) for r in rows} == expected[name], name
        assert len(rows) == len(expected[name]), name  # each child once
        names = [r.child_name for r in rows]
        assert names == sorted(names), name
    assert len(lists.several_guardians) == 1
    if today == TODAY:  # the data covers every list: the comparison above proved something
        assert all(expected[name] for name in ("not_visited", "worsened", "bgm", "two_t"))
        assert expected["guardian_overdue"]


def test_follow_up_list_texts_show_the_figures(session) -> None:
    lists = follow_up_lists(session, today=TODAY)
    visits = _live_visits(session)
    for row in lists.bgm:
        weighed = [v for v in visits[row.child_id] if v.weight_kg is not None]
        assert row.value == f"BB/U {format_z(weighed[-1].zwei)}"
    for row in lists.worsened:
        haz = [v.zlen for v in visits[row.child_id] if v.zlen is not None]
        assert row.value.endswith(f"{format_z(haz[-2])} → {format_z(haz[-1])}")
    for row in lists.not_visited:
        assert (row.value == "Belum pernah dikunjungi") == (row.on is None)


def _recount_month(session: Session, month: Month) -> tuple[int, ...]:
    """enrolled, with guardian, visits done, visits due, stunted, measured, planned, paid,
    guardian visits of the month to anyone (the chart's bar), by the definitions of
    ``desktop_app.reports.figures`` (the monthly report's)."""
    first, last = month.first_day, month.last_day
    children = list(session.scalars(select(Child)))
    registered = {
        c.id
        for c in children
        if c.deleted_at is None
        and c.enrolled_on <= last
        and (c.exit_date is None or c.exit_date >= first)
    }
    overlapping = [
        a
        for a in session.scalars(select(Assignment))
        if a.deleted_at is None
        and a.start_date <= last
        and (a.end_date is None or a.end_date >= first)
        and a.child_id in registered
    ]
    targets = {p.id: p.visit_target_per_month for p in session.scalars(select(Programme))}
    default = get_settings(session).visit_target_per_month
    per_child: dict[object, int] = defaultdict(int)
    for a in overlapping:  # a child with two guardians is one child to visit
        per_child[a.child_id] = max(per_child[a.child_id], targets.get(a.programme_id) or default)
    due = sum(per_child.values())
    stunted = measured = done = done_all = 0
    for child_id, own in _live_visits(session).items():
        in_month = [v for v in own if first <= v.visit_date <= last]
        by_guardian = sum(1 for v in in_month if v.guardian_id is not None)
        done_all += by_guardian
        done += by_guardian if child_id in per_child else 0
        # stunting: the registered child's latest measurement of the month and its HAZ
        measurements = [v for v in in_month if v.weight_kg is not None or v.lenhei_cm is not None]
        latest = measurements[-1] if measurements and child_id in registered else None
        if latest is not None and latest.zlen is not None and not latest.flen:
            measured += 1
            stunted += latest.zlen < -2
    live_children = {c.id for c in children if c.deleted_at is None}
    payments = [
        p
        for p in session.scalars(select(AidPayment))
        if p.deleted_at is None and p.month == first and p.child_id in live_children
    ]
    planned = sum(p.amount for p in payments if p.status != "batal")
    paid = sum(p.amount for p in payments if p.status == "dibayar")
    with_guardian = len(per_child)
    return (len(registered), with_guardian, done, due, stunted, measured, planned, paid,
            done_all)  # fmt: skip


@pytest.mark.parametrize("month", [MONTH, MONTH.previous(), MONTH.previous().previous()])
def test_monthly_figures_equal_a_recount(session, month) -> None:
    f = monthly_figures(session, month=month.first_day)
    point = f.series[-1]
    got = (f.children_enrolled, f.children_with_guardian, f.visits_done, f.visits_due,
           f.stunted, point.measured, f.aid_planned, f.aid_paid)  # fmt: skip
    assert got == _recount_month(session, month)[:8]
    assert f.stunted_previous == _recount_month(session, month.previous())[4]
    series = [(p.stunted, p.measured, p.visits) for p in f.series]
    expected = []
    for p in f.series:
        counts = _recount_month(session, Month.of(p.month))
        expected.append((counts[4], counts[5], counts[8]))
    assert series == expected
    assert f.stunted > 0 and point.measured > f.stunted
