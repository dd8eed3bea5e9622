"""A cached demo database for the benchmarks (``bench/out/``, gitignored)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
sys.path.insert(0, str(OUT.parent.parent))  # run from a checkout without installing

import _bench_key  # noqa: E402, F401  (files are encrypted: the benchmark data key)


def demo_database_path(children: int, seed: int = 2026, *, folder: Path = OUT) -> Path:
    """Path of a migrated demo database with ``children`` children in ``folder``, built on
    first use."""
    folder.mkdir(parents=True, exist_ok=True)
    return build_demo_file(folder / f"demo-{children}-{seed}.sqlite3", children=children, seed=seed)


def build_demo_file(path: Path, *, children: int, seed: int = 2026) -> Path:
    """``path``, filled with ``children`` demo children first unless it exists already.

    Built under a ``.partial`` name and renamed when complete, so an interrupted build is never
    taken for a finished one (100,000 children and ~950,000 visits take about 5 minutes).
    """
    from desktop_app.core.database import open_database
    from desktop_app.core.paths import sqlite_url
    from desktop_app.demo import fill_demo_database

    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    print(f"building {path} ...", flush=True)
    database = open_database(sqlite_url(partial))
    fill_demo_database(database, children=children, seed=seed)
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    partial.rename(path)
    print(f"built in {time.perf_counter() - started:.1f} s", flush=True)
    return path
