"""A child with two active guardians, as sync leaves it: found, planned once, listed once.

The second assignment is written straight into the table (a Core insert stamped with another
laptop's device id), as applying a remote row does: the service's own check never runs.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from desktop_app.aid.service import plan_month_aid
from desktop_app.assignments.integrity import (
    count_children_with_several_guardians,
    find_children_with_several_guardians,
)
from desktop_app.assignments.service import assign_guardian, end_assignment
from desktop_app.db.base import utcnow
from desktop_app.db.models import AidPayment, Assignment
from desktop_app.followup.lists import follow_up_lists
from desktop_app.settings.opd import create_opd
from desktop_app.settings.programmes import create_programme
from tests.domain.conftest import TODAY, add_child, add_guardian
from tests.domain.test_query_plans import _plan

NOVEMBER = date(2026, 11, 1)
OCT_1, OCT_5 = date(2026, 10, 1), date(2026, 10, 5)


def synced_assignment(session, *, child_id, guardian_id, start, programme_id=None, **values):
    """An active assignment row as another laptop's sync brings it (no service, no checks)."""
    row = {
        "id": uuid.uuid4(),
        "created_at": utcnow(),
        "updated_at": utcnow(),
        "device_id": "laptop-b",
        "child_id": child_id,
        "guardian_id": guardian_id,
        "programme_id": programme_id,
        "start_date": start,
        "status": "aktif",
        **values,
    }
    session.execute(Assignment.__table__.insert(), row)
    return row["id"]


def programme(session, name: str = "Genting 2026") -> uuid.UUID:
    return create_programme(
        session,
        name=name,
        start_month=date(2026, 10, 1),
        end_month=date(2026, 12, 1),
        monthly_aid=450_000,
    ).id


@pytest.fixture
def doubled(session, opd, areas):
    """Rina: Andi (Dinas Kesehatan) from 1 Oct on this laptop, Sari (Dinas Pendidikan) from
    5 Oct synced in from laptop B, both in the programme. Bayu: Andi only."""
    disdik = create_opd(session, code="DISDIK", name="Dinas Pendidikan")
    andi = add_guardian(session, opd.id, name="Andi Wijaya", sequence=1)
    sari = add_guardian(session, disdik.id, name="Sari Dewi", sequence=2)
    rina = add_child(session, name="Rina Marlina", sex="P", sequence=1, desa_id=areas["desa"].id)
    bayu = add_child(session, name="Bayu Pratama", sequence=2)
    programme_id = programme(session)
    own = assign_guardian(
        session, child_id=rina.id, guardian_id=andi.id, programme_id=programme_id, start_date=OCT_1
    )
    assign_guardian(
        session, child_id=bayu.id, guardian_id=andi.id, programme_id=programme_id, start_date=OCT_1
    )
    synced = synced_assignment(
        session, child_id=rina.id, guardian_id=sari.id, programme_id=programme_id, start=OCT_5
    )
    session.commit()
    return {
        "rina": rina.id, "bayu": bayu.id, "andi": andi.id, "sari": sari.id,
        "own": own.id, "synced": synced, "programme": programme_id,
    }  # fmt: skip


def test_the_query_names_the_child_and_both_assignments(session, doubled):
    (found,) = find_children_with_several_guardians(session)
    assert (found.child_id, found.child_name, found.desa_name, found.exit_date) == (
        doubled["rina"],
        "Rina Marlina",
        "Air Saga",
        None,
    )
    this_laptop = session.get(Assignment, doubled["own"]).device_id
    assert this_laptop != "laptop-b"
    assert [
        (a.id, a.guardian_name, a.institution, a.programme_name, a.start_date, a.device_id)
        for a in found.assignments
    ] == [
        (doubled["own"], "Andi Wijaya", "Dinas Kesehatan", "Genting 2026", OCT_1, this_laptop),
        (doubled["synced"], "Sari Dewi", "Dinas Pendidikan", "Genting 2026", OCT_5, "laptop-b"),
    ]
    assert found.counted.id == doubled["own"] and found.doubled_since == OCT_5
    assert count_children_with_several_guardians(session) == 1


def test_ending_one_assignment_clears_it(session, doubled):
    end_assignment(session, assignment_id=doubled["synced"], on=TODAY, reason="Ganda dari sinkron")
    assert find_children_with_several_guardians(session) == []
    assert count_children_with_several_guardians(session) == 0


def test_tombstoned_and_ended_rows_do_not_count(session, doubled, opd):
    guardian = add_guardian(session, opd.id, name="Dewi Lestari", sequence=3)
    synced_assignment(
        session, child_id=doubled["bayu"], guardian_id=guardian.id, start=OCT_5,
        deleted_at=utcnow(),
    )  # fmt: skip
    synced_assignment(
        session, child_id=doubled["bayu"], guardian_id=guardian.id, start=OCT_1,
        status="selesai", end_date=OCT_5,
    )  # fmt: skip
    assert [c.child_name for c in find_children_with_several_guardians(session)] == ["Rina Marlina"]
    assert count_children_with_several_guardians(session) == 1


def test_which_assignment_counts(session, opd):
    """In a programme before without, then earliest start, then recorded first, then id."""
    guardian = add_guardian(session, opd.id)
    in_programme = programme(session)
    child = add_child(session).id

    def add(start, programme_id=None, created=datetime(2026, 10, 1, 8), id=None):
        return synced_assignment(
            session, child_id=child, guardian_id=guardian.id, start=start,
            programme_id=programme_id, created_at=created, id=id or uuid.uuid4(),
        )  # fmt: skip

    without = add(OCT_1)
    later_start = add(OCT_5, in_programme, created=datetime(2026, 10, 1, 7))
    recorded_later = add(OCT_1, in_programme, created=datetime(2026, 10, 1, 9))
    ids = sorted([uuid.uuid4(), uuid.uuid4()])
    high_id = add(OCT_1, in_programme, id=ids[1])
    low_id = add(OCT_1, in_programme, id=ids[0])

    (found,) = find_children_with_several_guardians(session)
    assert [a.id for a in found.assignments] == [
        low_id,
        high_id,
        recorded_later,
        later_start,
        without,
    ]


def plan(session, programme_id):
    return plan_month_aid(session, month=NOVEMBER, programme_id=programme_id, today=TODAY)


def move_to_other_programme(session, assignment_id) -> uuid.UUID:
    """Laptop B had put Rina in another programme."""
    other = programme(session, name="CSR Timah")
    session.execute(
        Assignment.__table__.update()
        .where(Assignment.id == assignment_id)
        .values(programme_id=other)
    )
    return other


def payments_of(session, child_id) -> list[tuple]:
    query = select(AidPayment.assignment_id, AidPayment.month, AidPayment.amount).where(
        AidPayment.child_id == child_id
    )
    return list(session.execute(query))


def test_aid_is_planned_once_on_the_assignment_that_counts(session, doubled):
    first = plan(session, doubled["programme"])
    assert (first.created, first.already_planned, first.several_guardians) == (2, 0, 1)
    assert first.amount_created == 900_000
    assert payments_of(session, doubled["rina"]) == [(doubled["own"], NOVEMBER, 450_000)]

    again = plan(session, doubled["programme"])
    assert (again.created, again.already_planned, again.several_guardians) == (0, 2, 1)
    assert session.scalar(select(func.count()).select_from(AidPayment)) == 2


def test_aid_in_two_programmes_is_planned_in_one(session, doubled):
    """Only the programme of the assignment that counts pays Rina."""
    other = move_to_other_programme(session, doubled["synced"])
    in_other = plan(session, other)
    assert (in_other.created, in_other.already_planned, in_other.several_guardians) == (0, 0, 1)
    planned = plan(session, doubled["programme"])
    assert (planned.created, planned.several_guardians) == (2, 1)
    assert payments_of(session, doubled["rina"]) == [(doubled["own"], NOVEMBER, 450_000)]


def test_aid_already_planned_in_the_other_programme_is_not_planned_again(session, doubled):
    """Laptop B planned November under its own assignment before the rows met: that payment
    stands, and this laptop's plan adds none for Rina."""
    other = move_to_other_programme(session, doubled["synced"])
    session.execute(
        AidPayment.__table__.insert(),
        {
            "id": uuid.uuid4(), "created_at": utcnow(), "updated_at": utcnow(),
            "device_id": "laptop-b", "child_id": doubled["rina"], "programme_id": other,
            "assignment_id": doubled["synced"], "month": NOVEMBER, "amount": 450_000,
            "status": "rencana",
        },
    )  # fmt: skip
    summary = plan(session, doubled["programme"])
    assert (summary.created, summary.already_planned, summary.several_guardians) == (1, 1, 1)
    assert payments_of(session, doubled["rina"]) == [(doubled["synced"], NOVEMBER, 450_000)]


def test_follow_up_lists_the_child_once_and_in_its_own_list(session, doubled):
    lists = follow_up_lists(session, today=TODAY)
    assert [(r.child_name, r.guardian_name) for r in lists.not_visited] == [
        ("Bayu Pratama", "Andi Wijaya"),
        ("Rina Marlina", "Andi Wijaya"),
    ]
    (row,) = lists.several_guardians
    assert (row.child_id, row.child_name, row.desa_name, row.guardian_name, row.on) == (
        doubled["rina"],
        "Rina Marlina",
        "Air Saga",
        "Andi Wijaya, Sari Dewi",
        OCT_5,
    )
    assert row.value == (
        "Andi Wijaya (Dinas Kesehatan) sejak 1 Oktober 2026; "
        "Sari Dewi (Dinas Pendidikan) sejak 5 Oktober 2026"
    )


def test_the_query_probes_only_the_children_it_found(session) -> None:
    plan = _plan(session, find_children_with_several_guardians)
    assert "SEARCH assignments USING INDEX ix_assignments_child_id (child_id=?)" in plan, plan
    assert "ix_children_active_name" not in plan, plan
