"""Ages, exits, assignments, offices and aid payments hang together as the rules require."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.children.service import EXIT_REASONS
from desktop_app.db.models import AidPayment, Assignment, Child, Guardian, Opd, Programme
from desktop_app.demo.dates import add_months
from desktop_app.growth.age import completed_months
from desktop_app.settings.store import get_settings
from tests.demo.conftest import TODAY


def test_children_still_in_the_programme_are_0_to_59_months_old(demo_session: Session) -> None:
    children = demo_session.scalars(select(Child)).all()
    active = [c for c in children if c.exit_date is None]
    assert len(active) >= 0.9 * len(children)
    ages = [completed_months(c.birth_date, TODAY) for c in active]
    assert min(ages) >= 0 and max(ages) <= 59
    assert max(ages) >= 50 and min(ages) <= 6  # the whole range is used
    for child in children:
        assert child.birth_date <= child.enrolled_on <= TODAY
        assert completed_months(child.birth_date, child.enrolled_on) < 60


def test_exited_children_have_a_reason_and_a_date_that_fits_it(demo_session: Session) -> None:
    exited = demo_session.scalars(select(Child).where(Child.exit_date.is_not(None))).all()
    assert exited
    for child in exited:
        assert child.exit_reason in EXIT_REASONS
        assert child.enrolled_on <= child.exit_date <= TODAY
        if child.exit_reason == "usia_60_bulan":
            assert child.exit_date == add_months(child.birth_date, 60)


def test_one_active_guardian_per_child_and_no_guardian_over_the_cap(
    demo_session: Session,
) -> None:
    cap = get_settings(demo_session).max_children_per_guardian
    rows = demo_session.scalars(select(Assignment)).all()
    active = [a for a in rows if a.status == "aktif"]
    per_child = Counter(a.child_id for a in active)
    per_guardian = Counter(a.guardian_id for a in active)
    assert max(per_child.values()) == 1
    assert max(per_guardian.values()) <= cap
    assert {a.status for a in rows} == {"aktif", "selesai", "dialihkan"}
    for assignment in rows:
        assert (assignment.end_date is None) == (assignment.status == "aktif")
        assert assignment.end_date is None or assignment.start_date <= assignment.end_date
        assert assignment.start_date <= TODAY


def test_about_forty_percent_of_active_children_are_fostered_by_active_guardians(
    demo_session: Session,
) -> None:
    children = {c.id: c for c in demo_session.scalars(select(Child))}
    guardians = {g.id: g for g in demo_session.scalars(select(Guardian))}
    active = demo_session.scalars(select(Assignment).where(Assignment.status == "aktif")).all()
    assert all(children[a.child_id].exit_date is None for a in active)
    assert all(guardians[a.guardian_id].active for a in active)
    in_programme = sum(1 for c in children.values() if c.exit_date is None)
    assert 0.33 <= len(active) / in_programme <= 0.45
    for assignment in active:
        assert assignment.start_date >= children[assignment.child_id].enrolled_on


def test_guardians_per_office_are_uneven_and_some_offices_sent_no_one(
    demo_session: Session,
) -> None:
    offices = demo_session.scalars(select(Opd)).all()
    per_office = Counter(
        demo_session.scalars(select(Guardian.opd_id).where(Guardian.kind == "asn")).all()
    )
    silent = [o for o in offices if per_office[o.id] == 0]
    assert 3 <= len(silent) <= 5
    counts = sorted(per_office.values())
    assert counts[-1] >= 4 * counts[0]
    names = {o.name for o in offices}
    assert {"Dinas Kesehatan", "Dinas Sosial", "Dinas Pendidikan"} <= names


def test_aid_is_paid_monthly_for_fostered_months_and_planned_this_month(
    demo_session: Session,
) -> None:
    programmes = {p.id: p for p in demo_session.scalars(select(Programme))}
    assignments = {a.id: a for a in demo_session.scalars(select(Assignment))}
    payments = demo_session.scalars(select(AidPayment)).all()
    keys = [(p.child_id, p.programme_id, p.month) for p in payments]
    assert len(keys) == len(set(keys))
    this_month = TODAY.replace(day=1)
    statuses = Counter(p.status for p in payments)
    assert statuses["dibayar"] > 0.8 * len(payments) and statuses["batal"] > 0
    for payment in payments:
        programme = programmes[payment.programme_id]
        assignment = assignments[payment.assignment_id]
        assert payment.amount == programme.monthly_aid == 450_000
        assert programme.start_month <= payment.month <= min(programme.end_month, this_month)
        assert assignment.child_id == payment.child_id
        assert assignment.start_date.replace(day=1) <= payment.month
        if payment.month == this_month:
            assert payment.status == "rencana"
        if payment.status == "dibayar":
            assert payment.method in ("transfer", "tunai") and payment.reference
            assert payment.month <= payment.paid_on <= TODAY
            assert payment.received_by
