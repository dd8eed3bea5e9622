"""An upgrade's pre-upgrade backup needs room: refused up front when the disk has less than
twice the file free (the file left byte for byte as it was), and a copy that fails midway (a
full disk) leaves neither a partial "backup" nor its journal behind."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

from desktop_app.core.database import open_database
from desktop_app.core.paths import sqlite_url
from desktop_app.db import migrate
from desktop_app.db.migrate import NotEnoughSpaceError
from desktop_app.db.schema_version import HEAD_REVISION
from tests import keyed

FIXTURE_0001 = Path(__file__).resolve().parents[1] / "fixtures" / "asuh-0001.sqlite3"

pytestmark = pytest.mark.skipif(HEAD_REVISION == "0001", reason="nothing to upgrade")


@pytest.fixture
def old_database(tmp_path: Path) -> Path:
    path = tmp_path / "kantor" / "asuh.sqlite3"  # alone in its folder (tmp_path has asuh-data)
    path.parent.mkdir()
    shutil.copyfile(FIXTURE_0001, path)
    return path


def _revision(path: Path) -> str:
    with keyed.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_too_little_free_space_is_refused_before_anything_is_written(
    old_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = old_database.stat().st_size
    before = old_database.read_bytes()
    real = shutil.disk_usage(old_database.parent)
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: real._replace(free=2 * size - 1))
    with pytest.raises(NotEnoughSpaceError, match="Ruang disk tidak cukup") as refused:
        open_database(sqlite_url(old_database))
    assert str(old_database.parent) in str(refused.value)
    assert old_database.read_bytes() == before
    assert [p.name for p in old_database.parent.iterdir()] == [old_database.name]


def test_twice_the_file_free_is_enough(old_database: Path, monkeypatch) -> None:
    size = old_database.stat().st_size
    real = shutil.disk_usage(old_database.parent)
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: real._replace(free=2 * size + 8192))
    database = open_database(sqlite_url(old_database))
    database.dispose()
    assert database.migration is not None and database.migration.backup_path is not None


def test_a_copy_failing_midway_leaves_nothing_behind(
    old_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill_the_disk(source: Path, destination: Path) -> None:
        destination.write_bytes(source.read_bytes()[:8192])  # half a copy and its journal
        Path(f"{destination}-journal").write_bytes(b"\xd9\xd5\x05\xf9" + bytes(508))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(migrate, "_copy_database", fill_the_disk)
    with pytest.raises(NotEnoughSpaceError, match="No space left on device") as refused:
        open_database(sqlite_url(old_database))
    assert "basis data tidak diubah" in str(refused.value)
    assert _revision(old_database) == "0001"
    left = {p.name for p in old_database.parent.iterdir()} - {
        old_database.name,
        f"{old_database.name}-wal",
        f"{old_database.name}-shm",
        f"{old_database.name}.keys",  # encrypted before the upgrade was tried (core/vault.py)
    }
    assert left == set()


def test_the_copy_a_killed_upgrade_left_is_removed_by_the_next_upgrade(old_database: Path) -> None:
    killed = old_database.with_name("asuh.sebelum-0001-20261122-083015.sqlite3.sementara")
    killed.write_bytes(FIXTURE_0001.read_bytes()[:4096])
    Path(f"{killed}-journal").write_bytes(bytes(512))
    other = old_database.with_name("lain.sebelum-0001-20261122-083015.sqlite3.sementara")
    other.write_bytes(b"")  # another database's: not ours to remove
    open_database(sqlite_url(old_database)).dispose()
    assert not killed.exists() and not Path(f"{killed}-journal").exists()
    assert other.exists()
