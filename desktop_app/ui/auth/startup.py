"""Who uses Asuh this time: the first-start Admin or a login, before the main window opens.

``run_gui`` calls :func:`sign_in_at_start` after opening the database and before showing the
window; it returns the signed-in user (the runner then acts as them) or None when the person
cancelled, and Asuh closes. GUI thread; the dialogs run their work through the runner.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.ui.auth.identity import sign_in
from desktop_app.ui.auth.login_dialog import LoginDialog, Unlocker
from desktop_app.ui.ops import OperationRunner

if TYPE_CHECKING:
    from desktop_app.users.accounts import UserRecord


def sign_in_at_start(
    runner: OperationRunner,
    *,
    has_users: bool,
    recovery_folder: Path | None,
    district: str = "",
    parent: QWidget | None = None,
    abort: SignalInstance | None = None,
    shown: Callable[[QDialog], None] | None = None,
    unlocker: Unlocker | None = None,
) -> UserRecord | None:
    """First start (``has_users`` False): create the Admin, who is then signed in. Otherwise
    the login dialog. ``recovery_folder`` is the backup folder (the Admin recovery key).
    ``abort`` closes the dialog as if cancelled (the database failed to open behind it);
    ``shown(dialog)`` is called with the dialog before it opens."""
    if not has_users:
        from desktop_app.ui.auth.first_admin import FirstAdminDialog  # loads SQLAlchemy

        first = FirstAdminDialog(runner, recovery_folder=recovery_folder, parent=parent)
        if abort is not None:
            abort.connect(first.reject)
        if shown is not None:
            shown(first)
        if first.exec() != QDialog.DialogCode.Accepted or first.record is None:
            return None
        user = first.record
    else:
        login = LoginDialog(
            runner,
            district=district,
            recovery_folder=recovery_folder,
            unlocker=unlocker,
            parent=parent,
        )
        if abort is not None:
            abort.connect(login.reject)
        if shown is not None:
            shown(login)
        if login.exec() != QDialog.DialogCode.Accepted or login.user is None:
            return None
        user = login.user
    sign_in(runner, user)
    return user
