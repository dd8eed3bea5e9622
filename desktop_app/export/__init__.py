"""Data out: tables to .csv/.xlsx with inert text cells (cells.py), and the raw-data workbook.
No Qt; list screens build their rows and call :func:`write_csv` / :func:`write_xlsx`.
"""

from __future__ import annotations

from desktop_app.core.lazy_exports import lazy_exports

# Names load on first use (PEP 562): the z-score batch uses the inert cell writer and must not
# pull in the database through the raw export.
_EXPORTS = {
    "inert_text": "cells",
    "RawExportResult": "raw",
    "export_raw_tables": "raw",
    "Column": "tabular",
    "write_csv": "tabular",
    "write_xlsx": "tabular",
}

__getattr__ = lazy_exports(__name__, _EXPORTS, globals())

__all__ = [
    "Column",
    "RawExportResult",
    "export_raw_tables",
    "inert_text",
    "write_csv",
    "write_xlsx",
]
