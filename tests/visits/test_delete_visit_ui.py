"""Hapus kunjungan from the Kunjungan page and the child's growth panel, driven as a user would.

The service soft-deletes (a tombstone that syncs), the audit hook records it and the permission
guard refuses a Pimpinan; these tests check all three through the real widgets.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from desktop_app.core.formatting import format_date
from desktop_app.core.permissions import OPERATOR, PIMPINAN
from desktop_app.db.models import AuditEntry, Visit
from desktop_app.ui.children.growth_panel import ChildGrowthPanel
from desktop_app.ui.visits import VisitsPage
from desktop_app.ui.visits.delete_action import confirm_delete_visit
from desktop_app.ui.widgets import messages
from tests.visits.conftest import TODAY
from tests.visits.helpers import add_visit

LEFT = Qt.MouseButton.LeftButton


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def names(page: VisitsPage) -> list[str]:
    return [page.model.index(r, 1).data() for r in range(page.model.rowCount())]


def stored(database, visit_id) -> Visit:
    with database.sessions() as s:
        return s.get(Visit, visit_id)


@pytest.fixture
def two_visits(database, world):
    rina = add_visit(database, world.rina, TODAY, weight_kg=8.1)
    bayu = add_visit(database, world.bayu, TODAY - timedelta(days=1))
    return rina, bayu


@pytest.fixture
def page(qtbot, runner, two_visits) -> VisitsPage:
    runner.actor, runner.role = "operator1", OPERATOR
    visits_page = shown(qtbot, VisitsPage(runner))
    visits_page.month.set_current_id(None)  # both visits whatever day of the month today is
    assert names(visits_page) == ["Rina Marlina", "Bayu Pratama"]
    return visits_page


def test_delete_button_asks_then_soft_deletes_and_audits(
    qtbot, page, database, two_visits, message_boxes
):
    rina, bayu = two_visits
    page.table.selectRow(0)
    assert page.delete.button.isEnabled()
    with qtbot.waitSignal(page.delete.deleted) as deleted:
        qtbot.mouseClick(page.delete.button, LEFT)
    assert deleted.args == [rina.id]
    question = message_boxes[0]
    assert "Rina Marlina" in question
    assert format_date(TODAY).replace(" ", "\u00a0") in question  # kept on one line
    assert "tindak lanjut" in question
    assert stored(database, rina.id).deleted_at is not None  # a tombstone, not a DELETE
    assert stored(database, bayu.id).deleted_at is None
    assert names(page) == ["Bayu Pratama"]
    assert not page.delete.button.isEnabled()  # the list reloaded: nothing selected
    with database.sessions() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.entity_id == str(rina.id))).all()
    delete = [e for e in entries if e.action == "delete"]
    assert len(delete) == 1
    assert delete[0].entity == "visits" and delete[0].username == "operator1"
    assert delete[0].changes["deleted_at"][0] is None


def test_delete_key_and_context_menu_reach_the_same_action(
    qtbot, page, database, two_visits, message_boxes
):
    rina, bayu = two_visits
    assert page.delete.action in page.table.actions()
    assert page.table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    page.table.selectRow(1)
    page.table.setFocus()
    page.activateWindow()
    qtbot.waitUntil(page.table.hasFocus)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(message_boxes) == 1 and "Bayu Pratama" in message_boxes[0]
    assert stored(database, bayu.id).deleted_at is not None
    assert stored(database, rina.id).deleted_at is None
    assert names(page) == ["Rina Marlina"]


def test_answering_no_changes_nothing(qtbot, page, database, two_visits, monkeypatch):
    rina, _bayu = two_visits
    asked: list[str] = []

    def say_no(box: QMessageBox) -> QMessageBox.ButtonRole:
        asked.append(box.text())
        return QMessageBox.ButtonRole.RejectRole

    monkeypatch.setattr(messages, "run_box", say_no)
    page.table.selectRow(0)
    qtbot.mouseClick(page.delete.button, LEFT)
    assert len(asked) == 1 and "Rina Marlina" in asked[0]
    assert stored(database, rina.id).deleted_at is None
    assert names(page) == ["Rina Marlina", "Bayu Pratama"]
    with database.sessions() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "visits")).all()
    assert "delete" not in actions


def test_disabled_without_selection_and_for_pimpinan(qtbot, page, runner, message_boxes):
    assert not page.delete.button.isEnabled()
    assert not page.delete.action.isEnabled()
    assert page.delete.trigger() is False
    page.table.selectRow(0)
    assert page.delete.button.isEnabled() and page.delete.action.isEnabled()
    page.table.clearSelection()
    assert not page.delete.button.isEnabled()
    runner.role = PIMPINAN
    page.table.selectRow(0)
    assert not page.delete.button.isEnabled() and not page.delete.action.isEnabled()
    assert "Pimpinan" in page.delete.button.toolTip()
    assert page.delete.trigger() is False
    assert message_boxes == []


def test_pimpinan_refused_by_the_guard_even_if_asked(
    qtbot, page, runner, database, two_visits, message_boxes
):
    """The button is only comfort: a Pimpinan reaching the write is refused and told why."""
    rina, _bayu = two_visits
    runner.role = PIMPINAN
    page.table.selectRow(0)
    assert confirm_delete_visit(page, runner, page.delete.selected()) is True
    assert len(message_boxes) == 2 and "Pimpinan" in message_boxes[1]
    assert stored(database, rina.id).deleted_at is None


def test_growth_panel_deletes_a_visit_of_the_shown_child(
    qtbot, runner, database, world, message_boxes
):
    older = add_visit(database, world.rina, TODAY - timedelta(days=40), weight_kg=7.9)
    newer = add_visit(database, world.rina, TODAY - timedelta(days=5), weight_kg=8.2)
    other = add_visit(database, world.bayu, TODAY - timedelta(days=5))
    panel = shown(qtbot, ChildGrowthPanel(runner))
    with qtbot.waitSignal(panel.loaded):
        panel.show_child(world.rina)
    assert not panel.delete.button.isEnabled()
    panel.table.selectRow(0)  # newest first: the mistyped 8,2 kg
    with qtbot.waitSignal(panel.loaded):
        qtbot.mouseClick(panel.delete.button, LEFT)
    assert format_date(newer.visit_date).replace(" ", "\u00a0") in message_boxes[0]
    assert stored(database, newer.id).deleted_at is not None
    assert stored(database, older.id).deleted_at is None
    assert stored(database, other.id).deleted_at is None
    assert [v.id for v in panel.growth.visits] == [older.id]
    assert panel.model.rowCount() == 1
    assert [len(w.chart.points) for w in panel.charts] == [1, 1, 1]
