"""The aid ledger screens: monthly plan, payments, totals."""

from __future__ import annotations

from desktop_app.ui.aid.page import AidLedgerPage

__all__ = ["AidLedgerPage"]
