"""Halaman Tindak lanjut: the follow-up lists as tabs a cadre can work from.

Filters by kecamatan, desa and posyandu narrow every tab (in memory: the lists are read once per
change); each row names the mother, the family's and the guardian's phones and why the child is
listed (Keterangan). A row's "Catat kunjungan" link (or the button, for the selected row) opens
the visit form for that child; double-click opens the child's page. "Cetak daftar (PDF)" and
"Ekspor Excel" save the current tab's filtered rows as a visit round sheet
(:mod:`desktop_app.followup.round_sheet`), written on the side thread and recorded in the audit
trail, then offer "Buka berkas"/"Buka folder".

Reads :func:`desktop_app.followup.lists.follow_up_lists` through the runner (all lists in one read)
and reloads on VISITS, CHILDREN or ASSIGNMENTS changes while visible (a sync broadcasts them
all). A list that needs telling how to act on it (children with several active guardians: end
the extra assignment) carries its own hint above the table, and its tab shows only while there
are such children (a data problem to clear, not a month's work). ``open_child(object)`` carries
the child's UUID. GUI thread only.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.changes import Changes
from desktop_app.core.formatting import format_count, format_month, format_table_date
from desktop_app.core.i18n import N_, _
from desktop_app.core.progress import ProgressFn
from desktop_app.followup.lists import OVERDUE_DAYS, FollowUpLists, FollowUpRow, follow_up_lists
from desktop_app.followup.round_sheet import (
    AreaFilter,
    RoundSheet,
    build_round_sheet,
    filter_rows,
    record_round_sheet_export,
    write_round_sheet_xlsx,
)
from desktop_app.followup.round_sheet_pdf import RoundSheetRenderer
from desktop_app.ui.common.announce import announce_visit_saves
from desktop_app.ui.common.filter_bar import AreaCascade
from desktop_app.ui.common.row_model import RowColumn, RowTableModel
from desktop_app.ui.common.staleness import StaleWatcher
from desktop_app.ui.operations.build import changes_of
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.render_jobs import SideThread, read_render_write
from desktop_app.ui.widgets.messages import show_error, show_failure, show_info
from desktop_app.ui.widgets.saved_file import show_saved_file
from desktop_app.ui.widgets.tables import set_up_list_table

if TYPE_CHECKING:
    from desktop_app.core.session import Session

#: Rows beyond the visible ones that column widths are fitted to (Qt's default is 1,000).
_COLUMN_FIT_ROWS = 20


class _List(NamedTuple):
    name: str  # attribute of FollowUpLists
    title: str  # tab title (N_)
    date_title: str
    value_title: str
    hint: str | None = None  # shown above the table: what to do about the rows
    only_when_any: bool = False  # a data problem, not work: the tab shows only when it has rows


_LISTS: tuple[_List, ...] = (
    _List("not_visited", N_("Belum dikunjungi bulan ini"), N_("Kunjungan terakhir"),
          N_("Keterangan")),
    _List("worsened", N_("Status memburuk"), N_("Kunjungan terakhir"), N_("Perubahan z-skor")),
    _List("bgm", N_("BGM"), N_("Tanggal timbang"), N_("Z-skor")),
    _List("two_t", N_("2T (dua kali tidak naik)"), N_("Tanggal timbang"), N_("Kenaikan berat")),
    _List("guardian_overdue", N_("Orang tua asuh belum berkunjung"),
          N_("Kunjungan terakhir OTA"), N_("Sejak")),
    _List(
        "several_guardians",
        N_("Orang tua asuh ganda"),
        N_("Ganda sejak"),
        N_("Penugasan aktif"),
        N_(
            "Seorang anak hanya boleh memiliki satu orang tua asuh aktif. Ini terjadi bila dua "
            "laptop menugaskan anak yang sama sebelum sinkronisasi. Cara memperbaiki: buka "
            "halaman Penugasan, cari nama anak, pilih penugasan yang tidak berlaku, lalu klik "
            "Akhiri. Klik dua kali baris di sini untuk membuka data anak. Sampai diperbaiki, "
            "bantuan bulanan direncanakan sekali saja, atas penugasan yang disebut pertama."
        ),
        only_when_any=True,
    ),
)  # fmt: skip


#: The column whose cell is a "Catat kunjungan" link: the first, so it is never scrolled away.
ACTION_COLUMN = 0
_LINK = QColor("#1f5fbf")


def _with_phone(name: str | None, phone: str | None) -> str:
    return " · ".join(filter(None, (name, phone)))


def _columns(date_title: str, value_title: str) -> list[RowColumn]:
    """The row's action, the child, why it is listed and whom to call first (what fits a
    1366-pixel screen without scrolling: the phones are what the list is acted on with), then
    where the child lives (the filters above already narrow the list to an area)."""
    return [
        RowColumn(
            _("Tindakan"),
            lambda r: _("Catat kunjungan"),
            colour=lambda r: _LINK,
            tooltip=lambda r: _("Catat kunjungan untuk {name}").format(name=r.child_name),
        ),
        RowColumn(_("Nama anak"), lambda r: r.child_name),
        RowColumn(_(value_title), lambda r: r.value, tooltip=lambda r: r.value),
        RowColumn(_(date_title), lambda r: format_table_date(r.on) or "–"),
        RowColumn(
            _("Ibu · HP keluarga"),
            lambda r: _with_phone(r.place.mother_name, r.place.family_phone),
        ),
        RowColumn(
            _("Orang tua asuh · HP"),
            lambda r: _with_phone(r.guardian_name, r.place.guardian_phone),
        ),
        RowColumn(_("Desa/Kel."), lambda r: r.desa_name or ""),
        RowColumn(_("Posyandu"), lambda r: r.place.posyandu_name or ""),
    ]


def _hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "hint")
    return label


class FollowUpPage(QWidget):
    """GUI thread only. ``renderer``: the thread that writes the PDF and Excel files (its own
    unless one is given)."""

    open_child = Signal(object)

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
        self.lists: FollowUpLists | None = None
        self.visit_dialog: QDialog | None = None
        title = QLabel(_("Tindak lanjut"))
        title.setObjectName("pageTitle")
        self.caption = QLabel()
        self.caption.setProperty("role", "hint")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.caption)
        self.tabs = QTabWidget(self)
        self.models: dict[str, RowTableModel] = {}
        self.views: dict[str, QTableView] = {}
        self.hints: dict[str, QLabel] = {}
        for name, tab_title, date_title, value_title, hint, _only_when_any in _LISTS:
            model = RowTableModel(_columns(date_title, value_title), self)
            view = QTableView(self)
            view.setModel(model)
            set_up_list_table(view)
            view.horizontalHeader().setStretchLastSection(True)
            # Fit the columns to the rows on screen and a few more, not to a thousand rows:
            # with a province's 30,000 children not visited, Qt's default sample held the
            # GUI thread for 1-2 s on every reload.
            view.horizontalHeader().setResizeContentsPrecision(_COLUMN_FIT_ROWS)
            view.doubleClicked.connect(self._opener(model))
            view.clicked.connect(self._action_clicked(model))
            view.setToolTip(
                _("Klik dua kali untuk membuka data anak; klik “Catat kunjungan” untuk mencatat")
            )
            self.models[name], self.views[name] = model, view
            self.tabs.addTab(self._with_hint(name, view, hint), _(tab_title))
        self.tabs.currentChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(
            _hint_label(
                _(
                    "Anak dalam program (belum keluar, punya orang tua asuh aktif). Orang tua "
                    "asuh dianggap belum berkunjung bila kunjungan terakhirnya {n} hari lalu "
                    "atau lebih."
                ).format(n=OVERDUE_DAYS)
            )
        )
        layout.addLayout(self._build_tools())
        layout.addWidget(self.tabs, 1)
        kinds = (
            Changes.VISITS | Changes.CHILDREN | Changes.ASSIGNMENTS | Changes.SETTINGS
            | Changes.GUARDIANS | Changes.OPD | Changes.WILAYAH | Changes.PROGRAMMES
        )  # fmt: skip
        self.watcher = StaleWatcher(self, runner, kinds, self.reload)

    def _build_tools(self) -> QHBoxLayout:
        """The area filters, then the row's and the list's actions."""
        self.areas = AreaCascade(
            self.runner, (_("Semua kecamatan"), _("Semua desa/kel."), _("Semua posyandu")), self
        )
        self.areas.changed.connect(self.apply_filter)
        self.visit_button = QPushButton(_("Catat kunjungan"))
        self.visit_button.setToolTip(_("Catat kunjungan untuk anak yang dipilih"))
        self.visit_button.clicked.connect(self.record_visit_for_selected)
        self.pdf_button = QPushButton(_("Cetak daftar (PDF)"))
        self.pdf_button.setToolTip(
            _("Daftar kunjungan per desa/posyandu, dengan kolom berat, tinggi dan paraf")
        )
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button = QPushButton(_("Ekspor Excel"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        tools = QHBoxLayout()
        for combo in (self.areas.kecamatan, self.areas.desa, self.areas.posyandu):
            tools.addWidget(combo)
        tools.addStretch(1)
        for button in (self.visit_button, self.pdf_button, self.xlsx_button):
            tools.addWidget(button)
        return tools

    def _with_hint(self, name: str, view: QTableView, hint: str | None) -> QWidget:
        """The tab's page: the table, under its own hint when the list has one."""
        if hint is None:
            return view
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 6, 0, 0)
        self.hints[name] = _hint_label(_(hint))
        column.addWidget(self.hints[name])
        column.addWidget(view, 1)
        return page

    def _opener(self, model: RowTableModel) -> Callable[..., None]:
        def opened(index: QModelIndex) -> None:
            if index.column() != ACTION_COLUMN:  # there the first click opened the visit form
                self.open_child.emit(model.row_at(index.row()).child_id)

        return opened

    def _action_clicked(self, model: RowTableModel) -> Callable[..., None]:
        def clicked(index: QModelIndex) -> None:
            if index.column() == ACTION_COLUMN:
                self.record_visit(model.row_at(index.row()).child_id)

        return clicked

    # -- loading and filtering ----------------------------------------------------------------
    def reload(self) -> None:
        self.caption.setText(_("Memuat daftar…"))
        self.areas.reload()
        self.runner.read(lambda s: follow_up_lists(s), on_success=self.show_lists)

    def area_filter(self) -> AreaFilter:
        return AreaFilter(
            self.areas.kecamatan.value(), self.areas.desa.value(), self.areas.posyandu.value()
        )

    def area_label(self) -> str:
        """The chosen areas in words, for the sheet's heading ("Semua wilayah" if none)."""
        chosen = [
            combo.currentText()
            for combo in (self.areas.kecamatan, self.areas.desa, self.areas.posyandu)
            if combo.value() is not None
        ]
        return " · ".join(chosen) or _("Semua wilayah")

    def show_lists(self, lists: FollowUpLists) -> None:
        """Keep ``lists`` and show them through the area filter (GUI thread)."""
        self.lists = lists
        self.apply_filter()

    def apply_filter(self) -> None:
        """Fill every tab with its list's rows in the chosen areas (about 0.1 s for a
        province's month, no query)."""
        lists = self.lists
        if lists is None:
            return
        area = self.area_filter()
        for index, spec in enumerate(_LISTS):
            every: tuple[FollowUpRow, ...] = getattr(lists, spec.name)
            rows = filter_rows(every, area)
            self.models[spec.name].set_rows(rows)
            self.views[spec.name].resizeColumnsToContents()
            self.tabs.setTabText(index, f"{_(spec.title)} ({format_count(len(rows))})")
            self.tabs.setTabVisible(index, bool(every) or not spec.only_when_any)
        self.caption.setText(_("Bulan {month}").format(month=format_month(lists.month)))
        self._update_buttons()

    def current_list(self) -> _List:
        page = self.tabs.currentWidget()
        for spec in _LISTS:
            view = self.views[spec.name]
            if page is view or (view.parentWidget() is page and page is not self):
                return spec
        return _LISTS[0]

    def _update_buttons(self, *_args: object) -> None:
        has_rows = bool(self.models[self.current_list().name].rows)
        self.pdf_button.setEnabled(has_rows)
        self.xlsx_button.setEnabled(has_rows)

    # -- actions ------------------------------------------------------------------------------
    def record_visit_for_selected(self) -> None:
        view = self.views[self.current_list().name]
        selected = view.selectionModel().selectedRows()
        if not selected:
            show_info(self, _("Pilih anak di daftar dulu."), title=_("Catat kunjungan"))
            return
        model = self.models[self.current_list().name]
        self.record_visit(model.row_at(selected[0].row()).child_id)

    def record_visit(self, child_id: uuid.UUID) -> None:
        """The visit form for ``child_id`` (window-modal; the save reloads the lists)."""
        from desktop_app.ui.visits.form_dialog import VisitFormDialog

        dialog = VisitFormDialog(self.runner, child_id=child_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        announce_visit_saves(dialog)
        self.visit_dialog = dialog
        dialog.open()

    def ask_save_path(self, suggested: str, file_kind: str) -> str:
        """The save dialog (tests replace this method)."""
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Simpan daftar tindak lanjut"), suggested,
            _("Dokumen PDF (*.pdf)") if file_kind == "pdf" else _("Buku kerja Excel (*.xlsx)"),
        )  # fmt: skip
        return path

    def export(self, file_kind: str) -> None:
        """Save the current tab's filtered rows as a round sheet (``pdf``) or workbook
        (``xlsx``); the file is written on the side thread, then "Buka berkas" is offered."""
        lists, spec = self.lists, self.current_list()
        rows = tuple(self.models[spec.name].rows)
        if lists is None or not rows:
            return
        month = lists.month
        suffix = "." + file_kind
        suggested = f"tindak-lanjut-{spec.name.replace('_', '-')}-{month:%Y-%m}{suffix}"
        chosen = self.ask_save_path(suggested, file_kind)
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        list_title, date_title, area = _(spec.title), _(spec.date_title), self.area_label()

        def read(session: Session, _progress: ProgressFn) -> RoundSheet:  # side session
            return build_round_sheet(
                session, rows=rows, list_title=list_title, date_title=date_title, month=month,
                area_label=area,
            )  # fmt: skip

        def render(sheet: RoundSheet, progress: ProgressFn) -> Path:  # side thread
            if file_kind == "pdf":
                return RoundSheetRenderer().render_to(sheet, target, progress)
            write_round_sheet_xlsx(sheet, target)
            return target

        def record(session: Session, sheet: RoundSheet, _path: Path) -> None:  # DB worker
            record_round_sheet_export(session, sheet, file_kind=file_kind)

        self.pdf_button.setEnabled(False)
        self.xlsx_button.setEnabled(False)
        read_render_write(
            self.runner, self.renderer, read=read, render=render, write=record, parent=self,
            title=_("Daftar tindak lanjut"), changes=changes_of(record_round_sheet_export),
            on_success=self._saved, on_error=self._export_failed,
        )  # fmt: skip

    def _saved(self, path: Path) -> None:
        self._update_buttons()
        show_saved_file(self, path)

    def _export_failed(self, error: Exception) -> None:
        self._update_buttons()
        if isinstance(error, OSError):
            show_error(self, _("Berkas tidak dapat ditulis: {error}").format(error=error))
        else:
            show_failure(self, error)
