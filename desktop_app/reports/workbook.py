"""What the monthly Excel workbook is written from: the monthly summary and the month's payments.

The workbook carries every section of the PDF and, besides, the children behind each aid total
(every payment of the month, whatever its status), so that an office can check "Bantuan sudah
dibayar" child by child. Plain frozen data, read on the DB worker, written on any thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.reports.header_data import ReportHeader
from desktop_app.reports.monthly_model import MonthlySummaryData
from desktop_app.reports.payments_data import PaymentListData

__all__ = ["MonthlyWorkbookData"]


@dataclass(frozen=True)
class MonthlyWorkbookData:
    summary: MonthlySummaryData
    payments: PaymentListData  # every status (include_all)

    @property
    def header(self) -> ReportHeader:
        return self.summary.header
