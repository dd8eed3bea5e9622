"""Writes from the Laporan page: close a month (Tutup bulan), with progress."""

from __future__ import annotations

from desktop_app.core.month import Month
from desktop_app.reports import closing
from desktop_app.ui.operations.build import long_operation
from desktop_app.ui.progress import LongOperation


def close_month(*, month: Month) -> LongOperation:
    """Freeze ``month``'s report figures (Admin only; the service checks the role)."""
    return long_operation(closing.close_month, month=month)
