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
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from desktop_app import APP_NAME
from desktop_app.core.i18n import DEFAULT_LANGUAGE, _, set_language
from desktop_app.core.paths import data_dir
from desktop_app.ui.exit_codes import RESTART_EXIT_CODE

log = logging.getLogger(__name__)

#: Headless automation only (see _headless_sign_in_and_open).
LOGIN_USER_ENV = "ASUH_LOGIN_USER"
LOGIN_PASSWORD_ENV = "ASUH_LOGIN_PASSWORD"
EXIT_AFTER_SHOWN_ENV = "ASUH_EXIT_AFTER_SHOWN"
READY_MARKER = "ASUH_READY"


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


def headless() -> bool:
    """Nobody can answer a dialog (tests, benchmarks, a server session)."""
    return os.environ.get("QT_QPA_PLATFORM") == "offscreen"


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
        _show_open_error(error)
        return 1
    try:
        started = _prepare_file(file)
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
        lambda: _start_background_checks(window), Qt.ConnectionType.SingleShotConnection
    )
    _quit_when_populated_if_asked(app, window)
    code = app.exec()
    job = getattr(window, "background_job", None)
    if job is not None:  # let a start-up backup finish rather than leave a partial file
        job.join()
    if code != RESTART_EXIT_CODE:
        _exit_backup(database)
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
        # An encrypted file opens once a login unwrapped its key (_VaultUnlocker); meanwhile
        # the worker imports what the main window will need.
        shown=lambda dialog: after_first_paint(dialog, opening.warm_up),
        unlocker=_VaultUnlocker(file, opening),
    )
    database = opening.wait()
    if database is None:
        assert opening.error is not None  # wait() gives None only after a failed opening
        _show_open_error(opening.error)
        return 1
    if user is None:
        database.dispose()
        return 0
    _first_run_wizard_if_needed(database, runner, role=user.role)
    return database, open_main_window(database, runner, role=user.role)


class _VaultUnlocker:
    """The login dialog's way into the encrypted file: unwrap the data key, then open."""

    def __init__(self, file: Path, opening) -> None:
        self.file, self.opening = file, opening

    def with_password(self, username: str, password: str) -> str | None:
        from desktop_app.core.vault import VaultRefused, unlock

        try:
            unlock(self.file, username, password)
        except VaultRefused as refused:
            return str(refused)
        self.opening.start()
        return None

    def with_recovery_key(self, recovery_key: str) -> str | None:
        from desktop_app.core.vault import VaultRefused, unlock_with_recovery

        try:
            unlock_with_recovery(self.file, recovery_key)
        except VaultRefused as refused:
            return str(refused)
        self.opening.start()
        return None


def _prepare_file(file: Path | None) -> int | None:
    """Before anything opens it: a plaintext file from before encryption is encrypted (a
    backup of it, encrypted, goes to the backup folder first); a new file gets a data key;
    an encrypted file whose key header is gone cannot be opened. None to go on, else the
    exit code."""
    if file is None:
        return None
    from desktop_app.core import vault

    if not file.exists() or file.stat().st_size == 0:
        vault.new_vault(file)
        return None
    if vault.is_plaintext_file(file):
        from desktop_app.backup.lifecycle import configured_backup_folder
        from desktop_app.backup.naming import backup_name
        from desktop_app.core import clock

        try:
            folder = configured_backup_folder(file)
            target = (
                folder / backup_name(clock.now(), "manual", encrypted=False) if folder else None
            )
            _with_busy_note(
                _("Mengenkripsi basis data (sekali saja)..."),
                lambda: vault.encrypt_plaintext_file(file, backup_to=target),
            )
        except Exception as error:
            log.exception("cannot encrypt the database")
            _show_open_error(error)
            return 1
        return None
    if vault.read_header(file) is None and not vault.key_known(file):
        _show_open_error(
            RuntimeError(
                _("Berkas kunci {name} tidak ditemukan di samping basis data; tanpa berkas itu "
                  "basis data terenkripsi tidak dapat dibuka. Pulihkan berkas itu dari folder "
                  "cadangan.").format(name=vault.header_path(file).name)
            )
        )  # fmt: skip
        return 1
    return None


def _with_busy_note(text: str, work):
    """Run ``work`` with a note on screen (a one-time job of seconds before any window)."""
    if headless():
        return work()
    box = QMessageBox(QMessageBox.Icon.Information, "Asuh", text)
    box.setStandardButtons(QMessageBox.StandardButton.NoButton)
    box.show()
    QApplication.processEvents()
    try:
        return work()
    finally:
        box.close()


def _open_then_sign_in(app: QApplication, url: str, file: Path | None = None):
    """Open (and migrate) first, then sign in: a new file, an upgrade, or no screen."""
    if file is not None and headless() and not _unlock_headless(file):
        return 1
    try:
        database = _open_database(url)
        apply_language(app, database)
    except Exception as error:
        log.exception("cannot open the database")
        _show_open_error(error)
        return 1
    window = _headless_sign_in_and_open(database) if headless() else _sign_in_and_open(database)
    if window is None:
        database.dispose()
        if file is not None:
            _drop_unclaimed_file(file)
        return 1 if headless() else 0
    return database, window


def _unlock_headless(file: Path) -> bool:
    """Without a screen: unwrap the key with ASUH_LOGIN_USER/ASUH_LOGIN_PASSWORD (a new file
    already has its key). False, with the reason on stderr, when that does not open it."""
    from desktop_app.core import vault

    if vault.key_known(file):
        return True
    try:
        vault.unlock(
            file, os.environ.get(LOGIN_USER_ENV, ""), os.environ.get(LOGIN_PASSWORD_ENV, "")
        )
    except vault.VaultRefused as refused:
        print(str(refused), file=sys.stderr)
        return False
    return True


def _drop_unclaimed_file(file: Path) -> None:
    """A new file whose first Admin was never created has no key slot: nobody could ever open
    it again, and it holds nothing. Remove it so the next start begins afresh."""
    from desktop_app.core import vault

    if vault.read_header(file) is not None:
        return
    for path in (file, *(Path(f"{file}{side}") for side in ("-wal", "-shm", "-journal"))):
        path.unlink(missing_ok=True)


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


def _start_background_checks(window) -> None:
    """Integrity check, then the automatic start-up backup, off the GUI thread."""
    from desktop_app.backup.integrity import check_integrity
    from desktop_app.backup.lifecycle import backup_at, configured_backup_folder
    from desktop_app.ui.background import run_in_background

    database = window.database
    if database.path is None:
        return
    folder = configured_backup_folder(database.path)

    def job():
        report = check_integrity(database, backup_folder=folder, quick=True)
        if not report.ok:
            return report, None
        return report, backup_at(database, event="startup")

    def done(result) -> None:
        report, backup = result
        if not report.ok:
            _offer_restore(window, report)
        elif backup is not None:
            window.statusBar().showMessage(
                _("Cadangan otomatis tersimpan: {name}").format(name=backup.path.name), 10_000
            )

    def failed(error: Exception) -> None:  # e.g. the USB drive is not plugged in: warn, go on
        window.statusBar().showMessage(str(error), 15_000)

    window.background_job = run_in_background(job, on_done=done, on_error=failed, parent=window)


def _offer_restore(window, report) -> None:
    """The file is damaged: say so, and offer the newest backup (Asuh then reopens).

    An encrypted backup is tried with the password configured in the damaged file's settings
    (read as far as SQLite can); when that is missing or wrong the user is asked for it until
    it opens or they cancel. Nothing changes before the backup opened and checked out."""
    from desktop_app.backup.encryption import configured_backup_password
    from desktop_app.backup.restore import BackupPasswordError, RestoreError, restore_backup
    from desktop_app.core.permissions import SERVICE_ROLES
    from desktop_app.ui.backup.password_dialog import ask_backup_password
    from desktop_app.ui.widgets.messages import ask, show_error

    title = _("Basis data rusak")
    if report.newest_backup is None or headless():
        show_error(window, report.message, title=title)
        return
    role = getattr(window.runner, "role", None)
    if role is not None and role not in SERVICE_ROLES["backup.restore.restore_from_backup"]:
        show_error(window, report.message + "\n\n" + _("Minta Admin memulihkan cadangan."),
                   title=title)  # fmt: skip
        return
    if not ask(window, title, report.message + "\n\n" + _("Pulihkan cadangan terbaru sekarang?"),
               yes=_("Pulihkan")):  # fmt: skip
        return
    window.runner.wait_idle()
    window.database.dispose()
    target = window.database.path
    password: str | None = configured_backup_password(target)
    while password is not None:
        try:
            restore_backup(report.newest_backup, target_db_path=target, password=password)
        except BackupPasswordError as locked:
            problem = str(locked) if locked.wrong else ""
            password = ask_backup_password(window, name=report.newest_backup.name, problem=problem)
        except RestoreError as refused:
            show_error(window, str(refused), title=_("Pemulihan gagal"))
            return
        else:
            QApplication.exit(RESTART_EXIT_CODE)
            return


def _exit_backup(database) -> None:
    from desktop_app.backup.backup import BackupError
    from desktop_app.backup.lifecycle import backup_at

    try:
        backup_at(database, event="exit")
    except BackupError:
        log.warning("exit backup failed", exc_info=True)


def _show_open_error(error: Exception) -> None:
    detail = str(error)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _("Asuh tidak dapat dibuka"),
        _("Basis data tidak dapat dibuka. Asuh akan ditutup; tidak ada data yang diubah."),
    )
    box.setInformativeText(detail)
    box.addButton(_("Tutup"), QMessageBox.ButtonRole.AcceptRole)
    if headless():
        print(f"{box.text()}\n{detail}", file=sys.stderr)  # nobody could click it
        return
    box.exec()


def _save_state(window, settings: QSettings) -> None:
    settings.setValue("main_window/geometry", window.saveGeometry())
    settings.setValue("main_window/section", window.current_key())
    settings.sync()
    window.runner.wait_idle(5_000)
