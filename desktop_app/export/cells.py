"""The one way Asuh puts text into a spreadsheet cell (.xlsx or .csv): inert, never a formula.

Formula injection (OWASP "CSV injection"): a text cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return could be run by a spreadsheet as a formula (a child's or a
desa's name typed as ``=HYPERLINK(...)`` would become a link that leaks data). Such text is
neutralised:

- in CSV it gets a leading apostrophe (``'=1+1``), OWASP's advice;
- in XLSX it is stored as a plain string cell with Excel's "quote prefix" set (the cell shows
  ``=1+1`` exactly and Excel keeps treating it as text even when edited), never as a formula.

Characters XML 1.0 cannot hold (C0 controls other than tab, newline and carriage return, such as
a BEL in an old record) are replaced by U+FFFD in both formats: openpyxl would otherwise refuse
the whole workbook with ``IllegalCharacterError``. Every writer of .xlsx and .csv (list
exports, the raw export, the monthly Excel report, the import template and error report, the
z-score batch) goes through :func:`inert_text` or :func:`sheet_value`; numbers stay numbers,
including negative ones (a z-score of -2,31 is data, not a formula).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

__all__ = [
    "FORMULA_PREFIXES",
    "inert_text",
    "is_formula_like",
    "printable",
    "sheet_value",
    "text_cell",
]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_REPLACEMENT = "\ufffd"
#: What XML 1.0 refuses (openpyxl's ILLEGAL_CHARACTERS_RE): C0 controls but tab, LF and CR.
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_PREFIXES)


def printable(value: str) -> str:
    """``value`` with the characters an .xlsx cannot hold replaced by U+FFFD."""
    return _ILLEGAL.sub(_REPLACEMENT, value)


def inert_text(value: str) -> str:
    """The CSV form: ``'=1+1`` for formula-like text, illegal characters replaced."""
    text = printable(value)
    return "'" + text if is_formula_like(text) else text


def text_cell(sheet: Any, text: str) -> Cell:
    """A cell holding ``text`` as a string, for ``sheet.append`` (write-only or ordinary
    sheet), with the quote prefix when it looks like a formula (openpyxl would otherwise store
    ``=...`` as a live formula)."""
    from openpyxl.cell import WriteOnlyCell  # here: the CSV writers above need no openpyxl

    cell = WriteOnlyCell(sheet, value=printable(text))
    if cell.data_type == "f" or is_formula_like(text):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def sheet_value(sheet: Any, value: Any) -> Any:
    """What to ``append`` for ``value``: an inert text cell for a string, anything else as is
    (numbers, dates and None are never formulas)."""
    return text_cell(sheet, value) if isinstance(value, str) else value
