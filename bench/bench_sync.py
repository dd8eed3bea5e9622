"""Simulate a district: 20 laptops and 5,000 children syncing through the server's merge.

    .venv/bin/python bench/bench_sync.py [--laptops 20] [--children 5000] [--rounds 2]
                                         [--edits 300] [--seed 7] [--server URL]

The server is ``--server`` or ``ASUH_TEST_PG_URL`` or the local PostgreSQL (user postgres); a
uniquely named database is created there and dropped at the end. Laptop 0 registers the
district (children + one visit each) and pushes it; laptop 1 pulls it all; the other laptops
start as copies of laptop 1 (as if installed from its file) with their own device ids. Each
round every laptop edits random children (names, phones, notes, deletions) and records new
visits offline, overlapping with the others; then all sync in a random order, twice. Every
laptop must end identical to the server, table by table. Finally one laptop changes 10,000
rows and its sync is timed (goal: under 10 s).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench_key  # noqa: F401  (files are encrypted: the benchmark data key)
from sqlalchemy import create_engine, insert, select, text, update
from sqlalchemy.engine import make_url

from desktop_app.core.database import Database, open_database
from desktop_app.core.paths import sqlite_url
from desktop_app.db.base import utcnow
from desktop_app.db.models import Child, Desa, Kecamatan, Posyandu, Visit
from desktop_app.settings.store import update_settings
from desktop_app.sync.district import Sender
from desktop_app.sync.peer import LocalPeer
from desktop_app.sync.service import sync_with_server
from desktop_app.sync.tables import SYNC_TABLES
from desktop_app.validation import make_nik

DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def open_laptop(path: Path, device: str) -> Database:
    database = open_database(sqlite_url(path))
    with database.sessions() as session:
        update_settings(session, device_id=device)
        session.commit()
    database.sessions.configure(info={"device_id": device})
    return database


def register_district(laptop: Database, children: int, rng: random.Random) -> list[uuid.UUID]:
    """Areas, ``children`` children and one visit each, written with Core (as an import would)."""
    now = utcnow()
    stamp = {"created_at": now, "updated_at": now, "device_id": "device-0"}
    posyandu_ids = []
    with laptop.engine.begin() as conn:
        for k in range(5):
            kec = uuid.uuid4()
            conn.execute(insert(Kecamatan).values(id=kec, name=f"Kecamatan {k}", **stamp))
            for d in range(4):
                desa = uuid.uuid4()
                conn.execute(
                    insert(Desa).values(id=desa, kecamatan_id=kec, name=f"Desa {k}.{d}", **stamp)
                )
                for p in range(2):
                    pos = uuid.uuid4()
                    conn.execute(
                        insert(Posyandu).values(
                            id=pos, desa_id=desa, name=f"Pos {k}.{d}.{p}", **stamp
                        )
                    )
                    posyandu_ids.append((desa, pos))
        child_rows, visit_rows = [], []
        for n in range(children):
            desa, pos = rng.choice(posyandu_ids)
            child_id = uuid.uuid4()
            sex, born = "LP"[n % 2], date(2022, 1, 1) + timedelta(days=n % 1400)
            nik = make_nik(region="190201", birth_date=born, sex=sex, sequence=n // 1400 + 1)
            child_rows.append(
                {"id": child_id, "name": f"Anak {n}", "nik": nik, "sex": sex, "birth_date": born,
                 "consent_date": date(2025, 1, 6), "consent_by": f"Ibu {n}",
                 "consent_relation": "ibu", "mother_name": f"Ibu {n}",
                 "desa_id": desa, "posyandu_id": pos, "enrolment_status": "berisiko",
                 "enrolled_on": date(2025, 1, 6), "risk_factors": [], "has_kia_book": True,
                 "search_text": "", **stamp}
            )  # fmt: skip
            visit_rows.append(
                {"id": uuid.uuid4(), "child_id": child_id, "visit_date": date(2025, 2, 1),
                 "place": "posyandu", "weight_kg": round(rng.uniform(6, 15), 1), "oedema": False,
                 "topics": [], "help_given": [], **stamp}
            )  # fmt: skip
        conn.execute(insert(Child), child_rows)
        conn.execute(insert(Visit), visit_rows)
    return [row["id"] for row in child_rows]


def offline_edits(
    laptop: Database, device: str, child_ids: list[uuid.UUID], edits: int, rng: random.Random
) -> int:
    """Random edits on this laptop (Core, with the bookkeeping a service would set)."""
    changed = 0
    with laptop.engine.begin() as conn:
        for _ in range(edits):
            child_id = rng.choice(child_ids)
            roll = rng.random()
            values: dict = {"updated_at": utcnow(), "device_id": device}
            if roll < 0.4:
                values["phone"] = f"08{rng.randrange(10**9, 10**10)}"
            elif roll < 0.7:
                values["notes"] = f"catatan {device} {rng.randrange(1000)}"
            elif roll < 0.97:
                values["name"] = f"Anak {rng.randrange(10**6)}"
            else:
                values["deleted_at"] = utcnow()
            conn.execute(update(Child).where(Child.id == child_id).values(**values))
            changed += 1
            if roll < 0.33:
                now = utcnow()
                conn.execute(
                    insert(Visit).values(
                        id=uuid.uuid4(), child_id=child_id, visit_date=date(2025, 3, 1),
                        place="rumah", weight_kg=round(rng.uniform(6, 15), 1), oedema=False,
                        topics=[], help_given=[], created_at=now, updated_at=now, device_id=device,
                    )
                )  # fmt: skip
                changed += 1
    return changed


def snapshot(engine) -> dict[str, list[tuple]]:
    """Every synced table's rows, by id; a child's search tokens are left out (each database
    derives them under its own key)."""
    result = {}
    with engine.connect() as conn:
        for sync_table in SYNC_TABLES:
            if not sync_table.push_only:
                columns = [c for c in sync_table.table.c if c.name != "search_text"]
                rows = conn.execute(select(*columns).order_by(sync_table.table.c.id))
                result[sync_table.name] = [tuple(row) for row in rows]
    return result


def timed_sync(laptop: Database, server_url: str):
    """One sync with the server's own code in this process (``LocalPeer``: the same JSON
    messages as HTTPS, without TLS; bench/bench_server_sync.py measures the real server)."""
    device = laptop.sessions.kw["info"]["device_id"]
    engine = create_engine(server_url)
    started = time.perf_counter()
    try:
        peer = LocalPeer(engine, Sender.from_device_scope(device, device, {"district": True}))
        summary = sync_with_server(laptop.sessions, peer=peer)
        if summary.refused:
            raise SystemExit(f"{device}: the server refused {summary.refused} rows")
    finally:
        engine.dispose()
    return summary, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--laptops", type=int, default=20)
    parser.add_argument("--children", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--edits", type=int, default=300, help="child edits per laptop per round")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--server", default=os.environ.get("ASUH_TEST_PG_URL", DEFAULT_SERVER))
    args = parser.parse_args()
    rng = random.Random(args.seed)

    admin = create_engine(args.server, isolation_level="AUTOCOMMIT")
    name = f"asuh_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    server_url = make_url(args.server).set(database=name).render_as_string(hide_password=False)
    workdir = Path(tempfile.mkdtemp(prefix="asuh-bench-sync-"))
    laptops: list[Database] = []
    server = None
    try:
        server = open_database(server_url)
        first = open_laptop(workdir / "laptop-0.sqlite3", "device-0")
        laptops.append(first)
        child_ids = register_district(first, args.children, rng)
        summary, seconds = timed_sync(first, server_url)
        print(
            f"laptop 0 registers the district and pushes {summary.pushed:,} rows: {seconds:.2f} s"
        )
        second = open_laptop(workdir / "laptop-1.sqlite3", "device-1")
        laptops.append(second)
        summary, seconds = timed_sync(second, server_url)
        print(f"laptop 1 pulls {summary.pulled:,} rows on a new installation: {seconds:.2f} s")
        second.dispose()
        for k in range(2, args.laptops):
            path = workdir / f"laptop-{k}.sqlite3"
            shutil.copyfile(workdir / "laptop-1.sqlite3", path)
            laptops.append(open_laptop(path, f"device-{k}"))
        laptops[1] = open_laptop(workdir / "laptop-1.sqlite3", "device-1")

        for round_no in range(1, args.rounds + 1):
            changed = sum(
                offline_edits(laptop, f"device-{k}", child_ids, args.edits, rng)
                for k, laptop in enumerate(laptops)
            )
            times, conflicts = [], 0
            for _pass in range(2):
                order = list(range(len(laptops)))
                rng.shuffle(order)
                for k in order:
                    summary, seconds = timed_sync(laptops[k], server_url)
                    times.append(seconds)
                    conflicts += summary.conflicts
            print(
                f"round {round_no}: {changed:,} offline changes on {len(laptops)} laptops, "
                f"{len(times)} syncs in random order, {conflicts} conflicts logged; "
                f"sync time median {sorted(times)[len(times) // 2]:.2f} s, max {max(times):.2f} s"
            )
            expected = snapshot(server.engine)
            different = [
                k for k, laptop in enumerate(laptops) if snapshot(laptop.engine) != expected
            ]
            rows = sum(len(table_rows) for table_rows in expected.values())
            verdict = "yes" if not different else f"NO, laptops {different}"
            print(f"  converged: {verdict} ({rows:,} rows on the server)")
            if different:
                return 1

        busy = laptops[3]
        now = utcnow()
        with busy.engine.begin() as conn:
            conn.execute(
                update(Child).values(notes="pendataan ulang", updated_at=now, device_id="device-3")
            )
            conn.execute(update(Visit).where(Visit.visit_date == date(2025, 2, 1)).values(
                place="rumah", updated_at=now, device_id="device-3"))  # fmt: skip
        summary, seconds = timed_sync(busy, server_url)
        print(
            f"one laptop syncs {summary.pushed:,} changed rows (pushed), "
            f"{summary.pulled:,} pulled: {seconds:.2f} s (goal < 10 s)"
        )
    finally:
        for laptop in laptops:
            laptop.dispose()
        if server is not None:
            server.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
