"""Writes on a guardian (orang tua asuh): register, edit, (de)activate."""

from __future__ import annotations

from uuid import UUID

from desktop_app.guardians import service
from desktop_app.guardians.service import GuardianForm
from desktop_app.ui.operations.build import operation
from desktop_app.ui.ops import Operation


def register_guardian(*, form: GuardianForm, duplicate_reason: str | None = None) -> Operation:
    """``duplicate_reason``: why a guardian resembling another is saved anyway (audited)."""
    return operation(service.register_guardian, form=form, duplicate_reason=duplicate_reason)


def update_guardian(
    *, guardian_id: UUID, form: GuardianForm, duplicate_reason: str | None = None
) -> Operation:
    return operation(
        service.update_guardian,
        guardian_id=guardian_id,
        form=form,
        duplicate_reason=duplicate_reason,
    )


def deactivate_guardian(*, guardian_id: UUID) -> Operation:
    return operation(service.deactivate_guardian, guardian_id=guardian_id)


def reactivate_guardian(*, guardian_id: UUID) -> Operation:
    return operation(service.reactivate_guardian, guardian_id=guardian_id)
