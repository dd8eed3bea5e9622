"""Pengguna: accounts, roles and login (with a growing lockout after failed attempts).

Managing accounts is for Admins (:func:`require_role`); the permission guard refuses writes to
``users`` by other roles anyway. Logging in is allowed to anyone: its bookkeeping (failed
attempts, lockout, last login) is written as the system actor. Runs on the DB worker thread in
the caller's transaction; nothing here commits.

Lockout: after :data:`LOCK_AFTER_FAILURES` wrong passwords in a row the account is locked for
30 seconds, doubling with every further failure up to one hour (slows guessing to a crawl, yet
never locks the only Admin out for good). Attempts while locked are refused without checking
the password and do not extend the lock. A successful login resets the count.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core import vault
from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import ConflictError, DomainError
from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import _
from desktop_app.core.passwords import (
    hash_password,
    needs_rehash,
    password_problem,
    verify_password,
)
from desktop_app.core.permissions import ADMIN, ROLES, as_system, require_role
from desktop_app.core.records import FieldErrors, get_live
from desktop_app.db.audit_hook import record_event
from desktop_app.db.base import utcnow
from desktop_app.db.models import User

__all__ = [
    "LOCK_AFTER_FAILURES",
    "LoginRefused",
    "UserRecord",
    "authenticate",
    "change_own_password",
    "create_first_admin",
    "create_user",
    "deactivate_user",
    "find_user_row",
    "has_users",
    "list_users",
    "lock_seconds",
    "login_or_refusal",
    "set_password",
    "update_user",
    "user_record",
]

LOCK_AFTER_FAILURES = 5
_FIRST_LOCK_SECONDS = 30
_MAX_LOCK_SECONDS = 3600
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,59}$")
_FULL_NAME_MAX = 150


@dataclass(frozen=True)
class UserRecord:
    """An account as screens show it (never the hash). Times are naive UTC."""

    id: uuid.UUID
    username: str
    full_name: str
    role: str
    active: bool
    failed_logins: int
    locked_until: datetime | None
    last_login: datetime | None

    @property
    def role_label(self) -> str:
        return _(ROLES.get(self.role, self.role))


class LoginRefused(DomainError):
    """Wrong name or password, a locked or a deactivated account. ``locked_until`` (naive UTC)
    is set while the account is locked. The failure was recorded: commit, do not roll back."""

    def __init__(self, message: str, *, locked_until: datetime | None = None) -> None:
        super().__init__(message)
        self.locked_until = locked_until


def user_record(user: User) -> UserRecord:
    """The screen-safe record of an account row (no hash)."""
    return UserRecord(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        active=bool(user.active),
        failed_logins=user.failed_logins or 0,
        locked_until=user.locked_until,
        last_login=user.last_login,
    )


# -- reading ------------------------------------------------------------------------------------
def has_users(session: Session) -> bool:
    """Whether any account exists (none: the first start must create an Admin)."""
    return session.execute(select(func.count()).select_from(User)).scalar_one() > 0


def list_users(session: Session) -> list[UserRecord]:
    """All accounts, active first, then by username (Admin only)."""
    require_role(session, ADMIN)
    rows = session.scalars(
        select(User).where(User.deleted_at.is_(None)).order_by(User.active.desc(), User.username)
    )
    return [user_record(user) for user in rows]


# -- checks -------------------------------------------------------------------------------------
def find_user_row(session: Session, username: str) -> User | None:
    """The live account named ``username`` (any case, spaces trimmed), for the domain only."""
    key = username.strip().lower()
    return session.scalars(
        select(User).where(func.lower(User.username) == key, User.deleted_at.is_(None))
    ).first()


def _check_account(
    session: Session,
    errors: FieldErrors,
    *,
    full_name: str,
    role: str,
    username: str | None = None,
) -> None:
    if username is not None:
        if not _USERNAME.match(username):
            errors.add(
                "username",
                _("Nama pengguna 3-60 karakter: huruf kecil, angka, titik, garis bawah atau "
                  "tanda hubung, diawali huruf atau angka"),
            )  # fmt: skip
        elif find_user_row(session, username) is not None:
            errors.add("username", _("Nama pengguna {name} sudah dipakai").format(name=username))
    if not full_name:
        errors.add("full_name", _("Nama lengkap wajib diisi"))
    errors.check_text("full_name", full_name, _FULL_NAME_MAX, _("Nama lengkap"))
    if role not in ROLES:
        errors.add("role", _("Peran wajib dipilih"))


def _check_password(errors: FieldErrors, password: str, username: str) -> None:
    errors.add("password", password_problem(password, username=username))


def _other_active_admins(session: Session, user_id: uuid.UUID) -> int:
    return session.execute(
        select(func.count()).where(
            User.role == ADMIN,
            User.active.is_(True),
            User.deleted_at.is_(None),
            User.id != user_id,
        )
    ).scalar_one()


def _keep_one_admin(session: Session, user: User, *, role: str, active: bool) -> None:
    loses_admin = user.role == ADMIN and user.active and (role != ADMIN or not active)
    if loses_admin and _other_active_admins(session, user.id) == 0:
        raise ConflictError(
            _("{name} adalah satu-satunya Admin aktif; tambahkan Admin lain terlebih dahulu.")
            .format(name=user.username)
        )  # fmt: skip


# -- accounts -----------------------------------------------------------------------------------
@writes(Changes.USERS)
def create_first_admin(
    session: Session, *, username: str, full_name: str, password: str
) -> UserRecord:
    """The first start's Administrator; ``ConflictError`` once any account exists."""
    if has_users(session):
        raise ConflictError(_("Sudah ada pengguna; Admin pertama hanya dibuat sekali."))
    with as_system(session, actor=username.strip().lower() or None):
        return _create(session, username=username, full_name=full_name, role=ADMIN,
                       password=password)  # fmt: skip


@writes(Changes.USERS)
def create_user(
    session: Session, *, username: str, full_name: str, role: str, password: str
) -> UserRecord:
    """A new account (Admin only). ``ValidationError`` by field; nothing is written then."""
    require_role(session, ADMIN)
    return _create(session, username=username, full_name=full_name, role=role, password=password)


def _create(
    session: Session, *, username: str, full_name: str, role: str, password: str
) -> UserRecord:
    username, full_name = username.strip().lower(), " ".join(full_name.split())
    errors = FieldErrors()
    _check_account(session, errors, full_name=full_name, role=role, username=username)
    _check_password(errors, password, username)
    errors.raise_if_any()
    user = User(
        username=username,
        full_name=full_name,
        role=role,
        password_hash=hash_password(password),
        active=True,
        failed_logins=0,
    )
    session.add(user)
    session.flush()
    vault.set_password_slot_after_commit(session, username, password)
    return user_record(user)


@writes(Changes.USERS)
def update_user(
    session: Session, *, user_id: uuid.UUID, full_name: str, role: str, active: bool = True
) -> UserRecord:
    """Change name, role or active flag (Admin only). The last active Admin keeps its role."""
    require_role(session, ADMIN)
    user = get_live(session, User, user_id, _("Pengguna"))
    full_name = " ".join(full_name.split())
    errors = FieldErrors()
    _check_account(session, errors, full_name=full_name, role=role)
    errors.raise_if_any()
    _keep_one_admin(session, user, role=role, active=active)
    user.full_name, user.role, user.active = full_name, role, active
    session.flush()
    if not active:  # a deactivated account no longer opens the file (not even a copy of it)
        vault.drop_slot_after_commit(session, user.username)
    return user_record(user)


def deactivate_user(session: Session, *, user_id: uuid.UUID) -> UserRecord:
    """Stop an account from logging in; its history stays (Admin only, never the last Admin)."""
    require_role(session, ADMIN)
    user = get_live(session, User, user_id, _("Pengguna"))
    return update_user(
        session, user_id=user_id, full_name=user.full_name, role=user.role, active=False
    )


@writes(Changes.USERS)
def set_password(session: Session, *, user_id: uuid.UUID, password: str) -> UserRecord:
    """An Admin sets a new password (forgotten password); it also lifts a lockout."""
    require_role(session, ADMIN)
    user = get_live(session, User, user_id, _("Pengguna"))
    errors = FieldErrors()
    _check_password(errors, password, user.username)
    errors.raise_if_any()
    user.password_hash = hash_password(password)
    user.failed_logins, user.locked_until = 0, None
    session.flush()
    vault.set_password_slot_after_commit(session, user.username, password)
    return user_record(user)


def change_own_password(
    session: Session, *, username: str, current_password: str, new_password: str
) -> UserRecord:
    """Any user changes their own password after giving the current one."""
    user = find_user_row(session, username)
    errors = FieldErrors()
    if user is None or not verify_password(user.password_hash, current_password):
        errors.add("current_password", _("Kata sandi saat ini salah"))
    else:
        _check_password(errors, new_password, user.username)
    errors.raise_if_any()
    assert user is not None  # refused above
    with as_system(session, actor=user.username):
        user.password_hash = hash_password(new_password)
    vault.set_password_slot_after_commit(session, user.username, new_password)
    return user_record(user)


# -- login --------------------------------------------------------------------------------------
def lock_seconds(failures: int) -> int:
    """How long an account is locked after ``failures`` wrong passwords in a row (0: not)."""
    if failures < LOCK_AFTER_FAILURES:
        return 0
    return min(_FIRST_LOCK_SECONDS * 2 ** (failures - LOCK_AFTER_FAILURES), _MAX_LOCK_SECONDS)


def _lock_message(locked_until: datetime) -> str:
    local = locked_until.replace(tzinfo=UTC).astimezone()
    return _(
        "Akun dikunci sementara karena terlalu banyak percobaan yang gagal. "
        "Coba lagi setelah pukul {time} ({date})."
    ).format(time=local.strftime("%H.%M.%S"), date=format_date(local.date()))


def authenticate(
    session: Session, *, username: str, password: str, now: datetime | None = None
) -> UserRecord:
    """The user whose name and password match; otherwise :class:`LoginRefused`.

    Every attempt is audited (never the password). A refusal leaves its bookkeeping flushed:
    the caller must commit it, not roll it back (see :func:`login_or_refusal`). ``now`` is
    naive UTC (tests pass it to step through lockouts).
    """
    now = now or utcnow()
    user = find_user_row(session, username)
    wrong = _("Nama pengguna atau kata sandi salah")
    with as_system(session, actor=user.username if user is not None else None):
        if user is None:
            verify_password(None, password)  # same cost as a known name: no enumeration
            _audit_login(session, None, _("Gagal masuk: nama pengguna tidak dikenal"))
            raise LoginRefused(wrong)
        if user.locked_until is not None and user.locked_until > now:
            _audit_login(session, user, _("Gagal masuk: akun sedang dikunci"))
            raise LoginRefused(_lock_message(user.locked_until), locked_until=user.locked_until)
        if not verify_password(user.password_hash, password):
            user.failed_logins = (user.failed_logins or 0) + 1
            seconds = lock_seconds(user.failed_logins)
            user.locked_until = now + timedelta(seconds=seconds) if seconds else None
            _audit_login(
                session,
                user,
                _("Gagal masuk: kata sandi salah ({n} kali berturut-turut)").format(
                    n=user.failed_logins
                ),
            )
            if user.locked_until is not None:  # set just above when this failure locks
                raise LoginRefused(
                    f"{wrong}. {_lock_message(user.locked_until)}", locked_until=user.locked_until
                )
            raise LoginRefused(wrong)
        if not user.active:
            _audit_login(session, user, _("Gagal masuk: akun sudah dinonaktifkan"))
            raise LoginRefused(_("Akun ini sudah dinonaktifkan. Hubungi Admin."))
        user.failed_logins, user.locked_until, user.last_login = 0, None, now
        if needs_rehash(user.password_hash or ""):
            user.password_hash = hash_password(password)
        _audit_login(session, user, _("Berhasil masuk"), action="login")
    return user_record(user)


@writes(Changes.USERS)
def login_or_refusal(
    session: Session, *, username: str, password: str, now: datetime | None = None
) -> UserRecord | LoginRefused:
    """:func:`authenticate` with the refusal as a value, for callers that commit on success
    only (the GUI's runner): a refusal is a result to commit, not an error to roll back."""
    try:
        return authenticate(session, username=username, password=password, now=now)
    except LoginRefused as refusal:
        return refusal


def _audit_login(session: Session, user: User | None, summary: str, *, action: str = "") -> None:
    record_event(
        session,
        action=action or "login_failed",
        entity="users",
        entity_id=str(user.id) if user is not None else None,
        summary=summary,
    )
