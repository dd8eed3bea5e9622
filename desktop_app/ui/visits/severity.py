"""Colours of the nutritional status categories: red below -3 SD, orange below -2 SD, green
normal, blue above (the growth package's ``Severity`` keys), shared by form, tables and charts."""

from __future__ import annotations

from PySide6.QtGui import QColor

from desktop_app.growth import Category, Severity

SEVERITY_COLOURS = {
    Severity.SEVERE: "#c62828",
    Severity.MODERATE: "#e65100",
    Severity.NORMAL: "#2e7d32",
    Severity.ABOVE: "#1565c0",
}
SEVERITY_BACKGROUNDS = {
    Severity.SEVERE: "#fdecea",
    Severity.MODERATE: "#fff3e0",
    Severity.NORMAL: "#e8f5e9",
    Severity.ABOVE: "#e3f2fd",
}


def category_colour(category: Category | None) -> QColor | None:
    """Text colour of a category (None: no category, default colour)."""
    return QColor(SEVERITY_COLOURS[category.severity]) if category is not None else None
