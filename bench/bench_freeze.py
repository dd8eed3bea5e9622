"""Does any common action freeze the window? The GUI thread's longest block per action (<100 ms).

Runs the real window (threaded runner, as in use) offscreen on a demo database and, for each
action, measures with a 10 ms heartbeat (``desktop_app.ui.common.heartbeat``) how long the event
loop could not run: the action itself plus the arrival of its results. Each section is measured
on its first opening (page built, modules imported) and again on a later opening.

Usage: .venv/bin/python bench/bench_freeze.py [--children 2000] [--db FILE]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
GOAL_MS = 100


def demo_file(children: int) -> Path:
    path = OUT / f"freeze-demo-{children}.sqlite3"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "desktop_app", "demo", "--children", str(children),
             "--db", str(path)],
            cwd=ROOT, check=True, capture_output=True,
            env={**os.environ, "ASUH_USER": "bench", "ASUH_PASSWORD": "bench-pass-1"},
        )  # fmt: skip
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=2000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    source = args.db or demo_file(args.children)
    work = Path(tempfile.mkdtemp()) / "freeze.sqlite3"
    shutil.copyfile(source, work)
    os.environ["ASUH_DATA_DIR"] = str(work.parent)
    with sqlite3.connect(work) as conn:
        child_id = uuid.UUID(conn.execute("SELECT id FROM children LIMIT 1").fetchone()[0])

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop_app.core.database import open_database
    from desktop_app.core.paths import sqlite_url
    from desktop_app.ui.app import make_application, open_main_window
    from desktop_app.ui.common.heartbeat import EventLoopWatch, measure_block, run_event_loop
    from desktop_app.ui.ops import OperationRunner

    app = make_application()
    database = open_database(sqlite_url(work))
    runner = OperationRunner(database.sessions)
    window = open_main_window(database, runner, role=None)
    window.show()
    run_event_loop(800)  # Beranda populates
    watch = EventLoopWatch()
    watch.start()
    results: list[tuple[str, float]] = []

    def measure(label: str, action, settle_ms: int = 700) -> None:
        results.append((label, measure_block(watch, action, settle_ms=settle_ms)))

    for round_name in ("pertama", "kedua"):
        for section in window.sections:
            measure(f"buka {section.title} ({round_name})",
                    lambda key=section.key: window.show_section(key))  # fmt: skip
    window.show_section("children")
    search = window.current_page().list_page.search_box
    measure("ketik pencarian 'sit'", lambda: QTest.keyClicks(search, "sit"), settle_ms=1200)
    measure("hapus pencarian", lambda: search.clear(), settle_ms=1200)
    measure("buka halaman anak", lambda: window.open_child(child_id), settle_ms=1500)
    measure("kembali ke daftar anak", lambda: window.current_page().show_list())
    measure("Ctrl+K catat kunjungan", lambda: QTest.keyClick(
        window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier), settle_ms=1200)  # fmt: skip
    measure("F1 Tentang", lambda: QTest.keyClick(window, Qt.Key.Key_F1))

    watch.stop()
    runner.wait_idle(10_000)
    database.dispose()
    width = max(len(label) for label, _ms in results)
    print(f"{'aksi':<{width}}  blok terlama (ms)")
    for label, ms in results:
        flag = "" if ms < GOAL_MS else "  <-- > 100 ms"
        print(f"{label:<{width}}  {ms:8.0f}{flag}")
    worst = max(ms for _label, ms in results)
    print(f"\nterburuk: {worst:.0f} ms (sasaran < {GOAL_MS} ms)")
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
