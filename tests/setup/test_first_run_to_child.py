"""A new database, from the first-run wizard to a registered child, only through widgets.

Province and kabupaten are typed into the searchable combos, a posyandu is named on the wizard's
posyandu page, and the child form is filled with real key events (dates with the arrow keys);
then the stored rows are read: Kabupaten Belitung's kecamatan and desa with their Kemendagri
codes, the posyandu, and the child with desa, posyandu and consent.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import select

from desktop_app.core import clock, kemendagri
from desktop_app.db.models import Child, Desa, Kecamatan, Posyandu
from desktop_app.ui.children.editor import ChildEditorDialog
from desktop_app.ui.setup.wizard import FirstRunWizard
from desktop_app.validation.nik import make_nik
from tests.ui import form_fixtures
from tests.ui.keys import choose_item

message_boxes = form_fixtures.message_boxes  # the fixture, shared
pytestmark = pytest.mark.usefixtures("message_boxes")

NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton
BIRTH = clock.today() - timedelta(days=430)
TANJUNG_PANDAN = "190201"  # the NIK's first six digits: Kec. Tanjung Pandan, Kab. Belitung


def press(qtbot, widget, key=Qt.Key.Key_Space) -> None:
    qtbot.keyClick(widget, key)


def choose_date(qtbot, edit, target: date) -> None:
    """Type the date as a cadre writes it (dd/mm/yyyy), then leave the field."""
    edit.line.selectAll()
    qtbot.keyClicks(edit.line, target.strftime("%d/%m/%Y"))
    press(qtbot, edit.line, Qt.Key.Key_Tab)
    assert edit.value() == target


def run_wizard(qtbot, runner, *, posyandu: tuple[str, str] | None) -> FirstRunWizard:
    wizard = FirstRunWizard(runner)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.region.province.lineEdit(), "kepulauan bangka belitung")
    qtbot.keyClicks(wizard.region.regency.lineEdit(), "Belitung")
    assert wizard.region.regency.current_id() == "19.02"
    assert wizard.district.district_name.text() == "Kabupaten Belitung"
    hint = wizard._page_rows[wizard.pageIds()[0]].hints["regency_code"].text()
    villages = kemendagri.villages_of("19.02")
    kelurahan = sum(v.kind == "kelurahan" for v in villages)
    desa = len(villages) - kelurahan
    assert hint == f"Akan diisi: 5 kecamatan, {desa} desa, {kelurahan} kelurahan (kode 19.02)"
    qtbot.keyClicks(wizard.district.coordinating_office, "DP3AP2KB")
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    if posyandu is not None:
        desa, name = posyandu
        qtbot.keyClicks(wizard.posyandu.desa.lineEdit(), desa)
        qtbot.keyClicks(wizard.posyandu.name, name)
        press(qtbot, wizard.posyandu.add_button)
        assert wizard.posyandu.list.count() == 1
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.programme_name, "OTA Belitung 2026")
    while wizard.currentId() < wizard.pageIds()[-1]:
        qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted, wizard.errors.message("posyandu")
    return wizard


def open_child_form(qtbot, runner) -> ChildEditorDialog:
    dialog = ChildEditorDialog(runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose_by_label(qtbot, combo, label: str) -> None:
    index = combo.findText(label)
    assert index > 0, (label, [combo.itemText(i) for i in range(combo.count())])
    choose_item(qtbot, combo, combo.itemData(index))


def test_a_new_database_goes_from_the_wizard_to_a_registered_child(qtbot, runner, database):
    run_wizard(qtbot, runner, posyandu=("Air Saga", "Posyandu Melati"))
    with database.sessions() as session:
        kecamatan = dict(session.execute(select(Kecamatan.code, Kecamatan.name)).all())
        desa = {d.code: (d.name, d.kind) for d in session.scalars(select(Desa))}
        [melati] = session.scalars(select(Posyandu)).all()
        melati_desa = melati.desa.name
    assert kecamatan == {a.code: a.name for a in kemendagri.districts_of("19.02")}
    assert kecamatan["19.02.01"] == "Tanjung Pandan"
    assert desa == {v.code: (v.name, v.kind) for v in kemendagri.villages_of("19.02")}
    assert desa["19.02.01.2010"] == ("Air Saga", "desa")
    assert desa["19.02.01.1001"] == ("Kota", "kelurahan")
    assert (melati.name, melati_desa) == ("Posyandu Melati", "Air Saga")

    dialog = open_child_form(qtbot, runner)
    nik = make_nik(region=TANJUNG_PANDAN, birth_date=BIRTH, sex="P", sequence=21)
    qtbot.keyClicks(dialog.name, "Nur Aini")
    qtbot.keyClicks(dialog.nik.line, nik)
    assert dialog.identity.hints["nik"].text().endswith("· Kec. Tanjung Pandan, Kab. Belitung")
    press(qtbot, dialog.sex.buttons["P"])
    choose_date(qtbot, dialog.birth_date, BIRTH)
    qtbot.keyClicks(dialog.mother_name, "Sari Dewi")
    choose_by_label(qtbot, dialog.wilayah.kecamatan, "Tanjung Pandan")
    choose_by_label(qtbot, dialog.wilayah.desa, "Air Saga")
    choose_by_label(qtbot, dialog.wilayah.posyandu, "Posyandu Melati")
    assert not dialog.wilayah.empty["posyandu"].isVisibleTo(dialog)
    choose_date(qtbot, dialog.consent_date, clock.today())
    qtbot.keyClicks(dialog.consent_by, "Sari Dewi")
    qtbot.keyClicks(dialog.consent_relation.lineEdit(), "Ibu")
    with qtbot.waitSignal(dialog.saved):
        press(qtbot, dialog.save_button)

    with database.sessions() as session:
        [child] = session.scalars(select(Child)).all()
        stored = (child.name, child.nik, child.sex, child.birth_date, child.mother_name)
        place = (child.desa.code, child.desa.name, child.posyandu.name)
        consent = (child.consent_date, child.consent_by, child.consent_relation)
    assert stored == ("Nur Aini", nik, "P", BIRTH, "Sari Dewi")
    assert place == ("19.02.01.2010", "Air Saga", "Posyandu Melati")
    assert consent == (clock.today(), "Sari Dewi", "Ibu")


def test_an_empty_posyandu_list_says_so_and_adds_one_there(qtbot, runner, database):
    run_wizard(qtbot, runner, posyandu=None)
    dialog = open_child_form(qtbot, runner)
    combos = dialog.wilayah
    choose_by_label(qtbot, combos.kecamatan, "Tanjung Pandan")
    choose_by_label(qtbot, combos.desa, "Perawas")
    line = combos.empty["posyandu"]
    assert line.isVisibleTo(dialog)
    assert line.label.text() == "Belum ada posyandu di desa ini"
    press(qtbot, line.button)
    add = combos.active_dialog
    assert add is not None and add.isVisible()
    qtbot.keyClicks(add.name, "Kenanga")
    with qtbot.waitSignal(add.saved):
        press(qtbot, add.save_button)
    assert combos.posyandu.currentText() == "Kenanga"
    assert not line.isVisibleTo(dialog)
    with database.sessions() as session:
        [kenanga] = session.scalars(select(Posyandu)).all()
        assert (kenanga.name, kenanga.desa.code) == ("Kenanga", "19.02.01.2004")


def test_a_nik_from_another_kabupaten_is_pointed_out(qtbot, runner):
    run_wizard(qtbot, runner, posyandu=None)
    dialog = open_child_form(qtbot, runner)
    qtbot.keyClicks(dialog.nik.line, make_nik(region="190101", birth_date=BIRTH, sex="L"))
    hint = dialog.identity.hints["nik"]
    assert hint.text().endswith("Kec. Sungailiat, Kab. Bangka, di luar Kabupaten Belitung")
    assert "#b26a00" in hint.styleSheet()
