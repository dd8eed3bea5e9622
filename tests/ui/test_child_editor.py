"""The child form driven as a user would: typing, choosing, clicking Simpan; rows checked."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from sqlalchemy import select

from desktop_app.children.service import get_child
from desktop_app.core import clock
from desktop_app.db.models import AuditEntry, Child
from desktop_app.ui.children.duplicate_dialog import DuplicateDialog
from desktop_app.ui.children.editor import ChildEditorDialog
from desktop_app.validation.nik import make_nik
from tests.ui import form_fixtures
from tests.ui.form_fixtures import (
    BIRTH,
    REGION,
    count,
    make_child,
    make_wilayah,
    rows,
    run,
)
from tests.ui.keys import type_date

message_boxes = form_fixtures.message_boxes  # the fixture, shared
# An unexpected modal box would block a test for ever: every box is recorded instead.
pytestmark = pytest.mark.usefixtures("message_boxes")


@pytest.fixture
def wilayah(database):
    return make_wilayah(database)


def open_editor(qtbot, runner, **kwargs) -> ChildEditorDialog:
    dialog = ChildEditorDialog(runner, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_child(qtbot, dialog: ChildEditorDialog, wilayah, *, nik: str) -> None:
    qtbot.keyClicks(dialog.name, "  SITI   AMINAH ")
    qtbot.keyClicks(dialog.nik.line, nik)
    qtbot.mouseClick(dialog.sex.buttons["P"], Qt.MouseButton.LeftButton)
    type_date(qtbot, dialog.birth_date, BIRTH.strftime("%d/%m/%Y"))
    qtbot.keyClicks(dialog.birth_weight, "2,45")
    qtbot.keyClicks(dialog.birth_length, "47.5")
    qtbot.keyClicks(dialog.mother_name, "Sari Dewi")
    qtbot.keyClicks(dialog.rt, "3")
    qtbot.keyClicks(dialog.rw, "5")
    dialog.wilayah.kecamatan.set_current_id(wilayah.kecamatan_id)
    dialog.wilayah.desa.set_current_id(wilayah.desa_id)
    dialog.wilayah.posyandu.set_current_id(wilayah.posyandu_id)
    dialog.risk_factors.boxes["perokok"].click()
    dialog.risk_factors.boxes["air_bersih"].click()
    qtbot.mouseClick(dialog.enrolment_status.buttons["stunting"], Qt.MouseButton.LeftButton)
    type_date(qtbot, dialog.consent_date, clock.today().strftime("%d%m%Y"))
    qtbot.keyClicks(dialog.consent_by, "Sari Dewi")
    dialog.consent_relation.setCurrentText("Ibu")


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_valid_child_is_saved_once_with_the_typed_values(qtbot, runner, database, wilayah):
    dialog = open_editor(qtbot, runner)
    nik = make_nik(region=REGION, birth_date=BIRTH, sex="P", sequence=12)
    type_child(qtbot, dialog, wilayah, nik=nik)
    with qtbot.waitSignal(dialog.saved) as saved:
        save(qtbot, dialog)

    [child] = rows(database, Child)
    assert saved.args == [child.id]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (child.name, child.nik, child.sex, child.birth_date) == ("Siti Aminah", nik, "P", BIRTH)
    assert (child.birth_weight_kg, child.birth_length_cm) == (2.45, 47.5)
    assert (child.desa_id, child.posyandu_id) == (wilayah.desa_id, wilayah.posyandu_id)
    assert child.risk_factors == ["air_bersih", "perokok"]  # order of the list, not of clicks
    assert child.enrolment_status == "stunting"
    assert (child.consent_date, child.consent_by, child.consent_relation) == (
        clock.today(),
        "Sari Dewi",
        "Ibu",
    )
    assert child.enrolled_on == clock.today()


def test_nik_with_wrong_birth_digits_is_shown_inline_and_nothing_saved(
    qtbot, runner, database, wilayah
):
    dialog = open_editor(qtbot, runner)
    wrong = make_nik(region=REGION, birth_date=date(2023, 1, 9), sex="P", sequence=3)
    type_child(qtbot, dialog, wilayah, nik=wrong)
    save(qtbot, dialog)

    message = dialog.errors.message("nik")
    assert message.startswith("Tanggal lahir pada NIK")
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.nik.line.property("invalid") is True
    assert dialog.focusWidget() is dialog.nik.line
    assert count(database, Child) == 0

    qtbot.keyClicks(dialog.nik.line, "9")  # editing the field clears its error
    assert dialog.errors.message("nik") == ""
    assert dialog.nik.line.property("invalid") is False


def test_missing_required_fields_each_get_their_message(qtbot, runner, database):
    dialog = open_editor(qtbot, runner)
    save(qtbot, dialog)
    assert dialog.errors.message("name")
    assert dialog.errors.message("sex")
    assert dialog.errors.message("birth_date")
    assert dialog.focusWidget() is dialog.name
    assert count(database, Child) == 0


def answer_duplicate(monkeypatch, qtbot, act):
    """Replace the duplicate window's modal loop by ``act(dialog)``, which drives the real
    window with key and mouse events; return the windows seen."""
    seen: list[DuplicateDialog] = []

    def run_dialog(self):
        seen.append(self)
        self.show()
        act(self)
        return self.result()

    monkeypatch.setattr(DuplicateDialog, "exec", run_dialog)
    return seen


def test_an_existing_nik_is_refused_and_the_existing_child_can_be_opened(
    qtbot, runner, database, wilayah, monkeypatch
):
    existing = make_child(database, wilayah)
    seen = answer_duplicate(
        monkeypatch, qtbot, lambda d: qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)
    )
    dialog = open_editor(qtbot, runner)
    opened = []
    dialog.open_existing.connect(opened.append)
    qtbot.keyClicks(dialog.name, "Anak Lain")
    qtbot.keyClicks(dialog.nik.line, existing.nik)  # fills sex and birth date from the NIK
    assert (dialog.sex.value(), dialog.birth_date.value()) == ("P", BIRTH)
    qtbot.keyClicks(dialog.mother_name, "Ibu Lain")
    save(qtbot, dialog)

    [window] = seen
    assert window.refused and window.save_button is None  # no "Tetap simpan" for a NIK
    assert window.windowTitle() == "NIK sudah terdaftar"
    assert "sudah terdaftar atas nama Rina Marlina" in window.intro.text()
    assert window.table.item(0, 4).text() == "NIK sama"
    assert opened == [existing.id]
    assert count(database, Child) == 1
    assert not dialog.isVisible()


def test_closing_the_refusal_keeps_the_form_and_adds_no_row(
    qtbot, runner, database, wilayah, monkeypatch
):
    existing = make_child(database, wilayah)
    answer_duplicate(
        monkeypatch, qtbot, lambda d: qtbot.mouseClick(d.close_button, Qt.MouseButton.LeftButton)
    )
    dialog = open_editor(qtbot, runner)
    type_child(qtbot, dialog, wilayah, nik=existing.nik)
    save(qtbot, dialog)
    assert count(database, Child) == 1
    assert dialog.isVisible() and dialog.nik.text() == existing.nik


def test_a_soft_match_is_saved_only_with_a_reason_kept_in_the_audit_trail(
    qtbot, runner, database, wilayah, monkeypatch
):
    make_child(database, wilayah, nik="", no_kk="3271010101200001")
    states = []

    def give_reason(window):
        assert not window.refused
        states.append(window.save_button.isEnabled())
        qtbot.keyClicks(window.reason_edit, "Anak kembar")
        states.append(window.save_button.isEnabled())
        qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)

    seen = answer_duplicate(monkeypatch, qtbot, give_reason)
    dialog = open_editor(qtbot, runner)
    type_child(qtbot, dialog, wilayah, nik="")
    qtbot.keyClicks(dialog.no_kk.line, "3271010101200002")
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "rina  MARLINA")  # same child by name, birth date and mother
    with qtbot.waitSignal(dialog.saved):
        save(qtbot, dialog)

    assert [b.text() for b in seen[0].findChildren(QPushButton)][0] == "Buka data yang ada"
    assert states == [False, True]  # "Tetap simpan" waits for a reason
    assert count(database, Child) == 2
    summaries = run(
        database,
        lambda s: list(s.scalars(select(AuditEntry.summary).where(AuditEntry.action == "confirm"))),
    )
    assert len(summaries) == 1 and summaries[0].endswith("Alasan: Anak kembar")


def test_editing_an_existing_child_loads_and_changes_it(qtbot, runner, database, wilayah):
    record = make_child(database, wilayah, rt="7")
    dialog = open_editor(qtbot, runner, child_id=record.id)
    assert dialog.name.text() == "Rina Marlina"
    assert dialog.nik.text() == record.nik
    assert dialog.sex.value() == "P"
    assert dialog.birth_date.value() == BIRTH
    assert dialog.wilayah.kecamatan.current_id() == wilayah.kecamatan_id
    assert dialog.wilayah.desa.current_id() == wilayah.desa_id
    assert dialog.wilayah.posyandu.current_id() == wilayah.posyandu_id
    assert dialog.risk_factors.values() == ["jamban"]

    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Rina Marlina Putri")
    dialog.risk_factors.boxes["ekonomi"].click()
    save(qtbot, dialog)

    updated = run(database, lambda s: get_child(s, child_id=record.id))
    assert updated.name == "Rina Marlina Putri"
    assert updated.risk_factors == ("jamban", "ekonomi")
    assert updated.rt == "007"  # kept as loaded (the service pads RT to three digits)
    assert count(database, Child) == 1


def test_desa_list_follows_the_kecamatan(qtbot, runner, wilayah):
    dialog = open_editor(qtbot, runner)
    combos = dialog.wilayah
    assert combos.desa.count() == 1  # only the "pilih kecamatan dulu" prompt
    combos.kecamatan.set_current_id(wilayah.kecamatan_id)
    assert [combos.desa.itemText(i) for i in range(combos.desa.count())][1:] == [
        "Air Saga",
        "Buluh Tumbang",
    ]
    combos.desa.set_current_id(wilayah.desa_id)
    assert combos.posyandu.count() == 3
    combos.kecamatan.setCurrentIndex(0)
    assert combos.desa.current_id() is None and combos.posyandu.current_id() is None


def test_nik_hint_decodes_a_complete_number(qtbot, runner):
    dialog = open_editor(qtbot, runner)
    qtbot.keyClicks(dialog.nik.line, "3271 0145 0124 0001")  # spaces are dropped as typed
    assert dialog.nik.text() == "3271014501240001"
    assert dialog.nik.counter.text() == "16/16"
    assert dialog.identity.hints["nik"].text() == (
        "Lahir 5 Januari 2024 · Perempuan · Kec. Bogor Selatan, Kota Bogor"
    )


def focus_chain(dialog, start, steps: int) -> list:
    """The widgets Tab visits from ``start`` (what a keyboard user goes through)."""
    chain, widget = [], start
    while len(chain) < steps:
        widget = widget.nextInFocusChain()
        policy = widget.focusPolicy()
        if widget.isVisibleTo(dialog) and widget.isEnabled() and policy & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
    return chain


def test_tab_order_follows_the_form(qtbot, runner):
    dialog = open_editor(qtbot, runner)
    chain = focus_chain(dialog, dialog.name, 5)
    assert chain[:3] == [dialog.nik.line, dialog.no_kk.line, dialog.sex.buttons["L"]]
    assert dialog.birth_date.line in chain


def test_decimal_field_takes_comma_or_dot_and_nothing_else(qtbot):
    from desktop_app.ui.widgets import DecimalEdit

    edit = DecimalEdit(decimals=2)
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "12,5")
    assert edit.value() == 12.5
    edit.clear()
    qtbot.keyClicks(edit, "3.25x")  # the letter is refused by the validator
    assert (edit.text(), edit.value()) == ("3.25", 3.25)
    edit.setValue(2.4)
    assert edit.text() == "2,4"
    edit.setText(",")
    assert edit.value() is None


def test_optional_date_starts_empty_and_means_none(qtbot):
    from desktop_app.ui.widgets import DateEdit

    edit = DateEdit(optional=True)
    qtbot.addWidget(edit)
    assert (edit.text(), edit.value()) == ("", None)
    assert edit.line.placeholderText() == "hh/bb/tttt"
    edit.setValue(date(2025, 3, 9))
    assert (edit.text(), edit.value()) == ("09/03/2025", date(2025, 3, 9))
    assert edit.calendarWidget().locale().name() == "id_ID"
    edit.clear_value()
    assert edit.value() is None


def test_saving_on_the_real_worker_thread(qtbot, runner, database, wilayah):
    """The threaded path: lists arrive later, the save is delivered back on the GUI thread."""
    runner.synchronous = False
    dialog = open_editor(qtbot, runner)
    combos = dialog.wilayah
    qtbot.waitUntil(lambda: combos.kecamatan.count() == 3)
    combos.kecamatan.set_current_id(wilayah.kecamatan_id)
    qtbot.waitUntil(lambda: combos.desa.count() == 3)
    combos.desa.set_current_id(wilayah.desa_id)
    qtbot.waitUntil(lambda: combos.posyandu.count() == 3)
    qtbot.keyClicks(dialog.name, "Dewi Anggraini")
    qtbot.mouseClick(dialog.sex.buttons["P"], Qt.MouseButton.LeftButton)
    type_date(qtbot, dialog.birth_date, f"{BIRTH.day} {BIRTH:%B %Y}")
    qtbot.keyClicks(dialog.no_kk.line, "3271010101200003")
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        save(qtbot, dialog)
    [child] = rows(database, Child)
    assert saved.args == [child.id]
    assert (child.name, child.no_kk, child.desa_id) == (
        "Dewi Anggraini",
        "3271010101200003",
        wilayah.desa_id,
    )


def test_a_typed_nik_fills_sex_and_birth_date_and_a_mismatch_shows_at_once(qtbot, runner, database):
    dialog = open_editor(qtbot, runner)
    girl = make_nik(region=REGION, birth_date=BIRTH, sex="P", sequence=5)
    qtbot.keyClicks(dialog.nik.line, girl)
    assert (dialog.sex.value(), dialog.birth_date.value()) == ("P", BIRTH)
    hint = dialog.identity.hints["nik"]
    assert hint.text().startswith("Lahir ") and " · Perempuan · Kec. " in hint.text()

    qtbot.mouseClick(dialog.sex.buttons["L"], Qt.MouseButton.LeftButton)  # typed over the fill
    assert "ditambah 40" in hint.text()  # said before anything is saved
    assert dialog.sex.value() == "L"  # the user's choice is kept, never overwritten
    assert count(database, Child) == 0
