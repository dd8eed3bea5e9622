"""Pengaturan > Cadangan > Enkripsi cadangan, driven through its widgets; encrypted restores."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop_app.backup.backup import make_backup
from desktop_app.core.database import Database
from desktop_app.settings.store import get_settings
from desktop_app.ui.backup import BackupSettingsPage
from desktop_app.ui.backup.password_dialog import BackupPasswordDialog
from desktop_app.ui.exit_codes import RESTART_EXIT_CODE

from .conftest import add_children, child_names

PASSWORD = "rahasia-dinas-2026"
SCREENSHOT = "/tmp/backup_enc.png"


def _stored_password(database: Database) -> str:
    with database.sessions() as session:
        return get_settings(session).backup_password


def _type_passwords(qtbot, page: BackupSettingsPage, first: str, second: str) -> None:
    fields = page.encryption.passwords
    qtbot.keyClicks(fields.password, first)
    qtbot.keyClicks(fields.repeat, second)
    qtbot.mouseClick(page.encryption.save_button, Qt.MouseButton.LeftButton)


def test_setting_the_password_through_the_fields_stores_it(qtbot, page, with_children) -> None:
    section = page.encryption
    assert "tidak dienkripsi" in section.state_label.text()
    assert "tidak dapat dipulihkan" in section.warning.text()
    assert not section.clear_button.isEnabled()
    _type_passwords(qtbot, page, PASSWORD, PASSWORD)
    assert _stored_password(with_children) == PASSWORD
    assert section.passwords.password.text() == "" and section.passwords.repeat.text() == ""
    assert section.status.text() == "Kata sandi cadangan disimpan."
    assert ".sqlite3.enc" in section.state_label.text() and section.clear_button.isEnabled()


def test_mismatched_repeat_is_shown_inline_and_stores_nothing(qtbot, page, with_children):
    _type_passwords(qtbot, page, PASSWORD, PASSWORD + "x")
    assert page.encryption.errors.message("password_repeat") == "Kedua kata sandi tidak sama"
    assert page.encryption.errors.message("password") == ""
    assert _stored_password(with_children) == ""


def test_too_short_password_is_shown_under_its_field(qtbot, page, with_children) -> None:
    _type_passwords(qtbot, page, "pendek", "pendek")
    errors = page.encryption.errors
    assert errors.message("password") == "Kata sandi paling sedikit 10 karakter"
    assert _stored_password(with_children) == ""


def test_removing_the_password_after_confirmation(qtbot, page, with_children, boxes) -> None:
    _type_passwords(qtbot, page, PASSWORD, PASSWORD)
    qtbot.mouseClick(page.encryption.clear_button, Qt.MouseButton.LeftButton)
    assert boxes["shown"][-1][0] == "Hapus kata sandi cadangan?"
    assert _stored_password(with_children) == ""
    assert not page.encryption.clear_button.isEnabled()


def test_only_an_admin_sees_the_section(qtbot, runner, with_children) -> None:
    runner.role = "operator"
    page = BackupSettingsPage(runner, with_children)
    qtbot.addWidget(page)
    assert page.encryption is None


def test_backups_list_marks_encrypted_ones_and_restore_uses_the_password(
    qtbot, page, with_children, boxes
) -> None:
    _type_passwords(qtbot, page, PASSWORD, PASSWORD)
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    assert page.backups[0].path.name.endswith("-manual.sqlite3.enc")
    assert page.table.item(0, 3).text() == "Ya"
    page.grab().save(SCREENSHOT)
    add_children(with_children, "Sesudah Cadangan")
    page.table.selectRow(0)
    page.ask_password = lambda *_args: pytest.fail("the configured password should do")
    with qtbot.waitSignal(page.restored):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert child_names(with_children.path) == ["Budi Santoso", "Siti Aminah"]


def test_a_backup_with_another_password_asks_until_right_or_cancelled(
    qtbot, page, with_children, boxes, tmp_path
) -> None:
    other = make_backup(with_children, folder=tmp_path, password="kata-sandi-lama")
    add_children(with_children, "Sesudah Cadangan")
    page.ask_backup_file = lambda: str(other.path)
    asked: list[tuple[str, str]] = []
    answers = iter(["masih-salah-1", None])
    page.ask_password = lambda name, problem: asked.append((name, problem)) or next(answers)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert asked == [
        (other.path.name, ""),  # nothing configured: asked without an error first
        (other.path.name, "Kata sandi salah atau berkas rusak"),
    ]
    assert "Sesudah Cadangan" in child_names(with_children.path)
    assert page.isEnabled() and page.restore_button.isEnabled()
    page.ask_password = lambda name, problem: "kata-sandi-lama"
    with qtbot.waitSignal(page.restored):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert child_names(with_children.path) == ["Budi Santoso", "Siti Aminah"]


def test_password_dialog_needs_some_text_and_shows_the_problem(qtbot) -> None:
    dialog = BackupPasswordDialog("asuh-x.sqlite3.enc", "Kata sandi salah atau berkas rusak")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled() and dialog.error_label.isVisible()
    qtbot.keyClicks(dialog.password, "rahasia")
    assert dialog.ok_button.isEnabled()
    dialog.grab().save("/tmp/backup_enc_dialog.png")


class _Window(QWidget):
    """What ``offer_restore`` uses of the main window: the runner, the database, a parent."""

    def __init__(self, runner, database: Database) -> None:
        super().__init__()
        self.runner, self.database = runner, database


@pytest.fixture
def damaged_start(qtbot, monkeypatch, runner, with_children, boxes, tmp_path):
    """``offer_restore`` as at start-up, able to show its dialogs; returns its inputs and
    the restart exit codes it asked for."""
    from desktop_app.backup.integrity import IntegrityReport
    from desktop_app.ui import startup_checks as app_module

    backup = make_backup(with_children, folder=tmp_path, password=PASSWORD)
    add_children(with_children, "Sesudah Cadangan")
    exits: list[int] = []
    monkeypatch.setattr(app_module, "headless", lambda: False)
    monkeypatch.setattr(app_module.QApplication, "exit", exits.append)
    report = IntegrityReport(False, ("rusak",), "Basis data rusak.", backup.path)
    window = _Window(runner, with_children)
    qtbot.addWidget(window)
    return app_module, window, report, exits


def test_start_up_restore_asks_for_the_password_of_an_encrypted_backup(
    monkeypatch, damaged_start, with_children, boxes
) -> None:
    from desktop_app.ui.backup import password_dialog

    app_module, window, report, exits = damaged_start
    asked: list[str] = []
    answers = iter(["bukan-yang-ini", PASSWORD])

    def answer(_parent, *, name: str, problem: str) -> str:
        asked.append(problem)
        return next(answers)

    monkeypatch.setattr(password_dialog, "ask_backup_password", answer)
    app_module.offer_restore(window, report)
    assert asked == ["", "Kata sandi salah atau berkas rusak"]
    assert exits == [RESTART_EXIT_CODE]
    assert child_names(with_children.path) == ["Budi Santoso", "Siti Aminah"]


def test_start_up_restore_cancelled_at_the_password_changes_nothing(
    monkeypatch, damaged_start, with_children
) -> None:
    from desktop_app.ui.backup import password_dialog

    app_module, window, report, exits = damaged_start
    monkeypatch.setattr(password_dialog, "ask_backup_password", lambda *_a, **_k: None)
    app_module.offer_restore(window, report)
    assert exits == [] and "Sesudah Cadangan" in child_names(with_children.path)
