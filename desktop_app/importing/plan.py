"""What an import did or would do: the outcome of every row and the places it adds.

A dry run (``import_file(..., dry_run=True)``) returns the same :class:`ImportResult` as a real
import, with nothing kept: that is the preview the wizard and ``--dry-run`` show. Every row the
file holds is listed with the row number Excel shows, ``ok``, ``rejected`` or ``duplicate`` and
the reasons in Indonesian naming the column. Pure data plus an error report writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.i18n import N_, _
from desktop_app.export.tabular import write_csv, write_xlsx
from desktop_app.importing.headers import HeaderLayout, recognise_headers
from desktop_app.importing.readers import read_table
from desktop_app.importing.rows import DUPLICATE, OK, REJECTED

__all__ = [
    "STATUS_LABELS",
    "ImportPreview",
    "ImportResult",
    "RowResult",
    "inspect_file",
    "write_error_report",
]

STATUS_LABELS = {OK: N_("Valid"), REJECTED: N_("Ditolak"), DUPLICATE: N_("Duplikat")}


@dataclass(frozen=True)
class RowResult:
    """One data row: ``row`` as numbered in the sheet, ``summary`` (name, date) to recognise it."""

    row: int
    status: str  # ok | rejected | duplicate
    reasons: tuple[str, ...]
    summary: str

    @property
    def ok(self) -> bool:
        return self.status == OK

    @property
    def message(self) -> str:
        """``Baris 7: Kolom NIK: ...; Kolom Tanggal Lahir: ...``."""
        return _("Baris {row}: {reasons}").format(row=self.row, reasons="; ".join(self.reasons))


@dataclass(frozen=True)
class ImportResult:
    """``imported``: rows written (for a dry run: rows that would be); ``rejected``: rows refused,
    duplicates included; ``written``: whether anything was kept (False for a dry run and for an
    all-or-nothing import with a refused row); ``created_areas``: labels of the wilayah/OPD
    created (or, in a dry run, to be created)."""

    kind: str
    file_name: str
    imported: int
    rejected: int
    created_areas: tuple[str, ...]
    rows: tuple[RowResult, ...]
    written: bool
    dry_run: bool
    valid_only: bool
    header_row: int

    @property
    def problems(self) -> list[RowResult]:
        return [row for row in self.rows if not row.ok]

    @property
    def valid(self) -> int:
        return sum(1 for row in self.rows if row.ok)

    def summary(self) -> str:
        """``diimpor 12, ditolak 2`` (what the CLI prints)."""
        return _("diimpor {imported}, ditolak {rejected}").format(
            imported=self.imported, rejected=self.rejected
        )


#: The preview is a dry run's result.
ImportPreview = ImportResult


def inspect_file(path: Path, kind: str, mapping: dict[str, str] | None = None) -> HeaderLayout:
    """The file's header row and recognised columns (for the wizard's mapping step). Reads only
    the file; ``ImportFileError`` if it is not a readable table."""
    return recognise_headers(read_table(Path(path)), kind, mapping)


def write_error_report(result: ImportResult, path: Path) -> int:
    """The refused rows (row number, status, data, reasons) as .xlsx or .csv by ``path``'s
    suffix, formula-safe; returns the number of rows written."""
    headers = [_("Baris"), _("Status"), _("Data"), _("Alasan")]
    rows = [
        (r.row, _(STATUS_LABELS[r.status]), r.summary, "; ".join(r.reasons))
        for r in result.problems
    ]
    if Path(path).suffix.lower() == ".csv":
        return write_csv(Path(path), headers, rows)
    return write_xlsx(Path(path), headers, rows, sheet_title=_("Baris ditolak"))
