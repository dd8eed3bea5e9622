"""Who made a sync file: the manifest is signed with the sending laptop's enrolled device key.

The manifest lists every member with its SHA-256, so signing the manifest's bytes signs the
whole file. The signature travels as ``signature.json`` (the signer's device id and the
Ed25519 signature, base64) over ``asuh-sync-file/2`` + a newline + the manifest's exact bytes
(the prefix keeps a file signature from ever passing for a signed request, and back).

An import checks the signature against the devices this laptop knows (the ``devices`` table,
pulled from the server) **before** it parses the manifest or opens a single member: a file
from a device the server never enrolled, from a revoked device, or changed after signing is
refused whole. The file's password only keeps it private; anyone who has it (every recipient)
could otherwise rewrite the file, which the signature rules out.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.db.models import Device
from desktop_app.sync.identity import LaptopIdentity

__all__ = [
    "SIGNATURE",
    "KnownDevice",
    "SignatureRefused",
    "SyncFileError",
    "known_devices",
    "sign_manifest",
    "verify_manifest",
]

SIGNATURE = "signature.json"
_CONTEXT = b"asuh-sync-file/2\n"


class SyncFileError(DomainError):
    """The file is not a valid, intact Asuh sync file; nothing was applied."""


class SignatureRefused(SyncFileError):
    """The file is not signed by a device this laptop trusts; nothing was applied."""


@dataclass(frozen=True)
class KnownDevice:
    """A device as the local ``devices`` table knows it (plain data: safe on any thread)."""

    id: str
    name: str
    public_key: str | None  # raw Ed25519 key, base64; None before it enrolled
    revoked: bool


def known_devices(session: Session) -> dict[str, KnownDevice]:
    """Every device this laptop knows, by id: what an import verifies signatures against."""
    rows = session.execute(select(Device.id, Device.name, Device.public_key, Device.revoked_at))
    return {
        str(device_id): KnownDevice(str(device_id), name, public_key, revoked_at is not None)
        for device_id, name, public_key, revoked_at in rows
    }


def sign_manifest(identity: LaptopIdentity, manifest: bytes) -> bytes:
    """The ``signature.json`` member for ``manifest`` (its exact bytes)."""
    signature = identity.key.sign(_CONTEXT + manifest)
    return json.dumps(
        {"device_id": identity.device_id, "signature": base64.b64encode(signature).decode()}
    ).encode("utf-8")


def _unknown() -> SignatureRefused:
    return SignatureRefused(
        _(
            "Berkas ini dibuat oleh perangkat yang tidak dikenal laptop ini. Sinkronkan dengan "
            "server dulu, atau minta Admin kabupaten."
        )
    )


def _tampered() -> SignatureRefused:
    return SignatureRefused(
        _(
            "Tanda tangan berkas sinkron tidak cocok: berkas telah diubah setelah dibuat, atau "
            "bukan dari perangkat yang disebutnya. Tidak ada data yang diterapkan."
        )
    )


def verify_manifest(
    manifest: bytes, signature_member: bytes, devices: Mapping[str, KnownDevice]
) -> KnownDevice:
    """The device that signed ``manifest``; raises :class:`SignatureRefused` for an unsigned,
    unknown, revoked or altered file."""
    try:
        signed = json.loads(signature_member)
        signer = str(uuid.UUID(str(signed["device_id"])))
        signature = base64.b64decode(str(signed["signature"]), validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise _tampered() from None
    device = devices.get(signer)
    if device is None or not device.public_key:
        raise _unknown()
    if device.revoked:
        raise SignatureRefused(
            _(
                "Berkas ini dibuat oleh perangkat yang sudah dicabut ({name}); berkasnya tidak "
                "diimpor. Tanyakan kepada Admin kabupaten."
            ).format(name=device.name)
        )
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(device.public_key))
        key.verify(signature, _CONTEXT + manifest)
    except (InvalidSignature, ValueError, binascii.Error):
        raise _tampered() from None
    return device
