"""Data subject requests (UU No. 27 Tahun 2022): export all we hold about a child, or anonymise it.

Both are Admin-only and audited. They run on the DB worker thread in the caller's transaction.

**Export** writes one JSON document (optionally password-encrypted, see ``crypto_files``) with the
child's row, assignments (with the guardian's name), visits, aid payments and every audit entry
about any of those rows, deleted rows included: the parents asked for everything. Identity
numbers are written in full; this file is the family's own data.

**Anonymise** removes what identifies the child and the family while keeping the numbers
programme totals are made of:

- cleared: NIK, No. KK, parents' names, phone, address, RT/RW, the consent giver's name, notes;
  the name becomes ``Anak terhapus #<first 8 characters of the id>``; free-text notes of the
  child's visits and assignments and the "received by" name of its payments;
- kept: sex and birth date (z-scores, age groups and every growth statistic need them; alone
  they identify no one), desa/posyandu (area totals), enrolment and exit, risk factors, every
  measurement, assignment and payment amount;
- an active child leaves the programme first (exit reason "lainnya", today), so no one keeps
  working with a nameless child.

The audit trail would still hold the old values, which would make the erasure hollow. So the
values of the cleared fields in the audit entries about the child's own rows are replaced by
``[dihapus]``; who changed what and when stays. This is the **one sanctioned exception** to the
append-only audit log, required by the law's right to erasure, and it is itself audited.
Backups taken before keep the old data until rotated out (see ``desktop_app.backup.rotation``).
"""

from __future__ import annotations

import io
import json
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from desktop_app.children.service import exit_child
from desktop_app.core import clock
from desktop_app.core.changes import Changes, writes
from desktop_app.core.crypto_files import encrypt_stream, write_atomically
from desktop_app.core.errors import ConflictError, NotFoundError
from desktop_app.core.i18n import _
from desktop_app.core.permissions import ADMIN, checked, require_role
from desktop_app.core.records import FieldErrors, get_live
from desktop_app.db.audit_hook import record_event
from desktop_app.db.base import Base, utcnow
from desktop_app.db.models import (
    AidPayment,
    Assignment,
    AuditEntry,
    Child,
    Guardian,
    SyncConflict,
    Visit,
)

__all__ = [
    "ANONYMOUS_PREFIX",
    "REDACTED",
    "AnonymiseResult",
    "ChildDataExport",
    "anonymise_child",
    "export_child_data",
]

ANONYMOUS_PREFIX = "Anak terhapus #"
REDACTED = "[dihapus]"
FORMAT = "asuh-data-anak"

#: Per table, the columns anonymisation clears (set to None) and redacts in the audit trail.
_CLEARED: dict[type[Base], tuple[str, ...]] = {
    Child: ("nik", "no_kk", "mother_name", "father_name", "phone", "address", "rt", "rw",
            "consent_by", "notes"),
    Visit: ("notes", "follow_up"),
    Assignment: ("notes",),
    AidPayment: ("received_by",),
}  # fmt: skip
_REDACTED_IN_AUDIT = {
    model.__tablename__: set(columns) | ({"name", "search_text"} if model is Child else set())
    for model, columns in _CLEARED.items()
}


@dataclass(frozen=True)
class ChildDataExport:
    path: Path
    counts: dict[str, int]  # section -> number of rows
    encrypted: bool


@dataclass(frozen=True)
class AnonymiseResult:
    child_id: uuid.UUID
    new_name: str
    audit_entries_redacted: int


def _row(obj: Any) -> dict[str, Any]:
    return {attr.key: getattr(obj, attr.key) for attr in inspect(obj).mapper.column_attrs}


def _related(session: Session, child_id: uuid.UUID) -> dict[type, list[Any]]:
    return {
        model: list(session.scalars(select(model).where(model.child_id == child_id)))
        for model in (Assignment, Visit, AidPayment)
    }


def _audit_entries(session: Session, child: Child, related: dict[type, list[Any]]):
    ids = [str(child.id)] + [str(row.id) for rows in related.values() for row in rows]
    return list(
        session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id.in_(ids)).order_by(AuditEntry.at)
        )
    )


def child_data_document(session: Session, *, child_id: uuid.UUID) -> dict[str, Any]:
    """Everything held about the child as one JSON-ready document (Admin only; reads)."""
    require_role(session, ADMIN)
    child = session.get(Child, child_id)  # a deleted child's data is still held: export it
    if child is None:
        raise NotFoundError(_("Data anak tidak ditemukan"))
    related = _related(session, child.id)
    guardians = {
        g.id: g.name
        for g in session.scalars(
            select(Guardian).where(Guardian.id.in_([a.guardian_id for a in related[Assignment]]))
        )
    }
    assignments = [
        _row(a) | {"guardian_name": guardians.get(a.guardian_id)} for a in related[Assignment]
    ]
    return {
        "format": FORMAT,
        "version": 1,
        "exported_at": utcnow(),
        "exported_by": session.info.get("actor"),
        "child": _row(child),
        "assignments": assignments,
        "visits": [_row(v) for v in related[Visit]],
        "aid_payments": [_row(p) for p in related[AidPayment]],
        "audit": [_row(e) for e in _audit_entries(session, child, related)],
    }


def document_bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document, default=str, ensure_ascii=False, indent=2).encode("utf-8")


def document_counts(document: dict[str, Any]) -> dict[str, int]:
    return {key: len(document[key]) for key in ("assignments", "visits", "aid_payments", "audit")}


@checked
def export_child_data(
    session: Session,
    *,
    child_id: uuid.UUID,
    path: str | Path,
    password: str | None = None,
) -> ChildDataExport:
    """Write everything held about the child to ``path`` (JSON; encrypted when ``password``).

    The file appears only complete (written aside, then renamed). One audit entry is added.
    """
    document = child_data_document(session, child_id=child_id)
    payload = document_bytes(document)
    target = Path(path)

    def fill(stream: BinaryIO) -> None:
        if password is None:
            stream.write(payload)
        else:
            encrypt_stream(io.BytesIO(payload), stream, password=password)

    write_atomically(target, fill)
    record_data_export(session, child_id=child_id, name=target.name, encrypted=bool(password))
    return ChildDataExport(target, document_counts(document), password is not None)


def record_data_export(
    session: Session, *, child_id: uuid.UUID, name: str, encrypted: bool
) -> None:
    record_event(
        session,
        action="export",
        entity="children",
        entity_id=str(child_id),
        summary=_("Ekspor seluruh data anak atas permintaan subjek data ke {name}{enc}").format(
            name=name, enc=_(" (terenkripsi)") if encrypted else ""
        ),
    )
    session.flush()


@writes(Changes.CHILDREN | Changes.ASSIGNMENTS | Changes.AID | Changes.VISITS)
def anonymise_child(
    session: Session, *, child_id: uuid.UUID, reason: str, today: date | None = None
) -> AnonymiseResult:
    """Remove what identifies the child (see the module docstring); Admin only, audited.

    ``reason`` (e.g. "permintaan ibu, surat 12/2026") is required and kept in the audit.
    """
    require_role(session, ADMIN)
    errors = FieldErrors()
    reason = " ".join(reason.split())
    if not reason:
        errors.add("reason", _("Alasan penghapusan wajib diisi"))
    errors.check_text("reason", reason, 200, _("Alasan penghapusan"))
    errors.raise_if_any()
    child = get_live(session, Child, child_id, _("Data anak"))
    if child.name.startswith(ANONYMOUS_PREFIX):
        raise ConflictError(_("Data anak ini sudah dianonimkan"))
    if child.exit_date is None:
        exit_child(session, child_id=child.id, exit_date=today or clock.today(), reason="lainnya",
                   today=today)  # fmt: skip
    related = _related(session, child.id)
    new_name = f"{ANONYMOUS_PREFIX}{str(child.id)[:8]}"
    for model, columns in _CLEARED.items():
        for row in [child] if model is Child else related[model]:
            for column in columns:
                setattr(row, column, None)
    child.name = new_name
    child.search_text = new_name.lower()
    session.flush()  # the audit hook records this change; it is redacted with the rest below
    redacted = _redact_audit(session, child, related, keep=new_name)
    _redact_conflicts(session, child, related, keep=new_name)
    record_event(
        session,
        action="anonymise",
        entity="children",
        entity_id=str(child.id),
        summary=_("Identitas anak dihapus atas permintaan subjek data: {reason}").format(
            reason=reason
        ),
    )
    session.flush()
    return AnonymiseResult(child.id, new_name, redacted)


def _redact_audit(
    session: Session, child: Child, related: dict[type, list[Any]], *, keep: str
) -> int:
    """Replace the cleared fields' values in the audit entries about the child's rows (the
    anonymous name ``keep`` and empty values stay). Returns how many entries changed."""

    def redact(value: Any) -> Any:
        return value if value is None or value == keep else REDACTED

    count = 0
    for entry in _audit_entries(session, child, related):
        fields = _REDACTED_IN_AUDIT.get(entry.entity, set())
        changes = dict(entry.changes or {})
        hit = False
        for key in fields & changes.keys():
            changes[key] = [redact(value) for value in changes[key]]
            hit = True
        if hit:
            # A new dict (JSON columns do not track in-place edits) and the redaction stamp: the
            # one UPDATE the audit log's triggers allow; its chain keeps the old content hash.
            entry.changes = changes
            if entry.redacted_at is None:
                entry.redacted_at = utcnow()
            count += 1
    session.flush()
    return count


def _redact_conflicts(
    session: Session, child: Child, related: dict[type, list[Any]], *, keep: str
) -> None:
    """Blank the cleared fields in both versions kept by the sync conflict log for the child's
    rows (a synced table: the blanked versions reach the server and the other laptops)."""
    ids = [child.id] + [row.id for rows in related.values() for row in rows]
    for conflict in session.scalars(select(SyncConflict).where(SyncConflict.row_id.in_(ids))):
        fields = _REDACTED_IN_AUDIT.get(conflict.table_name, set())
        for attribute in ("winner_values", "loser_values"):
            values = dict(getattr(conflict, attribute) or {})
            for key in fields & values.keys():
                if values[key] not in (None, keep):
                    values[key] = REDACTED
            setattr(conflict, attribute, values)
    session.flush()
