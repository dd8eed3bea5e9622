"""Finding the header row of a district's sheet and which column holds which field.

Sheets often start with merged title rows ("DATA BALITA STUNTING KEC. ...", the month) above
the real header, so the first 30 rows are scored by how many known headers they contain and the
best one wins. Each column is matched to the first field whose spelling it has (see
``fields.py``); the UI's mapping step may override any field with an explicit header. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.importing.cells import parse_text
from desktop_app.importing.fields import KIND_FIELDS, FieldSpec, header_key
from desktop_app.importing.readers import RawTable

__all__ = ["HeaderLayout", "MissingColumnsError", "recognise_headers"]

_SCAN_ROWS = 30
_PARENTHESIS = re.compile(r"\([^)]*\)")
_UNIT_WORDS = {"kg", "cm", "gr", "gram"}


class MissingColumnsError(DomainError):
    """A required column was not found; the GUI asks the user to map it."""

    def __init__(self, layout: HeaderLayout) -> None:
        self.layout = layout
        labels = ", ".join(_(spec.header) for spec in layout.missing)
        message = _(
            "Kolom wajib tidak ditemukan di berkas: {labels}. Periksa judul kolom "
            "(contoh ada di templat) atau pilih kolomnya di langkah pemetaan."
        )
        super().__init__(message.format(labels=labels))


@dataclass(frozen=True)
class HeaderLayout:
    """Where the data is: ``header_row`` as Excel numbers it, the file's header texts by column
    index, the column index of each recognised field and the required fields still missing."""

    kind: str
    header_row: int
    headers: tuple[str, ...]
    columns: dict[str, int]
    missing: tuple[FieldSpec, ...]

    def column_title(self, field: str) -> str:
        """The header the user typed for ``field`` (for messages naming the column)."""
        index = self.columns.get(field)
        if index is None or index >= len(self.headers):
            return field
        return self.headers[index] or field


def _lookup(kind: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for spec in KIND_FIELDS[kind]:
        for spelling in (_(spec.header), spec.header, spec.name, *spec.variants):
            table.setdefault(header_key(spelling), spec.name)
    return table


def _field_for(text: str, lookup: dict[str, str]) -> str | None:
    key = header_key(text)
    if key in lookup:
        return lookup[key]
    words = key.split()
    while words and words[-1] in _UNIT_WORDS:
        words.pop()
    if " ".join(words) in lookup:
        return lookup[" ".join(words)]
    return lookup.get(header_key(_PARENTHESIS.sub(" ", text)))


def _match_columns(headers: tuple[str, ...], lookup: dict[str, str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, text in enumerate(headers):
        field = _field_for(text, lookup) if text else None
        if field is not None and field not in columns:
            columns[field] = index
    return columns


def _apply_mapping(
    kind: str, headers: tuple[str, ...], columns: dict[str, int], mapping: Mapping[str, str]
) -> dict[str, int]:
    known = {spec.name for spec in KIND_FIELDS[kind]}
    keys = [header_key(h) for h in headers]
    result = dict(columns)
    for field, header in mapping.items():
        if field not in known:
            continue
        result.pop(field, None)
        if not header:
            continue  # mapped to "(tidak ada)": the field is not imported
        wanted = header_key(header)
        index = next((i for i, key in enumerate(keys) if key == wanted and key), None)
        if index is not None:
            for other, column in list(result.items()):
                if column == index:
                    del result[other]  # one column feeds one field
            result[field] = index
    return result


def recognise_headers(
    table: RawTable, kind: str, mapping: Mapping[str, str] | None = None
) -> HeaderLayout:
    """The header row and column of each field. Never raises for a missing column: the layout
    lists ``missing`` required fields (the caller decides whether to ask or refuse)."""
    lookup = _lookup(kind)
    best_row = 0
    best_columns: dict[str, int] = {}
    best_headers: tuple[str, ...] = ()
    for index, row in enumerate(table.rows[:_SCAN_ROWS]):
        headers = tuple(parse_text(value) for value in row)
        columns = _match_columns(headers, lookup)
        if len(columns) > len(best_columns):
            best_row, best_columns, best_headers = index, columns, headers
    if not best_columns:  # nothing known: take the first non-empty row for the mapping step
        best_row = next((i for i, row in enumerate(table.rows) if any(row)), 0)
        rows = table.rows
        best_headers = tuple(parse_text(v) for v in rows[best_row]) if rows else ()
    columns = _apply_mapping(kind, best_headers, best_columns, mapping or {})
    missing = tuple(s for s in KIND_FIELDS[kind] if s.required and s.name not in columns)
    return HeaderLayout(kind, best_row + 1, best_headers, columns, missing)
