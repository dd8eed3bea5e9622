"""Start-up time: process start -> first window, and Enter -> Beranda populated, against bare Qt.

Builds (once, cached in bench/out/) a demo database with 10,000 children and an Admin account,
then runs each command N times with QT_QPA_PLATFORM=offscreen, interleaved, and prints a table of
medians:

  (a) bare:   python -c "QApplication + QMainWindow with a QTableWidget, show, processEvents"
  (b) asuh:   bench/startup_probe.py runs the real ``run_gui`` (what ``asuh --db FILE`` runs)
              and plays a person: it notes when the login dialog is first painted (the first
              window, ready for typing; goal <= 2x bare), types for ``--typing-ms`` (1.5 s: a
              quick typist's name and password), presses "Masuk" and notes the time until
              Beranda is populated. The database opens behind the dialog while they type.
  (c) asuh, typed instantly (0 ms): the same, the worst case: nothing could load while typing.
  (d) the headless automation start (``ASUH_LOGIN_USER``/``ASUH_LOGIN_PASSWORD``, no dialog):
      process start -> Beranda populated.

Login is mandatory and Argon2 makes the password check cost ~0.2 s on purpose; the table shows
that cost on its own too. Every run opens a private copy of the database (start-up may migrate,
back up or analyse it). ``--queries`` also times Beranda's read (``home_summary`` and its
parts), which runs on the DB worker thread.

Measured 1-2 December 2026 (2 cores, 5, 9 and 7 runs): bare 146-188 ms, login window 259-331 ms
(1.71x, 1.76x, 1.78x), Enter -> Beranda 289-357 ms after 1.5 s of typing, 943-1031 ms typed at
once.

Cached demo files outlive changes to ``desktop_app.demo``: ``--rebuild`` builds a fresh one, or
``--db FILE`` times any file (e.g. one made by ``asuh demo``; a bench account is added to the
private copy).

Usage: .venv/bin/python bench/bench_startup.py [--runs 5] [--children 10000] [--db FILE]
       [--rebuild] [--analyze] [--queries] [--typing-ms 1500]
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


PERSON_MARKERS = ("LOGIN_SHOWN", "LOGIN_SUBMITTED", "ASUH_READY")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_command(
    command: list[str], env: dict[str, str], *markers: str
) -> tuple[dict[str, float], float]:
    """({marker: wall seconds from process start until it was printed}, CPU seconds of the
    whole run). The last marker, not the exit, ends the wall time: after Beranda is populated
    Asuh goes on loading the month's dashboard below the fold, which the user does not wait for.
    """
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    seen: dict[str, float] = {}
    lines = []
    for line in process.stdout:  # type: ignore[union-attr]
        lines.append(line)
        for marker in markers:
            if marker in line and marker not in seen:
                seen[marker] = time.perf_counter() - started
    stderr = process.stderr.read()  # type: ignore[union-attr]
    if process.wait() != 0 or set(seen) != set(markers):
        raise SystemExit(f"{command} failed ({process.returncode}):\n{''.join(lines)}{stderr}")
    return seen, _children_cpu() - cpu_before


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
    from desktop_app.db.engine import make_engine, make_session_factory, sqlite_url
    from desktop_app.home.coverage import coverage
    from desktop_app.home.queries import home_summary
    from desktop_app.settings.opd import opd_summaries

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


BENCH_USER, BENCH_PASSWORD = "bench", "bench-pass-1"


def _prepare_office(db_path: Path) -> None:
    """The copy as an office that uses Asuh daily: an Admin account (the bench signs in with it,
    a real Argon2 check) and the first-run set-up done (no wizard between login and window)."""
    from desktop_app.core.database import open_database
    from desktop_app.core.paths import sqlite_url
    from desktop_app.settings.store import update_settings
    from desktop_app.users.accounts import create_first_admin, has_users

    database = open_database(sqlite_url(db_path))
    with database.sessions() as session:
        if not has_users(session):
            create_first_admin(
                session, username=BENCH_USER, full_name="Bench", password=BENCH_PASSWORD
            )
        update_settings(session, setup_completed=True)
        session.commit()
    database.dispose()


def argon2_check_ms(repeats: int = 5) -> float:
    """Median cost of one password check (Argon2id, deliberately slow against guessing)."""
    from desktop_app.core.passwords import hash_password, verify_password

    stored = hash_password(BENCH_PASSWORD)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        verify_password(stored, BENCH_PASSWORD)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


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
    parser.add_argument(
        "--typing-ms", type=int, default=1500, help="how long the person types (default 1500)"
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
        _prepare_office(db_path)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ASUH_DATA_DIR": data_dir}
        asuh_env = {**env, "ASUH_EXIT_AFTER_SHOWN": "1"}
        probe = [sys.executable, str(ROOT / "bench" / "startup_probe.py"), str(db_path),
                 BENCH_USER, BENCH_PASSWORD]  # fmt: skip
        commands = {
            "bare": ([sys.executable, "-c", BARE], env, ("BARE_READY",)),
            "typed": ([*probe, f"--typing-ms={args.typing_ms}"], asuh_env, PERSON_MARKERS),
            "instant": ([*probe, "--typing-ms=0"], asuh_env, PERSON_MARKERS),
            "headless": (
                [sys.executable, "-m", "desktop_app.cli", "--db", str(db_path)],
                {**asuh_env, "ASUH_LOGIN_USER": BENCH_USER, "ASUH_LOGIN_PASSWORD": BENCH_PASSWORD},
                ("ASUH_READY",),
            ),
        }
        for command, run_env, markers in commands.values():  # warm the OS file cache once
            time_command(command, run_env, *markers)
        runs: dict[str, list[tuple[dict[str, float], float]]] = {key: [] for key in commands}
        for _ in range(args.runs):  # interleaved so drift affects all alike
            for key, (command, run_env, markers) in commands.items():
                runs[key].append(time_command(command, run_env, *markers))
        queries = time_home_queries(db_path) if args.queries else []
    argon2_ms = argon2_check_ms()

    def median_ms(key: str, end: str, start: str | None = None) -> tuple[float, float, float]:
        spans = [(m[end] - (m[start] if start else 0.0)) * 1000 for m, _ in runs[key]]
        return statistics.median(spans), min(spans), max(spans)

    label_db = source.name if args.db is not None else f"{args.children:,} children"
    typing = f"{args.typing_ms / 1000:.1f} s".replace(".", ",")
    bare = median_ms("bare", "BARE_READY")
    first = median_ms("typed", "LOGIN_SHOWN")
    after_enter = ("ASUH_READY", "LOGIN_SUBMITTED")
    rows = [
        ("bare PySide6 window shown", bare),
        (f"Asuh ({label_db}): login window shown", first),
        (f"  Enter -> Beranda populated, typing {typing}", median_ms("typed", *after_enter)),
        ("  Enter -> Beranda populated, typed at once", median_ms("instant", *after_enter)),
        ("  process start -> Beranda, typed at once", median_ms("instant", "ASUH_READY")),
        ("  headless login (no dialog) -> Beranda", median_ms("headless", "ASUH_READY")),
        ("  of which Argon2 password check", (argon2_ms, argon2_ms, argon2_ms)),
    ]  # fmt: skip
    label = " (after ANALYZE)" if args.analyze else ""
    print(f"\nstart-up, {args.runs} runs each, wall time{label}")
    print(f"{'what':<46} {'median':>9} {'min':>6} {'max':>6}")
    for name, (median, low, high) in rows:
        print(f"{name:<46} {median:>6.0f} ms {low:>6.0f} {high:>6.0f}")
    ratio = first[0] / bare[0]
    verdict = "OK" if ratio <= 2.0 else "TOO SLOW"
    print(f"ratio first window / bare window: {ratio:.2f} (goal <= 2.00, {verdict})")
    cpu = {key: statistics.median(c for _, c in values) * 1000 for key, values in runs.items()}
    print("CPU per run (median): " + ", ".join(f"{k} {v:.0f} ms" for k, v in cpu.items()))
    if queries:
        print(f"\nBeranda's read (worker thread), {source.name}")
        print(f"{'query':<28} {'first call':>11} {'best later':>11}")
        for name, first_call, best in queries:
            print(f"{name:<28} {first_call:>8.1f} ms {best:>8.1f} ms")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
