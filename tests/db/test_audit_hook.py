"""Every ORM change is audited once, with old and new values, user and device."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from desktop_app.db.audit_hook import record_event
from desktop_app.db.base import utcnow
from desktop_app.db.models import AuditEntry, Kecamatan, Opd


def _entries(session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.at, AuditEntry.action)))


def test_create_update_and_soft_delete_are_recorded(database) -> None:
    with database.sessions() as session:
        session.info["actor"] = "operator1"
        opd = Opd(code="1.02", name="Dinas Kesehatan")
        session.add(opd)
        session.commit()
        opd.name = "Dinas Kesehatan dan KB"
        session.commit()
        opd.deleted_at = utcnow()
        session.commit()
        device_id = session.info["device_id"]

        entries = _entries(session)
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert {e.entity for e in entries} == {"opd"}
    assert {e.entity_id for e in entries} == {str(opd.id)}
    assert {e.username for e in entries} == {"operator1"}
    assert entries[0].changes["name"] == [None, "Dinas Kesehatan"]
    assert entries[1].changes == {"name": ["Dinas Kesehatan", "Dinas Kesehatan dan KB"]}
    assert entries[2].changes["deleted_at"][0] is None
    assert opd.device_id == device_id and len(device_id) == 36


def test_unchanged_assignment_records_nothing(database) -> None:
    with database.sessions() as session:
        kec = Kecamatan(name="Tanjungpandan")
        session.add(kec)
        session.commit()
        before = len(_entries(session))
        kec.name = "Tanjungpandan"
        session.commit()
        assert len(_entries(session)) == before


def test_rolled_back_change_leaves_no_audit(database) -> None:
    with database.sessions() as session:
        session.add(Kecamatan(name="Membalong"))
        session.flush()
        session.rollback()
        assert _entries(session) == []


def test_device_id_is_stable_across_opens(database) -> None:
    from desktop_app.core.database import open_database

    first = database.sessions().info["device_id"]
    second = open_database(database.url).sessions().info["device_id"]
    assert first == second


def test_record_event_for_views_and_exports(database) -> None:
    with database.sessions() as session:
        session.info["actor"] = "admin"
        record_event(
            session,
            action="export",
            entity="children",
            entity_id=None,
            summary=f"Ekspor daftar anak {date(2026, 11, 1):%Y-%m}",
        )
        session.commit()
        (entry,) = _entries(session)
    assert (entry.action, entry.username, entry.summary) == (
        "export",
        "admin",
        "Ekspor daftar anak 2026-11",
    )


def test_secrets_and_login_bookkeeping_are_not_copied(database) -> None:
    from desktop_app.db.models import Setting, User

    with database.sessions() as session:
        user = User(username="admin", full_name="Admin", role="admin", password_hash="$argon2id$x")
        session.add(user)
        session.add(Setting(key="admin_recovery_key_hash", value="$argon2id$key"))
        session.add(Setting(key="backup_password", value="rahasia-flashdisk"))  # pushed audit
        session.commit()
        user.password_hash = "$argon2id$y"
        user.failed_logins = 3
        session.commit()
        entries = _entries(session)
    created_user = next(e for e in entries if e.entity == "users" and e.action == "create")
    created_key, created_password = (e for e in entries if e.entity == "settings")
    updated = [e for e in entries if e.entity == "users" and e.action == "update"]
    assert created_user.changes["password_hash"] == [None, "***"]
    assert created_key.changes["value"] == created_password.changes["value"] == [None, "***"]
    assert [e.changes for e in updated] == [{"password_hash": ["***", "***"]}]
    assert "$argon2id" not in repr([e.changes for e in entries])
    assert "rahasia-flashdisk" not in repr([(e.changes, e.summary) for e in entries])


def test_a_copied_database_file_becomes_a_new_device(database, tmp_path) -> None:
    """Laptops prepared from one copied file must not share a device id (sync tells edits
    apart by device); the original keeps its id."""
    import shutil

    from desktop_app.core.database import open_database
    from desktop_app.core.paths import sqlite_url

    original = database.sessions().info["device_id"]
    database.dispose()
    copy = tmp_path / "laptop-2.sqlite3"
    shutil.copyfile(database.path, copy)
    copied = open_database(sqlite_url(copy))
    new_id = copied.sessions().info["device_id"]
    assert new_id != original
    assert open_database(sqlite_url(copy)).sessions().info["device_id"] == new_id
    assert open_database(database.url).sessions().info["device_id"] == original
