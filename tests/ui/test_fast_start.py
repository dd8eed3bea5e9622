"""The usual start: the login dialog appears before SQLAlchemy loads, the database opens on the
DB worker behind it, and the login check queues after the opening."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.paths import sqlite_url
from desktop_app.ui.ops import OperationRunner


def test_operations_queued_after_start_with_wait_for_it(qtbot, database) -> None:
    runner = OperationRunner(None)
    opened = threading.Event()

    def slow_open():
        time.sleep(0.2)
        opened.set()
        return database.sessions

    runner.start_with(slow_open)
    seen: list[bool] = []
    with qtbot.waitSignal(runner.busy, timeout=5000, check_params_cb=lambda busy: not busy):
        runner.read(lambda session: opened.is_set(), on_success=seen.append)
    assert seen == [True]
    assert runner.sessions is database.sessions


def test_an_operation_submitted_before_start_with_is_held_until_then(qtbot, database) -> None:
    """Enter pressed the instant the dialog appears, before the opening was even queued."""
    runner = OperationRunner(None)
    seen: list[int] = []
    runner.read(lambda session: 7, on_success=seen.append)
    runner.wait_idle()
    qtbot.wait(50)
    assert seen == []  # nothing to run it on yet, and no error either
    with qtbot.waitSignal(runner.busy, timeout=5000, check_params_cb=lambda busy: not busy):
        runner.start_with(lambda: database.sessions)
    assert seen == [7]


def test_a_failed_opening_fails_every_later_operation_with_its_error(qtbot) -> None:
    runner = OperationRunner(None)

    def broken_open():
        raise OSError("disk tidak terbaca")

    runner.start_with(broken_open)
    errors: list[Exception] = []
    with qtbot.waitSignal(runner.busy, timeout=5000, check_params_cb=lambda busy: not busy):
        runner.read(lambda session: 1, on_success=pytest.fail, on_error=errors.append)
    assert [str(error) for error in errors] == ["disk tidak terbaca"]


def test_database_opening_on_the_worker_returns_a_working_database(qtbot, database) -> None:
    from desktop_app.ui.opening import DatabaseOpening
    from desktop_app.users.accounts import has_users

    database.dispose()
    runner = OperationRunner(None)
    opening = DatabaseOpening(runner, database.url)
    opened = opening.wait()
    try:
        assert opened is not None and opening.error is None
        with opened.sessions() as session:
            assert has_users(session) is False
        runner.wait_idle()
        assert runner.sessions is opened.sessions
    finally:
        opened.dispose()


def test_database_opening_reports_a_broken_file(qtbot, tmp_path) -> None:
    from desktop_app.ui.opening import DatabaseOpening

    broken = tmp_path / "rusak.sqlite3"
    broken.write_bytes(b"bukan basis data sqlite " * 100)
    opening = DatabaseOpening(OperationRunner(None), sqlite_url(broken))
    with qtbot.waitSignal(opening.failed, timeout=10_000):
        opening.start()
    assert opening.wait() is None
    assert opening.error is not None


def test_a_failed_opening_closes_the_login_dialog_and_asuh_exits_1(
    qapp, qtbot, database, monkeypatch
) -> None:
    """The file looked right to the peek but cannot be opened (e.g. the disk fails): the login
    dialog closes by itself, the person is told, nothing is shown half-working. (The encrypted
    file opens once the typed password unwrapped its key.)"""
    from PySide6.QtCore import QTimer

    import desktop_app.core.database as db_module
    import desktop_app.ui.opening as opening_module
    from desktop_app.ui import app as asuh_app
    from desktop_app.users.accounts import create_first_admin

    with database.sessions() as session:
        create_first_admin(session, username="admin", full_name="Rina", password="rahasia-7-kab")
        session.commit()
    database.dispose()

    def failing_open(url: str):
        raise OSError("disk tidak terbaca")

    shown_errors: list[str] = []
    dialogs = []
    real_after_first_paint = opening_module.after_first_paint

    def type_login(dialog) -> None:
        qtbot.keyClicks(dialog.username, "admin")
        qtbot.keyClicks(dialog.password, "rahasia-7-kab")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    def remember(dialog, callback) -> None:
        dialogs.append(dialog)
        real_after_first_paint(dialog, callback)
        QTimer.singleShot(50, lambda: type_login(dialog))

    monkeypatch.setattr(opening_module, "after_first_paint", remember)
    monkeypatch.setattr(db_module, "open_database", failing_open)
    monkeypatch.setattr(asuh_app, "headless", lambda: False)
    monkeypatch.setattr(asuh_app, "show_open_error", lambda error: shown_errors.append(str(error)))
    assert asuh_app.run_gui(db_path=str(database.path)) == 1
    assert shown_errors == ["disk tidak terbaca"]
    assert [type(d).__name__ for d in dialogs] == ["LoginDialog"]  # shown, then closed by itself
    assert not dialogs[0].isVisible()


def test_widgets_lists_every_lazy_name_and_each_resolves() -> None:
    import desktop_app.ui.widgets as widgets

    assert sorted(widgets.__all__) == sorted(widgets._MODULE_OF)
    for name in widgets.__all__:
        assert getattr(widgets, name).__name__ == name


def test_the_login_path_loads_neither_sqlalchemy_nor_babel() -> None:
    """What start-up imports before the login dialog is painted (its speed rests on this)."""
    code = (
        "import sys\n"
        "import desktop_app.ui.app, desktop_app.ui.auth.startup, desktop_app.ui.opening\n"
        "import desktop_app.settings.start_facts, desktop_app.backup.lock\n"
        "import desktop_app.backup.naming, desktop_app.core.paths, desktop_app.db.location\n"
        "print(sorted(m for m in ('sqlalchemy', 'babel', 'alembic', 'reportlab', 'openpyxl')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
