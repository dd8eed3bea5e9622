"""Persiapan awal: the wizard shown to the Admin until the district has been set up.

Five pages (district and its wilayah, posyandu, programme, signatories, logo and backup folder);
Selesai saves everything, the kecamatan and desa/kelurahan of the chosen kabupaten included, in
one operation through the runner (:func:`desktop_app.settings.district.complete_first_run`). A
refused field brings its page back with the message under the field; nothing is saved until all
pass. Batal saves nothing and the wizard returns at the next start. GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget, QWizard, QWizardPage

from desktop_app.core import clock
from desktop_app.core.errors import ValidationError
from desktop_app.core.formatting import format_month
from desktop_app.core.i18n import _
from desktop_app.settings.district import FirstRunForm, FirstRunResult
from desktop_app.settings.programmes import DEFAULT_PERIOD_MONTHS, default_period
from desktop_app.settings.store import AppSettings, get_settings
from desktop_app.ui.operations import settings as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.setup.area_fields import PosyanduList, RegionFields
from desktop_app.ui.setup.district_fields import DistrictFields
from desktop_app.ui.setup.path_field import PathField
from desktop_app.ui.widgets import FormErrors, MonthEdit, messages
from desktop_app.ui.widgets.form_errors import INVALID_STYLE
from desktop_app.ui.widgets.form_row import FormRows

PLACEHOLDER_DISTRICT = AppSettings().district_name  # the default is an example, not an answer


class FirstRunWizard(QWizard):
    """``completed(FirstRunResult)`` after the settings and the programme were saved."""

    completed = Signal(object)

    def __init__(self, runner: OperationRunner, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.result_value: FirstRunResult | None = None
        self.setWindowTitle(_("Persiapan awal Asuh"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        buttons = QWizard.WizardButton
        self.setButtonText(buttons.NextButton, _("Lanjut"))
        self.setButtonText(buttons.BackButton, _("Kembali"))
        self.setButtonText(buttons.FinishButton, _("Selesai"))
        self.setButtonText(buttons.CancelButton, _("Nanti saja"))
        self.button(buttons.CancelButton).setToolTip(
            _("Tutup tanpa menyimpan; persiapan ini muncul lagi saat Asuh dibuka berikutnya")
        )
        self.setStyleSheet(INVALID_STYLE)  # red error texts and outlines, as in FormDialog
        self.errors = FormErrors(self)
        self.district = DistrictFields()
        self.region = RegionFields(runner, self)
        self.posyandu = PosyanduList(self)
        self.region.villages_loaded.connect(self.posyandu.set_villages)
        self.region.regency_chosen.connect(self._regency_chosen)
        self._auto_name = ""
        self.programme_name = QLineEdit()
        self.programme_name.setPlaceholderText(_("mis. Orang Tua Asuh 2026 Tahap I"))
        self.start_month = MonthEdit()
        self.end_month = MonthEdit()
        self.backup_dir = PathField(
            folder=True, placeholder=_("Folder \u201ccadangan\u201d di samping berkas data")
        )
        self._page_rows: dict[int, FormRows] = {}
        self._build_pages()
        self.setMinimumSize(780, 540)
        start, end = default_period(clock.today())
        self.start_month.setValue(start)
        self.end_month.setValue(end)
        self.start_month.changed.connect(lambda *_a: self._describe_period())
        self.end_month.changed.connect(lambda *_a: self._describe_period())
        self._describe_period()
        runner.read(get_settings, on_success=self._fill)

    # -- pages --------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        district = self._page(
            _("Kabupaten dan dinas"),
            _("Selamat datang! Beberapa isian ini dipakai di kop laporan dan di seluruh Asuh. "
              "Semuanya dapat diubah kemudian di Pengaturan \u203a Umum."),
        )  # fmt: skip
        self.region.add_rows(district)
        self.district.add_identity(
            district,
            name_label=_("Nama di kop laporan"),
            name_hint=_("Terisi dari kabupaten/kota yang dipilih; boleh diubah"),
        )
        posyandu = self._page(
            _("Posyandu"),
            _("Tambahkan posyandu di desa/kelurahan yang sudah berjalan: pilih desanya, ketik "
              "nama posyandu, lalu Tambah posyandu. Boleh dilewati dan ditambah nanti di "
              "Pengaturan › Wilayah."),
        )  # fmt: skip
        posyandu.add(_("Desa/kelurahan"), self.posyandu.desa, field="posyandu_desa")
        posyandu.add(_("Nama posyandu"), self.posyandu.name_row, field="posyandu_name")
        posyandu.add(
            _("Akan ditambahkan"),
            self.posyandu.list_box,
            field="posyandu",
            hint=self.posyandu.summary(),
        )
        self.posyandu_rows = posyandu
        self.posyandu.add_button.clicked.connect(self._posyandu_added)
        self.posyandu.remove_button.clicked.connect(self._posyandu_added)
        programme = self._page(
            _("Program pertama"),
            _("Periode program dan bantuan bulanan per anak; program lain dapat ditambah "
              "kemudian di Pengaturan \u203a Data induk."),
        )  # fmt: skip
        programme.add(_("Nama program"), self.programme_name, field="programme_name", required=True)
        programme.add(_("Bulan mulai"), self.start_month, field="start_month", required=True)
        programme.add(_("Bulan selesai"), self.end_month, field="end_month", required=True)
        self.programme_rows = programme
        self.district.add_aid(programme)
        signatories = self._page(
            _("Penandatangan laporan"),
            _("Nama dan jabatan yang dicetak di bawah laporan bulanan. Boleh dikosongkan."),
        )
        self.district.add_signatories(signatories)
        files = self._page(
            _("Logo dan cadangan"),
            _("Logo kop surat (tidak wajib) dan folder tempat Asuh menyimpan cadangan otomatis. "
              "Sebaiknya pilih folder di diska lain atau flashdisk."),
        )  # fmt: skip
        self.district.add_logo(files)
        files.add(_("Folder cadangan"), self.backup_dir, field="backup_dir")

    def _page(self, title: str, intro: str) -> FormRows:
        page = QWizardPage()
        page.setTitle(title)
        layout = QVBoxLayout(page)
        note = QLabel(intro)
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        layout.addWidget(note)
        layout.addSpacing(8)
        rows = FormRows(self.errors, page)
        layout.addWidget(rows)
        layout.addStretch(1)
        self._page_rows[self.addPage(page)] = rows
        return rows

    def _fill(self, settings: AppSettings) -> None:
        self.district.fill(settings)
        if settings.district_name == PLACEHOLDER_DISTRICT:
            self.district.district_name.clear()
        self.region.select(settings.province_code, settings.regency_code)
        self.programme_name.setText(settings.programme_label)
        self.backup_dir.setText(settings.backup_dir)

    def _regency_chosen(self, name: str) -> None:
        """The kabupaten's name fills "Nama kabupaten/kota" unless the user typed another."""
        edit = self.district.district_name
        if name and edit.text().strip() in ("", self._auto_name):
            edit.setText(name)
            self._auto_name = name

    def _posyandu_added(self) -> None:
        problem = self.posyandu.problem
        self.posyandu.problem = ""
        self.posyandu_rows.set_hint("posyandu_name", problem, colour="#b26a00")
        self.posyandu_rows.set_hint("posyandu", self.posyandu.summary())

    def _describe_period(self) -> None:
        start, end = self.start_month.value(), self.end_month.value()
        if start is None or end is None or end < start:
            self.programme_rows.set_hint("end_month", "")
            return
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        text = _("Periode {months} bulan: {start} – {end}").format(
            months=months, start=format_month(start), end=format_month(end)
        )
        if (start, end) == default_period(clock.today()):
            text += " " + _("(bawaan: {months} bulan mulai bulan ini)").format(
                months=DEFAULT_PERIOD_MONTHS
            )
        self.programme_rows.set_hint("end_month", text)

    # -- saving -------------------------------------------------------------------------------
    def form(self) -> FirstRunForm:
        return FirstRunForm(
            **self.district.values(),
            province_code=self.region.province.current_id() or "",
            regency_code=self.region.regency.current_id() or "",
            posyandu=self.posyandu.entries(),
            programme_name=self.programme_name.text(),
            start_month=self.start_month.value(),
            end_month=self.end_month.value(),
            backup_dir=self.backup_dir.text(),
        )

    def accept(self) -> None:  # Selesai: save first, close only when it worked
        form = self.form()
        self.errors.clear()
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.runner.run_op(
            operations.complete_first_run(form=form),
            on_success=self._saved,
            on_error=self._failed,
        )

    def _saved(self, result: FirstRunResult) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.result_value = result
        self.completed.emit(result)
        super().accept()

    def _failed(self, error: Exception) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        if not isinstance(error, ValidationError):
            messages.show_failure(self, error)
            return
        unplaced = self.errors.show(error)
        if unplaced:
            messages.show_error(self, "\n".join(e.message for e in unplaced))
        self.go_to_page(min(self.page_of(e.field) for e in error.errors))

    def page_of(self, field: str) -> int:
        """The page id holding ``field`` (the last page for a field no page shows)."""
        for page_id, rows in self._page_rows.items():
            if field in rows.labels:
                return page_id
        return self.pageIds()[-1]

    def go_to_page(self, page_id: int) -> None:
        while self.currentId() > page_id:
            self.back()
