"""Time backup, integrity check, restore and raw export on a province-sized database.

    .venv/bin/python bench/bench_backup.py [DB] [--export]

DB defaults to /tmp/demo100k.sqlite3 (made by the demo engineer's ``asuh demo --children
100000``); when it does not exist a synthetic one is written to /tmp/bench-backup-100k.sqlite3:
100,000 children with 3 visits each, inserted with plain SQL (no audit rows, no z-scores).
Work happens on copies in a temp folder; the input file is never modified.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.backup.backup import make_backup
from desktop_app.backup.integrity import check_file_integrity
from desktop_app.backup.restore import restore_backup
from desktop_app.core.database import open_database
from desktop_app.core.paths import sqlite_url

DEMO = Path("/tmp/demo100k.sqlite3")
SYNTHETIC = Path("/tmp/bench-backup-100k.sqlite3")


def synthetic_database(path: Path, children: int = 100_000) -> Path:
    if path.exists():
        return path
    open_database(sqlite_url(path)).dispose()
    conn = sqlite3.connect(path)
    stamp = "2026-11-01 08:00:00.000000"
    child_rows, visit_rows = [], []
    for n in range(children):
        child = uuid.uuid4().hex
        birth = date(2021, 12, 1) + timedelta(days=n % 1700)
        child_rows.append(
            (child, stamp, stamp, f"{3271000000000000 + n}", f"Anak Nomor {n}", "LP"[n % 2],
             birth.isoformat(), "berisiko", "2025-01-01", "[]", 1, f"anak nomor {n}")
        )  # fmt: skip
        for k in range(3):
            visit_rows.append(
                (uuid.uuid4().hex, stamp, stamp, child, f"2025-0{k + 1}-10", "rumah",
                 8.0 + k * 0.3, 75.0 + k, "h", 0, -2.1 + k * 0.1, "[]", "[]")
            )  # fmt: skip
    with conn:
        conn.executemany(
            "INSERT INTO children (id, created_at, updated_at, nik, name, sex, birth_date, "
            "enrolment_status, enrolled_on, risk_factors, has_kia_book, search_text) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            child_rows,
        )
        conn.executemany(
            "INSERT INTO visits (id, created_at, updated_at, child_id, visit_date, place, "
            "weight_kg, lenhei_cm, measure, oedema, zlen, topics, help_given) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            visit_rows,
        )
    conn.close()
    return path


def timed(label: str, fn):
    started = time.perf_counter()
    result = fn()
    print(f"{label:<38} {time.perf_counter() - started:6.2f} s")
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", nargs="?", type=Path)
    parser.add_argument("--export", action="store_true", help="also time the raw-data export")
    args = parser.parse_args()
    source = args.db or (DEMO if DEMO.exists() else synthetic_database(SYNTHETIC))
    work = Path(tempfile.mkdtemp(prefix="asuh-bench-"))
    live = work / "asuh.sqlite3"
    shutil.copyfile(source, live)
    database = timed("open (+ migrate if needed)", lambda: open_database(sqlite_url(live)))
    with sqlite3.connect(live) as conn:
        counts = [conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("children", "visits")]  # fmt: skip
    size_mb = live.stat().st_size / 1e6
    print(f"source {source} ({size_mb:.0f} MB, {counts[0]:,} children, {counts[1]:,} visits)")
    timed("integrity check (start-up)", lambda: check_file_integrity(live))
    backup = timed("backup incl. its integrity check", lambda: make_backup(
        database, folder=work / "cadangan", kind="daily"))  # fmt: skip
    print(f"  backup file {backup.size_bytes / 1e6:.0f} MB")
    if args.export:
        from desktop_app.export.raw import export_raw_tables

        with database.sessions() as session:
            result = timed(
                "raw export (xlsx, all tables)",
                lambda: export_raw_tables(session, folder=work / "ekspor"),
            )
        print(f"  {result.path.stat().st_size / 1e6:.0f} MB, rows {result.rows}")
    database.dispose()
    timed("restore incl. checks", lambda: restore_backup(backup.path, target_db_path=live))
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
