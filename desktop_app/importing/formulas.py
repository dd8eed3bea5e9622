"""Formula cells that hold no value: told apart from empty cells.

The importer reads the value Excel last computed for a formula. A file written by a script, or
by a program that does not compute formulas, has the formula and no value; read as empty, such
a cell was refused as "Nama anak wajib diisi", which sends the person looking for a name that is
plainly there. These cells are marked instead, so the row is refused for what is wrong: the
file must be saved in Excel first, or the column pasted as values.

Finding them needs a second read of the sheet (formulas, not values), so it is done only when
the sheet's XML has a formula at all; most files have none.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from desktop_app.core.i18n import _

#: ``<f>`` / ``<f t="shared" ...>`` / ``<x:f>`` in a worksheet part.
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >/]")
_CHUNK = 1 << 20


class FormulaWithoutValue:
    """Stands in a raw row for a formula cell with no computed value (never blank)."""

    def __init__(self, formula: str) -> None:
        self.formula = formula

    def __repr__(self) -> str:
        return f"FormulaWithoutValue({self.formula!r})"

    def __str__(self) -> str:
        return ""  # as a header, it names no column

    @staticmethod
    def problem() -> str:
        return _(
            "sel berisi rumus tanpa nilai; buka dan simpan berkas di Excel dulu, atau salin "
            "kolomnya lalu tempel sebagai nilai"
        )


def mark_formulas_without_value(
    path: Path, sheet_title: str, rows: list[tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """``rows`` (values read with ``data_only``) with every empty cell that holds a formula
    replaced by :class:`FormulaWithoutValue`."""
    if not _has_formulas(path):
        return rows
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=False)
    try:
        sheet = workbook[sheet_title]
        sheet.reset_dimensions()
        marked = list(rows)
        formulas = sheet.iter_rows(min_row=1, max_row=len(rows), values_only=True)
        for index, (values, with_formulas) in enumerate(zip(rows, formulas, strict=False)):
            empty = {
                column: formula
                for column, formula in enumerate(with_formulas)
                if isinstance(formula, str)
                and formula.startswith("=")
                and (column >= len(values) or values[column] is None)
            }
            if empty:
                row = list(values) + [None] * (len(with_formulas) - len(values))
                for column, formula in empty.items():
                    row[column] = FormulaWithoutValue(formula)
                marked[index] = tuple(row)
        return marked
    finally:
        workbook.close()


def _has_formulas(path: Path) -> bool:
    """Whether any worksheet part has a formula tag (streamed; stops at the first)."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.startswith("xl/worksheets/") or not name.endswith(".xml"):
                continue
            with archive.open(name) as part:
                tail = b""
                while chunk := part.read(_CHUNK):
                    if _FORMULA_TAG.search(tail + chunk):
                        return True
                    tail = chunk[-16:]
    return False
