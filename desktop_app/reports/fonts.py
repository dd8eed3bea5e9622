"""The embedded TrueType fonts of every report (DejaVu, ``resources/fonts``).

ReportLab's built-in Helvetica is not embedded and lacks glyphs a name may need; DejaVu is free
to redistribute (see ``resources/fonts/LICENSE-DejaVu.txt``) and is embedded (subset) into each
PDF, so a printout looks the same on any office PC. Registration is global in ReportLab and done
once per process; it is thread-safe enough for our one report worker.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.core.paths import resource_path

__all__ = ["BODY", "BOLD", "CONDENSED", "CONDENSED_BOLD", "ITALIC", "register_fonts"]

BODY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
CONDENSED = "DejaVuSansCondensed"
CONDENSED_BOLD = "DejaVuSansCondensed-Bold"
_CONDENSED_ITALIC = "DejaVuSansCondensed-Oblique"


@cache
def register_fonts() -> None:
    """Register the DejaVu faces and their bold/italic families (``<b>`` in paragraphs)."""
    for name in (BODY, BOLD, ITALIC, CONDENSED, CONDENSED_BOLD, _CONDENSED_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", f"{name}.ttf"))))
    for family, bold, italic in (
        (BODY, BOLD, ITALIC),
        (CONDENSED, CONDENSED_BOLD, _CONDENSED_ITALIC),
    ):
        addMapping(family, 0, 0, family)
        addMapping(family, 1, 0, bold)
        addMapping(family, 0, 1, italic)
        addMapping(family, 1, 1, bold)
