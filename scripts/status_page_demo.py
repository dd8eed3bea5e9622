"""Serve the coordinator's status page (``GET /status``) on a demo database, or screenshot it.

Usage (from the repository root)::

    .venv/bin/python scripts/status_page_demo.py                 # serve until Ctrl+C
    .venv/bin/python scripts/status_page_demo.py --screenshot docs/img/server-status.png

It (re)creates the PostgreSQL database ``asuh_status_demo`` through ``--pg-url`` (a superuser
URL; default ``$ASUH_TEST_PG_URL``, else postgres@127.0.0.1:5432 as the tests use), migrates it
and fills it with a district Admin ``koordinator`` (password ``--password``), a few Belitung
areas, six devices (active, waiting, revoked), their sync audit entries, refused rows and sync
conflicts; makes a self-signed certificate in ``--out`` (default ``build/status-demo``) and
serves the real ``asuh server`` app over TLS on 127.0.0.1. The page and its queries are the
server's own; only the rows are made up. (It connects as the owner, not a runtime role: a demo.)

``--screenshot`` runs headless Chromium (Debian's ``chromium``: ``apt-get install chromium``)
at 1366x768 with the Admin's login in the URL and writes the PNG, then stops.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import uvicorn
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.core.database import Database, open_database  # noqa: E402
from desktop_app.db.audit_chain import append_rows  # noqa: E402
from desktop_app.db.base import utcnow  # noqa: E402
from desktop_app.db.models import (  # noqa: E402
    Desa,
    Device,
    Kecamatan,
    Posyandu,
    SyncConflict,
    SyncRefusal,
)
from desktop_app.server.app import create_app  # noqa: E402
from desktop_app.server.cert import generate_certificate  # noqa: E402
from desktop_app.users.accounts import create_first_admin  # noqa: E402

ADMIN = "koordinator"
DEMO_DATABASE = "asuh_status_demo"
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

#: Device key, name, scope (kecamatan or posyandu name; None: whole district), state, last seen,
#: users who synced (oldest first).
_DEVICES = (
    ("membalong", "Laptop Puskesmas Membalong", ("kecamatan", "Membalong"), "aktif", 2 * HOUR,
     ("operator.membalong", "bidan.rina")),
    ("badau", "Laptop Puskesmas Badau", ("kecamatan", "Badau"), "aktif", 26 * HOUR,
     ("operator.badau",)),
    ("melati", "Laptop Posyandu Melati", ("posyandu", "Posyandu Melati"), "aktif", 4 * DAY,
     ("kader.melati",)),
    ("dinsos", "Laptop Dinas Sosial", None, "aktif", timedelta(minutes=35),
     ("admin.dinsos",)),
    ("nasik", "Laptop Puskesmas Selat Nasik", ("kecamatan", "Selat Nasik"), "menunggu", None, ()),
    ("lama", "Laptop lama Tanjungpandan", ("kecamatan", "Tanjungpandan"), "dicabut", 40 * DAY,
     ("operator.tanjungpandan",)),
)  # fmt: skip

#: Device key, table, message (as the server writes it), age.
_REFUSALS = (
    ("membalong", "children", "Anak 'Budi Santoso': NIK harus 16 angka", 2 * HOUR),
    ("membalong", "visits", "Kunjungan anak 'Budi Santoso': Berat badan 95 kg di luar batas "
     "wajar untuk umur 3 tahun", 2 * HOUR),
    ("melati", "guardians", "Orang tua asuh 'Hendra Wijaya': No. KK harus 16 angka", 4 * DAY),
    ("badau", "aid_payments", "Bantuan anak 'Siti Aminah': tanggal bayar sebelum penugasan "
     "dimulai", 26 * HOUR),
    ("membalong", "children", "Anak 'Rahmat': posyandu di luar cakupan perangkat ini", 6 * DAY),
    ("badau", "visits", "Kunjungan anak 'Dewi Lestari': tanggal kunjungan di masa depan",
     12 * DAY),
    ("lama", "children", "Anak 'Agus': perangkat ini sudah dicabut", 41 * DAY),
)  # fmt: skip

#: Table, fields (column names, as the field merge writes the note), winner, loser, age.
_CONFLICTS = (
    ("children", "nik, name", "membalong", "dinsos", 3 * HOUR),
    ("visits", "weight_kg", "badau", "membalong", 27 * HOUR),
    ("guardians", "phone", "dinsos", "melati", 5 * DAY),
)


def _areas(session: Session) -> dict[tuple[str, str], str]:
    """Five kecamatan of Belitung, each with a desa and a posyandu; ids by (level, name)."""
    ids: dict[tuple[str, str], str] = {}
    for name, posyandu in (
        ("Membalong", "Posyandu Kenanga"),
        ("Badau", "Posyandu Mawar"),
        ("Sijuk", "Posyandu Melati"),
        ("Selat Nasik", "Posyandu Anggrek"),
        ("Tanjungpandan", "Posyandu Dahlia"),
    ):
        kecamatan = Kecamatan(name=name)
        desa = Desa(kecamatan=kecamatan, name=f"Desa {name}")
        post = Posyandu(desa=desa, name=posyandu)
        session.add_all([kecamatan, desa, post])
        session.flush()
        ids[("kecamatan", name)] = str(kecamatan.id)
        ids[("posyandu", posyandu)] = str(post.id)
    return ids


def _device(key: str, spec: tuple, areas: dict[tuple[str, str], str], now: datetime) -> Device:
    _key, name, scope, state, seen, _users = spec
    device = Device(
        name=name,
        scope={scope[0]: [areas[scope]]} if scope else {"district": True},
        created_at=now - 60 * DAY,
    )
    if state != "menunggu":
        device.enrolled_at = now - 59 * DAY
        device.last_seen_at = now - seen
    if state == "dicabut":
        device.revoked_at = now - 30 * DAY
    return device


def seed(database: Database, password: str) -> None:
    """The Admin and the demo rows (relative to now)."""
    now = utcnow()
    with database.sessions() as session:
        create_first_admin(
            session, username=ADMIN, full_name="Koordinator Kabupaten", password=password
        )
        areas = _areas(session)
        devices = {spec[0]: _device(spec[0], spec, areas, now) for spec in _DEVICES}
        session.add_all(devices.values())
        session.flush()
        ids = {key: str(device.id) for key, device in devices.items()}
        audit = []
        for key, _name, _scope, _state, seen, users in _DEVICES:
            for step, user in enumerate(users):
                at = now - seen - (len(users) - 1 - step) * 3 * DAY
                audit.append({"at": at, "username": user, "device_id": ids[key],
                              "action": "sync", "entity": "children", "entity_id": None,
                              "summary": "demo"})  # fmt: skip
        append_rows(session.connection(), audit)
        session.add_all(
            SyncRefusal(device_id=ids[key], table_name=table, row_id=uuid.uuid4(),
                        message=message, created_at=now - age)
            for key, table, message, age in _REFUSALS
        )  # fmt: skip
        session.add_all(
            SyncConflict(table_name=table, row_id=uuid.uuid4(), winner_device=ids[winner],
                         loser_device=ids[loser], note=f"Bidang: {fields}",
                         created_at=now - age, updated_at=now - age)
            for table, fields, winner, loser, age in _CONFLICTS
        )  # fmt: skip
        session.commit()


def fresh_database(pg_url: str) -> str:
    """Drop and create :data:`DEMO_DATABASE`; its URL."""
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{DEMO_DATABASE}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{DEMO_DATABASE}"'))
    admin.dispose()
    return make_url(pg_url).set(database=DEMO_DATABASE).render_as_string(hide_password=False)


def _serve(database: Database, folder: Path, port: int) -> tuple[uvicorn.Server, threading.Thread]:
    generate_certificate("127.0.0.1", folder)
    config = uvicorn.Config(
        create_app(database),
        host="127.0.0.1",
        port=port,
        ssl_certfile=str(folder / "server.crt"),
        ssl_keyfile=str(folder / "server.key"),
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise SystemExit("the server did not start")
        time.sleep(0.05)
    return server, thread


def screenshot(url: str, target: Path, height: int = 768) -> None:
    """Headless Chromium 1366 wide (a district office laptop's screen), 768 high unless asked."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium is missing: apt-get install chromium")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--ignore-certificate-errors", f"--user-data-dir={profile}",
             f"--window-size=1366,{height}", f"--screenshot={target.resolve()}", url],
            check=True, timeout=120, capture_output=True,
        )  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "status-demo")
    parser.add_argument("--port", type=int, default=8460)
    parser.add_argument("--pg-url", default=os.environ.get("ASUH_TEST_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--password", default="Demo-Status-2026")
    parser.add_argument("--screenshot", type=Path, help="write a PNG of the page and stop")
    parser.add_argument("--height", type=int, default=768, help="of the screenshot, in pixels")
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    database = open_database(fresh_database(args.pg_url))
    seed(database, args.password)
    server, thread = _serve(database, args.out, args.port)
    url = f"https://127.0.0.1:{args.port}/status"
    try:
        if args.screenshot:
            login_url = url.replace("https://", f"https://{ADMIN}:{args.password}@")
            screenshot(login_url, args.screenshot, args.height)
            print(f"wrote {args.screenshot}")
        else:
            print(f"Status page: {url}  (login {ADMIN} / {args.password}; Ctrl+C stops)")
            thread.join()
    except KeyboardInterrupt:
        pass
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        database.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
