"""opd_summaries: which guardians, assignments and offices count (plan: test_query_plans)."""

from __future__ import annotations

from desktop_app.assignments.service import assign_guardian, end_assignment
from desktop_app.db.base import utcnow
from desktop_app.db.models import Assignment, Guardian
from desktop_app.guardians.service import deactivate_guardian
from desktop_app.settings.opd import create_opd, delete_opd, opd_summaries
from tests.domain.conftest import TODAY, add_child, add_guardian


def _counts(session) -> list[tuple[str, int, int, int]]:
    return [
        (s.code, s.asn_count, s.guardians_with_children, s.children_fostered)
        for s in opd_summaries(session)
    ]


def _child(session, i: int):
    return add_child(session, name=f"Anak {i}", sequence=i, mother_name=f"Ibu {i}")


def test_only_live_active_assignments_of_live_active_asn_count(session) -> None:
    health = create_opd(session, code="DINKES", name="Dinas Kesehatan")
    andi = add_guardian(session, health.id)
    dewi = add_guardian(session, health.id, name="Dewi", sequence=2)
    rudi = add_guardian(session, health.id, name="Rudi", sequence=3)
    tono = add_guardian(session, health.id, name="Tono", sequence=4)
    kids = [_child(session, i) for i in range(1, 7)]
    for kid in kids[:3]:  # Andi fosters three children, counted once as a guardian
        assign_guardian(session, child_id=kid.id, guardian_id=andi.id, start_date=TODAY)
    ended = assign_guardian(session, child_id=kids[3].id, guardian_id=dewi.id, start_date=TODAY)
    end_assignment(session, assignment_id=ended.id, on=TODAY, reason="Pindah domisili")
    deleted = assign_guardian(session, child_id=kids[4].id, guardian_id=rudi.id, start_date=TODAY)
    session.get(Assignment, deleted.id).deleted_at = utcnow()  # tombstoned by a sync
    assign_guardian(session, child_id=kids[5].id, guardian_id=tono.id, start_date=TODAY)
    session.get(Guardian, tono.id).deleted_at = utcnow()  # a deleted ASN and its assignment
    session.flush()

    assert _counts(session) == [("DINKES", 3, 1, 3)]


def test_inactive_guardian_keeps_neither_count(session) -> None:
    health = create_opd(session, code="DINKES", name="Dinas Kesehatan")
    andi = add_guardian(session, health.id)
    assign_guardian(session, child_id=_child(session, 1).id, guardian_id=andi.id, start_date=TODAY)
    assert _counts(session) == [("DINKES", 1, 1, 1)]
    session.get(Guardian, andi.id).active = False  # as a sync from another laptop could leave it
    session.flush()
    assert _counts(session) == [("DINKES", 0, 0, 0)]


def test_deactivated_asn_without_children_is_not_counted(session) -> None:
    health = create_opd(session, code="DINKES", name="Dinas Kesehatan")
    add_guardian(session, health.id)
    retired = add_guardian(session, health.id, name="Rudi", sequence=2)
    deactivate_guardian(session, guardian_id=retired.id)
    assert _counts(session) == [("DINKES", 1, 0, 0)]


def test_deleted_offices_are_left_out_and_order_is_by_name(session) -> None:
    create_opd(session, code="Z", name="Badan Z")
    gone = create_opd(session, code="A", name="Kantor A")
    create_opd(session, code="M", name="Dinas M")
    delete_opd(session, opd_id=gone.id)
    assert [s.code for s in opd_summaries(session)] == ["Z", "M"]
    assert create_opd(session, code="A2", name="Kantor A").code == "A2"  # the name is free again
