"""Kunjungan: record, correct and remove a visit with the child's measurements.

A visit stores the measurements (kg, cm, 0.1 resolution) and their WHO assessment, computed by
:func:`desktop_app.visits.preview.preview_assessment` exactly as the form showed it. A visit date
before birth or in the future is refused (``ValidationError`` on ``visit_date``); a value WHO
calls implausible raises :class:`ImplausibleMeasurementError` unless the user confirmed it.
Services run in the caller's transaction on the DB worker thread: they flush, never commit.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.assignments.service import active_assignment_row
from desktop_app.children.legal_basis import has_legal_basis, missing_basis_message
from desktop_app.core import clock
from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import DomainError
from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import N_, _
from desktop_app.core.records import FieldErrors, get_live
from desktop_app.db.base import utcnow
from desktop_app.db.models import Child, Guardian, Visit
from desktop_app.validation import nfc
from desktop_app.visits.checks import HistoryCheck, check_against_history
from desktop_app.visits.preview import AssessmentPreview, preview_assessment
from desktop_app.visits.queries import visit_history
from desktop_app.visits.records import VisitRecord, visit_record

__all__ = [
    "EDUCATION_TOPICS",
    "HELP_TYPES",
    "MEASURES",
    "PLACES",
    "ImplausibleMeasurementError",
    "VisitCheckError",
    "VisitForm",
    "VisitRecord",
    "check_visit_fields",
    "child_visits",
    "delete_visit",
    "get_visit",
    "record_visit",
    "update_visit",
    "visit_date_problem",
    "visit_form_from_record",
]

PLACES = {"rumah": N_("Rumah"), "posyandu": N_("Posyandu"), "puskesmas": N_("Puskesmas")}
MEASURES = {"l": N_("Berbaring (panjang badan)"), "h": N_("Berdiri (tinggi badan)")}
EDUCATION_TOPICS = {
    "asi_mpasi": N_("ASI/MP-ASI"),
    "gizi_seimbang": N_("Pola makan gizi seimbang"),
    "cuci_tangan": N_("Kebersihan/cuci tangan"),
    "sanitasi": N_("Sanitasi/jamban"),
    "air_bersih": N_("Air bersih"),
    "imunisasi": N_("Imunisasi"),
    "pemeriksaan": N_("Pemeriksaan rutin"),
    "stimulasi": N_("Stimulasi tumbuh kembang"),
    "asap_rokok": N_("Bahaya asap rokok"),
}
HELP_TYPES = {
    "pmt": N_("PMT/makanan"),
    "vitamin": N_("Vitamin"),
    "susu": N_("Susu"),
    "rujukan": N_("Rujukan ke puskesmas"),
}

# Plausible ranges of what can be typed (kg, cm): outside them the number is a typing error,
# not a child. WHO's implausibility flags judge the values inside these ranges.
_RANGES = {
    "weight_kg": (0.5, 40.0, N_("Berat badan"), "kg"),
    "lenhei_cm": (35.0, 130.0, N_("Panjang/tinggi badan"), "cm"),
    "headc_cm": (25.0, 60.0, N_("Lingkar kepala"), "cm"),
    "muac_cm": (6.0, 30.0, N_("LiLA"), "cm"),
}
_TEXT_LIMIT = 2000


class ImplausibleMeasurementError(DomainError):
    """WHO flags a value as implausible; save again with ``confirm_implausible=True``."""

    def __init__(self, preview: AssessmentPreview) -> None:
        self.preview = preview
        lines = [r.implausible_message for r in preview.implausible]
        super().__init__(
            _("Nilai pengukuran tidak wajar:") + "\n" + "\n".join(f"• {line}" for line in lines)
        )

    @property
    def indicators(self) -> list[str]:
        """Short names of the flagged indicators (``BB/U``, ``PB/U`` ...)."""
        return [r.short_name for r in self.preview.implausible]


class VisitCheckError(DomainError):
    """The visit disagrees with the child's history (:mod:`desktop_app.visits.checks`); save
    again with every ``checks`` code in ``confirmed_checks`` to keep it as typed."""

    def __init__(self, checks: list[HistoryCheck]) -> None:
        self.checks = checks
        super().__init__(
            _("Periksa lagi kunjungan ini:")
            + "\n"
            + "\n".join(f"• {check.message}" for check in checks)
        )


def _history_checks(
    session: Session,
    form: VisitForm,
    child: Child,
    *,
    confirmed: Collection[str],
    exclude_visit_id: uuid.UUID | None,
) -> list[dict[str, str]] | None:
    """Raise ``VisitCheckError`` for warnings not confirmed; the confirmed ones as stored."""
    checks = check_against_history(
        birth_date=child.birth_date,
        visit_date=form.visit_date,
        weight_kg=form.weight_kg,
        lenhei_cm=form.lenhei_cm,
        measure=form.measure if form.lenhei_cm is not None else None,
        history=visit_history(session, child_id=child.id, exclude_visit_id=exclude_visit_id),
    )
    if any(check.code not in confirmed for check in checks):
        raise VisitCheckError(checks)
    return [{"check": c.code, "message": c.message} for c in checks] or None


@dataclass
class VisitForm:
    """What the visit form holds. ``guardian_id`` None: the child's active guardian."""

    child_id: uuid.UUID | None = None
    guardian_id: uuid.UUID | None = None
    visit_date: date | None = None
    place: str = "rumah"
    weight_kg: float | None = None
    lenhei_cm: float | None = None
    measure: str | None = None  # "l" lying | "h" standing
    headc_cm: float | None = None
    muac_cm: float | None = None
    oedema: bool = False
    topics: list[str] = field(default_factory=list)
    help_given: list[str] = field(default_factory=list)
    notes: str = ""
    follow_up: str = ""
    next_visit_date: date | None = None


def visit_date_problem(visit_date: date | None, birth_date: date, today: date) -> str | None:
    """Why ``visit_date`` cannot be a visit of a child born on ``birth_date`` (None: fine).
    The form calls this while the date is typed; the services call it before saving."""
    if visit_date is None:
        return _("Tanggal kunjungan wajib diisi")
    if visit_date > today:
        return _("Tanggal kunjungan tidak boleh setelah hari ini")
    if visit_date < birth_date:
        return _("Tanggal kunjungan tidak boleh sebelum tanggal lahir anak ({date})").format(
            date=format_date(birth_date)
        )
    return None


def _multiline(value: str) -> str:
    """A notes field as stored: NFC, surrounding blanks stripped, its line breaks kept."""
    return nfc(value.strip())


def _check(form: VisitForm, child: Child | None, today: date) -> None:
    errors = FieldErrors()
    if child is None:
        errors.add("child_id", _("Anak wajib dipilih"))
    else:
        errors.add("visit_date", visit_date_problem(form.visit_date, child.birth_date, today))
        if not has_legal_basis(child):  # health data needs a recorded basis (UU PDP)
            errors.add("child_id", missing_basis_message(child.name))
    check_visit_fields(form, errors)
    errors.raise_if_any()


def check_visit_fields(form: VisitForm, errors: FieldErrors) -> None:
    """Every rule of a visit that needs neither the child nor the database (place,
    measurement ranges, codes, texts, the next visit's date), added to ``errors``. The services
    and the district server's check of a received visit (``sync.row_checks``) share it; the
    visit date is :func:`visit_date_problem`'s."""
    if form.place not in PLACES:
        errors.add("place", _("Tempat kunjungan wajib dipilih"))
    for name, (low, high, label, unit) in _RANGES.items():
        value = getattr(form, name)
        if value is not None and not low <= value <= high:
            errors.add(
                name,
                _("{label} harus antara {low} dan {high} {unit}").format(
                    label=_(label), low=f"{low:g}".replace(".", ","), high=f"{high:g}", unit=unit
                ),
            )
    if form.weight_kg is None and form.lenhei_cm is None:
        errors.add("weight_kg", _("Isi berat badan atau panjang/tinggi badan"))
    if form.lenhei_cm is not None and form.measure not in MEASURES:
        errors.add("measure", _("Pilih cara ukur: berbaring atau berdiri"))
    if not set(form.topics) <= EDUCATION_TOPICS.keys():
        errors.add("topics", _("Topik penyuluhan tidak dikenal"))
    if not set(form.help_given) <= HELP_TYPES.keys():
        errors.add("help_given", _("Jenis bantuan tidak dikenal"))
    notes, follow_up = _multiline(form.notes), _multiline(form.follow_up)
    errors.check_text("notes", notes, _TEXT_LIMIT, _("Catatan"), multiline=True)
    errors.check_text(
        "follow_up", follow_up, _TEXT_LIMIT, _("Rencana tindak lanjut"), multiline=True
    )
    next_visit, visit_date = form.next_visit_date, form.visit_date
    if next_visit is not None and visit_date is not None and next_visit <= visit_date:
        errors.add("next_visit_date", _("Kunjungan berikutnya harus setelah tanggal kunjungan ini"))


def _guardian_id(session: Session, form: VisitForm, child: Child) -> uuid.UUID | None:
    if form.guardian_id is not None:
        return get_live(session, Guardian, form.guardian_id, _("Orang tua asuh")).id
    active = active_assignment_row(session, child.id)
    return active.guardian_id if active is not None else None


def _assessed(form: VisitForm, child: Child, confirm_implausible: bool) -> AssessmentPreview:
    assert form.visit_date is not None
    preview = preview_assessment(
        sex=child.sex,
        birth_date=child.birth_date,
        visit_date=form.visit_date,
        weight_kg=form.weight_kg,
        lenhei_cm=form.lenhei_cm,
        measure=form.measure if form.lenhei_cm is not None else None,
        oedema=form.oedema,
        headc_cm=form.headc_cm,
        muac_cm=form.muac_cm,
    )
    if preview.implausible and not confirm_implausible:
        raise ImplausibleMeasurementError(preview)
    return preview


def _apply(session: Session, visit: Visit, form: VisitForm, child: Child, confirm: bool) -> None:
    preview = _assessed(form, child, confirm)
    visit.child_id = child.id
    visit.guardian_id = _guardian_id(session, form, child)
    visit.visit_date = form.visit_date  # type: ignore[assignment]  # None refused in checks
    visit.place = form.place
    visit.weight_kg = form.weight_kg
    visit.lenhei_cm = form.lenhei_cm
    visit.measure = form.measure if form.lenhei_cm is not None else None
    visit.headc_cm = form.headc_cm
    visit.muac_cm = form.muac_cm
    visit.oedema = form.oedema
    for column, value in preview.stored.items():
        setattr(visit, column, value)
    visit.topics = [code for code in EDUCATION_TOPICS if code in form.topics]
    visit.help_given = [code for code in HELP_TYPES if code in form.help_given]
    visit.notes = _multiline(form.notes) or None
    visit.follow_up = _multiline(form.follow_up) or None
    visit.next_visit_date = form.next_visit_date


def _live_child(session: Session, child_id: uuid.UUID | None) -> Child | None:
    if child_id is None:
        return None
    return get_live(session, Child, child_id, _("Data anak"))


@writes(Changes.VISITS)
def record_visit(
    session: Session,
    *,
    form: VisitForm,
    confirm_implausible: bool = False,
    confirmed_checks: Collection[str] = (),
    today: date | None = None,
) -> VisitRecord:
    """Save a new visit. ``ValidationError`` (by field), ``ImplausibleMeasurementError`` or
    ``VisitCheckError`` (a history warning whose code is not in ``confirmed_checks``) leave the
    database untouched; confirmed warnings are stored in ``checks_confirmed``."""
    child = _live_child(session, form.child_id)
    _check(form, child, today or clock.today())
    assert child is not None
    visit = Visit()
    _apply(session, visit, form, child, confirm_implausible)
    visit.checks_confirmed = _history_checks(
        session, form, child, confirmed=confirmed_checks, exclude_visit_id=None
    )
    session.add(visit)
    session.flush()
    return visit_record(session, visit)


@writes(Changes.VISITS)
def update_visit(
    session: Session,
    *,
    visit_id: uuid.UUID,
    form: VisitForm,
    confirm_implausible: bool = False,
    confirmed_checks: Collection[str] = (),
    today: date | None = None,
) -> VisitRecord:
    """Save a corrected visit (same checks as :func:`record_visit`, against the child's other
    visits; z-scores recomputed)."""
    visit = get_live(session, Visit, visit_id, _("Kunjungan"))
    child = _live_child(session, form.child_id or visit.child_id)
    _check(form, child, today or clock.today())
    assert child is not None
    stored = _history_checks(
        session, form, child, confirmed=confirmed_checks, exclude_visit_id=visit.id
    )
    _apply(session, visit, form, child, confirm_implausible)
    visit.checks_confirmed = stored
    session.flush()
    return visit_record(session, visit)


@writes(Changes.VISITS)
def delete_visit(session: Session, *, visit_id: uuid.UUID) -> None:
    """Soft-delete (tombstone) a visit, so the deletion syncs to other laptops."""
    visit = get_live(session, Visit, visit_id, _("Kunjungan"))
    visit.deleted_at = utcnow()
    session.flush()


def get_visit(session: Session, *, visit_id: uuid.UUID) -> VisitRecord:
    return visit_record(session, get_live(session, Visit, visit_id, _("Kunjungan")))


def child_visits(session: Session, *, child_id: uuid.UUID) -> list[VisitRecord]:
    """The child's live visits, newest first (date, then time of entry)."""
    child = get_live(session, Child, child_id, _("Data anak"))
    rows = session.scalars(
        select(Visit)
        .where(Visit.child_id == child.id, Visit.deleted_at.is_(None))
        .order_by(Visit.visit_date.desc(), Visit.created_at.desc())
    ).all()
    names = _guardian_names(session, {r.guardian_id for r in rows if r.guardian_id})
    return [visit_record(session, r, child=child, guardian_names=names) for r in rows]


def _guardian_names(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    query = select(Guardian.id, Guardian.name).where(Guardian.id.in_(ids))
    return {row_id: name for row_id, name in session.execute(query)}


def visit_form_from_record(record: VisitRecord) -> VisitForm:
    """A form pre-filled from ``record``, for the edit dialog."""
    return VisitForm(
        child_id=record.child_id,
        guardian_id=record.guardian_id,
        visit_date=record.visit_date,
        place=record.place,
        weight_kg=record.weight_kg,
        lenhei_cm=record.lenhei_cm,
        measure=record.measure,
        headc_cm=record.headc_cm,
        muac_cm=record.muac_cm,
        oedema=record.oedema,
        topics=list(record.topics),
        help_given=list(record.help_given),
        notes=record.notes or "",
        follow_up=record.follow_up or "",
        next_visit_date=record.next_visit_date,
    )
