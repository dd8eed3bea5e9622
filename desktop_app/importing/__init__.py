"""Importing children, guardians (ASN) and visits from the districts' .xlsx and .csv files.

No Qt here: the wizard (``desktop_app.ui.importing``) and the ``asuh import`` command both call
:func:`import_file` (a dry run is the preview) and :func:`write_template`. See ``run.py`` for the
transaction contract: one savepoint, all-or-nothing unless ``valid_only``, never a commit.
"""

from __future__ import annotations

from desktop_app.importing.fields import KINDS
from desktop_app.importing.headers import HeaderLayout, MissingColumnsError
from desktop_app.importing.plan import (
    STATUS_LABELS,
    ImportPreview,
    ImportResult,
    RowResult,
    inspect_file,
    write_error_report,
)
from desktop_app.importing.readers import ImportFileError
from desktop_app.importing.run import import_file
from desktop_app.importing.templates import write_template

__all__ = [
    "KINDS",
    "STATUS_LABELS",
    "HeaderLayout",
    "ImportFileError",
    "ImportPreview",
    "ImportResult",
    "MissingColumnsError",
    "RowResult",
    "import_file",
    "inspect_file",
    "write_error_report",
    "write_template",
]
