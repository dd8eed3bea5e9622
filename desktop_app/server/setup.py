"""``asuh server init``: migrate the district database as its owner, then make the runtime role.

The server runs as a role that can read and write rows but cannot change the schema, so a bug or
an attacker in the server process cannot drop or alter tables. Roles are cluster-wide in
PostgreSQL; privileges are granted in the one database named by the URL.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url

from desktop_app.core.database import open_database
from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _

DEFAULT_RUNTIME_ROLE = "asuh_server"
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class ServerSetupError(DomainError):
    """The server database cannot be set up as asked; ``str()`` says why, in Indonesian."""


@dataclass(frozen=True)
class ServerSetup:
    runtime_url: str
    runtime_role: str
    revision: str | None


#: Tables the runtime role may delete rows from (everything else: never).
DELETABLE_TABLES = ("server_nonces", "aid_payments", "kbm_thresholds", "month_closures")


def init_server_database(
    owner_url: str, *, runtime_role: str = DEFAULT_RUNTIME_ROLE
) -> ServerSetup:
    """Run the migrations as the owner of ``owner_url`` and (re)create ``runtime_role`` with a
    new random password: SELECT/INSERT/UPDATE on every table (read-only on ``alembic_version``),
    USAGE on sequences, no CREATE on the schema. Running it again re-grants (after an upgrade)
    and changes the password. Returns the runtime URL (with the password: show it once)."""
    url = make_url(owner_url)
    if not url.drivername.startswith("postgresql"):
        raise ServerSetupError(
            _("Server kabupaten memerlukan PostgreSQL (postgresql+psycopg://...)")
        )
    if not _ROLE_NAME.match(runtime_role):
        raise ServerSetupError(
            _("Nama peran tidak sah: {name} (huruf kecil, angka, garis bawah)").format(
                name=runtime_role
            )
        )
    database = open_database(owner_url)
    revision = database.migration.to_revision if database.migration else None
    database.dispose()
    password = secrets.token_urlsafe(24)  # URL-safe: no quoting needed in SQL or the URL
    engine = create_engine(owner_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            owner = conn.execute(text("SELECT current_user")).scalar_one()
            database_name = conn.execute(text("SELECT current_database()")).scalar_one()
            existing = conn.execute(
                text(
                    "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles "
                    "WHERE rolname = :name"
                ),
                {"name": runtime_role},
            ).first()
            role = f'"{runtime_role}"'
            if existing is not None and existing[0]:
                raise ServerSetupError(
                    _(
                        "Peran {role} sudah ada dengan hak terlalu besar (superuser, CREATEROLE "
                        "atau CREATEDB); pilih nama lain dengan --runtime-role."
                    ).format(role=runtime_role)
                )
            if not _may_manage_roles(conn):
                raise ServerSetupError(
                    _(
                        "Peran pemilik {owner} tidak boleh membuat peran lain. Beri hak "
                        "CREATEROLE (ALTER ROLE {owner} CREATEROLE) atau pakai superuser."
                    ).format(owner=owner)
                )
            # A second run keeps the role (and its grants) and only gives it a new password.
            create_or_alter = (
                f"ALTER ROLE {role} LOGIN PASSWORD '{password}'"
                if existing is not None
                else f"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                f"PASSWORD '{password}'"
            )
            for statement in (
                create_or_alter,
                # Before PostgreSQL 15 every role may create tables in ``public``.
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                f"REVOKE CREATE ON SCHEMA public FROM {role}",
                f'GRANT CONNECT ON DATABASE "{database_name}" TO {role}',
                f"GRANT USAGE ON SCHEMA public TO {role}",
                f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {role}",
                f"REVOKE INSERT, UPDATE ON alembic_version FROM {role}",
                f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
                # Deletes the server itself decides: expired replay digests, and the loser of
                # two rows made offline for one natural key (sync.natural_key).
                f"GRANT DELETE ON {', '.join(DELETABLE_TABLES)} TO {role}",
                f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA public '
                f"GRANT SELECT, INSERT, UPDATE ON TABLES TO {role}",
            ):
                conn.execute(text(statement))
    finally:
        engine.dispose()
    runtime = url.set(username=runtime_role, password=password)
    return ServerSetup(
        runtime_url=runtime.render_as_string(hide_password=False),
        runtime_role=runtime_role,
        revision=revision,
    )


def _may_manage_roles(conn: Connection) -> bool:
    row = conn.execute(
        text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    ).scalar()
    return bool(row)
