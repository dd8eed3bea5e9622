"""A forgotten Admin password: recovered with a key kept in the backup folder, not a back door.

When the first Admin is created (and after every recovery) Asuh issues a random recovery key
(150 bits), stores only its Argon2 hash and writes the key to a text file in the **backup
folder** (:func:`write_recovery_file`). Whoever can open that folder already holds copies of all
the data, so the key grants nothing new; whoever cannot, cannot use it. There is no built-in
master password and no code path that skips the key.

Procedure (also printed in the key file): on the login window choose "Lupa kata sandi Admin?",
pick ``KUNCI-PEMULIHAN-ADMIN-ASUH.txt`` from the backup folder (or type the key), name the Admin
account and give a new password. The key is then used up: a new key replaces the file.

Runs on the DB worker thread in the caller's transaction (the file functions on any thread).
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_app.core import clock
from desktop_app.core.changes import Changes, writes
from desktop_app.core.crypto_files import write_atomically
from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import _
from desktop_app.core.passwords import hash_password, password_problem, verify_password
from desktop_app.core.permissions import ADMIN, as_system, require_role
from desktop_app.db.audit_hook import record_event
from desktop_app.db.models import Setting
from desktop_app.users.accounts import UserRecord, find_user_row, user_record

__all__ = [
    "RECOVERY_FILE_NAME",
    "issue_recovery_key",
    "read_recovery_file",
    "recover_admin_password",
    "write_recovery_file",
]

RECOVERY_FILE_NAME = "KUNCI-PEMULIHAN-ADMIN-ASUH.txt"
_SETTING_KEY = "admin_recovery_key_hash"
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
_GROUPS, _GROUP_LENGTH = 6, 5
_KEY_PATTERN = re.compile(r"([A-Z2-9]{5}(?:-[A-Z2-9]{5}){5})")


def _normalise(key: str) -> str:
    letters = re.sub(r"[^A-Z0-9]", "", key.upper())
    return "-".join(letters[i : i + _GROUP_LENGTH] for i in range(0, len(letters), _GROUP_LENGTH))


@writes(Changes.SETTINGS)  # only the key's hash is stored, as a setting
def issue_recovery_key(session: Session) -> str:
    """A new key (replacing any earlier one); only its hash is stored. Admin or system."""
    require_role(session, ADMIN)
    key = "-".join(
        "".join(secrets.choice(_ALPHABET) for _ in range(_GROUP_LENGTH)) for _ in range(_GROUPS)
    )
    row = session.get(Setting, _SETTING_KEY)
    if row is None:
        session.add(Setting(key=_SETTING_KEY, value=hash_password(key)))
    else:
        row.value = hash_password(key)
    session.flush()
    return key


def write_recovery_file(folder: str | Path, key: str, *, district: str = "") -> Path:
    """Write the key and the procedure to ``folder``/KUNCI-PEMULIHAN-ADMIN-ASUH.txt."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    text = _(
        "KUNCI PEMULIHAN ADMIN ASUH{district}\n"
        "Dibuat: {date}\n\n"
        "KUNCI: {key}\n\n"
        "Gunakan kunci ini hanya jika kata sandi Admin terlupa:\n"
        '1. Di jendela masuk Asuh, pilih "Lupa kata sandi Admin?".\n'
        "2. Pilih berkas ini dari folder cadangan, atau ketik kuncinya.\n"
        "3. Isi nama pengguna Admin dan kata sandi baru.\n"
        "Setelah dipakai, kunci ini tidak berlaku lagi dan berkas ini diganti dengan kunci baru.\n"
        "Simpan berkas ini bersama cadangan; siapa pun yang memegangnya dapat menjadi Admin.\n"
    ).format(
        district=f" \u2014 {district}" if district else "",
        date=format_date(clock.today()),
        key=key,
    )
    target = folder / RECOVERY_FILE_NAME
    write_atomically(target, lambda stream: stream.write(text.encode("utf-8")))
    return target


def read_recovery_file(path: str | Path) -> str:
    """The key written in a recovery file; ``ValidationError`` (field ``key``) if none."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise ValidationError(
            [FieldError("key", _("Berkas kunci tidak dapat dibaca ({e})").format(e=error))]
        ) from None
    match = _KEY_PATTERN.search(text.upper())
    if match is None:
        raise ValidationError([FieldError("key", _("Berkas ini tidak berisi kunci pemulihan"))])
    return match.group(1)


@writes(Changes.USERS | Changes.SETTINGS)  # the key's hash is a setting
def recover_admin_password(
    session: Session, *, recovery_key: str, username: str, new_password: str
) -> tuple[UserRecord, str]:
    """Set a new password for the Admin ``username`` if ``recovery_key`` is the current key.

    Returns the account and the **new** key (write it with :func:`write_recovery_file`). The
    account is unlocked and, if it had been deactivated, activated again. Every attempt is
    audited; a wrong key changes nothing else.
    """
    stored = session.get(Setting, _SETTING_KEY)
    user = find_user_row(session, username)
    errors: list[FieldError] = []
    key_ok = verify_password(stored.value if stored else None, _normalise(recovery_key))
    if not key_ok:
        errors.append(FieldError("key", _("Kunci pemulihan salah atau sudah tidak berlaku")))
    elif user is None or user.role != ADMIN:
        errors.append(FieldError("username", _("Tidak ada akun Admin dengan nama ini")))
    else:
        problem = password_problem(new_password, username=user.username)
        if problem:
            errors.append(FieldError("password", problem))
    entity_id = str(user.id) if user is not None else None
    with as_system(session, actor=user.username if user is not None else None):
        if errors or user is None:  # no user is always an error already
            summary = _("Pemulihan kata sandi Admin ditolak")
        else:
            user.password_hash = hash_password(new_password)
            user.failed_logins, user.locked_until, user.active = 0, None, True
            new_key = issue_recovery_key(session)
            summary = _("Kata sandi Admin dipulihkan dengan kunci pemulihan")
        record_event(
            session, action="recover", entity="users", entity_id=entity_id, summary=summary
        )
    if errors or user is None:
        raise ValidationError(errors)
    return user_record(user), new_key
