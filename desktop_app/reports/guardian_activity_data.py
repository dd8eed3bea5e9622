"""Data of the Laporan kegiatan orang tua asuh: per guardian (ASN, CSR ...) and per OPD.

For a month, with the definitions of :mod:`desktop_app.reports.figures` (the monthly summary's):
children fostered (assignments in the month of registered children), visits made in the month to
them, the last visit ever made up to the month's end, and aid paid for the aid month by the
guardian's assignments. Every live guardian is listed, also those with no child yet and inactive
ones, so an office sees who has not started; "ASN terdaftar" counts active ASN only. Guardians
without an OPD (CSR sponsors, others) and aid paid without a guardian form the "CSR / lainnya"
row. Runs on the DB worker thread (read only).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.codes import GuardianKind
from desktop_app.core.i18n import _
from desktop_app.core.month import Month
from desktop_app.db.models import AidPayment, Assignment, Guardian, Opd, Visit
from desktop_app.reports.common import reference_day
from desktop_app.reports.figures import CSR_OTHER_LABEL, aid_of_month, assignment_in_month
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
    active: bool = True  # an inactive guardian is listed but not counted as "ASN terdaftar"


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
    #: Children with a guardian in the month, each once (``reports.figures``): the OPD table's
    #: "Anak asuh" adds up to more when a child's guardians belong to two rows.
    children_with_guardian: int = 0


def build_guardian_activity(
    session: Session, *, month: date | Month, today: date | None = None
) -> GuardianActivityData:
    period = month if isinstance(month, Month) else Month.of(month)
    ref = reference_day(period, today)
    children: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for guardian_id, child_id in session.execute(
        select(Assignment.guardian_id, Assignment.child_id).where(assignment_in_month(period, ref))
    ):
        children[guardian_id].add(child_id)
    fostered = select(Assignment.child_id).where(assignment_in_month(period, ref))
    visits = dict(
        session.execute(
            select(Visit.guardian_id, func.count())
            .where(Visit.deleted_at.is_(None), Visit.visit_date.between(period.first_day, ref),
                   Visit.child_id.in_(fostered))
            .group_by(Visit.guardian_id)
        ).all()
    )  # fmt: skip
    last_visit = dict(
        session.execute(
            select(Visit.guardian_id, func.max(Visit.visit_date))
            .where(Visit.deleted_at.is_(None), Visit.visit_date <= ref)
            .group_by(Visit.guardian_id)
        ).all()
    )
    aid: dict[uuid.UUID | None, int] = defaultdict(int)
    for guardian_id, amount in session.execute(
        select(Assignment.guardian_id, func.sum(AidPayment.amount))
        .outerjoin(Assignment, Assignment.id == AidPayment.assignment_id)
        .where(aid_of_month(period, paid=True))
        .group_by(Assignment.guardian_id)
    ):
        aid[guardian_id] += int(amount or 0)
    opds = session.execute(
        select(Opd.id, Opd.code, Opd.name).where(Opd.deleted_at.is_(None)).order_by(Opd.name)
    ).all()
    opd_names = {opd_id: name for opd_id, _, name in opds}
    rows = []
    per_opd: dict[uuid.UUID | None, list[tuple[uuid.UUID, GuardianRow]]] = defaultdict(list)
    for gid, name, nip, kind, opd_id, company, active in session.execute(
        select(
            Guardian.id,
            Guardian.name,
            Guardian.nip,
            Guardian.kind,
            Guardian.opd_id,
            Guardian.company,
            Guardian.active,
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
            aid_paid=aid.get(gid, 0),
            active=bool(active),
        )
        rows.append(row)
        per_opd[opd_id if opd_id in opd_names else None].append((gid, row))

    def opd_row(code: str, name: str, members: list[tuple[uuid.UUID, GuardianRow]],
                extra_aid: int = 0) -> OpdActivityRow:  # fmt: skip
        return OpdActivityRow(
            code, name,
            guardians=sum(r.active and r.kind == GuardianKind.ASN for _, r in members),
            active_guardians=sum(r.children > 0 for _, r in members),
            children=len(set().union(*(children[gid] for gid, _ in members))),
            visits=sum(r.visits for _, r in members),
            aid_paid=sum(r.aid_paid for _, r in members) + extra_aid,
        )  # fmt: skip

    opd_rows = [opd_row(code, name, per_opd[opd_id]) for opd_id, code, name in opds]
    if per_opd[None] or aid.get(None):
        # CSR sponsors, other guardians and aid paid without a guardian: one row, so the
        # totals reconcile with the monthly summary
        opd_rows.append(opd_row("-", _(CSR_OTHER_LABEL), per_opd[None], aid.get(None, 0)))
    with_guardian = len(set().union(*children.values())) if children else 0
    return GuardianActivityData(
        build_report_header(session, today=today),
        period,
        tuple(rows),
        tuple(opd_rows),
        with_guardian,
    )
