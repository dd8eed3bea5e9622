"""Pengaturan > KBM: the seeded table is shown, an Admin's edit is stored, a refused value is
explained under the table with nothing saved, the Buku KIA values come back, and other roles
only look."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.changes import Changes
from desktop_app.settings.kbm import DEFAULT_KBM, load_kbm_table, update_kbm_rows
from desktop_app.ui.settings.kbm_tab import KbmTab
from desktop_app.ui.settings.settings_page import SettingsPage
from tests.ui import form_fixtures
from tests.ui.form_fixtures import run, shown

message_boxes = form_fixtures.message_boxes  # the fixture, shared

SEEDED_AGES = ["0", "1", "2", "3", "4", "5", "6", "7–11", "12 ke atas"]


def open_kbm(qtbot, runner, database, role: str) -> tuple[SettingsPage, KbmTab]:
    runner.actor, runner.role = f"{role}1", role
    page = shown(qtbot, SettingsPage(runner, database, role=role))
    tab = page.show_tab("kbm")
    assert isinstance(tab, KbmTab)
    return page, tab


def visible_rows(tab: KbmTab) -> list[tuple[str, int]]:
    """What the user reads: each row's age text and the grams in its box."""
    return [
        (tab.table.item(row, 0).text(), tab.gram_box(row).value())
        for row in range(tab.table.rowCount())
    ]


def type_grams(qtbot, tab: KbmTab, age: int, text: str) -> None:
    box = tab.gram_box(tab.ages.index(age))
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def stored(database) -> tuple[tuple[int, int], ...]:
    return run(database, load_kbm_table).rows


def test_the_tab_shows_the_seeded_buku_kia_table(qtbot, runner, database):
    page, tab = open_kbm(qtbot, runner, database, "admin")
    assert page.tabs.tabText(page.tab_keys().index("kbm")) == "Kenaikan berat minimal (KBM)"
    headers = [tab.table.horizontalHeaderItem(c).text() for c in range(2)]
    assert headers == ["Umur (bulan)", "Kenaikan minimal (gram)"]
    assert visible_rows(tab) == list(zip(SEEDED_AGES, [g for _a, g in DEFAULT_KBM], strict=True))
    assert tab.save_button.isVisible() and tab.restore_button.isVisible()


def test_an_edited_value_is_stored(qtbot, runner, database, message_boxes):
    _page, tab = open_kbm(qtbot, runner, database, "admin")
    type_grams(qtbot, tab, 2, "950")
    with qtbot.waitSignal(runner.changed) as broadcast:
        click(qtbot, tab.save_button)
    assert broadcast.args[0] & Changes.SETTINGS and broadcast.args[0] & Changes.VISITS
    assert dict(stored(database))[2] == 950
    assert dict(stored(database))[3] == 800  # the other rows as they were
    assert ("2", 950) in visible_rows(tab)
    assert "Tabel KBM tersimpan" in tab.status.text()
    assert message_boxes == []


@pytest.mark.parametrize("text", ["0", "2500"])
def test_a_refused_value_is_explained_and_nothing_is_saved(
    qtbot, runner, database, message_boxes, text: str
):
    _page, tab = open_kbm(qtbot, runner, database, "admin")
    type_grams(qtbot, tab, 1, "850")  # a good edit in the same save is not stored either
    type_grams(qtbot, tab, 6, text)
    click(qtbot, tab.save_button)
    assert tab.errors.message("rows") == "KBM harus antara 1 dan 2000 gram"
    assert tab.table.property("invalid") is True
    assert stored(database) == DEFAULT_KBM
    assert message_boxes == []
    type_grams(qtbot, tab, 6, "450")  # editing clears the error
    assert tab.errors.message("rows") == ""


def test_restoring_the_buku_kia_values(qtbot, runner, database):
    run(database, lambda s: update_kbm_rows(s, [(0, 700), (6, 450), (24, 150)]))
    _page, tab = open_kbm(qtbot, runner, database, "admin")
    assert visible_rows(tab) == [("0–5", 700), ("6–23", 450), ("24 ke atas", 150)]
    click(qtbot, tab.restore_button)
    assert visible_rows(tab) == list(zip(SEEDED_AGES, [g for _a, g in DEFAULT_KBM], strict=True))
    assert stored(database) == ((0, 700), (6, 450), (24, 150))  # only Simpan stores
    click(qtbot, tab.save_button)
    assert stored(database) == DEFAULT_KBM


@pytest.mark.parametrize(
    ("role", "refusal"),
    [
        # refused by the service itself (the permission table): the KBM table is Admin's
        ("operator", "Hanya Admin yang dapat melakukan tindakan ini."),
        ("pimpinan", "Hanya Admin yang dapat melakukan tindakan ini."),
    ],
)
def test_other_roles_see_the_table_read_only(
    qtbot, runner, database, message_boxes, role: str, refusal: str
):
    _page, tab = open_kbm(qtbot, runner, database, role)
    assert [grams for _age, grams in visible_rows(tab)] == [g for _a, g in DEFAULT_KBM]
    assert not tab.save_button.isVisible() and not tab.restore_button.isVisible()
    assert tab.status.text() == "Hanya Admin yang dapat mengubah pengaturan ini."
    box = tab.gram_box(0)
    assert box.isReadOnly()
    box.setFocus()
    qtbot.keyClicks(box, "5")
    assert box.value() == 800
    # Even a save that got past the hidden button is refused under the service, and said so.
    tab.gram_box(0).setReadOnly(False)
    tab.gram_box(0).setValue(900)
    tab.save()
    assert message_boxes == [refusal]
    assert stored(database) == DEFAULT_KBM
