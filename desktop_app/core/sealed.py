"""Secrets among the settings (the backup password, this laptop's sync device key) are stored
sealed under the database's data key, not in clear.

The database file is encrypted already; sealing adds that a secret stays unreadable where a
settings value travels on its own: an audit entry, a log line, a debugger's dump of a row, a
support copy of the ``settings`` table. AES-256-GCM under a key derived from the data key
(HKDF-SHA256, its own ``info``), the setting's name as associated data so a sealed value cannot
be moved to another setting. Stored as text ``sealed:v1:<base64(nonce | ciphertext)>``.
"""

from __future__ import annotations

import base64
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

__all__ = ["PREFIX", "SECRET_SETTINGS", "is_sealed", "seal", "unseal"]

PREFIX = "sealed:v1:"
#: Settings stored sealed.
SECRET_SETTINGS = frozenset({"backup_password", "sync_device_key"})


def _settings_key(data_key: bytes) -> AESGCM:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"asuh settings secrets v1"
    ).derive(data_key)
    return AESGCM(derived)


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def seal(data_key: bytes, name: str, value: str) -> str:
    """``value`` sealed for the setting ``name`` ("" stays "": nothing to hide)."""
    if not value:
        return value
    nonce = secrets.token_bytes(12)
    sealed = _settings_key(data_key).encrypt(nonce, value.encode("utf-8"), name.encode())
    return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def unseal(data_key: bytes | None, name: str, value: str) -> str:
    """The clear value of a sealed setting; "" when it cannot be opened (another file's key);
    a value stored before sealing existed is returned as it is."""
    if not is_sealed(value):
        return value
    if data_key is None:
        return ""
    try:
        raw = base64.b64decode(value.removeprefix(PREFIX))
        return _settings_key(data_key).decrypt(raw[:12], raw[12:], name.encode()).decode("utf-8")
    except (InvalidTag, ValueError):
        return ""
