"""Exiting a child through the real dialog reaches the aid page (the bug that started rule 19).

The exit dialog used to broadcast CHILDREN | ASSIGNMENTS by hand while ``exit_child`` also
cancels the aid planned after the exit date; only the Bantuan page's also watching CHILDREN
saved it from showing "Rencana". Now the operation carries what ``exit_child`` declares, AID
included.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.changes import Changes
from desktop_app.ui.aid.page import AidLedgerPage
from desktop_app.ui.children.exit_dialog import ExitChildDialog
from desktop_app.ui.main_window import MainWindow
from tests.changes.scenarios import NEXT_MONTH, Ctx
from tests.listing.builders import World
from tests.ui import form_fixtures
from tests.ui.keys import choose_month

message_boxes = form_fixtures.message_boxes  # the fixture, shared


def statuses(page: AidLedgerPage) -> list[str]:
    return [page.model.row_at(row).status for row in range(page.model.rowCount())]


@pytest.mark.usefixtures("message_boxes")
def test_exit_dialog_marks_the_aid_page_stale_and_it_shows_the_cancellation(
    qtbot,
    database,
    runner,
    world: World,
    tmp_path,
):
    Ctx(database=database, world=world, tmp_path=tmp_path).fostered_with_planned_aid("Siti Rahma")
    window = MainWindow(database, runner)
    qtbot.addWidget(window)
    window.show()
    aid_page = window.show_section("aid")
    choose_month(qtbot, aid_page.month, NEXT_MONTH)
    assert statuses(aid_page) == ["rencana"]

    window.open_child(world["Siti Rahma"])
    detail = window.page("children").detail_page
    detail.exit_action.trigger()  # "Lainnya" -> "Keluarkan dari program…"
    dialog = detail.active_dialog
    assert isinstance(dialog, ExitChildDialog)
    dialog.reason.set_current_id("pindah")
    with qtbot.waitSignal(runner.changed) as broadcast:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    # AID itself: the page also watches CHILDREN, which hid the missing flag on this screen,
    # but a screen watching only the ledger would have stayed stale.
    assert broadcast.args[0] & Changes.AID
    assert aid_page.watcher.stale and not aid_page.isVisible()
    assert statuses(aid_page) == ["rencana"]  # hidden: redrawn only when shown again
    window.show_section("aid")
    assert not aid_page.watcher.stale
    assert statuses(aid_page) == ["batal"]
