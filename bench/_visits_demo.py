"""The 100,000-child demo database for the visit/aid benchmarks, opened without migrating.

Uses ``/tmp/demo100k.sqlite3`` (``desktop_app.demo.fill_demo_database``; built on first use,
about 5 minutes) through a private copy in ``bench/out/`` (gitignored), so the benchmarks never
write to it.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import _bench_key  # noqa: F401  (files are encrypted: the benchmark data key)
from _demo_db import build_demo_file

OUT = Path(__file__).resolve().parent / "out"
SOURCE = Path("/tmp/demo100k.sqlite3")
sys.path.insert(0, str(OUT.parent.parent))  # run from a checkout without installing


def demo_copy(name: str, *, fresh: bool = False, source: Path = SOURCE) -> Path:
    """A copy of ``source`` in bench/out/ (made again when ``fresh``); ``source`` is built with
    100,000 demo children first when it is missing."""
    build_demo_file(source, children=100_000)
    OUT.mkdir(exist_ok=True)
    path = OUT / name
    if fresh or not path.exists():
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source, path)
    return path


def sessions_for(path: Path):
    """The app's engine (WAL, pragmas) and session factory with the audit hook, no migration."""
    from desktop_app.db.audit_hook import install_audit_hook
    from desktop_app.db.engine import make_engine, make_session_factory, sqlite_url

    factory = make_session_factory(make_engine(sqlite_url(path)))
    install_audit_hook(factory)
    return factory
