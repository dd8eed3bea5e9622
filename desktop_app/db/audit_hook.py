"""Record every ORM change in the audit log, and stamp synced rows with this laptop's id.

A ``before_flush`` listener on the app's session factory sees every object a service adds,
changes or soft-deletes, and appends an :class:`AuditEntry` with the old and new values, the
user (``session.info["actor"]``) and the device (``session.info["device_id"]``). Doing it here,
once, means no service can forget to audit and none has to repeat the bookkeeping.

Bulk Core statements (demo data, applying rows pulled by sync) bypass the ORM and therefore this
hook on purpose: they are not user edits on this laptop; sync records what it applied through
:func:`desktop_app.db.audit_chain.append_rows`. Every entry is chained (``audit_chain``), identity
numbers are recorded masked and secrets not at all.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.db.audit_chain import seal_entries
from desktop_app.db.base import Base, SyncedMixin, utcnow
from desktop_app.db.models import AuditEntry

#: Columns whose changes say nothing to a reader of the audit trail (login bookkeeping has its
#: own explicit "login" events).
_IGNORED_COLUMNS = frozenset(
    {"created_at", "updated_at", "device_id", "search_text", "failed_logins", "locked_until",
     "last_login"}
)  # fmt: skip
#: Secrets are recorded as changed but never copied: old hashes kept forever invite offline
#: attacks.
_SECRET_COLUMNS = frozenset({"password_hash", "enrol_code_hash"})
_SECRET_SETTING_KEYS = frozenset(
    {
        "admin_recovery_key_hash",
        "backup_password",
        "sync_server_url",
        "sync_device_key",
        "search_key",
    }
)
SECRET_PLACEHOLDER = "***"
#: Identity numbers are recorded masked like on screen (``3271**********01``): the trail says a
#: NIK changed and which one it roughly was, without becoming a second copy of the register that
#: is pushed to the server and kept for years.
_IDENTIFIER_COLUMNS = frozenset({"nik", "no_kk", "nip"})
_KEEP_START, _KEEP_END = 4, 2


def mask_identifier(value: str) -> str:
    """The masking rule of :mod:`desktop_app.core.masking`, repeated here because the db layer
    sits below the core (a test checks the two agree)."""
    text = value.strip()
    if len(text) <= _KEEP_START + _KEEP_END:
        return "*" * len(text)
    return text[:_KEEP_START] + "*" * (len(text) - _KEEP_START - _KEEP_END) + text[-_KEEP_END:]


def _json_safe(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    return str(value)


def _column_keys(obj: object) -> list[str]:
    return [
        attr.key for attr in inspect(obj).mapper.column_attrs if attr.key not in _IGNORED_COLUMNS
    ]


def _is_secret(obj: object, key: str) -> bool:
    if key in _SECRET_COLUMNS:
        return True
    return key == "value" and getattr(obj, "key", None) in _SECRET_SETTING_KEYS


def _recorded(obj: object, key: str, value: Any) -> Any:
    if value is None:
        return None
    if _is_secret(obj, key):
        return SECRET_PLACEHOLDER
    if key in _IDENTIFIER_COLUMNS and isinstance(value, str):
        return mask_identifier(value)
    return _json_safe(value)


def _created_values(obj: object) -> dict[str, list[Any]]:
    changes = {}
    for key in _column_keys(obj):
        value = getattr(obj, key)
        if value not in (None, "", [], {}):
            changes[key] = [None, _recorded(obj, key, value)]
    return changes


def _changed_values(obj: object) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes = {}
    for key in _column_keys(obj):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            changes[key] = [_recorded(obj, key, old), _recorded(obj, key, new)]
    return changes


def _entry(session: Session, action: str, obj: Base, changes: dict[str, list[Any]]) -> AuditEntry:
    identity = getattr(obj, "id", None) or getattr(obj, "key", None)
    return AuditEntry(
        at=utcnow(),
        username=session.info.get("actor"),
        device_id=session.info.get("device_id"),
        action=action,
        entity=type(obj).__tablename__,
        entity_id=str(identity) if identity is not None else None,
        changes=changes,
    )


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    device_id = session.info.get("device_id")
    entries: list[AuditEntry] = []
    for obj in list(session.new):
        if isinstance(obj, AuditEntry):
            continue
        if isinstance(obj, SyncedMixin):
            obj.device_id = device_id
            if obj.id is None:
                obj.id = uuid.uuid4()  # the audit entry must name the row before INSERT
        entries.append(_entry(session, "create", obj, _created_values(obj)))
    for obj in list(session.dirty):
        if isinstance(obj, AuditEntry) or not session.is_modified(obj):
            continue
        changes = _changed_values(obj)
        if not changes:
            continue
        if isinstance(obj, SyncedMixin):
            obj.device_id = device_id
        deleted = changes.get("deleted_at")
        action = "update"
        if deleted is not None:
            action = "delete" if deleted[1] is not None else "restore"
        entries.append(_entry(session, action, obj, changes))
    for obj in list(session.deleted):
        if not isinstance(obj, AuditEntry):
            entries.append(_entry(session, "purge", obj, {}))
    session.add_all(entries)
    _chain_new_entries(session)


def _chain_new_entries(session: Session) -> None:
    """Give every audit entry about to be inserted (from this hook or :func:`record_event`) its
    place in the hash chain, after the rows already in the database or flushed earlier."""
    fresh = [obj for obj in session.new if isinstance(obj, AuditEntry) and obj.seq is None]
    if not fresh:
        return
    for entry in fresh:  # the content hash covers these: fill them as INSERT would
        if entry.id is None:
            entry.id = uuid.uuid4()
        if entry.at is None:
            entry.at = utcnow()
        if entry.changes is None:
            entry.changes = {}
    fresh.sort(key=lambda entry: (entry.at, str(entry.id)))
    with session.no_autoflush:
        seal_entries(session.connection(), fresh)


def install_audit_hook(factory: sessionmaker[Session]) -> None:
    """Attach the listener to sessions made by ``factory`` (idempotent).

    Marked on the factory itself: ``event.contains`` answers by ``id()``, and a new factory that
    reused a freed one's id was taken for hooked, its changes left unaudited."""
    if getattr(factory, _HOOKED, False):
        return
    event.listen(factory, "before_flush", _before_flush)
    setattr(factory, _HOOKED, True)


_HOOKED = "_asuh_audit_hook"


def record_event(
    session: Session, *, action: str, entity: str, entity_id: str | None, summary: str
) -> None:
    """Append a non-change event (a view of full NIK, an export, a login) to the audit log."""
    session.add(
        AuditEntry(
            at=utcnow(),
            username=session.info.get("actor"),
            device_id=session.info.get("device_id"),
            action=action,
            entity=entity,
            entity_id=entity_id,
            summary=summary,
            changes={},
        )
    )
