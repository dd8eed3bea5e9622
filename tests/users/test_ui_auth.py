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


def test_first_start_shows_the_recovery_key_once_and_the_login_recovers_with_it(
    qtbot, runner, database, tmp_path, monkeypatch
):
    """The key is shown, never written beside the data; typed into "Lupa kata sandi Admin?"
    it opens the encrypted file (its slot) and sets a new password; a new key is shown."""
    from desktop_app.core import vault
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
    first_key = dialog.recovery_key
    assert first_key is not None and first_key in told[-1]
    assert not folder.exists()  # no key file anywhere
    header = vault.header_path(database.path).read_text(encoding="utf-8")
    assert first_key not in header and '"recovery"' in header

    class Unlocker:  # what ui/app.py gives the dialog for an encrypted file not yet open
        def __init__(self) -> None:
            self.keys: list[str] = []

        def with_password(self, username: str, password: str) -> str | None:
            return None

        def with_recovery_key(self, recovery_key: str) -> str | None:
            self.keys.append(recovery_key)
            try:
                vault.unlock_with_recovery(database.path, recovery_key)
            except vault.VaultRefused as refused:
                return str(refused)
            return None

    unlocker = Unlocker()
    login = LoginDialog(runner, recovery_folder=folder, unlocker=unlocker)
    qtbot.addWidget(login)
    login.show()
    assert login.recovery_button.isVisible()
    opened: list[RecoveryDialog] = []
    login.run_dialog = opened.append
    qtbot.mouseClick(login.recovery_button, Qt.MouseButton.LeftButton)
    recovery = opened[0]
    qtbot.keyClicks(recovery.key, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
    qtbot.keyClicks(recovery.passwords.password, "sandi-baru-1")
    qtbot.keyClicks(recovery.passwords.repeat, "sandi-baru-1")
    qtbot.mouseClick(recovery.save_button, Qt.MouseButton.LeftButton)
    assert recovery.new_key is None  # the wrong key did not open the file
    recovery.key.clear()
    qtbot.keyClicks(recovery.key, first_key.lower().replace("-", " "))  # typed by hand
    qtbot.mouseClick(recovery.save_button, Qt.MouseButton.LeftButton)
    assert "sudah diganti" in told[-1]
    assert recovery.new_key is not None and recovery.new_key != first_key
    assert recovery.new_key in told[-1]
    assert unlocker.keys[-1] == first_key  # normalised before unlocking
    with pytest.raises(vault.VaultRefused):  # the used key's slot was replaced
        vault.unlock_with_recovery(database.path, first_key)
    vault.unlock_with_recovery(database.path, recovery.new_key)
    vault.unlock(database.path, "admin", "sandi-baru-1")  # the new password's slot
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
