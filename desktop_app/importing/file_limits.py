"""How much of a spreadsheet or CSV file the importer will hold in memory, and the refusals.

A file's size on disk says little: a 165 KB .xlsx with one cell in column XFD on 20,000 rows
unpacks into 327 million empty cells (2.7 GB). So the limits are on what is built: rows, the
widest column holding data, cells, characters of text, and for an .xlsx the ZIP's members and
uncompressed sizes, the shared-strings table and the sheet's declared ``<dimension>``. Each is
checked before the thing it bounds is built, or while streaming, and refused with a message
naming the limit. Up to these limits an import stays well under 300 MB of memory.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.core.zip_limits import ZipLimits, megabytes, open_bounded_zip

__all__ = [
    "ImportFileError",
    "MAX_ROWS",
    "TableBudget",
    "check_declared_dimension",
    "check_xlsx_parts",
]

MAX_ROWS = 200_000
MAX_COLUMNS = 256  # column IV; the import templates use fewer than 40
MAX_CELLS = 3_000_000
MAX_TEXT_CHARS = 48 * 1024 * 1024
#: A CSV line longer than this is not a table row (one cell of notes fits many times over).
MAX_LINE_CHARS = 1024 * 1024
XLSX_LIMITS = ZipLimits(
    members=2_000, total_bytes=512 * 1024 * 1024, member_bytes=512 * 1024 * 1024
)
#: openpyxl reads every part but the worksheets whole (styles, workbook, shared strings ...).
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_SHARED_STRINGS = 1_000_000
#: openpyxl parses the sheet's markup before it yields rows: a row's cells are built together,
#: cleared rows stay attached until the sheet ends, and records other than rows and cells
#: (merges, hyperlinks, unknown tags) are kept. So the markup is counted first.
MAX_SHEET_CELLS = 12_000_000  # cell elements, empty styled ones included
MAX_ROW_CELLS = 16_384  # Excel's own width
MAX_OTHER_ELEMENTS = 200_000
_WORKSHEET = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet[\s>]")
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_CHUNK = 1024 * 1024


class ImportFileError(DomainError):
    """The file cannot be read as a table; nothing was imported."""


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def too_many_rows(name: str) -> ImportFileError:
    return ImportFileError(
        _("Berkas {name} berisi lebih dari {limit} baris; bagi menjadi beberapa berkas").format(
            name=name, limit=_number(MAX_ROWS)
        )
    )


def _too_wide(name: str, column: int) -> ImportFileError:
    return ImportFileError(
        _(
            "Lembar terlalu lebar: kolom {column} di berkas {name} terpakai, batasnya kolom "
            "{limit}; hapus isi kolom di kanan tabel lalu simpan ulang"
        ).format(
            column=get_column_letter(min(column, 18_278)),
            name=name,
            limit=get_column_letter(MAX_COLUMNS),
        )
    )


def _too_many_cells(name: str) -> ImportFileError:
    return ImportFileError(
        _("Berkas {name} berisi lebih dari {limit} sel; bagi menjadi beberapa berkas").format(
            name=name, limit=_number(MAX_CELLS)
        )
    )


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class TableBudget:
    """The rows read so far, each without its trailing empty cells, refused past the limits.

    Fed one row at a time while the file streams, so a hostile file stops at the first row
    past a limit instead of after it was built whole."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows: list[tuple[Any, ...]] = []
        self._cells = 0
        self._chars = 0

    def add(self, row: Sequence[Any]) -> None:
        end = len(row)
        while end and _is_blank(row[end - 1]):
            end -= 1
        if end > MAX_COLUMNS:
            raise _too_wide(self.name, end)
        if len(self.rows) >= MAX_ROWS:
            raise too_many_rows(self.name)
        self._cells += end
        if self._cells > MAX_CELLS:
            raise _too_many_cells(self.name)
        kept = tuple(row[:end])
        self._chars += sum(len(value) for value in kept if isinstance(value, str))
        if self._chars > MAX_TEXT_CHARS:
            raise ImportFileError(
                _(
                    "Teks dalam berkas {name} melebihi {limit} MB; bagi menjadi beberapa berkas"
                ).format(name=self.name, limit=megabytes(MAX_TEXT_CHARS))
            )
        self.rows.append(kept)

    def table_rows(self) -> list[tuple[Any, ...]]:
        """The rows, without the empty ones at the end."""
        rows = self.rows
        while rows and not rows[-1]:
            rows.pop()
        return rows


def check_declared_dimension(name: str, max_row: int | None, max_column: int | None) -> None:
    """Refuse a sheet whose ``<dimension>`` already says it is past the limits (a writer that
    stores none, or too small a one, is caught by :class:`TableBudget` while streaming)."""
    if max_column is not None and max_column > MAX_COLUMNS:
        raise _too_wide(name, max_column)
    if max_row is not None and max_row > MAX_ROWS:
        raise too_many_rows(name)
    if max_row is not None and max_column is not None and max_row * max_column > MAX_CELLS:
        raise _too_many_cells(name)


def _count_shared_strings(archive: zipfile.ZipFile, member: str) -> int:
    """How many ``<si>`` entries ``member`` holds, counted while streaming it (the table's own
    ``count`` attribute may lie)."""
    count = 0
    buffer = b""
    with archive.open(member) as handle:
        while chunk := handle.read(_CHUNK):
            buffer += chunk
            cut = max(0, len(buffer) - 64)  # a match may straddle two chunks
            count += sum(1 for match in _SHARED_STRING.finditer(buffer) if match.start() < cut)
            buffer = buffer[cut:]
            if count > MAX_SHARED_STRINGS:
                break
    return count + len(_SHARED_STRING.findall(buffer))


class _SheetTally:
    """Rows, cells (and the most in one row) and other elements of a sheet's markup, counted
    chunk by chunk in C (``bytes.count``) so a 500 MB sheet is tallied in a second or two."""

    def __init__(self, prefix: bytes) -> None:
        mark = b"<" + prefix
        self.row_marks = tuple(mark + b"row" + end for end in (b" ", b">", b"/"))
        self.cell_marks = tuple(mark + b"c" + end for end in (b" ", b">", b"/"))
        content = (b"v>", b"v ", b"f>", b"f ", b"f/", b"is>", b"t>", b"t ", b"r>", b"rPr>")
        self.content_marks = tuple(mark + name for name in content)
        self.rows = self.cells = self.in_row = self.widest = self.other = 0

    @staticmethod
    def _count(buffer: bytes, marks: tuple[bytes, ...], start: int, stop: int) -> int:
        """Occurrences of ``marks`` starting in ``[start, stop)``."""
        return sum(buffer.count(m, start, min(len(buffer), stop + len(m) - 1)) for m in marks)

    def add(self, buffer: bytes, cut: int) -> None:
        """Count the marks that start before ``cut`` in ``buffer``."""
        starts = sorted(at for mark in self.row_marks for at in _positions(buffer, mark, cut))
        bounds = [0, *starts, cut]
        for index in range(len(bounds) - 1):
            if index:
                self.in_row = 0  # a row starts here
            cells = self._count(buffer, self.cell_marks, bounds[index], bounds[index + 1])
            self.in_row += cells
            self.cells += cells
            self.widest = max(self.widest, self.in_row)
        self.rows += len(starts)
        tags = self._count(buffer, (b"<",), 0, cut) - self._count(
            buffer, (b"</", b"<?", b"<!"), 0, cut
        )
        content = self._count(buffer, self.content_marks, 0, cut)
        self.other += tags - len(starts) - self._count(buffer, self.cell_marks, 0, cut) - content

    def past_limits(self) -> bool:
        return (
            self.rows > MAX_ROWS
            or self.cells > MAX_SHEET_CELLS
            or self.widest > MAX_ROW_CELLS
            or self.other > MAX_OTHER_ELEMENTS
        )


def _positions(buffer: bytes, mark: bytes, cut: int) -> list[int]:
    found: list[int] = []
    at = buffer.find(mark, 0, cut + len(mark) - 1)
    while 0 <= at < cut:
        found.append(at)
        at = buffer.find(mark, at + 1, cut + len(mark) - 1)
    return found


def _check_sheet_markup(archive: zipfile.ZipFile, member: str, name: str) -> None:
    """Refuse a sheet whose markup alone would exhaust memory or time in openpyxl."""
    tally: _SheetTally | None = None
    buffer = b""
    with archive.open(member) as handle:
        while chunk := handle.read(_CHUNK):
            buffer += chunk
            if tally is None:
                found = _WORKSHEET.search(buffer)
                tally = _SheetTally((found.group(1) or b"") if found else b"")
            cut = max(0, len(buffer) - 64)  # a mark may straddle two chunks
            tally.add(buffer, cut)
            buffer = buffer[cut:]
            if tally.past_limits():
                break
        else:
            if tally is not None:
                tally.add(buffer, len(buffer))
    if tally is None or not tally.past_limits():
        return
    if tally.rows > MAX_ROWS:
        raise too_many_rows(name)
    if tally.widest > MAX_ROW_CELLS:
        raise _too_wide(name, tally.widest)
    raise ImportFileError(
        _(
            "Berkas {name} berisi terlalu banyak unsur di lembar kerjanya; salin datanya ke "
            "buku kerja baru lalu simpan ulang"
        ).format(name=name)
    )


def check_xlsx_parts(path: Path) -> None:
    """Refuse an .xlsx whose ZIP, parts or shared strings are past the limits, before openpyxl
    builds anything from it."""
    with open_bounded_zip(path, XLSX_LIMITS, name=path.name, error=ImportFileError) as archive:
        for member in archive.infolist():
            is_sheet = member.filename.lower().startswith("xl/worksheets/")
            if not is_sheet and member.file_size > MAX_PART_BYTES:
                raise ImportFileError(
                    _(
                        "Berkas terlalu besar setelah dibuka: bagian {part} berkas {name} "
                        "{size} MB, batasnya {limit} MB"
                    ).format(
                        part=member.filename,
                        name=path.name,
                        size=megabytes(member.file_size),
                        limit=megabytes(MAX_PART_BYTES),
                    )
                )
            if is_sheet:
                _check_sheet_markup(archive, member.filename, path.name)
            is_strings = member.filename.lower().endswith("sharedstrings.xml")
            if is_strings and _count_shared_strings(archive, member.filename) > MAX_SHARED_STRINGS:
                raise ImportFileError(
                    _(
                        "Berkas {name} berisi lebih dari {limit} teks berbeda; bagi menjadi "
                        "beberapa berkas"
                    ).format(name=path.name, limit=_number(MAX_SHARED_STRINGS))
                )
