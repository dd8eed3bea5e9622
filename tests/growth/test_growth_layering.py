"""The growth layer is pure Python + NumPy: no Qt, no database, and its tables load lazily."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import desktop_app.growth

PACKAGE_DIR = Path(desktop_app.growth.__file__).parent


def test_importing_growth_pulls_in_neither_qt_nor_the_database() -> None:
    code = (
        "import sys, desktop_app.growth, desktop_app.growth.batch\n"
        "from desktop_app.growth.tables import who_tables\n"
        "assert who_tables.cache_info().currsize == 0, 'tables read at import'\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'sqlalchemy', 'alembic') or m.startswith('desktop_app.db'))\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE_DIR.parents[1],
    )
    assert result.stdout.strip() == "[]"


def test_modules_stay_small() -> None:
    sizes = {p.name: len(p.read_text().splitlines()) for p in PACKAGE_DIR.glob("*.py")}
    assert max(sizes.values()) < 300, sizes
