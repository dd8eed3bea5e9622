"""GUI fixtures for the setup screens: a synchronous runner acting as the Admin."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_app.core.database import Database
from desktop_app.ui.ops import OperationRunner


@pytest.fixture
def runner(qapp, database: Database) -> Iterator[OperationRunner]:
    op_runner = OperationRunner(database.sessions)
    op_runner.synchronous = True
    op_runner.role = "admin"
    op_runner.actor = "admin"
    yield op_runner
    op_runner.wait_idle()


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes answered at once; the texts the user would have read."""
    from desktop_app.ui.widgets import messages

    texts: list[str] = []

    def answer(box):
        texts.append(box.text())
        return None

    monkeypatch.setattr(messages, "run_box", answer)
    return texts
