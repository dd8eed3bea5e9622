"""Login, first Admin and idle lock, driven as a user would (pytest-qt, synchronous runner)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop_app.db.models import AuditEntry, User
from desktop_app.ui.auth.first_admin import FirstAdminDialog
from desktop_app.ui.auth.identity import sign_in
from desktop_app.ui.auth.idle_lock import IdleLock
from desktop_app.ui.auth.login_dialog import LoginDialog
from desktop_app.users.accounts import create_first_admin


@pytest.fixture
def admin(database):
    with database.sessions() as session:
        record = create_first_admin(
            session, username="admin", full_name="Rina Kusuma", password="kunci-rahasia"
        )
        session.commit()
    return record


def users(database) -> list[User]:
    with database.sessions() as session:
        return list(session.scalars(select(User)))


def test_first_admin_dialog_checks_the_repeat_then_creates_the_admin(qtbot, runner, database):
    dialog = FirstAdminDialog(runner)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.full_name, "Rina Kusuma")
    qtbot.keyClicks(dialog.passwords.password, "kunci-rahasia")
    qtbot.keyClicks(dialog.passwords.repeat, "kunci-rahasiA")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("password_repeat") == "Kedua kata sandi tidak sama"
    assert users(database) == []

    dialog.passwords.repeat.clear()
    qtbot.keyClicks(dialog.passwords.repeat, "kunci-rahasia")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert (saved.args[0].username, saved.args[0].role) == ("admin", "admin")
    [stored] = users(database)
    assert (stored.full_name, stored.role) == ("Rina Kusuma", "admin")


def test_first_admin_dialog_shows_the_services_field_errors(qtbot, runner, database):
    dialog = FirstAdminDialog(runner)
    qtbot.addWidget(dialog)
    dialog.username.setText("Ad min")
    qtbot.keyClicks(dialog.passwords.password, "pendek")
    qtbot.keyClicks(dialog.passwords.repeat, "pendek")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("full_name") == "Nama lengkap wajib diisi"
    assert dialog.errors.message("password") == "Kata sandi paling sedikit 10 karakter"
    assert dialog.errors.message("username").startswith("Nama pengguna 3-60 karakter")
    assert users(database) == []


def test_login_refuses_a_wrong_password_counts_it_then_signs_in(qtbot, runner, database, admin):
    dialog = LoginDialog(runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, "salah-sekali")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.error.text() == "Nama pengguna atau kata sandi salah"
    assert dialog.password.text() == ""
    assert [u.failed_logins for u in users(database)] == [1]  # committed despite the refusal

    qtbot.keyClicks(dialog.password, "kunci-rahasia")
    with qtbot.waitSignal(dialog.logged_in) as signed:
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    sign_in(runner, signed.args[0])
    assert (runner.actor, runner.role) == ("admin", "admin")
    with database.sessions() as session:
        logins = select(AuditEntry.action).where(AuditEntry.action.like("login%"))
        actions = session.scalars(logins.order_by(AuditEntry.at)).all()
    assert actions == ["login_failed", "login"]


def test_empty_fields_are_not_sent(qtbot, runner, database, admin):
    dialog = LoginDialog(runner)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Isi nama pengguna dan kata sandi."
    assert [u.failed_logins for u in users(database)] == [0]


def test_idle_lock_covers_the_window_until_the_password_is_given(qtbot, runner, admin):
    from PySide6.QtWidgets import QLabel, QMainWindow

    window = QMainWindow()
    window.setCentralWidget(QLabel("Budi Santoso 3271012345670001"))
    window.resize(600, 400)
    qtbot.addWidget(window)
    window.show()
    runner.actor = "admin"
    now = [1000.0]
    lock = IdleLock(window, runner, timeout_minutes=10, clock=lambda: now[0])
    now[0] += 9 * 60
    lock.check()
    assert not lock.is_locked
    qtbot.mouseMove(window.centralWidget())  # activity restarts the count
    now[0] += 9 * 60
    lock.check()
    assert not lock.is_locked
    now[0] += 60
    with qtbot.waitSignal(lock.locked):
        lock.check()
    assert lock.cover.isVisible() and lock.cover.geometry() == window.rect()
    dialog = lock.dialog
    assert dialog.username.isReadOnly() and dialog.username.text() == "admin"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and lock.is_locked  # Esc does not unlock

    qtbot.keyClicks(dialog.password, "salah-sekali")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert lock.is_locked and dialog.error.isVisible()
    qtbot.keyClicks(dialog.password, "kunci-rahasia")
    with qtbot.waitSignal(lock.unlocked):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not lock.is_locked


def test_first_start_writes_a_recovery_key_and_the_login_recovers_with_it(
    qtbot, runner, database, tmp_path, monkeypatch
):
    from desktop_app.ui.auth.recovery_dialog import RecoveryDialog
    from desktop_app.ui.widgets import messages

    told: list[str] = []
    monkeypatch.setattr(messages, "run_box", lambda box: told.append(box.text()))
    folder = tmp_path / "cadangan"
    dialog = FirstAdminDialog(runner, recovery_folder=folder)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.full_name, "Rina Kusuma")
    qtbot.keyClicks(dialog.passwords.password, "kunci-rahasia")
    qtbot.keyClicks(dialog.passwords.repeat, "kunci-rahasia")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    key_file = folder / "KUNCI-PEMULIHAN-ADMIN-ASUH.txt"
    assert key_file.exists() and str(key_file) in told[-1]
    first_key = key_file.read_text(encoding="utf-8")

    login = LoginDialog(runner, recovery_folder=folder)
    qtbot.addWidget(login)
    login.show()
    assert login.recovery_button.isVisible()
    opened: list[RecoveryDialog] = []
    login.run_dialog = opened.append
    qtbot.mouseClick(login.recovery_button, Qt.MouseButton.LeftButton)
    recovery = opened[0]
    recovery.pick_file = lambda: str(key_file)
    qtbot.mouseClick(recovery.browse_button, Qt.MouseButton.LeftButton)
    assert len(recovery.key.text()) == 35
    qtbot.keyClicks(recovery.passwords.password, "sandi-baru-1")
    qtbot.keyClicks(recovery.passwords.repeat, "sandi-baru-1")
    qtbot.mouseClick(recovery.save_button, Qt.MouseButton.LeftButton)
    assert "sudah diganti" in told[-1]
    assert key_file.read_text(encoding="utf-8") != first_key  # the used key was replaced
    assert login.username.text() == "admin"
    qtbot.keyClicks(login.password, "sandi-baru-1")
    with qtbot.waitSignal(login.logged_in):
        qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)


def test_sign_in_at_start_first_admin_then_login(runner, monkeypatch, tmp_path):
    from desktop_app.ui.auth.startup import sign_in_at_start
    from desktop_app.ui.widgets import messages

    monkeypatch.setattr(messages, "run_box", lambda box: None)

    def create(dialog):
        dialog.full_name.setText("Rina Kusuma")
        dialog.passwords.password.setText("kunci-rahasia")
        dialog.passwords.repeat.setText("kunci-rahasia")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(FirstAdminDialog, "exec", create)
    user = sign_in_at_start(runner, has_users=False, recovery_folder=tmp_path)
    assert (user.username, runner.actor, runner.role) == ("admin", "admin", "admin")
    runner.actor = runner.role = None

    def login(dialog, password="kunci-rahasia"):
        dialog.username.setText("admin")
        dialog.password.setText(password)
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", lambda d: login(d, "salah-sekali"))
    assert sign_in_at_start(runner, has_users=True, recovery_folder=tmp_path) is None
    assert runner.actor is None
    monkeypatch.setattr(LoginDialog, "exec", login)
    assert sign_in_at_start(runner, has_users=True, recovery_folder=tmp_path).role == "admin"
    assert runner.role == "admin"
