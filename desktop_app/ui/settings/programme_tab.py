"""Master data: programme periods (name, start/end month, monthly aid in rupiah, visit target)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypedDict

from PySide6.QtWidgets import QCheckBox, QLineEdit, QSpinBox, QWidget

from desktop_app.core import clock
from desktop_app.core.changes import Changes
from desktop_app.core.formatting import format_month, format_rupiah
from desktop_app.core.i18n import N_, _
from desktop_app.settings.programmes import (
    ProgrammeRecord,
    default_period,
    list_programmes,
)
from desktop_app.settings.store import get_settings
from desktop_app.ui.operations import settings as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.settings.table_tab import TableTab
from desktop_app.ui.widgets import FormDialog, MonthEdit, RupiahEdit
from desktop_app.ui.widgets.simple_table import RIGHT, Cell


class _ProgrammeValues(TypedDict):
    """The form's fields as typed (None: left empty; the service reports it)."""

    name: str
    start_month: date | None
    end_month: date | None
    monthly_aid: int | None
    visit_target_per_month: int


class ProgrammeDialog(FormDialog):
    """Add a programme (aid defaults to the district setting) or edit ``record``."""

    def __init__(
        self,
        runner: OperationRunner,
        *,
        record: ProgrammeRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Tambah program") if record is None else _("Ubah program")
        super().__init__(runner, title=title, parent=parent)
        self.record = record
        rows = self.rows()
        self.name = rows.add(_("Nama program"), QLineEdit(), field="name", required=True)
        self.name.setPlaceholderText(_("mis. Orang Tua Asuh 2026 Tahap I"))
        self.start_month = rows.add(
            _("Bulan mulai"), MonthEdit(), field="start_month", required=True
        )
        self.end_month = rows.add(_("Bulan selesai"), MonthEdit(), field="end_month", required=True)
        self.monthly_aid = rows.add(
            _("Bantuan per bulan"),
            RupiahEdit(),
            field="monthly_aid",
            required=True,
            hint=_("Per anak, dalam rupiah"),
        )
        self.visit_target = rows.add(
            _("Target kunjungan per bulan"), QSpinBox(), field="visit_target_per_month"
        )
        self.visit_target.setRange(0, 31)
        self.visit_target.setValue(1)
        self.active = rows.add(_("Status"), QCheckBox(_("Aktif (dapat dipakai untuk penugasan)")))
        self.active.setChecked(True)
        self.setMinimumWidth(520)
        if record is None:
            self.start_month.setValue(default_period(clock.today())[0])
            self.end_month.setValue(default_period(clock.today())[1])
            runner.read(get_settings, on_success=self._defaults)
        else:
            self.name.setText(record.name)
            self.start_month.setValue(record.start_month)
            self.end_month.setValue(record.end_month)
            self.monthly_aid.setValue(record.monthly_aid)
            self.visit_target.setValue(record.visit_target_per_month)
            self.active.setChecked(record.active)

    def _defaults(self, settings) -> None:
        if self.monthly_aid.value() is None:
            self.monthly_aid.setValue(settings.default_monthly_aid)
        self.visit_target.setValue(settings.visit_target_per_month)

    def save(self) -> None:
        values = _ProgrammeValues(
            name=self.name.text(),
            start_month=self.start_month.value(),
            end_month=self.end_month.value(),
            monthly_aid=self.monthly_aid.value(),
            visit_target_per_month=self.visit_target.value(),
        )
        record, active = self.record, self.active.isChecked()
        if record is None:
            self.submit(operations.create_programme(**values))
        else:
            self.submit(
                operations.update_programme(programme_id=record.id, active=active, **values)
            )


class ProgrammeTab(TableTab):
    headers = (
        N_("Nama program"),
        N_("Periode"),
        N_("Bantuan/bulan"),
        N_("Target kunjungan"),
        N_("Status"),
    )
    changes = Changes.PROGRAMMES
    stretch_column = 0

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.add_button(_("Tambah program"), self.add_new)
        self.add_button(_("Ubah"), self.edit_selected, needs_row=True)
        self.finish_buttons()

    def query(self, session) -> list[ProgrammeRecord]:
        return list_programmes(session)

    def cells(self, record: ProgrammeRecord) -> Sequence[Cell]:
        period = f"{format_month(record.start_month)} – {format_month(record.end_month)}"
        target = _("{n}× per bulan").format(n=record.visit_target_per_month)
        status = _("Aktif") if record.active else _("Ditutup")
        return (
            record.name,
            period,
            (format_rupiah(record.monthly_aid), RIGHT),
            (target, RIGHT),
            status,
        )

    def add_new(self) -> None:
        self.open_dialog(ProgrammeDialog(self.runner, parent=self))

    def edit_selected(self) -> None:
        record = self.selected()
        if record is not None:
            self.open_dialog(ProgrammeDialog(self.runner, record=record, parent=self))
