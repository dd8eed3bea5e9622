"""Data of the Laporan kegiatan orang tua asuh: per guardian (ASN, CSR ...) and per OPD.

For a month: children fostered (assignments in the month, as in ``month_scope``), visits made
in the month, the last visit ever made up to the month's end, and aid paid in the month for the
guardian's assignments. Every live guardian is listed, also those with no child yet, so an
office sees who has not started. Runs on the DB worker thread (read only).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop_app.core.codes import PaymentStatus
from desktop_app.core.month import Month
from desktop_app.db.models import AidPayment, Assignment, Guardian, Opd, Visit
from desktop_app.reports.common import reference_day
from desktop_app.reports.header_data import ReportHeader, build_report_header

__all__ = ["GuardianActivityData", "GuardianRow", "OpdActivityRow", "build_guardian_activity"]


@dataclass(frozen=True)
class GuardianRow:
    name: str
    nip: str
    kind: str  # asn | csr | lainnya
    opd: str
    children: int
    visits: int
    last_visit: date | None
    aid_paid: int  # rupiah


@dataclass(frozen=True)
class OpdActivityRow:
    code: str
    name: str
    guardians: int
    active_guardians: int
    children: int
    visits: int
    aid_paid: int


@dataclass(frozen=True)
class GuardianActivityData:
    header: ReportHeader
    month: Month
    guardians: tuple[GuardianRow, ...]
    opds: tuple[OpdActivityRow, ...]


def build_guardian_activity(
    session: Session, *, month: date | Month, today: date | None = None
) -> GuardianActivityData:
    period = month if isinstance(month, Month) else Month.of(month)
    ref = reference_day(period, today)
    children: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for guardian_id, child_id in session.execute(
        select(Assignment.guardian_id, Assignment.child_id).where(
            Assignment.deleted_at.is_(None),
            Assignment.start_date <= ref,
            or_(Assignment.end_date.is_(None), Assignment.end_date >= period.first_day),
        )
    ):
        children[guardian_id].add(child_id)
    visits = dict(
        session.execute(
            select(Visit.guardian_id, func.count())
            .where(Visit.deleted_at.is_(None), Visit.visit_date.between(period.first_day, ref))
            .group_by(Visit.guardian_id)
        ).all()
    )
    last_visit = dict(
        session.execute(
            select(Visit.guardian_id, func.max(Visit.visit_date))
            .where(Visit.deleted_at.is_(None), Visit.visit_date <= ref)
            .group_by(Visit.guardian_id)
        ).all()
    )
    aid = dict(
        session.execute(
            select(Assignment.guardian_id, func.sum(AidPayment.amount))
            .join(Assignment, Assignment.id == AidPayment.assignment_id)
            .where(
                AidPayment.deleted_at.is_(None),
                AidPayment.month == period.first_day,
                AidPayment.status == PaymentStatus.PAID,
            )
            .group_by(Assignment.guardian_id)
        ).all()
    )
    opds = session.execute(
        select(Opd.id, Opd.code, Opd.name).where(Opd.deleted_at.is_(None)).order_by(Opd.name)
    ).all()
    opd_names = {opd_id: name for opd_id, _, name in opds}
    rows = []
    per_opd: dict[uuid.UUID, list[GuardianRow]] = defaultdict(list)
    for gid, name, nip, kind, opd_id, company in session.execute(
        select(
            Guardian.id,
            Guardian.name,
            Guardian.nip,
            Guardian.kind,
            Guardian.opd_id,
            Guardian.company,
        )  # fmt: skip
        .where(Guardian.deleted_at.is_(None))
        .order_by(Guardian.name)
    ):
        row = GuardianRow(
            name=name,
            nip=nip or "-",
            kind=kind,
            opd=(opd_names.get(opd_id) if opd_id is not None else None) or company or "-",
            children=len(children[gid]),
            visits=visits.get(gid, 0),
            last_visit=last_visit.get(gid),
            aid_paid=int(aid.get(gid) or 0),
        )
        rows.append(row)
        if opd_id is not None and opd_id in opd_names:
            per_opd[opd_id].append(row)
    opd_rows = tuple(
        OpdActivityRow(
            code, name,
            guardians=len(per_opd[opd_id]),
            active_guardians=sum(r.children > 0 for r in per_opd[opd_id]),
            children=sum(r.children for r in per_opd[opd_id]),
            visits=sum(r.visits for r in per_opd[opd_id]),
            aid_paid=sum(r.aid_paid for r in per_opd[opd_id]),
        )
        for opd_id, code, name in opds
    )  # fmt: skip
    return GuardianActivityData(
        build_report_header(session, today=today), period, tuple(rows), opd_rows
    )
