"""Writes on a child: register, edit, exit, reveal an identifier, record a chart export."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from uuid import UUID

from desktop_app.children import data_subject, growth, privacy, service
from desktop_app.children.form import ChildForm
from desktop_app.ui.operations.build import calling, operation
from desktop_app.ui.ops import Operation


def register_child(*, form: ChildForm, duplicate_reason: str | None = None) -> Operation:
    """``duplicate_reason``: why a child resembling another is saved anyway (audited)."""
    return operation(service.register_child, form=form, duplicate_reason=duplicate_reason)


def update_child(
    *, child_id: UUID, form: ChildForm, duplicate_reason: str | None = None
) -> Operation:
    return operation(
        service.update_child, child_id=child_id, form=form, duplicate_reason=duplicate_reason
    )


def exit_child(*, child_id: UUID, exit_date: date | None, reason: str) -> Operation:
    """Also ends the active assignment and cancels aid planned after ``exit_date``."""
    return operation(service.exit_child, child_id=child_id, exit_date=exit_date, reason=reason)


def reveal_identifiers(*, child_id: UUID) -> Operation:
    """The child's NIK and No. KK in full, each reveal written to the audit trail."""
    return calling(
        lambda session: tuple(
            privacy.reveal_identifier(session, child_id=child_id, field=field)
            for field in ("nik", "no_kk")
        ),
        privacy.reveal_identifier,
    )


def record_chart_export(*, child_id: UUID, chart_title: str) -> Operation:
    return operation(growth.record_chart_export, child_id=child_id, chart_title=chart_title)


def export_child_data(*, child_id: UUID, path: Path, password: str) -> Operation:
    """Everything held about the child, as a password-protected ZIP (UU PDP access request)."""
    from desktop_app.reports.child_data_bundle import export_child_bundle

    return operation(export_child_bundle, child_id=child_id, path=path, password=password)


def anonymise_child(*, child_id: UUID, reason: str) -> Operation:
    """Erase what identifies the child (UU PDP erasure request); audited with the reason."""
    return operation(data_subject.anonymise_child, child_id=child_id, reason=reason)
