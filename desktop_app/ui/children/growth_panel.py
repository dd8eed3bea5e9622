"""The child page's growth panel: visit timeline, status summary and the three growth charts.

``show_child(child_id)`` reads :func:`desktop_app.children.growth.load_child_growth` (child, visits,
register, trend and chart series in one read) through the runner; the panel reloads itself on
changes to visits, children, guardians or settings (the KBM table) while visible. "Catat
kunjungan" opens the visit form for this child; double-clicking a visit opens it for correction;
"Hapus kunjungan" (or Delete) removes a mistyped one, asking first, with the Kunjungan page's own
control. GUI thread only.
"""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.children.growth import (
    TREND_LABELS,
    ChildGrowth,
    load_child_growth,
)
from desktop_app.core.changes import Changes
from desktop_app.core.formatting import format_date, format_number, format_table_date
from desktop_app.core.i18n import _
from desktop_app.growth import Indicator, Trend, format_z
from desktop_app.ui.common.announce import announce_visit_saves
from desktop_app.ui.common.row_model import RowColumn, RowTableModel
from desktop_app.ui.common.staleness import StaleWatcher
from desktop_app.ui.growth_chart import GrowthChartWidget
from desktop_app.ui.operations import children as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.visits.delete_action import DeleteVisitControl
from desktop_app.ui.visits.form_dialog import VisitFormDialog
from desktop_app.ui.visits.severity import SEVERITY_COLOURS, category_colour
from desktop_app.ui.widgets.tables import set_up_list_table
from desktop_app.visits.records import VisitRecord
from desktop_app.visits.service import PLACES

_TREND_COLOURS = {Trend.MEMBAIK: "#2e7d32", Trend.TETAP: "#374151", Trend.MEMBURUK: "#c62828"}
_SUMMARY_INDICATORS = (Indicator.TB_U, Indicator.BB_U, Indicator.BB_TB)


def _z(indicator: Indicator, title: str) -> RowColumn:
    return RowColumn(
        title,
        lambda v: format_z(getattr(v, indicator.z_field)),
        right=True,
        colour=lambda v: category_colour(v.category(indicator)),
        tooltip=lambda v: c.label if (c := v.category(indicator)) else "",
    )


class ChildGrowthPanel(QWidget):
    """Embed in the child page and call ``show_child``. ``loaded(object)`` carries the
    :class:`~desktop_app.children.growth.ChildGrowth` shown (for the page and for tests)."""

    loaded = Signal(object)

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.child_id: UUID | None = None
        self.growth: ChildGrowth | None = None
        self.dialog: VisitFormDialog | None = None
        self.summary = QLabel(wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setStyleSheet(
            "background: #f9fafb; border: 1px solid #e5e7eb; border-radius: 4px; padding: 6px;"
        )
        self.add_button = QPushButton(_("Catat kunjungan"))
        self.add_button.setObjectName("primaryButton")
        self.export_button = QPushButton(_("Ekspor PNG"))
        self.model = RowTableModel(self._columns(), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        set_up_list_table(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(150)
        self.delete = DeleteVisitControl(self.table, runner, self)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.delete.button)
        top.addWidget(self.export_button)
        top.addWidget(self.add_button)
        self.tabs = QTabWidget(self)
        self.charts = [GrowthChartWidget(self) for _i in range(3)]
        for chart, title in zip(
            self.charts, (_("PB/U – TB/U"), _("BB/U"), _("BB/PB – BB/TB")), strict=True
        ):
            self.tabs.addTab(chart, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.tabs, 5)
        self.add_button.clicked.connect(self.open_visit_form)
        self.export_button.clicked.connect(self._export_clicked)
        self.table.doubleClicked.connect(
            lambda index: self.open_visit_form(self.model.row_at(index.row()).id)
        )
        # SETTINGS: the KBM table decides each weighing's N/T; GUARDIANS: who visited.
        kinds = Changes.VISITS | Changes.CHILDREN | Changes.GUARDIANS | Changes.SETTINGS
        self.watcher = StaleWatcher(self, runner, kinds, self.reload)

    def _columns(self) -> list[RowColumn]:
        def status(v: VisitRecord) -> str:
            return self.growth.summary.by_visit.get(v.id, "") if self.growth else ""

        return [
            RowColumn(_("Tanggal"), lambda v: format_table_date(v.visit_date)),
            RowColumn(_("Tempat"), lambda v: _(PLACES.get(v.place, v.place))),
            RowColumn(_("BB (kg)"), lambda v: format_number(v.weight_kg), right=True),
            RowColumn(_("PB/TB (cm)"), lambda v: format_number(v.lenhei_cm), right=True),
            _z(Indicator.BB_U, _("BB/U")),
            _z(Indicator.TB_U, _("PB/U–TB/U")),
            _z(Indicator.BB_TB, _("BB/PB–BB/TB")),
            _z(Indicator.IMT_U, _("IMT/U")),
            RowColumn(
                _("N/T"),
                status,
                tooltip=lambda v: _(
                    "N naik, T tidak naik, 2T dua kali "
                    "tidak naik, O tidak ditimbang bulan "
                    "lalu, B baru"
                ),
            ),
            RowColumn(_("Orang tua asuh"), lambda v: v.guardian_name or ""),
        ]

    # -- loading -------------------------------------------------------------------------------
    def show_child(self, child_id: UUID) -> None:
        self.child_id = child_id
        self.watcher.reload_now()

    def reload(self) -> None:
        child_id = self.child_id
        if child_id is None:
            return
        self.runner.read(lambda s: load_child_growth(s, child_id=child_id), on_success=self._show)

    def _show(self, growth: ChildGrowth) -> None:
        if growth.child_id != self.child_id:
            return  # an answer for a child no longer shown
        self.growth = growth
        self.model.set_rows(growth.visits)
        self.table.resizeColumnsToContents()
        for widget, chart in zip(self.charts, growth.charts, strict=True):
            widget.set_chart(chart)
        self.tabs.setTabText(2, growth.charts[2].title.split("(")[-1].rstrip(")"))
        self.summary.setText(self._summary_html(growth))
        self.export_button.setEnabled(True)
        self.loaded.emit(growth)

    def _summary_html(self, growth: ChildGrowth) -> str:
        summary = growth.summary
        if not growth.visits:
            return _("Belum ada kunjungan. Catat kunjungan pertama untuk melihat status gizi.")
        parts = []
        latest = growth.visits[0]
        for indicator in _SUMMARY_INDICATORS:
            category = summary.latest[indicator]
            if category is None:
                continue
            colour = SEVERITY_COLOURS[category.severity]
            parts.append(
                f'{latest.short_name(indicator)}: <b style="color:{colour}">{_(category.label)}</b>'
            )
        lines = [
            _("Status terakhir ({date}): ").format(date=format_date(summary.latest_visit_date))
            + " · ".join(parts)
        ]
        trend_parts = []
        if summary.trend is not None:
            colour = _TREND_COLOURS[summary.trend]
            trend_parts.append(
                _("Tren TB/U dari kunjungan sebelumnya: ")
                + f'<b style="color:{colour}">{_(TREND_LABELS[summary.trend])}</b>'
            )
        changes = summary.changes_since_enrolment
        if changes is not None and changes.zlen is not None:
            sign = "+" if changes.zlen > 0 else ""
            trend_parts.append(
                _("perubahan z TB/U sejak kunjungan pertama: {z}").format(
                    z=f"{sign}{format_z(changes.zlen)}"
                )
            )
        if trend_parts:
            lines.append(" · ".join(trend_parts))
        return "<br>".join(lines)

    # -- actions -------------------------------------------------------------------------------
    def open_visit_form(self, visit_id: UUID | None = None) -> VisitFormDialog | None:
        """New visit for the shown child, or ``visit_id`` to correct; returns the dialog."""
        if self.child_id is None:
            return None
        if isinstance(visit_id, UUID):
            self.dialog = VisitFormDialog(self.runner, visit_id=visit_id, parent=self)
        else:
            self.dialog = VisitFormDialog(self.runner, child_id=self.child_id, parent=self)
        announce_visit_saves(self.dialog)
        self.dialog.open()
        return self.dialog

    def current_chart(self) -> GrowthChartWidget:
        return self.charts[self.tabs.currentIndex()]

    def export_png(self, path: str | Path) -> bool:
        """Save the chart of the current tab as PNG and record the export in the audit log."""
        chart = self.current_chart()
        if not chart.export_png(path):
            return False
        child_id, title = self.child_id, chart.chart.title if chart.chart else ""
        if child_id is not None:
            self.runner.run_op(operations.record_chart_export(child_id=child_id, chart_title=title))
        return True

    def _export_clicked(self) -> None:
        name = self.growth.name if self.growth else "anak"
        chart = self.current_chart().chart
        kind = chart.kind.value if chart else "grafik"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Ekspor grafik"), f"grafik-{kind}-{name}.png", _("Gambar PNG (*.png)")
        )
        if path and self.export_png(path):
            from desktop_app.ui.widgets.saved_file import show_saved_file

            show_saved_file(self, Path(path))
