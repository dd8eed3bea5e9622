"""Hapus kunjungan: the one confirm-and-delete for a mistyped visit, wherever visits are listed.

The Kunjungan page and the child's growth panel both list visits; they share this control so the
question, the role rule and the write are the same in both (and change in one place). The
service (:func:`desktop_app.visits.service.delete_visit`) soft-deletes, so the deletion syncs; the
audit hook records it and the permission guard refuses a Pimpinan whatever the GUI shows. Disabling
the action here is only for comfort. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol, cast
from uuid import UUID

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QTableView, QWidget

from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import _
from desktop_app.core.permissions import PIMPINAN
from desktop_app.ui.auth.identity import current_role
from desktop_app.ui.operations import visits as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets import messages


class VisitRow(Protocol):
    """What the question needs: both ``VisitListRow`` and ``VisitRecord`` have it."""

    @property
    def id(self) -> UUID: ...
    @property
    def child_name(self) -> str: ...
    @property
    def visit_date(self) -> date: ...


class _VisitRows(Protocol):
    """The table's model: a ``RowTableModel`` or a ``LazyTableModel``, both hand out rows."""

    def row_at(self, row: int) -> VisitRow | None: ...


def may_delete_visits(runner: OperationRunner) -> bool:
    """Pimpinan reads and prints only (``desktop_app.core.permissions``); no role is the system."""
    return current_role(runner) != PIMPINAN


def confirm_delete_visit(
    parent: QWidget,
    runner: OperationRunner,
    visit: VisitRow,
    *,
    on_deleted: Callable[[UUID], object] | None = None,
) -> bool:
    """Ask, then soft-delete ``visit`` through ``runner``; False if the user said no.

    ``on_deleted(visit_id)`` runs after the commit; lists reload themselves on ``VISITS``.
    """
    question = _("Hapus kunjungan {child} tanggal {date}?").format(
        child=visit.child_name,
        date=format_date(visit.visit_date).replace(" ", "\u00a0"),  # a date never breaks
    )
    consequence = _(
        "Status gizi terakhir, tren dan daftar tindak lanjut anak ini akan dihitung ulang "
        "dari kunjungan lainnya."
    )
    if not messages.ask(
        parent, _("Hapus kunjungan"), f"{question}\n\n{consequence}", yes=_("Hapus")
    ):
        return False
    visit_id = visit.id
    runner.run_op(
        operations.delete_visit(visit_id=visit_id),
        on_success=lambda _none: on_deleted(visit_id) if on_deleted else None,
        on_error=lambda error: messages.show_failure(parent, error),
    )
    return True


def _deleted(visit_id: UUID, on_deleted: Callable[[UUID], object] | None) -> None:
    if on_deleted:
        on_deleted(visit_id)


class DeleteVisitControl(QObject):
    """A "Hapus kunjungan" button, the Delete key and a context-menu entry for ``table``.

    ``table`` holds visit rows in a ``RowTableModel`` (single selection). Enabled only while a
    row is selected and the signed-in role may write. ``deleted(object)`` carries the visit id
    after the commit.
    """

    deleted = Signal(object)

    def __init__(self, table: QTableView, runner: OperationRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self.table = table
        self.runner = runner
        self._parent = parent
        self.button = QPushButton(_("Hapus kunjungan"), parent)
        self.action = QAction(_("Hapus kunjungan…"), table)
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        table.addAction(self.action)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.button.clicked.connect(self.trigger)
        self.action.triggered.connect(self.trigger)
        table.selectionModel().selectionChanged.connect(lambda *_a: self.update())
        table.model().modelReset.connect(self.update)
        self.update()

    def selected(self) -> VisitRow | None:
        rows = self.table.selectionModel().selectedRows()
        model = cast(_VisitRows, self.table.model())
        return model.row_at(rows[0].row()) if rows else None

    def update(self) -> None:
        allowed = may_delete_visits(self.runner)
        enabled = allowed and self.selected() is not None
        self.button.setEnabled(enabled)
        self.action.setEnabled(enabled)
        self.button.setToolTip(
            _("Hapus kunjungan yang salah dicatat (Delete)")
            if allowed
            else _("Peran Pimpinan hanya dapat melihat dan mencetak data.")
        )

    def trigger(self) -> bool:
        """Delete the selected visit after asking; False if nothing ran."""
        visit = self.selected()
        if visit is None or not may_delete_visits(self.runner):
            return False
        return confirm_delete_visit(self._parent, self.runner, visit, on_deleted=self.deleted.emit)
