"""The look: Fusion, a light palette, one accent colour (teal) and a readable font.

The style sheet lives in ``resources/style/asuh.qss``; colours that the QSS and Python both need
are defined here and substituted into it (``@accent`` etc.), so they are written once.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.core.paths import resource_path

COLOURS = {
    "accent": "#0f766e",
    "accent_hover": "#115e59",
    "accent_soft": "#ccfbf1",
    "accent_tint": "#f0fdfa",
    "text": "#1f2937",
    "muted": "#6b7280",
    "border": "#e5e7eb",
    "sidebar": "#f3f4f6",
    "content": "#ffffff",
    "warning_bg": "#fef3c7",
    "warning_text": "#92400e",
    "stripe": "#f9fafb",
}

FONT_POINT_SIZE = 10


def style_sheet() -> str:
    """The QSS with the colour names filled in (longest names first, so @accent_hover wins)."""
    text = resource_path("style", "asuh.qss").read_text(encoding="utf-8")
    for name in sorted(COLOURS, key=len, reverse=True):
        text = text.replace(f"@{name}", COLOURS[name])
    return text


def apply_theme(app: QApplication) -> None:
    """Fusion + palette + font + style sheet on the whole application."""
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(COLOURS["content"]))
    palette.setColor(QPalette.ColorRole.Base, QColor(COLOURS["content"]))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor(COLOURS["stripe"]))
    palette.setColor(QPalette.ColorRole.Text, QColor(COLOURS["text"]))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(COLOURS["text"]))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(COLOURS["text"]))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(COLOURS["accent"]))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSize(FONT_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(style_sheet())
