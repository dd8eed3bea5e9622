"""The audit log is append-only and hash-chained: what an attacker with sqlite3 does is found."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from desktop_app.audit.integrity import verify_audit_log
from desktop_app.cli import main
from desktop_app.core.masking import mask_nik
from desktop_app.db import audit_chain
from desktop_app.db.audit_hook import mask_identifier, record_event
from desktop_app.db.models import AuditEntry, Opd
from tests import keyed
from tests.conftest import add_cli_admin

MIGRATION = Path(__file__).parents[2] / "desktop_app/db/migrations/versions/0004_audit_chain.py"


def _write_history(database, n: int = 6) -> list[Opd]:
    """``n`` OPDs created and each renamed once, as an operator: 2n chained entries."""
    offices = []
    with database.sessions() as session:
        session.info["actor"] = "operator1"
        for i in range(n):
            office = Opd(code=f"1.{i:02d}", name=f"Dinas {i}")
            session.add(office)
            session.commit()
            office.name = f"Dinas {i} dan KB"
            session.commit()
            offices.append(office)
        record_event(session, action="view", entity="children", entity_id=None, summary="lihat")
        session.commit()
    return offices


def _raw(database):
    """What an attacker holding the file and its key does with sqlite3."""
    return keyed.connect(database.path)


def _verify(database):
    with database.sessions() as session:
        result = verify_audit_log(session)
        session.commit()
    return result


def test_every_entry_is_chained_in_order_and_the_chain_verifies(database) -> None:
    _write_history(database)
    with database.sessions() as session:
        rows = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    assert [row.seq for row in rows] == list(range(1, 14))
    assert rows[0].prev_hash == audit_chain.GENESIS
    assert all(b.prev_hash == a.row_hash for a, b in zip(rows, rows[1:], strict=False))
    result = _verify(database)
    assert result.intact
    assert result.report.rows == 13
    assert "utuh: 13 baris diperiksa" in result.message
    with database.sessions() as session:  # the check itself is recorded, chained as row 14
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert (last.seq, last.action, last.summary) == (
        14,
        "verify",
        "Pemeriksaan keutuhan riwayat: utuh",
    )


def test_update_and_delete_are_refused_by_the_database_itself(database) -> None:
    _write_history(database, 2)
    with (
        _raw(database) as raw,
        pytest.raises(keyed.cipher.dbapi.IntegrityError, match="tidak dapat diubah"),
    ):
        raw.execute("UPDATE audit_log SET summary = 'palsu' WHERE seq = 2")
    with (
        _raw(database) as raw,
        pytest.raises(keyed.cipher.dbapi.IntegrityError, match="tidak dapat dihapus"),
    ):
        raw.execute("DELETE FROM audit_log WHERE seq = 2")
    with database.sessions() as session, pytest.raises(Exception, match="tidak dapat dihapus"):
        session.execute(delete(AuditEntry))  # the ORM bulk delete that once removed 9 rows
    with database.sessions() as session:
        assert session.scalar(select(func.count(AuditEntry.id))) == 5  # 2 x 2 + the view


def _drop_triggers(raw) -> None:
    raw.execute("DROP TRIGGER audit_log_append_only_update")
    raw.execute("DROP TRIGGER audit_log_append_only_delete")


def test_a_row_changed_with_raw_sql_is_named(database) -> None:
    _write_history(database)
    with _raw(database) as raw:  # an attacker with sqlite3 removes the triggers first
        _drop_triggers(raw)
        raw.execute("UPDATE audit_log SET username = 'admin' WHERE seq = 5")
    result = _verify(database)
    assert not result.intact
    assert (result.report.broken_seq, result.report.reason) == (5, "content")
    assert result.message.startswith("Riwayat perubahan TIDAK utuh: baris #5 (")
    assert "4 baris sebelumnya utuh" in result.message


def test_a_deleted_row_and_a_recomputed_content_hash_are_found(database) -> None:
    _write_history(database)
    with _raw(database) as raw:
        _drop_triggers(raw)
        raw.execute("DELETE FROM audit_log WHERE seq = 7")
    assert (_verify(database).report.broken_seq, _verify(database).report.reason) == (8, "gap")

    with database.sessions() as session:  # a smarter attacker also recomputes the content hash
        entry = session.scalars(select(AuditEntry).where(AuditEntry.seq == 3)).one()
        row = {key: getattr(entry, key) for key in audit_chain.CONTENT_COLUMNS}
    forged = row | {"username": "admin", "changes": {}}
    with _raw(database) as raw:
        raw.execute(
            "UPDATE audit_log SET username='admin', changes='{}', content_hash=? WHERE seq = 3",
            (audit_chain.content_hash(forged),),
        )
    report = _verify(database).report
    assert (report.broken_seq, report.reason) == (3, "link")


def test_a_row_inserted_outside_the_app_makes_the_trail_not_whole(database) -> None:
    _write_history(database, 1)
    with _raw(database) as raw:
        raw.execute(
            "INSERT INTO audit_log (id, at, username, action, entity, summary, changes) VALUES "
            "('00000000000000000000000000000001', '2026-12-01 08:00:00.000000', 'admin', "
            "'view', 'children', 'NIK lengkap ditampilkan', '{}')"
        )
    result = _verify(database)
    assert not result.intact and result.report.unchained == 1
    assert "1 baris tidak tercatat dalam rantai" in result.message


def test_identity_numbers_are_recorded_masked_like_on_screen() -> None:
    for value in ("3271012345670001", "199501012020121001", "12345", "1234567"):
        assert mask_identifier(value) == mask_nik(value)


def test_the_migration_chains_with_the_same_rule_as_the_app(database) -> None:
    spec = importlib.util.spec_from_file_location("m0004", MIGRATION)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    _write_history(database, 1)
    with database.sessions() as session:
        for entry in session.scalars(select(AuditEntry)):
            row = {key: getattr(entry, key) for key in audit_chain.CONTENT_COLUMNS}
            expected = audit_chain.content_hash(row)
            assert entry.content_hash == expected
            import hashlib

            assert hashlib.sha256(migration._canonical(row).encode()).hexdigest() == expected


def test_cli_verify_says_whole_then_names_the_broken_row(database, capsys) -> None:
    add_cli_admin(database)  # asuh commands sign in (ASUH_USER/ASUH_PASSWORD, see conftest)
    _write_history(database, 2)
    assert main(["--db", str(database.path), "audit", "verify"]) == 0
    assert "Riwayat perubahan utuh" in capsys.readouterr().out
    with _raw(database) as raw:
        _drop_triggers(raw)
        raw.execute("UPDATE audit_log SET summary = 'palsu' WHERE seq = 2")
    assert main(["--db", str(database.path), "audit", "verify"]) == 1
    assert "TIDAK utuh: baris #" in capsys.readouterr().out
