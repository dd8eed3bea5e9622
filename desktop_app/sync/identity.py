"""This laptop as an enrolled device of the district sync server: who it is and how it proves it.

The district Admin enrols the laptop on the server (``asuh server enrol``) and reads out the
server's name, its certificate fingerprint and a one-time code. :func:`enrol_laptop` creates a
new Ed25519 key here, claims the code with the public half (:class:`ServerClient` pins the
fingerprint, so no impostor sees the code) and keeps what identifies the laptop from then on in
the local settings, which are never synced: the server name, the pinned fingerprint, the device
id, name and scope the server gave, and the private key, sealed under the data key
(:mod:`desktop_app.core.sealed`). No database address or password is stored any more.

The local ``device_id`` (:mod:`desktop_app.db.device`) becomes the server's id, so the rows this
laptop stamps are attributed to the device the server knows, and a scope naming exactly one
kecamatan or posyandu is also stored the old way (``sync_scope_*``) for the code that filters by
it. Plain Python: no Qt.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.db.device import DEVICE_ID_KEY
from desktop_app.db.models import Kecamatan, Posyandu, Setting
from desktop_app.server.cert import normalise_fingerprint
from desktop_app.server.client import Enrolment, ServerClient, new_device_key
from desktop_app.settings.store import get_settings, update_settings
from desktop_app.sync.scope import scope_ids, store_sync_scope
from desktop_app.sync.tables import SyncScope

__all__ = [
    "ClientFactory",
    "adopt_device_id",
    "EnrolledLaptop",
    "LaptopIdentity",
    "describe_scope",
    "enrol_laptop",
    "enrolled_laptop",
    "load_identity",
]

#: The setting of the direct-to-PostgreSQL sync this replaces; removed at enrolment.
_OLD_SERVER_URL = "sync_server_url"
_FINGERPRINT_SEPARATORS = " :-\t\n"


@dataclass(frozen=True)
class LaptopIdentity:
    server: str  # as the Admin typed it, e.g. "sinkron.belitungkab.go.id"
    fingerprint: str  # 64 hex, normalised
    device_id: str  # the server's device id
    name: str
    scope: dict[str, Any]  # as the server gave it
    key: Ed25519PrivateKey

    def __repr__(self) -> str:  # never the key, in a log or a traceback
        return f"LaptopIdentity(server={self.server!r}, device_id={self.device_id!r})"


ClientFactory = Callable[..., ServerClient]


def load_identity(session: Session) -> LaptopIdentity | None:
    """The enrolled identity, or None when the laptop is not enrolled, its key cannot be opened
    (a file whose data key is not this one's), or the file was copied or moved since: opening
    it elsewhere gave it a new local device id (:mod:`desktop_app.db.device`), and two laptops
    must never share one enrolled identity, so a copy is enrolled again."""
    settings = get_settings(session)
    if not (settings.sync_server and settings.sync_device_key and settings.sync_device_id):
        return None
    device = session.get(Setting, DEVICE_ID_KEY)
    if device is None or device.value != settings.sync_device_id:
        return None
    try:
        raw = base64.b64decode(settings.sync_device_key, validate=True)
        key = Ed25519PrivateKey.from_private_bytes(raw)
    except (binascii.Error, ValueError):
        return None
    return LaptopIdentity(
        server=settings.sync_server,
        fingerprint=settings.sync_server_fingerprint,
        device_id=settings.sync_device_id,
        name=settings.sync_device_name,
        scope=dict(settings.sync_device_scope),
        key=key,
    )


def _checked_form(server: str, fingerprint: str, code: str) -> tuple[str, str, str]:
    """The three fields trimmed and normalised, or a ValidationError naming each bad one."""
    server, code = server.strip(), code.strip()
    errors = []
    if not server:
        errors.append(FieldError("server", _("Nama server wajib diisi.")))
    elif any(ch.isspace() for ch in server):
        errors.append(FieldError("server", _("Nama server tidak boleh berisi spasi.")))
    stripped = "".join(ch for ch in fingerprint.lower() if ch not in _FINGERPRINT_SEPARATORS)
    pin = normalise_fingerprint(stripped)
    if pin != stripped or len(pin) != 64:
        errors.append(
            FieldError(
                "fingerprint",
                _("Sidik jari sertifikat harus 64 angka heksadesimal (0-9, a-f), seperti yang "
                  "diberikan Admin kabupaten."),
            )
        )  # fmt: skip
    if not code:
        errors.append(FieldError("code", _("Kode pendaftaran wajib diisi.")))
    if errors:
        raise ValidationError(errors)
    return server, pin, code


def _private_bytes(key: Ed25519PrivateKey) -> str:
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return base64.b64encode(raw).decode("ascii")


def _single(scope: dict[str, Any], kind: str) -> uuid.UUID | None:
    ids = scope.get(kind)
    if isinstance(ids, list) and len(ids) == 1:
        try:
            return uuid.UUID(str(ids[0]))
        except ValueError:
            return None
    return None


def _old_style_scope(scope: dict[str, Any]) -> SyncScope:
    """The scope as the local filter knows it: one kecamatan or one posyandu, else the whole
    district (the server filters what it sends anyway; a list of several is its job)."""
    posyandu = _single(scope, "posyandu")
    if posyandu is not None:
        return SyncScope(posyandu_id=posyandu)
    return SyncScope(kecamatan_id=_single(scope, "kecamatan"))


@writes(Changes.SETTINGS)
def enrol_laptop(
    session: Session,
    *,
    server: str,
    fingerprint: str,
    code: str,
    client_factory: ClientFactory | None = None,
) -> LaptopIdentity:
    """Enrol this laptop with the code the district Admin gave; store its identity here.

    The code is single-use: once the server accepted it the identity is stored in the same
    call (the caller commits). Raises ValidationError for an empty or malformed field, and the
    client's ``ServerUnreachable``/``CertificateMismatch``/``ServerRefused`` as they come.
    ``client_factory`` (tests) stands for :class:`ServerClient`, looked up at call time."""
    server, pin, code = _checked_form(server, fingerprint, code)
    key = new_device_key()
    with (client_factory or ServerClient)(server, fingerprint=pin) as client:
        enrolment: Enrolment = client.enrol(code=code, key=key)
    update_settings(
        session,
        sync_server=server,
        sync_server_fingerprint=pin,
        sync_device_id=enrolment.device_id,
        sync_device_name=enrolment.name,
        sync_device_scope=dict(enrolment.scope),
        sync_device_key=_private_bytes(key),
    )
    store_sync_scope(session, _old_style_scope(enrolment.scope))
    device = session.get(Setting, DEVICE_ID_KEY)
    if device is None:
        session.add(Setting(key=DEVICE_ID_KEY, value=enrolment.device_id))
    else:
        device.value = enrolment.device_id
    old = session.get(Setting, _OLD_SERVER_URL)
    if old is not None:  # a database address (perhaps with its password) has no use now
        session.delete(old)
    session.flush()
    identity = load_identity(session)
    assert identity is not None
    return identity


def adopt_device_id(sessions: sessionmaker[Session], identity: LaptopIdentity) -> None:
    """After an enrolment in a running app: the sessions opened from now on record the enrolled
    id in the audit trail (the id was read into the session factory when the file opened)."""
    info = dict(sessions.kw.get("info") or {})
    info["device_id"] = identity.device_id
    sessions.configure(info=info)


def describe_scope(session: Session, scope: dict[str, Any]) -> str:
    """The scope in words: "Seluruh kabupaten", "Kecamatan A, B" or "Posyandu X, Y"; an area
    not pulled yet is named as such."""
    for kind, model, label in (
        ("posyandu", Posyandu, _("Posyandu {names}")),
        ("kecamatan", Kecamatan, _("Kecamatan {names}")),
    ):
        ids = scope.get(kind)
        if not isinstance(ids, list) or not ids:
            continue
        wanted = scope_ids(ids)
        query = select(model.id, model.name).where(model.id.in_(wanted))
        found = {row.id: row.name for row in session.execute(query)}
        missing = len(wanted) - len(found)
        names = sorted(found.values())
        if missing:
            names.append(_("{count} belum diterima dari server").format(count=missing))
        return label.format(names=", ".join(names))
    return _("Seluruh kabupaten")


@dataclass(frozen=True)
class EnrolledLaptop:
    """What the sync page shows of the enrolment (no key: plain data for the GUI thread)."""

    server: str
    name: str
    scope: str  # in words (:func:`describe_scope`)


def enrolled_laptop(session: Session) -> EnrolledLaptop | None:
    """The enrolment as shown on the sync page; None when the laptop is not enrolled."""
    identity = load_identity(session)
    if identity is None:
        return None
    return EnrolledLaptop(identity.server, identity.name, describe_scope(session, identity.scope))
