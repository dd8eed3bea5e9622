"""The child registration form: its code lists and the rules a form must pass to be saved.

``clean_child_form`` normalises the text (spaces, ALL-CAPS names, phone, RT/RW) and checks every
rule of DESIGN.md, collecting all problems into one ``ValidationError`` whose fields are the
``ChildForm`` attribute names, so a form can mark each field. Nothing is written here.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy.orm import Session

from desktop_app.children.legal_basis import legal_basis_problem
from desktop_app.core.formatting import format_number
from desktop_app.core.i18n import N_, NC_, _
from desktop_app.core.records import FieldErrors
from desktop_app.db.models import Desa, Posyandu
from desktop_app.growth.age import completed_months
from desktop_app.validation import (
    collapse_spaces,
    digits_only,
    is_ascii_digits,
    nik_problem,
    no_kk_problem,
    normalise_name,
    normalise_phone,
    phone_problem,
)

__all__ = [
    "CONSENT_RELATIONS",
    "ENROLMENT_STATUSES",
    "EXIT_REASONS",
    "MAX_AGE_MONTHS",
    "RISK_FACTORS",
    "SEXES",
    "ChildForm",
    "check_child_fields",
    "clean_child_form",
]

RISK_FACTORS: dict[str, str] = {
    "air_bersih": N_("Tidak ada akses air bersih"),
    "jamban": N_("Tidak ada jamban sehat"),
    "perokok": N_("Ada perokok di rumah"),
    "ekonomi": N_("Keluarga pra-sejahtera"),
    "ibu_anemia": N_("Ibu anemia/KEK saat hamil"),
    "bblr": N_("Riwayat BBLR"),
    "asi_tidak_eksklusif": N_("Tidak ASI eksklusif"),
    "imunisasi_tidak_lengkap": N_("Imunisasi tidak lengkap"),
    "jarak_kelahiran": N_("Jarak kelahiran terlalu dekat"),
}
ENROLMENT_STATUSES = {"stunting": N_("Stunting"), "berisiko": N_("Berisiko stunting")}
EXIT_REASONS = {
    "usia_60_bulan": N_("Usia 60 bulan"),
    "membaik": N_("Sudah membaik"),
    "pindah": N_("Pindah domisili"),
    "meninggal": N_("Meninggal dunia"),
    "lainnya": N_("Lainnya"),
}
SEXES = {"L": N_("Laki-laki"), "P": N_("Perempuan")}
#: Who gave consent, as offered in the form. The stored value is the Indonesian word (the column
#: also holds whatever a user typed instead), so the word is its own code.
CONSENT_RELATIONS = {
    "Ibu": NC_("hubungan", "Ibu"),
    "Ayah": NC_("hubungan", "Ayah"),
    "Wali": NC_("hubungan", "Wali"),
}

#: The programme is for balita: children under 60 completed months when enrolled.
MAX_AGE_MONTHS = 60
BIRTH_WEIGHT_KG = (0.5, 6.0)
BIRTH_LENGTH_CM = (25.0, 65.0)


@dataclass
class ChildForm:
    """What the registration form holds; weights in kg, lengths in cm."""

    name: str = ""
    nik: str = ""
    no_kk: str = ""
    sex: str = ""  # "L" | "P"
    birth_date: date | None = None
    birth_weight_kg: float | None = None
    birth_length_cm: float | None = None
    mother_name: str = ""
    father_name: str = ""
    phone: str = ""
    address: str = ""
    rt: str = ""
    rw: str = ""
    desa_id: uuid.UUID | None = None
    posyandu_id: uuid.UUID | None = None
    risk_factors: list[str] = field(default_factory=list)
    enrolment_status: str = "berisiko"
    data_source: str = ""
    enrolled_on: date | None = None
    has_kia_book: bool = True
    consent_date: date | None = None
    consent_by: str = ""
    consent_relation: str = ""
    legal_basis: str = ""  # "" or "persetujuan": the consent above; see children.legal_basis
    legal_basis_note: str = ""
    notes: str = ""
    #: Editing: keep the stored NIK / No. KK (the edit dialog never receives them in full; it
    #: offers "Ganti NIK" instead). ``nik``/``no_kk`` are then ignored by ``update_child``.
    keep_nik: bool = False
    keep_no_kk: bool = False


def _normalised(form: ChildForm, today: date) -> ChildForm:
    return replace(
        form,
        name=normalise_name(form.name),
        nik=digits_only(form.nik),
        no_kk=digits_only(form.no_kk),
        sex=collapse_spaces(form.sex).upper(),
        mother_name=normalise_name(form.mother_name),
        father_name=normalise_name(form.father_name),
        phone=normalise_phone(collapse_spaces(form.phone)),
        address=collapse_spaces(form.address),
        rt=collapse_spaces(form.rt),
        rw=collapse_spaces(form.rw),
        risk_factors=list(dict.fromkeys(form.risk_factors or ())),  # drop repeats, keep order
        enrolment_status=collapse_spaces(form.enrolment_status),
        data_source=collapse_spaces(form.data_source),
        enrolled_on=form.enrolled_on or today,
        consent_by=normalise_name(form.consent_by),
        consent_relation=collapse_spaces(form.consent_relation),
        legal_basis=collapse_spaces(form.legal_basis),
        legal_basis_note=collapse_spaces(form.legal_basis_note),
        notes=(form.notes or "").strip(),
    )


def _rt_rw(value: str, label: str) -> tuple[str, str | None]:
    """RT/RW as three digits ("3" -> "003"), the way letters and KK cards write them."""
    if not value:
        return value, None
    if not is_ascii_digits(value) or len(value) > 3 or int(value) == 0:
        return value, _("{label} harus angka 1 sampai 999 (mis. 003)").format(label=label)
    return f"{int(value):03d}", None


def _bound(value: float) -> str:
    """ "0,5" but "6", not "6,0": how a person writes a range."""
    return format_number(value, 1 if value % 1 else 0)


def _range_problem(
    value: float | None, bounds: tuple[float, float], label: str, unit: str
) -> str | None:
    if value is None:
        return None
    low, high = bounds
    if not math.isfinite(value) or not low <= value <= high:
        return _("{label} harus antara {low} dan {high} {unit}").format(
            label=label, low=_bound(low), high=_bound(high), unit=unit
        )
    return None


def _check_dates(form: ChildForm, today: date, errors: FieldErrors) -> None:
    if form.birth_date is None:
        errors.add("birth_date", _("Tanggal lahir wajib diisi"))
    elif form.birth_date > today:
        errors.add("birth_date", _("Tanggal lahir tidak boleh setelah hari ini"))
    enrolled = form.enrolled_on or today
    if enrolled > today:
        errors.add("enrolled_on", _("Tanggal pendaftaran tidak boleh setelah hari ini"))
    if form.birth_date is None or errors.has("birth_date"):
        return
    if enrolled < form.birth_date:
        errors.add("enrolled_on", _("Tanggal pendaftaran tidak boleh sebelum tanggal lahir"))
    elif completed_months(form.birth_date, enrolled) >= MAX_AGE_MONTHS:
        errors.add(
            "birth_date",
            _(
                "Anak sudah berusia 60 bulan atau lebih pada tanggal pendaftaran; "
                "program ini untuk balita di bawah 60 bulan"
            ),
        )


def _check_identity(form: ChildForm, today: date, errors: FieldErrors, *, anonymised: bool) -> None:
    if not form.name:
        errors.add("name", _("Nama anak wajib diisi"))
    errors.check_text("name", form.name, 120, _("Nama anak"))
    if form.sex not in SEXES:
        errors.add("sex", _("Jenis kelamin wajib dipilih (Laki-laki atau Perempuan)"))
    if form.nik:
        birth = None if errors.has("birth_date") else form.birth_date
        errors.add("nik", nik_problem(form.nik, birth_date=birth, sex=form.sex, today=today))
    if form.no_kk:
        errors.add("no_kk", no_kk_problem(form.no_kk))
    elif not form.nik and not anonymised:
        errors.add("no_kk", _("No. KK wajib diisi jika anak belum memiliki NIK"))


def _check_family(
    form: ChildForm, today: date, errors: FieldErrors, *, anonymised: bool
) -> ChildForm:
    errors.check_text("mother_name", form.mother_name, 120, _("Nama ibu"))
    errors.check_text("father_name", form.father_name, 120, _("Nama ayah"))
    errors.check_text("address", form.address, 250, _("Alamat"))
    errors.check_text("data_source", form.data_source, 60, _("Sumber data"))
    errors.check_text("consent_by", form.consent_by, 120, _("Nama pemberi persetujuan"))
    errors.check_text("consent_relation", form.consent_relation, 30, _("Hubungan dengan anak"))
    if form.phone:
        errors.add("phone", phone_problem(form.phone))
    rt, rt_problem = _rt_rw(form.rt, "RT")
    rw, rw_problem = _rt_rw(form.rw, "RW")
    errors.add("rt", rt_problem)
    errors.add("rw", rw_problem)
    errors.add(
        "birth_weight_kg",
        _range_problem(form.birth_weight_kg, BIRTH_WEIGHT_KG, _("Berat lahir"), "kg"),
    )
    errors.add(
        "birth_length_cm",
        _range_problem(form.birth_length_cm, BIRTH_LENGTH_CM, _("Panjang lahir"), "cm"),
    )
    unknown = [code for code in form.risk_factors if code not in RISK_FACTORS]
    if unknown:
        errors.add(
            "risk_factors",
            _("Faktor risiko tidak dikenal: {codes}").format(codes=", ".join(map(str, unknown))),
        )
    if form.enrolment_status not in ENROLMENT_STATUSES:
        errors.add("enrolment_status", _("Status saat pendaftaran wajib dipilih"))
    if form.consent_by and form.consent_date is None:
        errors.add(
            "consent_date", _("Tanggal persetujuan wajib diisi jika pemberi persetujuan diisi")
        )
    elif form.consent_date is not None and form.consent_date > today:
        errors.add("consent_date", _("Tanggal persetujuan tidak boleh setelah hari ini"))
    if form.consent_date is not None and not form.consent_by and not anonymised:
        errors.add("consent_by", _("Nama pemberi persetujuan wajib diisi"))
    errors.add("legal_basis", legal_basis_problem(form.legal_basis, form.legal_basis_note))
    return replace(form, rt=rt, rw=rw)


def _check_area(session: Session, form: ChildForm, errors: FieldErrors) -> ChildForm:
    desa = session.get(Desa, form.desa_id) if form.desa_id is not None else None
    if form.desa_id is not None and (desa is None or desa.deleted_at is not None):
        errors.add("desa_id", _("Desa/kelurahan yang dipilih tidak ditemukan"))
        return form
    if form.posyandu_id is None:
        return form
    posyandu = session.get(Posyandu, form.posyandu_id)
    if posyandu is None or posyandu.deleted_at is not None:
        errors.add("posyandu_id", _("Posyandu yang dipilih tidak ditemukan"))
    elif desa is None:  # the posyandu tells where the child lives
        return replace(form, desa_id=posyandu.desa_id)
    elif posyandu.desa_id != desa.id:
        errors.add(
            "posyandu_id",
            _("Posyandu {posyandu} tidak berada di desa/kelurahan {desa}").format(
                posyandu=posyandu.name, desa=desa.name
            ),
        )
    return form


def check_child_fields(
    form: ChildForm, *, today: date, errors: FieldErrors, anonymised: bool = False
) -> ChildForm:
    """Every rule of a child that needs no database (dates, identity numbers, codes, ranges,
    texts), added to ``errors``; the form with RT/RW written as three digits.

    The form and the district server's check of a received row (``sync.row_checks``) share it.
    ``anonymised``: a child erased on request (``children.data_subject``) has lost its NIK,
    No. KK and consent giver's name on purpose, so their "required" rules do not apply."""
    _check_dates(form, today, errors)
    _check_identity(form, today, errors, anonymised=anonymised)
    return _check_family(form, today, errors, anonymised=anonymised)


def clean_child_form(session: Session, form: ChildForm, *, today: date) -> ChildForm:
    """The normalised form, or ``ValidationError`` listing every invalid field. Reads only."""
    clean = _normalised(form, today)
    errors = FieldErrors()
    clean = check_child_fields(clean, today=today, errors=errors)
    clean = _check_area(session, clean, errors)
    errors.raise_if_any()
    return clean
