"""A forgotten Admin password: recovered with the recovery key, not a back door.

When the first Admin is created (and after every recovery) Asuh issues a random recovery key
(150 bits) and shows it **once**, to be printed or written down and kept apart from the laptop.
Asuh keeps only its Argon2 hash (a setting, in the encrypted database) and a copy of the data
key wrapped under it (the recovery slot of ``core/vault.py``): the key opens the encrypted file
when no password does, and nothing on the disk reveals it. There is no built-in master password
and no code path that skips the key.

Procedure: on the login window choose "Lupa kata sandi Admin?", type the key, name the Admin
account and give a new password. The key is then used up: a new one is shown once in its place.

Runs on the DB worker thread in the caller's transaction.
"""

from __future__ import annotations

import re
import secrets

from sqlalchemy.orm import Session

from desktop_app.core import vault
from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.passwords import hash_password, password_problem, verify_password
from desktop_app.core.permissions import ADMIN, as_system, require_role
from desktop_app.db.audit_hook import record_event
from desktop_app.db.models import Setting
from desktop_app.users.accounts import UserRecord, find_user_row, user_record

__all__ = [
    "issue_recovery_key",
    "normalise_recovery_key",
    "recover_admin_password",
]

_SETTING_KEY = "admin_recovery_key_hash"
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
_GROUPS, _GROUP_LENGTH = 6, 5
_KEY_PATTERN = re.compile(r"([A-Z2-9]{5}(?:-[A-Z2-9]{5}){5})")


def normalise_recovery_key(key: str) -> str:
    """The key as issued (upper case, groups of five joined by ``-``), however it was typed."""
    letters = re.sub(r"[^A-Z0-9]", "", key.upper())
    return "-".join(letters[i : i + _GROUP_LENGTH] for i in range(0, len(letters), _GROUP_LENGTH))


@writes(Changes.SETTINGS)  # only the key's hash is stored, as a setting
def issue_recovery_key(session: Session) -> str:
    """A new key (replacing any earlier one): its hash is stored, and the data key is wrapped
    under it once the session commits. Show it once; it is nowhere else. Admin or system."""
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
    vault.set_recovery_slot_after_commit(session, key)
    return key


@writes(Changes.USERS | Changes.SETTINGS)  # the key's hash is a setting
def recover_admin_password(
    session: Session, *, recovery_key: str, username: str, new_password: str
) -> tuple[UserRecord, str]:
    """Set a new password for the Admin ``username`` if ``recovery_key`` is the current key.

    Returns the account and the **new** key (show it once). The new password's slot is written
    on commit (``users.accounts`` via ``core/vault.py``). The
    account is unlocked and, if it had been deactivated, activated again. Every attempt is
    audited; a wrong key changes nothing else.
    """
    stored = session.get(Setting, _SETTING_KEY)
    user = find_user_row(session, username)
    errors: list[FieldError] = []
    key_ok = verify_password(stored.value if stored else None, normalise_recovery_key(recovery_key))
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
            vault.set_password_slot_after_commit(session, user.username, new_password)
            new_key = issue_recovery_key(session)
            summary = _("Kata sandi Admin dipulihkan dengan kunci pemulihan")
        record_event(
            session, action="recover", entity="users", entity_id=entity_id, summary=summary
        )
    if errors or user is None:
        raise ValidationError(errors)
    return user_record(user), new_key
