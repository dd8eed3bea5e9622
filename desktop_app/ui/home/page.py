"""Beranda: coverage sentence and bar, key figures, children waiting, guardians per OPD.

Everything comes from one ``home_summary`` read through the runner; the page reloads on any
change to children, guardians, OPDs or assignments, but only while visible (StaleWatcher).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.changes import Changes
from desktop_app.core.i18n import _, ngettext
from desktop_app.home.queries import WAITING_LIST_LENGTH, HomeSummary, home_summary
from desktop_app.ui.common.icons import icon
from desktop_app.ui.common.staleness import StaleWatcher
from desktop_app.ui.common.text import format_count
from desktop_app.ui.home.opd_model import OpdSummaryModel
from desktop_app.ui.home.tiles import KpiTile
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets.tables import set_up_list_table

if TYPE_CHECKING:
    from desktop_app.ui.dashboard.panel import MonthlyPanel

_WATCHED = (
    Changes.CHILDREN | Changes.GUARDIANS | Changes.OPD | Changes.ASSIGNMENTS | Changes.WILAYAH
    | Changes.SETTINGS  # the district's name and the programme's label
)  # fmt: skip


def _card(title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 14, 16, 14)
    layout.setSpacing(8)
    heading = QLabel(title)
    heading.setObjectName("cardTitle")
    layout.addWidget(heading)
    return frame, layout


class HomePage(QWidget):
    """Signals: ``show_unassigned_requested()`` (link "Lihat semua"); ``populated()``."""

    show_unassigned_requested = Signal()
    populated = Signal()

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.summary: HomeSummary | None = None
        self.setObjectName("homePage")

        self.title_label = QLabel(_("Beranda"))
        self.title_label.setObjectName("pageTitle")
        self.subtitle_label = QLabel("")
        self.subtitle_label.setObjectName("pageSubtitle")

        coverage_card, coverage_layout = _card(_("Cakupan orang tua asuh"))
        self.coverage_label = QLabel("")
        self.coverage_label.setObjectName("coverageSentence")
        self.coverage_label.setWordWrap(True)
        self.coverage_bar = QProgressBar()
        self.coverage_bar.setObjectName("coverageBar")
        self.coverage_bar.setRange(0, 1000)  # tenths of a percent
        self.coverage_bar.setTextVisible(False)
        self.coverage_bar.setFixedHeight(14)
        coverage_layout.addWidget(self.coverage_label)
        coverage_layout.addWidget(self.coverage_bar)

        self.tiles = {
            "children": KpiTile(_("Anak terdaftar")),
            "with_guardian": KpiTile(_("Sudah punya orang tua asuh")),
            "without_guardian": KpiTile(_("Belum punya orang tua asuh")),
            "asn": KpiTile(_("ASN terdaftar")),
            "opd_missing": KpiTile(_("OPD belum mengirim data"), warning=True),
        }
        tiles_row = QHBoxLayout()
        tiles_row.setSpacing(12)
        for tile in self.tiles.values():
            tiles_row.addWidget(tile, 1)

        waiting_card, waiting_layout = _card(_("Anak yang belum memiliki orang tua asuh"))
        self.waiting_table = QTableWidget(0, 3)
        self.waiting_table.setHorizontalHeaderLabels([_("Nama"), _("Desa"), _("Posyandu")])
        set_up_list_table(self.waiting_table, display_only=True)
        header = self.waiting_table.horizontalHeader()
        # Desa and posyandu names are shown whole (fixed widths cut "Posyandu Bougenville 1");
        # the child's name takes the rest.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.see_all_button = QPushButton(icon("arrow-right"), _("Lihat semua"))
        self.see_all_button.setObjectName("linkButton")
        self.see_all_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.see_all_button.clicked.connect(self.show_unassigned_requested)
        self.waiting_note = QLabel("")
        self.waiting_note.setObjectName("mutedLabel")
        footer = QHBoxLayout()
        footer.addWidget(self.waiting_note)
        footer.addStretch(1)
        footer.addWidget(self.see_all_button)
        waiting_layout.addWidget(self.waiting_table, 1)
        waiting_layout.addLayout(footer)

        opd_card, opd_layout = _card(_("Orang tua asuh per OPD"))
        self.opd_model = OpdSummaryModel(self)
        self.opd_table = QTableView()
        self.opd_table.setModel(self.opd_model)
        # Long office names ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia") wrap
        # onto a second line instead of being cut at a 1366-pixel window's half width.
        set_up_list_table(self.opd_table, display_only=True, word_wrap=True)
        self.opd_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        opd_header = self.opd_table.horizontalHeader()
        opd_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            opd_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.opd_legend = QLabel(
            _("Baris kuning: OPD belum mengirim data (belum ada ASN terdaftar)")
        )
        self.opd_legend.setObjectName("legendLabel")
        opd_layout.addWidget(self.opd_table, 1)
        opd_layout.addWidget(self.opd_legend)

        # The page scrolls: on a 1366x768 laptop the month's dashboard sits below the fold.
        content = QWidget()
        content.setObjectName("homeContent")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addWidget(coverage_card)
        layout.addLayout(tiles_row)
        self.legal_basis_label = QLabel()
        self.legal_basis_label.setObjectName("legalBasisWarning")
        self.legal_basis_label.setWordWrap(True)
        self.legal_basis_label.setStyleSheet(
            "color: #8a4b00; background: #fff4e0; padding: 8px 10px; border-radius: 6px;"
        )
        self.legal_basis_label.hide()
        layout.addWidget(self.legal_basis_label)
        lists = QGridLayout()
        lists.setHorizontalSpacing(14)
        lists.addWidget(waiting_card, 0, 0)
        lists.addWidget(opd_card, 0, 1)
        lists.setColumnStretch(0, 1)
        lists.setColumnStretch(1, 1)
        waiting_card.setMinimumHeight(380)
        opd_card.setMinimumHeight(380)
        layout.addLayout(lists, 1)
        self._content_layout = layout
        # Built once Beranda is populated (see _add_monthly_panel).
        self.monthly_panel: MonthlyPanel | None = None

        self._watcher = StaleWatcher(self, runner, _WATCHED, self.reload)

    def reload(self) -> None:
        self.runner.read(home_summary, on_success=self.show_summary)

    def _add_monthly_panel(self) -> None:
        """This month's dashboard, below the fold. Built after the first summary arrived: its
        queries (0.3 s on 10,000 children) must not delay Beranda's first paint."""
        if self.monthly_panel is not None:
            return
        from desktop_app.ui.dashboard.panel import MonthlyPanel

        self.monthly_panel = MonthlyPanel(self.runner)  # titled "Bulan ini: <month>" by itself
        month_card = QFrame()
        month_card.setObjectName("card")
        QVBoxLayout(month_card).addWidget(self.monthly_panel)
        self._content_layout.addWidget(month_card)

    def show_summary(self, summary: HomeSummary) -> None:
        self.summary = summary
        coverage = summary.coverage
        self.subtitle_label.setText(
            " · ".join(t for t in (summary.programme_label, summary.district_name) if t)
        )
        self.coverage_label.setText(coverage.sentence())
        self.coverage_bar.setValue(round((coverage.percent or 0) * 10))
        values = {
            "children": coverage.children_total,
            "with_guardian": coverage.children_with_guardian,
            "without_guardian": summary.children_without_guardian,
            "asn": summary.asn_registered,
            "opd_missing": summary.opd_without_data,
        }
        for key, value in values.items():
            self.tiles[key].set_value(format_count(value))
        self._fill_legal_basis(summary.without_legal_basis)
        self._fill_waiting(summary)
        self.opd_model.set_rows(summary.opd)
        self._add_monthly_panel()
        self.populated.emit()

    def _fill_legal_basis(self, count: int) -> None:
        """A warning only while some children lack a consent or other basis (UU PDP)."""
        self.legal_basis_label.setVisible(count > 0)
        self.legal_basis_label.setText(
            ngettext(
                "⚠ {n} anak belum memiliki persetujuan orang tua/wali atau dasar pemrosesan lain: "
                "kunjungan dan pengukurannya tidak dapat disimpan sampai dicatat (Ubah data anak).",
                "⚠ {n} anak belum memiliki persetujuan orang tua/wali atau dasar pemrosesan lain: "
                "kunjungan dan pengukurannya tidak dapat disimpan sampai dicatat (Ubah data anak).",
                count,
            ).format(n=format_count(count))
        )

    def _fill_waiting(self, summary: HomeSummary) -> None:
        table = self.waiting_table
        table.setRowCount(len(summary.waiting))
        for r, child in enumerate(summary.waiting):
            for c, text in enumerate((child.name, child.desa_name, child.posyandu_name)):
                item = QTableWidgetItem(text or "")
                item.setToolTip(text or "")
                table.setItem(r, c, item)
        missing = summary.children_without_guardian
        if missing > WAITING_LIST_LENGTH:
            note = _("{shown} pertama dari {total} anak").format(
                shown=len(summary.waiting), total=format_count(missing)
            )
        elif missing == 0:
            note = _("Semua anak sudah memiliki orang tua asuh.")
        else:
            note = ngettext("{n} anak", "{n} anak", missing).format(n=format_count(missing))
        self.waiting_note.setText(note)
