"""A row the district server will not apply, and how the refusal names it for people.

Every refusal names the row the way the office knows it ("Anak 'Budi'", "Kunjungan anak 'Budi'",
"Tabel KBM 3f2a9c1e") and then the field and the problem in the words the laptop's own forms
use, so the operator can find the row in "Ditolak server" and fix it.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop_app.audit.trail import ENTITY_LABELS, FIELD_LABELS
from desktop_app.core.i18n import N_, _
from desktop_app.validation import text_problem

__all__ = ["Refusal", "field_label", "refusal", "row_title", "table_label"]

_NAME_SHOWN = 60  # characters of a name quoted in a message

#: Columns the audit trail does not name (it shows only what people edit most).
_MORE_FIELD_LABELS = {
    "id": N_("Nomor ID"), "created_at": N_("Dibuat pada"), "updated_at": N_("Diubah pada"),
    "device_id": N_("Perangkat"), "search_text": N_("Teks pencarian"),
    "birth_weight_kg": N_("Berat lahir"), "birth_length_cm": N_("Panjang lahir"),
    "rt": N_("RT"), "rw": N_("RW"), "has_kia_book": N_("Buku KIA"),
    "consent_date": N_("Tanggal persetujuan"), "consent_by": N_("Pemberi persetujuan"),
    "legal_basis": N_("Dasar pemrosesan"), "legal_basis_note": N_("Keterangan dasar pemrosesan"),
    "headc_cm": N_("Lingkar kepala (cm)"), "muac_cm": N_("LiLA (cm)"), "oedema": N_("Edema"),
    "next_visit_date": N_("Kunjungan berikutnya"),
    "checks_confirmed": N_("Peringatan dikonfirmasi"),
    "opd_id": N_("OPD"), "position": N_("Jabatan"), "rank": N_("Pangkat/golongan"),
    "email": N_("Email"), "company": N_("Nama perusahaan"), "contact_person": N_("Narahubung"),
    "code": N_("Kode"), "kecamatan_id": N_("Kecamatan"), "start_month": N_("Bulan mulai"),
    "end_month": N_("Bulan selesai"), "visit_target_per_month": N_("Target kunjungan per bulan"),
    "from_age_months": N_("Umur (bulan)"), "min_gain_g": N_("KBM (gram)"),
    "reference": N_("Referensi"), "assignment_id": N_("Penugasan"), "payload": N_("Isi"),
    "sha256": N_("Sidik SHA-256"), "closed_by": N_("Ditutup oleh"),
    "closed_at": N_("Ditutup pada"), "table_name": N_("Tabel"), "row_id": N_("ID baris"),
    "winner_values": N_("Versi yang dipakai"), "loser_values": N_("Versi yang kalah"),
}  # fmt: skip


@dataclass(frozen=True)
class Refusal:
    """One row refused: ``message`` (Indonesian) names the row, the field and the problem.
    ``row_id`` is None when the row's id itself could not be read (or for a whole table)."""

    table_name: str
    row_id: uuid.UUID | None
    message: str


def table_label(table_name: str) -> str:
    """ "Anak", "Kunjungan", ... (the audit trail's names); an unknown table as it is."""
    label = ENTITY_LABELS.get(table_name)
    return _(label) if label else table_name


def field_label(column: str) -> str:
    """ "NIK", "Tanggal lahir", ... (the audit trail's names); else the column's name."""
    label = FIELD_LABELS.get(column) or _MORE_FIELD_LABELS.get(column)
    return _(label) if label else column


def _shown_name(value: Any) -> str | None:
    """A name fit to quote: text without hidden characters, shortened."""
    if not isinstance(value, str) or not value.strip() or text_problem(value, ""):
        return None
    value = value.strip()
    return value if len(value) <= _NAME_SHOWN else value[: _NAME_SHOWN - 1] + "…"


def _short_id(value: Any) -> str:
    return str(value)[:8] if value is not None else "?"


def row_title(table_name: str, values: Mapping[str, Any], child_name: Any = None) -> str:
    """How a message names the row: its name, its child's name, else the start of its id."""
    label = table_label(table_name)
    name = _shown_name(values.get("name"))
    if name is not None:
        return f"{label} '{name}'"
    child = _shown_name(child_name)
    if child is not None:
        return _("{label} anak '{name}'").format(label=label, name=child)
    return f"{label} {_short_id(values.get('id'))}"


def refusal(
    table_name: str,
    values: Mapping[str, Any],
    problems: list[str],
    *,
    row_id: uuid.UUID | None = None,
    child_name: Any = None,
) -> Refusal:
    """The refusal of one row with all its ``problems`` in one message."""
    title = row_title(table_name, values, child_name)
    message = f"{title}: {'; '.join(problems)}"  # punctuation only: the same in every language
    return Refusal(table_name, row_id, message)
