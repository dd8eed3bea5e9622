"""Enrolled devices: the district Admin enrols a laptop, the laptop claims it with the code.

Runs in the caller's session and transaction (nothing here commits). Times are naive UTC from
the app clock (:func:`desktop_app.db.base.utcnow`). The enrolment code is 80 random bits in
Crockford base32 (no I, L, O, U: read aloud or typed without mix-ups), shown once and stored only
as its SHA-256; it is single-use and expires after :data:`CODE_LIFETIME`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.db.base import utcnow
from desktop_app.db.models import Device, Kecamatan, Posyandu

CODE_LIFETIME = timedelta(hours=24)
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
_CODE_GROUPS, _GROUP_LENGTH = 4, 4
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


class EnrolmentRefused(DomainError):
    """The code or the key sent with it cannot enrol a device."""


class DeviceNotFound(DomainError):
    pass


@dataclass(frozen=True)
class EnrolmentCode:
    device_id: uuid.UUID
    name: str
    code: str  # "XXXX-XXXX-XXXX-XXXX": shown once, never stored
    expires_at: datetime


@dataclass(frozen=True)
class DeviceRecord:
    id: uuid.UUID
    name: str
    scope: dict[str, Any]
    created_at: datetime
    enrolled_at: datetime | None
    revoked_at: datetime | None
    last_seen_at: datetime | None

    @property
    def state(self) -> str:
        """``dicabut`` | ``menunggu`` (code not yet used) | ``aktif``: a code, not a label."""
        if self.revoked_at is not None:
            return "dicabut"
        return "menunggu" if self.enrolled_at is None else "aktif"

    @property
    def status(self) -> str:
        return {
            "dicabut": _("Dicabut"),
            "menunggu": _("Menunggu pendaftaran"),
            "aktif": _("Aktif"),
        }[self.state]


def _record(device: Device) -> DeviceRecord:
    return DeviceRecord(
        id=device.id,
        name=device.name,
        scope=dict(device.scope or {}),
        created_at=device.created_at,
        enrolled_at=device.enrolled_at,
        revoked_at=device.revoked_at,
        last_seen_at=device.last_seen_at,
    )


def normalise_code(code: str) -> str:
    """Upper case, separators dropped, look-alike letters read as the digits they resemble."""
    return "".join(ch for ch in code.upper().translate(_LOOKALIKES) if ch in _ALPHABET)


def _code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode("ascii")).hexdigest()


def _new_code() -> str:
    groups = (
        "".join(secrets.choice(_ALPHABET) for _ in range(_GROUP_LENGTH))
        for _ in range(_CODE_GROUPS)
    )
    return "-".join(groups)


def _ids(session: Session, model: type[Kecamatan] | type[Posyandu], values: list[str]) -> list[str]:
    """``values`` as UUID strings of live rows of ``model``; an unknown id is refused by name."""
    found = []
    for value in values:
        try:
            row_id = uuid.UUID(value.strip())
        except ValueError:
            raise DomainError(_("Kode wilayah tidak sah: {value}").format(value=value)) from None
        if session.get(model, row_id) is None:
            raise DomainError(_("Wilayah tidak ditemukan: {value}").format(value=value))
        found.append(str(row_id))
    return found


@writes(Changes.NONE)
def enrol_device(
    session: Session,
    *,
    name: str,
    kecamatan_ids: list[str] | None = None,
    posyandu_ids: list[str] | None = None,
) -> EnrolmentCode:
    """Add a device waiting for its laptop, scoped to the whole district (no ids) or to the
    given kecamatan or posyandu (not both); returns the one-time code."""
    name = " ".join(name.split())
    if not name or len(name) > 120:
        raise DomainError(_("Nama perangkat wajib diisi (paling banyak 120 karakter)"))
    if kecamatan_ids and posyandu_ids:
        raise DomainError(_("Pilih cakupan kecamatan atau posyandu, bukan keduanya"))
    scope: dict[str, Any] = {"district": True}
    if kecamatan_ids:
        scope = {"kecamatan": _ids(session, Kecamatan, kecamatan_ids)}
    elif posyandu_ids:
        scope = {"posyandu": _ids(session, Posyandu, posyandu_ids)}
    code = _new_code()
    now = utcnow()
    expires_at = now + CODE_LIFETIME
    device = Device(
        name=name,
        scope=scope,
        created_at=now,
        enrol_code_hash=_code_hash(code),
        enrol_code_expires_at=expires_at,
    )
    session.add(device)
    session.flush()
    return EnrolmentCode(device_id=device.id, name=name, code=code, expires_at=expires_at)


def decode_public_key(value: str) -> Ed25519PublicKey:
    """A raw Ed25519 public key sent as base64; anything else is refused."""
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, binascii.Error, UnicodeEncodeError):
        raise EnrolmentRefused(_("Kunci perangkat tidak sah")) from None


@writes(Changes.NONE)
def claim_enrolment(session: Session, *, code: str, public_key: str) -> DeviceRecord:
    """The laptop's half: the code (any spacing or case) and its public key make the device
    enrolled; the code cannot be used again."""
    decode_public_key(public_key)
    device = session.scalars(
        select(Device).where(Device.enrol_code_hash == _code_hash(code))
    ).first()
    refused = _("Kode pendaftaran salah atau sudah dipakai. Minta kode baru ke Admin kabupaten.")
    if device is None or device.enrolled_at is not None:
        raise EnrolmentRefused(refused)
    if device.revoked_at is not None:
        raise EnrolmentRefused(_("Perangkat ini sudah dicabut oleh Admin kabupaten"))
    now = utcnow()
    if device.enrol_code_expires_at is None or device.enrol_code_expires_at < now:
        raise EnrolmentRefused(
            _("Kode pendaftaran sudah kedaluwarsa. Minta kode baru ke Admin kabupaten.")
        )
    if session.scalars(select(Device.id).where(Device.public_key == public_key)).first():
        raise EnrolmentRefused(_("Kunci perangkat ini sudah terdaftar"))
    device.public_key = public_key
    device.enrolled_at = now
    device.last_seen_at = now
    device.enrol_code_hash = None  # single use
    device.enrol_code_expires_at = None
    session.flush()
    return _record(device)


@writes(Changes.NONE)
def revoke_device(session: Session, *, device_id: uuid.UUID) -> DeviceRecord:
    """Refuse the device from now on (kept for the record; a revoked device is never revived:
    enrol the laptop again as a new device)."""
    device = session.get(Device, device_id)
    if device is None:
        raise DeviceNotFound(_("Perangkat tidak ditemukan: {id}").format(id=device_id))
    if device.revoked_at is None:
        device.revoked_at = utcnow()
        device.enrol_code_hash = None
        session.flush()
    return _record(device)


def list_devices(session: Session) -> list[DeviceRecord]:
    """Every device, newest first."""
    rows = session.scalars(select(Device).order_by(Device.created_at.desc(), Device.name))
    return [_record(device) for device in rows]


def find_device(session: Session, device_id: uuid.UUID) -> Device | None:
    return session.get(Device, device_id)
