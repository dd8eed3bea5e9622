"""Bantuan: plan a month's cash aid, mark payments paid, cancel them. Money is integer rupiah.

Planning is idempotent: one ``rencana`` row per (child, programme, month), guarded by the unique
key and checked before inserting, so running "Buat rencana bantuan bulan ini" twice adds nothing.
A child that sync left with two active guardians is still planned once a month (see
:func:`plan_month_aid`).
A plan of tens of thousands of rows is inserted with one Core statement (seconds, not minutes)
and audited as one event; paying and cancelling are ORM edits, audited row by row.
Services run in the caller's transaction (flush, never commit).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop_app.assignments.integrity import (
    ChildWithSeveralGuardians,
    find_children_with_several_guardians,
)
from desktop_app.core import clock
from desktop_app.core.changes import Changes, writes
from desktop_app.core.codes import AssignmentStatus, PaymentStatus
from desktop_app.core.errors import ConflictError
from desktop_app.core.formatting import format_count, format_month, format_rupiah
from desktop_app.core.i18n import N_, NC_, _, ngettext
from desktop_app.core.month import Month
from desktop_app.core.records import FieldErrors, get_live
from desktop_app.db.audit_hook import record_event
from desktop_app.db.base import utcnow
from desktop_app.db.models import AidPayment, Assignment, Child, Programme
from desktop_app.validation import collapse_spaces

__all__ = [
    "AID_STATUSES",
    "EXIT_CANCEL_REASON",
    "PAYMENT_METHODS",
    "PlanSummary",
    "cancel_future_plans",
    "cancel_payment",
    "check_payment_fields",
    "mark_paid",
    "plan_month_aid",
]

AID_STATUSES: dict[str, str] = {
    PaymentStatus.PLANNED: N_("Rencana"),
    PaymentStatus.PAID: N_("Dibayar"),
    PaymentStatus.CANCELLED: NC_("status", "Batal"),
}
PAYMENT_METHODS = {"transfer": N_("Transfer"), "tunai": N_("Tunai")}
EXIT_CANCEL_REASON = N_("Anak keluar dari program")
_INSERT_BATCH = 5000
_PLAN_CACHE_KIB = 64 * 1024


@dataclass(frozen=True)
class PlanSummary:
    """``created`` new rows; ``already_planned`` children that had a row for the month (any
    status; for a child with several guardians also a live, not cancelled row of another
    programme); ``skipped_exited`` active assignments whose child left before the month;
    ``several_guardians`` children of the programme with more than one active assignment, each
    planned at most once (they are listed on Tindak lanjut until someone ends the extra one)."""

    month: date
    created: int
    already_planned: int
    skipped_exited: int
    amount_created: int  # rupiah
    several_guardians: int = 0

    def message(self) -> str:
        """What the planning did, in one paragraph for the person who pressed the button."""
        template = _("Rencana bantuan {month}: {created} dibuat ({amount}), {already} sudah ada.")
        text = template.format(
            month=format_month(self.month),
            created=self.created,
            amount=format_rupiah(self.amount_created),
            already=self.already_planned,
        )
        if self.skipped_exited:
            text += " " + _("{n} dilewati karena anak sudah keluar.").format(
                n=format_count(self.skipped_exited)
            )
        if self.several_guardians:
            text += " " + ngettext(
                "{n} anak memiliki lebih dari satu orang tua asuh aktif; bantuannya direncanakan "
                "sekali saja. Akhiri penugasan yang tidak berlaku (lihat Tindak lanjut).",
                "{n} anak memiliki lebih dari satu orang tua asuh aktif; bantuannya direncanakan "
                "sekali saja. Akhiri penugasan yang tidak berlaku (lihat Tindak lanjut).",
                self.several_guardians,
            ).format(n=format_count(self.several_guardians))
        return text


@writes(Changes.AID)
def plan_month_aid(
    session: Session, *, month: date, programme_id: uuid.UUID, today: date | None = None
) -> PlanSummary:
    """One ``rencana`` payment of the programme's monthly amount per child with an active
    assignment of the programme that started by the end of ``month`` (any day of it).
    ``ValidationError`` on ``month`` outside the programme period or later than next month.

    A child with more than one active assignment (two laptops assigned it offline, then synced)
    gets one payment, on the assignment that counts (:mod:`desktop_app.assignments.integrity`:
    in a programme, earliest start, recorded first), and only in that assignment's programme;
    none if the child already has a live, not cancelled payment of the month in another one.
    Planning it rather than skipping it is what a finance officer expects: the aid is the
    child's family's, both assignments agree the child is in the programme, and a guardian
    recorded twice is a bookkeeping error the family should not pay for with a missed month.
    The assignment only decides the OPD and source the payment is totalled under, and the rule
    is the same on every laptop, so two offices planning the month pick the same one.
    """
    programme = get_live(session, Programme, programme_id, _("Program"))
    first = Month.of(month).first_day
    last = Month.of(month).last_day
    today = today or clock.today()
    errors = FieldErrors()
    if not programme.start_month <= first <= programme.end_month:
        errors.add(
            "month",
            _("{month} di luar periode program ({start} – {end})").format(
                month=format_month(first),
                start=format_month(programme.start_month),
                end=format_month(programme.end_month),
            ),
        )
    elif first > _next_month(today):
        errors.add("month", _("Rencana hanya dapat dibuat sampai bulan depan"))
    errors.raise_if_any()

    candidates = session.execute(
        select(Assignment.id, Assignment.child_id, Child.exit_date)
        .join(Child, Child.id == Assignment.child_id)
        .where(
            Assignment.programme_id == programme.id,
            Assignment.status == AssignmentStatus.ACTIVE,
            Assignment.deleted_at.is_(None),
            Assignment.start_date <= last,
            Child.deleted_at.is_(None),
        )
    ).all()
    planned = set(
        session.scalars(
            select(AidPayment.child_id).where(
                AidPayment.programme_id == programme.id, AidPayment.month == first
            )
        )
    )
    doubled = {c.child_id: c for c in find_children_with_several_guardians(session)}
    planned |= _planned_elsewhere(session, doubled, programme.id, first)
    rows, already, exited = [], 0, 0
    several = {child_id for _id, child_id, _exit in candidates if child_id in doubled}
    for assignment_id, child_id, exit_date in candidates:
        if child_id in doubled and doubled[child_id].counted.id != assignment_id:
            continue  # planned on the assignment that counts, maybe in another programme
        if exit_date is not None and exit_date < first:
            exited += 1
        elif child_id in planned:
            already += 1
        else:
            rows.append(_plan_row(session, assignment_id, child_id, programme, first))
    # Insert in child order with the (random) ids handed out in ascending order too: every
    # index then grows page by page instead of at random places of a large file.
    rows.sort(key=lambda row: row["child_id"])
    for row, new_id in zip(rows, sorted(row["id"] for row in rows), strict=True):
        row["id"] = new_id
    table = AidPayment.__table__
    with _roomy_sqlite_cache(session):
        for start in range(0, len(rows), _INSERT_BATCH):
            session.execute(table.insert(), rows[start : start + _INSERT_BATCH])
    summary = PlanSummary(
        first, len(rows), already, exited, len(rows) * programme.monthly_aid, len(several)
    )
    if rows:
        record_event(
            session,
            action="create",
            entity="aid_payments",
            entity_id=str(programme.id),
            summary=_("Rencana bantuan {month}: {n} pembayaran dibuat").format(
                month=format_month(first), n=len(rows)
            ),
        )
    session.flush()
    return summary


@contextmanager
def _roomy_sqlite_cache(session: Session) -> Iterator[None]:
    """On SQLite, a 64 MiB page cache while tens of thousands of rows go into seven indexes
    (about 15 % faster on a 1 GB file); the connection's own size is restored afterwards."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    previous = session.execute(text("PRAGMA cache_size")).scalar_one()
    session.execute(text(f"PRAGMA cache_size=-{_PLAN_CACHE_KIB}"))
    try:
        yield
    finally:
        session.execute(text(f"PRAGMA cache_size={int(previous)}"))


def _planned_elsewhere(
    session: Session,
    doubled: dict[uuid.UUID, ChildWithSeveralGuardians],
    programme_id: uuid.UUID,
    month: date,
) -> set[uuid.UUID]:
    """Children with several guardians that already have a live, not cancelled payment of
    ``month`` in another programme (each laptop may have planned it under its own assignment
    before sync brought the two together)."""
    if not doubled:
        return set()
    return set(
        session.scalars(
            select(AidPayment.child_id).where(
                AidPayment.child_id.in_(list(doubled)),
                AidPayment.programme_id != programme_id,
                AidPayment.month == month,
                AidPayment.status != PaymentStatus.CANCELLED,
                AidPayment.deleted_at.is_(None),
            )
        )
    )


def _next_month(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def _plan_row(
    session: Session,
    assignment_id: uuid.UUID,
    child_id: uuid.UUID,
    programme: Programme,
    month: date,
) -> dict[str, Any]:
    """One ``aid_payments`` row as Core inserts it (no ORM objects: tens of thousands)."""
    now = utcnow()
    return {
        "id": uuid.uuid4(),
        "created_at": now,
        "updated_at": now,
        "device_id": session.info.get("device_id"),
        "child_id": child_id,
        "programme_id": programme.id,
        "assignment_id": assignment_id,
        "month": month,
        "amount": programme.monthly_aid,
        "status": PaymentStatus.PLANNED,
    }


def check_payment_fields(
    *,
    paid_on: date | None,
    method: str | None,
    reference: str,
    received_by: str,
    today: date,
    errors: FieldErrors,
    require_receipt: bool = True,
) -> None:
    """The rules of a paid payment (date, method, reference or receiver), added to ``errors``.
    Shared with the district server's check of a received row (``sync.row_checks``), which
    passes ``require_receipt=False``: erasing a child on request blanks "received by" of its
    paid payments on purpose (``children.data_subject``)."""
    if paid_on is None:
        errors.add("paid_on", _("Tanggal bayar wajib diisi"))
    elif paid_on > today:
        errors.add("paid_on", _("Tanggal bayar tidak boleh setelah hari ini"))
    if method not in PAYMENT_METHODS:
        errors.add("method", _("Cara bayar wajib dipilih"))
    if require_receipt and method == "transfer" and not reference:
        errors.add("reference", _("Nomor referensi transfer wajib diisi"))
    if require_receipt and method == "tunai" and not received_by:
        errors.add("received_by", _("Nama penerima wajib diisi untuk pembayaran tunai"))
    errors.check_text("reference", reference, 100, _("Referensi"))
    errors.check_text("received_by", received_by, 120, _("Penerima"))


def _payments(session: Session, ids: Iterable[uuid.UUID]) -> list[AidPayment]:
    wanted = list(dict.fromkeys(ids))
    rows = session.scalars(
        select(AidPayment).where(AidPayment.id.in_(wanted), AidPayment.deleted_at.is_(None))
    ).all()
    if len(rows) != len(wanted):
        raise ConflictError(_("Sebagian pembayaran tidak ditemukan (mungkin sudah dihapus)"))
    return list(rows)


@writes(Changes.AID)
def mark_paid(
    session: Session,
    *,
    payment_ids: Iterable[uuid.UUID],
    paid_on: date | None,
    method: str,
    reference: str = "",
    received_by: str = "",
    today: date | None = None,
) -> int:
    """Mark planned payments paid, all or none. Transfer needs a reference, cash a receiver.
    ``ConflictError`` if one is not ``rencana`` any more. Returns how many were marked."""
    reference, received_by = collapse_spaces(reference), collapse_spaces(received_by)
    errors = FieldErrors()
    check_payment_fields(
        paid_on=paid_on,
        method=method,
        reference=reference,
        received_by=received_by,
        today=today or clock.today(),
        errors=errors,
    )
    errors.raise_if_any()
    payments = _payments(session, payment_ids)
    if not payments:
        raise ConflictError(_("Pilih paling sedikit satu pembayaran"))
    not_planned = [p for p in payments if p.status != PaymentStatus.PLANNED]
    if not_planned:
        raise ConflictError(
            ngettext(
                "{n} pembayaran tidak berstatus rencana (sudah dibayar atau dibatalkan)",
                "{n} pembayaran tidak berstatus rencana (sudah dibayar atau dibatalkan)",
                len(not_planned),
            ).format(n=format_count(len(not_planned)))
        )
    for payment in payments:
        payment.status = PaymentStatus.PAID
        payment.paid_on = paid_on
        payment.method = method
        payment.reference = reference or None
        payment.received_by = received_by or None
    session.flush()
    return len(payments)


@writes(Changes.AID)
def cancel_payment(session: Session, *, payment_id: uuid.UUID, reason: str) -> None:
    """Cancel a planned payment; ``reason`` is required. A paid one cannot be cancelled."""
    text = collapse_spaces(reason)
    errors = FieldErrors()
    if not text:
        errors.add("reason", _("Alasan pembatalan wajib diisi"))
    errors.check_text("reason", text, 200, _("Alasan pembatalan"))
    errors.raise_if_any()
    payment = get_live(session, AidPayment, payment_id, _("Pembayaran"))
    if payment.status != PaymentStatus.PLANNED:
        raise ConflictError(_("Hanya bantuan berstatus rencana yang dapat dibatalkan"))
    payment.status = PaymentStatus.CANCELLED
    payment.cancel_reason = text
    session.flush()


def cancel_future_plans(session: Session, *, child_id: uuid.UUID, after: date) -> int:
    """Cancel the child's still-planned payments for months starting after ``after`` (the exit
    date), with reason "Anak keluar dari program". Returns how many; call from ``exit_child``."""
    rows = session.scalars(
        select(AidPayment).where(
            AidPayment.child_id == child_id,
            AidPayment.status == PaymentStatus.PLANNED,
            AidPayment.deleted_at.is_(None),
            AidPayment.month > after,
        )
    ).all()
    for row in rows:
        row.status = PaymentStatus.CANCELLED
        row.cancel_reason = EXIT_CANCEL_REASON  # stored in Indonesian, shown translated
    session.flush()
    return len(rows)
