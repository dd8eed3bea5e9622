"""The server's side of authentication: signed device requests and the Admin's Basic login.

Both run in the caller's session on a worker thread (Starlette's thread pool); the caller
commits, because a refusal or a login records bookkeeping (``last_seen_at``, failed logins).
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from sqlalchemy.orm import Session

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.core.permissions import ADMIN
from desktop_app.db.base import utcnow
from desktop_app.server.devices import DeviceRecord, _record, decode_public_key, find_device
from desktop_app.server.replay import ReplayGuard
from desktop_app.server.signing import (
    DEVICE_HEADER,
    MAX_SKEW,
    NONCE_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signed_message,
)
from desktop_app.users.accounts import LoginRefused, authenticate


class RequestRefused(DomainError):
    """A request the server will not serve; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, *, status: int = 401) -> None:
        super().__init__(message)
        self.status = status


def revoked_message() -> str:
    return _("Perangkat ini sudah dicabut oleh Admin kabupaten")


def verify_signed_request(
    session: Session,
    *,
    headers: Mapping[str, str],
    method: str,
    path: str,
    body: bytes,
    replay_guard: ReplayGuard | None = None,
) -> DeviceRecord:
    """The enrolled, unrevoked device that signed this request, its ``last_seen_at`` updated;
    otherwise :class:`RequestRefused` (401 unsigned, bad signature or stale clock; 403
    revoked)."""
    device_text = headers.get(DEVICE_HEADER, "")
    timestamp = headers.get(TIMESTAMP_HEADER, "")
    signature_text = headers.get(SIGNATURE_HEADER, "")
    nonce = headers.get(NONCE_HEADER, "")
    unsigned = _("Permintaan tidak bertanda tangan perangkat yang terdaftar")
    if not (device_text and timestamp and signature_text and 16 <= len(nonce) <= 64):
        raise RequestRefused(unsigned)
    try:
        device_id = uuid.UUID(device_text)
        sent_at = datetime.fromtimestamp(int(timestamp), UTC).replace(tzinfo=None)
        signature = base64.b64decode(signature_text, validate=True)
    except (ValueError, OverflowError, OSError, binascii.Error):
        raise RequestRefused(unsigned) from None
    device = find_device(session, device_id)
    if device is None or device.public_key is None:
        raise RequestRefused(_("Perangkat tidak dikenal server. Daftarkan laptop ini lagi."))
    try:
        decode_public_key(device.public_key).verify(
            signature, signed_message(method, path, timestamp, nonce, body)
        )
    except InvalidSignature:
        raise RequestRefused(_("Tanda tangan permintaan tidak sah")) from None
    if device.revoked_at is not None:
        raise RequestRefused(revoked_message(), status=403)
    now = utcnow()
    if abs(now - sent_at) > MAX_SKEW:
        raise RequestRefused(
            _(
                "Jam laptop berbeda lebih dari 5 menit dengan jam server "
                "(server: {server} UTC). Betulkan jam laptop lalu coba lagi."
            ).format(server=now.strftime("%H.%M"))
        )
    if replay_guard is not None and not replay_guard.first_time(
        signature, now=now, session=session
    ):
        raise RequestRefused(_("Permintaan ini sudah pernah diterima server (dikirim ulang)"))
    device.last_seen_at = now
    session.flush()
    return _record(device)


def check_admin_login(session: Session, authorization: str) -> str:
    """The Admin named by an HTTP Basic ``Authorization`` header whose password is right
    (the users table's own check, lockout and audit included); otherwise 401."""
    scheme, _space, encoded = authorization.partition(" ")
    asked = _("Masuk sebagai Admin kabupaten untuk melihat halaman ini")
    if scheme.lower() != "basic" or not encoded:
        raise RequestRefused(asked)
    try:
        username, _colon, password = (
            base64.b64decode(encoded, validate=True).decode("utf-8").partition(":")
        )
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise RequestRefused(asked) from None
    try:
        user = authenticate(session, username=username, password=password)
    except LoginRefused as refusal:
        raise RequestRefused(str(refusal)) from None
    if user.role != ADMIN:
        raise RequestRefused(_("Halaman ini hanya untuk Admin kabupaten"), status=403)
    return user.username
