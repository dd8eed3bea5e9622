"""Penugasan: giving a child a foster parent, transferring and ending it. History is kept.

A child has at most one active guardian; a guardian has at most
``AppSettings.max_children_per_guardian`` active children. A transfer ends the current row as
"dialihkan" and starts a new one on the same day; nothing is overwritten or deleted.
Services run in the caller's transaction (they flush, never commit).
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.assignments.integrity import COUNTED_FIRST
from desktop_app.core import clock
from desktop_app.core.changes import Changes, writes
from desktop_app.core.codes import AssignmentStatus
from desktop_app.core.errors import ConflictError
from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import N_, _
from desktop_app.core.records import (
    AssignmentRecord,
    FieldErrors,
    assignment_record,
    get_live,
    load_assignments,
)
from desktop_app.db.models import Assignment, Child, Guardian, Programme
from desktop_app.settings.store import get_settings
from desktop_app.validation import collapse_spaces

__all__ = [
    "END_REASONS",
    "TRANSFER_REASONS",
    "active_assignment_row",
    "assign_guardian",
    "assignment_history",
    "close_assignment",
    "end_assignment",
    "end_date_problem",
    "start_date_problem",
    "transfer_assignment",
]

_REASON_MAX = 200

#: Reasons the dialogs offer for a transfer and an end. A picked one is stored in Indonesian like
#: any typed reason (``end_reason`` is free text) and shown translated through ``code_labels``.
TRANSFER_REASONS = (
    N_("Orang tua asuh pindah tugas"),
    N_("Orang tua asuh pensiun"),
    N_("Permintaan keluarga"),
    N_("Orang tua asuh tidak dapat melanjutkan"),
)
END_REASONS = (
    N_("Periode program selesai"),
    N_("Anak sudah membaik"),
    N_("Keluarga pindah domisili"),
    N_("Orang tua asuh mengundurkan diri"),
)


def active_assignment_row(session: Session, child_id: uuid.UUID) -> Assignment | None:
    """The child's live active assignment row, if any."""
    rows = active_assignment_rows(session, child_id)
    return rows[0] if rows else None


def active_assignment_rows(session: Session, child_id: uuid.UUID) -> list[Assignment]:
    """Every live active assignment of the child, the one that counts first: one, except after
    two laptops assigned the child offline (see ``desktop_app.assignments.integrity``)."""
    return list(
        session.scalars(
            select(Assignment)
            .where(
                Assignment.child_id == child_id,
                Assignment.status == AssignmentStatus.ACTIVE,
                Assignment.deleted_at.is_(None),
            )
            .order_by(*COUNTED_FIRST)
        )
    )


def end_date_problem(start_date: date, end_date: date | None) -> str | None:
    """Why an assignment that started on ``start_date`` cannot end on ``end_date``, or None.
    Shared with the district server's check of a received row (``sync.row_checks``)."""
    if end_date is not None and end_date < start_date:
        return _("Tanggal berakhir tidak boleh sebelum penugasan dimulai ({start})").format(
            start=format_date(start_date)
        )
    return None


def start_date_problem(start_date: date, birth_date: date) -> str | None:
    """Why a child born on ``birth_date`` cannot be assigned from ``start_date``, or None."""
    if start_date < birth_date:
        return _("Tanggal mulai tidak boleh sebelum tanggal lahir anak")
    return None


def close_assignment(row: Assignment, *, on: date, status: str, reason: str) -> None:
    """End ``row`` on ``on`` with ``status`` (selesai | dialihkan). ``ValidationError`` on
    field ``on`` if that is before the assignment started; nothing is changed then."""
    errors = FieldErrors()
    errors.add("on", end_date_problem(row.start_date, on))
    errors.raise_if_any()
    row.end_date = on
    row.status = status
    row.end_reason = reason or None


def _clean_reason(reason: str, label: str) -> str:
    text = collapse_spaces(reason)
    errors = FieldErrors()
    if not text:
        errors.add("reason", _("{label} wajib diisi").format(label=label))
    errors.check_text("reason", text, _REASON_MAX, label)
    errors.raise_if_any()
    return text


def _live_child(session: Session, child_id: uuid.UUID) -> Child:
    child = get_live(session, Child, child_id, _("Data anak"))
    if child.exit_date is not None:
        raise ConflictError(
            _("{name} sudah keluar dari program pada {date}; penugasan tidak dapat diubah").format(
                name=child.name, date=format_date(child.exit_date)
            )
        )
    return child


def _available_guardian(session: Session, guardian_id: uuid.UUID) -> Guardian:
    """The guardian, if active and below the per-guardian cap of the settings."""
    guardian = get_live(session, Guardian, guardian_id, _("Orang tua asuh"))
    if not guardian.active:
        raise ConflictError(
            _("{name} sudah tidak aktif sebagai orang tua asuh").format(name=guardian.name)
        )
    cap = get_settings(session).max_children_per_guardian
    count = session.scalar(
        select(func.count(Assignment.id)).where(
            Assignment.guardian_id == guardian.id,
            Assignment.status == AssignmentStatus.ACTIVE,
            Assignment.deleted_at.is_(None),
        )
    )
    if (count or 0) >= cap:
        raise ConflictError(
            _(
                "{name} sudah mengasuh {count} anak; batas per orang tua asuh adalah {cap} anak "
                "(lihat Pengaturan)"
            ).format(name=guardian.name, count=count, cap=cap)
        )
    return guardian


def _new_assignment(
    session: Session,
    child: Child,
    guardian: Guardian,
    programme_id: uuid.UUID | None,
    start: date,
) -> AssignmentRecord:
    row = Assignment(
        child_id=child.id,
        guardian_id=guardian.id,
        programme_id=programme_id,
        start_date=start,
        status=AssignmentStatus.ACTIVE,
    )
    session.add(row)
    session.flush()
    return assignment_record(row)


@writes(Changes.ASSIGNMENTS)
def assign_guardian(
    session: Session,
    *,
    child_id: uuid.UUID,
    guardian_id: uuid.UUID,
    programme_id: uuid.UUID | None = None,
    start_date: date | None = None,
    today: date | None = None,
) -> AssignmentRecord:
    """Make ``guardian_id`` the child's foster parent from ``start_date`` (default today).

    ``ConflictError`` if the child already has an active guardian (named in the message), has
    left the programme, or the guardian is inactive or at the cap; ``ValidationError`` on
    ``start_date`` if it is before the child's birth.
    """
    start = start_date or today or clock.today()
    child = _live_child(session, child_id)
    current = active_assignment_row(session, child.id)
    if current is not None:
        raise ConflictError(
            _(
                "{child} sudah memiliki orang tua asuh aktif: {guardian} (sejak {start}). "
                "Gunakan Alihkan untuk mengganti orang tua asuh."
            ).format(
                child=child.name,
                guardian=current.guardian.name,
                start=format_date(current.start_date),
            )
        )
    guardian = _available_guardian(session, guardian_id)
    if programme_id is not None:
        programme = get_live(session, Programme, programme_id, _("Program"))
        if not programme.active:
            raise ConflictError(_("Program {name} sudah tidak aktif").format(name=programme.name))
    errors = FieldErrors()
    errors.add("start_date", start_date_problem(start, child.birth_date))
    errors.raise_if_any()
    return _new_assignment(session, child, guardian, programme_id, start)


@writes(Changes.ASSIGNMENTS)
def transfer_assignment(
    session: Session, *, child_id: uuid.UUID, new_guardian_id: uuid.UUID, on: date, reason: str
) -> AssignmentRecord:
    """Hand the child to another guardian on ``on``: the current row ends as "dialihkan" with
    ``reason``; a new active row (same programme) starts the same day. Returns the new row.

    A child that two laptops assigned offline has several active rows: all of them end, so the
    transfer also clears the double. Transferring such a child to one of its current guardians
    keeps that row and ends the others (returned: the kept row)."""
    text = _clean_reason(reason, _("Alasan pengalihan"))
    child = _live_child(session, child_id)
    active = active_assignment_rows(session, child.id)
    if not active:
        raise ConflictError(
            _("{child} belum memiliki orang tua asuh aktif untuk dialihkan").format(
                child=child.name
            )
        )
    kept = next((row for row in active if row.guardian_id == new_guardian_id), None)
    if kept is not None and len(active) == 1:
        raise ConflictError(
            _("{guardian} sudah menjadi orang tua asuh {child}").format(
                guardian=kept.guardian.name, child=child.name
            )
        )
    if kept is not None:
        for row in active:
            if row is not kept:
                close_assignment(row, on=on, status=AssignmentStatus.TRANSFERRED, reason=text)
        session.flush()
        return assignment_record(kept)
    guardian = _available_guardian(session, new_guardian_id)
    for row in active:
        close_assignment(row, on=on, status=AssignmentStatus.TRANSFERRED, reason=text)
    return _new_assignment(session, child, guardian, active[0].programme_id, on)


@writes(Changes.ASSIGNMENTS)
def end_assignment(
    session: Session, *, assignment_id: uuid.UUID, on: date, reason: str
) -> AssignmentRecord:
    """End an active assignment on ``on`` (status "selesai"); the child then has no guardian."""
    text = _clean_reason(reason, _("Alasan berakhir"))
    row = get_live(session, Assignment, assignment_id, _("Penugasan"))
    if row.status != AssignmentStatus.ACTIVE:
        raise ConflictError(
            _("Penugasan ini sudah berakhir pada {date}").format(date=format_date(row.end_date))
        )
    close_assignment(row, on=on, status=AssignmentStatus.ENDED, reason=text)
    session.flush()
    return assignment_record(row)


def assignment_history(session: Session, *, child_id: uuid.UUID) -> list[AssignmentRecord]:
    """Every live assignment of the child, newest first (``NotFoundError`` for no child)."""
    get_live(session, Child, child_id, _("Data anak"))
    return load_assignments(session, child_id=child_id)
