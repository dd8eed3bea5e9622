"""Every ``asuh`` failure is one sentence on stderr, exit 1, and no traceback unless ``--debug``.

A full disk and a read-only file are made real inside SQLite (``max_page_count`` and
``query_only`` on the command's own connections): as root, chmod would not stop a write.
"""

from __future__ import annotations

import io
import random
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event

import desktop_app.core.database as core_database
from desktop_app.cli import main
from tests import keyed
from tests.conftest import add_cli_admin
from tests.importing.sheets import data_counts, kk, nik

BORN = date(2024, 4, 2)


@pytest.fixture(autouse=True)
def _cli_admin(request: pytest.FixtureRequest) -> None:
    """``asuh`` commands sign in: the test's database gets the Admin they sign in as."""
    if "database" in request.fixturenames:
        add_cli_admin(request.getfixturevalue("database"))


def _children_csv(path: Path, rows: int) -> Path:
    lines = ["Nama Anak,NIK,No. KK,Jenis Kelamin,Tanggal Lahir,Nama Ibu"]
    lines += [
        f"Anak {i},{nik(BORN, 'P', i + 1)},{kk(i + 1)},P,02/04/2024,Ibu {i}" for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _on_every_connection(monkeypatch: pytest.MonkeyPatch, pragma: str) -> None:
    """The command's database runs ``pragma`` on each connection it takes (after opening)."""
    real_open = core_database.open_database

    def open_database(url: str, **options):
        database = real_open(url, **options)
        event.listen(
            database.engine, "checkout", lambda dbapi, *_: dbapi.execute(f"PRAGMA {pragma}")
        )
        return database

    monkeypatch.setattr(core_database, "open_database", open_database)


def _fails_with(argv: list[str], capsys, *words: str) -> str:
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 1, captured.err  # one sentence
    for word in words:
        assert word in lines[0]
    return lines[0]


def test_a_newer_schema_is_one_sentence(database, capsys) -> None:
    with database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_masa_depan'")
    database.dispose()
    _fails_with(
        ["--db", str(database.path), "demo", "--children", "3"], capsys, "lebih baru", "9999"
    )


def test_demo_on_a_database_with_data_is_one_sentence(database, capsys) -> None:
    assert main(["--db", str(database.path), "demo", "--children", "3"]) == 0
    capsys.readouterr()
    _fails_with(["--db", str(database.path), "demo", "--children", "3"], capsys)


def test_a_read_only_database_is_one_sentence(database, tmp_path, monkeypatch, capsys) -> None:
    path = _children_csv(tmp_path / "anak.csv", 3)
    before = data_counts(database)
    _on_every_connection(monkeypatch, "query_only = ON")
    _fails_with(["--db", str(database.path), "import", "children", str(path)], capsys, "hanya-baca")
    assert data_counts(database) == before


def test_a_full_disk_during_an_import_is_one_sentence(
    database, tmp_path, monkeypatch, capsys
) -> None:
    path = _children_csv(tmp_path / "anak.csv", 400)
    before = data_counts(database)
    pages = keyed.connect(database.path).execute("PRAGMA page_count").fetchone()[0]
    _on_every_connection(monkeypatch, f"max_page_count = {pages + 2}")
    _fails_with(["--db", str(database.path), "import", "children", str(path)], capsys, "Disk penuh")
    assert data_counts(database) == before


def test_sync_export_without_a_password_nor_a_terminal(database, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("ASUH_SYNC_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a pipe: nobody can type
    target = tmp_path / "kirim.asuhsync"
    argv = ["--db", str(database.path), "sync", "export", str(target)]
    _fails_with(argv, capsys, "ASUH_SYNC_PASSWORD")
    assert not target.exists()


def test_restoring_byte_flipped_backups_is_one_sentence_each(database, tmp_path, capsys):
    assert main(["--db", str(database.path), "demo", "--children", "30", "--seed", "1"]) == 0
    database.dispose()
    clean = tmp_path / "bersih.sqlite3"
    with keyed.connect(database.path) as source, keyed.connect(clean) as copy:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
    original = clean.read_bytes()
    data = _data_dump(clean)
    target = tmp_path / "sasaran.sqlite3"
    shutil.copyfile(clean, target)
    rng = random.Random(9)  # about one in ten garbles text SQLite hands back (not UTF-8)
    for attempt in range(40):
        flipped = bytearray(original)
        for _ in range(20):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        backup = tmp_path / f"rusak-{attempt}.sqlite3"
        backup.write_bytes(bytes(flipped))
        _fails_with(["--db", str(target), "restore", str(backup)], capsys, "rusak")
        assert _data_dump(target) == data  # the current data is untouched (but the login)


def _data_dump(path: Path) -> list[str]:
    """The file's SQL dump without what each command's login writes (audit, sync log, the
    account's last login)."""
    skipped = {"audit_log", "sync_changes", "users"}
    lines = []
    with keyed.connect(path) as connection:  # SQLCipher's connection has no iterdump()
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]  # fmt: skip
        for table in tables:
            if table in skipped or table.startswith("sqlite_"):  # sqlite_stat1: statistics
                continue
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                line = f'INSERT INTO "{table}" VALUES{row!r}'
                if table == "settings" and row[0] in ("device_id", "device_home"):
                    continue  # a copied file is a new device: its own id and home
                lines.append(line)
    return lines


def test_debug_shows_the_traceback_before_the_sentence(database, capsys) -> None:
    assert main(["--db", str(database.path), "demo", "--children", "3"]) == 0
    assert main(["--debug", "--db", str(database.path), "demo", "--children", "3"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and err.rstrip().splitlines()[-1].strip()


@pytest.fixture
def speaks_english(database):
    """The file's language setting is English (the CLI switches to it); Indonesian after."""
    from desktop_app.core.i18n import set_language
    from desktop_app.settings.store import update_settings

    with database.sessions() as session:
        update_settings(session, language="en")
        session.commit()
    yield database
    set_language("id")


def test_a_sentence_is_english_when_the_language_is_english(
    speaks_english, tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.delenv("ASUH_SYNC_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    argv = ["--db", str(speaks_english.path), "sync", "export", str(tmp_path / "x")]
    line = _fails_with(argv, capsys, "no terminal", "ASUH_SYNC_PASSWORD")
    assert "kata sandi" not in line
