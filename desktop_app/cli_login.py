"""No way around the login on the command line: who runs an ``asuh`` command, with which role.

Every command that reads or writes personal data signs in first, exactly like the window:
:func:`credentials_from_env_or_prompt` takes the name and password from ``ASUH_USER`` /
``ASUH_PASSWORD`` (scheduled jobs) or asks at the terminal (the password through ``getpass``,
never echoed); :func:`sign_in` checks them with the same core login service the login dialog
uses (``users.accounts.login_or_refusal``: lockout, audit of every attempt) and makes every
Session of the command's database act as that user (``info["actor"]`` for the audit,
``info["role"]`` for the permission table and the write guard). Without credentials and without
a terminal, or with wrong ones, the command is refused before anything is read: one Indonesian
sentence and exit code 2 (:class:`LoginRequired`).

This is the ONE path the CLI authenticates through; opening an encrypted database will need the
password before the file can be read, which is why the credentials are taken first and the
database opened after.
"""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.core.i18n import _

if TYPE_CHECKING:
    from desktop_app.core.database import Database
    from desktop_app.users.accounts import UserRecord

__all__ = [
    "LOGIN_EXIT_CODE",
    "PASSWORD_ENV",
    "USER_ENV",
    "Credentials",
    "LoginRequired",
    "act_as",
    "credentials_from_env_or_prompt",
    "sign_in",
]

USER_ENV = "ASUH_USER"
PASSWORD_ENV = "ASUH_PASSWORD"
#: A refused or missing login is a usage error of the command line, like argparse's.
LOGIN_EXIT_CODE = 2


class LoginRequired(Exception):
    """No credentials, wrong ones, or a role that may not run this command: exit code 2."""


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str = ""

    def __repr__(self) -> str:  # never print a password, not even in a traceback
        return f"Credentials(username={self.username!r}, password='***')"


def _no_terminal() -> LoginRequired:
    return LoginRequired(
        _(
            "Perintah ini membutuhkan login. Jalankan di terminal untuk mengetik nama pengguna "
            "dan kata sandi, atau isi {user} dan {password} (untuk tugas terjadwal); "
            "tidak ada yang dibaca atau diubah."
        ).format(user=USER_ENV, password=PASSWORD_ENV)
    )


def credentials_from_env_or_prompt() -> Credentials:
    """The name and password from ``ASUH_USER``/``ASUH_PASSWORD``, else asked at the terminal;
    :class:`LoginRequired` when neither is possible (a script, a pipe, a scheduled job)."""
    username = os.environ.get(USER_ENV, "").strip()
    password = os.environ.get(PASSWORD_ENV, "")
    if username and password:
        return Credentials(username, password)
    if not sys.stdin.isatty():
        raise _no_terminal()
    try:
        if not username:
            username = input(_("Nama pengguna: ")).strip()
        if not password:
            password = getpass.getpass(_("Kata sandi: "))
    except EOFError:
        raise _no_terminal() from None
    if not username or not password:
        raise LoginRequired(_("Nama pengguna dan kata sandi wajib diisi; tidak ada yang diubah."))
    return Credentials(username, password)


def sign_in(database: Database, credentials: Credentials) -> UserRecord:
    """Check ``credentials`` with the login dialog's service (its bookkeeping and audit entry
    are committed, also for a refusal), then act as that user in every later Session."""
    from desktop_app.users.accounts import LoginRefused, has_users, login_or_refusal

    with database.sessions() as session:
        if not has_users(session):
            raise LoginRequired(
                _(
                    "Belum ada pengguna di basis data ini. Buat Admin pertama dengan "
                    "'asuh user add NAMA --role admin' atau buka Asuh; tidak ada yang diubah."
                )
            )
        result = login_or_refusal(
            session, username=credentials.username, password=credentials.password
        )
        session.commit()
    if isinstance(result, LoginRefused):
        raise LoginRequired(_("Login ditolak: {reason}").format(reason=result))
    act_as(database, result)
    return result


def act_as(database: Database, user: UserRecord) -> None:
    """Every Session ``database`` makes from now on acts for ``user`` (audit and role)."""
    info = {**database.sessions.kw.get("info", {}), "actor": user.username, "role": user.role}
    database.sessions.configure(info=info)
