"""Fixtures shared by every GUI test (the shell, the lists, the forms and dialogs).

``runner`` runs operations inline (``synchronous = True``): the same code path as the worker
thread, so a test can click and assert on stored rows without waiting for signals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from desktop_app.core.database import Database
from desktop_app.ui.ops import OperationRunner
from tests.listing.builders import world  # noqa: F401 - the known district fixture


@pytest.fixture
def runner(qapp, database: Database) -> Iterator[OperationRunner]:
    """An OperationRunner on this test's database, synchronous (see the module docstring)."""
    op_runner = OperationRunner(database.sessions)
    op_runner.synchronous = True
    yield op_runner
    op_runner.wait_idle()


@pytest.fixture
def opened_dialogs(qapp) -> Callable[[], list]:
    """``opened_dialogs()``: the dialogs shown since this fixture was made (other tests' leftover
    dialogs do not count)."""
    from PySide6.QtWidgets import QApplication, QDialog

    def visible() -> list:
        return [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
        ]

    before = set(visible())
    return lambda: [d for d in visible() if d not in before]
