"""The import wizard's write: one spreadsheet imported in one transaction, with progress."""

from __future__ import annotations

from pathlib import Path

from desktop_app.importing import run
from desktop_app.ui.operations.build import long_operation
from desktop_app.ui.progress import LongOperation


def import_file(
    *, kind: str, path: Path, mapping: dict[str, str] | None, valid_only: bool
) -> LongOperation:
    return long_operation(
        run.import_file, kind=kind, path=path, mapping=mapping, valid_only=valid_only
    )
