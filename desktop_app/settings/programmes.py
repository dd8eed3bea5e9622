"""Programme periods (e.g. "Genting 2025": three months of Rp450.000 per child).

Months are stored as the first day of the month, an inclusive range. Money is integer rupiah.
Services flush, never commit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.changes import Changes, writes
from desktop_app.core.formatting import format_rupiah
from desktop_app.core.i18n import _
from desktop_app.core.records import FieldErrors, get_live, name_taken
from desktop_app.db.models import Programme
from desktop_app.validation import collapse_spaces

__all__ = [
    "DEFAULT_PERIOD_MONTHS",
    "MAX_MONTHLY_AID",
    "ProgrammeRecord",
    "check_programme_fields",
    "create_programme",
    "default_period",
    "default_programme",
    "get_programme",
    "list_programmes",
    "update_programme",
]

#: A sanity bound that catches an extra zero typed into the amount (Rp4.500.000 is allowed).
MAX_MONTHLY_AID = 10_000_000
MAX_VISITS_PER_MONTH = 31


@dataclass(frozen=True)
class ProgrammeRecord:
    """``start_month``/``end_month``: first day of the month; ``monthly_aid`` in rupiah."""

    id: uuid.UUID
    name: str
    start_month: date
    end_month: date
    monthly_aid: int
    visit_target_per_month: int
    active: bool

    @property
    def months(self) -> int:
        """Number of months in the period (both ends included)."""
        return (
            (self.end_month.year - self.start_month.year) * 12
            + (self.end_month.month - self.start_month.month)
            + 1
        )


def _record(row: Programme) -> ProgrammeRecord:
    return ProgrammeRecord(
        row.id,
        row.name,
        row.start_month,
        row.end_month,
        row.monthly_aid,
        row.visit_target_per_month,
        row.active,
    )


def _first_of_month(value: date | None) -> date | None:
    return value.replace(day=1) if value is not None else None


def _checked(
    session: Session,
    *,
    name: str,
    start_month: date | None,
    end_month: date | None,
    monthly_aid: int | None,
    visit_target_per_month: int | None,
    exclude_id: uuid.UUID | None,
) -> tuple[str, date, date, int, int]:
    name = collapse_spaces(name)
    start, end = _first_of_month(start_month), _first_of_month(end_month)
    errors = FieldErrors()
    check_programme_fields(
        name=name,
        start_month=start,
        end_month=end,
        monthly_aid=monthly_aid,
        visit_target_per_month=visit_target_per_month,
        errors=errors,
    )
    if name and name_taken(session, Programme.name, name, exclude_id=exclude_id):
        errors.add("name", _("Program bernama {name} sudah ada").format(name=name))
    errors.raise_if_any()
    return name, start, end, monthly_aid, visit_target_per_month  # type: ignore[return-value]


def check_programme_fields(
    *,
    name: str,
    start_month: date | None,
    end_month: date | None,
    monthly_aid: int | None,
    visit_target_per_month: int | None,
    errors: FieldErrors,
) -> None:
    """Every rule of a programme that needs no database (its name's uniqueness does), added
    to ``errors``. Shared with the district server's check of a received row
    (``sync.row_checks``)."""
    start, end = start_month, end_month
    if not name:
        errors.add("name", _("Nama program wajib diisi"))
    errors.check_text("name", name, 150, _("Nama program"))
    if start is None:
        errors.add("start_month", _("Bulan mulai wajib diisi"))
    if end is None:
        errors.add("end_month", _("Bulan selesai wajib diisi"))
    elif start is not None and end < start:
        errors.add("end_month", _("Bulan selesai tidak boleh sebelum bulan mulai"))
    if not isinstance(monthly_aid, int) or not 0 <= monthly_aid <= MAX_MONTHLY_AID:
        errors.add(
            "monthly_aid",
            _("Bantuan per bulan harus antara Rp0 dan {max}").format(
                max=format_rupiah(MAX_MONTHLY_AID)
            ),
        )
    visits = visit_target_per_month
    if not isinstance(visits, int) or not 0 <= visits <= MAX_VISITS_PER_MONTH:
        errors.add("visit_target_per_month", _("Target kunjungan per bulan harus antara 0 dan 31"))


@writes(Changes.PROGRAMMES)
def create_programme(
    session: Session,
    *,
    name: str,
    start_month: date | None,
    end_month: date | None,
    monthly_aid: int | None,
    visit_target_per_month: int | None = 1,
) -> ProgrammeRecord:
    """Add an active programme; any day of a month stands for that month. A missing month,
    amount or target (an empty field) is refused with a field error."""
    name, start, end, aid, visits = _checked(
        session,
        name=name,
        start_month=start_month,
        end_month=end_month,
        monthly_aid=monthly_aid,
        visit_target_per_month=visit_target_per_month,
        exclude_id=None,
    )
    row = Programme(
        name=name,
        start_month=start,
        end_month=end,
        monthly_aid=aid,
        visit_target_per_month=visits,
        active=True,
    )
    session.add(row)
    session.flush()
    return _record(row)


@writes(Changes.PROGRAMMES)
def update_programme(
    session: Session,
    *,
    programme_id: uuid.UUID,
    name: str | None = None,
    start_month: date | None = None,
    end_month: date | None = None,
    monthly_aid: int | None = None,
    visit_target_per_month: int | None = None,
    active: bool | None = None,
) -> ProgrammeRecord:
    """Save an edited programme; an argument left as None keeps the stored value.
    ``active=False`` closes the programme to new assignments."""
    row = get_live(session, Programme, programme_id, _("Program"))
    values = _checked(
        session,
        name=row.name if name is None else name,
        start_month=start_month or row.start_month,
        end_month=end_month or row.end_month,
        monthly_aid=row.monthly_aid if monthly_aid is None else monthly_aid,
        visit_target_per_month=(
            row.visit_target_per_month if visit_target_per_month is None else visit_target_per_month
        ),
        exclude_id=row.id,
    )
    (
        row.name,
        row.start_month,
        row.end_month,
        row.monthly_aid,
        row.visit_target_per_month,
    ) = values
    if active is not None:
        row.active = bool(active)
    session.flush()
    return _record(row)


def get_programme(session: Session, *, programme_id: uuid.UUID) -> ProgrammeRecord:
    return _record(get_live(session, Programme, programme_id, _("Program")))


def list_programmes(session: Session, *, active_only: bool = False) -> list[ProgrammeRecord]:
    """Live programmes, newest period first."""
    query = (
        select(Programme)
        .where(Programme.deleted_at.is_(None))
        .order_by(Programme.start_month.desc(), Programme.name)
    )
    if active_only:
        query = query.where(Programme.active.is_(True))
    return [_record(row) for row in session.scalars(query)]


#: A new programme's period unless the user says otherwise: a year of aid from this month.
DEFAULT_PERIOD_MONTHS = 12


def default_period(today: date) -> tuple[date, date]:
    """``(start_month, end_month)`` of :data:`DEFAULT_PERIOD_MONTHS` months starting this month
    (December 2026 -> December 2026 to November 2027)."""
    start = today.replace(day=1)
    index = start.year * 12 + start.month - 1 + DEFAULT_PERIOD_MONTHS - 1
    return start, date(index // 12, index % 12 + 1, 1)


def default_programme(programmes: list[ProgrammeRecord], *, today: date) -> ProgrammeRecord | None:
    """The programme a form offers first: an active one running this month (the latest to
    start), else the first active one, else None. A programme that has ended is never chosen
    over one that runs now, so a short first period does not become everyone's default."""
    month = today.replace(day=1)
    active = [p for p in programmes if p.active]
    running = [p for p in active if p.start_month <= month <= p.end_month]
    if running:
        return max(running, key=lambda p: p.start_month)
    return active[0] if active else None
