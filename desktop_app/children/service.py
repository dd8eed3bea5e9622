"""The children's registry: register, edit, read and exit a child (anak/balita).

Forms are checked by ``children_form`` and compared with existing children by
``children_duplicates`` before anything is written. Services run in the caller's transaction on
the DB worker thread: they flush (so new ids exist) but never commit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from desktop_app.aid.service import cancel_future_plans
from desktop_app.assignments.service import active_assignment_rows, close_assignment
from desktop_app.children.duplicates import (
    DuplicateCandidate,
    DuplicateChildError,
    SameNikError,
    check_duplicates,
    record_duplicate_reason,
)
from desktop_app.children.form import (
    CONSENT_RELATIONS,
    ENROLMENT_STATUSES,
    EXIT_REASONS,
    RISK_FACTORS,
    SEXES,
    ChildForm,
    clean_child_form,
)
from desktop_app.children.legal_basis import has_legal_basis
from desktop_app.core import clock
from desktop_app.core.changes import Changes, writes
from desktop_app.core.codes import AssignmentStatus
from desktop_app.core.errors import ConflictError
from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import _
from desktop_app.core.records import AssignmentRecord, FieldErrors, get_live, load_assignments
from desktop_app.db.models import Child
from desktop_app.growth.age import completed_months

__all__ = [
    "CONSENT_RELATIONS",
    "ENROLMENT_STATUSES",
    "EXIT_REASONS",
    "RISK_FACTORS",
    "SEXES",
    "AssignmentRecord",
    "ChildForm",
    "ChildRecord",
    "DuplicateCandidate",
    "DuplicateChildError",
    "SameNikError",
    "child_form_from_record",
    "exit_child",
    "get_child",
    "register_child",
    "update_child",
]

# Form attributes stored as they are in the Child row (empty text is stored as NULL).
_OPTIONAL_TEXT = (
    "nik", "no_kk", "mother_name", "father_name", "phone", "address", "rt", "rw",
    "data_source", "consent_by", "consent_relation", "legal_basis", "legal_basis_note", "notes",
)  # fmt: skip
_PLAIN = (
    "name", "sex", "birth_date", "birth_weight_kg", "birth_length_cm", "desa_id", "posyandu_id",
    "enrolment_status", "enrolled_on", "has_kia_book", "consent_date",
)  # fmt: skip


@dataclass(frozen=True)
class ChildRecord:
    """A child as screens show it; ``age_months`` in completed months ("bulan penuh")."""

    id: uuid.UUID
    name: str
    nik: str | None
    no_kk: str | None
    sex: str
    birth_date: date
    birth_weight_kg: float | None
    birth_length_cm: float | None
    mother_name: str | None
    father_name: str | None
    phone: str | None
    address: str | None
    rt: str | None
    rw: str | None
    desa_id: uuid.UUID | None
    desa_name: str | None
    kecamatan_id: uuid.UUID | None
    kecamatan_name: str | None
    posyandu_id: uuid.UUID | None
    posyandu_name: str | None
    risk_factors: tuple[str, ...]
    enrolment_status: str
    data_source: str | None
    enrolled_on: date
    has_kia_book: bool
    exit_date: date | None
    exit_reason: str | None
    consent_date: date | None
    consent_by: str | None
    consent_relation: str | None
    legal_basis: str | None
    legal_basis_note: str | None
    notes: str | None
    age_months: int
    active_assignment: AssignmentRecord | None
    assignments: tuple[AssignmentRecord, ...]  # newest first

    @property
    def has_legal_basis(self) -> bool:
        """May health data (visits) be saved for this child? See ``children.legal_basis``."""
        return has_legal_basis(self)


def _search_text(child: Child) -> str:
    parts = (child.name, child.nik, child.no_kk, child.mother_name)
    return " ".join(p for p in parts if p).lower()


def _child_record(session: Session, child: Child, today: date) -> ChildRecord:
    assignments = tuple(load_assignments(session, child_id=child.id))
    desa, posyandu = child.desa, child.posyandu
    live_desa = desa if desa is not None and desa.deleted_at is None else None
    kecamatan = live_desa.kecamatan if live_desa is not None else None
    return ChildRecord(
        id=child.id,
        name=child.name,
        nik=child.nik,
        no_kk=child.no_kk,
        sex=child.sex,
        birth_date=child.birth_date,
        birth_weight_kg=child.birth_weight_kg,
        birth_length_cm=child.birth_length_cm,
        mother_name=child.mother_name,
        father_name=child.father_name,
        phone=child.phone,
        address=child.address,
        rt=child.rt,
        rw=child.rw,
        desa_id=child.desa_id,
        desa_name=live_desa.name if live_desa is not None else None,
        kecamatan_id=kecamatan.id if kecamatan is not None else None,
        kecamatan_name=kecamatan.name if kecamatan is not None else None,
        posyandu_id=child.posyandu_id,
        posyandu_name=posyandu.name
        if posyandu is not None and posyandu.deleted_at is None
        else None,
        risk_factors=tuple(child.risk_factors or ()),
        enrolment_status=child.enrolment_status,
        data_source=child.data_source,
        enrolled_on=child.enrolled_on,
        has_kia_book=child.has_kia_book,
        exit_date=child.exit_date,
        exit_reason=child.exit_reason,
        consent_date=child.consent_date,
        consent_by=child.consent_by,
        consent_relation=child.consent_relation,
        legal_basis=child.legal_basis,
        legal_basis_note=child.legal_basis_note,
        notes=child.notes,
        age_months=completed_months(child.birth_date, today) if today >= child.birth_date else 0,
        active_assignment=next((a for a in assignments if a.is_active), None),
        assignments=assignments,
    )


def _apply(child: Child, form: ChildForm) -> None:
    for name in _PLAIN:
        setattr(child, name, getattr(form, name))
    for name in _OPTIONAL_TEXT:
        setattr(child, name, getattr(form, name) or None)
    child.risk_factors = list(form.risk_factors)
    child.search_text = _search_text(child)


def _checked_form(
    session: Session,
    form: ChildForm,
    *,
    duplicate_reason: str | None,
    today: date,
    exclude_id: uuid.UUID | None = None,
) -> tuple[ChildForm, list[DuplicateCandidate]]:
    clean = clean_child_form(session, form, today=today)
    overridden = check_duplicates(
        session, form=clean, duplicate_reason=duplicate_reason, exclude_id=exclude_id
    )
    return clean, overridden


def _keep_reason(
    session: Session, child: Child, overridden: list[DuplicateCandidate], reason: str | None
) -> None:
    if overridden and reason:
        record_duplicate_reason(session, child_id=child.id, candidates=overridden, reason=reason)


@writes(Changes.CHILDREN)
def register_child(
    session: Session,
    *,
    form: ChildForm,
    duplicate_reason: str | None = None,
    today: date | None = None,
) -> ChildRecord:
    """Save a new child. ``ValidationError`` (by field), ``SameNikError`` (a live child has this
    NIK: always refused) or ``DuplicateChildError`` (same name, birth date and mother, unless
    ``duplicate_reason`` says why this is another child; the reason goes to the audit trail)
    leave the database untouched. ``enrolled_on`` defaults to ``today``."""
    today = today or clock.today()
    clean, overridden = _checked_form(session, form, duplicate_reason=duplicate_reason, today=today)
    child = Child()
    _apply(child, clean)
    session.add(child)
    session.flush()
    _keep_reason(session, child, overridden, duplicate_reason)
    return _child_record(session, child, today)


@writes(Changes.CHILDREN)
def update_child(
    session: Session,
    *,
    child_id: uuid.UUID,
    form: ChildForm,
    duplicate_reason: str | None = None,
    today: date | None = None,
) -> ChildRecord:
    """Save an edited child (same checks as ``register_child``; exit and history untouched).
    An empty ``enrolled_on`` keeps the stored enrolment date."""
    today = today or clock.today()
    child = get_live(session, Child, child_id, _("Data anak"))
    if form.enrolled_on is None:
        form = replace(form, enrolled_on=child.enrolled_on)
    clean, overridden = _checked_form(
        session, form, duplicate_reason=duplicate_reason, today=today, exclude_id=child.id
    )
    _apply(child, clean)
    session.flush()
    _keep_reason(session, child, overridden, duplicate_reason)
    return _child_record(session, child, today)


@writes(Changes.CHILDREN | Changes.ASSIGNMENTS | Changes.AID)
def exit_child(
    session: Session,
    *,
    child_id: uuid.UUID,
    exit_date: date,
    reason: str,
    today: date | None = None,
) -> ChildRecord:
    """Record that the child left the programme (``reason`` a code of ``EXIT_REASONS``) and end
    its active assignment on the same date with that reason."""
    today = today or clock.today()
    child = get_live(session, Child, child_id, _("Data anak"))
    if child.exit_date is not None:
        raise ConflictError(
            _("{name} sudah keluar dari program pada {date}").format(
                name=child.name, date=format_date(child.exit_date)
            )
        )
    errors = FieldErrors()
    if reason not in EXIT_REASONS:
        errors.add("exit_reason", _("Alasan keluar wajib dipilih"))
    if exit_date > today:
        errors.add("exit_date", _("Tanggal keluar tidak boleh setelah hari ini"))
    elif exit_date < child.enrolled_on:
        errors.add(
            "exit_date",
            _("Tanggal keluar tidak boleh sebelum tanggal pendaftaran ({date})").format(
                date=format_date(child.enrolled_on)
            ),
        )
    # Normally one; several after two laptops assigned the child offline: all end with the exit.
    active = active_assignment_rows(session, child.id)
    latest_start = max((row.start_date for row in active), default=None)
    if latest_start is not None and exit_date < latest_start and not errors.has("exit_date"):
        errors.add(
            "exit_date",
            _(
                "Tanggal keluar tidak boleh sebelum penugasan orang tua asuh dimulai ({date})"
            ).format(date=format_date(latest_start)),
        )
    errors.raise_if_any()
    for row in active:
        close_assignment(
            row, on=exit_date, status=AssignmentStatus.ENDED, reason=EXIT_REASONS[reason]
        )
    cancel_future_plans(session, child_id=child.id, after=exit_date)  # no aid after exit
    child.exit_date = exit_date
    child.exit_reason = reason
    session.flush()
    return _child_record(session, child, today)


def get_child(session: Session, *, child_id: uuid.UUID, today: date | None = None) -> ChildRecord:
    """The child with its assignments; ``NotFoundError`` if missing or deleted."""
    child = get_live(session, Child, child_id, _("Data anak"))
    return _child_record(session, child, today or clock.today())


def child_form_from_record(record: ChildRecord) -> ChildForm:
    """A form pre-filled from ``record``, for the edit dialog."""
    return ChildForm(
        name=record.name,
        nik=record.nik or "",
        no_kk=record.no_kk or "",
        sex=record.sex,
        birth_date=record.birth_date,
        birth_weight_kg=record.birth_weight_kg,
        birth_length_cm=record.birth_length_cm,
        mother_name=record.mother_name or "",
        father_name=record.father_name or "",
        phone=record.phone or "",
        address=record.address or "",
        rt=record.rt or "",
        rw=record.rw or "",
        desa_id=record.desa_id,
        posyandu_id=record.posyandu_id,
        risk_factors=list(record.risk_factors),
        enrolment_status=record.enrolment_status,
        data_source=record.data_source or "",
        enrolled_on=record.enrolled_on,
        has_kia_book=record.has_kia_book,
        consent_date=record.consent_date,
        consent_by=record.consent_by or "",
        consent_relation=record.consent_relation or "",
        legal_basis=record.legal_basis or "",
        legal_basis_note=record.legal_basis_note or "",
        notes=record.notes or "",
    )
