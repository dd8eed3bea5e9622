"""The guardian form: kind switch, live NIP decoding, saving ASN/CSR, refusing a bad NIP."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.db.models import Guardian
from desktop_app.guardians.service import get_guardian
from desktop_app.ui.guardians.editor import GuardianEditorDialog
from tests.ui import form_fixtures
from tests.ui.form_fixtures import asn_nip, count, make_guardian, make_opd, rows, run

message_boxes = form_fixtures.message_boxes  # the fixture, shared
# An unexpected modal box would block a test for ever: every box is recorded instead.
pytestmark = pytest.mark.usefixtures("message_boxes")


@pytest.fixture
def opd_id(database):
    return make_opd(database)


def open_editor(qtbot, runner, **kwargs) -> GuardianEditorDialog:
    dialog = GuardianEditorDialog(runner, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_asn_with_valid_nip_is_saved(qtbot, runner, database, opd_id):
    dialog = open_editor(qtbot, runner)
    qtbot.keyClicks(dialog.name, "BUDI SANTOSO")
    qtbot.keyClicks(dialog.nip.line, asn_nip(4))
    assert dialog.form_rows.hints["nip"].text() == (
        "Lahir 12 Maret 1985 · TMT Januari 2010 · Laki-laki"
    )
    dialog.opd.set_current_id(opd_id)
    qtbot.keyClicks(dialog.position, "Analis Kebijakan")
    dialog.rank.setCurrentText("III/c")
    qtbot.keyClicks(dialog.phone, "081234567890")
    with qtbot.waitSignal(dialog.saved) as saved:
        click(qtbot, dialog.save_button)

    [guardian] = rows(database, Guardian)
    assert saved.args == [guardian.id]
    assert (guardian.kind, guardian.name, guardian.nip) == ("asn", "Budi Santoso", asn_nip(4))
    assert (guardian.opd_id, guardian.position, guardian.rank) == (
        opd_id,
        "Analis Kebijakan",
        "III/c",
    )


def test_bad_nip_is_explained_while_typing_and_refused_on_save(qtbot, runner, database, opd_id):
    dialog = open_editor(qtbot, runner)
    qtbot.keyClicks(dialog.name, "Budi Santoso")
    bad = "198513122010011001"  # month 13
    qtbot.keyClicks(dialog.nip.line, bad)
    hint = dialog.form_rows.hints["nip"].text()
    assert hint.startswith("NIP tidak valid")
    dialog.opd.set_current_id(opd_id)
    click(qtbot, dialog.save_button)

    assert dialog.errors.message("nip").startswith("NIP tidak valid")
    assert dialog.isVisible()
    assert count(database, Guardian) == 0


def test_asn_without_opd_is_refused_on_the_opd_field(qtbot, runner, database, opd_id):
    dialog = open_editor(qtbot, runner)
    qtbot.keyClicks(dialog.name, "Budi Santoso")
    qtbot.keyClicks(dialog.nip.line, asn_nip(5))
    click(qtbot, dialog.save_button)
    assert dialog.errors.message("opd_id") == "OPD wajib dipilih untuk ASN"
    assert count(database, Guardian) == 0


def test_csr_shows_company_rows_and_saves_without_asn_fields(qtbot, runner, database, opd_id):
    dialog = open_editor(qtbot, runner)
    qtbot.keyClicks(dialog.nip.line, asn_nip(6))  # typed first, then the kind changed
    click(qtbot, dialog.kind.buttons["csr"])
    assert not dialog.nip.isVisibleTo(dialog) and dialog.company.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.name, "Yayasan Peduli Anak")
    click(qtbot, dialog.save_button)
    assert dialog.errors.message("company") == "Nama perusahaan wajib diisi untuk CSR"
    qtbot.keyClicks(dialog.company, "PT Timah Tbk")
    qtbot.keyClicks(dialog.contact_person, "Dewi Lestari")
    click(qtbot, dialog.save_button)

    [guardian] = rows(database, Guardian)
    assert (guardian.kind, guardian.company, guardian.contact_person) == (
        "csr",
        "PT Timah Tbk",
        "Dewi Lestari",
    )
    assert guardian.nip is None and guardian.opd_id is None


def test_editing_loads_the_guardian_and_saves_changes(qtbot, runner, database, opd_id):
    record = make_guardian(database, opd_id, "Ani Wijaya", 9)
    dialog = open_editor(qtbot, runner, guardian_id=record.id)
    assert (dialog.name.text(), dialog.nip.text()) == ("Ani Wijaya", record.nip)
    assert dialog.opd.current_id() == opd_id
    assert dialog.form_rows.hints["nip"].text().startswith("Lahir 12 Maret 1985")
    qtbot.keyClicks(dialog.position, "Kepala Seksi")
    click(qtbot, dialog.save_button)
    assert run(database, lambda s: get_guardian(s, guardian_id=record.id)).position == (
        "Kepala Seksi"
    )


def test_an_existing_nip_is_refused_under_the_field_and_no_row_added(
    qtbot, runner, database, opd_id
):
    make_guardian(database, opd_id, "Budi Santoso", 4)
    dialog = open_editor(qtbot, runner)
    qtbot.keyClicks(dialog.name, "Orang Lain")
    qtbot.keyClicks(dialog.nip.line, asn_nip(4))
    dialog.opd.set_current_id(opd_id)
    click(qtbot, dialog.save_button)
    assert dialog.errors.message("nip") == "NIP ini sudah terdaftar atas nama Budi Santoso"
    assert count(database, Guardian) == 1


def test_a_namesake_born_the_same_day_is_saved_only_with_a_reason(
    qtbot, runner, database, opd_id, monkeypatch
):
    from sqlalchemy import select

    from desktop_app.db.models import AuditEntry
    from desktop_app.ui.widgets.duplicate_dialog import DuplicateDialog

    existing = make_guardian(database, opd_id, "Budi Santoso", 4)
    seen = []

    def give_reason(self):
        seen.append(self)
        self.show()
        assert [self.table.item(0, 3).text()] == ["Nama dan tanggal lahir (pada NIP) sama"]
        assert self.ids == [existing.id]
        qtbot.keyClicks(self.reason_edit, "Dua pegawai berbeda")
        click(qtbot, self.save_button)
        return self.result()

    monkeypatch.setattr(DuplicateDialog, "exec", give_reason)
    dialog = open_editor(qtbot, runner)
    qtbot.keyClicks(dialog.name, "budi  santoso")
    qtbot.keyClicks(dialog.nip.line, asn_nip(5))  # same birth date, another NIP
    dialog.opd.set_current_id(opd_id)
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    assert len(seen) == 1 and count(database, Guardian) == 2
    summaries = run(
        database,
        lambda s: list(s.scalars(select(AuditEntry.summary).where(AuditEntry.action == "confirm"))),
    )
    assert len(summaries) == 1 and summaries[0].endswith("Alasan: Dua pegawai berbeda")
