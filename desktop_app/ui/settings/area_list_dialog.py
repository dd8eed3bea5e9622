"""Pengaturan > Wilayah, "Isi dari daftar Kemendagri": choose a kabupaten/kota and fill in its
kecamatan and desa/kelurahan with their codes (places already there are kept and given codes).

For a database set up before the official list shipped with Asuh; a new one gets the same in the
first-run wizard. The work is ``desktop_app.settings.area_setup.fill_district_from_list``, run
through the runner in one transaction. GUI thread.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.core.i18n import _
from desktop_app.settings.area_setup import AreaLoadResult
from desktop_app.settings.store import AppSettings, get_settings
from desktop_app.ui.operations import settings as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.setup.area_fields import RegionFields
from desktop_app.ui.widgets import FormDialog


class AreaListDialog(FormDialog):
    """``saved(AreaLoadResult)`` once the kecamatan and desa are in the database."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, title=_("Isi wilayah dari daftar Kemendagri"), parent=parent)
        intro = QLabel(
            _("Semua kecamatan dan desa/kelurahan kabupaten/kota yang dipilih ditambahkan "
              "dengan kode Kemendagri. Yang sudah ada tetap dipakai (diberi kode dan ejaan "
              "resmi), tidak ganda.")
        )  # fmt: skip
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        self.body.addWidget(intro)
        self.region = RegionFields(runner, self)
        self.region.add_rows(self.rows())
        self.save_button.setText(_("Isi wilayah"))
        self.setMinimumWidth(620)
        self.result_value: AreaLoadResult | None = None
        runner.read(get_settings, on_success=self._fill)

    def _fill(self, settings: AppSettings) -> None:
        self.region.select(settings.province_code, settings.regency_code)

    def saved_value(self, result: AreaLoadResult) -> AreaLoadResult:
        self.result_value = result
        return result

    def save(self) -> None:
        self.submit(
            operations.fill_district_from_list(
                province_code=self.region.province.current_id() or "",
                regency_code=self.region.regency.current_id() or "",
            )
        )
