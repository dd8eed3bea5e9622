"""Getting into the encrypted database file before (and while) the login dialog is shown.

A plaintext file from before encryption is encrypted once; a new file gets its data key; the
login dialog unwraps the key with the typed password or the recovery key (``VaultUnlocker``);
without a screen the automation account's password does it. Called by
:func:`desktop_app.ui.app.run_gui`; nothing here opens a session."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from desktop_app.core.i18n import _
from desktop_app.ui.start_env import (
    LOGIN_PASSWORD_ENV,
    LOGIN_USER_ENV,
    show_open_error,
    with_busy_note,
)

log = logging.getLogger(__name__)


class VaultUnlocker:
    """The login dialog's way into the encrypted file: unwrap the data key, then open."""

    def __init__(self, file: Path, opening) -> None:
        self.file, self.opening = file, opening

    def with_password(self, username: str, password: str) -> str | None:
        from desktop_app.core.vault import VaultRefused, unlock

        try:
            unlock(self.file, username, password)
        except VaultRefused as refused:
            return str(refused)
        self.opening.start()
        return None

    def with_recovery_key(self, recovery_key: str) -> str | None:
        from desktop_app.core.vault import VaultRefused, unlock_with_recovery

        try:
            unlock_with_recovery(self.file, recovery_key)
        except VaultRefused as refused:
            return str(refused)
        self.opening.start()
        return None


def prepare_file(file: Path | None) -> int | None:
    """Before anything opens it: a plaintext file from before encryption is encrypted (a
    backup of it, encrypted, goes to the backup folder first); a new file gets a data key;
    an encrypted file whose key header is gone cannot be opened. None to go on, else the
    exit code."""
    if file is None:
        return None
    from desktop_app.core import vault
    from desktop_app.core.vault_migration import encrypt_plaintext_file

    if not file.exists() or file.stat().st_size == 0:
        vault.new_vault(file)
        return None
    if vault.is_plaintext_file(file):
        from desktop_app.backup.lifecycle import configured_backup_folder
        from desktop_app.backup.naming import backup_name
        from desktop_app.core import clock

        try:
            folder = configured_backup_folder(file)
            target = (
                folder / backup_name(clock.now(), "manual", encrypted=False) if folder else None
            )
            with_busy_note(
                _("Mengenkripsi basis data (sekali saja)..."),
                lambda: encrypt_plaintext_file(file, backup_to=target),
            )
        except Exception as error:
            log.exception("cannot encrypt the database")
            show_open_error(error)
            return 1
        return None
    if vault.read_header(file) is None and not vault.key_known(file):
        show_open_error(
            RuntimeError(
                _("Berkas kunci {name} tidak ditemukan di samping basis data; tanpa berkas itu "
                  "basis data terenkripsi tidak dapat dibuka. Pulihkan berkas itu dari folder "
                  "cadangan.").format(name=vault.header_path(file).name)
            )
        )  # fmt: skip
        return 1
    return None


def unlock_headless(file: Path) -> bool:
    """Without a screen: unwrap the key with ASUH_LOGIN_USER/ASUH_LOGIN_PASSWORD (a new file
    already has its key). False, with the reason on stderr, when that does not open it."""
    from desktop_app.core import vault

    if vault.key_known(file):
        return True
    try:
        vault.unlock(
            file, os.environ.get(LOGIN_USER_ENV, ""), os.environ.get(LOGIN_PASSWORD_ENV, "")
        )
    except vault.VaultRefused as refused:
        print(str(refused), file=sys.stderr)
        return False
    return True


def drop_unclaimed_file(file: Path) -> None:
    """A new file whose first Admin was never created has no key slot: nobody could ever open
    it again, and it holds nothing. Remove it so the next start begins afresh."""
    from desktop_app.core import vault

    if vault.read_header(file) is not None:
        return
    for path in (file, *(Path(f"{file}{side}") for side in ("-wal", "-shm", "-journal"))):
        path.unlink(missing_ok=True)
