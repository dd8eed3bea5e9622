"""Sinkronisasi: sync with the district server, sync files, conflicts and duplicate children."""

from desktop_app.ui.sync.page import SyncPage

__all__ = ["SyncPage"]
