"""Data out: tables to .csv/.xlsx with formula neutralisation, and the raw-data workbook.
No Qt; list screens build their rows and call :func:`write_csv` / :func:`write_xlsx`.
"""

from desktop_app.export.raw import RawExportResult, export_raw_tables
from desktop_app.export.tabular import Column, neutralise, write_csv, write_xlsx

__all__ = [
    "Column",
    "RawExportResult",
    "export_raw_tables",
    "neutralise",
    "write_csv",
    "write_xlsx",
]
