"""Writes on a visit: record, edit, delete."""

from __future__ import annotations

from uuid import UUID

from desktop_app.ui.operations.build import operation
from desktop_app.ui.ops import Operation
from desktop_app.visits import service
from desktop_app.visits.service import VisitForm


def record_visit(
    *, form: VisitForm, confirm_implausible: bool, confirmed_checks: tuple[str, ...] = ()
) -> Operation:
    """``confirmed_checks``: codes of the history warnings the user confirmed (stored)."""
    return operation(
        service.record_visit,
        form=form,
        confirm_implausible=confirm_implausible,
        confirmed_checks=confirmed_checks,
    )


def update_visit(
    *,
    visit_id: UUID,
    form: VisitForm,
    confirm_implausible: bool,
    confirmed_checks: tuple[str, ...] = (),
) -> Operation:
    return operation(
        service.update_visit,
        visit_id=visit_id,
        form=form,
        confirm_implausible=confirm_implausible,
        confirmed_checks=confirmed_checks,
    )


def delete_visit(*, visit_id: UUID) -> Operation:
    return operation(service.delete_visit, visit_id=visit_id)
