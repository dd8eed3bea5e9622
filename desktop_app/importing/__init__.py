"""Importing children, guardians (ASN) and visits from the districts' .xlsx and .csv files.

No Qt here: the wizard (``desktop_app.ui.importing``) and the ``asuh import`` command both call
:func:`import_file` (a dry run is the preview) and :func:`write_template`. See ``run.py`` for the
transaction contract: one savepoint, all-or-nothing unless ``valid_only``, never a commit.
"""

from __future__ import annotations

from desktop_app.core.lazy_exports import lazy_exports

# Names load on first use (PEP 562): the CLI registers "asuh import" on every start of the app,
# and that must not pull in openpyxl and the services.
_EXPORTS = {
    "KINDS": "fields",
    "HeaderLayout": "headers",
    "MissingColumnsError": "headers",
    "STATUS_LABELS": "plan",
    "ImportPreview": "plan",
    "ImportResult": "plan",
    "RowResult": "plan",
    "inspect_file": "plan",
    "write_error_report": "plan",
    "ImportFileError": "readers",
    "import_file": "run",
    "write_template": "templates",
}


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())


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
