"""Read a PDF's text back, page by page (pypdfium2), for assertions on what is printed."""

from __future__ import annotations

import re

import pypdfium2 as pdfium


def pdf_pages(pdf: bytes) -> list[str]:
    """Text of every page, whitespace runs collapsed to one space."""
    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for i in range(len(document)):
            text = document[i].get_textpage().get_text_range()
            pages.append(re.sub(r"\s+", " ", text.replace("\r", " ")))
        return pages
    finally:
        document.close()


def pdf_text(pdf: bytes) -> str:
    return " ".join(pdf_pages(pdf))
