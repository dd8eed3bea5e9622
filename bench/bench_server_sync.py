"""Load on ``asuh server``: 50 laptops each push 1,000 changed rows and pull, all at once.

    .venv/bin/python bench/bench_server_sync.py [--laptops 50] [--rows 1000] [--single 10000]
                                                [--server URL] [--profile-server FILE.prof]

Issue 21's benchmark. A fresh PostgreSQL database ``asuh_bench_<random>`` is made on
``--server`` (or ``ASUH_TEST_PG_URL``, or the local PostgreSQL as user postgres), set up by
``init_server_database`` (what ``asuh server init`` runs: migrations, a runtime role without
DDL rights) with a certificate from ``generate_certificate`` (``asuh server cert``); then the
real ``asuh server run`` starts as a subprocess (its own interpreter: the laptops' threads do
not share its GIL) serving TLS on 127.0.0.1. The laptops are SQLCipher files copied from one
migrated template, each enrolled with a one-time code and its own Ed25519 key, talking to the
server through :class:`ServerPeer` (signed HTTPS, pinned certificate) as in the field.

Laptop 0 registers a shared area and pushes it; every laptop pulls it. Then each laptop records
``--rows`` new rows offline (a fifth children with a valid NIK, No. KK and consent, the rest
their visits), and all laptops sync concurrently, one thread each: push, then pull everything
the others pushed so far. A second concurrent round lets the early finishers catch up; every
laptop must then hold exactly the server's rows (every synced table, row by row, ``search_text``
aside: each file derives it under its own key), and no row may be refused. Every request is
timed on the laptop (p95 = the 95th percentile over all requests of the round). Last, one
laptop changes ``--single`` rows (edits of rows it holds, topped up with new ones) and syncs
alone (goal: under 5 s). The database, the role and the files are removed at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import _bench_key  # noqa: F401  (encrypted laptop files, fixed benchmark key)
from sqlalchemy import create_engine, insert, select, text, update
from sqlalchemy.engine import make_url

from desktop_app.core.database import Database, open_database
from desktop_app.core.paths import sqlite_url
from desktop_app.db.base import utcnow
from desktop_app.db.models import Child, Desa, Kecamatan, Posyandu, Visit
from desktop_app.server.cert import generate_certificate
from desktop_app.server.client import ServerClient, ServerPeer, new_device_key
from desktop_app.server.devices import enrol_device
from desktop_app.server.setup import init_server_database
from desktop_app.settings.store import update_settings
from desktop_app.sync.service import SyncSummary, sync_with_server
from desktop_app.sync.tables import SYNC_TABLES
from desktop_app.validation import make_nik, make_no_kk

DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
ROOT = Path(__file__).resolve().parents[1]
REGION = "190201"  # Bangka Belitung, Belitung, Tanjungpandan
SINGLE_GOAL_S = 5.0


class TimedPeer:
    """A :class:`ServerPeer` whose every request is timed into ``times``: (method, seconds,
    rows it carried: entries pushed, or rows a pull or rows request brought back)."""

    def __init__(self, peer: ServerPeer, times: list[tuple[str, float, int]]) -> None:
        self._peer, self._times = peer, times

    def _timed(self, method: str, *args: Any) -> dict[str, Any]:
        started = time.perf_counter()
        answer: dict[str, Any] = {}
        try:
            answer = getattr(self._peer, method)(*args)
            return answer
        finally:
            rows = len(args[0].get("entries") or []) if method == "push" else 0
            rows += len(answer.get("rows") or []) if method in ("pull", "rows") else 0
            self._times.append((method, time.perf_counter() - started, rows))

    def push(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self._timed("push", payload)

    def pull(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self._timed("pull", payload)

    def rows(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self._timed("rows", payload)

    def count(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self._timed("count", payload)

    def devices(self) -> dict[str, Any]:
        return self._timed("devices")

    def close(self) -> None:
        self._peer.close()


# -- the server ---------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(
    runtime_url: str, cert: Path, key: Path, log: Path, profile: str | None
) -> tuple[subprocess.Popen, int]:
    """``asuh server run`` in its own process (under cProfile with ``profile``); waits until
    it accepts connections."""
    port = _free_port()
    python = [sys.executable] + (["-m", "cProfile", "-o", profile] if profile else [])
    command = [
        *python, "-m", "desktop_app", "server", "run", "--database-url", runtime_url,
        "--cert", str(cert), "--key", str(key), "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"asuh server run did not start:\n{log.read_text()}") from None
            time.sleep(0.1)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop_server(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)  # uvicorn shuts down cleanly; cProfile writes its file
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# -- laptops ------------------------------------------------------------------------------------
def enrol_laptop(
    owner: Database, base_url: str, fingerprint: str, template: Path, path: Path, name: str
) -> tuple[Database, SimpleNamespace]:
    """A laptop file copied from ``template``, enrolled as the district Admin would."""
    with owner.sessions() as session:
        made = enrol_device(session, name=name, kecamatan_ids=[], posyandu_ids=[])
        session.commit()
    key = new_device_key()
    with ServerClient(base_url, fingerprint=fingerprint) as client:
        client.enrol(code=made.code, key=key)
    device_id = str(made.device_id)
    shutil.copyfile(template, path)
    laptop = open_database(sqlite_url(path))
    with laptop.sessions() as session:
        update_settings(session, device_id=device_id)
        session.commit()
    laptop.sessions.configure(info={"device_id": device_id})
    identity = SimpleNamespace(
        server=base_url, fingerprint=fingerprint, device_id=device_id, key=key
    )
    return laptop, identity


def add_area(laptop: Database) -> dict[str, uuid.UUID]:
    with laptop.sessions() as session:
        kec = Kecamatan(name="Tanjungpandan")
        desa = Desa(kecamatan=kec, name="Desa Air Saga")
        pos = Posyandu(desa=desa, name="Posyandu Melati")
        session.add_all([kec, desa, pos])
        session.commit()
        return {"desa": desa.id, "posyandu": pos.id}


def record_rows(
    laptop: Database, device_id: str, number: int, rows: int, area: dict[str, uuid.UUID]
) -> None:
    """``rows`` new rows offline: a fifth children (valid identity numbers, consent), the rest
    their visits, spread evenly. Core inserts: the change triggers record them as local."""
    now = utcnow()
    stamp = {"created_at": now, "updated_at": now, "device_id": device_id}
    birth = date(2023, 1, 1) + timedelta(days=number % 700)  # NIKs differ between laptops
    children = max(1, rows // 5)
    child_rows = [
        {
            "id": uuid.uuid4(), "name": f"Anak {number}-{i}", "sex": "LP"[i % 2],
            "nik": make_nik(region=REGION, birth_date=birth, sex="LP"[i % 2],
                            sequence=i % 9999 + 1),
            "no_kk": make_no_kk(region=REGION, issued_on=date(2020, 1, 2),
                                sequence=i % 9999 + 1),
            "birth_date": birth, "desa_id": area["desa"], "posyandu_id": area["posyandu"],
            "risk_factors": ["jamban"], "enrolment_status": "berisiko",
            "enrolled_on": date(2025, 1, 6), "has_kia_book": True,
            "consent_date": date(2025, 1, 6), "consent_by": "Siti", "search_text": "", **stamp,
        }
        for i in range(children)
    ]  # fmt: skip
    visit_rows = [
        {
            "id": uuid.uuid4(), "child_id": child_rows[i % children]["id"],
            "visit_date": date(2025, 2, 1) + timedelta(days=30 * (i // children % 12)),
            "place": "rumah", "weight_kg": 9.8, "lenhei_cm": 80.2, "measure": "l",
            "oedema": False, "topics": ["asi_mpasi"], "help_given": [], **stamp,
        }
        for i in range(rows - children)
    ]  # fmt: skip
    with laptop.engine.begin() as conn:
        conn.execute(insert(Child), child_rows)
        if visit_rows:
            conn.execute(insert(Visit), visit_rows)


def edit_rows(
    laptop: Database, device_id: str, number: int, rows: int, area: dict[str, uuid.UUID]
) -> None:
    """``rows`` changed rows: notes on children and visits the laptop holds (a fifth
    children), topped up with new rows when it holds too few."""
    stamp = {"updated_at": utcnow(), "device_id": device_id}
    edited = 0
    with laptop.engine.begin() as conn:
        for table, share in ((Child, rows // 5), (Visit, rows)):
            ids = conn.scalars(
                select(table.id).order_by(table.id).limit(min(share, rows - edited))
            ).all()
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                conn.execute(
                    update(table)
                    .where(table.id.in_(chunk))
                    .values(notes="pendataan ulang", **stamp)
                )
            edited += len(ids)
    if edited < rows:
        record_rows(laptop, device_id, number, rows - edited, area)


def snapshot(engine) -> dict[str, list[dict]]:
    """Every synced table's rows by id, ``search_text`` aside (as tests/sync/conftest.py)."""
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


# -- rounds -------------------------------------------------------------------------------------
def concurrent_round(
    laptops: list[Database], peers: Callable[[int], TimedPeer]
) -> tuple[list[SyncSummary], float]:
    """Every laptop syncs at once, one thread each; (summaries, wall seconds)."""
    summaries: list[SyncSummary | None] = [None] * len(laptops)
    errors: list[BaseException] = []
    start = threading.Barrier(len(laptops) + 1)

    def run(k: int) -> None:
        peer = peers(k)
        start.wait()
        try:
            summaries[k] = sync_with_server(laptops[k].sessions, peer=peer)
        except BaseException as error:  # reported below, the other threads go on
            errors.append(error)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(len(laptops))]
    for thread in threads:
        thread.start()
    start.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if errors:
        raise SystemExit(f"{len(errors)} laptops failed to sync; first: {errors[0]!r}")
    return [s for s in summaries if s is not None], seconds


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def latency_line(times: list[tuple[str, float, int]]) -> str:
    every = [seconds for _method, seconds, _rows in times]
    by_method = {}
    for method in ("push", "pull", "rows", "count", "devices"):
        own = [seconds for name, seconds, _rows in times if name == method]
        if own:
            by_method[method] = f"{method} {len(own)} x p95 {percentile(own, 0.95) * 1000:.0f}"
    return (
        f"{len(every)} requests, p50 {percentile(every, 0.5) * 1000:.0f} ms, "
        f"p95 {percentile(every, 0.95) * 1000:.0f} ms, max {max(every) * 1000:.0f} ms "
        f"({'; '.join(by_method.values())} ms)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--laptops", type=int, default=50)
    parser.add_argument("--rows", type=int, default=1000, help="changed rows per laptop")
    parser.add_argument("--single", type=int, default=10_000, help="rows of the one-laptop sync")
    parser.add_argument("--server", default=os.environ.get("ASUH_TEST_PG_URL", DEFAULT_SERVER))
    parser.add_argument("--profile-server", metavar="FILE.prof", help="cProfile the server")
    args = parser.parse_args()

    admin = create_engine(args.server, isolation_level="AUTOCOMMIT")
    name = f"asuh_bench_{uuid.uuid4().hex[:10]}"
    role = f"{name}_rt"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    owner_url = make_url(args.server).set(database=name).render_as_string(hide_password=False)
    workdir = Path(tempfile.mkdtemp(prefix="asuh-bench-server-"))
    laptops: list[Database] = []
    owner: Database | None = None
    process: subprocess.Popen | None = None
    try:
        started = time.perf_counter()
        runtime_url = init_server_database(owner_url, runtime_role=role).runtime_url
        made = generate_certificate("127.0.0.1", workdir / "tls")
        process, port = start_server(
            runtime_url, made.cert_path, made.key_path, workdir / "server.log",
            args.profile_server,
        )  # fmt: skip
        base_url = f"https://127.0.0.1:{port}"
        owner = open_database(owner_url)
        template = workdir / "template.sqlite3"
        open_database(sqlite_url(template)).dispose()
        identities = []
        for k in range(args.laptops):
            laptop, identity = enrol_laptop(
                owner, base_url, made.fingerprint, template,
                workdir / f"laptop-{k}.sqlite3", f"Laptop {k}",
            )  # fmt: skip
            laptops.append(laptop)
            identities.append(identity)
        area = add_area(laptops[0])
        sync_with_server(laptops[0].sessions, peer=ServerPeer(identities[0]))
        times: list[tuple[str, float, int]] = []

        def peer(k: int) -> TimedPeer:
            return TimedPeer(ServerPeer(identities[k]), times)

        concurrent_round(laptops, peer)  # everyone pulls the shared area
        print(
            f"set-up: server database, {args.laptops} laptops enrolled, area pulled by all "
            f"({time.perf_counter() - started:.1f} s)"
        )
        for k, laptop in enumerate(laptops):
            record_rows(laptop, identities[k].device_id, k, args.rows, area)

        times.clear()
        server_cpu = cpu_seconds(process.pid)
        summaries, seconds = concurrent_round(laptops, peer)
        server_cpu = cpu_seconds(process.pid) - server_cpu
        pushed = sum(s.pushed for s in summaries)
        pulled = sum(s.pulled for s in summaries)
        refused = sum(s.refused for s in summaries)
        round_times = list(times)
        times.clear()
        catch_up, catch_up_s = concurrent_round(laptops, peer)
        caught = sum(s.pulled for s in catch_up)
        refused += sum(s.refused for s in catch_up)

        expected = snapshot(owner.engine)
        different = [k for k, lap in enumerate(laptops) if snapshot(lap.engine) != expected]
        server_rows = sum(len(rows) for rows in expected.values())
        rows_in = {n: len(rows) for n, rows in expected.items() if n in ("children", "visits")}

        single = laptops[0]
        edit_rows(single, identities[0].device_id, args.laptops, args.single, area)
        times.clear()
        clock = time.perf_counter()
        alone = sync_with_server(single.sessions, peer=peer(0))
        alone_s = time.perf_counter() - clock
        alone_times = list(times)

        print()
        print(f"| {args.laptops} laptops x {args.rows:,} changed rows, concurrently | figure |")
        print("|---|---|")
        print(f"| push + pull, all at once: wall time | {seconds:.1f} s |")
        print(f"| rows pushed / pulled (changed on the laptop) | {pushed:,} / {pulled:,} |")
        print(f"| throughput, pushed rows | {pushed / seconds:,.0f} rows/s |")
        print(f"| throughput, rows pushed + pulled | {(pushed + pulled) / seconds:,.0f} rows/s |")
        carried = sum(rows for _method, _seconds, rows in round_times)
        print(
            f"| rows the server took and served (pushed entries + pulled pages, echoes "
            f"included) | {carried:,} ({carried / seconds:,.0f} rows/s) |"
        )
        print(
            f"| server process CPU (`asuh server run`; PostgreSQL and the {args.laptops} "
            f"laptops' threads share the rest) | {server_cpu:.1f} s ({server_cpu / seconds:.0%}) |"
        )
        print(f"| request latency | {latency_line(round_times)} |")
        print(f"| catch-up round (all at once) | {catch_up_s:.1f} s, {caught:,} rows pulled |")
        print(f"| refused by the server | {refused} |")
        verdict = "yes" if not different else f"NO: laptops {different}"
        print(
            f"| all laptops identical to the server | {verdict} ({server_rows:,} rows; "
            f"{rows_in.get('children', 0):,} children, {rows_in.get('visits', 0):,} visits) |"
        )
        goal = "met" if alone_s < SINGLE_GOAL_S else "MISSED"
        print(
            f"| one laptop, {args.single:,} changed rows: pushed {alone.pushed:,}, pulled "
            f"{alone.pulled:,} | {alone_s:.2f} s (goal < {SINGLE_GOAL_S:.0f} s: {goal}; "
            f"{latency_line(alone_times)}) |"
        )
        return 1 if different or refused or alone.refused else 0
    finally:
        for laptop in laptops:
            laptop.dispose()
        if owner is not None:
            owner.dispose()
        if process is not None:
            stop_server(process)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
