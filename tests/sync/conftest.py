"""Fixtures for the sync tests: a real PostgreSQL database per test, and laptop databases.

The server is ``ASUH_TEST_PG_URL`` (default: the local server, user postgres, trust auth). Each
test gets a uniquely named database, dropped afterwards. When no server can be reached the tests
that need one are skipped with the reason shown (``pytest -ra`` lists it).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import make_url

from desktop_app.core.database import Database, open_database
from desktop_app.core.paths import sqlite_url
from desktop_app.db.models import Child, Desa, Kecamatan, Posyandu
from desktop_app.settings.store import update_settings
from desktop_app.sync.tables import SYNC_TABLES
from desktop_app.validation import make_no_kk
from tests.sync.enrolment import enrol, know_each_other

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    url = os.environ.get("ASUH_TEST_PG_URL", DEFAULT_PG_URL)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as error:
        engine.dispose()
        shown = make_url(url).render_as_string(hide_password=True)
        pytest.skip(f"PostgreSQL tidak tersedia di {shown}: {str(error).splitlines()[0]}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def pg_template(pg_admin: Engine) -> Iterator[str]:
    """A server database migrated once per run; each test's database is a copy of it."""
    name = f"asuh_tpl_{uuid.uuid4().hex[:12]}"
    with pg_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    open_database(_database_url(pg_admin, name)).dispose()  # a template takes no connections
    yield name
    with pg_admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _database_url(admin: Engine, name: str) -> str:
    return make_url(admin.url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def server_url(pg_admin: Engine, pg_template: str) -> Iterator[str]:
    """URL of a fresh, migrated, empty PostgreSQL database for this test."""
    name = f"asuh_test_{uuid.uuid4().hex[:12]}"
    with pg_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    yield _database_url(pg_admin, name)
    with pg_admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


Laptop = Database


@pytest.fixture
def make_laptop(migrated_template: Path, tmp_path: Path) -> Iterator[Callable[..., Laptop]]:
    """``make_laptop("A")``: a migrated laptop database of its own (a copy of the template),
    enrolled as device :func:`~tests.sync.enrolment.device_id_of` ``("A")``; the laptops of one
    test know each other's devices (public keys), as after a sync with the server."""
    opened: list[Database] = []

    def make(name: str, **settings: str) -> Database:
        path = tmp_path / f"laptop-{name}.sqlite3"
        shutil.copyfile(migrated_template, path)
        database = open_database(sqlite_url(path))
        # Copies of one template share its device id: enrolment gives each its own.
        enrol(database, name)
        if settings:
            with database.sessions() as session:
                update_settings(session, **settings)
                session.commit()
        opened.append(database)
        know_each_other(*opened)
        return database

    yield make
    for database in opened:
        database.dispose()


def snapshot(engine: Engine) -> dict[str, list[dict]]:
    """Every synced (pullable) table, rows sorted by id, for row-by-row comparison. A child's
    ``search_text`` is left out: each database derives it under its own search key."""
    result = {}
    with engine.connect() as conn:
        for sync_table in SYNC_TABLES:
            if not sync_table.push_only:
                query = select(sync_table.table).order_by(sync_table.table.c.id)
                result[sync_table.name] = [
                    {k: v for k, v in row.items() if k != "search_text"}
                    for row in conn.execute(query).mappings()
                ]
    return result


def add_area(database: Database, *, kecamatan: str = "Tanjungpandan") -> dict[str, uuid.UUID]:
    """A kecamatan with one desa and one posyandu; returns their ids."""
    with database.sessions() as session:
        kec = Kecamatan(name=kecamatan)
        desa = Desa(kecamatan=kec, name=f"Desa {kecamatan}")
        pos = Posyandu(desa=desa, name=f"Posyandu {kecamatan}")
        session.add_all([kec, desa, pos])
        session.commit()
        return {"kecamatan": kec.id, "desa": desa.id, "posyandu": pos.id}


@pytest.fixture
def area(database: Database) -> dict[str, uuid.UUID]:
    """Kecamatan Tanjungpandan with a desa and a posyandu (ids by level)."""
    return add_area(database, kecamatan="Tanjungpandan")


@pytest.fixture
def other_area(database: Database) -> dict[str, uuid.UUID]:
    """Kecamatan Membalong, another device's scope."""
    return add_area(database, kecamatan="Membalong")


def add_child(
    database: Database, *, name: str, area: dict[str, uuid.UUID], nik: str | None = None
) -> uuid.UUID:
    with database.sessions() as session:
        child = Child(
            name=name,
            nik=nik,
            # Without a NIK the forms (and the server) require the family card number.
            no_kk=None if nik else make_no_kk(region="190201", issued_on=date(2020, 1, 2)),
            sex="P",
            birth_date=date(2024, 5, 17),
            enrolment_status="berisiko",
            enrolled_on=date(2025, 1, 6),
            desa_id=area["desa"],
            posyandu_id=area["posyandu"],
        )
        session.add(child)
        session.commit()
        return child.id


def edit_child(database: Database, child_id: uuid.UUID, **values: object) -> None:
    with database.sessions() as session:
        child = session.get(Child, child_id)
        assert child is not None
        for key, value in values.items():
            setattr(child, key, value)
        session.commit()


def sync_laptop(sessions, server_url: str, **kwargs):
    """Sync a laptop with the server database as its enrolled device would: the server's own
    code (``sync.district``) runs in this process through the same JSON messages the HTTPS
    endpoints carry (tests/server runs them over real TLS). The device's scope is the
    laptop's scope setting, as the Admin would have enrolled it."""
    from desktop_app.db.device import ensure_device_id
    from desktop_app.settings.store import get_settings
    from desktop_app.sync.district import Sender
    from desktop_app.sync.peer import LocalPeer
    from desktop_app.sync.service import sync_with_server

    with sessions() as session:
        settings = get_settings(session)
        device_id = ensure_device_id(session)
        session.commit()
    scope: dict = {"district": True}
    if settings.sync_scope_posyandu_id:
        scope = {"posyandu": [settings.sync_scope_posyandu_id]}
    elif settings.sync_scope_kecamatan_id:
        scope = {"kecamatan": [settings.sync_scope_kecamatan_id]}
    engine = create_engine(server_url)
    try:
        sender = Sender.from_device_scope(device_id, f"Laptop {device_id}", scope)
        return sync_with_server(sessions, peer=LocalPeer(engine, sender), **kwargs)
    finally:
        engine.dispose()
