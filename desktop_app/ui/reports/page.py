"""Laporan: choose a report and month (and a child for the card), build it with a progress
dialog, preview the pages, then save or print.

The build goes through :func:`desktop_app.ui.render_jobs.read_render_write`: the report's data
is read on the DB worker, the document is laid out and its pages rasterised on the page's
:class:`~desktop_app.ui.render_jobs.SideThread` (so saves elsewhere do not wait behind a long
layout), then the ``export`` entry goes into the audit trail through the DB worker. The GUI
thread only wraps finished bitmaps. The widget never sees SQL or ORM objects.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import clock
from desktop_app.core.formatting import format_count, format_month
from desktop_app.core.i18n import _, ngettext
from desktop_app.core.month import Month
from desktop_app.core.permissions import ADMIN
from desktop_app.core.progress import ProgressFn
from desktop_app.reports.choices import (
    ReportChoice,
    programme_choices,
    search_children_for_card,
)
from desktop_app.reports.closing import (
    ClosureInfo,
    MonthDescription,
    default_report_month,
    describe_month,
)
from desktop_app.reports.service import (
    BuiltReport,
    ReportData,
    ReportKind,
    read_report,
    record_report_export,
    render_report,
)
from desktop_app.ui.operations import reports as report_operations
from desktop_app.ui.operations.build import changes_of
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.progress import run_with_progress
from desktop_app.ui.render_jobs import SideThread, read_render_write
from desktop_app.ui.reports.pdf_images import PageBitmap, rasterize, to_qimage
from desktop_app.ui.reports.preview import ReportPreview
from desktop_app.ui.reports.printing import ask_printer, print_pdf
from desktop_app.ui.widgets.date_edit import MonthEdit
from desktop_app.ui.widgets.messages import ask, show_error, show_failure, show_info
from desktop_app.ui.widgets.saved_file import show_saved_file
from desktop_app.ui.widgets.search_picker import SearchPicker

if TYPE_CHECKING:
    from desktop_app.core.session import Session

__all__ = ["ReportsPage"]

PREVIEW_DPI = 80


@dataclass(frozen=True)
class _Result:
    report: BuiltReport
    pages: list[PageBitmap]


def _render_and_rasterise(data: ReportData, progress: ProgressFn) -> _Result:  # render thread
    report = render_report(data, progress)
    is_pdf = report.kind.suffix == ".pdf"
    pages = rasterize(report.content, PREVIEW_DPI, progress) if is_pdf else []
    return _Result(report, pages)


class ReportsPage(QWidget):
    """The Laporan page. ``last_report`` holds the latest build (bytes) for save and print;
    ``renderer`` is the thread that lays out and rasterises (its own unless one is given)."""

    def __init__(
        self,
        runner: OperationRunner,
        parent: QWidget | None = None,
        *,
        renderer: SideThread | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.renderer = renderer or SideThread(self)
        self.last_report: BuiltReport | None = None
        self.kind = QComboBox()
        for kind in ReportKind:
            self.kind.addItem(kind.label, kind.value)
        self.month = MonthEdit()
        # The last full month, never the running one (whose figures are still coming in).
        self.month.setValue(default_report_month(clock.today()).first_day)
        self.programme = QComboBox()
        self.programme.addItem(_("Semua program"), None)
        self.child = SearchPicker(
            runner,
            search_children_for_card,
            lambda c: (c.id, c.label, True),
            placeholder=_("Cari nama anak, NIK atau nama ibu…"),
        )
        self.all_payments = QCheckBox(_("Semua status (rencana dan batal juga)"))
        self.all_payments.setToolTip(
            _("Bawaan: daftar tanda tangan hanya memuat bantuan yang sudah dibayar.")
        )
        self.build_button = QPushButton(_("Buat laporan"))
        self.build_button.setDefault(True)
        self.save_button = QPushButton(_("Simpan PDF…"))
        self.print_button = QPushButton(_("Cetak…"))
        self.close_month_button = QPushButton(_("Tutup bulan…"))
        self.close_month_button.setToolTip(
            _("Simpan angka bulan ini secara permanen: laporannya dicetak ulang sama persis.")
        )
        self.close_month_button.setVisible(runner.role in (None, ADMIN))
        self.month_state = QLabel()
        self.month_state.setWordWrap(True)
        self.month_state.setObjectName("monthState")
        self.status = QLabel(_("Pilih laporan dan bulan, lalu klik Buat laporan."))
        self.status.setWordWrap(True)
        self.preview = ReportPreview()
        self._layout()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.build_button.clicked.connect(self.build)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_report)
        self.close_month_button.clicked.connect(self.close_month)
        self.month.changed.connect(self.refresh_month_state)
        self._kind_changed()
        self._set_ready(False)
        runner.read(programme_choices, on_success=self._fill_programmes)
        self.refresh_month_state()

    def _layout(self) -> None:
        title = QLabel(_("Laporan"))
        title.setObjectName("pageTitle")
        form = QFormLayout()
        # Labels above their fields: the side panel stays narrow and no label is cut off.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(_("Jenis laporan"), self.kind)
        form.addRow(_("Bulan"), self.month)
        form.addRow(self.month_state)
        form.addRow(_("Program"), self.programme)
        form.addRow(self.all_payments)
        self.child_label = QLabel(_("Anak"))
        form.addRow(self.child_label, self.child)
        buttons = QVBoxLayout()
        for button in (self.build_button, self.save_button, self.print_button,
                       self.close_month_button):  # fmt: skip
            buttons.addWidget(button)
        side = QVBoxLayout()
        side.addWidget(title)
        side.addSpacing(8)
        side.addLayout(form)
        side.addLayout(buttons)
        side.addWidget(self.status)
        side.addStretch(1)
        panel = QWidget()
        panel.setLayout(side)
        panel.setFixedWidth(320)
        root = QHBoxLayout(self)
        root.setContentsMargins(16, 16, 16, 16)
        root.setSpacing(16)
        root.addWidget(panel)
        root.addWidget(self.preview, 1)

    # -- choices ------------------------------------------------------------------------------
    def selected_kind(self) -> ReportKind:
        return ReportKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        is_card = self.selected_kind() is ReportKind.CHILD
        self.child.setVisible(is_card)
        self.child_label.setVisible(is_card)
        self.month.setEnabled(not is_card)
        self.programme.setEnabled(
            self.selected_kind()
            in (ReportKind.MONTHLY, ReportKind.MONTHLY_XLSX, ReportKind.PAYMENTS)
        )
        self.save_button.setText(
            _("Simpan Excel…") if self.selected_kind() is ReportKind.MONTHLY_XLSX
            else _("Simpan PDF…")
        )  # fmt: skip
        self.all_payments.setVisible(self.selected_kind() is ReportKind.PAYMENTS)
        if is_card:
            self.child.refresh()

    def _fill_programmes(self, choices: list[ReportChoice]) -> None:
        for choice in choices:
            self.programme.addItem(choice.label, choice.id)

    def _set_ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        is_pdf = ready and self.last_report is not None and self.last_report.kind.suffix == ".pdf"
        self.print_button.setEnabled(is_pdf)

    # -- month state and Tutup bulan ------------------------------------------------------------
    def refresh_month_state(self) -> None:
        """Say whether the chosen month is closed, ended, running or not yet begun."""
        value = self.month.value()
        if value is None:
            return
        month = Month.of(value)
        self.runner.read(lambda session: describe_month(session, month),
                         on_success=self._show_month_state)  # fmt: skip

    def _show_month_state(self, described: MonthDescription) -> None:
        value = self.month.value()
        if value is None or Month.of(value) != described.month:
            return  # the user chose another month meanwhile
        self.month_state.setText(described.text)
        self.close_month_button.setEnabled(described.closable)

    def close_month(self) -> None:
        value = self.month.value()
        if value is None:
            return
        month = Month.of(value)
        name = format_month(month.first_day)
        if not ask(self, _("Tutup bulan"), _(
            "Tutup bulan {month}? Angka semua laporan bulan ini disimpan permanen dan dicetak "
            "ulang sama persis. Perubahan data bulan ini sesudahnya dicatat sebagai koreksi di "
            "laporan berikutnya. Penutupan tidak dapat dibatalkan."
        ).format(month=name), yes=_("Tutup bulan")):  # fmt: skip
            return
        self._close_dialog = run_with_progress(
            self.runner, report_operations.close_month(month=month), parent=self,
            title=_("Tutup bulan {month}").format(month=name),
            on_success=self._month_closed, on_error=lambda error: show_failure(self, error),
        )  # fmt: skip

    def _month_closed(self, info: ClosureInfo) -> None:
        self.refresh_month_state()
        show_info(self, _("Bulan {month} sudah ditutup. Laporannya kini dicetak dari angka tutup "
                          "bulan.").format(month=format_month(info.month.first_day)),
                  title=_("Tutup bulan"))  # fmt: skip

    # -- build --------------------------------------------------------------------------------
    def build(self) -> None:
        kind = self.selected_kind()
        month_value = self.month.value()
        child_id: uuid.UUID | None = self.child.value() if kind is ReportKind.CHILD else None
        if kind is ReportKind.CHILD and child_id is None:
            show_error(self, _("Pilih anak untuk kartu anak."), title=_("Laporan"))
            return
        if kind is not ReportKind.CHILD and month_value is None:
            show_error(self, _("Pilih bulan laporan."), title=_("Laporan"))
            return
        month = Month.of(month_value) if month_value else None
        programme_id = self.programme.currentData() if self.programme.isEnabled() else None
        all_payments = kind is ReportKind.PAYMENTS and self.all_payments.isChecked()

        def read(session: Session, progress: ProgressFn) -> ReportData:  # DB worker
            return read_report(
                session, kind=kind, month=month, programme_id=programme_id, child_id=child_id,
                progress=progress, all_payments=all_payments,
            )  # fmt: skip

        def record(session: Session, data: ReportData, _result: _Result) -> None:  # DB worker
            record_report_export(session, data)

        self.build_button.setEnabled(False)
        self.status.setText(_("Sedang membuat {report}…").format(report=kind.label))
        self._dialog = read_render_write(
            self.runner, self.renderer, read=read, render=_render_and_rasterise, write=record,
            parent=self, title=kind.label, changes=changes_of(record_report_export),
            on_success=self._built, on_error=self._failed,
        )  # fmt: skip

    def _built(self, result: _Result) -> None:
        self.build_button.setEnabled(True)
        self.last_report = result.report
        if result.pages:
            self.preview.show_pages([to_qimage(p) for p in result.pages])
            self.status.setText(
                _("{report} siap: {n} halaman.").format(
                    report=result.report.kind.label, n=len(result.pages)
                )
            )
        else:
            self.preview.show_pages([])
            self.status.setText(
                _("{report} siap; tidak ada pratinjau untuk Excel. Klik Simpan.").format(
                    report=result.report.kind.label
                )
            )
        self._set_ready(True)

    def _failed(self, error: Exception) -> None:
        self.build_button.setEnabled(True)
        self.status.setText(_("Laporan gagal dibuat."))
        show_failure(self, error)

    # -- save and print -----------------------------------------------------------------------
    def ask_save_path(self, suggested: str) -> str:
        """The save dialog (tests replace this method)."""
        is_xlsx = suggested.endswith(".xlsx")
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Simpan laporan"), suggested,
            _("Buku kerja Excel (*.xlsx)") if is_xlsx else _("Dokumen PDF (*.pdf)"),
        )  # fmt: skip
        return path

    def save(self) -> None:
        if self.last_report is None:
            return
        path = self.ask_save_path(self.last_report.suggested_name)
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != self.last_report.kind.suffix:
            target = target.with_name(target.name + self.last_report.kind.suffix)
        try:
            target.write_bytes(self.last_report.content)
        except OSError as error:
            show_error(self, _("Berkas tidak dapat ditulis: {error}").format(error=error))
            return
        self.status.setText(_("Disimpan: {path}").format(path=target))
        show_saved_file(self, target)

    def print_report(self) -> None:
        if self.last_report is None or self.last_report.kind.suffix != ".pdf":
            return
        printer = ask_printer(self, self.preview.page_count())
        if printer is None:
            return
        printed = print_pdf(printer, self.last_report.content)
        show_info(
            self,
            ngettext(
                "{n} halaman dikirim ke pencetak.", "{n} halaman dikirim ke pencetak.", printed
            ).format(n=format_count(printed)),
        )
