"""Data induk: adding kecamatan/desa/posyandu, OPD and programmes through the page's dialogs."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop_app.db.models import Desa, Kecamatan, Opd, Posyandu, Programme
from desktop_app.guardians.service import GuardianForm, register_guardian
from desktop_app.settings.store import get_settings
from desktop_app.ui.settings.master_data import MasterDataPage
from tests.ui import form_fixtures
from tests.ui.form_fixtures import asn_nip, count, make_opd, rows, run
from tests.ui.keys import type_date

message_boxes = form_fixtures.message_boxes  # the fixture, shared
# An unexpected modal box would block a test for ever: every box is recorded instead.
pytestmark = pytest.mark.usefixtures("message_boxes")


@pytest.fixture
def page(qtbot, runner):
    widget = MasterDataPage(runner)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_and_save(qtbot, dialog, **fields) -> None:
    for name, text in fields.items():
        edit = getattr(dialog, name)
        edit.clear()
        qtbot.keyClicks(edit, text)
    click(qtbot, dialog.save_button)


def tree_rows(tab) -> list[tuple[int, str, str, str]]:
    """(depth, name, kind, contents) for every row, depth-first."""
    out = []

    def walk(item, depth):
        out.append((depth, item.text(0), item.text(1), item.text(2)))
        for i in range(item.childCount()):
            walk(item.child(i), depth + 1)

    for i in range(tab.tree.topLevelItemCount()):
        walk(tab.tree.topLevelItem(i), 0)
    return out


def test_add_kecamatan_desa_posyandu_builds_the_tree(qtbot, page, database):
    tab = page.wilayah
    assert not tab.add_desa_button.isEnabled()
    click(qtbot, tab.add_kecamatan_button)
    type_and_save(qtbot, tab.active_dialog, name="  Membalong ")
    assert tab.selected().name == "Membalong"  # new row selected after the reload

    click(qtbot, tab.add_desa_button)
    dialog = tab.active_dialog
    click(qtbot, dialog.desa_kind.buttons["kelurahan"])
    type_and_save(qtbot, dialog, name="Kelurahan Lassar")
    click(qtbot, tab.add_posyandu_button)
    type_and_save(qtbot, tab.active_dialog, name="Posyandu Anggrek")

    [kecamatan] = rows(database, Kecamatan)
    [desa] = rows(database, Desa)
    [posyandu] = rows(database, Posyandu)
    assert (desa.kecamatan_id, desa.kind, posyandu.desa_id) == (kecamatan.id, "kelurahan", desa.id)
    assert tree_rows(tab) == [
        (0, "Membalong", "Kecamatan", "1 desa/kelurahan"),
        (1, desa.name, "Kelurahan", "1 posyandu"),
        (2, posyandu.name, "Posyandu", ""),
    ]


def test_duplicate_area_name_is_refused_inline(qtbot, page, database):
    tab = page.wilayah
    for _attempt in range(2):
        click(qtbot, tab.add_kecamatan_button)
        type_and_save(qtbot, tab.active_dialog, name="Badau")
    assert tab.active_dialog.errors.message("name") == ("Nama Badau sudah ada di wilayah yang sama")
    assert count(database, Kecamatan) == 1


def test_rename_area(qtbot, page, database):
    tab = page.wilayah
    click(qtbot, tab.add_kecamatan_button)
    type_and_save(qtbot, tab.active_dialog, name="Sijuk")
    click(qtbot, tab.rename_button)
    assert tab.active_dialog.name.text() == "Sijuk"
    type_and_save(qtbot, tab.active_dialog, name="Sijuk Baru")
    assert [k.name for k in rows(database, Kecamatan)] == ["Sijuk Baru"]


def test_add_and_edit_opd(qtbot, page, database):
    page.tabs.setCurrentWidget(page.opd)
    tab = page.opd
    click(qtbot, tab.buttons["Tambah OPD"])
    type_and_save(qtbot, tab.active_dialog, code="BAPPEDA", name="Badan Perencanaan")
    [opd] = rows(database, Opd)
    assert (opd.code, opd.name) == ("BAPPEDA", "Badan Perencanaan")
    assert [tab.table.item(0, c).text() for c in range(5)] == [
        "BAPPEDA", "Badan Perencanaan", "0", "0", "0"
    ]  # fmt: skip
    tab.table.selectRow(0)
    click(qtbot, tab.edit_button)
    type_and_save(qtbot, tab.active_dialog, name="Badan Perencanaan Pembangunan Daerah")
    assert rows(database, Opd)[0].name == "Badan Perencanaan Pembangunan Daerah"


def test_deleting_an_opd_with_guardians_is_refused_and_told(qtbot, page, database, message_boxes):
    opd_id = make_opd(database)
    form = GuardianForm(kind="asn", name="Budi Santoso", nip=asn_nip(1), opd_id=opd_id)
    run(database, lambda s: register_guardian(s, form=form))
    page.tabs.setCurrentWidget(page.opd)
    tab = page.opd
    assert tab.table.item(0, 2).text() == "1"  # one ASN registered
    tab.table.selectRow(0)
    click(qtbot, tab.delete_button)
    assert message_boxes[0] == "Hapus OPD Dinas Kesehatan?"  # answered "Hapus"
    assert len(message_boxes) == 2
    assert message_boxes[1].startswith("OPD Dinas Kesehatan tidak dapat dihapus")
    assert count(database, Opd) == 1


def test_add_programme_with_rupiah_aid(qtbot, page, database):
    page.tabs.setCurrentWidget(page.programmes)
    tab = page.programmes
    click(qtbot, tab.buttons["Tambah program"])
    dialog = tab.active_dialog
    assert dialog.monthly_aid.text() == "Rp450.000"  # the district's default
    type_date(qtbot, dialog.start_month, "01/2026")
    type_date(qtbot, dialog.end_month, "Mar 2026")
    type_and_save(qtbot, dialog, name="Genting 2026", monthly_aid="500000")
    [programme] = rows(database, Programme)
    assert (programme.name, programme.monthly_aid) == ("Genting 2026", 500_000)
    assert (programme.start_month, programme.end_month) == (date(2026, 1, 1), date(2026, 3, 1))
    assert [tab.table.item(0, c).text() for c in range(5)] == [
        "Genting 2026", "Januari 2026 – Maret 2026", "Rp500.000", "1× per bulan", "Aktif"
    ]  # fmt: skip


def test_programme_end_before_start_is_refused_inline(qtbot, page, database):
    page.tabs.setCurrentWidget(page.programmes)
    click(qtbot, page.programmes.buttons["Tambah program"])
    dialog = page.programmes.active_dialog
    type_date(qtbot, dialog.start_month, "Mei 2026")
    type_date(qtbot, dialog.end_month, "Februari 2026")
    type_and_save(qtbot, dialog, name="Tahap II")
    assert dialog.errors.message("end_month") == "Bulan selesai tidak boleh sebelum bulan mulai"
    assert count(database, Programme) == 0


def test_an_existing_database_fills_its_wilayah_from_the_kemendagri_list(qtbot, page, database):
    tab = page.wilayah
    click(qtbot, tab.add_kecamatan_button)
    type_and_save(qtbot, tab.active_dialog, name="Kec. Membalong")
    [typed] = rows(database, Kecamatan)
    click(qtbot, tab.from_list_button)
    dialog = tab.active_dialog
    qtbot.keyClicks(dialog.region.province.lineEdit(), "Bangka Belitung")
    qtbot.keyClicks(dialog.region.regency.lineEdit(), "Belitung")
    with qtbot.waitSignal(dialog.saved) as saved:
        click(qtbot, dialog.save_button)
    assert (saved.args[0].kecamatan_added, saved.args[0].kecamatan_matched) == (4, 1)
    kecamatan = {k.name: k.code for k in rows(database, Kecamatan)}
    assert kecamatan == {
        "Badau": "19.02.05",
        "Membalong": "19.02.02",
        "Selat Nasik": "19.02.03",
        "Sijuk": "19.02.04",
        "Tanjung Pandan": "19.02.01",
    }
    assert typed.id in {k.id for k in rows(database, Kecamatan)}  # kept, given its code
    assert count(database, Desa) == 49
    assert [r[1] for r in tree_rows(tab) if r[0] == 0] == sorted(kecamatan)
    top = tab.tree.topLevelItem(0)
    assert (top.text(0), top.text(3)) == ("Badau", "19.02.05")
    with database.sessions() as session:
        settings = get_settings(session)
    assert (settings.province_code, settings.regency_code) == ("19", "19.02")
