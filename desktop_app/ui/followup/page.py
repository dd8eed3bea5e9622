"""Halaman Tindak lanjut: the follow-up lists as tabs; double-click opens the child.

Reads :func:`desktop_app.followup.lists.follow_up_lists` through the runner (all lists in one read)
and reloads on VISITS, CHILDREN or ASSIGNMENTS changes while visible (a sync broadcasts them
all). A list that needs telling how to act on it (children with several active guardians: end
the extra assignment) carries its own hint above the table, and its tab shows only while there
are such children (a data problem to clear, not a month's work). ``open_child(object)`` carries
the child's UUID. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.changes import Changes
from desktop_app.core.formatting import format_month, format_short_date
from desktop_app.core.i18n import N_, _
from desktop_app.followup.lists import OVERDUE_DAYS, FollowUpLists, FollowUpRow, follow_up_lists
from desktop_app.home.dashboard import format_count
from desktop_app.ui.common.row_model import RowColumn, RowTableModel
from desktop_app.ui.common.staleness import StaleWatcher
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets.tables import set_up_list_table

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


def _columns(date_title: str, value_title: str) -> list[RowColumn]:
    return [
        RowColumn(_("Nama anak"), lambda r: r.child_name),
        RowColumn(_("Desa/Kel."), lambda r: r.desa_name or ""),
        RowColumn(_("Orang tua asuh"), lambda r: r.guardian_name),
        RowColumn(_(date_title), lambda r: format_short_date(r.on) or "–"),
        RowColumn(_(value_title), lambda r: r.value),
    ]


def _hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "hint")
    return label


class FollowUpPage(QWidget):
    """GUI thread only."""

    open_child = Signal(object)

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
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
            view.setToolTip(_("Klik dua kali untuk membuka data anak"))
            self.models[name], self.views[name] = model, view
            self.tabs.addTab(self._with_hint(name, view, hint), _(tab_title))
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
        layout.addWidget(self.tabs, 1)
        kinds = (
            Changes.VISITS | Changes.CHILDREN | Changes.ASSIGNMENTS | Changes.SETTINGS
            | Changes.GUARDIANS | Changes.OPD | Changes.WILAYAH | Changes.PROGRAMMES
        )  # fmt: skip
        self.watcher = StaleWatcher(self, runner, kinds, self.reload)

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
        return lambda index: self.open_child.emit(model.row_at(index.row()).child_id)

    def reload(self) -> None:
        self.caption.setText(_("Memuat daftar…"))
        self.runner.read(lambda s: follow_up_lists(s), on_success=self.show_lists)

    def show_lists(self, lists: FollowUpLists) -> None:
        """Fill every tab with ``lists`` (GUI thread; about 0.1 s for a province's month)."""
        for index, spec in enumerate(_LISTS):
            rows: tuple[FollowUpRow, ...] = getattr(lists, spec.name)
            self.models[spec.name].set_rows(rows)
            self.views[spec.name].resizeColumnsToContents()
            self.tabs.setTabText(index, f"{_(spec.title)} ({format_count(len(rows))})")
            self.tabs.setTabVisible(index, bool(rows) or not spec.only_when_any)
        self.caption.setText(_("Bulan {month}").format(month=format_month(lists.month)))
