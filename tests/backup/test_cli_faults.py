"""The fault script of issue 19: SIGKILL the real ``asuh`` commands at random moments of an
import, a backup, a restore, a migration and a sync-file import, 100 kills in all, and lose
nothing that was acknowledged.

Each command runs ``desktop_app.cli.main`` (what ``python -m desktop_app`` runs) in a process
forked from a pre-imported zygote (``crash_cli.py``), and is killed after a random delay
(seeded, so a failure reproduces) drawn within the time a completed run of the same operation
took. A run that finished before its kill is an acknowledged command; only kills that hit a
running command count. After each kill:

- ``PRAGMA integrity_check`` is ok on the database, and on every backup that claims to be
  complete (a backup name without ``.partial``);
- the instance lock can be taken again;
- every row of every acknowledged import and sync-file import is in the database (a restore
  puts back the newest backup, which is checked to hold them all), and the migrated file keeps
  every row it had;
- the next command of the same operation completes (exit 0) where the last one was killed;
- and at the end, no temporary file (``.partial``, a migration's ``.sementara``) is left.
POSIX only (fork, SIGKILL).
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop_app.backup.lock import InstanceLock
from desktop_app.backup.naming import parse_backup_name
from desktop_app.db.schema_version import HEAD_REVISION
from tests import keyed
from tests.conftest import CLI_PASSWORD, CLI_USER
from tests.importing.sheets import kk, nik

KILLS = 100
OPERATIONS = ("import", "backup", "restore", "migration", "sync")
SEED = 20261205
ROWS = 100
ZYGOTE = Path(__file__).with_name("crash_cli.py")
FIXTURE_0001 = Path(__file__).resolve().parents[1] / "fixtures" / "asuh-0001.sqlite3"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="the commands are forked (POSIX only)"),
]


class Zygote:
    """The pre-imported process that forks one ``asuh`` command per :meth:`start`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.process = subprocess.Popen(
            [sys.executable, str(ZYGOTE)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self._line() == "READY"
        self.runs = 0

    def _line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().rstrip("\n")

    def run(self, argv: list[str], kill_after: float | None = None) -> tuple[int, str]:
        """Run ``asuh argv``; SIGKILL it after ``kill_after`` seconds (None: let it finish).
        Returns the exit code (-9 when the kill hit it) and its output."""
        assert self.process.stdin is not None
        self.runs += 1
        output = self.folder / f"keluaran-{self.runs}.txt"
        self.process.stdin.write("\t".join(["RUN", str(output), *argv]) + "\n")
        self.process.stdin.flush()
        pid = int(self._line())
        if kill_after is not None:
            time.sleep(kill_after)
            with contextlib.suppress(ProcessLookupError):  # finished, and already reaped
                os.kill(pid, signal.SIGKILL)
        code = int(self._line().split()[1])
        return code, output.read_text(errors="replace") if output.exists() else ""

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=10)


def _children_csv(path: Path, batch: int, sex: str = "P") -> list[str]:
    """A CSV of :data:`ROWS` new children (NIKs unique to ``batch``); returns their names."""
    born = date(2023, 1, 1) + timedelta(days=batch)
    names = [f"Anak {sex}{batch}-{i}" for i in range(ROWS)]
    lines = ["Nama Anak,NIK,No. KK,Jenis Kelamin,Tanggal Lahir,Nama Ibu"]
    lines += [
        f"{name},{nik(born, sex, i + 1)},{kk(i + 1)},{sex},{born:%d/%m/%Y},Ibu {i}"
        for i, name in enumerate(names)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return names


def _with_cli_admin(old: Path, copy: Path) -> Path:
    """A copy of the schema-0001 fixture whose Admin has the password the commands sign in
    with (set with plain SQL: opening it through Asuh would migrate it before the killed
    migration runs)."""
    from desktop_app.core.passwords import hash_password

    shutil.copyfile(old, copy)
    with keyed.connect(copy) as connection:
        changed = connection.execute(
            "UPDATE users SET password_hash = ? WHERE username = ? AND role = 'admin'",
            (hash_password(CLI_PASSWORD), CLI_USER),
        ).rowcount
    assert changed == 1
    return copy


def _enrol_field_laptop(field_db: Path, office_db: Path) -> None:
    """Sync files are signed: the field laptop is enrolled (a stand-in server) and the office
    knows its device, as after a sync with the server."""
    from desktop_app.core.database import open_database
    from desktop_app.core.paths import sqlite_url
    from tests.sync.enrolment import add_device, enrol

    field, office = open_database(sqlite_url(field_db)), open_database(sqlite_url(office_db))
    try:
        add_device(office, enrol(field, "lapangan"))
    finally:
        field.dispose()
        office.dispose()


def _names(path: Path) -> set[str]:
    """The children's names in ``path`` after ``PRAGMA integrity_check`` passed."""
    conn = keyed.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], path
        return {row[0] for row in conn.execute("SELECT name FROM children")}
    finally:
        conn.close()


@dataclass
class Tally:
    kills: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OPERATIONS, 0))
    finished: int = 0
    corruptions: int = 0
    rows_lost: int = 0
    checked_backups: set[tuple[str, int]] = field(default_factory=set)


class FaultScript:
    """The files and the acknowledged rows of one run of the script."""

    def __init__(self, folder: Path, zygote: Zygote) -> None:
        self.folder, self.zygote = folder, zygote
        self.db = folder / "asuh.sqlite3"
        self.backups = folder / "cadangan"
        self.old_db = folder / "lama" / "asuh.sqlite3"
        self.old_db.parent.mkdir()
        self.old_rows = _names(FIXTURE_0001)
        self.old_with_admin = _with_cli_admin(FIXTURE_0001, folder / "lama-dengan-admin.sqlite3")
        self.acknowledged: set[str] = set()
        self.batch = 0
        self.sync_files: list[tuple[Path, list[str]]] = []
        self.tally = Tally()
        self.duration = dict.fromkeys(OPERATIONS, 0.0)

    def asuh(self, db: Path, *argv: str, kill_after: float | None = None) -> int:
        code, output = self.zygote.run(["--db", str(db), *argv], kill_after)
        assert code in (0, -signal.SIGKILL), output
        return code

    def prepare_sync_files(self, count: int) -> None:
        """Sync files from a field laptop's database, each with :data:`ROWS` new children."""
        field_db = self.folder / "lapangan" / "asuh.sqlite3"
        field_db.parent.mkdir()
        for db in (field_db, self.db):  # every command signs in (ASUH_USER/ASUH_PASSWORD)
            assert self.asuh(db, "user", "add", CLI_USER, "--role", "admin") == 0
        _enrol_field_laptop(field_db, self.db)
        for n in range(count):
            csv = field_db.parent / f"anak-{n}.csv"
            names = _children_csv(csv, n, sex="L")
            assert self.asuh(field_db, "import", "children", str(csv)) == 0
            sync_file = field_db.parent / f"kirim-{n}.asuhsync"
            assert self.asuh(field_db, "sync", "export", str(sync_file)) == 0
            self.sync_files.append((sync_file, names))

    # The five operations: each sets up, runs its command (killed after ``kill_after`` unless
    # None), records what a finished run acknowledged and returns the exit code.
    def import_children(self, kill_after: float | None) -> int:
        self.batch += 1
        csv = self.folder / "anak.csv"
        names = _children_csv(csv, self.batch)
        code = self.asuh(self.db, "import", "children", str(csv), kill_after=kill_after)
        if code == 0:
            self.acknowledged.update(names)
        return code

    def backup(self, kill_after: float | None) -> int:
        return self.asuh(self.db, "backup", "--to", str(self.backups), kill_after=kill_after)

    def restore(self, kill_after: float | None) -> int:
        """Restore the newest complete backup, which must hold every acknowledged row. The
        backup operation runs just before (its last run completed), so that backup usually
        does; only when it does not is a new one taken first."""
        newest = self.newest_backup()
        if newest is None or not self.acknowledged <= _names(newest):
            assert self.backup(None) == 0
            newest = self.newest_backup()
            assert newest is not None and self.acknowledged <= _names(newest)
        return self.asuh(self.db, "restore", str(newest), kill_after=kill_after)

    def newest_backup(self) -> Path | None:
        if not self.backups.exists():
            return None
        complete = [p for p in self.backups.iterdir() if parse_backup_name(p.name)]
        return max(complete, key=lambda p: p.stat().st_mtime_ns) if complete else None

    def migration(self, kill_after: float | None) -> int:
        for leftover in self.old_db.parent.iterdir():
            leftover.unlink()
        shutil.copyfile(self.old_with_admin, self.old_db)
        # Any command migrates the file first; a backup needs no enrolment nor password.
        code = self.asuh(self.old_db, "backup", "--to", str(self.folder / "lama-cadangan"),
                         kill_after=kill_after)  # fmt: skip
        self.check_old_db()
        return code

    def sync_import(self, kill_after: float | None) -> int:
        sync_file, names = self.sync_files[self.batch % len(self.sync_files)]
        self.batch += 1
        code = self.asuh(self.db, "sync", "import", str(sync_file), kill_after=kill_after)
        if code == 0:
            self.acknowledged.update(names)
        return code

    def check_old_db(self) -> None:
        """The file being migrated keeps its rows, killed or not, and reaches head on the
        next command."""
        self.count_losses(self.old_rows - _names(self.old_db))
        for backup in self.old_db.parent.glob("*.sebelum-*.sqlite3"):
            self.count_losses(self.old_rows - _names(backup))
        with InstanceLock(self.old_db):
            pass
        assert self.asuh(self.old_db, "backup", "--to", str(self.folder / "lama-cadangan")) == 0
        assert not list(self.old_db.parent.glob("*.sementara*")), "a killed copy was left"
        with keyed.connect(self.old_db) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
                HEAD_REVISION,
            )
        self.count_losses(self.old_rows - _names(self.old_db))

    def count_losses(self, lost: set[str]) -> None:
        self.tally.rows_lost += len(lost)
        assert not lost, f"{len(lost)} acknowledged rows lost, e.g. {sorted(lost)[:3]}"

    def check(self) -> None:
        """After a kill: the database and every complete backup pass the integrity check,
        the lock is free again, and every acknowledged row is there."""
        self.tally.corruptions += 1  # taken back below once every check passed
        with InstanceLock(self.db):
            pass
        if self.db.exists():
            self.count_losses(self.acknowledged - _names(self.db))
        else:
            self.count_losses(set(self.acknowledged))
        for backup in self.backups.glob("*") if self.backups.exists() else ():
            key = (backup.name, backup.stat().st_size)
            if parse_backup_name(backup.name) and key not in self.tally.checked_backups:
                _names(backup)
                self.tally.checked_backups.add(key)
        self.tally.corruptions -= 1


def test_hundred_kills_of_real_commands_lose_no_acknowledged_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASUH_SYNC_PASSWORD", "kunci-berkas-sinkron-7")  # files are encrypted
    started = time.perf_counter()
    rng = random.Random(SEED)
    zygote = Zygote(tmp_path)
    try:
        script = FaultScript(tmp_path, zygote)
        script.prepare_sync_files(4)
        operations: dict[str, Callable[[float | None], int]] = {
            "import": script.import_children,
            "backup": script.backup,
            "restore": script.restore,
            "migration": script.migration,
            "sync": script.sync_import,
        }
        for name, operation in operations.items():  # a completed run of each sets the pace
            begun = time.perf_counter()
            assert operation(None) == 0
            script.duration[name] = time.perf_counter() - begun
        kills = 0
        while kills < KILLS:
            name = OPERATIONS[kills % len(OPERATIONS)]
            code = operations[name](rng.uniform(0.0, script.duration[name]))
            if code == 0:
                script.tally.finished += 1
                continue
            kills += 1
            script.tally.kills[name] += 1
            script.check()
            if name != "migration":  # (check_old_db already ran the next command)
                assert operations[name](None) == 0, f"{name} does not complete after a kill"
                script.check()
        assert script.backup(None) == 0  # sweeps what killed backups and restores left
        left = [p.name for p in tmp_path.rglob("*") if ".partial" in p.name]
        assert not left, f"left-overs: {left}"
    finally:
        zygote.close()
    tally = script.tally
    print(
        f"\n{kills} kills ({', '.join(f'{k} {n}' for k, n in tally.kills.items())}), "
        f"{tally.finished} runs finished before their kill, {tally.corruptions} corruptions, "
        f"{tally.rows_lost} acknowledged rows lost of {len(script.acknowledged)}, "
        f"{len(tally.checked_backups)} backups checked, {zygote.runs} commands, "
        f"{time.perf_counter() - started:.1f} s"
    )
