"""One data row of the file on its way in: its cells read into Python values, its status and
the reasons (in Indonesian, naming the column as the file titles it) it was refused.

:class:`RowImporter` is what each kind (children, guardians, visits) provides to the import
engine in ``run.py``: batched checks over all rows (``prepare``), then writing one row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from sqlalchemy.orm import Session

from desktop_app.core.errors import DomainError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.importing.areas import NewPlace
from desktop_app.importing.cells import (
    CellProblem,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_flag,
    parse_id_number,
    parse_sex,
    parse_text,
)
from desktop_app.importing.fields import KIND_FIELDS, FieldSpec
from desktop_app.importing.formulas import FormulaWithoutValue
from desktop_app.importing.headers import HeaderLayout

__all__ = ["OK", "DUPLICATE", "REJECTED", "RowImporter", "SourceRow", "Choices", "parse_rows"]

OK, REJECTED, DUPLICATE = "ok", "rejected", "duplicate"
#: field -> (spelling -> code, the accepted values as the message lists them)
Choices = dict[str, tuple[dict[str, str], str]]
_ID_LABELS = {"nik": ("NIK", 16), "no_kk": ("No. KK", 16), "nip": ("NIP", 18),
              "guardian_nip": ("NIP", 18)}  # fmt: skip
#: Form attributes the services name in errors -> the import column holding that information.
_FORM_TO_COLUMN = {"opd_id": "opd", "desa_id": "desa", "posyandu_id": "posyandu",
                   "child_id": "nik", "guardian_id": "guardian_nip"}  # fmt: skip


@dataclass
class SourceRow:
    """A data row: ``number`` as Excel shows it; ``values`` by field name (absent column: the
    field is missing, not empty); ``payload`` is the kind's prepared form."""

    number: int
    values: dict[str, Any]
    layout: HeaderLayout
    status: str = OK
    reasons: list[str] = field(default_factory=list)
    summary: str = ""
    payload: Any = None
    failed: set[str] = field(default_factory=set)  # fields whose cell could not be read

    @property
    def ok(self) -> bool:
        return self.status == OK

    def reject(self, reason: str, *, column: str | None = None, status: str = REJECTED) -> None:
        """Refuse the row; ``column`` (a field name) prefixes the reason with its file title."""
        if column is not None:
            self.failed.add(column)
        if column is not None and column in self.layout.columns:
            reason = _("Kolom {column}: {reason}").format(
                column=self.layout.column_title(column), reason=reason
            )
        if status == DUPLICATE and self.status == REJECTED:
            status = REJECTED
        self.status = status
        if reason not in self.reasons:
            self.reasons.append(reason)

    def reject_error(self, error: DomainError) -> None:
        """Refuse the row for a service's error, each field's message under its column."""
        if isinstance(error, ValidationError) and error.errors:
            for problem in error.errors:
                column = _FORM_TO_COLUMN.get(problem.field, problem.field)
                if column not in self.failed:  # its cell's own problem says more
                    self.reject(problem.message, column=column)
        else:  # one line per row in the CLI and the preview: fold the service's bullets
            self.reject(str(error).replace(":\n• ", ": ").replace("\n• ", "; ").replace("\n", " "))

    def text(self, name: str) -> str:
        return self.values.get(name) or ""


def _parser(spec: FieldSpec, choices: Choices, today: date) -> Callable[[Any], Any]:
    if spec.parser == "text":
        return parse_text
    if spec.parser in ("id16", "nip"):
        label, length = _ID_LABELS.get(spec.name, (spec.header, 16))
        return lambda value: parse_id_number(value, label=label, length=length)
    if spec.parser == "date":
        return lambda value: parse_date(value, today=today)
    if spec.parser == "choice":
        table, allowed = choices[spec.name]
        return lambda value: parse_choice(value, table, allowed)
    return {"decimal": parse_decimal, "sex": parse_sex, "flag": parse_flag}[spec.parser]


def parse_rows(layout: HeaderLayout, raw_rows: list[tuple[Any, ...]], *, choices: Choices,
               today: date) -> list[SourceRow]:  # fmt: skip
    """Every row below the header with something in a recognised column, its cells read
    (problems recorded per column). Rows with only a running number ("NO" column, pre-numbered
    blank lines) or notes beside the table are not data and are skipped."""
    specs = [s for s in KIND_FIELDS[layout.kind] if s.name in layout.columns]
    parsers = [(s.name, layout.columns[s.name], _parser(s, choices, today)) for s in specs]
    used = [index for _name, index, _parse in parsers]
    rows: list[SourceRow] = []
    for offset, raw in enumerate(raw_rows[layout.header_row :]):
        if not any(i < len(raw) and not _blank(raw[i]) for i in used):
            continue
        row = SourceRow(layout.header_row + offset + 1, {}, layout)
        for name, index, parse in parsers:
            value = raw[index] if index < len(raw) else None
            if isinstance(value, FormulaWithoutValue):  # not empty: say what is there
                row.values[name] = None
                row.reject(value.problem(), column=name)
                continue
            try:
                row.values[name] = parse(value)
            except CellProblem as problem:
                row.values[name] = None
                row.reject(str(problem), column=name)
        rows.append(row)
    return rows


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class RowImporter:
    """What one kind of import does. Subclasses set ``kind``/``choices``/``prechecked`` and
    implement the three steps; all run on the DB worker thread inside the import transaction.

    ``prechecked``: ``write`` cannot refuse a row that ``prepare`` accepted (all checks are done
    in batch), so the all-or-nothing path may skip the per-row savepoint.
    """

    kind: ClassVar[str]
    choices: ClassVar[Choices] = {}
    prechecked: ClassVar[bool] = False

    def __init__(self, session: Session, today: date) -> None:
        self.session = session
        self.today = today

    def prepare(self, rows: list[SourceRow]) -> None:
        """Check every row in batch (few queries): forms, duplicates, places; set ``summary``."""
        raise NotImplementedError

    def ensure_places(self, row: SourceRow) -> None:
        """Create the new wilayah/OPD this row needs (outside the row's savepoint)."""

    def write(self, row: SourceRow) -> None:
        """Write one accepted row; a ``DomainError`` refuses it."""
        raise NotImplementedError

    def places(self) -> list[NewPlace]:
        """The wilayah/OPD the file names that were not registered (created ones have an id)."""
        return []
