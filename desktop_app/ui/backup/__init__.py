"""The backup settings page (Pengaturan > Cadangan)."""

from desktop_app.ui.backup.settings_page import BackupSettingsPage

__all__ = ["BackupSettingsPage"]
