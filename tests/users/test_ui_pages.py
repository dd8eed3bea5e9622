"""Pengguna and Riwayat perubahan pages: what the admin sees and what clicking stores."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from desktop_app.db.models import AuditEntry, User
from desktop_app.ui.audit.model import AuditTableModel
from desktop_app.ui.audit.page import AuditPage
from desktop_app.ui.users.dialogs import PasswordDialog, UserDialog
from desktop_app.ui.users.page import UsersPage
from desktop_app.ui.widgets import messages
from desktop_app.users.accounts import authenticate, create_first_admin, create_user


@pytest.fixture
def accounts(database):
    with database.sessions() as session:
        create_first_admin(
            session, username="admin", full_name="Rina Kusuma", password="kunci-rahasia"
        )
        create_user(session, username="ani", full_name="Ani Lestari", role="operator",
                    password="operator-1")  # fmt: skip
        session.commit()


@pytest.fixture
def answers(monkeypatch):
    """Message boxes answered "yes"; their texts collected."""
    told: list[str] = []

    def run_box(box: QMessageBox):
        told.append(box.text())
        return QMessageBox.ButtonRole.AcceptRole

    monkeypatch.setattr(messages, "run_box", run_box)
    return told


@pytest.fixture
def page(qtbot, runner, accounts):
    widget = UsersPage(runner)
    qtbot.addWidget(widget)
    opened: list = []
    widget._run = opened.append  # the test drives the dialog itself
    widget.opened = opened
    with qtbot.waitSignal(widget.populated):
        widget.show()
    return widget


def stored(database, username: str) -> User:
    with database.sessions() as session:
        return session.scalars(select(User).where(User.username == username)).one()


def column(model, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_users_page_lists_accounts(page, qtmodeltester):
    assert column(page.model, 0) == ["admin", "ani"]
    assert column(page.model, 2) == ["Admin", "Operator"]
    assert column(page.model, 3) == ["Aktif", "Aktif"]
    assert page.count_label.text() == "2 pengguna"
    assert not page.edit_button.isEnabled()
    qtmodeltester.check(page.model)


def test_adding_a_user_through_the_dialog_stores_it(qtbot, page, database):
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog: UserDialog = page.opened[-1]
    qtbot.keyClicks(dialog.username, "kepala.dinas")
    qtbot.keyClicks(dialog.full_name, "Drs. Hendra")
    dialog.role.setCurrentIndex(dialog.role.findData("pimpinan"))
    assert dialog.role_hint.text().startswith("Hanya melihat dan mencetak")
    qtbot.keyClicks(dialog.passwords.password, "pimpinan-1")
    qtbot.keyClicks(dialog.passwords.repeat, "pimpinan-1")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    user = stored(database, "kepala.dinas")
    assert (user.full_name, user.role, user.active) == ("Drs. Hendra", "pimpinan", True)
    assert column(page.model, 0) == ["admin", "ani", "kepala.dinas"]


def test_reset_password_and_deactivate(qtbot, page, database, answers):
    page.select_username("ani")
    qtbot.mouseClick(page.password_button, Qt.MouseButton.LeftButton)
    dialog: PasswordDialog = page.opened[-1]
    qtbot.keyClicks(dialog.passwords.password, "sandi-baru-1")
    qtbot.keyClicks(dialog.passwords.repeat, "sandi-baru-1")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with database.sessions() as session:
        assert authenticate(session, username="ani", password="sandi-baru-1").username == "ani"

    page.select_username("ani")
    assert page.active_button.text() == "Nonaktifkan"
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert answers[-1].startswith("Ani Lestari tidak akan dapat masuk lagi")
    assert stored(database, "ani").active is False
    assert column(page.model, 3) == ["Aktif", "Nonaktif"]
    page.select_username("ani")
    assert page.active_button.text() == "Aktifkan"


def test_the_last_admin_cannot_be_deactivated_from_the_page(qtbot, page, database, answers):
    page.select_username("admin")
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert "satu-satunya Admin aktif" in answers[-1]
    assert stored(database, "admin").active is True


@pytest.fixture
def audit_page(qtbot, runner, database, accounts):
    with database.sessions() as session:
        session.add(AuditEntry(at=datetime(2026, 11, 22, 3, 0), username="ani", action="update",
                               entity="children", entity_id="x",
                               changes={"name": ["Budi Santoso", "Budi Santosa"],
                                        "nik": [None, "3271012345670001"]}))  # fmt: skip
        session.commit()
    widget = AuditPage(runner)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.populated):
        widget.show()
    return widget


def test_audit_page_lists_filters_and_shows_old_and_new(qtbot, audit_page, qtmodeltester):
    model = audit_page.model
    qtmodeltester.check(model)
    users = column(model, 1)
    assert users.count("ani") == 1 and "admin" in users
    assert audit_page.user_filter.findText("ani") > 0

    audit_page.user_filter.set_value("ani")
    assert column(model, 1) == ["ani"]
    assert column(model, 2) == ["Ubah"]
    assert audit_page.count_label.text() == "1 catatan"
    assert audit_page.details.visible_changes() == [
        ("Nama", "Budi Santoso", "Budi Santosa"),
        ("NIK", "\u2014", "3271**********01"),
    ]
    qtbot.keyClicks(audit_page.search_box, "tidak-ada-apa-apa")
    audit_page._debouncer.flush()
    assert model.rowCount() == 0
    assert audit_page.count_label.text() == "Tidak ada catatan yang cocok dengan penyaringan ini."
    qtbot.mouseClick(audit_page.reset_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == model.total >= 2


def test_checking_integrity_from_the_page_says_whole_then_names_the_broken_row(
    qtbot, audit_page, database
):
    qtbot.mouseClick(audit_page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "utuh" in audit_page.integrity_label.text())
    assert audit_page.integrity_label.text().startswith("Riwayat perubahan utuh:")
    from tests import keyed

    with keyed.connect(database.path) as raw:  # someone with the file, its key and sqlite3
        raw.execute("DROP TRIGGER audit_log_append_only_update")
        raw.execute("UPDATE audit_log SET username = 'budi' WHERE username = 'ani'")
    qtbot.mouseClick(audit_page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "TIDAK" in audit_page.integrity_label.text())
    assert "isinya diubah setelah dicatat" in audit_page.integrity_label.text()


def test_audit_model_pages_as_it_scrolls(qtbot, runner, database, monkeypatch):
    import desktop_app.ui.audit.model as audit_model

    monkeypatch.setattr(audit_model, "PAGE_SIZE", 3)
    with database.sessions() as session:
        for minute in range(7):
            at = datetime(2026, 11, 22, 3, minute)
            session.add(AuditEntry(at=at, username="ani", action="view", entity="children",
                                   summary=str(minute)))  # fmt: skip
        session.commit()
    model = AuditTableModel(runner)
    model.set_filters()
    assert (model.rowCount(), model.total) == (3, 7)
    while model.canFetchMore():
        model.fetchMore()
    assert column(model, 4) == ["6", "5", "4", "3", "2", "1", "0"]
