"""Orang Tua Asuh: the guardian list with search and OPD/kind/status filters.

Double-click opens UI2's ``GuardianEditorDialog`` for editing; "Tambah orang tua asuh" opens it
empty. "Nonaktifkan" / "Aktifkan kembali" act on the selected guardian (see ``activation``);
the list shows active guardians unless the status filter says otherwise.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QPushButton, QWidget

from desktop_app.core.changes import Changes
from desktop_app.core.formatting import format_nip
from desktop_app.core.i18n import _, ngettext
from desktop_app.guardians.queries import (
    GuardianFilter,
    GuardianRow,
    load_guardian_rows,
    query_guardian_ids,
)
from desktop_app.labels.choices import guardian_kind_choices, guardian_kind_label, opd_choices
from desktop_app.ui.common.columns import Column
from desktop_app.ui.common.filter_bar import FilterCombo
from desktop_app.ui.common.icons import icon
from desktop_app.ui.common.list_page import ListPage
from desktop_app.ui.common.text import format_count
from desktop_app.ui.guardians.activation import (
    action_text,
    action_texts,
    may_change_guardians,
    toggle_guardian_active,
)
from desktop_app.ui.ops import OperationRunner

if TYPE_CHECKING:
    from desktop_app.core.session import Session


@dataclass(frozen=True)
class GuardianSource:
    guardian_filter: GuardianFilter

    def query_ids(self, session: Session, sort: str, descending: bool) -> list[str]:
        return query_guardian_ids(
            session, guardian_filter=self.guardian_filter, sort=sort, descending=descending
        )

    def load_rows(self, session: Session, ids) -> list[GuardianRow]:
        return load_guardian_rows(session, ids=ids)


def guardian_columns() -> list[Column]:
    right = Qt.AlignmentFlag.AlignRight
    return [
        # The OPD takes the room left: office names run to 50 characters.
        Column(_("Nama"), lambda r: r.name, "name", width=210),
        Column(_("Jenis"), lambda r: guardian_kind_label(r.kind), "kind", width=125),
        Column(_("NIP"), lambda r: format_nip(r.nip), "nip", width=175),
        Column(_("OPD"), lambda r: r.opd_name or "", "opd", width=300, stretch=True),
        Column(_("Jabatan"), lambda r: r.position or "", "position", width=150),
        Column(_("Anak asuh"), lambda r: format_count(r.active_children), "children", width=100,
               align=right),
        Column(_("Status"), status_text, "status", width=80),
    ]  # fmt: skip


def status_text(row: GuardianRow) -> str:
    return _("Aktif") if row.active else _("Nonaktif")


class GuardianListPage(ListPage):
    watched_changes = Changes.GUARDIANS | Changes.ASSIGNMENTS | Changes.OPD

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None, **kwargs) -> None:
        super().__init__(
            runner,
            title=_("Orang Tua Asuh"),
            search_placeholder=_("Cari nama atau NIP…"),
            columns=guardian_columns(),
            parent=parent,
            **kwargs,
        )
        self.opd = FilterCombo(_("Semua OPD"))
        self.kind = FilterCombo(_("Semua jenis"))
        self.kind.set_choices(guardian_kind_choices())
        self.status = FilterCombo(_("Aktif & nonaktif"))
        self.status.set_choices([(True, _("Masih aktif")), (False, _("Nonaktif"))])
        self.status.set_value(True)
        for combo in (self.kind, self.status, self.opd):
            combo.value_changed.connect(lambda _v: self.apply_filters())
            self.filter_row.addWidget(combo)
        self.active_button = self.add_action_button(
            action_text(None), "stop", self.toggle_selected_active
        )
        self.active_button.setMinimumWidth(self._widest(self.active_button, action_texts()))
        self.add_action_button(_("Impor dari Excel…"), "import", self.import_from_file)
        self.add_action_button(_("Tambah orang tua asuh"), "add", self.new_record, primary=True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def current_filter(self) -> GuardianFilter:
        return GuardianFilter(
            search=self.search_box.text(),
            opd_id=self.opd.value(),
            kind=self.kind.value(),
            active=self.status.value(),
        )

    def make_source(self) -> GuardianSource:
        return GuardianSource(self.current_filter())

    def is_filtered(self) -> bool:
        return self.current_filter() != GuardianFilter()

    def count_text(self, count: int) -> str:
        return ngettext("{n} orang tua asuh", "{n} orang tua asuh", count).format(
            n=format_count(count)
        )

    def empty_text(self, filtered: bool) -> tuple[str, str]:
        if filtered:
            return _("Tidak ada orang tua asuh yang cocok"), _("Ubah kata pencarian atau saringan.")
        return _("Belum ada orang tua asuh"), _(
            "Klik \u201cTambah orang tua asuh\u201d untuk mendaftarkan ASN atau mitra CSR."
        )

    def reload_choices(self) -> None:
        self.runner.read(opd_choices, on_success=self.opd.set_choices)

    def open_row(self, row: GuardianRow) -> None:
        self._open_editor(row.uuid)

    def new_record(self) -> None:
        self._open_editor(None)

    def import_from_file(self) -> None:
        from desktop_app.ui.importing import open_import_wizard

        open_import_wizard(self.runner, kind="guardians", parent=self)

    def toggle_selected_active(self) -> None:
        """Deactivate or reactivate the selected guardian (asks first; the list then reloads
        through ``Changes.GUARDIANS``)."""
        row = self.selected_row()
        if row is not None and may_change_guardians(self.runner):
            toggle_guardian_active(self, self.runner, row)

    def _update_buttons(self, *_args) -> None:
        row = self.selected_row()
        allowed = may_change_guardians(self.runner)
        self.active_button.setText(action_text(row))
        self.active_button.setIcon(icon("stop") if row is None or row.active else QIcon())
        self.active_button.setEnabled(row is not None and allowed)
        self.active_button.setToolTip(
            "" if allowed else _("Peran Pimpinan hanya dapat melihat dan mencetak data.")
        )

    @staticmethod
    def _widest(button: QPushButton, texts: tuple[str, ...]) -> int:
        button.ensurePolished()  # the theme's font, not the default one
        metrics = button.fontMetrics()
        extra = button.sizeHint().width() - metrics.horizontalAdvance(button.text())
        return extra + max(metrics.horizontalAdvance(text) for text in texts)

    def _open_editor(self, guardian_id: uuid.UUID | None) -> None:
        from desktop_app.ui.guardians.editor import GuardianEditorDialog

        dialog = GuardianEditorDialog(self.runner, guardian_id=guardian_id, parent=self)
        dialog.open_existing.connect(self._open_editor)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
