"""Helpers for the backup tests: a database with a few real rows to recognise in copies, and
for the pages: a synchronous operation runner and answered message boxes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.core.database import Database
from desktop_app.db.models import Child
from tests import keyed


def add_children(database: Database, *names: str) -> None:
    with database.sessions() as session:
        for name in names:
            session.add(
                Child(
                    name=name,
                    sex="P",
                    birth_date=date(2024, 2, 1),
                    enrolment_status="berisiko",
                    enrolled_on=date(2025, 1, 1),
                )
            )
        session.commit()


def child_names(path: Path) -> list[str]:
    """Names in the file at ``path``, read read-only (so reading changes nothing)."""
    conn = keyed.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM children ORDER BY name")]
    finally:
        conn.close()


@pytest.fixture
def with_children(database: Database) -> Database:
    add_children(database, "Siti Aminah", "Budi Santoso")
    return database


@pytest.fixture
def runner(qapp, database: Database):
    from desktop_app.ui.ops import OperationRunner

    op_runner = OperationRunner(database.sessions)
    op_runner.synchronous = True
    yield op_runner
    op_runner.wait_idle()


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Message boxes shown (title, text); answered with ``answer`` (accept by default)."""
    from desktop_app.ui.widgets import messages

    state: dict = {"shown": [], "accept": True}

    def answer(box):
        state["shown"].append((box.windowTitle(), box.text()))
        return box.ButtonRole.AcceptRole if state["accept"] else box.ButtonRole.RejectRole

    monkeypatch.setattr(messages, "run_box", answer)
    return state


@pytest.fixture
def page(qtbot, runner, with_children):
    """The backup settings page on a database with children, at a laptop dialog's size (the
    encryption section included, nothing cut off)."""
    from desktop_app.ui.backup.settings_page import BackupSettingsPage

    widget = BackupSettingsPage(runner, with_children)
    qtbot.addWidget(widget)
    widget.resize(760, 660)
    widget.show()
    return widget
