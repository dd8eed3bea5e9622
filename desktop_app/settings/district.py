"""District setup: the first-run wizard and Pengaturan > Umum save through these services.

Both screens share one validation (:func:`_check_district`), so a value refused by the wizard is
refused by the settings tab with the same Indonesian message under the same field. Services take
a session and never commit (the caller's runner does). Money is integer rupiah; months are the
first day of the month. Any thread (no Qt); the runner calls them on its worker thread.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.formatting import format_rupiah
from desktop_app.core.i18n import N_, SUPPORTED_LANGUAGES, _
from desktop_app.core.paths import data_dir
from desktop_app.core.records import FieldErrors
from desktop_app.settings.area_setup import (
    AreaLoadResult,
    PosyanduEntry,
    check_regency,
    load_district_areas,
)
from desktop_app.settings.programmes import ProgrammeRecord, create_programme
from desktop_app.settings.store import MAX_IDLE_LOCK_MINUTES, AppSettings, update_settings
from desktop_app.validation import collapse_spaces, email_problem
from desktop_app.validation.nip import nip_problem

MAX_MONTHLY_AID = 100_000_000  # rupiah; a typo guard, far above any real programme
VISIT_TARGET_RANGE = (1, 10)  # visits per child per month
IDLE_LOCK_RANGE = (1, MAX_IDLE_LOCK_MINUTES)  # minutes; the lock cannot be switched off
MAX_CHILDREN_RANGE = (1, 20)
LOGO_SIGNATURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8",), ".jpeg": (b"\xff\xd8",)}
LOGO_STEM = "logo"  # the copy in the data dir: logo.png / logo.jpg


@dataclass(frozen=True)
class DistrictForm:
    """What the letterhead, the signature block and new programmes use.

    ``logo_file``: a PNG/JPG anywhere (copied into the data dir on save), the already-copied
    logo (kept as is), or "" for no logo.
    """

    district_name: str
    coordinating_office: str = ""
    monthly_aid: int | None = 450_000
    visit_target_per_month: int | None = 1
    head_title: str = ""
    head_name: str = ""
    head_nip: str = ""
    prepared_by: str = ""
    logo_file: str = ""
    prepared_by_nip: str = ""
    office_address: str = ""
    office_phone: str = ""
    office_email: str = ""


@dataclass(frozen=True)
class FirstRunForm(DistrictForm):
    """The wizard: the district and its wilayah, the first programme and the backup folder.

    ``regency_code`` (``19.02``) names the kabupaten/kota in the Kemendagri list, whose kecamatan
    and desa/kelurahan are filled in; ``posyandu`` are added under their desa.
    """

    province_code: str = ""
    regency_code: str = ""
    posyandu: tuple[PosyanduEntry, ...] = ()
    programme_name: str = ""
    start_month: date | None = None
    end_month: date | None = None
    backup_dir: str = ""  # "" = the "cadangan" folder beside the database file


@dataclass(frozen=True)
class GeneralSettingsForm(DistrictForm):
    """Pengaturan > Umum: the district, plus preferences of this installation."""

    programme_label: str = ""
    language: str = "id"  # applied at the next start
    idle_lock_minutes: int | None = 10
    max_children_per_guardian: int | None = 3


@dataclass(frozen=True)
class FirstRunResult:
    settings: AppSettings
    programme: ProgrammeRecord
    areas: AreaLoadResult


@writes(Changes.SETTINGS | Changes.PROGRAMMES | Changes.WILAYAH)
def complete_first_run(session: Session, *, form: FirstRunForm) -> FirstRunResult:
    """Save the district settings, fill in its wilayah from the Kemendagri list and create the
    first Programme; marks setup as completed.

    Raises ValidationError (nothing saved, no file copied) on any bad field.
    """
    errors = FieldErrors()
    _check_district(errors, form)
    check_regency(errors, form.province_code, form.regency_code)
    name = collapse_spaces(form.programme_name)
    if not name:
        errors.add("programme_name", _("Nama program wajib diisi"))
    errors.check_text("programme_name", name, 150, _("Nama program"))
    if form.start_month is None:
        errors.add("start_month", _("Bulan mulai wajib diisi"))
    if form.end_month is None:
        errors.add("end_month", _("Bulan selesai wajib diisi"))
    elif form.start_month is not None and _month(form.end_month) < _month(form.start_month):
        errors.add("end_month", _("Bulan selesai tidak boleh sebelum bulan mulai"))
    backup = form.backup_dir.strip()
    if backup and not Path(backup).is_absolute():
        errors.add(
            "backup_dir", _("Folder cadangan harus berupa folder lengkap (mis. D:\\Cadangan)")
        )
    elif backup and Path(backup).exists() and not Path(backup).is_dir():
        errors.add("backup_dir", _("Folder cadangan bukan sebuah folder"))
    errors.raise_if_any()
    areas = load_district_areas(session, regency_code=form.regency_code, posyandu=form.posyandu)
    try:
        programme = create_programme(
            session,
            name=name,
            start_month=form.start_month,
            end_month=form.end_month,
            monthly_aid=form.monthly_aid,
            visit_target_per_month=form.visit_target_per_month,
        )
    except ValidationError as refused:  # e.g. a programme of that name came in by sync
        raise ValidationError(
            [FieldError("programme_name" if e.field == "name" else e.field, e.message)
             for e in refused.errors]
        ) from None  # fmt: skip
    settings = update_settings(
        session,
        **_district_values(form),
        programme_label=name,
        backup_dir=backup,
        province_code=form.province_code,
        regency_code=form.regency_code,
        setup_completed=True,
    )
    return FirstRunResult(settings=settings, programme=programme, areas=areas)


@writes(Changes.SETTINGS)
def update_general_settings(session: Session, *, form: GeneralSettingsForm) -> AppSettings:
    """Save Pengaturan > Umum. Raises ValidationError (nothing saved) on any bad field."""
    errors = FieldErrors()
    _check_district(errors, form)
    label = collapse_spaces(form.programme_label)
    if not label:
        errors.add("programme_label", _("Nama gerakan/program wajib diisi"))
    errors.check_text("programme_label", label, 150, _("Nama gerakan/program"))
    if form.language not in SUPPORTED_LANGUAGES:
        errors.add("language", _("Bahasa tidak dikenal"))
    _check_range(
        errors, "idle_lock_minutes", form.idle_lock_minutes, IDLE_LOCK_RANGE,
        _("Kunci otomatis harus antara {low} dan {high} menit"),
    )  # fmt: skip
    _check_range(
        errors, "max_children_per_guardian", form.max_children_per_guardian, MAX_CHILDREN_RANGE,
        _("Batas anak per orang tua asuh harus antara {low} dan {high}"),
    )  # fmt: skip
    errors.raise_if_any()
    return update_settings(
        session,
        **_district_values(form),
        programme_label=label,
        language=form.language,
        idle_lock_minutes=form.idle_lock_minutes,
        max_children_per_guardian=form.max_children_per_guardian,
    )


# -- shared -----------------------------------------------------------------------------------
#: The one-line settings texts besides the district's name: (limit, label) by form field.
_TEXT_FIELDS = {
    "coordinating_office": (150, N_("Dinas koordinator")),
    "head_title": (150, N_("Jabatan penandatangan")),
    "head_name": (120, N_("Nama penandatangan")),
    "prepared_by": (120, N_("Disiapkan oleh")),
    "office_address": (200, N_("Alamat kantor")),
    "office_phone": (40, N_("Telepon kantor")),
    "office_email": (120, N_("Email kantor")),
}
#: What a telephone number on the letterhead may hold: "(0719) 21234", "+62 719-21234 / 21235".
_PHONE_RE = re.compile(r"^[0-9 ()+\-/.,]*$")


def _check_district(errors: FieldErrors, form: DistrictForm) -> None:
    district = collapse_spaces(form.district_name)
    if not district:
        errors.add("district_name", _("Nama kabupaten/kota wajib diisi"))
    errors.check_text("district_name", district, 120, _("Nama kabupaten/kota"))
    for field, (limit, label) in _TEXT_FIELDS.items():
        errors.check_text(field, collapse_spaces(getattr(form, field)), limit, _(label))
    aid = form.monthly_aid
    if not isinstance(aid, int) or isinstance(aid, bool) or not 0 < aid <= MAX_MONTHLY_AID:
        errors.add(
            "monthly_aid",
            _("Bantuan per bulan harus lebih dari Rp0 dan paling banyak {max}").format(
                max=format_rupiah(MAX_MONTHLY_AID)
            ),
        )
    _check_range(
        errors, "visit_target_per_month", form.visit_target_per_month, VISIT_TARGET_RANGE,
        _("Target kunjungan per bulan harus antara {low} dan {high}"),
    )  # fmt: skip
    for field in ("head_nip", "prepared_by_nip"):
        nip = getattr(form, field).strip().replace(" ", "")
        if nip:
            errors.add(field, nip_problem(nip))
    if not _PHONE_RE.match(form.office_phone.strip()):
        errors.add("office_phone", _("Telepon kantor hanya boleh berisi angka, spasi, + - ( ) /"))
    email = form.office_email.strip()
    if email:
        errors.add("office_email", email_problem(email))
    errors.add("logo_file", _logo_problem(form.logo_file.strip()))


def _check_range(
    errors: FieldErrors, field: str, value: int | None, bounds: tuple[int, int], message: str
) -> None:
    low, high = bounds
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        errors.add(field, message.format(low=low, high=high))


def _logo_problem(path_text: str) -> str | None:
    if not path_text:
        return None
    path = Path(path_text)
    signatures = LOGO_SIGNATURES.get(path.suffix.lower())
    if signatures is None:
        return _("Logo harus berkas PNG atau JPG")
    try:
        with path.open("rb") as file:
            head = file.read(8)
    except OSError:
        return _("Berkas logo tidak dapat dibaca: {path}").format(path=path_text)
    if not any(head.startswith(signature) for signature in signatures):
        return _("Berkas logo bukan gambar PNG/JPG yang sah")
    return None


def _district_values(form: DistrictForm) -> dict[str, object]:
    """Cleaned settings values; copies a newly chosen logo into the data dir (after checks)."""
    return {
        "district_name": collapse_spaces(form.district_name),
        "coordinating_office": collapse_spaces(form.coordinating_office),
        "default_monthly_aid": form.monthly_aid,
        "visit_target_per_month": form.visit_target_per_month,
        "head_title": collapse_spaces(form.head_title),
        "head_name": collapse_spaces(form.head_name),
        "head_nip": form.head_nip.strip().replace(" ", ""),
        "prepared_by": collapse_spaces(form.prepared_by),
        "prepared_by_nip": form.prepared_by_nip.strip().replace(" ", ""),
        "office_address": collapse_spaces(form.office_address),
        "office_phone": collapse_spaces(form.office_phone),
        "office_email": form.office_email.strip(),
        "logo_path": _store_logo(form.logo_file.strip()),
    }


def _store_logo(path_text: str) -> str:
    """The logo's path in the data dir (copied there unless it already is); "" = no logo."""
    if not path_text:
        return ""
    source = Path(path_text).resolve()
    target = (data_dir() / f"{LOGO_STEM}{source.suffix.lower()}").resolve()
    if source != target:
        for old in data_dir().glob(f"{LOGO_STEM}.*"):
            old.unlink(missing_ok=True)
        shutil.copyfile(source, target)
    return str(target)


def _month(value: date) -> date:
    return value.replace(day=1)
