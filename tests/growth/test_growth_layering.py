"""The growth layer is pure Python + NumPy: no Qt, no database, and its tables load lazily."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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


def _heavy_modules_after(code: str) -> list[str]:
    """Which of numpy/pandas/scipy are imported after running ``code`` in a fresh process."""
    probe = (
        "import json, sys\n"
        "print(json.dumps([m for m in ('numpy', 'pandas', 'scipy') if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\n{probe}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE_DIR.parents[1],
    )
    return json.loads(result.stdout)


def test_age_module_does_not_import_numpy() -> None:
    # Start-up reads ChildRow.age_months (growth.age); the package __init__ must stay lazy.
    assert _heavy_modules_after("import desktop_app.growth.age, desktop_app.growth") == []


def test_every_public_name_is_importable_from_the_package() -> None:
    names = ", ".join(desktop_app.growth.__all__)
    code = f"from desktop_app.growth import {names}\nassert callable(assess_many)"
    assert _heavy_modules_after(code) == ["numpy"]


def test_lazy_names_are_the_submodules_own_objects() -> None:
    from desktop_app.growth import bulk, zscores

    assert desktop_app.growth.assess is zscores.assess
    assert desktop_app.growth.assess_many is bulk.assess_many
    assert "assess" in dir(desktop_app.growth)
    assert set(desktop_app.growth.__all__) == set(desktop_app.growth._SOURCES)
    with pytest.raises(AttributeError, match="no_such_name"):
        desktop_app.growth.no_such_name  # noqa: B018
