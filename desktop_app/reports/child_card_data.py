"""Data of the Kartu anak: identity (NIK masked by default), guardian, visit history with the
stored z-scores and their Permenkes categories. Read only, DB worker thread."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.errors import NotFoundError, PermissionDeniedError
from desktop_app.core.i18n import _
from desktop_app.core.permissions import may_see_full_identifiers
from desktop_app.db.models import (
    AidPayment,
    Assignment,
    Child,
    Desa,
    Guardian,
    Kecamatan,
    Posyandu,
    Programme,
    Visit,
)
from desktop_app.growth import (
    Indicator,
    Measurement,
    Sex,
    Weighing,
    age_days_between,
    assess_all,
    classify,
    completed_months,
    weighing_history,
)
from desktop_app.growth.bulk import HEIGHT_FROM_DAYS
from desktop_app.growth.zscores import as_measure
from desktop_app.reports.common import masked
from desktop_app.reports.header_data import ReportHeader, build_report_header
from desktop_app.settings.kbm import load_kbm_table

__all__ = ["AidLine", "ChildCardData", "VisitLine", "build_child_card"]


@dataclass(frozen=True)
class VisitLine:
    on: date
    age_days: int
    age_months: int
    weight_kg: float | None
    lenhei_cm: float | None
    zlen: float | None
    zwei: float | None
    zwfl: float | None
    tbu: str  # category labels ("" when no plausible z-score)
    bbu: str
    bbtb: str
    guardian: str
    place: str = ""  # rumah | posyandu | puskesmas (stored code)
    mark: str = ""  # the month's weighing code (N, T, 2T, O, B) on its last weighing, else ""
    #: The length/height the z-scores were computed from: ``lenhei_cm`` after WHO's 0.7 cm
    #: position adjustment (a length under 24 months, a height from then on), None if not measured.
    lenhei_adjusted_cm: float | None = None

    @property
    def position_adjusted(self) -> bool:
        """True when the measured length/height was moved 0.7 cm for the measuring position."""
        return (
            self.lenhei_cm is not None
            and self.lenhei_adjusted_cm is not None
            and abs(self.lenhei_adjusted_cm - self.lenhei_cm) > 1e-9
        )

    @property
    def is_height(self) -> bool:
        """From 24 months (731 days) WHO uses the standing height, before it the lying length."""
        return self.age_days >= HEIGHT_FROM_DAYS


@dataclass(frozen=True)
class AidLine:
    """One month's aid for the child, as stored on the payment."""

    month: date
    programme: str
    amount: int
    status: str  # rencana | dibayar | batal
    paid_on: date | None
    method: str
    reference: str


@dataclass(frozen=True)
class ChildCardData:
    header: ReportHeader
    name: str
    nik: str  # masked unless asked otherwise
    no_kk: str
    sex: str  # "L" | "P"
    birth_date: date
    mother_name: str
    father_name: str
    address: str
    desa: str
    kecamatan: str
    posyandu: str
    enrolment_status: str
    enrolled_on: date
    guardian: str
    guardian_opd: str
    visits: tuple[VisitLine, ...]
    exit_date: date | None = None
    exit_reason: str = ""  # stored code; "" while the child is in the programme
    aid: tuple[AidLine, ...] = ()

    @property
    def latest(self) -> VisitLine | None:
        measured = [v for v in self.visits if v.weight_kg is not None or v.lenhei_cm is not None]
        return measured[-1] if measured else None


def _label(indicator: Indicator, z: float | None, flag: bool | None) -> str:
    category = None if flag else classify(indicator, z)
    return _(category.label) if category else ""


def build_child_card(
    session: Session, *, child_id: uuid.UUID, mask: bool = True, today: date | None = None
) -> ChildCardData:
    """Raises :class:`NotFoundError` for an unknown or deleted child. ``mask=False`` (full NIK
    and No. KK on paper) only for a role that may see them (Admin): PermissionDeniedError
    otherwise."""
    if not mask and not may_see_full_identifiers(session):
        raise PermissionDeniedError(_("Hanya Admin yang dapat mencetak NIK dan No. KK lengkap."))
    child = session.get(Child, child_id)
    if child is None or child.deleted_at is not None:
        raise NotFoundError(_("Anak tidak ditemukan."))
    area = ("-", "-")
    if child.desa_id:
        found = session.execute(
            select(Desa.name, Kecamatan.name).join(Kecamatan).where(Desa.id == child.desa_id)
        ).first()
        area = (found[0], found[1]) if found else area
    posyandu = session.get(Posyandu, child.posyandu_id) if child.posyandu_id else None
    guardian = (
        session.execute(
            select(Guardian)
            .join(Assignment, Assignment.guardian_id == Guardian.id)
            .where(Assignment.child_id == child.id, Assignment.deleted_at.is_(None))
            .order_by(Assignment.end_date.is_(None).desc(), Assignment.start_date.desc())
        )
        .scalars()
        .first()
    )
    names = dict(session.execute(select(Guardian.id, Guardian.name)).all())
    visits = session.execute(
        select(Visit)
        .where(Visit.child_id == child.id, Visit.deleted_at.is_(None))
        .order_by(Visit.visit_date)
    ).scalars()
    kept = [v for v in visits if v.visit_date >= child.birth_date]  # impossible dates left out
    marks = _weighing_marks(session, child.birth_date, kept)
    adjusted = _adjusted_lengths(child.sex, child.birth_date, kept)
    lines = []
    for v, lenhei_adjusted in zip(kept, adjusted, strict=True):
        lines.append(
            VisitLine(
                on=v.visit_date,
                age_days=age_days_between(child.birth_date, v.visit_date),
                age_months=completed_months(child.birth_date, v.visit_date),
                weight_kg=v.weight_kg,
                lenhei_cm=v.lenhei_cm,
                zlen=None if v.flen else v.zlen,
                zwei=None if v.fwei else v.zwei,
                zwfl=None if v.fwfl else v.zwfl,
                tbu=_label(Indicator.TB_U, v.zlen, v.flen),
                bbu=_label(Indicator.BB_U, v.zwei, v.fwei),
                bbtb=_label(Indicator.BB_TB, v.zwfl, v.fwfl),
                guardian=names.get(v.guardian_id, "-") if v.guardian_id else "-",
                place=v.place or "",
                mark=marks.get(v.id, ""),
                lenhei_adjusted_cm=lenhei_adjusted,
            )  # fmt: skip
        )
    rt_rw = f" RT {child.rt}/RW {child.rw}" if child.rt or child.rw else ""
    return ChildCardData(
        header=build_report_header(session, today=today),
        name=child.name,
        nik=masked(child.nik) if mask else (child.nik or "-"),
        no_kk=masked(child.no_kk) if mask else (child.no_kk or "-"),
        sex=child.sex,
        birth_date=child.birth_date,
        mother_name=child.mother_name or "-",
        father_name=child.father_name or "-",
        address=(child.address or "-") + rt_rw,
        desa=area[0],
        kecamatan=area[1],
        posyandu=posyandu.name if posyandu else "-",
        enrolment_status=child.enrolment_status,
        enrolled_on=child.enrolled_on,
        guardian=guardian.name if guardian else "-",
        guardian_opd=(guardian.opd.name if guardian and guardian.opd else "-"),
        visits=tuple(lines),
        exit_date=child.exit_date,
        exit_reason=child.exit_reason or "",
        aid=_aid_history(session, child.id),
    )


def _adjusted_lengths(sex: str, birth: date, visits: list[Visit]) -> list[float | None]:
    """Each visit's length/height after WHO's measuring-position rule, as the growth module
    applies it for the z-scores (:func:`desktop_app.growth.assess_all`; rule in growth.bulk)."""
    if not visits:
        return []
    code = Sex.MALE if sex == "L" else Sex.FEMALE
    return [
        a.lenhei_adjusted_cm
        for a in assess_all([
            Measurement(sex=code, age_days=age_days_between(birth, v.visit_date),
                        lenhei_cm=v.lenhei_cm, measure=as_measure(v.measure))
            for v in visits
        ])
    ]  # fmt: skip


def _weighing_marks(session: Session, birth: date, visits: list[Visit]) -> dict[uuid.UUID, str]:
    """The month's code (N, T, 2T, O, B) on the visit that is each month's last weighing (the
    KBM rule of :mod:`desktop_app.growth.monthly`, the live KBM table)."""
    weighed = [v for v in visits if v.weight_kg is not None]
    if not weighed:
        return {}
    by_weighing = {(v.visit_date, v.weight_kg): v.id for v in weighed}
    history = weighing_history(
        birth,
        [Weighing(v.visit_date, v.weight_kg, None if v.fwei else v.zwei) for v in weighed
         if v.weight_kg is not None],
        load_kbm_table(session),
    )  # fmt: skip
    marks: dict[uuid.UUID, str] = {}
    for status in history.values():
        visit_id = by_weighing.get((status.weighing.on, status.weighing.weight_kg))
        if visit_id is not None:
            marks[visit_id] = status.code
    return marks


def _aid_history(session: Session, child_id: uuid.UUID) -> tuple[AidLine, ...]:
    rows = session.execute(
        select(AidPayment.month, Programme.name, AidPayment.amount, AidPayment.status,
               AidPayment.paid_on, AidPayment.method, AidPayment.reference)
        .join(Programme, Programme.id == AidPayment.programme_id)
        .where(AidPayment.child_id == child_id, AidPayment.deleted_at.is_(None))
        .order_by(AidPayment.month, Programme.name)
    ).all()  # fmt: skip
    return tuple(
        AidLine(month, programme, amount, status, paid_on, method or "", reference or "")
        for month, programme, amount, status, paid_on, method, reference in rows
    )
