"""The db layer stamps rows by the app's one clock and never reads the computer's clock
itself (``db/time_source.py``)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest

from desktop_app import time_source
from desktop_app.core import clock


def test_row_stamps_follow_the_clock_in_force() -> None:
    with clock.using(clock.FixedClock(datetime(2026, 3, 4, 5, 6))):
        assert time_source.now() == datetime(2026, 3, 4, 5, 6)
        assert time_source.utcnow() == datetime(2026, 3, 4, 5, 6)


def test_without_an_installed_clock_a_stamp_is_an_error(monkeypatch) -> None:
    monkeypatch.setattr(time_source, "_source", None)
    with pytest.raises(RuntimeError, match="no clock installed"):
        time_source.utcnow()


def test_any_import_of_the_package_installs_the_clock() -> None:
    """A process that only uses the db layer (a writer child process, a script) still stamps
    rows by the app's clock: ``desktop_app/__init__.py`` installs it."""
    code = (
        "import desktop_app.db.base, sys\n"
        "from desktop_app import time_source\n"
        "assert time_source._source is sys.modules['desktop_app.core.clock'].current()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
