"""Deactivating a guardian: refused (with the count and what to do) while fostering, never
ending assignments on the office's behalf; an inactive guardian is offered for no new child."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.assignments.pickers import guardians_with_counts
from desktop_app.assignments.service import assign_guardian, end_assignment
from desktop_app.core.errors import ConflictError, NotFoundError
from desktop_app.db.models import Assignment, Guardian
from desktop_app.guardians.service import (
    deactivate_guardian,
    reactivate_guardian,
    still_fostering_message,
)
from tests.domain.conftest import TODAY, add_child, add_guardian


def test_refusal_names_the_count_and_leaves_every_assignment_active(session, opd) -> None:
    guardian = add_guardian(session, opd.id)
    for sequence, name in ((1, "Budi"), (2, "Rina")):
        child = add_child(session, name=name, sequence=sequence)
        assign_guardian(session, child_id=child.id, guardian_id=guardian.id, start_date=TODAY)
    with pytest.raises(ConflictError) as refused:
        deactivate_guardian(session, guardian_id=guardian.id)
    assert str(refused.value) == still_fostering_message("Andi Wijaya", 2)
    assert "Andi Wijaya masih mengasuh 2 anak" in str(refused.value)
    assert "Penugasan" in str(refused.value)
    assert session.get(Guardian, guardian.id).active is True
    statuses = session.scalars(
        select(Assignment.status).where(Assignment.guardian_id == guardian.id)
    ).all()
    assert statuses == ["aktif", "aktif"]


def test_ended_assignments_do_not_block(session, opd) -> None:
    guardian = add_guardian(session, opd.id)
    child = add_child(session)
    done = assign_guardian(
        session, child_id=child.id, guardian_id=guardian.id, start_date=date(2026, 10, 1)
    )
    end_assignment(session, assignment_id=done.id, on=date(2026, 11, 1), reason="Pensiun")
    record = deactivate_guardian(session, guardian_id=guardian.id)
    assert record.active is False and record.active_children == ()


def test_deactivating_twice_is_harmless(session, opd) -> None:
    guardian = add_guardian(session, opd.id)
    deactivate_guardian(session, guardian_id=guardian.id)
    assert deactivate_guardian(session, guardian_id=guardian.id).active is False


def test_unknown_guardian_is_not_found(session) -> None:
    with pytest.raises(NotFoundError):
        deactivate_guardian(session, guardian_id=uuid.uuid4())
    with pytest.raises(NotFoundError):
        reactivate_guardian(session, guardian_id=uuid.uuid4())


def test_picker_offers_only_active_guardians(session, opd) -> None:
    kept = add_guardian(session, opd.id, name="Andi Wijaya", sequence=1)
    retired = add_guardian(session, opd.id, name="Dewi Lestari", sequence=2)
    deactivate_guardian(session, guardian_id=retired.id)
    assert [g.id for g in guardians_with_counts(session)] == [kept.id]
    assert guardians_with_counts(session, text="dewi") == []
    reactivate_guardian(session, guardian_id=retired.id)
    assert [g.name for g in guardians_with_counts(session)] == ["Andi Wijaya", "Dewi Lestari"]
