"""Print a built report: the pages are rasterised at the printer's resolution (max 300 dpi)
and painted one per sheet, fitted to the printable area. GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.core.i18n import _
from desktop_app.ui.reports.pdf_images import rasterize, to_qimage

__all__ = ["ask_printer", "print_pdf"]

MAX_PRINT_DPI = 300


def ask_printer(parent: QWidget | None, page_count: int) -> QPrinter | None:
    """The system print dialog; None if cancelled (tests replace this function)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFromTo(1, page_count)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Cetak laporan"))
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_pdf(printer: QPrinter, pdf: bytes) -> int:
    """Paint the chosen pages of ``pdf`` on ``printer``; returns the number of pages printed."""
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    pages = rasterize(pdf, dpi)
    first, last = printer.fromPage() or 1, printer.toPage() or len(pages)
    chosen = pages[first - 1 : last]
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for i, page in enumerate(chosen):
            if i:
                printer.newPage()
            image = to_qimage(page)
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(QRect(area.x(), area.y(), size.width(), size.height()))
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(area)
    finally:
        painter.end()
    return len(chosen)
