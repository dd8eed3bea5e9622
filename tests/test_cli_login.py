"""No way around the login on the command line (issue 20, item 2).

Every ``asuh`` command that reads or writes personal data refuses to run without a user and
password (exit 2, one Indonesian sentence, nothing read or written), runs with the user's role
and is audited as that user. ``zscore`` and ``import template`` need no login.
"""

from __future__ import annotations

import io
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app import cli_login
from desktop_app.backup.backup import make_backup
from desktop_app.cli import build_parser, main
from desktop_app.db.models import AuditEntry, User
from desktop_app.users.accounts import create_user
from tests.conftest import CLI_PASSWORD, CLI_USER
from tests.importing.sheets import table_counts

REFUSAL = "Perintah ini membutuhkan login"


def _commands(db: str, tmp: Path, backup: Path) -> dict[str, list[str]]:
    """One invocation of every command and sub-command that touches the database."""
    sheet = tmp / "anak.csv"
    sheet.write_text("Nama Anak,NIK\n", encoding="utf-8")
    sync_file = tmp / "masuk.asuhsync"
    sync_file.write_bytes(b"bukan berkas sinkron")
    child = str(uuid.uuid4())
    out = tmp / "keluar"
    return {
        "demo": ["--db", db, "demo", "--children", "3"],
        "report monthly": ["--db", db, "report", "monthly", "--month", "2026-11",
                           "--out", str(out / "a.pdf")],
        "report monthly-xlsx": ["--db", db, "report", "monthly-xlsx", "--month", "2026-11",
                                "--out", str(out / "a.xlsx")],
        "report child": ["--db", db, "report", "child", "--id", child, "--out", str(out / "c.pdf")],
        "report guardians": ["--db", db, "report", "guardians", "--month", "2026-11",
                             "--out", str(out / "g.pdf")],
        "report payments": ["--db", db, "report", "payments", "--month", "2026-11",
                            "--out", str(out / "p.pdf")],
        "backup": ["--db", db, "backup", "--to", str(out)],
        "restore": ["--db", db, "restore", str(backup)],
        "import children": ["--db", db, "import", "children", str(sheet)],
        "import guardians": ["--db", db, "import", "guardians", str(sheet)],
        "import visits": ["--db", db, "import", "visits", str(sheet), "--dry-run"],
        "sync": ["--db", db, "sync"],
        "sync daftar": ["--db", db, "sync", "daftar", "--server", "kab.example",
                        "--sidik-jari", "ab" * 32, "--kode", "ABCD-EFGH-JKMN-PQRS"],
        "sync export": ["--db", db, "sync", "export", str(out / "k.asuhsync"), "--semua"],
        "sync import": ["--db", db, "sync", "import", str(sync_file)],
        "user add": ["--db", db, "user", "add", "budi", "--role", "operator"],
        "audit verify": ["--db", db, "audit", "verify"],
    }  # fmt: skip


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A scheduled job: no ASUH_USER/ASUH_PASSWORD and nobody at a terminal."""
    monkeypatch.delenv("ASUH_USER")
    monkeypatch.delenv("ASUH_PASSWORD")
    monkeypatch.setattr(sys, "stdin", io.StringIO())


def test_every_command_without_credentials_is_refused(cli_admin, tmp_path, capsys, no_terminal):
    db = str(cli_admin.path)
    backup = make_backup(cli_admin, folder=tmp_path / "cadangan").path
    (tmp_path / "keluar").mkdir()
    commands = _commands(db, tmp_path, backup)
    parser_commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    covered = {name.split()[0] for name in commands}
    # every command but those without personal data: zscore (a spreadsheet in, one out) and
    # server (the district server's set-up: its database URL is the credential, and its status
    # page asks for the district Admin's login itself)
    assert covered == parser_commands - {"zscore", "server"}
    before = table_counts(cli_admin)
    cli_admin.dispose()
    for name, argv in commands.items():
        assert main(argv) == 2, name
        err = capsys.readouterr().err
        assert REFUSAL in err and "ASUH_USER" in err, (name, err)
        assert "Traceback" not in err
    assert table_counts(cli_admin) == before  # nothing read into the audit, nothing written
    assert list((tmp_path / "keluar").iterdir()) == []


def test_zscore_and_templates_need_no_login(tmp_path, no_terminal):
    source = tmp_path / "ukur.csv"
    source.write_text("sex,age_days,weight_kg,height_cm\nL,400,9.5,76\n", encoding="utf-8")
    assert main(["zscore", str(source), str(tmp_path / "hasil.csv")]) == 0
    assert (tmp_path / "hasil.csv").is_file()
    assert main(["import", "template", "children", str(tmp_path / "templat.xlsx")]) == 0


def test_a_wrong_password_is_refused_and_audited(cli_admin, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ASUH_PASSWORD", "bukan-sandinya-9")
    out = tmp_path / "laporan.pdf"
    argv = ["--db", str(cli_admin.path), "report", "monthly", "--month", "2026-11"]
    assert main([*argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Login ditolak: Nama pengguna atau kata sandi salah" in err
    assert not out.exists()
    with cli_admin.sessions() as session:
        failed = session.scalars(select(AuditEntry).where(AuditEntry.action == "login_failed"))
        assert [entry.username for entry in failed] == [CLI_USER]


def test_commands_run_with_the_users_role_and_are_audited_as_them(
    cli_admin, tmp_path, capsys, monkeypatch
):
    with cli_admin.sessions() as session:
        session.info.update(role="admin", actor=CLI_USER)
        create_user(session, username="kepala", full_name="Kepala Dinas", role="pimpinan",
                    password="pimpinan-kab-7")  # fmt: skip
        session.commit()
    monkeypatch.setenv("ASUH_USER", "kepala")
    monkeypatch.setenv("ASUH_PASSWORD", "pimpinan-kab-7")
    db = str(cli_admin.path)
    pdf = tmp_path / "laporan.pdf"
    assert main(["--db", db, "report", "monthly", "--month", "2026-11", "--out", str(pdf)]) == 0
    assert pdf.is_file()
    capsys.readouterr()
    # Pimpinan reads and prints; a backup, a sync file or a restore are refused by the services.
    assert main(["--db", db, "backup", "--to", str(tmp_path / "usb")]) == 1
    assert "Pimpinan hanya dapat melihat dan mencetak" in capsys.readouterr().err
    assert not (tmp_path / "usb").exists() or not list((tmp_path / "usb").iterdir())
    assert main(["--db", db, "sync", "export", str(tmp_path / "k.asuhsync"), "--semua"]) == 1
    assert not (tmp_path / "k.asuhsync").exists()
    with cli_admin.sessions() as session:
        report = session.scalars(select(AuditEntry).where(AuditEntry.entity == "report")).one()
        assert report.username == "kepala"
        logins = session.scalars(select(AuditEntry.username).where(AuditEntry.action == "login"))
        assert set(logins) == {"kepala"}


def test_prompted_credentials_work_at_a_terminal(cli_admin, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("ASUH_USER")
    monkeypatch.delenv("ASUH_PASSWORD")
    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", terminal)
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or CLI_USER)
    monkeypatch.setattr(
        cli_login.getpass, "getpass", lambda prompt: asked.append(prompt) or CLI_PASSWORD
    )
    pdf = tmp_path / "l.pdf"
    argv = ["--db", str(cli_admin.path), "report", "monthly", "--month", "2026-11"]
    assert main([*argv, "--out", str(pdf)]) == 0
    assert asked == ["Nama pengguna: ", "Kata sandi: "] and pdf.is_file()


def test_user_add_first_admin_then_only_with_an_admin_login(tmp_path, monkeypatch, capsys):
    db = str(tmp_path / "baru.sqlite3")
    monkeypatch.delenv("ASUH_USER")
    monkeypatch.setenv("ASUH_PASSWORD", "kunci-pertama-7")
    assert main(["--db", db, "user", "add", "ani", "--role", "operator"]) == 2
    assert "Pengguna pertama harus Admin" in capsys.readouterr().err
    assert main(["--db", db, "user", "add", "ani", "--role", "admin", "--nama", "Ani Lestari"]) == 0
    assert "Pengguna ani (Admin) dibuat." in capsys.readouterr().out
    # now an Admin must sign in; the new user's password comes from ASUH_NEW_PASSWORD
    monkeypatch.setenv("ASUH_USER", "ani")
    monkeypatch.setenv("ASUH_NEW_PASSWORD", "rahasia123")
    assert main(["--db", db, "user", "add", "budi", "--role", "operator"]) == 1
    assert "terlalu umum" in capsys.readouterr().err
    monkeypatch.setenv("ASUH_NEW_PASSWORD", "budi-operator-7")
    assert main(["--db", db, "user", "add", "budi", "--role", "operator"]) == 0
    monkeypatch.setenv("ASUH_USER", "budi")
    monkeypatch.setenv("ASUH_PASSWORD", "budi-operator-7")
    monkeypatch.setenv("ASUH_NEW_PASSWORD", "caca-operator-7")
    assert main(["--db", db, "user", "add", "caca", "--role", "admin"]) == 1
    assert "Hanya Admin" in capsys.readouterr().err
    from desktop_app.core.database import open_database
    from desktop_app.core.paths import sqlite_url

    database = open_database(sqlite_url(db))
    with database.sessions() as session:
        users = {u.username: u.role for u in session.scalars(select(User))}
        made = session.scalars(
            select(AuditEntry.username).where(
                AuditEntry.entity == "users", AuditEntry.action == "create"
            )
        ).all()
    database.dispose()
    assert users == {"ani": "admin", "budi": "operator"}
    assert made == ["ani", "ani"]  # the first Admin by itself, budi by the Admin ani


def test_demo_on_a_new_file_creates_the_admin_from_the_environment(tmp_path, monkeypatch):
    db = str(tmp_path / "demo.sqlite3")
    monkeypatch.setenv("ASUH_USER", "kadis")
    monkeypatch.setenv("ASUH_PASSWORD", "kunci-demo-kab-7")
    assert main(["--db", db, "demo", "--children", "3"]) == 0
    pdf = tmp_path / "l.pdf"
    assert main(["--db", db, "report", "monthly", "--month", "2026-11", "--out", str(pdf)]) == 0
    monkeypatch.setenv("ASUH_PASSWORD", "salah-sandi-kab-7")
    assert main(["--db", db, "demo", "--children", "3"]) == 2  # a second demo: login first


def test_demo_without_credentials_prints_a_generated_password_once(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("ASUH_USER")
    monkeypatch.delenv("ASUH_PASSWORD")
    db = str(tmp_path / "demo.sqlite3")
    assert main(["--db", db, "demo", "--children", "3"]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "Admin pertama dibuat" in line)
    password = line.split("kata sandi ")[1].split(" ")[0]
    assert len(password) >= 10
    monkeypatch.setenv("ASUH_USER", "admin")
    monkeypatch.setenv("ASUH_PASSWORD", password)
    pdf = tmp_path / "l.pdf"
    assert main(["--db", db, "report", "monthly", "--month", "2026-11", "--out", str(pdf)]) == 0


def test_restore_onto_a_new_laptop_needs_no_login(cli_admin, tmp_path, no_terminal, capsys):
    backup = make_backup(cli_admin, folder=tmp_path / "cadangan").path
    target = tmp_path / "laptop-baru" / "asuh.sqlite3"
    target.parent.mkdir()
    assert main(["--db", str(target), "restore", str(backup)]) == 0
    assert "Data dipulihkan dari" in capsys.readouterr().out
    assert table_counts_of(target)["users"] == 1  # the backup's own Admin guards it from now on


def table_counts_of(path: Path) -> dict[str, int]:
    from desktop_app.core.database import open_database
    from desktop_app.core.paths import sqlite_url

    database = open_database(sqlite_url(path))
    try:
        return table_counts(database)
    finally:
        database.dispose()
