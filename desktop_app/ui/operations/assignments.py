"""Writes on an assignment: assign a guardian, transfer to another, end."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from desktop_app.assignments import service
from desktop_app.ui.operations.build import operation
from desktop_app.ui.ops import Operation


def assign_guardian(
    *, child_id: UUID, guardian_id: UUID, programme_id: UUID | None, start_date: date | None
) -> Operation:
    return operation(
        service.assign_guardian,
        child_id=child_id,
        guardian_id=guardian_id,
        programme_id=programme_id,
        start_date=start_date,
    )


def transfer_assignment(
    *, child_id: UUID, new_guardian_id: UUID, on: date | None, reason: str
) -> Operation:
    return operation(
        service.transfer_assignment,
        child_id=child_id,
        new_guardian_id=new_guardian_id,
        on=on,
        reason=reason,
    )


def end_assignment(*, assignment_id: UUID, on: date | None, reason: str) -> Operation:
    return operation(service.end_assignment, assignment_id=assignment_id, on=on, reason=reason)
