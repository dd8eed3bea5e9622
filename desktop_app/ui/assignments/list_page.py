"""Penugasan: who fosters whom; assign, transfer (alihkan) and end (akhiri) from here.

The three actions open UI2's dialogs (imported at click time); "Alihkan" and "Akhiri" act on
the selected row and are enabled only for an active assignment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.assignments.queries import (
    AssignmentFilter,
    AssignmentRow,
    load_assignment_rows,
    query_assignment_ids,
)
from desktop_app.core.changes import Changes
from desktop_app.core.codes import AssignmentStatus
from desktop_app.core.formatting import format_table_date
from desktop_app.core.i18n import _, ngettext, pgettext
from desktop_app.labels.choices import ASSIGNMENT_STATUSES, assignment_status_choices
from desktop_app.ui.common.columns import Column
from desktop_app.ui.common.filter_bar import FilterCombo
from desktop_app.ui.common.list_page import ListPage
from desktop_app.ui.common.text import format_count
from desktop_app.ui.ops import OperationRunner

if TYPE_CHECKING:
    from desktop_app.core.session import Session


@dataclass(frozen=True)
class AssignmentSource:
    assignment_filter: AssignmentFilter

    def query_ids(self, session: Session, sort: str, descending: bool) -> list[str]:
        return query_assignment_ids(
            session, assignment_filter=self.assignment_filter, sort=sort, descending=descending
        )

    def load_rows(self, session: Session, ids) -> list[AssignmentRow]:
        return load_assignment_rows(session, ids=ids)


def assignment_columns() -> list[Column]:
    return [
        Column(_("Anak"), lambda r: r.child_name, "child", width=200),
        Column(_("Orang tua asuh"), lambda r: r.guardian_name, "guardian", width=200),
        Column(_("OPD"), lambda r: r.opd_name or "", "opd", width=200),
        Column(_("Program"), lambda r: r.programme_name or "", "programme", width=180),
        Column(_("Mulai"), lambda r: format_table_date(r.start_date), "start", width=110),
        Column(pgettext("kolom tanggal", "Selesai"), lambda r: format_table_date(r.end_date), "end",
               width=110),
        Column(_("Status"), lambda r: _(ASSIGNMENT_STATUSES.get(r.status, r.status)), "status",
               width=80),
    ]  # fmt: skip


class AssignmentListPage(ListPage):
    watched_changes = (
        Changes.ASSIGNMENTS | Changes.CHILDREN | Changes.GUARDIANS | Changes.OPD
        | Changes.PROGRAMMES
    )  # fmt: skip
    default_sort = "child"

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None, **kwargs) -> None:
        super().__init__(
            runner,
            title=_("Penugasan"),
            search_placeholder=_("Cari nama anak atau orang tua asuh…"),
            columns=assignment_columns(),
            parent=parent,
            **kwargs,
        )
        self.status = FilterCombo(_("Semua status"))
        self.status.set_choices(assignment_status_choices())
        self.status.set_value(AssignmentStatus.ACTIVE)
        self.status.value_changed.connect(lambda _v: self.apply_filters())
        self.filter_row.addWidget(self.status)
        self.end_button = self.add_action_button(_("Akhiri"), "stop", self.end_selected)
        self.transfer_button = self.add_action_button(
            _("Alihkan"), "transfer", self.transfer_selected
        )
        self.assign_button = self.add_action_button(
            _("Tugaskan"), "add", self.new_record, primary=True
        )
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def current_filter(self) -> AssignmentFilter:
        return AssignmentFilter(status=self.status.value(), search=self.search_box.text())

    def make_source(self) -> AssignmentSource:
        return AssignmentSource(self.current_filter())

    def is_filtered(self) -> bool:
        return (
            bool(self.search_box.text().strip()) or self.status.value() != AssignmentStatus.ACTIVE
        )

    def count_text(self, count: int) -> str:
        return ngettext("{n} penugasan", "{n} penugasan", count).format(n=format_count(count))

    def empty_text(self, filtered: bool) -> tuple[str, str]:
        if filtered:
            return _("Tidak ada penugasan yang cocok"), _("Ubah kata pencarian atau status.")
        return _("Belum ada penugasan aktif"), _(
            "Klik \u201cTugaskan\u201d untuk memasangkan anak dengan orang tua asuh."
        )

    def open_row(self, row: AssignmentRow) -> None:
        if row.status == AssignmentStatus.ACTIVE:
            self.transfer_selected()

    def new_record(self) -> None:
        from desktop_app.ui.assignments.dialogs import AssignDialog

        self._show(AssignDialog(self.runner, parent=self))

    def transfer_selected(self) -> None:
        row = self._selected_active()
        if row is not None:
            from desktop_app.ui.assignments.dialogs import TransferDialog

            self._show(TransferDialog(self.runner, child_id=row.child_uuid, parent=self))

    def end_selected(self) -> None:
        row = self._selected_active()
        if row is not None:
            from desktop_app.ui.assignments.dialogs import EndAssignmentDialog

            self._show(EndAssignmentDialog(self.runner, assignment_id=row.uuid, parent=self))

    def _selected_active(self) -> AssignmentRow | None:
        row = self.selected_row()
        return row if row is not None and row.status == AssignmentStatus.ACTIVE else None

    def _update_buttons(self, *_args) -> None:
        enabled = self._selected_active() is not None
        self.transfer_button.setEnabled(enabled)
        self.end_button.setEnabled(enabled)

    @staticmethod
    def _show(dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
