"""Start-up probe for bench_startup.py: the real ``asuh`` start, with a person at the keyboard.

Runs ``run_gui`` (the code ``asuh --db FILE`` runs: lock, peek, login dialog with the database
opening behind it, main window, Beranda populated) and plays the person: when the login dialog
is first painted it prints ``LOGIN_SHOWN``; after ``--typing-ms`` it types the name and
password, presses "Masuk" and prints ``LOGIN_SUBMITTED``; ``ASUH_EXIT_AFTER_SHOWN=1`` makes Asuh
print ``ASUH_READY`` once Beranda is populated and quit. Offscreen, where ``run_gui`` would
otherwise refuse to show a dialog nobody can answer, the probe answers it.

Usage: QT_QPA_PLATFORM=offscreen ASUH_EXIT_AFTER_SHOWN=1 \
       python bench/startup_probe.py DATABASE.sqlite3 USER PASSWORD [--typing-ms 1500]
"""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer

from desktop_app.ui import app as asuh_app

SHOWN_MARKER = "LOGIN_SHOWN"
SUBMITTED_MARKER = "LOGIN_SUBMITTED"


class Typist(QObject):
    """Watches for the login dialog's first paint, then signs in like a person would."""

    def __init__(self, username: str, password: str, typing_ms: int) -> None:
        super().__init__()
        self.username, self.password, self.typing_ms = username, password, typing_ms
        self.dialog = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.dialog is None
            and event.type() == QEvent.Type.Paint
            and type(watched).__name__ == "LoginDialog"
        ):
            self.dialog = watched
            print(SHOWN_MARKER, flush=True)
            QTimer.singleShot(self.typing_ms, self.sign_in)
        return False

    def sign_in(self) -> None:
        self.dialog.username.setText(self.username)
        self.dialog.password.setText(self.password)
        print(SUBMITTED_MARKER, flush=True)
        self.dialog.login_button.click()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("username")
    parser.add_argument("password")
    parser.add_argument("--typing-ms", type=int, default=1500)
    args = parser.parse_args()
    if os.environ.get(asuh_app.EXIT_AFTER_SHOWN_ENV) != "1":
        parser.error(f"set {asuh_app.EXIT_AFTER_SHOWN_ENV}=1 (the probe must end by itself)")
    application = asuh_app.make_application()
    typist = Typist(args.username, args.password, args.typing_ms)
    application.installEventFilter(typist)
    asuh_app.headless = lambda: False  # the typist answers the dialog
    return asuh_app.run_gui(db_path=args.db)


if __name__ == "__main__":
    sys.exit(main())
