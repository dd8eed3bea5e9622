"""SIGKILL of ``asuh server run`` in the middle of a laptop's push, then a restart on the same
database and a sync again: nothing is applied twice, nothing is lost.

Two moments of the kill, both real processes and real PostgreSQL:

- **in flight**: the server has the batch and is inside its transaction (held at the push lock
  by the test) when it dies: PostgreSQL rolls the batch back, the laptop keeps it pending;
- **answer lost**: the server committed the batch and dies before the laptop heard back; the
  laptop rolls its side back and sends the same changes again after the restart, which the
  server already holds.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, func, select, text

from desktop_app.core.database import Database
from desktop_app.db.models import Child, SyncChange
from desktop_app.server.client import ServerPeer, ServerUnreachable
from desktop_app.sync.district import PUSH_LOCK_KEY
from desktop_app.sync.server import count_to_push
from desktop_app.sync.service import SyncError, sync_with_server
from tests.server.conftest import RunningServer, _free_port
from tests.server.test_sync_over_https import _enrolled
from tests.sync.conftest import add_area, add_child, make_laptop, snapshot  # noqa: F401

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
CHILDREN = 40
BATCH = 5  # children go in 8 batches; the kill hits the third


class ServerProcess:
    """``asuh server run`` as a subprocess on a fixed port, started again after a kill."""

    def __init__(self, runtime_url: str, cert: Path, key: Path) -> None:
        self.port = _free_port()
        self.command = [
            sys.executable, "-m", "desktop_app", "server", "run", "--database-url", runtime_url,
            "--cert", str(cert), "--key", str(key), "--host", "127.0.0.1",
            "--port", str(self.port),
        ]  # fmt: skip
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                assert self.process.poll() is None, "asuh server run exited"
                assert time.monotonic() < deadline, "asuh server run did not listen"
                time.sleep(0.1)

    def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)


@pytest.fixture
def server_process(
    runtime: tuple[str, str], certificate: tuple[Path, Path, str]
) -> Iterator[tuple[ServerProcess, RunningServer, Engine]]:
    """The server subprocess, what ``_enrolled`` needs of it, and an owner engine to look."""
    owner_url, runtime_url = runtime
    cert, key, fingerprint = certificate
    server = ServerProcess(runtime_url, cert, key)
    server.start()
    owner = create_engine(owner_url)
    running = RunningServer(
        base_url=f"https://127.0.0.1:{server.port}",
        fingerprint=fingerprint,
        owner_url=owner_url,
        runtime_url=runtime_url,
        database=None,  # type: ignore[arg-type]  (the server lives in its own process)
    )
    yield server, running, owner
    server.stop()
    owner.dispose()


def _waiting_at_push_lock(owner: Engine) -> bool:
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
    )
    with owner.connect() as conn:
        return bool(conn.execute(query).scalar())


class KillingPeer:
    """A laptop's :class:`ServerPeer` that kills the server during its ``kill_at``-th push."""

    def __init__(self, peer: ServerPeer, kill: Callable[[Callable[[], Any]], Any], at: int):
        self._peer, self._kill, self._at, self.pushes = peer, kill, at, 0

    def push(self, payload: dict[str, Any]) -> dict[str, Any]:
        self.pushes += 1
        if self.pushes == self._at:
            return self._kill(lambda: self._peer.push(payload))
        return self._peer.push(payload)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._peer, name)


@pytest.mark.parametrize("moment", ["in_flight", "answer_lost"])
def test_killed_during_a_push_then_restarted_loses_and_doubles_nothing(
    moment: str,
    server_process: tuple[ServerProcess, RunningServer, Engine],
    capsys: pytest.CaptureFixture[str],
    make_laptop: Callable[..., Database],  # noqa: F811
) -> None:
    server, running, owner = server_process
    a, b = make_laptop("A"), make_laptop("B")
    id_a = _enrolled(running, capsys, a, "Laptop kantor")
    id_b = _enrolled(running, capsys, b, "Laptop Puskesmas")
    area = add_area(a)
    for n in range(CHILDREN):
        add_child(a, name=f"Anak {n}", area=area)

    def in_flight(push: Callable[[], Any]) -> Any:
        """Hold the server's push lock, send the batch, kill the server while it waits."""
        with owner.connect() as holder:
            holder.execute(text("SELECT pg_advisory_lock(:key)"), {"key": PUSH_LOCK_KEY})

            def kill_when_waiting() -> None:
                deadline = time.monotonic() + 10
                while not _waiting_at_push_lock(owner) and time.monotonic() < deadline:
                    time.sleep(0.02)
                server.kill()

            killer = threading.Thread(target=kill_when_waiting)
            killer.start()
            try:
                return push()
            finally:
                killer.join()
                holder.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": PUSH_LOCK_KEY})
                holder.commit()

    def answer_lost(push: Callable[[], Any]) -> Any:
        """The server commits the batch, then dies before the laptop reads the answer."""
        push()
        server.kill()
        raise ServerUnreachable("Server tidak dapat dihubungi, periksa koneksi")

    # Kecamatan, desa and posyandu are one push each; the 6th push is the 3rd batch of children.
    killing = KillingPeer(ServerPeer(id_a), in_flight if moment == "in_flight" else answer_lost, 6)
    with pytest.raises(SyncError, match="Server tidak dapat dihubungi"):
        sync_with_server(a.sessions, peer=killing, batch_size=BATCH)  # type: ignore[arg-type]
    assert server.process is not None and server.process.returncode == -signal.SIGKILL
    with owner.connect() as conn:
        held = conn.scalar(select(func.count()).select_from(Child))
    assert held == {"in_flight": 2 * BATCH, "answer_lost": 3 * BATCH}[moment]
    assert count_to_push(a.engine) == CHILDREN - 2 * BATCH  # the laptop saw only 1-2 land

    server.start()  # same database, same port, same certificate
    again = sync_with_server(a.sessions, peer=ServerPeer(id_a), batch_size=BATCH)
    assert again.refused == 0
    assert count_to_push(a.engine) == 0
    with owner.connect() as conn:
        names = conn.scalars(select(Child.name)).all()
        entries = conn.execute(
            select(SyncChange.table_name, SyncChange.row_id, func.count())
            .group_by(SyncChange.table_name, SyncChange.row_id)
            .having(func.count() > 1)
        ).all()
    assert sorted(names) == sorted(f"Anak {n}" for n in range(CHILDREN))  # each exactly once
    assert entries == []
    expected = snapshot(owner)
    assert snapshot(a.engine) == expected  # every row with the laptop's values

    assert sync_with_server(b.sessions, peer=ServerPeer(id_b), batch_size=BATCH).pulled >= CHILDREN
    assert snapshot(b.engine) == expected
