"""The child detail page: what it shows (masked NIK, age, consent, history) and its actions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop_app.assignments.service import assign_guardian, transfer_assignment
from desktop_app.core import clock
from desktop_app.core.formatting import format_date, format_table_date
from desktop_app.db.models import Assignment, Child
from desktop_app.ui.assignments.dialogs import AssignDialog, EndAssignmentDialog
from desktop_app.ui.children.detail import ChildDetailPage
from desktop_app.ui.children.exit_dialog import ExitChildDialog
from desktop_app.ui.widgets.texts import age_text
from tests.ui import form_fixtures
from tests.ui.form_fixtures import make_child, make_guardian, make_opd, make_wilayah, rows, run

message_boxes = form_fixtures.message_boxes  # the fixture, shared
# An unexpected modal box would block a test for ever: every box is recorded instead.
pytestmark = pytest.mark.usefixtures("message_boxes")

START = clock.today() - timedelta(days=60)
MOVED = clock.today() - timedelta(days=20)


@pytest.fixture
def fostered(database):
    """Rina: fostered by Budi, then transferred to Ani (two history rows)."""
    wilayah = make_wilayah(database)
    opd_id = make_opd(database)
    child = make_child(database, wilayah, birth_weight_kg=2.4, rt="3", rw="5")
    budi = make_guardian(database, opd_id, "Budi Santoso", 1)
    ani = make_guardian(database, opd_id, "Ani Wijaya", 2)
    run(
        database,
        lambda s: assign_guardian(s, child_id=child.id, guardian_id=budi.id, start_date=START),
    )
    run(
        database,
        lambda s: transfer_assignment(
            s, child_id=child.id, new_guardian_id=ani.id, on=MOVED, reason="Pindah tugas"
        ),
    )
    return child


def open_page(qtbot, runner, child_id) -> ChildDetailPage:
    page = ChildDetailPage(runner)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    page.show_child(child_id)
    return page


def cell_texts(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_shows_identity_masked_and_history_newest_first(qtbot, runner, fostered):
    page = open_page(qtbot, runner, fostered.id)
    identity = page.boxes["identity"].values
    nik = fostered.nik
    assert identity["nik"].text() == nik[:4] + "*" * 10 + nik[-2:]
    qtbot.mouseClick(page.nik_toggle, Qt.MouseButton.LeftButton)
    assert identity["nik"].text() == nik
    assert page.nik_toggle.text() == "sembunyikan"
    assert identity["age"].text() == age_text(fostered.age_months)
    assert identity["birth"].text() == "2,40 kg"
    assert page.boxes["family"].values["wilayah"].text() == "Air Saga, Tanjungpandan"
    assert page.boxes["guardian"].values["guardian"].text() == "Ani Wijaya"
    assert page.boxes["guardian"].values["since"].text() == format_date(MOVED)
    assert cell_texts(page.history) == [
        ["Ani Wijaya", "Dinas Kesehatan", "", format_table_date(MOVED), "", "Aktif", ""],
        [
            "Budi Santoso",
            "Dinas Kesehatan",
            "",
            format_table_date(START),
            format_table_date(MOVED),
            "Dialihkan",
            "Pindah tugas",
        ],
    ]
    assert not page.banner.isVisible()  # consent recorded by the fixture
    assert page.transfer_button.isVisible() and not page.assign_button.isVisible()
    assert page.visits_area.title() == "Riwayat kunjungan dan grafik pertumbuhan"


def test_missing_consent_is_a_clear_warning(qtbot, runner, database):
    wilayah = make_wilayah(database)
    child = make_child(database, wilayah, consent_date=None, consent_by="", consent_relation="")
    page = open_page(qtbot, runner, child.id)
    assert page.banner.isVisible()
    assert page.banner.text().startswith("⚠ Persetujuan orang tua belum dicatat")
    assert page.boxes["enrolment"].values["consent"].text() == "Belum dicatat"
    assert page.assign_button.isVisible() and not page.end_action.isVisible()
    assert page.history_empty.isVisible()


def test_end_assignment_from_the_page_updates_it(qtbot, runner, database, fostered):
    page = open_page(qtbot, runner, fostered.id)
    page.end_action.trigger()  # "Lainnya" -> "Akhiri penugasan…"
    dialog = page.active_dialog
    assert isinstance(dialog, EndAssignmentDialog)
    dialog.reason.setCurrentText("Periode program selesai")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert sorted(a.status for a in rows(database, Assignment)) == ["dialihkan", "selesai"]
    assert page.history.item(0, 5).text() == "Selesai"  # reloaded by the change broadcast
    assert page.boxes["guardian"].values["guardian"].text() == "Belum ada orang tua asuh"
    assert page.assign_button.isVisible()
    qtbot.mouseClick(page.assign_button, Qt.MouseButton.LeftButton)
    assert isinstance(page.active_dialog, AssignDialog)
    assert page.active_dialog.child.value() == fostered.id


def test_exit_from_programme_records_date_reason_and_ends_assignment(
    qtbot, runner, database, fostered, message_boxes
):
    page = open_page(qtbot, runner, fostered.id)
    page.exit_action.trigger()  # "Lainnya" -> "Keluarkan dari program…"
    dialog = page.active_dialog
    assert isinstance(dialog, ExitChildDialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("exit_reason")  # a reason must be chosen
    dialog.reason.set_current_id("pindah")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    [child] = rows(database, Child)
    assert (child.exit_date, child.exit_reason) == (clock.today(), "pindah")
    assert sorted(a.status for a in rows(database, Assignment)) == ["dialihkan", "selesai"]
    assert page.banner.text().startswith("Anak ini sudah keluar dari program sejak")
    assert not page.exit_action.isEnabled() and not page.assign_button.isVisible()
    assert not page.visit_button.isEnabled()
    assert message_boxes == []


def test_edit_button_asks_the_shell_when_it_listens(qtbot, runner, fostered):
    page = open_page(qtbot, runner, fostered.id)
    with qtbot.waitSignal(page.edit_requested) as request:
        qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert request.args == [fostered.id]
    assert page.active_dialog is None


def test_edit_button_opens_the_editor_when_nobody_listens(qtbot, runner, fostered):
    page = open_page(qtbot, runner, fostered.id)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert page.active_dialog.name.text() == "Rina Marlina"


def test_revealing_the_nik_is_audited(qtbot, runner, fostered, database):
    from sqlalchemy import select

    from desktop_app.db.models import AuditEntry

    runner.actor, runner.role = "admin", "admin"
    page = open_page(qtbot, runner, fostered.id)
    qtbot.mouseClick(page.nik_toggle, Qt.MouseButton.LeftButton)
    assert page.boxes["identity"].values["nik"].text() == fostered.nik
    with database.sessions() as session:
        views = session.scalars(select(AuditEntry).where(AuditEntry.action == "view")).all()
    assert [(v.username, v.entity_id) for v in views] == [("admin", str(fostered.id))] * 2


def test_an_operator_cannot_reveal_the_nik(qtbot, runner, fostered, message_boxes):
    runner.actor, runner.role = "operator1", "operator"
    page = open_page(qtbot, runner, fostered.id)
    nik = fostered.nik
    qtbot.mouseClick(page.nik_toggle, Qt.MouseButton.LeftButton)
    assert page.boxes["identity"].values["nik"].text() == nik[:4] + "*" * 10 + nik[-2:]
    assert page.nik_toggle.text() == "tampilkan"
    assert message_boxes == ["Hanya Admin yang dapat melakukan tindakan ini."]


def test_catat_kunjungan_and_the_chart_come_first_and_ending_actions_are_in_a_menu(
    qtbot, runner, fostered
):
    page = open_page(qtbot, runner, fostered.id)
    page.resize(1182, 680)  # the content area of a maximised window on a 1366 x 768 screen
    qtbot.wait(50)
    header_buttons = [
        b.text() for b in page.findChildren(QPushButton) if b.parent() is page and b.isVisible()
    ]
    assert "Catat kunjungan" in header_buttons
    assert "Keluarkan dari program" not in header_buttons
    assert [
        a.text() for a in page.more_button.menu().actions() if a.isVisible() and not a.isSeparator()
    ] == ["Akhiri penugasan…", "Keluarkan dari program…"]  # UU PDP requests: Admin only
    # The growth chart is inside the visible part of the page, before any scrolling.
    chart = page.growth_panel.tabs
    top = chart.mapTo(page, chart.rect().topLeft()).y()
    assert top + 120 < page.height()
    qtbot.mouseClick(page.visit_button, Qt.MouseButton.LeftButton)
    dialog = page.active_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.child is not None)
    assert dialog.child.id == fostered.id
    dialog.reject()


def test_an_admin_erases_a_childs_identity_from_the_menu_with_a_typed_reason(
    qtbot, runner, database, fostered
):
    from desktop_app.ui.children.data_subject_dialogs import AnonymiseChildDialog

    runner.role = "admin"
    page = open_page(qtbot, runner, fostered.id)
    assert page.anonymise_action.isVisible() and page.export_action.isVisible()
    page.anonymise_action.trigger()
    dialog = page.active_dialog
    assert isinstance(dialog, AnonymiseChildDialog)
    qtbot.keyClicks(dialog.reason, "Permintaan ibu, surat 2 Desember 2026")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [child] = rows(database, Child)
    assert child.name.startswith("Anak terhapus #") and child.nik is None
    assert child.exit_date is not None  # left the programme with its identity


def test_the_data_subject_requests_are_hidden_from_an_operator(qtbot, runner, database, fostered):
    runner.role = "operator"
    page = open_page(qtbot, runner, fostered.id)
    assert not page.anonymise_action.isVisible() and not page.export_action.isVisible()
