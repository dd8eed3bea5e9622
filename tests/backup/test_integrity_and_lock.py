"""Start-up integrity check with a recovery message, and the single-instance lock."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.backup.backup import make_backup
from desktop_app.backup.integrity import check_file_integrity, check_integrity
from desktop_app.backup.lock import AlreadyRunningError, InstanceLock, lock_path_for, read_holder


def test_sound_database_passes(with_children) -> None:
    report = check_integrity(with_children)
    assert report.ok and report.problems == ()


def _damage(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff\x00garbage" * 2000)


def test_damaged_file_is_reported_with_the_newest_backup_to_restore(with_children, tmp_path):
    folder = tmp_path / "cadangan"
    make_backup(with_children, folder=folder, kind="daily", now=datetime(2026, 11, 20, 8))
    newest = make_backup(with_children, folder=folder, now=datetime(2026, 11, 21, 8))
    broken = tmp_path / "rusak.sqlite3"
    with_children.dispose()
    shutil.copyfile(with_children.path, broken)
    _damage(broken)
    before = broken.read_bytes()
    report = check_file_integrity(broken, backup_folder=folder)
    assert not report.ok and report.problems
    assert report.message.startswith("Basis data rusak.sqlite3 rusak")
    assert f'asuh restore "{newest.path}"' in report.message
    assert report.newest_backup == newest.path
    assert broken.read_bytes() == before  # checking never changes the file


def test_garbage_and_missing_files_are_reported_not_raised(tmp_path) -> None:
    garbage = tmp_path / "x.sqlite3"
    garbage.write_bytes(b"\x00" * 100 + b"bukan sqlite" * 500)
    report = check_file_integrity(garbage, backup_folder=tmp_path / "kosong")
    assert not report.ok and "Tidak ada cadangan di folder cadangan" in report.message
    assert not check_file_integrity(tmp_path / "tidak-ada.sqlite3").ok


def test_second_instance_is_refused_naming_the_holder(tmp_path) -> None:
    db = tmp_path / "asuh.sqlite3"
    with InstanceLock(db) as first:
        assert first.held
        holder = read_holder(lock_path_for(db))
        assert holder is not None and holder.pid == __import__("os").getpid()
        with pytest.raises(AlreadyRunningError) as refused:
            InstanceLock(db).acquire()
        message = str(refused.value)
        assert f"proses {holder.pid}" in message and holder.host in message
        assert "sedang dibuka oleh aplikasi Asuh lain" in message
        assert refused.value.holder == holder
    with InstanceLock(db) as again:  # released: free again
        assert again.held


def test_lock_file_left_by_a_dead_process_is_taken_over(tmp_path) -> None:
    db = tmp_path / "asuh.sqlite3"
    lock_path_for(db).write_text(
        json.dumps({"host": "laptop-lama", "pid": 999999, "started_at": "2026-11-01T08:00:00"})
    )
    with InstanceLock(db):
        holder = read_holder(lock_path_for(db))
        assert holder is not None and holder.host != "laptop-lama"


def test_lock_of_a_killed_process_is_released_by_the_os(tmp_path) -> None:
    db = tmp_path / "asuh.sqlite3"
    code = (
        "import sys, time\n"
        "from desktop_app.backup.lock import InstanceLock\n"
        "lock = InstanceLock(sys.argv[1]); lock.acquire()\n"
        "print('held', flush=True); time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"held\n"
        with pytest.raises(AlreadyRunningError, match=f"proses {holder.pid}"):
            InstanceLock(db).acquire()
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    with InstanceLock(db) as lock:
        assert lock.held


def test_unreadable_holder_text_still_refuses_politely(tmp_path) -> None:
    db = tmp_path / "asuh.sqlite3"
    with InstanceLock(db):
        lock_path_for(db).write_text("rusak")
        with pytest.raises(AlreadyRunningError, match="Tutup aplikasi itu dulu"):
            InstanceLock(db).acquire()
