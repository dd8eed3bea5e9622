"""Encrypting, once, an Asuh file from before encryption (the first start after the upgrade).

Kept apart from :mod:`desktop_app.core.vault` (who can open the file) because it is a one-time
conversion with its own checks: the plaintext file is exported into a new encrypted copy, the
copy is checked (integrity and row counts), a backup of it is written, and only then does it
replace the original. Every account's slot comes from its stored Argon2 hash (see the vault's
module doc), so nobody's password is needed.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from desktop_app.core import vault
from desktop_app.core.errors import DomainError
from desktop_app.core.files import write_private
from desktop_app.core.i18n import _
from desktop_app.db import cipher

__all__ = ["encrypt_plaintext_file"]


def encrypt_plaintext_file(
    database_file: str | Path,
    *,
    backup_to: Path | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> bytes:
    """Encrypt a plaintext Asuh file in place: export into a new encrypted file, check it, copy
    it to ``backup_to`` (a backup of the file as it was, encrypted), then replace atomically.

    Every account's and the recovery key's slot comes from their stored Argon2 hash (see the
    module doc). The plaintext file is replaced only after the copy checked out; a crash before
    leaves it as it was (and a ``.enkripsi.partial`` the next attempt removes)."""
    source = Path(database_file)
    report = progress or (lambda _done, _total, _label: None)
    label = _("Mengenkripsi basis data")
    report(0, 4, label)
    key = cipher.key_for(source) or secrets.token_bytes(cipher.KEY_BYTES)
    partial = source.with_name(source.name + ".enkripsi.partial")
    partial.unlink(missing_ok=True)
    with closing(cipher.connect(source, plaintext=True)) as plain:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        users = plain.execute(
            "SELECT username, password_hash FROM users WHERE active AND deleted_at IS NULL"
        ).fetchall()
        settings = dict(
            plain.execute(
                "SELECT key, value FROM settings WHERE key IN "
                "('district_name', 'language', 'admin_recovery_key_hash')"
            ).fetchall()
        )
        counts = _row_counts(plain)
        report(1, 4, label)
        cipher.export_encrypted(plain, partial, key)
    os.chmod(partial, 0o600)
    report(2, 4, label)
    with closing(cipher.connect(partial, key=key)) as encrypted:
        ok = encrypted.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if not ok or _row_counts(encrypted) != counts:
            partial.unlink(missing_ok=True)
            raise DomainError(_("Enkripsi basis data gagal diperiksa; berkas tidak diubah."))
    header = vault.empty_header()
    header["district"] = _json_text(settings.get("district_name"), "")
    header["language"] = _json_text(settings.get("language"), "id")
    for username, password_hash in users:
        slot = vault.slot_from_hash(key, password_hash or "", vault.user_slot_name(username))
        if slot is not None:
            header["slots"][vault.user_slot_name(username)] = slot
    recovery_hash = _json_text(settings.get("admin_recovery_key_hash"), "")
    recovery_slot = (
        vault.slot_from_hash(key, recovery_hash, vault.RECOVERY_SLOT) if recovery_hash else None
    )
    if recovery_slot is not None:
        header["slots"][vault.RECOVERY_SLOT] = recovery_slot
    if backup_to is not None:
        backup_to.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(partial, backup_to)
        os.chmod(backup_to, 0o600)
        write_private(vault.header_path(backup_to.parent / source.name), vault.header_bytes(header))
    report(3, 4, label)
    vault.write_header(source, header)
    os.replace(partial, source)
    for side in ("-wal", "-shm", "-journal"):
        Path(f"{source}{side}").unlink(missing_ok=True)
    cipher.remember_key(source, key)
    report(4, 4, label)
    return key


def _json_text(raw: Any, default: str) -> str:
    try:
        value = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        value = raw
    return value if isinstance(value, str) else default


def _row_counts(connection: Any) -> dict[str, int]:
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
