"""Recompute every stored visit's WHO z-scores from the database (growth-assessment goal:
1,000,000 stored measurements in under 5 s).

Works on a copy of a demo database with ~1,000,000 visits (100,000 children; built once by
desktop_app.demo and cached in bench/out/, or given with --db). Times three runs inside one
transaction that is rolled back: (1) nothing stale, (2) every zlen made stale first, so all
rows are rewritten. Prints a table.

Usage: .venv/bin/python bench/bench_recompute.py [--db PATH]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import _bench_key  # noqa: F401  (files are encrypted: the benchmark data key)
from sqlalchemy import func, select, update

from desktop_app.core.database import open_database
from desktop_app.core.paths import sqlite_url
from desktop_app.db.models import Visit
from desktop_app.visits.assessment import recompute_visit_assessments


def _source(args: argparse.Namespace) -> Path:
    if args.db:
        return Path(args.db)
    from _demo_db import demo_database_path

    return demo_database_path(100_000, 2026)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="demo database with ~1,000,000 visits (copied, not changed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "recompute.sqlite3"
        shutil.copyfile(_source(args), copy)
        database = open_database(sqlite_url(copy))
        rows = []
        with database.sessions() as session:
            visits = session.scalar(select(func.count()).select_from(Visit))
            started = time.perf_counter()
            summary = recompute_visit_assessments(session)
            rows.append(("nothing stale", summary.visits, summary.changed,
                         time.perf_counter() - started))  # fmt: skip
            session.execute(update(Visit).values(zlen=99.0))
            started = time.perf_counter()
            summary = recompute_visit_assessments(session)
            rows.append(("every row stale (all rewritten)", summary.visits, summary.changed,
                         time.perf_counter() - started))  # fmt: skip
            session.rollback()
        database.dispose()
    print(f"Stored visits: {visits:,}")
    print(f"{'run':34} {'visits':>10} {'changed':>10} {'seconds':>8} {'rows/s':>12}")
    for label, count, changed, seconds in rows:
        print(f"{label:34} {count:>10,} {changed:>10,} {seconds:>8.2f} {count / seconds:>12,.0f}")
    print("goal: 1,000,000 stored measurements recomputed in < 5 s")


if __name__ == "__main__":
    main()
