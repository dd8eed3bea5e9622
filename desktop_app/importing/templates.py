"""The downloadable import template per kind: an .xlsx whose first sheet has the Indonesian
headers the importer expects, with NIK/No. KK/NIP columns formatted as Text ('@') so Excel keeps
all 16 or 18 digits, and a second sheet "Petunjuk" explaining every column, whether it is
required, its format and an example. The example lives in "Petunjuk", not in the data sheet, so
a template filled in without deleting it never imports a fictitious child. A .csv path gets
just the header line (via the safe CSV writer).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.export.cells import sheet_value
from desktop_app.export.tabular import write_csv
from desktop_app.importing.fields import KIND_FIELDS, KINDS

__all__ = ["TEXT_FORMAT", "write_template"]

TEXT_FORMAT = "@"
_TEXT_PARSERS = ("id16", "nip")
#: Rows pre-formatted as Text below the header (a column style alone is ignored by some
#: spreadsheet programs when pasting).
_FORMATTED_ROWS = 1000
_HEADER_FILL = PatternFill("solid", start_color="FFDCE9F5")
_REQUIRED_FILL = PatternFill("solid", start_color="FFFCE4C4")
_BOLD = Font(bold=True)


def write_template(kind: str, path: Path) -> Path:
    """Write the template of ``kind`` (children | guardians | visits) to ``path``."""
    if kind not in KIND_FIELDS:
        raise DomainError(_("Jenis templat tidak dikenal: {kind}").format(kind=kind))
    specs = KIND_FIELDS[kind]
    path = Path(path)
    if path.suffix.lower() == ".csv":
        write_csv(path, [_(spec.header) for spec in specs], [])
        return path
    workbook = Workbook()
    data = workbook.active
    assert isinstance(data, Worksheet)  # a new workbook opens on one empty worksheet
    data.title = _(KINDS[kind])[:31]
    data.append([sheet_value(data, _(spec.header)) for spec in specs])
    for column, spec in enumerate(specs, start=1):
        cell = data.cell(row=1, column=column)
        cell.font = _BOLD
        cell.fill = _REQUIRED_FILL if spec.required else _HEADER_FILL
        letter = get_column_letter(column)
        data.column_dimensions[letter].width = max(len(_(spec.header)) + 4, 14)
        if spec.parser in _TEXT_PARSERS:
            data.column_dimensions[letter].number_format = TEXT_FORMAT
            for row in range(2, _FORMATTED_ROWS + 2):
                data.cell(row=row, column=column).number_format = TEXT_FORMAT
    data.freeze_panes = "A2"
    _add_instructions(workbook, kind)
    workbook.save(path)
    return path


def _add_instructions(workbook: Workbook, kind: str) -> None:
    sheet = workbook.create_sheet(_("Petunjuk"))
    lines: list[list[str]] = [
        [_("Petunjuk pengisian templat {kind}").format(kind=_(KINDS[kind]))],
        [_("Isi satu baris per data di lembar pertama mulai baris 2. Judul kolom jangan diubah; "
           "kolom yang tidak dipakai boleh dikosongkan atau dihapus. Kolom berwarna jingga wajib "
           "diisi.")],
        [],
        [_("Kolom"), _("Wajib"), _("Isi dan format"), _("Contoh")],
    ]  # fmt: skip
    for spec in KIND_FIELDS[kind]:
        example = "" if spec.example is None else str(spec.example)
        lines.append([_(spec.header), _("Ya") if spec.required else "", _(spec.help), example])
    for line in lines:
        sheet.append([sheet_value(sheet, text) for text in line])
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[4]:
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
    for row in range(5, sheet.max_row + 1):
        sheet.cell(row=row, column=4).number_format = TEXT_FORMAT
    for letter, width in zip("ABCD", (30, 8, 80, 28), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=5):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
