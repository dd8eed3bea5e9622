"""Crash safety: SIGKILL a writer at random moments, 100 times, and lose nothing committed.

The same database is reused across all kills so that any damage would accumulate. After each
kill the file must pass ``PRAGMA integrity_check``, every transaction the writer reported as
committed must be there, and no transaction may be there in part (each child row's name carries
the number of visits its transaction inserted). The writers are forked from a pre-imported
process (``crash_writer.py``), so POSIX only.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.core.database import Database
from tests import keyed

KILLS = 100
SEED = 20261123
ZYGOTE = Path(__file__).with_name("crash_writer.py")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="the writers are forked (POSIX only)"),
]


def _committed(output_file: Path) -> dict[str, int]:
    """Complete lines only: a line cut by the kill was not reported."""
    reported = {}
    text = output_file.read_text() if output_file.exists() else ""
    for line in text.splitlines(keepends=True):
        if line.endswith("\n") and len(parts := line.split()) == 2:
            reported[parts[0]] = int(parts[1])
    return reported


def _check(db_path: Path, committed: dict[str, int]) -> int:
    conn = keyed.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute(
            "SELECT c.id, c.name, COUNT(v.id) FROM children c "
            "LEFT JOIN visits v ON v.child_id = c.id GROUP BY c.id"
        ).fetchall()
    finally:
        conn.close()
    stored = {row[0]: row[2] for row in rows}
    missing = set(committed) - set(stored)
    assert not missing, f"{len(missing)} committed children lost"
    assert all(stored[child] == visits for child, visits in committed.items())
    for _id, name, visits in rows:  # all-or-nothing, also for commits not yet reported
        assert name.endswith(f" v{visits}"), (name, visits)
    return len(rows)


def _wait_for_first_commit(output_file: Path, timeout_s: float = 20.0) -> None:
    """Kill only once the writer is writing: the moment then varies within its stream of
    commits, and the test does not depend on how loaded the machine is."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if output_file.exists() and output_file.stat().st_size:
            return
        time.sleep(0.002)
    raise AssertionError("the writer committed nothing")


def test_hundred_random_kills_lose_no_committed_record(database: Database, tmp_path: Path) -> None:
    db_path = database.path
    assert db_path is not None
    database.dispose()
    rng = random.Random(SEED)
    warm_up = tmp_path / "committed-warm-up.txt"
    started = time.perf_counter()
    zygote = subprocess.Popen(
        [sys.executable, str(ZYGOTE), str(db_path), str(warm_up)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert zygote.stdout.readline() == "READY\n"
        committed = _committed(warm_up)
        for kill in range(KILLS):
            output_file = tmp_path / f"committed-{kill}.txt"
            zygote.stdin.write(f"RUN {output_file} {kill}\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            _wait_for_first_commit(output_file)
            time.sleep(rng.uniform(0.0, 0.08))
            os.kill(pid, signal.SIGKILL)
            assert zygote.stdout.readline() == "EXITED\n"
            reported = _committed(output_file)
            assert reported, "a writer reported no commit"
            committed.update(reported)
            _check(db_path, committed)
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=10)
    stored = _check(db_path, committed)
    elapsed = time.perf_counter() - started
    print(f"\n{KILLS} kills, {len(committed)} commits reported, {stored} stored, {elapsed:.1f} s")
    assert len(committed) >= KILLS + 1
