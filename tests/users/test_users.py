"""Accounts, passwords and login: hashing, rules, the growing lockout, the last Admin."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from desktop_app.core.errors import ConflictError, PermissionDeniedError, ValidationError
from desktop_app.db.models import AuditEntry, User
from desktop_app.users.accounts import (
    LoginRefused,
    authenticate,
    change_own_password,
    create_first_admin,
    create_user,
    deactivate_user,
    has_users,
    list_users,
    lock_seconds,
    login_or_refusal,
    set_password,
    update_user,
)
from tests import keyed
from tests.users.conftest import act_as

NOW = datetime(2026, 11, 23, 8, 0, 0)


@pytest.fixture
def admin(session):
    record = create_first_admin(
        session, username=" Admin ", full_name="Rina  Kusuma", password="kunci-rahasia"
    )
    session.commit()
    return record


def fail(session, username="admin", password="salah-sekali", now=NOW) -> LoginRefused:
    result = login_or_refusal(session, username=username, password=password, now=now)
    assert isinstance(result, LoginRefused)
    session.commit()  # the refusal's bookkeeping is kept
    return result


def test_first_admin_is_created_once_with_a_hashed_password(session, admin):
    assert (admin.username, admin.full_name, admin.role) == ("admin", "Rina Kusuma", "admin")
    stored = session.scalars(select(User)).one()
    assert stored.password_hash.startswith("$argon2id$")
    assert "kunci-rahasia" not in stored.password_hash
    with pytest.raises(ConflictError):
        create_first_admin(session, username="lain", full_name="Lain", password="kunci-rahasia")
    assert has_users(session)


def test_the_clear_password_appears_nowhere_in_the_database(session, admin):
    authenticate(session, username="admin", password="kunci-rahasia", now=NOW)
    fail(session)
    session.commit()
    for entry in session.scalars(select(AuditEntry)):
        assert "kunci-rahasia" not in repr(entry.changes) + (entry.summary or "")
        assert "salah-sekali" not in repr(entry.changes) + (entry.summary or "")


def test_password_and_account_rules(session, admin):
    act_as(session, "admin", "admin")
    with pytest.raises(ValidationError) as error:
        create_user(session, username="A b", full_name="", role="raja", password="pendek")
    assert error.value.for_field("username").startswith("Nama pengguna 3-60 karakter")
    assert error.value.for_field("full_name") == "Nama lengkap wajib diisi"
    assert error.value.for_field("role") == "Peran wajib dipilih"
    assert error.value.for_field("password") == "Kata sandi paling sedikit 10 karakter"
    with pytest.raises(ValidationError) as error:
        create_user(session, username="ADMIN", full_name="X", role="operator", password="12345678")
    assert error.value.for_field("username") == "Nama pengguna admin sudah dipakai"
    with pytest.raises(ValidationError) as error:
        create_user(session, username="budi", full_name="Budi", role="operator", password="Budi")
    assert error.value.for_field("password") == "Kata sandi paling sedikit 10 karakter"
    with pytest.raises(ValidationError) as error:
        create_user(
            session, username="budi.s", full_name="Budi", role="operator", password="BUDI.S"
        )
    with pytest.raises(ValidationError) as error:
        create_user(
            session,
            username="budisantoso",
            full_name="Budi",
            role="operator",
            password="BudiSantoso",
        )
    assert error.value.for_field("password") == "Kata sandi tidak boleh sama dengan nama pengguna"
    session.rollback()
    assert [u.username for u in session.scalars(select(User))] == ["admin"]


def test_right_password_logs_in_and_is_audited(session, admin):
    user = authenticate(session, username="ADMIN", password="kunci-rahasia", now=NOW)
    session.commit()
    assert (user.username, user.role, user.last_login) == ("admin", "admin", NOW)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "login")).one()
    assert (entry.username, entry.entity_id, entry.summary) == (
        "admin",
        str(admin.id),
        "Berhasil masuk",
    )


def test_wrong_password_fails_and_the_lockout_grows(session, admin):
    for _attempt in range(1, 5):
        refusal = fail(session)
        assert str(refusal) == "Nama pengguna atau kata sandi salah"
        assert refusal.locked_until is None
    refusal = fail(session)  # 5th failure: locked 30 s
    assert refusal.locked_until == NOW + timedelta(seconds=30)
    assert "Coba lagi setelah pukul" in str(refusal)
    # While locked even the right password is refused, and the lock does not grow.
    locked = fail(session, password="kunci-rahasia", now=NOW + timedelta(seconds=10))
    assert locked.locked_until == NOW + timedelta(seconds=30)
    assert str(locked).startswith("Akun dikunci sementara")
    # After the lock, another wrong password doubles it.
    later = NOW + timedelta(seconds=31)
    assert fail(session, now=later).locked_until == later + timedelta(seconds=60)
    later2 = later + timedelta(seconds=61)
    assert fail(session, now=later2).locked_until == later2 + timedelta(seconds=120)
    # The right password after the lock works and resets the count.
    ok_time = later2 + timedelta(seconds=121)
    user = authenticate(session, username="admin", password="kunci-rahasia", now=ok_time)
    session.commit()
    assert (user.failed_logins, user.locked_until) == (0, None)
    failures = session.scalars(
        select(AuditEntry.summary).where(AuditEntry.action == "login_failed")
    ).all()
    assert len(failures) == 8
    assert "Gagal masuk: kata sandi salah (7 kali berturut-turut)" in failures


def test_lock_durations_double_up_to_an_hour():
    assert [lock_seconds(n) for n in (1, 4, 5, 6, 7, 10, 20)] == [0, 0, 30, 60, 120, 960, 3600]


def test_unknown_user_gets_the_same_message_and_no_name_is_logged(session, admin):
    refusal = fail(session, username="kunci-rahasia")  # a password typed as the name
    assert str(refusal) == "Nama pengguna atau kata sandi salah"
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "login_failed")).one()
    assert entry.username is None and "kunci-rahasia" not in (entry.summary or "")


def test_login_bookkeeping_is_written_even_when_a_pimpinan_session_is_open(session, admin):
    act_as(session, "admin", "admin")
    create_user(
        session, username="kepala", full_name="Kepala", role="pimpinan", password="pimpinan-1"
    )
    session.commit()
    act_as(session, "pimpinan", "kepala")  # e.g. the idle lock asks for the password again
    fail(session, username="kepala")
    assert session.scalars(select(User.failed_logins).where(User.username == "kepala")).one() == 1
    assert session.info["role"] == "pimpinan"


def test_only_admin_manages_users_and_the_last_admin_stays(session, admin):
    act_as(session, "admin", "admin")
    operator = create_user(
        session, username="ani", full_name="Ani", role="operator", password="operator-1"
    )
    with pytest.raises(ConflictError, match="satu-satunya Admin aktif"):
        deactivate_user(session, user_id=admin.id)
    with pytest.raises(ConflictError, match="satu-satunya Admin aktif"):
        update_user(session, user_id=admin.id, full_name="Rina", role="operator")
    promoted = update_user(session, user_id=operator.id, full_name="Ani Lestari", role="admin")
    assert promoted.role == "admin"
    assert deactivate_user(session, user_id=admin.id).active is False
    session.commit()
    assert [(u.username, u.active) for u in list_users(session)] == [
        ("ani", True),
        ("admin", False),
    ]
    act_as(session, "operator", "budi")
    for attempt in (
        lambda: list_users(session),
        lambda: set_password(session, user_id=operator.id, password="baru-sekali-9"),
        lambda: deactivate_user(session, user_id=operator.id),
    ):
        with pytest.raises(PermissionDeniedError):
            attempt()


def test_deactivated_user_cannot_log_in(session, admin):
    act_as(session, "admin", "admin")
    other = create_user(
        session, username="ani", full_name="Ani", role="operator", password="operator-1"
    )
    deactivate_user(session, user_id=other.id)
    session.commit()
    refusal = fail(session, username="ani", password="operator-1")
    assert str(refusal) == "Akun ini sudah dinonaktifkan. Hubungi Admin."


def test_admin_reset_lifts_a_lock_and_users_change_their_own_password(session, admin):
    act_as(session, "admin", "admin")
    other = create_user(
        session, username="ani", full_name="Ani", role="operator", password="operator-1"
    )
    session.commit()
    for _ in range(5):
        fail(session, username="ani")
    act_as(session, "admin", "admin")
    set_password(session, user_id=other.id, password="sandi-baru-1")
    session.commit()
    assert authenticate(session, username="ani", password="sandi-baru-1", now=NOW).username == "ani"
    act_as(session, "operator", "ani")
    with pytest.raises(ValidationError) as error:
        change_own_password(session, username="ani", current_password="x", new_password="abcdefgh")
    assert error.value.for_field("current_password") == "Kata sandi saat ini salah"
    change_own_password(
        session, username="ani", current_password="sandi-baru-1", new_password="sandi-ketiga-3"
    )
    session.commit()
    assert (
        authenticate(session, username="ani", password="sandi-ketiga-3", now=NOW).username == "ani"
    )


def test_forgotten_admin_password_is_recovered_with_the_key_written_down(session, admin, database):
    from desktop_app.core import vault
    from desktop_app.users.recovery import issue_recovery_key, recover_admin_password

    key = issue_recovery_key(session)
    session.commit()
    # Nothing beside the database holds the key: only its slot and, in the file, its hash.
    beside = b"".join(p.read_bytes() for p in database.path.parent.rglob("*") if p.is_file())
    assert key.encode() not in beside and "KUNCI-PEMULIHAN" not in str(
        list(database.path.parent.rglob("*"))
    )
    assert vault.unlock_with_recovery(database.path, key) == keyed.cipher.key_for(database.path)
    for _ in range(6):
        fail(session)  # locked out as well

    with pytest.raises(ValidationError) as wrong:
        recover_admin_password(
            session, recovery_key="AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", username="admin",
            new_password="sandi-baru-1",
        )  # fmt: skip
    assert wrong.value.for_field("key") == "Kunci pemulihan salah atau sudah tidak berlaku"
    session.rollback()
    typed = key.lower().replace("-", " ")  # typed by hand, any case and spacing
    user, new_key = recover_admin_password(
        session, recovery_key=typed, username="admin", new_password="sandi-baru-1"
    )
    session.commit()
    assert (user.failed_logins, user.locked_until) == (0, None)
    assert authenticate(session, username="admin", password="sandi-baru-1").username == "admin"
    assert new_key != key
    with pytest.raises(ValidationError):  # the key is used up
        recover_admin_password(
            session, recovery_key=key, username="admin", new_password="sandi-lain-2"
        )
