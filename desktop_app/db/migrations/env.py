"""Alembic environment: runs on the connection handed over by ``desktop_app.db.migrate``.

No alembic.ini is needed: the app builds the Config in code (so a frozen build finds the
scripts by path) and passes an open connection in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from desktop_app.db.models import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("Asuh runs migrations online only")
run_migrations_online()
