"""ImportWizard: choose a file, map columns if needed, preview every row, import.

The preview is a dry run of the real import (``import_file(..., dry_run=True)``) on the database
worker, so what the table shows is exactly what "Impor" will do. "Impor" runs the same import
through :func:`~desktop_app.ui.progress.run_with_progress` in one transaction the runner
commits (nothing is kept if a row is refused, unless "Impor baris yang valid saja" is ticked).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.i18n import N_, _
from desktop_app.importing import (
    HeaderLayout,
    ImportResult,
    import_file,
    inspect_file,
    write_error_report,
    write_template,
)
from desktop_app.ui.common.theme import COLOURS
from desktop_app.ui.importing.pages import ChoosePage, MappingPage, PreviewPage, ResultPage
from desktop_app.ui.operations import importing as operations
from desktop_app.ui.ops import OperationRunner, user_message
from desktop_app.ui.progress import run_with_progress

__all__ = ["ImportWizard"]

TEMPLATE_NAMES = {"children": "anak", "guardians": "orang-tua-asuh", "visits": "kunjungan"}
_FILTER = N_("Berkas data (*.xlsx *.csv);;Excel (*.xlsx);;CSV (*.csv)")


class ImportWizard(QDialog):
    """Signal ``imported(ImportResult)`` after an import that wrote rows."""

    imported = Signal(object)

    def __init__(
        self, runner: OperationRunner, *, kind: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(_("Impor data"))
        self.resize(980, 640)
        self.mapping: dict[str, str] | None = None
        self.outcome: ImportResult | None = None
        self.choose, self.map_page = ChoosePage(kind), MappingPage()
        self.preview, self.result_page = PreviewPage(), ResultPage()
        self.pages = QStackedWidget()
        for page in (self.choose, self.map_page, self.preview, self.result_page):
            self.pages.addWidget(page)
        self.message = QLabel()
        self.message.setObjectName("wizard_message")
        self.message.setWordWrap(True)
        self.back = QPushButton(_("Kembali"))
        self.save_report = QPushButton(_("Simpan daftar baris ditolak…"))
        self.next = QPushButton(_("Lanjut"))
        self.next.setDefault(True)
        self.close_button = QPushButton(_("Tutup"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addWidget(self.save_report)
        buttons.addStretch(1)
        buttons.addWidget(self.next)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.back.clicked.connect(self._go_back)
        self.next.clicked.connect(self._go_next)
        self.close_button.clicked.connect(self.reject)
        self.save_report.clicked.connect(self._save_report)
        self.choose.browse.connect(self._browse)
        self.choose.template.connect(self._download_template)
        self.preview.valid_only.toggled.connect(lambda _on: self._update_buttons())
        self._update_buttons()

    # -- state ------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.choose.kind()

    @property
    def path(self) -> Path:
        return Path(self.choose.path.text().strip())

    def _show(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        self.message.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.pages.currentWidget()
        self.back.setVisible(page in (self.map_page, self.preview))
        self.save_report.setVisible(
            page is self.preview and bool(self.outcome and self.outcome.problems)
        )
        self.next.setVisible(page is not self.result_page)
        if page is self.preview and self.outcome is not None:
            result, valid_only = self.outcome, self.preview.valid_only.isChecked()
            can_import = result.valid > 0 and (not result.problems or valid_only)
            self.next.setText(_("Impor"))
            self.next.setEnabled(can_import)
            self.preview.set_hint(self._import_hint(result, valid_only))
        else:
            self.next.setText(_("Lanjut"))
            self.next.setEnabled(True)
        self.close_button.setText(_("Selesai") if page is self.result_page else _("Tutup"))

    @staticmethod
    def _import_hint(result: ImportResult, valid_only: bool) -> str:
        if result.valid == 0:
            return _("Tidak ada baris valid untuk diimpor. Perbaiki berkasnya lalu coba lagi.")
        if not result.problems:
            return _("Semua baris valid. Klik Impor untuk menyimpan.")
        if valid_only:
            return _("{n} baris valid akan disimpan; baris yang ditolak dilewati.").format(
                n=result.valid
            )
        return _(
            'Ada baris yang ditolak. Perbaiki berkasnya, atau centang "Impor baris yang valid '
            'saja"; tanpa itu tidak ada yang disimpan.'
        )

    # -- navigation ---------------------------------------------------------------------------
    def _go_back(self) -> None:
        self._show(self.choose)

    def _go_next(self) -> None:
        page = self.pages.currentWidget()
        if page is self.choose:
            self._inspect()
        elif page is self.map_page:
            mapping = self.map_page.mapping()
            if not all(mapping.values()):
                self._say(_("Pilih kolom berkas untuk setiap data wajib."))
                return
            self.mapping = mapping
            self._run_preview()
        elif page is self.preview:
            self._run_import()

    def _say(self, text: str, *, error: bool = True) -> None:
        """Show ``text`` under the page: red for a problem, teal for a confirmation."""
        self.message.setStyleSheet(f"color: {'#991b1b' if error else COLOURS['accent']};")
        self.message.setText(text)

    def _fail(self, error: Exception) -> None:
        self._say(user_message(error))

    def _inspect(self) -> None:
        if not self.choose.path.text().strip():
            self._say(_("Pilih berkas yang akan diimpor."))
            return
        if not self.path.is_file():
            self._say(_("Berkas {path} tidak ditemukan.").format(path=self.path))
            return
        self.mapping = None
        kind, path = self.kind, self.path
        self.runner.read(
            lambda _session: inspect_file(path, kind),
            on_success=self._inspected,
            on_error=self._fail,
        )

    def _inspected(self, layout: HeaderLayout) -> None:
        if layout.missing:
            self.map_page.show_layout(layout, self.path.name)
            self._show(self.map_page)
        else:
            self._run_preview()

    def _run_preview(self) -> None:
        kind, path, mapping = self.kind, self.path, self.mapping
        run_with_progress(
            self.runner,
            lambda session, progress: import_file(
                session, kind=kind, path=path, mapping=mapping, dry_run=True, progress=progress
            ),
            parent=self,
            title=_("Memeriksa berkas"),
            on_success=self._previewed,
            on_error=self._fail,
        )

    def _previewed(self, result: ImportResult) -> None:
        self.outcome = result
        self.preview.valid_only.setChecked(False)
        self.preview.show_result(result)
        self._show(self.preview)

    def _run_import(self) -> None:
        kind, path, mapping = self.kind, self.path, self.mapping
        valid_only = self.preview.valid_only.isChecked()
        run_with_progress(
            self.runner,
            operations.import_file(kind=kind, path=path, mapping=mapping, valid_only=valid_only),
            parent=self,
            title=_("Mengimpor data"),
            on_success=self._imported,
            on_error=self._fail,
        )  # fmt: skip

    def _imported(self, result: ImportResult) -> None:
        self.outcome = result
        self.result_page.show_result(result, result.created_areas)
        self._show(self.result_page)
        if result.written:
            self.imported.emit(result)

    # -- files ------------------------------------------------------------------------------
    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Pilih berkas untuk diimpor"), str(self.path.parent), _(_FILTER)
        )
        if path:
            self.choose.path.setText(path)

    def _download_template(self, kind: str) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Simpan templat"), f"templat-{TEMPLATE_NAMES[kind]}.xlsx", "Excel (*.xlsx)"
        )
        if not path:
            return
        try:
            write_template(kind, Path(path))
        except OSError as error:
            self._say(_("Templat tidak dapat disimpan: {error}").format(error=error))
            return
        self._say(_("Templat disimpan di {path}").format(path=path), error=False)

    def _save_report(self) -> None:
        if self.outcome is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Simpan daftar baris ditolak"), "baris-ditolak.xlsx", _(_FILTER)
        )
        if path:
            try:
                write_error_report(self.outcome, Path(path))
            except OSError as error:
                self._say(_("Berkas tidak dapat disimpan: {error}").format(error=error))
