"""PDF pages to images with pypdfium2 (QtPdf is not part of PySide6-Essentials).

:func:`rasterize` is plain Python (no Qt) so it can run on the render thread right after the
layout; :func:`to_qimage` turns its result into ``QImage`` on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium
from PySide6.QtGui import QImage

from desktop_app.core.i18n import _
from desktop_app.core.progress import ProgressFn, no_progress

__all__ = ["PageBitmap", "rasterize", "to_qimage"]


@dataclass(frozen=True)
class PageBitmap:
    """One page as packed RGB bytes, ``stride`` bytes per row."""

    width: int
    height: int
    stride: int
    rgb: bytes


def rasterize(pdf: bytes, dpi: float, progress: ProgressFn = no_progress) -> list[PageBitmap]:
    """Every page of ``pdf`` at ``dpi`` dots per inch; ``progress`` before each page (so a
    cancel stops between pages)."""
    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        count = len(document)
        for index in range(count):
            progress(index, count, _("Pratinjau"))
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
