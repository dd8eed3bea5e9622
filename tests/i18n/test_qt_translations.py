"""Qt's built-in strings in Indonesian: the small qtbase_id catalog Asuh ships."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWizard

from desktop_app.core.paths import resource_path
from desktop_app.ui.qt_translations import install_qt_translator
from tests.i18n.catalogs import update_catalogs

catalogs = update_catalogs()
_Button = QDialogButtonBox.StandardButton


@pytest.fixture
def indonesian_qt(qapp):
    translator = install_qt_translator(qapp, "id")
    assert translator is not None
    yield
    install_qt_translator(qapp, "en")


def _buttons() -> list[str]:
    box = QDialogButtonBox(_Button.Ok | _Button.Cancel | _Button.Yes | _Button.No | _Button.Save)
    return sorted(button.text() for button in box.buttons())


def test_english_needs_no_qt_catalog(qapp) -> None:
    assert install_qt_translator(qapp, "en") is None
    assert _buttons() == sorted(["OK", "Cancel", "&Yes", "&No", "Save"])


def test_installing_again_replaces_instead_of_stacking(qapp) -> None:
    install_qt_translator(qapp, "id")
    install_qt_translator(qapp, "id")
    assert _buttons() == sorted(["OK", "Batal", "&Ya", "&Tidak", "Simpan"])
    assert install_qt_translator(qapp, "en") is None  # switching back removes it
    assert _buttons() == sorted(["OK", "Cancel", "&Yes", "&No", "Save"])


def test_standard_buttons_menus_and_wizards_speak_indonesian(qapp, indonesian_qt) -> None:
    assert _buttons() == sorted(["OK", "Batal", "&Ya", "&Tidak", "Simpan"])
    edit = QLineEdit()
    menu = edit.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions() if action.text()]
    assert texts == ["&Urungkan", "Ula&ngi", "Po&tong", "&Salin", "T&empel", "Hapus",
                     "Pilih semua"]  # fmt: skip
    wizard = QWizard()
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Batal"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Lanjut >"


def test_the_compiled_qt_catalog_matches_its_source(tmp_path: Path) -> None:
    ts = resource_path("locale", "qt", "qtbase_id.ts")
    fresh = tmp_path / "qtbase_id.qm"
    catalogs.compile_qt_catalog(ts, fresh)
    assert filecmp.cmp(fresh, ts.with_suffix(".qm"), shallow=False), "run update_catalogs.py"
