"""Start-up time: process start -> main window shown and populated, against a bare PySide6 window.

Builds (once, cached in bench/out/) a demo database with 10,000 children, then runs each command
N times with QT_QPA_PLATFORM=offscreen and prints a table of medians and the ratio (goal <= 2.0):

  (a) bare:  python -c "QApplication + QMainWindow with a QTableWidget, show, processEvents"
  (b) asuh:  python bench/startup_probe.py FILE: the start path of `asuh --db FILE` (lock, open
             and migrate, main window, Beranda populated, printing ASUH_READY) without the login
             dialog, which waits for a person (checking a password costs ~0.2 s by design)

Every run opens a private copy of the database (start-up may migrate, back up or analyse it).
``--queries`` also times Beranda's read (``home_summary`` and its parts), which runs on the DB
worker thread and so never shows in a cProfile of the main thread.

Cached demo files outlive changes to ``desktop_app.demo``: ``--rebuild`` builds a fresh one, or
``--db FILE`` times any file (e.g. one made by ``asuh demo``).

Usage: .venv/bin/python bench/bench_startup.py [--runs 5] [--children 10000] [--db FILE]
       [--rebuild] [--analyze] [--queries]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _demo_db import OUT, demo_database_path

ROOT = Path(__file__).resolve().parent.parent

BARE = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget\n"
    "app = QApplication(sys.argv)\n"
    "w = QMainWindow(); w.setCentralWidget(QTableWidget(50, 8)); w.resize(1280, 800); w.show()\n"
    "app.processEvents()\n"
    "print('BARE_READY', flush=True)\n"
    "app.quit()\n"
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_command(command: list[str], env: dict[str, str], marker: str) -> tuple[float, float]:
    """(wall seconds from process start until ``marker`` is printed, CPU seconds of the whole
    run). The marker, not the exit, ends the wall time: after Beranda is populated Asuh goes on
    loading the month's dashboard below the fold, which the user does not wait for."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    elapsed = None
    lines = []
    for line in process.stdout:  # type: ignore[union-attr]
        lines.append(line)
        if marker in line and elapsed is None:
            elapsed = time.perf_counter() - started
    stderr = process.stderr.read()  # type: ignore[union-attr]
    if process.wait() != 0 or elapsed is None:
        raise SystemExit(f"{command} failed ({process.returncode}):\n{''.join(lines)}{stderr}")
    return elapsed, _children_cpu() - cpu_before


def demo_database_path_if_cached(children: int, seed: int = 2026) -> Path | None:
    """The cached demo file ``demo_database_path`` would return, if it exists."""
    path = OUT / f"demo-{children}-{seed}.sqlite3"
    return path if path.exists() else None


def analyzed_copy(path: Path) -> Path:
    """A copy of ``path`` with SQLite's planner statistics (``ANALYZE``), built once."""
    target = path.with_name(path.stem + "-analyzed.sqlite3")
    if not target.exists():
        shutil.copyfile(path, target)
        with sqlite3.connect(target) as connection:
            connection.execute("ANALYZE")
    return target


def time_home_queries(db_path: Path, repeats: int = 3) -> list[tuple[str, float, float]]:
    """(name, first call ms, best later call ms) of Beranda's read and its parts.

    The first call pays statement compilation and a cold page cache, as start-up does.
    """
    from desktop_app.coverage import coverage
    from desktop_app.db.engine import make_engine, make_session_factory, sqlite_url
    from desktop_app.listing.home import home_summary
    from desktop_app.opd import opd_summaries

    engine = make_engine(sqlite_url(db_path))
    sessions = make_session_factory(engine)
    results = []
    for name, fn in (
        ("home_summary", home_summary),
        ("  opd_summaries", opd_summaries),
        ("  coverage", coverage),
    ):
        times = []
        for _ in range(1 + repeats):
            with sessions() as session:
                started = time.perf_counter()
                fn(session)
                times.append((time.perf_counter() - started) * 1000)
        results.append((name, times[0], min(times[1:])))
    engine.dispose()
    return results


def _benchmark_account(db_path: Path) -> dict[str, str]:
    """An Admin in the benchmark copy, signed in headless through ASUH_LOGIN_* (a real login)."""
    from desktop_app.db.database import open_database
    from desktop_app.db.engine import sqlite_url
    from desktop_app.users import create_first_admin, has_users

    database = open_database(sqlite_url(db_path))
    with database.sessions() as session:
        if not has_users(session):
            create_first_admin(
                session, username="bench", full_name="Bench", password="bench-pass-1"
            )
            session.commit()
    database.dispose()
    return {"ASUH_LOGIN_USER": "bench", "ASUH_LOGIN_PASSWORD": "bench-pass-1"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument(
        "--analyze", action="store_true", help="time a copy on which SQLite ANALYZE has run"
    )
    parser.add_argument("--db", type=Path, help="time this database file (never modified)")
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild the cached demo database first"
    )
    parser.add_argument(
        "--queries", action="store_true", help="also time Beranda's read (worker thread)"
    )
    args = parser.parse_args()

    if args.db is not None:
        source = args.db
    else:
        if args.rebuild:
            stale = demo_database_path_if_cached(args.children)
            if stale is not None:
                stale.unlink()
                stale.with_name(stale.stem + "-analyzed.sqlite3").unlink(missing_ok=True)
        source = demo_database_path(args.children)
    if args.analyze:
        source = analyzed_copy(source)
    with tempfile.TemporaryDirectory() as data_dir:
        db_path = Path(data_dir) / "bench.sqlite3"
        shutil.copyfile(source, db_path)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ASUH_DATA_DIR": data_dir}
        asuh_env = env
        bare_cmd = [sys.executable, "-c", BARE]
        asuh_cmd = [sys.executable, str(ROOT / "bench" / "startup_probe.py"), str(db_path)]
        # The real `asuh` start path, login included (Argon2 checks the password on purpose).
        login_env = {**env, **_benchmark_account(db_path), "ASUH_EXIT_AFTER_SHOWN": "1"}
        login_cmd = [sys.executable, "-m", "desktop_app.cli", "--db", str(db_path)]
        time_command(bare_cmd, env, "BARE_READY")  # warm the OS file cache once
        time_command(asuh_cmd, asuh_env, "ASUH_READY")
        bare, asuh, with_login = [], [], []
        for _ in range(args.runs):  # interleaved so drift affects both alike
            bare.append(time_command(bare_cmd, env, "BARE_READY"))
            asuh.append(time_command(asuh_cmd, asuh_env, "ASUH_READY"))
            with_login.append(time_command(login_cmd, login_env, "ASUH_READY"))

        queries = time_home_queries(db_path) if args.queries else []

    label_db = source.name if args.db is not None else f"{args.children:,} children"
    rows = [
        ("bare PySide6 window", bare),
        (f"asuh, {label_db}", asuh),
        ("  same, with the login check", with_login),
    ]
    label = " (after ANALYZE)" if args.analyze else ""
    print(f"\nstart-up, {args.runs} runs each (process start -> marker printed){label}")
    print(f"{'command':<28} {'wall median':>11} {'min':>6} {'max':>6} {'CPU median':>11}")
    for name, runs in rows:
        wall = [w * 1000 for w, _ in runs]
        cpu = [c * 1000 for _, c in runs]
        print(
            f"{name:<28} {statistics.median(wall):>8.0f} ms {min(wall):>6.0f} {max(wall):>6.0f}"
            f" {statistics.median(cpu):>8.0f} ms"
        )
    wall_ratio = statistics.median(w for w, _ in asuh) / statistics.median(w for w, _ in bare)
    cpu_ratio = statistics.median(c for _, c in asuh) / statistics.median(c for _, c in bare)
    verdict = "OK" if wall_ratio <= 2.0 else "TOO SLOW"
    print(
        f"ratio asuh / bare: wall {wall_ratio:.2f} (goal <= 2.00, {verdict}), CPU {cpu_ratio:.2f}"
    )
    if queries:
        print(f"\nBeranda's read (worker thread), {source.name}")
        print(f"{'query':<28} {'first call':>11} {'best later':>11}")
        for name, first, best in queries:
            print(f"{name:<28} {first:>8.1f} ms {best:>8.1f} ms")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
