"""Start-up time: process start -> main window shown and populated, against a bare PySide6 window.

Builds (once, cached in bench/out/) a demo database with 10,000 children, then runs each command
N times with QT_QPA_PLATFORM=offscreen and prints a table of medians and the ratio (goal <= 2.0):

  (a) bare:  python -c "QApplication + QMainWindow with a QTableWidget, show, processEvents"
  (b) asuh:  python -m desktop_app.cli --db FILE, with ASUH_EXIT_AFTER_SHOWN=1 (quits once
             Beranda is populated, printing ASUH_READY)

Usage: .venv/bin/python bench/bench_startup.py [--runs 5] [--children 10000]
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

from _demo_db import demo_database_path

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
    """(wall seconds, CPU seconds) of one run; CPU time is less disturbed by a busy machine."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or marker not in result.stdout:
        raise SystemExit(f"{command} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return elapsed, _children_cpu() - cpu_before


def analyzed_copy(path: Path) -> Path:
    """A copy of ``path`` with SQLite's planner statistics (``ANALYZE``), built once."""
    target = path.with_name(path.stem + "-analyzed.sqlite3")
    if not target.exists():
        shutil.copyfile(path, target)
        with sqlite3.connect(target) as connection:
            connection.execute("ANALYZE")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument(
        "--analyze", action="store_true", help="time a copy on which SQLite ANALYZE has run"
    )
    args = parser.parse_args()

    db_path = demo_database_path(args.children)
    if args.analyze:
        db_path = analyzed_copy(db_path)
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ASUH_DATA_DIR": data_dir}
        asuh_env = {**env, "ASUH_EXIT_AFTER_SHOWN": "1"}
        bare_cmd = [sys.executable, "-c", BARE]
        asuh_cmd = [sys.executable, "-m", "desktop_app.cli", "--db", str(db_path)]
        time_command(bare_cmd, env, "BARE_READY")  # warm the OS file cache once
        time_command(asuh_cmd, asuh_env, "ASUH_READY")
        bare, asuh = [], []
        for _ in range(args.runs):  # interleaved so drift affects both alike
            bare.append(time_command(bare_cmd, env, "BARE_READY"))
            asuh.append(time_command(asuh_cmd, asuh_env, "ASUH_READY"))

    rows = [("bare PySide6 window", bare), (f"asuh, {args.children:,} children", asuh)]
    label = " (after ANALYZE)" if args.analyze else ""
    print(f"\nstart-up, {args.runs} runs each (process start -> exit){label}")
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
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
