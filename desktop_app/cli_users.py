"""Scripted set-up without a way around the login: ``asuh user add`` and the demo's first Admin.

``asuh user add NAME --role ROLE [--nama "Nama Lengkap"]``
    On a database without accounts the first user must be an Admin and no login is asked (there
    is nobody to ask for); the password comes from ``ASUH_PASSWORD`` or is asked twice at the
    terminal. Once accounts exist, an Admin signs in first (``ASUH_USER``/``ASUH_PASSWORD`` or
    the prompt, see :mod:`desktop_app.cli_login`) and the new user's password comes from
    ``ASUH_NEW_PASSWORD`` or the terminal. The same services as Pengaturan > Pengguna apply the
    same rules (name, role, password at least 10 characters and not a common one) and audit it.

``asuh demo`` on a new file creates the Admin named by ``ASUH_USER`` with ``ASUH_PASSWORD``
when both are set; otherwise an Admin ``admin`` with a generated password printed once.
"""

from __future__ import annotations

import argparse
import getpass
import os
import secrets
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop_app.cli_login import (
    PASSWORD_ENV,
    USER_ENV,
    LoginRequired,
    act_as,
    credentials_from_env_or_prompt,
    sign_in,
)
from desktop_app.core.i18n import _

if TYPE_CHECKING:
    from desktop_app.core.database import Database

NEW_PASSWORD_ENV = "ASUH_NEW_PASSWORD"
DEMO_ADMIN = "admin"


def add_user_parser(commands, add_database_options) -> None:
    user = commands.add_parser("user", help=_("kelola pengguna (user add NAMA --role PERAN)"))
    add_database_options(user)
    actions = user.add_subparsers(dest="user_action", metavar="TINDAKAN", required=True)
    add = actions.add_parser("add", help=_("tambah pengguna"))
    add_database_options(add)
    add.add_argument("name", metavar="NAMA", help=_("nama pengguna untuk masuk"))
    add.add_argument(
        "--role", required=True, choices=["admin", "operator", "pimpinan"], help=_("peran")
    )
    add.add_argument("--nama", dest="full_name", metavar="NAMA_LENGKAP", help=_("nama lengkap"))


def run_user_command(args: argparse.Namespace, open_database: Callable[[Any], Database]) -> int:
    """``asuh user add``; returns the exit code (a refused login raises LoginRequired)."""
    from desktop_app.core.errors import ValidationError
    from desktop_app.users.accounts import create_first_admin, create_user, has_users

    database = open_database(args)
    try:
        with database.sessions() as session:
            first = not has_users(session)
        if first and args.role != "admin":
            print(_("Pengguna pertama harus Admin (--role admin)."), file=sys.stderr)
            return 2
        if not first:
            sign_in(database, credentials_from_env_or_prompt())
        password = _new_password(PASSWORD_ENV if first else NEW_PASSWORD_ENV)
        full_name = args.full_name or args.name
        try:
            with database.sessions() as session:
                if first:
                    user = create_first_admin(
                        session, username=args.name, full_name=full_name, password=password
                    )
                else:
                    user = create_user(
                        session,
                        username=args.name,
                        full_name=full_name,
                        role=args.role,
                        password=password,
                    )
                session.commit()
        except ValidationError as refused:
            print(str(refused), file=sys.stderr)
            return 1
        print(
            _("Pengguna {name} ({role}) dibuat.").format(name=user.username, role=user.role_label)
        )
        return 0
    finally:
        database.dispose()


def _new_password(variable: str) -> str:
    given = os.environ.get(variable, "")
    if given:
        return given
    if not sys.stdin.isatty():
        raise LoginRequired(
            _(
                "Kata sandi pengguna baru tidak dapat ditanyakan tanpa terminal; isi {name}. "
                "Tidak ada yang diubah."
            ).format(name=variable)
        )
    first = getpass.getpass(_("Kata sandi pengguna baru: "))
    if getpass.getpass(_("Ulangi kata sandi: ")) != first:
        raise LoginRequired(_("Kedua kata sandi tidak sama; tidak ada yang diubah."))
    return first


def demo_database(database: Database) -> Database:
    """The database ``asuh demo`` fills, acting as an Admin: on a file without accounts the
    first Admin is created (named by ASUH_USER with ASUH_PASSWORD when both are set, else
    ``admin`` with a generated password printed once); otherwise an Admin signs in."""
    from desktop_app.core.passwords import password_problem
    from desktop_app.users.accounts import create_first_admin, has_users

    with database.sessions() as session:
        if has_users(session):
            session.close()
            sign_in(database, credentials_from_env_or_prompt())
            return database
        username = os.environ.get(USER_ENV, "").strip()
        password = os.environ.get(PASSWORD_ENV, "")
        generated = not (username and password)
        if generated:
            username, password = DEMO_ADMIN, _generated_password(password_problem)
        user = create_first_admin(session, username=username, full_name=username, password=password)
        session.commit()
    if generated:
        print(
            _(
                "Admin pertama dibuat: nama pengguna {name}, kata sandi {password} "
                "(dicatat sekarang: kata sandi ini tidak ditampilkan lagi)."
            ).format(name=user.username, password=password)
        )
    act_as(database, user)
    return database


def _generated_password(problem: Callable[..., str | None]) -> str:
    while True:
        password = secrets.token_urlsafe(12)
        if problem(password) is None:
            return password
