"""The safety checks around a GUI session: the quick integrity check and start-up backup once
Beranda is shown (off the GUI thread), the offer of the newest backup when the file is damaged,
and the backup on exit. Called by :func:`desktop_app.ui.app.run_gui`."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication

from desktop_app.core.i18n import _
from desktop_app.ui.exit_codes import RESTART_EXIT_CODE
from desktop_app.ui.start_env import headless

log = logging.getLogger(__name__)


def start_background_checks(window) -> None:
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
            offer_restore(window, report)
        elif backup is not None:
            window.statusBar().showMessage(
                _("Cadangan otomatis tersimpan: {name}").format(name=backup.path.name), 10_000
            )

    def failed(error: Exception) -> None:  # e.g. the USB drive is not plugged in: warn, go on
        window.statusBar().showMessage(str(error), 15_000)

    window.background_job = run_in_background(job, on_done=done, on_error=failed, parent=window)


def offer_restore(window, report) -> None:
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


def exit_backup(database) -> None:
    from desktop_app.backup.backup import BackupError
    from desktop_app.backup.lifecycle import backup_at

    try:
        backup_at(database, event="exit")
    except BackupError:
        log.warning("exit backup failed", exc_info=True)
