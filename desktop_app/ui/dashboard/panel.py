"""Beranda's monthly panel: this month's key figures and two small charts.

Reads :func:`desktop_app.home.dashboard.monthly_figures` through the runner and reloads on VISITS,
CHILDREN, ASSIGNMENTS or AID changes while visible. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.core import clock
from desktop_app.core.changes import Changes
from desktop_app.core.formatting import format_month, format_percent, format_rupiah
from desktop_app.core.i18n import N_, _
from desktop_app.home.dashboard import MonthlyFigures, format_count, monthly_figures
from desktop_app.reports.closing import default_report_month
from desktop_app.ui.common.staleness import StaleWatcher
from desktop_app.ui.dashboard.bar_chart import MonthBarChart
from desktop_app.ui.home.tiles import KpiTile
from desktop_app.ui.ops import OperationRunner

_SHORT_MONTHS = (
    N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("Mei"), N_("Jun"),
    N_("Jul"), N_("Agu"), N_("Sep"), N_("Okt"), N_("Nov"), N_("Des"),
)  # fmt: skip


_count = format_count


class MonthlyPanel(QWidget):
    """KPI tiles (``tiles[name].value_label``) and charts; ``figures`` is what is shown."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.figures: MonthlyFigures | None = None
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.tiles = {
            # "during the month": children who exited this month still count, so these differ
            # from Beranda's figures of today; the labels say so.
            "enrolled": KpiTile(_("anak dalam program selama bulan itu")),
            "guardian": KpiTile(_("anak didampingi orang tua asuh selama bulan itu")),
            "visits": KpiTile(_("kunjungan orang tua asuh / target bulan itu")),
            "stunted": KpiTile(_("anak stunting (TB/U < -2 SD)")),
            "aid": KpiTile(_("bantuan dibayar bulan itu")),
        }
        grid = QGridLayout()
        grid.setSpacing(10)
        for column, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, 0, column)
            grid.setColumnStretch(column, 1)
        self.stunted_chart = MonthBarChart(_("Anak stunting per bulan"), colour="#e65100")
        self.visit_chart = MonthBarChart(_("Kunjungan orang tua asuh per bulan"), colour="#0f766e")
        charts = QHBoxLayout()
        charts.setSpacing(10)
        charts.addWidget(self.stunted_chart)
        charts.addWidget(self.visit_chart)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addLayout(charts, 1)
        # Everything the month's figures are counted from (tests/changes/test_screens_listen).
        kinds = (
            Changes.VISITS | Changes.CHILDREN | Changes.ASSIGNMENTS | Changes.AID
            | Changes.GUARDIANS | Changes.OPD | Changes.PROGRAMMES
            | Changes.SETTINGS  # the default visit target of children without a programme
            | Changes.MONTHS  # a closed month's stunting figure is its snapshot's
        )  # fmt: skip
        self.watcher = StaleWatcher(self, runner, kinds, self.reload)

    def reload(self) -> None:
        # The last full month, never the running one: its counts are still coming in.
        month = default_report_month(clock.today()).first_day
        self.runner.read(lambda s: monthly_figures(s, month=month), on_success=self.show_figures)

    def show_figures(self, f: MonthlyFigures) -> None:
        self.figures = f
        self.title.setText(
            _("Bulan terakhir yang lengkap: {month}").format(month=format_month(f.month))
        )
        self.tiles["enrolled"].set_value(_count(f.children_enrolled))
        self.tiles["guardian"].set_value(
            f"{_count(f.children_with_guardian)} "
            f"({format_percent(f.children_with_guardian, f.children_enrolled)})"
        )
        self.tiles["visits"].set_value(f"{_count(f.visits_done)} / {_count(f.visits_due)}")
        change = f.stunted_change
        arrow = "▲" if change > 0 else "▼" if change < 0 else "="
        self.tiles["stunted"].set_value(_count(f.stunted))
        self.tiles["stunted"].caption_label.setText(
            _("anak stunting (TB/U < -2 SD); {arrow} {n} dari bulan lalu").format(
                arrow=arrow, n=_count(abs(change))
            )
        )
        self.tiles["aid"].set_value(format_rupiah(f.aid_paid))
        self.tiles["aid"].caption_label.setText(
            _("dibayar dari rencana {planned} bulan itu").format(
                planned=format_rupiah(f.aid_planned)
            )
        )

        def label(p) -> str:
            return f"{_(_SHORT_MONTHS[p.month.month - 1])} {p.month.year % 100:02d}"

        self.stunted_chart.set_bars(
            [(label(p), p.stunted, format_percent(p.stunted, p.measured)) for p in f.series]
        )
        self.visit_chart.set_bars([(label(p), p.visits, "") for p in f.series])
