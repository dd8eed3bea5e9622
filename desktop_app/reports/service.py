"""One entry point that builds any report: data from the database, then the document bytes.

The GUI (on the DB worker) and the ``asuh report`` command both call :func:`build_report`, so
they print the same thing. Each build appends an ``export`` entry to the audit trail (UU 27/2022:
the log must say who exported what); the caller commits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session

from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.month import Month
from desktop_app.core.progress import ProgressFn, no_progress
from desktop_app.db.models import AuditEntry

__all__ = ["BuiltReport", "ReportKind", "build_report"]


class ReportKind(StrEnum):
    MONTHLY = "monthly"
    MONTHLY_XLSX = "monthly-xlsx"
    CHILD = "child"
    GUARDIANS = "guardians"
    PAYMENTS = "payments"

    @property
    def label(self) -> str:
        return {
            "monthly": _("Laporan bulanan"),
            "monthly-xlsx": _("Laporan bulanan (Excel)"),
            "child": _("Kartu anak"),
            "guardians": _("Laporan kegiatan orang tua asuh"),
            "payments": _("Daftar penerimaan bantuan"),
        }[self.value]

    @property
    def suffix(self) -> str:
        return ".xlsx" if self is ReportKind.MONTHLY_XLSX else ".pdf"


@dataclass(frozen=True)
class BuiltReport:
    kind: ReportKind
    content: bytes
    suggested_name: str  # e.g. "laporan-bulanan-2026-11.pdf"


@writes(Changes.NONE)
def build_report(
    session: Session,
    *,
    kind: ReportKind,
    month: Month | None = None,
    programme_id: uuid.UUID | None = None,
    child_id: uuid.UUID | None = None,
    today: date | None = None,
    progress: ProgressFn = no_progress,
) -> BuiltReport:
    """Build ``kind``; ``month`` is required except for the child card, ``child_id`` for it."""
    if kind is ReportKind.CHILD:
        if child_id is None:
            raise ValidationError([FieldError("child", _("Pilih anak untuk kartu anak."))])
        from desktop_app.reports.child_card import ChildCardRenderer
        from desktop_app.reports.child_card_data import build_child_card

        progress(0, 3, _("Membaca data anak"))
        data = build_child_card(session, child_id=child_id, today=today)
        content = ChildCardRenderer().render(data, _shifted(progress, 1, 3))
        name = f"kartu-anak-{data.name.lower().replace(' ', '-')}.pdf"
        _audit(session, kind, str(child_id))
        return BuiltReport(kind, content, name)
    if month is None:
        raise ValidationError([FieldError("month", _("Pilih bulan laporan."))])
    content = _monthly_kind(session, kind, month, programme_id, today, progress)
    _audit(session, kind, str(month))
    stem = {
        ReportKind.MONTHLY: "laporan-bulanan",
        ReportKind.MONTHLY_XLSX: "laporan-bulanan",
        ReportKind.GUARDIANS: "kegiatan-orang-tua-asuh",
        ReportKind.PAYMENTS: "penerimaan-bantuan",
    }[kind]
    return BuiltReport(kind, content, f"{stem}-{month}{kind.suffix}")


def _monthly_kind(
    session: Session,
    kind: ReportKind,
    month: Month,
    programme_id: uuid.UUID | None,
    today: date | None,
    progress: ProgressFn,
) -> bytes:
    if kind in (ReportKind.MONTHLY, ReportKind.MONTHLY_XLSX):
        from desktop_app.reports.monthly import MonthlySummaryRenderer
        from desktop_app.reports.monthly_data import build_monthly_summary
        from desktop_app.reports.xlsx import monthly_summary_xlsx

        data = build_monthly_summary(
            session, month=month, programme_id=programme_id, today=today,
            progress=_shifted(progress, 0, 6),
        )  # fmt: skip
        if kind is ReportKind.MONTHLY_XLSX:
            progress(5, 6, _("Menulis berkas Excel"))
            return monthly_summary_xlsx(data)
        return MonthlySummaryRenderer().render(data, _shifted(progress, 4, 6))
    if kind is ReportKind.GUARDIANS:
        from desktop_app.reports.guardian_activity import GuardianActivityRenderer
        from desktop_app.reports.guardian_activity_data import build_guardian_activity

        progress(0, 3, _("Membaca data orang tua asuh"))
        guardians = build_guardian_activity(session, month=month, today=today)
        return GuardianActivityRenderer().render(guardians, _shifted(progress, 1, 3))
    from desktop_app.reports.payments import PaymentListRenderer
    from desktop_app.reports.payments_data import build_payment_list

    progress(0, 3, _("Membaca data bantuan"))
    payments = build_payment_list(session, month=month, programme_id=programme_id, today=today)
    return PaymentListRenderer().render(payments, _shifted(progress, 1, 3))


def _shifted(progress: ProgressFn, offset: int, total: int) -> ProgressFn:
    """Map a step's own ``(done, n)`` into the overall ``(offset + done, total)``."""

    def report(done: int, _n: int, label: str) -> None:
        progress(min(offset + done, total), total, label)

    return report


def _audit(session: Session, kind: ReportKind, subject: str) -> None:
    session.add(
        AuditEntry(
            user_id=None,
            username=session.info.get("actor"),
            device_id=session.info.get("device_id"),
            action="export",
            entity="report",
            entity_id=None,
            summary=f"{kind.value} {subject}",
            changes={},
        )
    )
    session.flush()
