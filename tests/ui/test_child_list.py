"""The Anak list driven as a user does: typing, filter combos, header clicks."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from desktop_app.children.service import ChildForm, register_child
from desktop_app.core.changes import Changes
from desktop_app.ui.children.list_page import ChildListPage
from desktop_app.validation import make_nik
from tests.listing.builders import World, months_ago

NAME, NIK, SEX, BORN, AGE, DESA, POSYANDU, GUARDIAN, STATUS = range(9)


def open_page(qtbot, runner) -> ChildListPage:
    page = ChildListPage(runner)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def click_header(qtbot, page: ChildListPage, column: int) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 8))


def test_model_passes_qtmodeltester(qtbot, qtmodeltester, runner, world: World) -> None:
    page = open_page(qtbot, runner)
    assert page.model.rowCount() == 4
    qtmodeltester.check(page.model)


def test_shows_active_children_with_masked_nik(qtbot, runner, world: World) -> None:
    page = open_page(qtbot, runner)
    assert page.visible_texts(NAME) == ["Ahmad Fauzi", "Bayu Pratama", "Siti Aminah", "Siti Rahma"]
    assert page.count_label.text() == "4 anak"
    nik = page.model.data(page.model.index(0, NIK))
    assert nik.startswith("3271") and nik[4:14] == "*" * 10 and len(nik) == 16
    assert page.visible_texts(GUARDIAN) == ["Sri Wahyuni", "—", "Budi Santoso", "—"]
    assert page.visible_texts(AGE) == ["8", "40", "14", "30"]
    assert page.visible_texts(STATUS) == ["Stunting", "Berisiko", "Stunting", "Berisiko"]
    tooltip = page.model.data(page.model.index(1, STATUS), Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "Berisiko stunting"


def test_search_as_you_type_filters_rows(qtbot, runner, world: World) -> None:
    page = open_page(qtbot, runner)
    qtbot.keyClicks(page.search_box, "siti")
    qtbot.waitUntil(lambda: page.count_label.text() == "3 anak", timeout=5000)
    assert page.visible_texts(NAME) == ["Bayu Pratama", "Siti Aminah", "Siti Rahma"]
    qtbot.keyClicks(page.search_box, " rah")
    page.flush_search()
    assert page.visible_texts(NAME) == ["Siti Rahma"]
    qtbot.keyClicks(page.search_box, "zzz")
    page.flush_search()
    assert page.model.rowCount() == 0
    assert page.body.currentWidget() is page.empty_state
    assert page.empty_state.title_label.text() == "Tidak ada anak yang cocok"


def test_area_filters_cascade(qtbot, runner, world: World) -> None:
    page = open_page(qtbot, runner)
    kecamatan, desa = page.areas.kecamatan, page.areas.desa
    assert desa.count() == 4  # "Semua desa" + three desa
    kecamatan.setCurrentIndex(kecamatan.findText("Tanjung Pandan"))
    assert [desa.itemText(i) for i in range(desa.count())] == [
        "Semua desa",
        "Air Saga",
        "Paal Satu",
    ]
    assert page.visible_texts(NAME) == ["Bayu Pratama", "Siti Aminah", "Siti Rahma"]
    desa.setCurrentIndex(desa.findText("Paal Satu"))
    assert page.visible_texts(NAME) == ["Siti Rahma"]
    assert page.count_label.text() == "1 anak"


def test_status_opd_and_assignment_filters(qtbot, runner, world: World) -> None:
    page = open_page(qtbot, runner)
    page.assigned.setCurrentIndex(page.assigned.findText("Belum punya orang tua asuh"))
    assert page.visible_texts(NAME) == ["Bayu Pratama", "Siti Rahma"]
    page.assigned.setCurrentIndex(0)
    page.opd.setCurrentIndex(page.opd.findText("Dinas Pendidikan"))
    assert page.visible_texts(NAME) == ["Ahmad Fauzi"]
    page.opd.setCurrentIndex(0)
    page.activity.setCurrentIndex(page.activity.findText("Sudah keluar"))
    assert page.visible_texts(NAME) == ["Citra Lestari"]
    assert page.visible_texts(STATUS) == ["Keluar"]
    page.activity.setCurrentIndex(0)
    page.status.setCurrentIndex(page.status.findText("Stunting"))
    assert page.visible_texts(NAME) == ["Ahmad Fauzi", "Siti Aminah"]


def test_header_click_sorts_through_sql(qtbot, runner, world: World) -> None:
    page = open_page(qtbot, runner)
    click_header(qtbot, page, AGE)
    assert page.model.sort_key == "age"
    assert page.visible_texts(AGE) == ["8", "14", "30", "40"]
    click_header(qtbot, page, AGE)
    assert page.visible_texts(AGE) == ["40", "30", "14", "8"]
    click_header(qtbot, page, DESA)
    assert page.visible_texts(DESA) == ["Air Saga", "Air Saga", "Paal Satu", "Simpang Rusa"]


def test_broadcast_change_refreshes_visible_list(qtbot, runner, world: World) -> None:
    page = open_page(qtbot, runner)
    born = months_ago(5)
    form = ChildForm(name="Dewi Anggraini", nik=make_nik(region="327101", birth_date=born,
                     sex="P", sequence=9), sex="P", birth_date=born, mother_name="Ani")  # fmt: skip
    runner.write(lambda s: register_child(s, form=form), changes=Changes.CHILDREN)
    assert page.visible_texts(NAME)[:2] == ["Ahmad Fauzi", "Bayu Pratama"]
    assert "Dewi Anggraini" in page.visible_texts(NAME)
    assert page.count_label.text() == "5 anak"


def test_hidden_list_reloads_only_when_shown(qtbot, runner, world: World) -> None:
    page = open_page(qtbot, runner)
    page.hide()
    queries: list[int] = []
    page.model.refreshed.connect(queries.append)
    runner.changed.emit(Changes.CHILDREN)
    runner.changed.emit(Changes.VISITS)  # not shown in this list
    assert queries == []
    page.show()
    assert queries == [4]


def test_enter_opens_the_child(qtbot, runner, world: World) -> None:
    page = open_page(qtbot, runner)
    opened = []
    page.child_opened.connect(opened.append)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(2, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [world["Siti Aminah"]]


def test_section_stacks_the_detail_page_and_goes_back(qtbot, runner, world: World) -> None:
    from desktop_app.ui.children.list_page import ChildrenSection

    section = ChildrenSection(runner)
    qtbot.addWidget(section)
    section.show()
    page = section.list_page
    rect = page.table.visualRect(page.model.index(0, NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert section.currentWidget() is section.detail_page
    section.detail_page.back_requested.emit()
    assert section.currentWidget() is page


def test_real_worker_thread_path(qtbot, database, world: World) -> None:
    """The threaded runner: the base query runs on the worker, typing narrows it afterwards,
    and a filter change while a query is in flight ends with the latest filter's rows."""
    from desktop_app.ui.ops import OperationRunner

    threaded = OperationRunner(database.sessions)
    page = ChildListPage(threaded)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.populated, timeout=10_000) as first:
        page.show()
    assert first.args == [4]
    page.assigned.setCurrentIndex(page.assigned.findText("Belum punya orang tua asuh"))
    page.search_box.setText("rahma")  # typed before the filter's base arrived
    page.flush_search()
    qtbot.waitUntil(lambda: page.visible_texts(NAME) == ["Siti Rahma"], timeout=10_000)
    assert threaded.wait_idle()
