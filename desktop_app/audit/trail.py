"""Riwayat perubahan: reading the audit trail, filtered and paged, as text people can read.

Read only: nothing here (or anywhere in the app) edits or deletes audit rows; the one exception,
anonymising a child on request, lives in ``data_subject``. Admin only. Times are stored in naive
UTC and shown in the laptop's local time; date filters are local calendar days. Identity
numbers in old/new values are masked (the full value is a separate, audited request) and
password hashes are never shown.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from desktop_app.core.formatting import format_date, format_rupiah
from desktop_app.core.i18n import N_, NC_, _
from desktop_app.core.masking import mask_nik
from desktop_app.core.permissions import ADMIN, require_role
from desktop_app.db.models import (
    AidPayment,
    Assignment,
    AuditEntry,
    Child,
    Desa,
    Guardian,
    Kecamatan,
    Opd,
    Posyandu,
    Programme,
    User,
    Visit,
)
from desktop_app.labels.stored_codes import code_label, code_labels

__all__ = [
    "ACTION_LABELS",
    "ENTITY_LABELS",
    "AuditQueryResult",
    "AuditRecord",
    "FieldChange",
    "audit_filter_choices",
    "query_audit",
]

ACTION_LABELS = {
    "create": N_("Tambah"),
    "update": N_("Ubah"),
    "delete": N_("Hapus"),
    "restore": N_("Pulihkan"),
    "purge": N_("Hapus permanen"),
    "view": N_("Lihat"),
    "export": N_("Ekspor"),
    "login": N_("Masuk"),
    "login_failed": N_("Gagal masuk"),
    "anonymise": N_("Anonimkan"),
    "recover": N_("Pemulihan"),
    "verify": N_("Periksa keutuhan"),
    "backup": N_("Cadangkan"),
    "restore_backup": N_("Pulihkan cadangan"),
    "sync": N_("Sinkronisasi"),
    "confirm": N_("Konfirmasi"),
}
ENTITY_LABELS = {
    "children": N_("Anak"),
    "guardians": N_("Orang tua asuh"),
    "assignments": N_("Penugasan"),
    "visits": N_("Kunjungan"),
    "aid_payments": N_("Bantuan"),
    "programmes": N_("Program"),
    "opd": N_("OPD"),
    "kecamatan": N_("Kecamatan"),
    "desa": N_("Desa/Kelurahan"),
    "posyandu": N_("Posyandu"),
    "users": N_("Pengguna"),
    "settings": N_("Pengaturan"),
    "kbm_thresholds": N_("Tabel KBM"),
    "report": N_("Laporan"),
    "data_mentah": N_("Data mentah"),
    "cadangan": N_("Cadangan"),
    "audit_log": N_("Riwayat perubahan"),
}
FIELD_LABELS = {
    "name": N_("Nama"), "nik": N_("NIK"), "no_kk": N_("No. KK"), "nip": N_("NIP"),
    "sex": N_("Jenis kelamin"), "birth_date": N_("Tanggal lahir"),
    "mother_name": N_("Nama ibu"), "father_name": N_("Nama ayah"), "phone": N_("Telepon"),
    "address": N_("Alamat"), "desa_id": N_("Desa/Kelurahan"), "posyandu_id": N_("Posyandu"),
    "enrolment_status": N_("Status awal"), "enrolled_on": N_("Tanggal terdaftar"),
    "exit_date": N_("Tanggal keluar"), "exit_reason": N_("Alasan keluar"), "notes": N_("Catatan"),
    "status": N_("Status"), "start_date": N_("Tanggal mulai"), "end_date": N_("Tanggal berakhir"),
    "end_reason": N_("Alasan berakhir"), "guardian_id": N_("Orang tua asuh"),
    "child_id": N_("Anak"), "programme_id": N_("Program"), "visit_date": N_("Tanggal kunjungan"),
    "weight_kg": N_("Berat (kg)"), "lenhei_cm": N_("Panjang/tinggi (cm)"),
    "amount": NC_("uang", "Jumlah"), "monthly_aid": N_("Bantuan per bulan"), "month": N_("Bulan"),
    "paid_on": N_("Tanggal bayar"), "received_by": N_("Diterima oleh"),
    "rows": N_("Baris"), "authors": N_("Perangkat asal"),
    "username": N_("Nama pengguna"), "full_name": N_("Nama lengkap"), "role": N_("Peran"),
    "active": N_("Aktif"), "password_hash": N_("Kata sandi"), "deleted_at": N_("Dihapus pada"),
    "failed_logins": N_("Gagal masuk berturut-turut"), "locked_until": N_("Dikunci sampai"),
    "last_login": N_("Terakhir masuk"), "value": N_("Nilai"),
    "method": N_("Cara bayar"), "cancel_reason": N_("Alasan batal"), "place": N_("Tempat"),
    "measure": N_("Cara ukur"), "topics": N_("Topik penyuluhan"),
    "help_given": N_("Bantuan diberikan"), "follow_up": N_("Rencana tindak lanjut"),
    "kind": N_("Jenis"), "risk_factors": N_("Faktor risiko keluarga"),
    "data_source": N_("Sumber data"), "consent_relation": N_("Hubungan"),
}  # fmt: skip

#: The settings' keys as people read them (a settings entry's record and its "key" field).
SETTING_LABELS = {
    "district_name": N_("Nama kabupaten/kota"), "coordinating_office": N_("Instansi koordinator"),
    "programme_label": N_("Nama gerakan"),
    "max_children_per_guardian": N_("Anak asuh per orang tua asuh (maks.)"),
    "default_monthly_aid": N_("Bantuan bulanan bawaan"),
    "visit_target_per_month": N_("Target kunjungan per bulan"),
    "head_title": N_("Jabatan penandatangan"), "head_name": N_("Nama penandatangan"),
    "head_nip": N_("NIP penandatangan"), "prepared_by": N_("Dibuat oleh"),
    "language": N_("Bahasa"), "backup_dir": N_("Folder cadangan"),
    "keep_daily": N_("Cadangan harian disimpan"), "keep_weekly": N_("Cadangan mingguan disimpan"),
    "backup_password": N_("Kata sandi cadangan"), "logo_path": N_("Logo"),
    "device_id": N_("ID perangkat"), "sync_server_url": N_("Alamat server sinkron"),
    "sync_server": N_("Server sinkron"),
    "sync_server_fingerprint": N_("Sidik jari sertifikat server"),
    "sync_device_id": N_("ID laptop di server"),
    "sync_device_name": N_("Nama laptop di server"), "sync_device_scope": N_("Cakupan laptop"),
    "sync_device_key": N_("Kunci perangkat"),
    "sync_scope_kecamatan_id": N_("Cakupan sinkron: kecamatan"),
    "sync_scope_posyandu_id": N_("Cakupan sinkron: posyandu"),
    "idle_lock_minutes": N_("Kunci otomatis (menit)"),
    "setup_completed": N_("Penyiapan awal selesai"),
}  # fmt: skip


def setting_label(key: str) -> str:
    """A setting's name as people read it; an unknown key as it is."""
    return _(SETTING_LABELS[key]) if key in SETTING_LABELS else key


_MASKED_FIELDS = frozenset({"nik", "no_kk", "nip"})
_HIDDEN_FIELDS = frozenset({"password_hash"})
_MONEY_FIELDS = frozenset({"amount", "monthly_aid", "default_monthly_aid"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")

# How to name the record an entry is about: (model, label column); a label column of another
# model (the child's name for a visit) is reached by joining on ``child_id``.
_NAMERS: dict[str, tuple[Any, Any]] = {
    "children": (Child, Child.name),
    "guardians": (Guardian, Guardian.name),
    "users": (User, User.username),
    "opd": (Opd, Opd.name),
    "programmes": (Programme, Programme.name),
    "kecamatan": (Kecamatan, Kecamatan.name),
    "desa": (Desa, Desa.name),
    "posyandu": (Posyandu, Posyandu.name),
    "assignments": (Assignment, Child.name),
    "visits": (Visit, Child.name),
    "aid_payments": (AidPayment, Child.name),
}


@dataclass(frozen=True)
class FieldChange:
    """One field of an entry: its label and the old and new values as display text."""

    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class AuditRecord:
    """One audit entry as the Riwayat perubahan view shows it (``at`` naive UTC)."""

    id: uuid.UUID
    at: datetime
    at_text: str
    username: str
    device_id: str
    action: str
    action_label: str
    entity: str
    entity_label: str
    entity_id: str
    record_label: str  # e.g. the child's name; "" when the row is gone or unnamed
    summary: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class AuditQueryResult:
    rows: list[AuditRecord]
    total: int  # entries matching the filters, for "1-200 dari 5.312"


def local_time(value: datetime) -> datetime:
    """A stored naive-UTC time in the laptop's time zone."""
    return value.replace(tzinfo=UTC).astimezone()


def format_timestamp(value: datetime) -> str:
    """``22 November 2026 17.05`` in local time."""
    local = local_time(value)
    return f"{format_date(local.date())} {local.strftime('%H.%M')}"


def _utc_start(day: date) -> datetime:
    local = datetime.combine(day, time.min).astimezone()  # local midnight, zone-aware
    return local.astimezone(UTC).replace(tzinfo=None)


def display_value(field: str, value: Any, *, entity: str = "") -> str:
    """An old/new value as text: coded values by their label (looked up per ``entity``, the
    table, since ``status`` means one thing for aid and another for assignments), dates in the
    current language, money in rupiah, NIK masked."""
    if value is None or value == "" or value == []:
        return ""
    if field in _HIDDEN_FIELDS:
        return _("(disembunyikan)")
    if field in _MASKED_FIELDS:
        return mask_nik(str(value))
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if field in _MONEY_FIELDS and isinstance(value, int):
        return format_rupiah(value)
    if isinstance(value, list):
        return ", ".join(code_labels(entity, field, [str(v) for v in value]))
    text = str(value)
    label = code_label(entity, field, text)
    if label != text:
        return label
    if _ISO_DATE.match(text):
        return format_date(date.fromisoformat(text))
    if _ISO_DATETIME.match(text):
        return format_timestamp(datetime.fromisoformat(text))
    return text


def _changes(entity: str, changes: dict[str, Any] | None) -> tuple[FieldChange, ...]:
    items = []
    for field, pair in (changes or {}).items():
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        if entity == "settings" and field == "key":  # which setting: its name, not its key
            label = _("Pengaturan")
            old_text, new_text = setting_label(str(old)) if old else "", setting_label(str(new))
        else:
            label = _(FIELD_LABELS.get(field, field))
            old_text = display_value(field, old, entity=entity)
            new_text = display_value(field, new, entity=entity)
        items.append(FieldChange(field, label, old_text, new_text))
    return tuple(items)


def _filtered(query: Any, **filters: Any) -> Any:
    if filters["username"]:
        query = query.where(AuditEntry.username == filters["username"])
    if filters["entity"]:
        query = query.where(AuditEntry.entity == filters["entity"])
    if filters["entity_id"]:
        query = query.where(AuditEntry.entity_id == str(filters["entity_id"]))
    if filters["action"]:
        query = query.where(AuditEntry.action == filters["action"])
    if filters["date_from"]:
        query = query.where(AuditEntry.at >= _utc_start(filters["date_from"]))
    if filters["date_to"]:
        query = query.where(AuditEntry.at < _utc_start(filters["date_to"] + timedelta(days=1)))
    words = (filters["text"] or "").lower().split()
    if words:
        haystack = func.lower(
            func.coalesce(AuditEntry.summary, "")
            + " "
            + func.coalesce(AuditEntry.username, "")
            + " "
            + func.coalesce(AuditEntry.entity_id, "")
            + " "
            + func.coalesce(cast(AuditEntry.changes, String), "")
        )
        for word in words:
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(haystack.like(f"%{escaped}%", escape="\\"))
    return query


def _record_labels(session: Session, entries: list[AuditEntry]) -> dict[tuple[str, str], str]:
    wanted: dict[str, set[uuid.UUID]] = {}
    for entry in entries:
        if entry.entity in _NAMERS and entry.entity_id:
            try:
                wanted.setdefault(entry.entity, set()).add(uuid.UUID(entry.entity_id))
            except ValueError:
                continue
    labels: dict[tuple[str, str], str] = {}
    for entity, ids in wanted.items():
        model, column = _NAMERS[entity]
        query = select(model.id, column).where(model.id.in_(ids))
        if column.class_ is not model:
            query = query.join(Child, Child.id == model.child_id)
        for row_id, label in session.execute(query):
            labels[(entity, str(row_id))] = label or ""
    return labels


def query_audit(
    session: Session,
    *,
    username: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    entity: str | None = None,
    entity_id: str | uuid.UUID | None = None,
    action: str | None = None,
    text: str | None = None,
    limit: int = 200,
    offset: int = 0,
) -> AuditQueryResult:
    """Entries matching every given filter, newest first (Admin only).

    ``date_from``/``date_to`` are inclusive local days; ``text`` matches every word anywhere in
    the summary, user, record id or changed values. ``limit``/``offset`` page through the rows.
    """
    require_role(session, ADMIN)
    filters = dict(username=username, date_from=date_from, date_to=date_to, entity=entity,
                   entity_id=entity_id, action=action, text=text)  # fmt: skip
    total = session.scalar(_filtered(select(func.count(AuditEntry.id)), **filters)) or 0
    query = _filtered(select(AuditEntry), **filters)
    query = query.order_by(AuditEntry.at.desc(), AuditEntry.id).limit(max(limit, 0))
    entries = list(session.scalars(query.offset(max(offset, 0))))
    labels = _record_labels(session, entries)
    rows = [
        AuditRecord(
            id=entry.id,
            at=entry.at,
            at_text=format_timestamp(entry.at),
            username=entry.username or _("(sistem)"),
            device_id=entry.device_id or "",
            action=entry.action,
            action_label=_(ACTION_LABELS.get(entry.action, entry.action)),
            entity=entry.entity,
            entity_label=_(ENTITY_LABELS.get(entry.entity, entry.entity)),
            entity_id=entry.entity_id or "",
            record_label=(
                setting_label(entry.entity_id or "")
                if entry.entity == "settings"
                else labels.get((entry.entity, entry.entity_id or ""), "")
            ),
            summary=entry.summary or "",
            changes=_changes(entry.entity, entry.changes),
        )
        for entry in entries
    ]
    return AuditQueryResult(rows, total)


def audit_filter_choices(session: Session) -> tuple[list[str], list[tuple[str, str]]]:
    """The usernames and (entity, label) pairs that occur in the log, for the filter lists."""
    require_role(session, ADMIN)
    users = [u for u in session.scalars(select(AuditEntry.username).distinct()) if u]
    entities = [e for e in session.scalars(select(AuditEntry.entity).distinct()) if e]
    return (
        sorted(users),
        sorted(((e, _(ENTITY_LABELS.get(e, e))) for e in entities), key=lambda item: item[1]),
    )
