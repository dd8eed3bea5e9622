"""Tutup bulan: freeze a finished month's report figures, so its signed paper can be reprinted.

A month is in one of four states (:class:`MonthState`): *running* (today is in it; its reports
print as "LAPORAN SEMENTARA - data s.d. <today>"), *future* (refused), *ended* (complete, not yet
closed; printed from the live data) and *closed*. An Admin closes an ended month with
:func:`close_month`: every report of the month (the monthly summary, which the PDF and the xlsx
share, the guardian activity report and the payment list, all programmes) is built once from the
data and stored as one canonical JSON document (:mod:`desktop_app.reports.snapshot`) with its
SHA-256, who closed it and when, in ``month_closures`` (synced, natural key ``month``). From then
on :func:`snapshot_report` answers those reports from the snapshot, never from the data.

Edits to a closed month stay allowed; :mod:`desktop_app.reports.corrections` lists them in a
later report. Closing cannot be undone here (a wrong closure is a matter for the district
server's administrator), so the snapshot a head signed is the one that stays.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop_app.core import clock
from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import ConflictError, DomainError, FieldError, ValidationError
from desktop_app.core.formatting import format_date, format_month
from desktop_app.core.i18n import _
from desktop_app.core.month import Month
from desktop_app.core.permissions import ADMIN, require_role
from desktop_app.core.progress import ProgressFn, no_progress
from desktop_app.db.audit_hook import record_event
from desktop_app.db.base import utcnow
from desktop_app.db.models import MonthClosure
from desktop_app.reports.guardian_activity_data import GuardianActivityData
from desktop_app.reports.header_data import ClosureStamp
from desktop_app.reports.monthly_model import MonthlySummaryData
from desktop_app.reports.payments_data import PaymentListData
from desktop_app.reports.snapshot import canonical_json, decode, encode, sha256_hex

__all__ = [
    "FORMAT_VERSION",
    "ClosureInfo",
    "MonthDescription",
    "MonthState",
    "close_month",
    "closure_info",
    "default_report_month",
    "describe_month",
    "month_state",
    "refuse_future",
    "snapshot_report",
]

FORMAT_VERSION = 1

#: Snapshot section per report: the report's data class (the PDF and xlsx share "monthly").
SECTIONS: dict[str, type] = {
    "monthly": MonthlySummaryData,
    "guardians": GuardianActivityData,
    "payments": PaymentListData,
}


class MonthState(StrEnum):
    FUTURE = "future"
    RUNNING = "running"
    ENDED = "ended"  # complete, not closed
    CLOSED = "closed"


@dataclass(frozen=True)
class ClosureInfo:
    """What the Laporan page shows about a closed month (no payload)."""

    month: Month
    closed_by: str
    closed_at: date
    sha256: str

    @property
    def stamp(self) -> ClosureStamp:
        return ClosureStamp(self.closed_by, self.closed_at, self.sha256)


def default_report_month(today: date | None = None) -> Month:
    """The month Beranda and Laporan open on: the last full month (closed or waiting to be
    closed), never the running one, whose figures are still incomplete."""
    return Month.of(today or clock.today()).previous()


def refuse_future(month: Month, today: date | None = None) -> None:
    """A report of a month that has not begun has nothing to say: a clear refusal."""
    today = today or clock.today()
    if month.first_day > today:
        raise ValidationError([FieldError("month", _(
            "Bulan {month} belum dimulai: laporannya belum dapat dibuat. Pilih bulan ini atau "
            "bulan sebelumnya."
        ).format(month=format_month(month.first_day)))])  # fmt: skip


def month_state(session: Session, month: Month, today: date | None = None) -> MonthState:
    today = today or clock.today()
    if month.first_day > today:
        return MonthState.FUTURE
    if month.last_day >= today:
        return MonthState.RUNNING
    return MonthState.CLOSED if _closure(session, month) is not None else MonthState.ENDED


def closure_info(session: Session, month: Month) -> ClosureInfo | None:
    row = session.execute(
        select(MonthClosure.closed_by, MonthClosure.closed_at, MonthClosure.sha256).where(
            MonthClosure.month == month.first_day, MonthClosure.deleted_at.is_(None)
        )
    ).first()
    if row is None:
        return None
    return ClosureInfo(month, row.closed_by, row.closed_at.date(), row.sha256)


@dataclass(frozen=True)
class MonthDescription:
    """One sentence about a month's state for the Laporan page, and whether it can be closed."""

    month: Month
    state: MonthState
    text: str
    closable: bool


def describe_month(session: Session, month: Month, today: date | None = None) -> MonthDescription:
    today = today or clock.today()
    state = month_state(session, month, today)
    name = format_month(month.first_day)
    if state is MonthState.CLOSED:
        info = closure_info(session, month)
        assert info is not None
        text = _("{month} sudah ditutup oleh {user} pada {date}: laporannya dicetak dari angka "
                 "tutup bulan.").format(month=name, user=info.closed_by,
                                        date=format_date(info.closed_at))  # fmt: skip
    elif state is MonthState.ENDED:
        text = _("{month} sudah selesai dan belum ditutup.").format(month=name)
    elif state is MonthState.RUNNING:
        text = _("{month} masih berjalan: laporannya dicetak sebagai LAPORAN SEMENTARA.").format(
            month=name
        )
    else:
        text = _("{month} belum dimulai: belum ada laporan.").format(month=name)
    return MonthDescription(month, state, text, state is MonthState.ENDED)


@writes(Changes.MONTHS)
def close_month(
    session: Session,
    *,
    month: Month,
    today: date | None = None,
    progress: ProgressFn = no_progress,
) -> ClosureInfo:
    """Close ``month`` (Admin only): build its reports, store them as the month's snapshot and
    audit it. Refuses a running or future month and a month already closed. Caller commits."""
    require_role(session, ADMIN)
    today = today or clock.today()
    state = month_state(session, month, today)
    name = format_month(month.first_day)
    if state is MonthState.FUTURE:
        refuse_future(month, today)
    if state is MonthState.RUNNING:
        raise ValidationError([FieldError("month", _(
            "Bulan {month} masih berjalan: bulan dapat ditutup mulai {day}, setelah semua data "
            "masuk."
        ).format(month=name, day=format_date(month.last_day + timedelta(days=1))))])  # fmt: skip
    existing = closure_info(session, month)
    if existing is not None:
        raise ConflictError(
            _("Bulan {month} sudah ditutup oleh {user} pada {date}.").format(
                month=name, user=existing.closed_by, date=format_date(existing.closed_at)
            )
        )
    from desktop_app.reports.service import read_live_section

    sections: dict[str, Any] = {}
    for step, section in enumerate(SECTIONS):
        progress(step, len(SECTIONS) + 1, _("Menyusun angka laporan ({n} dari {total})").format(
            n=step + 1, total=len(SECTIONS)))  # fmt: skip
        sections[section] = encode(read_live_section(session, section, month, today))
    text = canonical_json({"format": FORMAT_VERSION, "month": str(month), "reports": sections})
    digest = sha256_hex(text)
    actor = session.info.get("actor") or _("sistem")
    now = utcnow()
    row_id = uuid.uuid4()
    session.execute(
        insert(MonthClosure.__table__).values(
            id=row_id, month=month.first_day, payload=text, sha256=digest,
            format_version=FORMAT_VERSION, closed_by=actor, closed_at=now, created_at=now,
            updated_at=now, deleted_at=None, device_id=session.info.get("device_id"),
        )
    )  # fmt: skip
    # One audit event, not the row's values: the payload would copy the whole report.
    record_event(session, action="close", entity="month_closures", entity_id=str(row_id),
                 summary=f"tutup bulan {month} sha256 {digest}")  # fmt: skip
    session.flush()
    progress(len(SECTIONS) + 1, len(SECTIONS) + 1, _("Bulan ditutup"))
    return ClosureInfo(month, actor, now.date(), digest)


def snapshot_report(session: Session, month: Month, section: str) -> Any | None:
    """The stored data of ``section`` ("monthly", "guardians", "payments") of a closed month,
    stamped with its closure; None when the month is not closed. A payload whose hash no
    longer matches is refused, never printed."""
    row = _closure(session, month)
    if row is None:
        return None
    if sha256_hex(row.payload) != row.sha256:
        raise DomainError(_(
            "Data tutup bulan {month} tidak cocok dengan sidiknya (berkas rusak atau diubah di "
            "luar aplikasi): laporan tidak dicetak."
        ).format(month=format_month(month.first_day)))  # fmt: skip
    tree = json.loads(row.payload)["reports"].get(section)
    if tree is None:
        return None
    data: Any = decode(SECTIONS[section], tree)
    stamp = ClosureStamp(row.closed_by, row.closed_at.date(), row.sha256)
    return replace(data, header=replace(data.header, closure=stamp))


def _closure(session: Session, month: Month) -> MonthClosure | None:
    return session.scalars(
        select(MonthClosure).where(
            MonthClosure.month == month.first_day, MonthClosure.deleted_at.is_(None)
        )
    ).first()
