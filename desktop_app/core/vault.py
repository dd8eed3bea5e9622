"""The vault: who can open the encrypted database, and the one way to open it for a login.

The SQLite file is encrypted with a random 32-byte **data key** (``db/cipher.py``). The data key
is never stored in clear: it is *wrapped* (AES-256-GCM) once per account, under a key derived
from that account's password with Argon2id, and once under the Admin **recovery key**. The
slots live in a small plaintext header file beside the database, ``<file>.keys`` (JSON, 0600),
together with what the login dialog needs before the file is open: the district's name, the
language, whether an account exists and the account names of the slots. No personal data.

So any account's login opens the file; changing a password rewraps that account's slot only
(queued on the session and written after its commit: a rolled-back change leaves the old slot);
removing an account's slot shuts it out even of a copied file with a later header. The recovery
key is shown once to be printed or written down; only its wrapped slot (here) and its Argon2
hash (in the database) are kept, never the key.

Files from before encryption are encrypted at the first start (``vault_migration``)
without anyone's password: each account's slot is wrapped under the raw Argon2id digest of its
stored password hash (the same derivation a login repeats from the typed password), likewise the
recovery key's. Such a slot is marked not ``fresh`` and rewrapped with a new salt at that
account's next login, so an old plaintext backup's hashes stop opening the new file.

:func:`open_for_user` is the one function the login dialog and the CLI call.
"""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop_app.core.errors import DomainError
from desktop_app.core.files import write_private
from desktop_app.core.i18n import _
from desktop_app.db import cipher

if TYPE_CHECKING:  # SQLAlchemy loads only with the database, not for the login dialog's facts
    from sqlalchemy.orm import Session

__all__ = [
    "HEADER_SUFFIX",
    "KdfParams",
    "VaultFacts",
    "VaultRefused",
    "drop_slot_after_commit",
    "empty_header",
    "header_bytes",
    "header_path",
    "is_plaintext_file",
    "key_known",
    "new_vault",
    "open_for_user",
    "read_facts",
    "record_facts",
    "set_facts_after_commit",
    "set_password_slot_after_commit",
    "set_recovery_slot_after_commit",
    "slot_from_hash",
    "unlock",
    "unlock_with_recovery",
    "user_slot_name",
    "write_header",
]

HEADER_SUFFIX = ".keys"
FORMAT = 1
RECOVERY_SLOT = "recovery"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: ``time_cost`` passes over ``memory_cost`` KiB with ``parallelism`` lanes."""

    time_cost: int
    memory_cost: int
    parallelism: int


#: RFC 9106's "low memory" profile (argon2-cffi's default): 64 MiB, ~0.1 s per guess.
PRODUCTION_KDF = KdfParams(time_cost=3, memory_cost=65536, parallelism=4)
#: The parameters new slots get. The test suite lowers them (tests/conftest.py); nothing else may.
kdf = PRODUCTION_KDF


class VaultRefused(DomainError):
    """The name, password or recovery key does not open this file (nothing was changed)."""


@dataclass(frozen=True)
class VaultFacts:
    """What the login dialog shows before the file is open."""

    district: str
    language: str
    has_users: bool
    usernames: tuple[str, ...]


def header_path(database_file: str | Path) -> Path:
    path = Path(database_file)
    return path.with_name(path.name + HEADER_SUFFIX)


# -- slots -------------------------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def _derive(secret: str, salt: bytes, params: KdfParams, length: int = 32) -> bytes:
    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=length,
        type=Type.ID,
    )


def _seal(data_key: bytes, wrapping: bytes, name: str, salt: bytes, params: KdfParams,
          *, fresh: bool = True) -> dict[str, Any]:  # fmt: skip
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(wrapping[:32] if len(wrapping) >= 32 else wrapping.ljust(32, b"\0")).encrypt(
        nonce, data_key, f"asuh-slot:{name}".encode()
    )
    return {
        "salt": _b64(salt),
        "t": params.time_cost,
        "m": params.memory_cost,
        "p": params.parallelism,
        "len": len(wrapping),
        "nonce": _b64(nonce),
        "wrapped": _b64(wrapped),
        "fresh": fresh,
    }


def _wrap(data_key: bytes, secret: str, name: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    return _seal(data_key, _derive(secret, salt, kdf), name, salt, kdf)


def _open_slot(slot: dict[str, Any], secret: str, name: str) -> bytes | None:
    try:
        params = KdfParams(int(slot["t"]), int(slot["m"]), int(slot["p"]))
        if params.memory_cost > 1 << 21 or params.time_cost > 64 or params.parallelism > 64:
            return None  # a crafted header must not demand gigabytes
        wrapping = _derive(secret, _unb64(slot["salt"]), params, int(slot.get("len", 32)))
        key = wrapping[:32] if len(wrapping) >= 32 else wrapping.ljust(32, b"\0")
        data_key = AESGCM(key).decrypt(
            _unb64(slot["nonce"]), _unb64(slot["wrapped"]), f"asuh-slot:{name}".encode()
        )
    except (InvalidTag, KeyError, ValueError, TypeError):
        return None
    return data_key if len(data_key) == cipher.KEY_BYTES else None


def slot_from_hash(data_key: bytes, encoded_hash: str, name: str) -> dict[str, Any] | None:
    """A slot wrapped under the digest of a stored Argon2id hash (a login derives the same
    digest from the typed secret); None when the hash is not Argon2id."""
    parts = encoded_hash.split("$")
    if len(parts) != 6 or parts[1] != "argon2id":
        return None
    try:
        fields = dict(item.split("=") for item in parts[3].split(","))
        params = KdfParams(int(fields["t"]), int(fields["m"]), int(fields["p"]))
        salt, digest = _unb64(parts[4]), _unb64(parts[5])
    except (KeyError, ValueError):
        return None
    return _seal(data_key, digest, name, salt, params, fresh=False)


def user_slot_name(username: str) -> str:
    return "user:" + username.strip().casefold()


# -- the header file ---------------------------------------------------------------------------
def read_header(database_file: str | Path) -> dict[str, Any] | None:
    """The header beside ``database_file``; None when there is none or it is unreadable."""
    try:
        header = json.loads(header_path(database_file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        return None
    header.setdefault("slots", {})
    return header


def write_header(database_file: str | Path, header: dict[str, Any]) -> None:
    header["has_users"] = any(name.startswith("user:") for name in header["slots"])
    text = json.dumps(header, indent=1, sort_keys=True, ensure_ascii=False)
    write_private(header_path(database_file), text.encode("utf-8"))


def empty_header() -> dict[str, Any]:
    return {"format": FORMAT, "district": "", "language": "id", "slots": {}}


def read_facts(database_file: str | Path) -> VaultFacts | None:
    header = read_header(database_file)
    if header is None:
        return None
    names = tuple(sorted(n.removeprefix("user:") for n in header["slots"] if n.startswith("user:")))
    return VaultFacts(
        district=str(header.get("district", "")),
        language=str(header.get("language", "id")),
        has_users=bool(names),
        usernames=names,
    )


def record_facts(database_file: str | Path, *, district: str, language: str) -> None:
    """Keep the header's district name and language in step with the settings."""
    header = read_header(database_file)
    if header is None or (header.get("district"), header.get("language")) == (district, language):
        return
    header["district"], header["language"] = district, language
    write_header(database_file, header)


def copy_header(database_file: str | Path, folder: Path) -> Path | None:
    """Copy the header into a backup folder (as ``<file>.keys``): a backup opens with the
    passwords and recovery key valid when it was taken. None when there is no header."""
    source = header_path(database_file)
    if not source.is_file():
        return None
    target = folder / source.name
    write_private(target, source.read_bytes())
    return target


# -- unlocking ---------------------------------------------------------------------------------
def is_plaintext_file(database_file: str | Path) -> bool:
    """Whether the file is an unencrypted SQLite file (from before encryption)."""
    return cipher.is_plaintext_sqlite(database_file)


def key_known(database_file: str | Path) -> bool:
    """Whether this process holds the file's data key (someone logged in, or it is new)."""
    return cipher.key_for(database_file) is not None


def new_vault(database_file: str | Path) -> bytes:
    """A fresh random data key for a new file (remembered; the header follows the first slot)."""
    key = secrets.token_bytes(cipher.KEY_BYTES)
    cipher.remember_key(database_file, key)
    return key


def unlock(database_file: str | Path, username: str, password: str) -> bytes:
    """Unwrap the data key with an account's password and remember it for this process.

    :class:`VaultRefused` ("Nama pengguna atau kata sandi salah") otherwise; a migrated slot
    is rewrapped with a fresh salt on success."""
    header = read_header(database_file)
    name = user_slot_name(username)
    slot = header["slots"].get(name) if header else None
    key = _open_slot(slot, password, name) if slot else None
    if slot is None or header is None:  # as slow as a wrong password: names stay unknown
        _derive(password, b"asuh-no-such-slot", kdf)
    if key is None or header is None or slot is None:
        raise VaultRefused(_("Nama pengguna atau kata sandi salah"))
    if not slot.get("fresh", True):
        header["slots"][name] = _wrap(key, password, name)
        write_header(database_file, header)
    cipher.remember_key(database_file, key)
    return key


def unlock_with_recovery(database_file: str | Path, recovery_key: str) -> bytes:
    """Unwrap the data key with the (normalised) recovery key; remembered on success."""
    header = read_header(database_file)
    slot = header["slots"].get(RECOVERY_SLOT) if header else None
    key = _open_slot(slot, recovery_key, RECOVERY_SLOT) if slot else None
    if key is None:
        raise VaultRefused(_("Kunci pemulihan salah atau sudah tidak berlaku"))
    cipher.remember_key(database_file, key)
    return key


# -- slot changes, written after the session commits ------------------------------------------
def _session_file(session: Session) -> Path | None:
    url = session.get_bind().engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _after_commit(session: Session, change: Callable[[dict[str, Any]], None]) -> None:
    """Apply ``change`` to the header once ``session`` commits; dropped on rollback."""
    from sqlalchemy import event

    pending: list[Callable[[dict[str, Any]], None]] | None = session.info.get("vault_pending")
    if pending is None:
        pending = session.info["vault_pending"] = []
        file = _session_file(session)

        def committed(_session: Session) -> None:
            changes = list(session.info.pop("vault_pending", []))
            if not changes or file is None:
                return
            existing = read_header(file)
            header = existing or empty_header()
            for apply in changes:
                apply(header)
            if existing is not None or header["slots"]:  # facts alone make no header
                write_header(file, header)

        def rolled_back(_session: Session, _transaction: object) -> None:
            session.info.pop("vault_pending", None)

        event.listen(session, "after_commit", committed, once=True)
        event.listen(session, "after_soft_rollback", rolled_back, once=True)
    pending.append(change)


def _data_key(session: Session) -> bytes | None:
    file = _session_file(session)
    return cipher.key_for(file) if file is not None else None


def set_password_slot_after_commit(session: Session, username: str, password: str) -> None:
    """Wrap the data key under ``username``'s new password once ``session`` commits (no-op for
    a server database). Argon2 runs now, on the caller's (worker) thread."""
    key = _data_key(session)
    if key is None:
        return
    name = user_slot_name(username)
    slot = _wrap(key, password, name)
    _after_commit(session, lambda header: header["slots"].__setitem__(name, slot))


def set_facts_after_commit(session: Session, *, district: str, language: str) -> None:
    """Copy the district's name and the language into the header once ``session`` commits
    (the login dialog shows them before the file is open)."""
    if _data_key(session) is None:
        return

    def apply(header: dict[str, Any]) -> None:
        header["district"], header["language"] = district, language

    _after_commit(session, apply)


def drop_slot_after_commit(session: Session, username: str) -> None:
    """Remove ``username``'s slot once ``session`` commits (a deactivated account)."""
    if _data_key(session) is None:
        return
    name = user_slot_name(username)
    _after_commit(session, lambda header: header["slots"].pop(name, None))


def set_recovery_slot_after_commit(session: Session, recovery_key: str) -> None:
    """Wrap the data key under a new recovery key once ``session`` commits."""
    key = _data_key(session)
    if key is None:
        return
    slot = _wrap(key, recovery_key, RECOVERY_SLOT)
    _after_commit(session, lambda header: header["slots"].__setitem__(RECOVERY_SLOT, slot))


def header_bytes(header: dict[str, Any]) -> bytes:
    header["has_users"] = any(name.startswith("user:") for name in header["slots"])
    return json.dumps(header, indent=1, sort_keys=True).encode("utf-8")


# -- the one way in ----------------------------------------------------------------------------
def open_for_user(
    database_file: str | Path, username: str, password: str, *, backup_to: Path | None = None
):
    """Open the Asuh file for ``username`` with ``password``: the GUI login and the CLI call this.

    A plaintext file is encrypted first (``vault_migration.encrypt_plaintext_file``, backup to
    ``backup_to``); then the data key is unwrapped with the password (:class:`VaultRefused`
    if it does not open) and the database opened and migrated
    (:func:`desktop_app.core.database.open_database`). Returns the open ``Database``; the
    caller then signs the account in (``users.accounts.login_or_refusal``: lockout, audit)."""
    from desktop_app.core.database import open_database
    from desktop_app.core.paths import sqlite_url
    from desktop_app.core.vault_migration import encrypt_plaintext_file

    file = Path(database_file)
    if cipher.is_plaintext_sqlite(file):
        encrypt_plaintext_file(file, backup_to=backup_to)
    unlock(file, username, password)
    return open_database(sqlite_url(file))
