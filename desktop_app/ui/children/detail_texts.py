"""What the child page says about a child: the fields of each box and their texts for a record.

Kept apart from the page (:mod:`desktop_app.ui.children.detail`, which builds the widgets and
runs the actions) so the wording of a child's data is in one place a reader can check against
the forms; every function here is pure (a record in, texts out). The NIK and No. KK are not
here: the page masks them and reveals them through the audited service.
"""

from __future__ import annotations

from desktop_app.children.service import ENROLMENT_STATUSES, RISK_FACTORS, ChildRecord
from desktop_app.core.formatting import format_date, format_number, format_table_date
from desktop_app.core.i18n import N_, NC_, _
from desktop_app.labels.stored_codes import code_label
from desktop_app.ui.widgets.texts import SEX_LABELS, age_text

__all__ = [
    "ENROLMENT_FIELDS",
    "FAMILY_FIELDS",
    "GUARDIAN_FIELDS",
    "HISTORY_HEADERS",
    "IDENTITY_FIELDS",
    "enrolment_texts",
    "family_texts",
    "guardian_texts",
    "history_rows",
    "identity_texts",
]

#: (key, untranslated label) of each box, in display order (the NIK row comes first, built by
#: the page with its "tampilkan" button).
IDENTITY_FIELDS = (
    ("no_kk", N_("No. KK")),
    ("sex", N_("Jenis kelamin")),
    ("birth_date", N_("Tanggal lahir")),
    ("age", N_("Umur")),
    ("birth", N_("Lahir dengan")),
)
FAMILY_FIELDS = (
    ("mother", N_("Nama ibu")),
    ("father", N_("Nama ayah")),
    ("phone", N_("No. HP")),
    ("address", N_("Alamat")),
    ("wilayah", N_("Desa/Kecamatan")),
    ("posyandu", N_("Posyandu")),
)
ENROLMENT_FIELDS = (
    ("status", N_("Status")),
    ("enrolled", N_("Tanggal terdaftar")),
    ("source", N_("Sumber data")),
    ("kia", N_("Buku KIA/KMS")),
    ("risks", N_("Faktor risiko keluarga")),
    ("consent", N_("Persetujuan")),
    ("notes", N_("Catatan")),
)
GUARDIAN_FIELDS = (
    ("guardian", N_("Nama")),
    ("opd", N_("OPD / instansi")),
    ("programme", N_("Program")),
    ("since", N_("Sejak")),
)
HISTORY_HEADERS = (
    N_("Orang tua asuh"),
    N_("OPD"),
    N_("Program"),
    N_("Mulai"),
    NC_("kolom tanggal", "Selesai"),
    N_("Status"),
    N_("Alasan"),
)


def identity_texts(record: ChildRecord) -> dict[str, str | None]:
    """The identity box except the NIK and No. KK."""
    parts = []
    if record.birth_weight_kg is not None:
        parts.append(f"{format_number(record.birth_weight_kg, 2)} kg")
    if record.birth_length_cm is not None:
        parts.append(f"{format_number(record.birth_length_cm, 1)} cm")
    return {
        "sex": _(SEX_LABELS.get(record.sex, "")),
        "birth_date": format_date(record.birth_date),
        "age": age_text(record.age_months),
        "birth": " · ".join(parts),
    }


def family_texts(record: ChildRecord) -> dict[str, str | None]:
    rtrw = f"RT {record.rt or '–'} / RW {record.rw or '–'}" if record.rt or record.rw else ""
    return {
        "mother": record.mother_name,
        "father": record.father_name,
        "phone": record.phone,
        "address": ", ".join(filter(None, (record.address, rtrw))),
        "wilayah": ", ".join(filter(None, (record.desa_name, record.kecamatan_name))),
        "posyandu": record.posyandu_name,
    }


def enrolment_texts(record: ChildRecord) -> dict[str, str | None]:
    status = _(ENROLMENT_STATUSES.get(record.enrolment_status, record.enrolment_status))
    if record.exit_date is not None:
        reason = code_label("children", "exit_reason", record.exit_reason)
        status = _("Keluar {date} ({reason})").format(
            date=format_date(record.exit_date), reason=reason
        )
    consent = ""
    if record.consent_date is not None:
        relation = code_label("children", "consent_relation", record.consent_relation)
        who = ", ".join(filter(None, (record.consent_by, relation)))
        on = format_date(record.consent_date)
        consent = _("{date} oleh {who}").format(date=on, who=who) if who else on
    return {
        "status": status,
        "enrolled": format_date(record.enrolled_on),
        "source": record.data_source,
        "kia": _("Ada") if record.has_kia_book else _("Tidak ada"),
        "risks": "\n".join(_(RISK_FACTORS.get(c, c)) for c in record.risk_factors),
        "consent": consent or _("Belum dicatat"),
        "notes": record.notes,
    }


def guardian_texts(record: ChildRecord) -> dict[str, str | None]:
    active = record.active_assignment
    return {
        "guardian": active.guardian_name if active else _("Belum ada orang tua asuh"),
        "opd": active.opd_name if active else "",
        "programme": active.programme_name if active else "",
        "since": format_date(active.start_date) if active else "",
    }


def history_rows(record: ChildRecord) -> list[tuple[str, ...]]:
    """The assignment history table, newest as the service orders them."""
    return [
        (
            item.guardian_name,
            item.opd_name or "",
            item.programme_name or "",
            format_table_date(item.start_date),
            format_table_date(item.end_date),
            code_label("assignments", "status", item.status),
            code_label("assignments", "end_reason", item.end_reason),
        )
        for item in record.assignments
    ]
