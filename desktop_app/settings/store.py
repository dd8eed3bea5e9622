"""Application settings stored in the database file (a backup or restore carries them along).

Each setting has a typed default here, so a new database works before anyone opens Pengaturan.
SQLAlchemy is imported inside the functions that query: start-up builds :class:`AppSettings`
from a read-only peek at the file (``desktop_app.settings.start_facts``) before SQLAlchemy is
loaded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any

from desktop_app.core import vault
from desktop_app.core.changes import Changes, writes
from desktop_app.core.i18n import SUPPORTED_LANGUAGES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)


@dataclass
class AppSettings:
    district_name: str = "Kabupaten Contoh"
    province_code: str = ""  # Kemendagri code (19) chosen in the first-run wizard
    regency_code: str = ""  # Kemendagri code of the kabupaten/kota (19.02); "" = not chosen
    coordinating_office: str = "DPPKBPMD"
    programme_label: str = "Gerakan Orang Tua Asuh Cegah Stunting"
    max_children_per_guardian: int = 3
    default_monthly_aid: int = 450_000  # rupiah
    visit_target_per_month: int = 1
    head_title: str = "Kepala Dinas"
    head_name: str = ""
    head_nip: str = ""
    prepared_by: str = ""
    prepared_by_nip: str = ""  # NIP of the officer who prepares the reports ("Dibuat oleh")
    office_address: str = ""  # the letterhead's address line (kop surat)
    office_phone: str = ""
    office_email: str = ""
    language: str = "id"
    backup_dir: str = ""  # empty: the "cadangan" folder beside the database file
    keep_daily: int = 7  # automatic daily backups kept (newest per day)
    keep_weekly: int = 4  # automatic weekly backups kept (newest per ISO week)
    backup_password: str = ""  # empty: unencrypted backups; see desktop_app.backup.encryption
    logo_path: str = ""
    device_id: str = ""
    # The district sync server this laptop is enrolled with (desktop_app.sync.identity); the
    # laptop holds no database address or password, only its device key (sealed).
    sync_server: str = ""  # the server's name as the Admin typed it
    sync_server_fingerprint: str = ""  # SHA-256 of its certificate, 64 hex: pinned
    sync_device_id: str = ""  # the id the server gave; device_id equals it while enrolled
    sync_device_name: str = ""  # this laptop's name on the server
    sync_device_scope: dict[str, Any] = field(default_factory=dict)  # as the server gave it
    sync_device_key: str = ""  # the Ed25519 private key, raw bytes base64 (sealed)
    sync_scope_kecamatan_id: str = ""  # empty: this laptop pulls the whole district
    sync_scope_posyandu_id: str = ""  # set: only this posyandu's children
    idle_lock_minutes: int = 10  # the window locks after this long without input (1-30)
    setup_completed: bool = False  # the first-run wizard finished (desktop_app.settings.district)


#: The idle lock cannot be switched off nor set longer than this (UU PDP: a laptop left open
#: in a shared office must not show children's data for hours); see :func:`idle_lock_minutes`.
MAX_IDLE_LOCK_MINUTES = 30
MIN_IDLE_LOCK_MINUTES = 1

_DEFAULTS = AppSettings()
_FIELD_NAMES = {f.name for f in fields(AppSettings)}
#: Settings whose value must be one of a few (a value outside them falls back to the default).
_CHOICES: dict[str, tuple[Any, ...]] = {"language": SUPPORTED_LANGUAGES}


def settings_from_stored(rows: Iterable[tuple[str, Any]]) -> AppSettings:
    """Settings from stored (key, value) pairs; keys this build does not know are ignored
    (a newer laptop's setting synced here), defaults fill in keys never saved.

    A stored value of the wrong type or outside its choices (a restored backup from a newer
    Asuh, a hand-edited file) also gives the default, logged: start-up must not fail on it."""
    stored: dict[str, Any] = {}
    for key, value in rows:
        if key not in _FIELD_NAMES:
            continue
        if _acceptable(key, value):
            stored[key] = value
        else:
            # The value itself is not logged: it may be a secret (backup_password).
            log.warning("setting %s holds an unusable %s; using the default", key, type(value))
    if "idle_lock_minutes" in stored:  # an older file's 0 ("never") or 240 is clamped
        stored["idle_lock_minutes"] = idle_lock_minutes(stored["idle_lock_minutes"])
    return AppSettings(**stored)


def idle_lock_minutes(minutes: float) -> int:
    """The idle lock's time as used: between 1 and :data:`MAX_IDLE_LOCK_MINUTES` minutes.
    0 (once "never"), negative or longer values are clamped, never honoured."""
    return int(min(max(minutes, MIN_IDLE_LOCK_MINUTES), MAX_IDLE_LOCK_MINUTES))


def _acceptable(key: str, value: Any) -> bool:
    default = getattr(_DEFAULTS, key)
    if type(value) is not type(default):  # bool is not int here, nor int bool
        return False
    return key not in _CHOICES or value in _CHOICES[key]


def get_settings(session: Session) -> AppSettings:
    """All settings, defaults filled in for keys never saved; secrets unsealed."""
    from sqlalchemy import select

    from desktop_app.db.models import Setting

    rows = session.execute(select(Setting.key, Setting.value)).all()
    return settings_from_stored(unsealed(rows, _data_key(session)))


def unsealed(rows: Iterable[tuple[str, Any]], data_key: bytes | None) -> list[tuple[str, Any]]:
    """``rows`` with the sealed secrets (``core/sealed.py``) opened with ``data_key``."""
    from desktop_app.core.sealed import SECRET_SETTINGS, unseal

    return [
        (key, unseal(data_key, key, value) if key in SECRET_SETTINGS and isinstance(value, str)
         else value)
        for key, value in rows
    ]  # fmt: skip


def _data_key(session: Session) -> bytes | None:
    """The data key of the session's SQLite file (None for a server database)."""
    from desktop_app.db import cipher

    url = session.get_bind().engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return cipher.key_for(url.database)


@writes(Changes.SETTINGS)
def update_settings(session: Session, **changes: Any) -> AppSettings:
    """Save the given settings (unknown keys are a programming error). Caller commits."""
    unknown = set(changes) - _FIELD_NAMES
    if unknown:
        raise KeyError(f"unknown settings: {sorted(unknown)}")
    from desktop_app.core.sealed import SECRET_SETTINGS, seal
    from desktop_app.db.models import Setting

    data_key = _data_key(session)
    if "idle_lock_minutes" in changes:
        changes["idle_lock_minutes"] = idle_lock_minutes(changes["idle_lock_minutes"])
    for key, value in changes.items():
        if key in SECRET_SETTINGS and data_key is not None and isinstance(value, str):
            value = seal(data_key, key, value)
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value
    session.flush()
    settings = get_settings(session)
    if {"district_name", "language"} & changes.keys():
        vault.set_facts_after_commit(
            session, district=settings.district_name, language=settings.language
        )
    return settings


def settings_as_dict(settings: AppSettings) -> dict[str, Any]:
    return asdict(settings)
