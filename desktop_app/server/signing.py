"""Signed requests: how a laptop proves which enrolled device it is, on every request.

The laptop signs ``METHOD|PATH|TIMESTAMP|NONCE|SHA256(BODY)`` with its Ed25519 key and sends the
device id, the timestamp (Unix seconds), a random nonce and the signature (base64) as headers.
Ed25519 is deterministic: without the nonce two identical requests in one second would carry
the same signature and the second would look like a replay. The server checks
the signature with the stored public key and refuses a timestamp more than :data:`MAX_SKEW`
away from its own clock, and a signature it has already accepted (:mod:`.replay`).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

DEVICE_HEADER = "X-Asuh-Device"
TIMESTAMP_HEADER = "X-Asuh-Timestamp"
SIGNATURE_HEADER = "X-Asuh-Signature"
NONCE_HEADER = "X-Asuh-Nonce"
MAX_SKEW = timedelta(minutes=5)


def signed_message(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """What is signed; ``path`` includes ``?query`` when there is one."""
    digest = hashlib.sha256(body).hexdigest()
    return f"{method.upper()}|{path}|{timestamp}|{nonce}|{digest}".encode()


def sign_request(
    key: Ed25519PrivateKey, *, device_id: str, method: str, path: str, timestamp: int, body: bytes
) -> dict[str, str]:
    """The four headers for one request."""
    nonce = secrets.token_hex(16)
    signature = key.sign(signed_message(method, path, str(timestamp), nonce, body))
    return {
        DEVICE_HEADER: device_id,
        TIMESTAMP_HEADER: str(timestamp),
        NONCE_HEADER: nonce,
        SIGNATURE_HEADER: base64.b64encode(signature).decode("ascii"),
    }


def public_key_b64(key: Ed25519PrivateKey) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")
