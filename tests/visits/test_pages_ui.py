"""The visits page, the child's growth panel, the aid ledger, follow-up lists and Beranda panel."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select, update

from desktop_app.core.changes import Changes
from desktop_app.db.models import AidPayment, AuditEntry, Child
from desktop_app.ui.aid import AidLedgerPage
from desktop_app.ui.children.growth_panel import ChildGrowthPanel
from desktop_app.ui.dashboard import MonthlyPanel
from desktop_app.ui.followup import FollowUpPage
from desktop_app.ui.visits import VisitsPage
from tests.ui.keys import choose_month
from tests.visits.conftest import THIS_MONTH, TODAY
from tests.visits.helpers import add_visit

pytestmark = pytest.mark.usefixtures("message_boxes")
LEFT = Qt.MouseButton.LeftButton


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def texts(model, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_visits_page_lists_filters_and_passes_modeltester(
    qtbot, qtmodeltester, runner, database, world
):
    add_visit(database, world.rina, TODAY, weight_kg=8.1)
    last_month_end = THIS_MONTH.first_day - timedelta(days=1)  # any day of the month, even the 1st
    add_visit(database, world.bayu, last_month_end)
    page = shown(qtbot, VisitsPage(runner))
    qtmodeltester.check(page.model)
    assert texts(page.model, 1) == ["Rina Marlina"]  # this month by default
    assert page.model.index(0, 5).data() == "8,1"
    page.month.set_current_id(None)
    assert texts(page.model, 1) == ["Rina Marlina", "Bayu Pratama"]  # newest first
    page.desa.set_current_id(world.desa_id)
    assert page.model.rowCount() == 2
    other = page.desa.itemData(
        next(i for i in range(1, page.desa.count()) if page.desa.itemData(i) != world.desa_id)
    )
    page.desa.set_current_id(other)
    assert page.model.rowCount() == 0
    page.desa.set_current_id(None)
    page.month.set_current_id(THIS_MONTH.previous().previous().first_day)
    assert page.model.rowCount() == 0
    page.month.set_current_id(THIS_MONTH.previous().first_day)
    assert texts(page.model, 1) == ["Bayu Pratama"]
    page.month.set_current_id(None)
    assert page.model.rowCount() == 2
    dialog = page.open_form()
    assert dialog.isVisible()
    dialog.reject()


def test_growth_panel_shows_timeline_charts_and_exports(qtbot, runner, database, world, tmp_path):
    for days, weight in ((70, 7.6), (40, 7.9), (10, 8.1)):
        add_visit(database, world.rina, TODAY - timedelta(days=days), weight_kg=weight)
    panel = shown(qtbot, ChildGrowthPanel(runner))
    with qtbot.waitSignal(panel.loaded):
        panel.show_child(world.rina)
    assert panel.model.rowCount() == 3
    assert texts(panel.model, 2) == ["8,1", "7,9", "7,6"]
    assert [len(w.chart.points) for w in panel.charts] == [3, 3, 3]
    assert "Status terakhir" in panel.summary.text()
    out = tmp_path / "grafik.png"
    assert panel.export_png(out) and out.stat().st_size > 10_000
    with database.sessions() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    assert entry.entity_id == str(world.rina)
    add_visit(database, world.rina, TODAY, weight_kg=8.2)
    runner.changed.emit(Changes.VISITS)  # what the runner broadcasts after a visit is saved
    assert panel.model.rowCount() == 4


def test_aid_page_plans_pays_and_cancels(
    qtbot, qtmodeltester, runner, database, world, message_boxes
):
    page = shown(qtbot, AidLedgerPage(runner))
    choose_month(qtbot, page.month, TODAY)
    qtbot.mouseClick(page.plan_button, LEFT)
    assert "2 dibuat" in message_boxes[-1]
    qtbot.mouseClick(page.plan_button, LEFT)
    assert "0 dibuat" in message_boxes[-1] and "2 sudah ada" in message_boxes[-1]
    assert page.model.rowCount() == 2
    qtmodeltester.check(page.model)
    page.table.selectRow(0)
    dialog = page.open_mark_paid()
    qtbot.keyClicks(dialog.reference, "TRX-77")
    qtbot.mouseClick(dialog.save_button, LEFT)
    page.table.clearSelection()
    page.table.selectRow(1)
    cancel = page.open_cancel()
    qtbot.mouseClick(cancel.save_button, LEFT)  # no reason: refused under the field
    assert cancel.errors.message("reason") == "Alasan pembatalan wajib diisi"
    qtbot.keyClicks(cancel.reason, "Pindah domisili")
    qtbot.mouseClick(cancel.save_button, LEFT)
    with database.sessions() as s:
        stored = {(p.status, p.reference, p.cancel_reason) for p in s.scalars(select(AidPayment))}
    assert stored == {("dibayar", "TRX-77", None), ("batal", None, "Pindah domisili")}
    assert "dibayar <b style='color:#2e7d32'>Rp450.000</b>" in page.summary.text()
    assert page.per_source.texts()[0][:4] == ["ASN", "1", "Rp450.000", "Rp450.000"]


def test_follow_up_page_tabs_open_the_child(qtbot, runner, database, world):
    add_visit(database, world.rina, TODAY)
    page = shown(qtbot, FollowUpPage(runner))
    model = page.models["not_visited"]
    assert texts(model, 1) == ["Bayu Pratama"]
    assert page.tabs.tabText(0) == "Belum dikunjungi bulan ini (1)"
    view = page.views["not_visited"]
    rect = view.visualRect(model.index(0, 1))
    with qtbot.waitSignal(page.open_child) as opened:
        qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())  # a double click's press
        qtbot.mouseDClick(view.viewport(), LEFT, pos=rect.center())
    assert opened.args == [world.bayu]


def test_monthly_panel_tiles(qtbot, runner, database, world):
    """The panel shows the last full month (last month), never the running one."""
    with database.sessions() as session:  # the world's children joined with their guardians
        session.execute(update(Child).values(enrolled_on=TODAY - timedelta(days=100)))
        session.commit()
    add_visit(database, world.rina, TODAY.replace(day=1) - timedelta(days=1), lenhei_cm=66.0)
    add_visit(database, world.rina, TODAY, lenhei_cm=80.0)  # this month: not shown
    panel = shown(qtbot, MonthlyPanel(runner))
    values = {name: tile.value_label.text() for name, tile in panel.tiles.items()}
    assert values == {
        "enrolled": "3",
        "guardian": "2 (66,7%)",
        "visits": "1 / 4",
        "stunted": "1",
        "aid": "Rp0",
    }
    assert "▲ 1 dari bulan lalu" in panel.tiles["stunted"].caption_label.text()
    assert [bar[1] for bar in panel.stunted_chart.bars] == [0, 0, 0, 0, 0, 1]
