"""Tindak lanjut lists a child that sync left with two active guardians, with how to fix it,
and the fix the hint describes (Penugasan -> Akhiri) empties the list."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop_app.core.formatting import format_date, format_table_date
from desktop_app.db.base import utcnow
from desktop_app.db.models import Assignment
from desktop_app.ui.assignments.list_page import AssignmentListPage
from desktop_app.ui.followup import FollowUpPage
from tests.listing.builders import TODAY, World
from tests.ui import form_fixtures
from tests.ui.form_fixtures import shown

message_boxes = form_fixtures.message_boxes  # the fixture, shared
pytestmark = pytest.mark.usefixtures("message_boxes")
LEFT = Qt.MouseButton.LeftButton
TAB = "several_guardians"


def texts(model, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


@pytest.fixture
def synced_twice(database, world: World) -> uuid.UUID:
    """Siti Aminah has Budi Santoso here; laptop B gave her Sri Wahyuni too (a synced row)."""
    row_id = uuid.uuid4()
    with database.sessions() as session:
        session.execute(
            Assignment.__table__.insert(),
            {
                "id": row_id, "created_at": utcnow(), "updated_at": utcnow(),
                "device_id": "laptop-b", "child_id": world["Siti Aminah"],
                "guardian_id": world["Sri Wahyuni"], "start_date": TODAY, "status": "aktif",
            },
        )  # fmt: skip
        session.commit()
    return row_id


def test_follow_up_page_lists_the_child_with_a_hint_and_opens_it(
    qtbot, runner, world, synced_twice
):
    page = shown(qtbot, FollowUpPage(runner))
    index = page.tabs.indexOf(page.hints[TAB].parentWidget())
    assert page.tabs.tabText(index) == "Orang tua asuh ganda (1)"
    assert page.tabs.isTabVisible(index)
    model = page.models[TAB]
    # name, desa, posyandu, guardians, date, reason (the phones are empty in this world)
    assert [texts(model, c) for c in (1, 6, 7, 5, 3, 2)] == [
        ["Siti Aminah"],
        ["Air Saga"],
        ["Melati"],
        ["Budi Santoso, Sri Wahyuni"],
        [format_table_date(TODAY)],
        [
            f"Budi Santoso (Dinas Kesehatan) sejak {format_date(TODAY)}; "
            f"Sri Wahyuni (Dinas Pendidikan) sejak {format_date(TODAY)}"
        ],
    ]
    # Once in the other lists, with the guardian that counts (recorded first here).
    not_visited = page.models["not_visited"]
    assert list(zip(texts(not_visited, 1), texts(not_visited, 5), strict=True)) == [
        ("Ahmad Fauzi", "Sri Wahyuni"),
        ("Siti Aminah", "Budi Santoso"),
    ]

    tab_bar = page.tabs.tabBar()
    qtbot.mouseClick(tab_bar, LEFT, pos=tab_bar.tabRect(index).center())
    hint = page.hints[TAB]
    assert page.tabs.currentIndex() == index and hint.isVisible()
    assert "halaman Penugasan, cari nama anak" in hint.text()
    assert "lalu klik Akhiri" in hint.text()

    view = page.views[TAB]
    rect = view.visualRect(model.index(0, 1))
    with qtbot.waitSignal(page.open_child) as opened:
        qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())  # a double click's press
        qtbot.mouseDClick(view.viewport(), LEFT, pos=rect.center())
    assert opened.args == [world["Siti Aminah"]]


def test_ending_the_extra_assignment_on_penugasan_empties_the_list(
    qtbot, runner, database, world, synced_twice, opened_dialogs
):
    followup = shown(qtbot, FollowUpPage(runner))
    assert followup.models[TAB].rowCount() == 1
    assignments = shown(qtbot, AssignmentListPage(runner))
    qtbot.keyClicks(assignments.search_box, "Siti")
    qtbot.waitUntil(lambda: assignments.model.rowCount() == 2)
    guardians = assignments.visible_texts(1)
    assert sorted(guardians) == ["Budi Santoso", "Sri Wahyuni"]
    assignments.table.selectRow(guardians.index("Sri Wahyuni"))
    qtbot.mouseClick(assignments.end_button, LEFT)
    (dialog,) = opened_dialogs()
    dialog.reason.setCurrentText("Ganda dari sinkronisasi")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, LEFT)

    with database.sessions() as session:
        assert session.scalar(select(Assignment.status).where(Assignment.id == synced_twice)) == (
            "selesai"
        )
    qtbot.waitUntil(lambda: followup.models[TAB].rowCount() == 0)
    index = followup.tabs.indexOf(followup.hints[TAB].parentWidget())
    assert followup.tabs.tabText(index) == "Orang tua asuh ganda (0)"
    assert not followup.tabs.isTabVisible(index)  # nothing left to clear: the tab goes away
