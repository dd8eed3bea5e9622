"""Start-up probe for bench_startup.py: the GUI's start path, timed to a populated window.

It runs what ``asuh`` runs (lock, open and migrate, main window, saved geometry, Beranda
populated) except the login dialog, which waits for a person. Reading the database this way
needs nothing a login protects: whoever can run this script can read the file itself.
Prints ``ASUH_READY`` once Beranda is populated, then quits.

Usage: python bench/startup_probe.py DATABASE.sqlite3
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer

from desktop_app.db.database import resolve_url
from desktop_app.ui.app import (
    _lock_database_file,
    _open_database,
    make_application,
    open_main_window,
    show_main_window,
)
from desktop_app.ui.ops import OperationRunner

READY_MARKER = "ASUH_READY"


def main(db_path: str) -> int:
    app = make_application()
    url = resolve_url(db_path=db_path)
    lock = _lock_database_file(_path(db_path))
    database = _open_database(url)
    window = open_main_window(database, OperationRunner(database.sessions), role=None)

    def ready() -> None:
        print(READY_MARKER, flush=True)
        QTimer.singleShot(0, app.quit)

    window.current_page().populated.connect(ready)
    show_main_window(app, window)
    code = app.exec()
    database.dispose()
    lock.release()
    return code


def _path(db_path: str):  # noqa: ANN202
    from pathlib import Path

    return Path(db_path).resolve()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
