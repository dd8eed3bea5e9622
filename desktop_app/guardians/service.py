"""The foster parents' registry (orang tua asuh): ASN with a NIP and an OPD, CSR companies,
others. Services run in the caller's transaction on the DB worker thread; they never commit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core import clock
from desktop_app.core.changes import Changes, writes
from desktop_app.core.codes import GuardianKind
from desktop_app.core.errors import ConflictError
from desktop_app.core.i18n import N_, _, ngettext
from desktop_app.core.records import AssignmentRecord, FieldErrors, get_live, load_assignments
from desktop_app.db.models import Guardian, Opd
from desktop_app.guardians.duplicates import (
    DuplicateGuardianCandidate,
    DuplicateGuardianError,
    find_duplicate_guardians,
    record_guardian_duplicate_reason,
)
from desktop_app.validation import (
    InvalidNumberError,
    NipInfo,
    collapse_spaces,
    digits_only,
    email_problem,
    nip_problem,
    normalise_name,
    normalise_phone,
    parse_nip,
    phone_problem,
)

__all__ = [
    "GUARDIAN_KINDS",
    "DuplicateGuardianCandidate",
    "DuplicateGuardianError",
    "GuardianForm",
    "GuardianRecord",
    "check_guardian_fields",
    "deactivate_guardian",
    "get_guardian",
    "reactivate_guardian",
    "register_guardian",
    "still_fostering_message",
    "update_guardian",
]

GUARDIAN_KINDS: dict[str, str] = {
    GuardianKind.ASN: N_("ASN"),
    GuardianKind.CSR: N_("CSR / Perusahaan"),
    GuardianKind.OTHER: N_("Lainnya"),
}

# Form attributes with their column lengths and labels (empty text is stored as NULL).
_TEXT_FIELDS = {
    "position": (150, N_("Jabatan")),
    "rank": (30, N_("Pangkat/golongan")),
    "email": (120, N_("Email")),
    "company": (150, N_("Nama perusahaan")),
    "contact_person": (150, N_("Narahubung")),
}


@dataclass
class GuardianForm:
    kind: str = GuardianKind.ASN
    name: str = ""
    nip: str = ""
    opd_id: uuid.UUID | None = None
    position: str = ""
    rank: str = ""
    phone: str = ""
    email: str = ""
    company: str = ""
    contact_person: str = ""
    notes: str = ""


@dataclass(frozen=True)
class GuardianRecord:
    """A guardian as screens show it, with the children fostered now."""

    id: uuid.UUID
    kind: str
    name: str
    nip: str | None
    opd_id: uuid.UUID | None
    opd_name: str | None
    position: str | None
    rank: str | None
    phone: str | None
    email: str | None
    company: str | None
    contact_person: str | None
    notes: str | None
    active: bool
    active_children: tuple[AssignmentRecord, ...]
    nip_info: NipInfo | None


def _nip_info(nip: str | None) -> NipInfo | None:
    if not nip:
        return None
    try:
        return parse_nip(nip)
    except InvalidNumberError:  # saved before a rule changed, or synced from elsewhere
        return None


def _record(session: Session, guardian: Guardian) -> GuardianRecord:
    opd = guardian.opd if guardian.opd is not None and guardian.opd.deleted_at is None else None
    return GuardianRecord(
        id=guardian.id,
        kind=guardian.kind,
        name=guardian.name,
        nip=guardian.nip,
        opd_id=guardian.opd_id,
        opd_name=opd.name if opd is not None else None,
        position=guardian.position,
        rank=guardian.rank,
        phone=guardian.phone,
        email=guardian.email,
        company=guardian.company,
        contact_person=guardian.contact_person,
        notes=guardian.notes,
        active=guardian.active,
        active_children=tuple(load_assignments(session, guardian_id=guardian.id, active_only=True)),
        nip_info=_nip_info(guardian.nip),
    )


def _normalised(form: GuardianForm) -> GuardianForm:
    return replace(
        form,
        kind=collapse_spaces(form.kind),
        name=normalise_name(form.name),
        nip=digits_only(form.nip),
        position=collapse_spaces(form.position),
        rank=collapse_spaces(form.rank),
        phone=normalise_phone(collapse_spaces(form.phone)),
        email=collapse_spaces(form.email).lower(),
        company=collapse_spaces(form.company),
        contact_person=normalise_name(form.contact_person),
        notes=(form.notes or "").strip(),
    )


def _nip_taken(session: Session, nip: str, exclude_id: uuid.UUID | None) -> str | None:
    """A live guardian other than ``exclude_id`` already has this NIP (named), or None."""
    query = select(Guardian).where(Guardian.nip == nip, Guardian.deleted_at.is_(None))
    if exclude_id is not None:
        query = query.where(Guardian.id != exclude_id)
    other = session.scalars(query).first()
    if other is not None:
        return _("NIP ini sudah terdaftar atas nama {name}").format(name=other.name)
    return None


def check_guardian_fields(form: GuardianForm, *, today: date, errors: FieldErrors) -> None:
    """Every rule of a guardian that needs no database (kind, name, NIP, the fields each kind
    requires, texts, phone, e-mail), added to ``errors``. The form and the district server's
    check of a received row (``sync.row_checks``) share it; the NIP's uniqueness and the OPD's
    existence are the callers' (they read the database)."""
    if form.kind not in GUARDIAN_KINDS:
        errors.add("kind", _("Jenis orang tua asuh wajib dipilih"))
    if not form.name:
        errors.add("name", _("Nama orang tua asuh wajib diisi"))
    errors.check_text("name", form.name, 150, _("Nama orang tua asuh"))
    if form.nip:
        errors.add("nip", nip_problem(form.nip, today=today))
    elif form.kind == GuardianKind.ASN:
        errors.add("nip", _("NIP wajib diisi untuk ASN"))
    if form.opd_id is None and form.kind == GuardianKind.ASN:
        errors.add("opd_id", _("OPD wajib dipilih untuk ASN"))
    if form.kind == GuardianKind.CSR and not form.company:
        errors.add("company", _("Nama perusahaan wajib diisi untuk CSR"))
    for name, (limit, label) in _TEXT_FIELDS.items():
        errors.check_text(name, getattr(form, name), limit, _(label))
    if form.phone:
        errors.add("phone", phone_problem(form.phone))
    if form.email:
        errors.add("email", email_problem(form.email))


def _clean_form(
    session: Session, form: GuardianForm, *, exclude_id: uuid.UUID | None, today: date
) -> GuardianForm:
    clean = _normalised(form)
    errors = FieldErrors()
    check_guardian_fields(clean, today=today, errors=errors)
    if clean.nip and not errors.has("nip"):
        errors.add("nip", _nip_taken(session, clean.nip, exclude_id))
    if clean.opd_id is not None:
        opd = session.get(Opd, clean.opd_id)
        if opd is None or opd.deleted_at is not None:
            errors.add("opd_id", _("OPD yang dipilih tidak ditemukan"))
    errors.raise_if_any()
    return clean


def _apply(guardian: Guardian, form: GuardianForm) -> None:
    guardian.kind = form.kind
    guardian.name = form.name
    guardian.opd_id = form.opd_id
    for name in ("nip", "position", "rank", "phone", "email", "company", "contact_person", "notes"):
        setattr(guardian, name, getattr(form, name) or None)
    parts = (form.name, form.nip, form.company, form.contact_person)
    guardian.search_text = " ".join(p for p in parts if p).lower()


def _soft_matches(
    session: Session,
    clean: GuardianForm,
    reason: str | None,
    exclude_id: uuid.UUID | None,
) -> list[DuplicateGuardianCandidate]:
    candidates = find_duplicate_guardians(
        session,
        name=clean.name,
        nip=clean.nip or None,
        phone=clean.phone or None,
        company=clean.company or None,
        exclude_id=exclude_id,
    )
    if candidates and not (reason or "").strip():
        raise DuplicateGuardianError(candidates)
    return candidates


def _keep_reason(
    session: Session,
    guardian: Guardian,
    candidates: list[DuplicateGuardianCandidate],
    reason: str | None,
) -> None:
    if candidates and reason:
        record_guardian_duplicate_reason(
            session, guardian_id=guardian.id, candidates=candidates, reason=reason
        )


@writes(Changes.GUARDIANS)
def register_guardian(
    session: Session,
    *,
    form: GuardianForm,
    duplicate_reason: str | None = None,
    today: date | None = None,
) -> GuardianRecord:
    """Save a new, active guardian. ``ValidationError`` by field (a NIP already registered is
    one, never overridable) or ``DuplicateGuardianError`` (same name and birth date, phone or
    company, unless ``duplicate_reason`` says why; the reason goes to the audit trail) leave
    the database untouched. ``today`` bounds the NIP's appointment month (tests pin it)."""
    clean = _clean_form(session, form, exclude_id=None, today=today or clock.today())
    candidates = _soft_matches(session, clean, duplicate_reason, None)
    guardian = Guardian(active=True)
    _apply(guardian, clean)
    session.add(guardian)
    session.flush()
    _keep_reason(session, guardian, candidates, duplicate_reason)
    return _record(session, guardian)


@writes(Changes.GUARDIANS)
def update_guardian(
    session: Session,
    *,
    guardian_id: uuid.UUID,
    form: GuardianForm,
    duplicate_reason: str | None = None,
    today: date | None = None,
) -> GuardianRecord:
    """Save an edited guardian (same rules as ``register_guardian``)."""
    guardian = get_live(session, Guardian, guardian_id, _("Orang tua asuh"))
    clean = _clean_form(session, form, exclude_id=guardian.id, today=today or clock.today())
    candidates = _soft_matches(session, clean, duplicate_reason, guardian.id)
    _apply(guardian, clean)
    session.flush()
    _keep_reason(session, guardian, candidates, duplicate_reason)
    return _record(session, guardian)


def get_guardian(session: Session, *, guardian_id: uuid.UUID) -> GuardianRecord:
    """The guardian with the children fostered now; ``NotFoundError`` if missing or deleted."""
    return _record(session, get_live(session, Guardian, guardian_id, _("Orang tua asuh")))


def still_fostering_message(name: str, count: int) -> str:
    """Why ``name`` cannot be deactivated while fostering ``count`` children, and what to do.

    One text for the service's refusal and for the screen that checks the list's count before
    asking, so the office reads the same words either way."""
    return ngettext(
        "{name} masih mengasuh {count} anak. Akhiri atau alihkan penugasannya di menu "
        "Penugasan sebelum menonaktifkan.",
        "{name} masih mengasuh {count} anak. Akhiri atau alihkan penugasannya di menu "
        "Penugasan sebelum menonaktifkan.",
        count,
    ).format(name=name, count=count)


@writes(Changes.GUARDIANS)
def deactivate_guardian(session: Session, *, guardian_id: uuid.UUID) -> GuardianRecord:
    """Mark the guardian inactive (kept for history and reports, offered for no new child).

    ``ConflictError`` naming the count while the guardian still has active assignments: they
    are never ended here, because ending one needs a date and a reason the office must choose
    (Penugasan > Akhiri / Alihkan). Deactivating an inactive guardian changes nothing."""
    guardian = get_live(session, Guardian, guardian_id, _("Orang tua asuh"))
    active = load_assignments(session, guardian_id=guardian.id, active_only=True)
    if active:
        raise ConflictError(still_fostering_message(guardian.name, len(active)))
    guardian.active = False
    session.flush()
    return _record(session, guardian)


@writes(Changes.GUARDIANS)
def reactivate_guardian(session: Session, *, guardian_id: uuid.UUID) -> GuardianRecord:
    """Make an inactive guardian available for new children again."""
    guardian = get_live(session, Guardian, guardian_id, _("Orang tua asuh"))
    guardian.active = True
    session.flush()
    return _record(session, guardian)
