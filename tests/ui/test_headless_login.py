"""Without a screen, Asuh opens only for a real account's name and password (automation)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from desktop_app.db.models import AuditEntry, User
from desktop_app.users.accounts import create_first_admin

PASSWORD = "rahasia-kabupaten-7"


def _with_admin(database) -> str:
    with database.sessions() as session:
        create_first_admin(session, username="admin", full_name="Rina Kartika", password=PASSWORD)
        session.commit()
    database.dispose()
    return str(database.path)


def _run_asuh(db_file: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ASUH_LOGIN")}
    clean.update(QT_QPA_PLATFORM="offscreen", **env)
    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "--db", db_file],
        env=clean, capture_output=True, text=True, timeout=90, check=False,
    )  # fmt: skip


def test_the_real_password_opens_beranda_headless(database, isolated_data_dir: Path) -> None:
    db_file = _with_admin(database)
    result = _run_asuh(db_file, ASUH_LOGIN_USER="admin", ASUH_LOGIN_PASSWORD=PASSWORD,
                       ASUH_EXIT_AFTER_SHOWN="1")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "ASUH_READY"
    assert "Traceback" not in result.stderr


def test_a_wrong_password_is_refused_counted_and_audited(database) -> None:
    from desktop_app.core.database import open_database

    db_file = _with_admin(database)
    result = _run_asuh(db_file, ASUH_LOGIN_USER="admin", ASUH_LOGIN_PASSWORD="salah-sekali",
                       ASUH_EXIT_AFTER_SHOWN="1")  # fmt: skip
    assert result.returncode == 1
    assert "Nama pengguna atau kata sandi salah" in result.stderr
    assert "ASUH_READY" not in result.stdout
    reopened = open_database(database.url)
    with reopened.sessions() as session:
        admin = session.scalars(select(User).where(User.username == "admin")).one()
        failures = session.scalars(
            select(AuditEntry).where(AuditEntry.username == "admin", AuditEntry.action != "create")
        ).all()
    reopened.dispose()
    assert admin.failed_logins == 1
    assert any("Gagal" in (entry.summary or "") for entry in failures)
