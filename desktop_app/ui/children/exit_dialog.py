"""Keluarkan dari program: the child's exit, with the date and a reason from ``EXIT_REASONS``.

The service ends every active assignment on the same date and cancels aid planned after it, so
the dialog says so; the detail page reloads through the runner's ``changed`` broadcast.
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtWidgets import QWidget

from desktop_app.children.service import EXIT_REASONS, exit_child
from desktop_app.core.changes import Changes
from desktop_app.core.i18n import _, translated_items
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets import DateEdit, FormDialog, IdCombo


class ExitChildDialog(FormDialog):
    """Keluarkan dari program: exit date and reason; also ends the active assignment."""

    def __init__(self, runner: OperationRunner, *, child_id: UUID, parent: QWidget | None = None):
        super().__init__(runner, title=_("Keluarkan dari program"), parent=parent)
        self.child_id = child_id
        rows = self.rows()
        self.exit_date = rows.add(_("Tanggal keluar"), DateEdit(), field="exit_date", required=True)
        self.reason = rows.add(
            _("Alasan"),
            IdCombo(),
            field="exit_reason",
            required=True,
            hint=_("Penugasan yang masih aktif ikut diakhiri pada tanggal ini."),
        )
        self.reason.set_items(translated_items(EXIT_REASONS))
        self.save_button.setText(_("Keluarkan"))
        self.setMinimumWidth(480)

    def save(self) -> None:
        child_id, on, reason = self.child_id, self.exit_date.day(), self.reason.current_id()
        self.submit(
            lambda s: exit_child(s, child_id=child_id, exit_date=on, reason=reason or ""),
            changes=Changes.CHILDREN | Changes.ASSIGNMENTS,
        )
