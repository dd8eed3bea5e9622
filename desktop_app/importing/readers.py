"""Reading an .xlsx or .csv file into rows of raw cell values, whatever the file looks like.

.xlsx is read with openpyxl in read-only mode (streams, fine for 100,000 rows) with cached
values (a formula cell gives the value Excel last computed). .csv is decoded as UTF-8 (with or
without BOM) and falls back to Windows-1252, which is what Excel "Save as CSV" writes on an
Indonesian or English Windows; the delimiter (``;`` ``,`` tab ``|``) is sniffed. Empty trailing
rows and columns are dropped. Any unreadable file raises :class:`ImportFileError`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.importing.formulas import mark_formulas_without_value

__all__ = ["ImportFileError", "RawTable", "read_table"]

#: Larger files are refused rather than exhausting a laptop's memory.
MAX_ROWS = 200_000
MAX_FILE_BYTES = 200 * 1024 * 1024
_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
_DELIMITERS = ";,\t|"
#: The csv module refuses fields over 128 KiB; a cell of a real file may be longer (notes).
_FIELD_LIMIT = 10 * 1024 * 1024


class ImportFileError(DomainError):
    """The file cannot be read as a table; nothing was imported."""


@dataclass(frozen=True)
class RawTable:
    """``rows[i]`` is the sheet row numbered ``i + 1`` (as the user sees it in Excel)."""

    rows: list[tuple[Any, ...]]
    sheet: str


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _trimmed(rows: list[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """Rows without trailing empty cells, and no empty rows at the end."""
    out: list[tuple[Any, ...]] = []
    for row in rows:
        end = len(row)
        while end and _is_blank(row[end - 1]):
            end -= 1
        out.append(tuple(row[:end]))
    while out and not out[-1]:
        out.pop()
    return out


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportFileError(
            _("Berkas {name} tidak dapat dibuka: {error}").format(name=path.name, error=error)
        ) from None
    if size > MAX_FILE_BYTES:
        raise ImportFileError(_("Berkas {name} terlalu besar untuk diimpor").format(name=path.name))


def _too_many_rows(path: Path) -> ImportFileError:
    return ImportFileError(
        _("Berkas {name} berisi lebih dari {limit} baris; bagi menjadi beberapa berkas").format(
            name=path.name, limit=f"{MAX_ROWS:,}".replace(",", ".")
        )
    )


def _read_xlsx(path: Path) -> RawTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
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
        sheet.reset_dimensions()  # some writers store a wrong size; read what is really there
        rows: list[Sequence[Any]] = []
        for row in sheet.iter_rows(min_row=1, values_only=True):
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise _too_many_rows(path)
        rows = mark_formulas_without_value(path, sheet.title, rows)
        return RawTable(_trimmed(rows), sheet.title)
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


def _decode(data: bytes) -> str:
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max(_DELIMITERS, key=first.count) if first else ";"


def _read_csv(path: Path) -> RawTable:
    text = _decode(path.read_bytes())
    if "\x00" in text:
        raise ImportFileError(
            _(
                "Berkas {name} bukan berkas teks CSV; simpan dari Excel sebagai .xlsx atau .csv"
            ).format(name=path.name)
        )
    rows: list[Sequence[Any]] = []
    previous_limit = csv.field_size_limit(_FIELD_LIMIT)
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)):
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise _too_many_rows(path)
    except csv.Error as error:
        raise ImportFileError(
            _("Berkas CSV {name} tidak dapat dibaca: {error}").format(name=path.name, error=error)
        ) from None
    finally:
        csv.field_size_limit(previous_limit)
    return RawTable(_trimmed(rows), path.stem)


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
