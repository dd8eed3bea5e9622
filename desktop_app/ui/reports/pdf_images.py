"""PDF pages to images with pypdfium2 (QtPdf is not part of PySide6-Essentials).

:func:`rasterize` is plain Python (no Qt) so it can run on the report worker thread right after
the build; :func:`to_qimage` turns its result into ``QImage`` on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium
from PySide6.QtGui import QImage

__all__ = ["PageBitmap", "rasterize", "to_qimage"]


@dataclass(frozen=True)
class PageBitmap:
    """One page as packed RGB bytes, ``stride`` bytes per row."""

    width: int
    height: int
    stride: int
    rgb: bytes


def rasterize(pdf: bytes, dpi: float) -> list[PageBitmap]:
    """Every page of ``pdf`` at ``dpi`` dots per inch."""
    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            pages.append(
                PageBitmap(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
            )
            page.close()
        return pages
    finally:
        document.close()


def to_qimage(page: PageBitmap) -> QImage:
    """A deep copy, so the image owns its pixels."""
    image = QImage(page.rgb, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
    return image.copy()
