"""Start the GUI (called by ``asuh``): one sequence, in this order.

1. Take the single-instance lock beside a SQLite file (a second Asuh is refused politely).
2. Open and migrate the database. Any failure ends in an Indonesian message and exit code 1,
   never a traceback.
3. Sign in: the first start creates the Admin, later starts ask for a login. Cancelling closes
   Asuh (exit 0). There is deliberately no way around this step: without a screen, Asuh opens
   only for a real account's name and password given in ASUH_LOGIN_USER/ASUH_LOGIN_PASSWORD
   (automation; checked, locked out and audited like a typed login). An Admin whose district was
   never set up then sees the first-run wizard (cancelling it opens Asuh with the defaults; it
   comes back at the next start).
4. Show the main window on the section open last time; the idle lock covers it after
   ``AppSettings.idle_lock_minutes`` of inactivity.
5. In the background, without blocking the window: SQLite's quick integrity check (on failure
   the user is told how to recover and offered the newest backup) and the automatic daily or
   weekly backup.
6. On exit, another automatic backup if the data changed; after a restore, Asuh reopens itself.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop_app import APP_NAME
from desktop_app.core.i18n import DEFAULT_LANGUAGE, _, set_language
from desktop_app.core.paths import data_dir
from desktop_app.ui.exit_codes import RESTART_EXIT_CODE
from desktop_app.ui.file_unlock import (
    VaultUnlocker,
    drop_unclaimed_file,
    prepare_file,
    unlock_headless,
)
from desktop_app.ui.start_env import (
    EXIT_AFTER_SHOWN_ENV,
    LOGIN_PASSWORD_ENV,
    LOGIN_USER_ENV,
    READY_MARKER,
    headless,
    show_open_error,
)
from desktop_app.ui.startup_checks import exit_backup, start_background_checks

log = logging.getLogger(__name__)


def ui_settings() -> QSettings:
    """Window geometry etc., in ``ui.ini`` under the data dir (tests point it at a temp dir)."""
    return QSettings(str(data_dir() / "ui.ini"), QSettings.Format.IniFormat)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Asuh's names and theme (reuses one that exists, e.g. in tests)."""
    from desktop_app.ui.common.theme import apply_theme

    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication(argv if argv is not None else sys.argv[:1])
    )
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    apply_theme(app)
    # Qt's own buttons speak Indonesian until the database says otherwise (errors shown
    # before it opens included); apply_language() switches once the settings are read.
    from desktop_app.ui.qt_translations import install_qt_translator

    install_qt_translator(app, DEFAULT_LANGUAGE)
    return app


def apply_language(app: QApplication, database) -> None:
    """Use the language saved in the settings for every later text (widgets, messages, PDFs).
    Widgets translate when built, so this runs before any window of the session exists."""
    from desktop_app.settings.store import get_settings

    with database.sessions() as session:
        language = get_settings(session).language
    _use_language(app, language)


def _use_language(app: QApplication, language: str) -> None:
    from desktop_app.ui.qt_translations import install_qt_translator

    set_language(language)
    install_qt_translator(app, language)


def window_title(district_name: str) -> str:
    return f"Asuh \u2014 {district_name}" if district_name else "Asuh"


def run_gui(*, db_path: str | None = None, database_url: str | None = None) -> int:
    """Open the window on the chosen database; returns the process exit code."""
    app = make_application()
    if database_url:
        from desktop_app.core.database import is_sqlite, make_url_path

        url, file = database_url, make_url_path(database_url) if is_sqlite(database_url) else None
    else:  # the usual case, decided without loading SQLAlchemy
        from desktop_app.core.paths import database_file, sqlite_url

        file = database_file(db_path)
        url = sqlite_url(file)
    try:
        lock = _lock_database_file(file)
    except Exception as error:
        show_open_error(error)
        return 1
    try:
        started = prepare_file(file)
        if started is None:
            started = _sign_in_while_opening(app, url, file) if not headless() else None
        if started is None:
            started = _open_then_sign_in(app, url, file)
        if isinstance(started, int):
            return started
        database, window = started
        try:
            code = _run_main_window(app, window, database)
        finally:
            database.dispose()
    finally:
        if lock is not None:
            lock.release()
    if code == RESTART_EXIT_CODE:
        return run_gui(db_path=db_path, database_url=database_url)
    return code


def _run_main_window(app: QApplication, window, database) -> int:
    """Show the window, run the event loop, and leave the data safe (backups) afterwards."""
    show_main_window(app, window)
    restore_section(window)
    # After Beranda (always built first) is populated, so the checks never compete with first
    # paint (quick_check alone takes 0.2 s on 10,000 children, 2 s on 100,000).
    window.page("home").populated.connect(
        lambda: start_background_checks(window), Qt.ConnectionType.SingleShotConnection
    )
    _quit_when_populated_if_asked(app, window)
    code = app.exec()
    job = getattr(window, "background_job", None)
    if job is not None:  # let a start-up backup finish rather than leave a partial file
        job.join()
    if code != RESTART_EXIT_CODE:
        exit_backup(database)
    return code


def _sign_in_while_opening(app: QApplication, url: str, file: Path | None):
    """The usual start: the login dialog at once, the database opening behind it.

    Importing SQLAlchemy, declaring the models and checking the schema take ~0.3 s, longer than
    Qt needs for a window; the person needs seconds to type a password. So the dialog is built
    from a read-only peek at the file (``start_facts``) and the DB worker opens the database
    meanwhile; the login check queues behind it. Returns ``(database, window)``, an exit code,
    or None when the peek is unsure (no file yet, an upgrade due): then the ordinary path.
    """
    from desktop_app.settings.start_facts import read_start_facts

    if file is None:
        return None
    facts = read_start_facts(file)
    if facts is None or not facts.has_users:
        return None
    from desktop_app.backup.naming import resolve_backup_folder
    from desktop_app.ui.auth.startup import sign_in_at_start
    from desktop_app.ui.opening import DatabaseOpening, after_first_paint
    from desktop_app.ui.ops import OperationRunner

    _use_language(app, facts.settings.language)
    runner = OperationRunner(None)
    opening = DatabaseOpening(runner, url)
    user = sign_in_at_start(
        runner,
        has_users=facts.has_users,
        recovery_folder=resolve_backup_folder(facts.settings.backup_dir, file),
        district=facts.settings.district_name,
        abort=opening.failed,
        # An encrypted file opens once a login unwrapped its key (VaultUnlocker); meanwhile
        # the worker imports what the main window will need.
        shown=lambda dialog: after_first_paint(dialog, opening.warm_up),
        unlocker=VaultUnlocker(file, opening),
    )
    database = opening.wait()
    if database is None:
        assert opening.error is not None  # wait() gives None only after a failed opening
        show_open_error(opening.error)
        return 1
    if user is None:
        database.dispose()
        return 0
    _first_run_wizard_if_needed(database, runner, role=user.role)
    return database, open_main_window(database, runner, role=user.role)


def _open_then_sign_in(app: QApplication, url: str, file: Path | None = None):
    """Open (and migrate) first, then sign in: a new file, an upgrade, or no screen."""
    if file is not None and headless() and not unlock_headless(file):
        return 1
    try:
        database = _open_database(url)
        apply_language(app, database)
    except Exception as error:
        log.exception("cannot open the database")
        show_open_error(error)
        return 1
    window = _headless_sign_in_and_open(database) if headless() else _sign_in_and_open(database)
    if window is None:
        database.dispose()
        if file is not None:
            drop_unclaimed_file(file)
        return 1 if headless() else 0
    return database, window


def _lock_database_file(file: Path | None):
    if file is None:
        return None
    from desktop_app.backup.lock import InstanceLock

    lock = InstanceLock(file)
    lock.acquire()
    from desktop_app.backup.lifecycle import sweep_backup_leftovers

    sweep_backup_leftovers(file)  # no backup can be running now: the lock is ours
    return lock


def _open_database(url: str):
    from desktop_app.core.database import open_database

    return open_database(url)


def _sign_in_and_open(database) -> QMainWindow | None:
    """The login (or first Admin) dialog, then the window for that user; None if cancelled."""
    from desktop_app.backup.lifecycle import configured_backup_folder
    from desktop_app.settings.store import get_settings
    from desktop_app.ui.auth.startup import sign_in_at_start
    from desktop_app.ui.ops import OperationRunner
    from desktop_app.users.accounts import has_users

    with database.sessions() as session:
        users_exist = has_users(session)
        district = get_settings(session).district_name
    runner = OperationRunner(database.sessions)
    folder = configured_backup_folder(database.path) if database.path else None
    user = sign_in_at_start(
        runner, has_users=users_exist, recovery_folder=folder, district=district
    )
    if user is None:
        return None
    _first_run_wizard_if_needed(database, runner, role=user.role)
    return open_main_window(database, runner, role=user.role)


def _headless_sign_in_and_open(database) -> QMainWindow | None:
    """Without a screen nobody can type into the login dialog. Automation (a smoke test of a
    build, a kiosk script) may pass a real account's name and password in ``ASUH_LOGIN_USER``
    and ``ASUH_LOGIN_PASSWORD``: checked, counted towards the lockout and audited exactly like a
    typed login. Without them Asuh refuses: there is no way to open the data without a login."""
    from desktop_app.ui.auth.identity import sign_in
    from desktop_app.ui.ops import OperationRunner
    from desktop_app.users.accounts import LoginRefused, login_or_refusal

    username = os.environ.get(LOGIN_USER_ENV, "")
    password = os.environ.get(LOGIN_PASSWORD_ENV, "")
    if not username or not password:
        print(_("Asuh membutuhkan layar untuk masuk (login)."), file=sys.stderr)
        return None
    with database.sessions() as session:
        result = login_or_refusal(session, username=username, password=password)
        session.commit()  # a refusal's bookkeeping (lockout, audit) must stay
    if isinstance(result, LoginRefused):
        print(str(result), file=sys.stderr)
        return None
    runner = OperationRunner(database.sessions)
    sign_in(runner, result)
    return open_main_window(database, runner, role=result.role)


def _quit_when_populated_if_asked(app: QApplication, window) -> None:
    """``ASUH_EXIT_AFTER_SHOWN=1``: print READY once Beranda is populated, then quit."""
    if os.environ.get(EXIT_AFTER_SHOWN_ENV) != "1":
        return

    def ready() -> None:
        print(READY_MARKER, flush=True)
        app.quit()

    window.page("home").populated.connect(ready, Qt.ConnectionType.SingleShotConnection)


def _first_run_wizard_if_needed(database, runner, *, role: str | None) -> None:
    """The Admin sets the district up once; the result (saved or cancelled) needs no handling."""
    from desktop_app.core.permissions import ADMIN
    from desktop_app.settings.store import get_settings
    from desktop_app.ui.setup.wizard import FirstRunWizard

    with database.sessions() as session:
        completed = get_settings(session).setup_completed
    if completed or role != ADMIN:
        return
    FirstRunWizard(runner).exec()


def open_main_window(database, runner, *, role: str | None) -> QMainWindow:
    """The main window for an open database and a signed-in runner (no dialogs)."""
    from desktop_app.settings.store import get_settings
    from desktop_app.ui.auth.idle_lock import IdleLock
    from desktop_app.ui.main_window import MainWindow

    with database.sessions() as session:
        settings = get_settings(session)
    window = MainWindow(database, runner, role=role)
    window.setWindowTitle(window_title(settings.district_name))
    if role is not None:
        window.idle_lock = IdleLock(window, runner, timeout_minutes=settings.idle_lock_minutes)
    return window


def show_main_window(app: QApplication, window: QMainWindow) -> None:
    """Restore the saved geometry, remember it on quit, and show."""
    settings = ui_settings()
    geometry = settings.value("main_window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    app.aboutToQuit.connect(lambda: _save_state(window, settings))
    window.show()


def restore_section(window) -> None:
    """Open the section that was current when Asuh last closed (Beranda if unknown)."""
    key = ui_settings().value("main_window/section", "home")
    if key != "home" and key in {section.key for section in window.sections}:
        window.show_section(key)


def _save_state(window, settings: QSettings) -> None:
    settings.setValue("main_window/geometry", window.saveGeometry())
    settings.setValue("main_window/section", window.current_key())
    settings.sync()
    window.runner.wait_idle(5_000)
