"""Duplicate children after sync and their merge; reviewing and overriding conflicts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.core.database import Database
from desktop_app.core.errors import ConflictError
from desktop_app.db.models import AidPayment, Assignment, Child, Guardian, Opd, Programme, Visit
from desktop_app.sync.conflicts import accept_conflict, list_conflicts, restore_loser
from desktop_app.sync.merge import find_duplicate_nik_groups, merge_children
from desktop_app.validation import make_nip
from tests.sync.conftest import add_area, add_child, edit_child, snapshot, sync_laptop
from tests.sync.enrolment import device_id_of

NIK = "1902015705240001"


def add_history(laptop: Database, child_id, *, month: date, weight: float) -> None:
    """A guardian's active assignment, a visit and a paid aid month for ``child_id``."""
    with laptop.sessions() as session:
        guardian = Guardian(
            kind="asn",
            name=f"ASN {weight}",
            nip=make_nip(
                birth_date=date(1980, 1, 1),
                appointment_month=date(2005, 3, 1),
                sex="L",
                sequence=int(weight * 10),
            ),
            opd=Opd(code=f"OPD{int(weight * 10)}", name=f"Dinas {weight}"),
        )
        programme = Programme(
            name="Genting 2025",
            start_month=date(2025, 1, 1),
            end_month=date(2025, 3, 1),
            monthly_aid=450_000,
        )
        assignment = Assignment(
            child_id=child_id, guardian=guardian, programme=programme, start_date=date(2025, 1, 6)
        )
        session.add(assignment)
        session.flush()
        session.add_all([
            Visit(child_id=child_id, guardian_id=guardian.id, visit_date=month, weight_kg=weight),
            AidPayment(child_id=child_id, programme_id=programme.id, assignment_id=assignment.id,
                       month=month, amount=450_000, status="dibayar", paid_on=month,
                       method="tunai", received_by="Ibu Rahma"),
        ])  # fmt: skip
        session.commit()


@pytest.mark.postgres
def test_same_nik_from_two_laptops_is_found_after_sync_and_merged(server_url, make_laptop):
    a, b = make_laptop("A"), make_laptop("B")
    area = add_area(a)
    sync_laptop(a.sessions, server_url)
    sync_laptop(b.sessions, server_url)
    first = add_child(a, name="Siti Aminah", area=area, nik=NIK)
    second = add_child(b, name="Siti Aminah", area=area, nik=NIK)
    add_history(a, first, month=date(2025, 1, 1), weight=8.1)
    add_history(b, second, month=date(2025, 2, 1), weight=8.4)
    sync_laptop(a.sessions, server_url)
    summary = sync_laptop(b.sessions, server_url)
    assert summary.duplicates == 1

    with b.sessions() as session:
        [group] = find_duplicate_nik_groups(session)
        assert group.nik == NIK and [c.id for c in group.children] == [first, second]
        assert [c.visits for c in group.children] == [1, 1]
        result = merge_children(session, keep_id=first, duplicate_ids=[second])
        session.commit()
    assert (result.visits, result.assignments, result.payments, result.removed) == (1, 1, 1, 1)

    sync_laptop(b.sessions, server_url)
    sync_laptop(a.sessions, server_url)
    assert snapshot(a.engine) == snapshot(b.engine)
    with a.sessions() as session:
        assert find_duplicate_nik_groups(session) == []
        assert session.get(Child, second).deleted_at is not None
        visits = session.scalars(select(Visit.weight_kg).where(Visit.child_id == first))
        assert sorted(visits) == [8.1, 8.4]
        assignments = session.scalars(select(Assignment).where(Assignment.child_id == first)).all()
        assert sorted(a.status for a in assignments) == ["aktif", "selesai"]  # one active guardian
        months = session.scalars(select(AidPayment.month).where(AidPayment.child_id == first))
        assert sorted(months) == [date(2025, 1, 1), date(2025, 2, 1)]


def test_merge_refuses_children_with_different_nik(make_laptop):
    laptop = make_laptop("A")
    area = add_area(laptop)
    first = add_child(laptop, name="Siti", area=area, nik=NIK)
    other = add_child(laptop, name="Budi", area=area, nik="1902015705240002")
    with laptop.sessions() as session:
        with pytest.raises(ConflictError, match="NIK yang sama"):
            merge_children(session, keep_id=first, duplicate_ids=[other])
        session.rollback()
        assert session.get(Child, other).deleted_at is None


@pytest.mark.postgres
def test_conflict_can_be_reviewed_and_the_loser_restored(server_url, make_laptop):
    a, b = make_laptop("A"), make_laptop("B")
    siti = add_child(a, name="Siti", area=add_area(a))
    sync_laptop(a.sessions, server_url)
    sync_laptop(b.sessions, server_url)
    edit_child(a, siti, name="Siti Aminah", mother_name="Rahma")
    edit_child(b, siti, name="Siti Amina")  # received later by the server: kept
    sync_laptop(a.sessions, server_url)
    summary = sync_laptop(b.sessions, server_url)
    assert summary.conflicts == 1

    with b.sessions() as session:
        [view] = list_conflicts(session)
        assert view.table_label == "Anak" and view.lost_device == device_id_of("A")
        # Only the name was changed on both; A's mother's name, changed on A alone, is kept.
        assert {(d.field, d.kept, d.lost) for d in view.differences} == {
            ("name", "Siti Amina", "Siti Aminah"),
        }
        assert session.get(Child, siti).mother_name == "Rahma"
        restored = restore_loser(session, conflict_id=view.id, username="operator")
        session.commit()
        assert restored.status == "dipulihkan"
        assert list_conflicts(session) == []
        with pytest.raises(ConflictError):
            accept_conflict(session, conflict_id=view.id, username="operator")
    sync_laptop(b.sessions, server_url)
    sync_laptop(a.sessions, server_url)
    with a.sessions() as session:
        child = session.get(Child, siti)
        assert (child.name, child.mother_name) == ("Siti Aminah", "Rahma")
        assert list_conflicts(session) == []
        assert list_conflicts(session, include_resolved=True)[0].status == "dipulihkan"
