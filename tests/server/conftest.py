"""Fixtures for the sync server: a real PostgreSQL database set up by ``asuh server init``, a
certificate from ``asuh server cert`` and a real uvicorn serving TLS on 127.0.0.1.

PostgreSQL comes from the sync tests' fixtures (``ASUH_TEST_PG_URL``, skipped with the reason
when there is none).
"""

from __future__ import annotations

import re
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import Engine, create_engine, text

from desktop_app.cli import main
from desktop_app.core.database import Database, open_database
from desktop_app.core.passwords import hash_password
from desktop_app.db.models import User
from desktop_app.server.app import create_app
from desktop_app.users.accounts import create_first_admin
from tests.sync.conftest import pg_admin, pg_template, server_url  # noqa: F401

ADMIN_PASSWORD = "Kabupaten-Rahasia-2026"
OPERATOR_PASSWORD = "Operator-Rahasia-2026"


@dataclass
class RunningServer:
    base_url: str
    fingerprint: str
    owner_url: str
    runtime_url: str
    database: Database  # opened as the runtime role, like the server itself


@pytest.fixture
def runtime(
    server_url: str,  # noqa: F811
    pg_admin: Engine,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> Iterator[tuple[str, str]]:
    """``asuh server init`` on a fresh database: (owner URL, runtime URL as printed); the role
    is dropped afterwards (roles are cluster-wide)."""
    role = f"asuh_rt_{uuid.uuid4().hex[:10]}"
    capsys.readouterr()
    args = ["server", "init", "--database-url", server_url, "--runtime-role", role]
    assert main(args) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    runtime_url = printed[-1]
    assert runtime_url.startswith(f"postgresql+psycopg://{role}:"), printed
    yield server_url, runtime_url
    owner = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with owner.connect() as conn:
        conn.execute(text(f'DROP OWNED BY "{role}"'))
    owner.dispose()
    with pg_admin.connect() as conn:
        conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))


@pytest.fixture
def certificate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, str]:
    """``asuh server cert --host 127.0.0.1``: (cert, key, printed fingerprint)."""
    folder = tmp_path / "tls"
    assert main(["server", "cert", "--host", "127.0.0.1", "--out", str(folder)]) == 0
    printed = capsys.readouterr().out
    match = re.search(r"((?:[0-9A-F]{2}:){31}[0-9A-F]{2})", printed)
    assert match, printed
    return folder / "server.crt", folder / "server.key", match.group(1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def running_server(
    runtime: tuple[str, str], certificate: tuple[Path, Path, str]
) -> Iterator[RunningServer]:
    """A real uvicorn with TLS in a thread, serving the runtime-role database."""
    owner_url, runtime_url = runtime
    cert, key, fingerprint = certificate
    database = open_database(runtime_url)
    port = _free_port()
    config = uvicorn.Config(
        create_app(database),
        host="127.0.0.1",
        port=port,
        ssl_certfile=str(cert),
        ssl_keyfile=str(key),
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield RunningServer(
        base_url=f"https://127.0.0.1:{port}",
        fingerprint=fingerprint,
        owner_url=owner_url,
        runtime_url=runtime_url,
        database=database,
    )
    server.should_exit = True
    thread.join(timeout=10)
    database.dispose()


@pytest.fixture
def accounts(runtime: tuple[str, str]) -> None:
    """A district Admin and an Operator on the server database."""
    database = open_database(runtime[0])
    with database.sessions() as session:
        create_first_admin(
            session, username="admin.kab", full_name="Admin Kabupaten", password=ADMIN_PASSWORD
        )
        session.add(
            User(
                username="operator.kab",
                full_name="Operator Kabupaten",
                role="operator",
                password_hash=hash_password(OPERATOR_PASSWORD),
            )
        )
        session.commit()
    database.dispose()
