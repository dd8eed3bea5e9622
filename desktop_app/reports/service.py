"""Every report in three steps: read its data, render the document, record the export.

:func:`read_report` needs the session (the GUI runs it on the DB worker); :func:`render_report`
needs none, so the GUI runs it on a separate render thread and a save is not kept waiting behind
a 50,000-child layout; :func:`record_report_export` appends the ``export`` entry to the audit
trail (UU 27/2022: the log must say who exported what) once the document exists. The
``asuh report`` command calls :func:`build_report`, all three in one session, so both print the
same thing. Callers commit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from desktop_app.core import clock
from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.month import Month
from desktop_app.core.progress import ProgressFn, no_progress
from desktop_app.db.models import AuditEntry

__all__ = [
    "BuiltReport",
    "ReportData",
    "ReportKind",
    "build_report",
    "read_report",
    "record_report_export",
    "render_report",
]


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


@dataclass(frozen=True)
class ReportData:
    """What one report shows, read from the database: plain data, safe to hand to another
    thread. ``subject`` names it in the audit trail (the month or the child's id)."""

    kind: ReportKind
    data: Any  # MonthlySummaryData, ChildCardData, GuardianActivityData or PaymentListData
    subject: str
    suggested_name: str


#: Per kind: the overall progress step at which rendering starts, and the number of steps.
_STEPS = {
    ReportKind.MONTHLY: (4, 6),
    ReportKind.MONTHLY_XLSX: (5, 6),
    ReportKind.CHILD: (1, 3),
    ReportKind.GUARDIANS: (1, 3),
    ReportKind.PAYMENTS: (1, 3),
}
_STEMS = {
    ReportKind.MONTHLY: "laporan-bulanan",
    ReportKind.MONTHLY_XLSX: "laporan-bulanan",
    ReportKind.GUARDIANS: "kegiatan-orang-tua-asuh",
    ReportKind.PAYMENTS: "penerimaan-bantuan",
}


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
    all_payments: bool = False,
) -> BuiltReport:
    """Read, render and record ``kind`` in one session (the CLI and tests)."""
    data = read_report(session, kind=kind, month=month, programme_id=programme_id,
                       child_id=child_id, today=today, progress=progress,
                       all_payments=all_payments)  # fmt: skip
    report = render_report(data, progress)
    record_report_export(session, data)
    return report


def read_report(
    session: Session,
    *,
    kind: ReportKind,
    month: Month | None = None,
    programme_id: uuid.UUID | None = None,
    child_id: uuid.UUID | None = None,
    today: date | None = None,
    progress: ProgressFn = no_progress,
    all_payments: bool = False,
) -> ReportData:
    """The data of ``kind``; ``month`` is required except for the child card, ``child_id`` for
    it. ``all_payments``: the payment list signs every status, not only the paid rows.
    Reads only. Progress runs up to the step where :func:`render_report` carries on."""
    if kind is ReportKind.CHILD:
        if child_id is None:
            raise ValidationError([FieldError("child", _("Pilih anak untuk kartu anak."))])
        from desktop_app.reports.child_card_data import build_child_card

        progress(0, 3, _("Membaca data anak"))
        card = build_child_card(session, child_id=child_id, today=today)
        name = f"kartu-anak-{card.name.lower().replace(' ', '-')}.pdf"
        return ReportData(kind, card, str(child_id), name)
    if month is None:
        raise ValidationError([FieldError("month", _("Pilih bulan laporan."))])
    data = _read_monthly_kind(session, kind, month, programme_id, today, progress)
    if kind is ReportKind.PAYMENTS and all_payments:  # the rows hold every status already
        data = replace(data, include_all=True)
    if kind is ReportKind.MONTHLY_XLSX:  # the workbook also lists the children behind the aid
        from desktop_app.reports.workbook import MonthlyWorkbookData

        payments = _read_monthly_kind(
            session, ReportKind.PAYMENTS, month, programme_id, today, no_progress
        )  # a closed month's from its snapshot, as its aid figures
        data = MonthlyWorkbookData(data, replace(payments, include_all=True))
    return ReportData(kind, data, str(month), f"{_STEMS[kind]}-{month}{kind.suffix}")


def render_report(report: ReportData, progress: ProgressFn = no_progress) -> BuiltReport:
    """The document's bytes. Needs no session: any thread may run it (one at a time)."""
    offset, total = _STEPS[report.kind]
    if report.kind is ReportKind.MONTHLY_XLSX:
        from desktop_app.reports.xlsx import monthly_summary_xlsx

        progress(offset, total, _("Menulis berkas Excel"))
        content = monthly_summary_xlsx(report.data)
    else:
        content = _renderer(report.kind).render(report.data, _shifted(progress, offset, total))
    return BuiltReport(report.kind, content, report.suggested_name)


@writes(Changes.NONE)  # an audit entry only
def record_report_export(session: Session, report: ReportData) -> None:
    """Append the ``export`` entry of ``report`` to the audit trail. Caller commits."""
    session.add(
        AuditEntry(
            user_id=None,
            username=session.info.get("actor"),
            device_id=session.info.get("device_id"),
            action="export",
            entity="report",
            entity_id=None,
            summary=f"{report.kind.value} {report.subject}",
            changes={},
        )
    )
    session.flush()


#: The snapshot section each month report is stored in (the PDF and the xlsx share one).
_SECTION = {
    ReportKind.MONTHLY: "monthly",
    ReportKind.MONTHLY_XLSX: "monthly",
    ReportKind.GUARDIANS: "guardians",
    ReportKind.PAYMENTS: "payments",
}


def _read_monthly_kind(
    session: Session,
    kind: ReportKind,
    month: Month,
    programme_id: uuid.UUID | None,
    today: date | None,
    progress: ProgressFn,
) -> Any:
    """A closed month's report comes from its snapshot (all programmes; a report of one
    programme is not in the snapshot and is read from the data); a future month is refused."""
    from desktop_app.reports.closing import refuse_future, snapshot_report

    refuse_future(month, today)
    if programme_id is None:
        stored = snapshot_report(session, month, _SECTION[kind])
        if stored is not None:
            progress(3, 6 if kind in (ReportKind.MONTHLY, ReportKind.MONTHLY_XLSX) else 3,
                     _("Angka dari data tutup bulan"))  # fmt: skip
            return stored
    if kind in (ReportKind.MONTHLY, ReportKind.MONTHLY_XLSX):
        progress = _shifted(progress, 0, 6)
    else:
        progress(0, 3, _("Membaca data"))
    return read_live_section(session, _SECTION[kind], month, today, programme_id, progress)


def read_live_section(
    session: Session,
    section: str,
    month: Month,
    today: date | None,
    programme_id: uuid.UUID | None = None,
    progress: ProgressFn = no_progress,
) -> Any:
    """One report's data read from the database (what closing a month stores): a running
    month's header says "SEMENTARA"; the monthly summary takes "bulan lalu" from the previous
    month's closed figures and lists the corrections made to closed months."""
    from desktop_app.reports.common import reference_day

    today = today or clock.today()
    data: Any
    if section == "monthly":
        from desktop_app.reports.monthly_data import build_monthly_summary

        data = build_monthly_summary(session, month=month, programme_id=programme_id,
                                     today=today, progress=progress)  # fmt: skip
        data = _with_closed_context(session, data, month, programme_id)
    elif section == "guardians":
        from desktop_app.reports.guardian_activity_data import build_guardian_activity

        data = build_guardian_activity(session, month=month, today=today)
    else:
        from desktop_app.reports.payments_data import build_payment_list

        data = build_payment_list(session, month=month, programme_id=programme_id, today=today)
    if month.last_day >= today:
        header = replace(data.header, provisional_until=reference_day(month, today))
        data = replace(data, header=header)
    return data


def _with_closed_context(
    session: Session, data: Any, month: Month, programme_id: uuid.UUID | None
) -> Any:
    from desktop_app.reports.closing import snapshot_report
    from desktop_app.reports.corrections import corrections_for

    rows, total = corrections_for(session, month)
    data = replace(data, corrections=rows, corrections_total=total)
    previous = snapshot_report(session, month.previous(), "monthly")
    if previous is None or programme_id is not None:
        return data
    last = previous.figures
    figures = replace(data.figures, stunted_last_month=last.stunted,
                      severely_stunted_last_month=last.severely_stunted)  # fmt: skip
    return replace(data, figures=figures, last_month_closed=True)


def _renderer(kind: ReportKind) -> Any:
    """The PDF renderer of ``kind`` (imported late: ReportLab is slow to load)."""
    if kind is ReportKind.CHILD:
        from desktop_app.reports.child_card import ChildCardRenderer

        return ChildCardRenderer()
    if kind is ReportKind.MONTHLY:
        from desktop_app.reports.monthly import MonthlySummaryRenderer

        return MonthlySummaryRenderer()
    if kind is ReportKind.GUARDIANS:
        from desktop_app.reports.guardian_activity import GuardianActivityRenderer

        return GuardianActivityRenderer()
    from desktop_app.reports.payments import PaymentListRenderer

    return PaymentListRenderer()


def _shifted(progress: ProgressFn, offset: int, total: int) -> ProgressFn:
    """Map a step's own ``(done, n)`` into the overall ``(offset + done, total)``."""

    def report(done: int, _n: int, label: str) -> None:
        progress(min(offset + done, total), total, label)

    return report
