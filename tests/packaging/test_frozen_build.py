"""The PyInstaller one-folder build (build.spec) contains every resource and runs on its own.

Builds once per test run with ``scripts/build_app.sh`` into a temp dir (about 40-60 s here),
then runs the built ``asuh`` with a fresh data dir: command-line jobs that exercise numpy and the
WHO tables (``zscore``), the Alembic migrations and the demo generator (``demo``), ReportLab and
the bundled fonts (``report monthly``); and the GUI offscreen: without credentials it migrates a
new database and refuses to go further (there is no way to open the data without a login);
with a real Admin's name and password (ASUH_LOGIN_USER/PASSWORD) it starts to the main window
and prints ASUH_READY once Beranda is populated.

Skipped, with the reason shown, when PyInstaller is not installed (``pip install .[test]``).
"""

from __future__ import annotations

import csv
import os
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (pip install -e .[test])")

from desktop_app import __version__
from desktop_app.growth.batch import main_zscore

pytestmark = pytest.mark.slow  # the build: about a minute

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT_S = 600
RUN_TIMEOUT_S = 120
ZSCORE_INPUT = (
    "sex,age_days,weight_kg,lenhei_cm,measure,headc_cm\n"
    "1,365,9.6,75.7,l,46.1\n"
    "P,730,10.2,82.0,h,\n"
    "2,abc,8.0,70.0,l,\n"
)


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build_app.sh"), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    built = Path(result.stdout.strip().splitlines()[-1])
    assert built == out / "dist" / f"Asuh-{__version__}"
    return built


def run_app(
    app_dir: Path, data: Path, *args: str, program: str = "asuh", **extra_env: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASUH_", "PYTHON"))}
    env.update(ASUH_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen", **extra_env)
    return subprocess.run(
        [str(app_dir / program), *args],
        cwd=data,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "fresh-data"
    folder.mkdir()
    return folder


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def test_the_build_holds_every_resource_and_the_migrations(app_dir: Path) -> None:
    bundled = app_dir / "_internal"
    resources = bundled / "resources"
    assert files_under(resources) == files_under(ROOT / "resources")
    who = {p.name for p in (resources / "who").glob("*.txt")}
    assert {"lenanthro.txt", "weianthro.txt", "wflanthro.txt", "wfhanthro.txt"} <= who
    assert (resources / "fonts" / "DejaVuSans.ttf").stat().st_size > 100_000
    assert {"child.svg", "visit.svg", "info.svg"} <= {
        p.name for p in (resources / "icons").iterdir()
    }
    assert (resources / "style" / "asuh.qss").is_file()
    for catalog in (ROOT / "resources" / "locale").glob("*/LC_MESSAGES/*.po"):
        compiled = catalog.relative_to(ROOT).with_suffix(".mo")
        assert (bundled / compiled).is_file(), f"{compiled} missing: compile the catalogs"
    migrations = bundled / "desktop_app" / "db" / "migrations"
    assert (migrations / "env.py").is_file()
    assert (migrations / "script.py.mako").is_file()
    source_versions = {p.name for p in (ROOT / "desktop_app/db/migrations/versions").glob("*.py")}
    assert {p.name for p in (migrations / "versions").glob("*.py")} == source_versions


@pytest.mark.parametrize("program", ["asuh", "asuh-cli"])
def test_the_version_comes_from_the_package(app_dir: Path, data: Path, program: str) -> None:
    result = run_app(app_dir, data, "--version", program=program)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Asuh {__version__}"


def test_zscores_from_the_bundle_match_the_source(app_dir: Path, data: Path) -> None:
    (data / "in.csv").write_text(ZSCORE_INPUT, encoding="utf-8")
    result = run_app(app_dir, data, "zscore", "in.csv", "out.csv")
    assert result.returncode == 0, result.stderr
    assert main_zscore([str(data / "in.csv"), str(data / "expected.csv")]) == 0
    frozen = list(csv.reader((data / "out.csv").open(encoding="utf-8-sig")))
    expected = list(csv.reader((data / "expected.csv").open(encoding="utf-8-sig")))
    assert frozen == expected
    first = dict(zip(frozen[0], frozen[1], strict=True))
    assert (first["zlen"], first["zwei"], first["kategori_bbu"]) == (
        "-0.02",
        "-0.04",
        "Berat badan normal",
    )
    assert dict(zip(frozen[0], frozen[3], strict=True))["error"] != ""


def test_demo_data_and_a_monthly_report_from_the_bundle(app_dir: Path, data: Path) -> None:
    database = data / "demo.sqlite3"
    login = {"ASUH_USER": "admin", "ASUH_PASSWORD": "kunci-bundel-7"}  # demo makes this Admin
    demo = run_app(app_dir, data, "demo", "--children", "20", "--db", str(database), **login)
    assert demo.returncode == 0, demo.stderr
    assert "Selesai: 20 anak" in demo.stdout
    assert b"SQLite format 3" not in database.read_bytes()[:16]  # encrypted by the bundle too
    from desktop_app.core import vault
    from tests import keyed

    vault.unlock(database, login["ASUH_USER"], login["ASUH_PASSWORD"])  # the Admin's key slot
    with keyed.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM children").fetchone()[0] == 20
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    pdf = data / "bulanan.pdf"
    report = run_app(
        app_dir, data, "report", "monthly", "--month", "2026-10", "--out", str(pdf),
        "--db", str(database), **login,
    )  # fmt: skip
    assert report.returncode == 0, report.stderr
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF")
    assert b"DejaVuSans" in content  # the bundled TTF was found and embedded


def test_the_gui_starts_and_refuses_to_open_the_data_without_a_login(
    app_dir: Path, data: Path
) -> None:
    result = run_app(app_dir, data)
    assert result.returncode == 1
    assert "Asuh membutuhkan layar untuk masuk (login)." in result.stderr
    assert "Traceback" not in result.stderr
    database = data / "asuh.sqlite3"
    if database.exists():  # made before the login step: encrypted from its first byte
        assert not database.read_bytes().startswith(b"SQLite format 3")


def test_the_gui_starts_to_a_populated_main_window_for_a_real_login(
    app_dir: Path, data: Path
) -> None:
    from desktop_app.core.database import open_database
    from desktop_app.core.paths import sqlite_url
    from desktop_app.users.accounts import create_first_admin

    database = open_database(sqlite_url(data / "asuh.sqlite3"))
    with database.sessions() as session:
        create_first_admin(session, username="admin", full_name="Admin", password="kata-sandi-99")
        session.commit()
    database.dispose()
    result = run_app(app_dir, data, ASUH_LOGIN_USER="admin", ASUH_LOGIN_PASSWORD="kata-sandi-99",
                     ASUH_EXIT_AFTER_SHOWN="1")  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "ASUH_READY"
    assert "Traceback" not in result.stderr
