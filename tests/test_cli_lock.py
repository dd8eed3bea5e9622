"""Every ``asuh`` command that opens the database takes the GUI's instance lock: while another
Asuh holds it, the command is refused with the holder named and the file is left as it was."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from desktop_app.backup.lock import InstanceLock
from desktop_app.cli import main
from tests.conftest import add_cli_admin


@pytest.fixture(autouse=True)
def _cli_admin(request: pytest.FixtureRequest) -> None:
    """``asuh`` commands sign in: the test's database gets the Admin they sign in as."""
    if "database" in request.fixturenames:
        add_cli_admin(request.getfixturevalue("database"))


def _fingerprint(path: Path) -> dict[str, str]:
    """The bytes of the database and of every file beside it (WAL, backups, outputs)."""
    return {
        file.name: hashlib.sha256(file.read_bytes()).hexdigest()
        for file in sorted(path.parent.rglob("*"))
        if file.is_file() and not file.name.endswith(".lock")
    }


@pytest.mark.parametrize(
    "command",
    [
        ["demo", "--children", "5"],
        ["import", "children", "{folder}/anak.csv"],
        ["import", "children", "{folder}/anak.csv", "--dry-run"],
        ["backup", "--to", "{folder}/cadangan"],
        ["restore", "{folder}/anak.csv"],
        ["sync", "export", "{folder}/kirim.asuhsync"],
        ["sync", "import", "{folder}/anak.csv"],
        ["sync"],
        ["sync", "daftar", "--server", "kab.example", "--sidik-jari", "ab" * 32, "--kode", "X"],
        ["report", "monthly", "--month", "2026-11", "--out", "{folder}/bulanan.pdf"],
    ],
    ids=lambda argv: " ".join(argv[:2]),
)
def test_a_writing_command_is_refused_while_another_asuh_holds_the_lock(
    database, command: list[str], capsys
) -> None:
    folder = database.path.parent
    (folder / "anak.csv").write_text("Nama anak\nSiti\n", encoding="utf-8")
    argv = ["--db", str(database.path), *(part.format(folder=folder) for part in command)]
    before = _fingerprint(database.path)
    with InstanceLock(database.path):  # as the GUI holds it
        assert main(argv) == 1
    err = capsys.readouterr().err
    assert "sedang dibuka oleh aplikasi Asuh lain" in err and f"proses {os.getpid()}" in err
    assert "Traceback" not in err
    assert _fingerprint(database.path) == before


def test_the_lock_is_released_when_the_command_ends(database, tmp_path) -> None:
    assert main(["--db", str(database.path), "backup", "--to", str(tmp_path / "c")]) == 0
    with InstanceLock(database.path):  # free again: a GUI can start now
        pass
