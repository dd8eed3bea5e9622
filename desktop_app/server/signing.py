"""Signed requests: how a laptop proves which enrolled device it is, on every request.

The laptop signs ``METHOD|PATH|TIMESTAMP|SHA256(BODY)`` with its Ed25519 key and sends the
device id, the timestamp (Unix seconds) and the signature (base64) as headers. The server checks
the signature with the stored public key and refuses a timestamp more than :data:`MAX_SKEW`
away from its own clock. Not yet done: a nonce cache, so a request captured inside TLS could in
principle be replayed within the five minutes (TLS makes capturing it the hard part).
"""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

DEVICE_HEADER = "X-Asuh-Device"
TIMESTAMP_HEADER = "X-Asuh-Timestamp"
SIGNATURE_HEADER = "X-Asuh-Signature"
MAX_SKEW = timedelta(minutes=5)


def signed_message(method: str, path: str, timestamp: str, body: bytes) -> bytes:
    """What is signed; ``path`` includes ``?query`` when there is one."""
    digest = hashlib.sha256(body).hexdigest()
    return f"{method.upper()}|{path}|{timestamp}|{digest}".encode()


def sign_request(
    key: Ed25519PrivateKey, *, device_id: str, method: str, path: str, timestamp: int, body: bytes
) -> dict[str, str]:
    """The three headers for one request."""
    signature = key.sign(signed_message(method, path, str(timestamp), body))
    return {
        DEVICE_HEADER: device_id,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: base64.b64encode(signature).decode("ascii"),
    }


def public_key_b64(key: Ed25519PrivateKey) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")
