"""``asuh backup [--to FOLDER]`` and ``asuh restore FILE [--password ...]``: the command-line side.

Backups are encrypted when a backup password is set in the file's settings. An encrypted
backup is restored with ``--password``, else with the configured password (this laptop's own
backups), else with one asked for by ``getpass`` when someone is at the terminal.

``cli.py`` adds the sub-parsers with :func:`add_backup_commands` and dispatches to
:func:`run_backup` / :func:`run_restore`; both print Indonesian messages and return the exit
code (0 done, 1 refused). Neither imports Qt. Both run as the user ``cli.py`` signed in: the
backup through ``back_up_now`` (role-checked, audited), the restore through
``restore_from_backup`` (Admin only).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _

if TYPE_CHECKING:
    from desktop_app.backup.restore import RestoreResult

# The backup machinery (SQLAlchemy, sqlite3) is imported inside the handlers: registering the
# sub-commands must stay cheap, because the parser is built on every start of the app.


def add_backup_commands(commands, add_database_options) -> None:
    """Register ``backup`` and ``restore`` on ``commands`` (the sub-parsers object)."""
    backup = commands.add_parser("backup", help="cadangkan basis data (SQLite) sekarang")
    add_database_options(backup)
    backup.add_argument("--to", metavar="FOLDER", help="folder tujuan (bawaan: dari Pengaturan)")
    restore = commands.add_parser("restore", help="pulihkan basis data dari berkas cadangan")
    add_database_options(restore)
    restore.add_argument("file", metavar="FILE", help="berkas cadangan .sqlite3 atau .sqlite3.enc")
    restore.add_argument(
        "--password",
        metavar="KATA_SANDI",
        help="kata sandi cadangan terenkripsi (tanpa ini: dari Pengaturan, atau ditanyakan)",
    )


def database_file(args: argparse.Namespace) -> Path | None:
    """The SQLite file the command works on; None for a server URL."""
    from desktop_app.core.database import is_sqlite, make_url_path, resolve_url

    url = resolve_url(db_path=args.db, database_url=args.database_url)
    return make_url_path(url) if is_sqlite(url) else None


def run_backup(args: argparse.Namespace, signed_in: Callable[[], Any]) -> int:
    """Back up now as the user ``signed_in()`` opens the database for (``cli.main`` holds the
    instance lock around it, like every command that touches the file). The backup is audited
    like the window's "Cadangkan sekarang"."""
    from desktop_app.backup.backup import back_up_now
    from desktop_app.backup.lifecycle import configured_backup_folder, sweep_backup_leftovers

    path = database_file(args)
    if path is None or not path.exists():
        return _fail(_("Tidak ada berkas basis data SQLite untuk dicadangkan."))
    folder = Path(args.to) if args.to else configured_backup_folder(path)
    sweep_backup_leftovers(
        path, folder
    )  # cli.main holds the lock: no other backup is being written

    database = signed_in()
    try:
        with database.sessions() as session:
            backup = back_up_now(session, database=path, folder=folder)
            session.commit()
    except DomainError as error:
        return _fail(str(error))
    finally:
        database.dispose()
    print(
        _("Cadangan tersimpan: {path} ({size} KB)").format(
            path=backup.path, size=f"{round(backup.size_bytes / 1024):,}".replace(",", ".")
        )
    )
    return 0


def run_restore(args: argparse.Namespace, sign_in: Callable[[Any], object] | None) -> int:
    """Restore ``args.file``; refused while Asuh has the database open (lock), and unless
    ``sign_in`` (the CLI's login on the current file) gives an Admin; then the restored file is
    opened once so an older backup is upgraded to this build's schema.

    Where there is no database file yet (a new laptop), there is nobody to sign in as and
    nothing to replace: ``sign_in`` is None and the backup is put in place; its own accounts
    guard it from then on."""
    from desktop_app.backup.lock import InstanceLock
    from desktop_app.core.database import open_database
    from desktop_app.core.paths import sqlite_url

    path = database_file(args)
    if path is None:
        return _fail(_("Pemulihan hanya untuk basis data berkas (SQLite)."))
    try:
        with InstanceLock(path):
            if sign_in is None or not path.exists():
                result = _restore(None, Path(args.file), path, args.password)
            else:
                current = open_database(sqlite_url(path))
                try:
                    sign_in(current)
                    result = _restore(current, Path(args.file), path, args.password)
                finally:
                    current.dispose()
            open_database(sqlite_url(path)).dispose()
    except DomainError as error:
        return _fail(str(error))
    print(_("Data dipulihkan dari {name}.").format(name=result.restored_from))
    if result.set_aside is not None:
        print(_("Data sebelumnya disimpan sebagai {path}.").format(path=result.set_aside))
    return 0


def _restore(current: Any, backup: Path, target: Path, given: str | None) -> RestoreResult:
    """Restore as the signed-in user of ``current`` with the given password, else the
    configured one; when that is missing or wrong and someone is at the terminal, ask (the
    typed password is never echoed)."""
    from desktop_app.backup.encryption import configured_backup_password
    from desktop_app.backup.restore import (
        BackupPasswordError,
        restore_backup,
        restore_from_backup,
    )

    def restore(password: str) -> RestoreResult:
        if current is None:  # no database here yet: nothing to replace, nobody to sign in
            return restore_backup(backup, target_db_path=target, password=password)
        with current.sessions() as session:
            return restore_from_backup(
                session,
                backup_file=backup,
                target_db_path=target,
                password=password,
                release=current.dispose,
            )

    password = given if given is not None else configured_backup_password(target)
    try:
        return restore(password)
    except BackupPasswordError as refused:
        if given is not None or not sys.stdin.isatty():
            raise
        print(str(refused), file=sys.stderr)
    return restore(getpass.getpass(_("Kata sandi cadangan: ")))


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1
