"""The import wizard (Impor data): choose a file, map columns, preview, import."""

from __future__ import annotations

from desktop_app.ui.importing.wizard import ImportWizard

__all__ = ["ImportWizard"]
