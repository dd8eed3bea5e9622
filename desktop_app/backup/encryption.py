"""The backup password: optional encryption of every backup this laptop writes.

**What it protects, and what not.** Automatic backups are taken at start-up and exit with
nobody there to type a password, so the password is kept in this laptop's ``settings`` table
(``AppSettings.backup_password``), in clear. The laptop's own database is not encrypted either:
whoever can read the settings can read the children's data beside them, so storing the password
there exposes nothing new. What it protects are the **copies that leave the laptop**: backups on
a USB drive or a shared folder, which get lost. Such a copy is useless without the password
(AES-GCM, key from scrypt: ``desktop_app.core.crypto_files``), also on another laptop; so the
password must be written down and kept safe, away from the USB drive. An empty password means
unencrypted backups, as before.

The password is stored with a bulk statement rather than the ORM on purpose: the audit hook
copies changed setting values into the audit log, and the log is pushed to the district server.
The change is logged as an event without the value instead. Settings are never synced.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.passwords import password_problem

if TYPE_CHECKING:
    from sqlalchemy import CursorResult
    from sqlalchemy.orm import Session

#: The ``settings`` key (and ``AppSettings`` field) holding the password; "" = no encryption.
SETTING_KEY = "backup_password"


@writes(Changes.SETTINGS)
def set_backup_password(session: Session, *, password: str) -> None:
    """Encrypt backups from now on with ``password`` (Admin only; caller commits).

    ``ValidationError`` on field ``password`` when it breaks the password rules. Backups already
    written stay as they are (plain ones plain, older encrypted ones with their old password).
    """
    problem = password_problem(password)
    if problem:
        raise ValidationError([FieldError("password", problem)])
    _store(session, password, _("Kata sandi cadangan diubah"))


@writes(Changes.SETTINGS)
def clear_backup_password(session: Session) -> None:
    """Write unencrypted backups from now on (Admin only; caller commits)."""
    _store(session, "", _("Kata sandi cadangan dihapus; cadangan baru tidak dienkripsi"))


def configured_backup_password(database_path: Path) -> str:
    """The password saved in the file's settings, read without SQLAlchemy and read-only (works
    for the CLI and on a damaged file as far as SQLite can); "" when none or unreadable."""
    from desktop_app.settings.start_facts import read_stored_setting

    stored = read_stored_setting(Path(database_path), SETTING_KEY)
    return stored if isinstance(stored, str) else ""


def _store(session: Session, password: str, summary: str) -> None:
    from sqlalchemy import insert, update

    from desktop_app.core.permissions import ADMIN, require_role
    from desktop_app.db.audit_hook import record_event
    from desktop_app.db.models import Setting

    require_role(session, ADMIN)
    table = Setting.__table__
    changed = cast(  # an UPDATE gives a CursorResult (with rowcount); execute() says Result
        "CursorResult[Any]",
        session.execute(update(table).where(table.c.key == SETTING_KEY).values(value=password)),
    )
    if changed.rowcount == 0:
        session.execute(insert(table).values(key=SETTING_KEY, value=password))
    record_event(
        session, action="update", entity="settings", entity_id=SETTING_KEY, summary=summary
    )
