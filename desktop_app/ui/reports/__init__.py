"""The Laporan page: choose, build (with progress), preview, save and print reports."""

from desktop_app.ui.reports.page import ReportsPage

__all__ = ["ReportsPage"]
