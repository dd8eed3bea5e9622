"""The import wizard (Impor data): choose a file, map columns, preview, import."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop_app.ui.importing.wizard import ImportWizard
from desktop_app.ui.ops import OperationRunner

__all__ = ["ImportWizard", "open_import_wizard"]


def open_import_wizard(runner: OperationRunner, *, kind: str | None, parent: QWidget) -> None:
    """Open the import wizard for ``kind`` (window-modal); lists refresh via runner.changed."""
    wizard = ImportWizard(runner, kind=kind, parent=parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
