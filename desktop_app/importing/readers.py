"""Reading an .xlsx or .csv file into rows of raw cell values, whatever the file looks like.

.xlsx is read with openpyxl in read-only mode (streams, fine for 100,000 rows) with cached
values (a formula cell gives the value Excel last computed). .csv is decoded as UTF-8 (with or
without BOM) and falls back to Windows-1252, which is what Excel "Save as CSV" writes on an
Indonesian or English Windows; the delimiter (``;`` ``,`` tab ``|``) is sniffed. Empty trailing
rows and columns are dropped. Both are streamed row by row against the limits of
:mod:`desktop_app.importing.file_limits`, so a small hostile file cannot exhaust
memory. Any unreadable file raises :class:`ImportFileError`.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.importing.file_limits import (
    MAX_LINE_CHARS,
    MAX_ROWS,
    ImportFileError,
    TableBudget,
    check_declared_dimension,
    check_xlsx_parts,
)
from desktop_app.importing.formulas import mark_formulas_without_value

__all__ = ["MAX_ROWS", "ImportFileError", "RawTable", "read_table"]

#: Larger files are refused before reading; what is built from a file is bounded by
#: :mod:`desktop_app.importing.file_limits`.
MAX_FILE_BYTES = 200 * 1024 * 1024
_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
_DELIMITERS = ";,\t|"
#: The csv module refuses fields over 128 KiB; a cell of a real file may be longer (notes).
_FIELD_LIMIT = 10 * 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class RawTable:
    """``rows[i]`` is the sheet row numbered ``i + 1`` (as the user sees it in Excel)."""

    rows: list[tuple[Any, ...]]
    sheet: str


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportFileError(
            _("Berkas {name} tidak dapat dibuka: {error}").format(name=path.name, error=error)
        ) from None
    if size > MAX_FILE_BYTES:
        raise ImportFileError(_("Berkas {name} terlalu besar untuk diimpor").format(name=path.name))


def _read_xlsx(path: Path) -> RawTable:
    from openpyxl import load_workbook

    try:
        check_xlsx_parts(path)
        workbook = load_workbook(path, read_only=True, data_only=True)
    except DomainError:
        raise
    except Exception:
        raise ImportFileError(
            _(
                "Berkas {name} bukan berkas Excel (.xlsx) yang utuh; buka di Excel lalu simpan "
                "ulang sebagai .xlsx"
            ).format(name=path.name)
        ) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise ImportFileError(
                _("Berkas {name} tidak berisi lembar kerja").format(name=path.name)
            )
        check_declared_dimension(path.name, sheet.max_row, sheet.max_column)
        sheet.reset_dimensions()  # some writers store a wrong size; read what is really there
        budget = TableBudget(path.name)
        for row in sheet.iter_rows(min_row=1, values_only=True):
            budget.add(row)
        rows = mark_formulas_without_value(path, sheet.title, budget.table_rows())
        return RawTable(rows, sheet.title)
    except DomainError:
        raise
    except Exception:
        raise ImportFileError(
            _("Isi berkas {name} rusak atau terpotong; simpan ulang dari Excel").format(
                name=path.name
            )
        ) from None
    finally:
        workbook.close()


def _encoding(path: Path) -> str:
    """The first of ``_ENCODINGS`` that decodes the whole file, tried chunk by chunk so the
    text is never held whole; a NUL byte (a binary file, UTF-16) is refused."""
    for encoding in _ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(_CHUNK):
                    if b"\x00" in chunk:
                        raise ImportFileError(
                            _(
                                "Berkas {name} bukan berkas teks CSV; simpan dari Excel sebagai "
                                ".xlsx atau .csv"
                            ).format(name=path.name)
                        )
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise AssertionError("latin-1 decodes any bytes")


def _lines(handle: IO[str], name: str) -> Iterator[str]:
    """The file's lines, refused at the first one longer than ``MAX_LINE_CHARS`` (read with
    that cap, so a file without line breaks is never read whole)."""
    number = 0
    while line := handle.readline(MAX_LINE_CHARS + 1):
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise ImportFileError(
                _("Baris {row} berkas {name} lebih panjang dari {limit} karakter").format(
                    row=number, name=name, limit=f"{MAX_LINE_CHARS:,}".replace(",", ".")
                )
            )
        yield line


def _delimiter(path: Path, encoding: str) -> str:
    with open(path, encoding=encoding, newline="") as handle:
        lines = [line.rstrip("\r\n") for line in itertools.islice(_lines(handle, path.name), 20)]
    sample = "\n".join(lines)
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = lines[0] if lines else ""
        return max(_DELIMITERS, key=first.count) if first else ";"


def _read_csv(path: Path) -> RawTable:
    encoding = _encoding(path)
    delimiter = _delimiter(path, encoding)
    budget = TableBudget(path.name)
    previous_limit = csv.field_size_limit(_FIELD_LIMIT)
    try:
        with open(path, encoding=encoding, newline="") as handle:
            for row in csv.reader(_lines(handle, path.name), delimiter=delimiter):
                budget.add(row)
    except csv.Error as error:
        raise ImportFileError(
            _("Berkas CSV {name} tidak dapat dibaca: {error}").format(name=path.name, error=error)
        ) from None
    finally:
        csv.field_size_limit(previous_limit)
    return RawTable(budget.table_rows(), path.stem)


def read_table(path: Path) -> RawTable:
    """The first sheet of an .xlsx, or a .csv; the format is taken from the content (a .csv
    renamed .xlsx still reads). Old .xls files are refused with how to convert them."""
    path = Path(path)
    _check_size(path)
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _("Berkas {name} berformat Excel lama (.xls); simpan ulang sebagai .xlsx").format(
                name=path.name
            )
        )
    if head.startswith(b"PK") and zipfile.is_zipfile(path):
        return _read_xlsx(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise ImportFileError(
            _("Berkas {name} bukan berkas Excel (.xlsx) yang utuh").format(name=path.name)
        )
    return _read_csv(path)
