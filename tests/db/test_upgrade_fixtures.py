"""Every released schema's frozen database upgrades to this build's head with every row intact
(STYLE.md rule 12), and a database from a newer Asuh is refused and left byte for byte as it was.

``tests/fixtures/asuh-0001.sqlite3`` was written once by ``make_fixture_0001.py`` at schema 0001
with rows in every table. The tests work whatever the head is: they compare each fixture row's
0001 columns with the same columns after the upgrade.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.core.database import open_database
from desktop_app.core.paths import sqlite_url
from desktop_app.db.migrate import SchemaTooNewError
from desktop_app.db.models import AidPayment, Child, Visit
from desktop_app.db.schema_version import HEAD_REVISION
from tests import keyed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FIXTURE_0001 = FIXTURES / "asuh-0001.sqlite3"
#: Tables the fixture script filled (alembic_version aside); each must keep all its rows.
FILLED_TABLES = (
    "kecamatan", "desa", "posyandu", "opd", "guardians", "programmes", "children",
    "assignments", "visits", "aid_payments", "users", "audit_log", "settings", "kbm_thresholds",
)  # fmt: skip


def _rows(path: Path, table: str, columns: list[str] | None = None) -> dict[tuple, tuple]:
    """``{primary key: row}`` of ``table``, restricted to ``columns`` (all when None)."""
    conn = keyed.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        names = columns or [col[1] for col in info]
        keys = [col[1] for col in sorted(info, key=lambda c: c[5]) if col[5]]
        selected = ", ".join(keys + names)
        result = {}
        for row in conn.execute(f"SELECT {selected} FROM {table}"):
            result[tuple(row[: len(keys)])] = tuple(row[len(keys) :])
        return result
    finally:
        conn.close()


def _columns(path: Path, table: str) -> list[str]:
    conn = keyed.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [col[1] for col in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


@pytest.fixture
def upgraded(tmp_path: Path):
    path = tmp_path / "asuh.sqlite3"
    shutil.copyfile(FIXTURE_0001, path)
    database = open_database(sqlite_url(path))
    yield database
    database.dispose()


def test_fixture_is_schema_0001_with_rows_in_every_table() -> None:
    with sqlite3.connect(f"{FIXTURE_0001.as_uri()}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        for table in FILLED_TABLES:
            assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] >= 1, table


@pytest.mark.parametrize("table", FILLED_TABLES)
def test_every_row_survives_the_upgrade_with_its_values(upgraded, table: str) -> None:
    before_columns = _columns(FIXTURE_0001, table)
    if table == "children":  # 0004 rewrites it on purpose (tokens, not numbers): tested below
        before_columns.remove("search_text")
    after = _rows(upgraded.path, table, before_columns)
    before = _rows(FIXTURE_0001, table, before_columns)
    assert before  # the fixture really has rows here
    # A migration may add rows (e.g. a seeded setting) but must keep and not alter ours.
    assert {key: after.get(key) for key in before} == before


def test_upgrade_reaches_head_and_keeps_a_pre_upgrade_backup(upgraded) -> None:
    migration = upgraded.migration
    assert migration is not None and migration.to_revision == HEAD_REVISION
    if HEAD_REVISION == "0001":
        assert migration.backup_path is None  # nothing to upgrade, so nothing to back up
        return
    assert migration.from_revision == "0001"
    backup = migration.backup_path
    assert backup is not None and backup.is_file()
    assert backup.name.startswith("asuh.sebelum-0001-")
    with keyed.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    assert _rows(backup, "children") == _rows(FIXTURE_0001, "children")


def test_upgraded_rows_load_through_the_models_with_their_types(upgraded) -> None:
    with upgraded.sessions() as session:
        siti = session.scalars(select(Child).where(Child.name == "Siti Aminah")).one()
        assert siti.nik == "3271014501230001"
        assert siti.birth_date == date(2023, 1, 5)
        assert siti.risk_factors == ["air_bersih", "perokok"]
        assert siti.birth_weight_kg == 2.4
        assert siti.desa is not None and siti.desa.name == "Air Saga"
        visits = session.scalars(
            select(Visit).where(Visit.child_id == siti.id).order_by(Visit.visit_date)
        ).all()
        assert [(v.visit_date, v.zlen, v.oedema) for v in visits] == [
            (date(2025, 9, 10), -2.51, False),
            (date(2025, 10, 12), None, True),
        ]
        paid = session.scalars(select(AidPayment).where(AidPayment.status == "dibayar")).one()
        assert (paid.amount, paid.paid_on) == (450_000, date(2025, 9, 25))


def test_database_from_a_newer_asuh_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "asuh.sqlite3"
    shutil.copyfile(FIXTURE_0001, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_masa_depan'")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="versi Asuh yang lebih baru"):
        open_database(sqlite_url(path))
    assert path.read_bytes() == before
    # no backup, no -wal/-shm beside it (tmp_path also holds the test's isolated data dir)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("asuh.")) == [
        "asuh.sqlite3"
    ]


def test_wal_database_from_a_newer_asuh_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    """The same refusal for a file already in WAL mode (every file Asuh itself wrote)."""
    path = tmp_path / "asuh.sqlite3"
    shutil.copyfile(FIXTURE_0001, path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("UPDATE alembic_version SET version_num = '9999_masa_depan'")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="versi Asuh yang lebih baru"):
        open_database(sqlite_url(path)).dispose()
    assert path.read_bytes() == before
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT COUNT(*) FROM children").fetchone() == (3,)


def test_the_upgrade_takes_full_numbers_out_of_the_search_text(upgraded) -> None:
    with sqlite3.connect(f"{FIXTURE_0001.as_uri()}?mode=ro", uri=True) as conn:
        old = dict(conn.execute("SELECT nik, search_text FROM children WHERE nik IS NOT NULL"))
    assert any(nik in text for nik, text in old.items())  # 0001 kept them readable
    with keyed.connect(upgraded.path) as conn:
        rows = conn.execute("SELECT name, nik, no_kk, search_text FROM children").fetchall()
    for name, nik, no_kk, text in rows:
        assert name.lower() in text
        assert (nik or "-") not in text and (no_kk or "-") not in text
        assert text.count("#") == (nik is not None) + (no_kk is not None)
