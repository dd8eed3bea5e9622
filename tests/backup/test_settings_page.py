"""The backup settings page, driven as a user would: settings, list, back up, restore."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop_app.backup.naming import backup_name
from desktop_app.core.database import Database
from desktop_app.db.models import AuditEntry
from desktop_app.settings.store import get_settings
from desktop_app.ui.backup import BackupSettingsPage

from .conftest import add_children, child_names

SCREENSHOT_DIR = Path("/tmp/asuh-screens")


def _settings(database: Database):
    with database.sessions() as session:
        return get_settings(session)


def test_lists_existing_backups_newest_first_with_date_kind_and_size(qtbot, runner, with_children):
    folder = with_children.path.parent / "cadangan"
    folder.mkdir()
    (folder / backup_name(datetime(2026, 11, 22, 8, 30), "daily")).write_bytes(b"x" * 3000)
    (folder / backup_name(datetime(2026, 11, 23, 17, 5), "manual")).write_bytes(b"x" * 2_500_000)
    (folder / "catatan.txt").write_text("bukan cadangan")
    page = BackupSettingsPage(runner, with_children)
    qtbot.addWidget(page)
    cells = [
        [page.table.item(row, col).text() for col in range(3)]
        for row in range(page.table.rowCount())
    ]
    assert cells == [
        ["23 Nov 2026 17.05", "Manual", "2,4 MB"],
        ["22 Nov 2026 08.30", "Harian", "3 KB"],
    ]
    assert page.folder_edit.text() == str(folder)
    assert (page.keep_daily.value(), page.keep_weekly.value()) == (7, 4)


def test_keep_counts_and_folder_are_saved(qtbot, page, with_children, tmp_path, monkeypatch):
    page.keep_daily.clear()
    qtbot.keyClicks(page.keep_daily, "10")
    page.keep_weekly.setValue(2)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    usb = tmp_path / "FLASHDISK"
    usb.mkdir()
    monkeypatch.setattr(page, "ask_folder", lambda: str(usb))
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
    stored = _settings(with_children)
    assert (stored.keep_daily, stored.keep_weekly, stored.backup_dir) == (10, 2, str(usb))
    assert page.folder_edit.text() == str(usb)


def test_back_up_now_writes_a_manual_backup_lists_it_and_audits(qtbot, page, with_children, boxes):
    assert page.table.rowCount() == 0 and page.empty_label.isVisible()
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    files = sorted((with_children.path.parent / "cadangan").iterdir())
    assert len(files) == 1 and files[0].name.endswith("-manual.sqlite3")
    assert child_names(files[0]) == ["Budi Santoso", "Siti Aminah"]
    assert page.table.rowCount() == 1 and page.table.item(0, 1).text() == "Manual"
    assert boxes["shown"][-1][0] == "Cadangan selesai" and files[0].name in boxes["shown"][-1][1]
    with with_children.sessions() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "cadangan")).one()
    assert entry.action == "export" and files[0].name in entry.summary
    assert page.backup_button.isEnabled()
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    page.grab().save(str(SCREENSHOT_DIR / "backup_settings.png"))


def test_restore_selected_backup_after_confirmation(qtbot, page, with_children, boxes):
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    add_children(with_children, "Sesudah Cadangan")
    page.table.selectRow(0)
    with qtbot.waitSignal(page.restored) as restored:
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    title, question = boxes["shown"][-2]
    assert title == "Pulihkan dari cadangan?"
    assert "cadangan manual tanggal" in question and "asuh.sebelum-pulih-" in question
    assert "tidak dihapus" in question
    result = restored.args[0]
    assert child_names(with_children.path) == ["Budi Santoso", "Siti Aminah"]
    assert "Sesudah Cadangan" in child_names(result.set_aside)
    assert boxes["shown"][-1][0] == "Pemulihan selesai" and not page.isEnabled()


def test_restore_cancelled_changes_nothing(qtbot, page, with_children, boxes):
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    add_children(with_children, "Tetap Ada")
    page.table.selectRow(0)
    boxes["accept"] = False
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert "Tetap Ada" in child_names(with_children.path)
    assert not list(with_children.path.parent.glob("*sebelum-pulih*"))
    assert page.isEnabled()


def test_damaged_file_chosen_is_refused_with_a_message(qtbot, page, with_children, boxes, tmp_path):
    damaged = tmp_path / "kiriman.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x13" * 5000)
    page.ask_backup_file = lambda: str(damaged)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert "kiriman.sqlite3" in boxes["shown"][0][1]
    title, text = boxes["shown"][-1]
    assert "rusak atau bukan basis data" in text and "tidak dipulihkan" in text
    assert child_names(with_children.path) == ["Budi Santoso", "Siti Aminah"]
    assert page.isEnabled() and page.restore_button.isEnabled()
