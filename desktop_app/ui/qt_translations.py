"""Qt's own strings (standard buttons, file dialogs, context menus) in the app's language.

PySide6 ships no Indonesian qtbase catalog, so Asuh carries a small one for the strings it
actually shows: ``resources/locale/qt/qtbase_id.ts``, compiled with ``pyside6-lrelease`` into
``qtbase_id.qm``. English needs nothing (Qt's source strings are English). Our own strings go
through gettext (:mod:`desktop_app.core.i18n`), not through this translator.

GUI thread, once at start-up after the ``QApplication`` exists and before any window is built.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from desktop_app.core.paths import resource_path

_NAME = "asuh-qtbase-translator"


def install_qt_translator(app: QApplication, language: str) -> QTranslator | None:
    """Make Qt's own strings follow ``language`` on ``app``: installs the Indonesian catalog for
    ``"id"``, and removes one installed earlier by this function otherwise (so calling it again,
    e.g. after a restart in the same process, never stacks translators).

    Returns the installed translator (parented to ``app``, which keeps it alive) or None when
    Qt's English source strings serve as they are.
    """
    for previous in app.findChildren(QTranslator, _NAME):
        app.removeTranslator(previous)
        previous.setObjectName("")  # deleteLater waits for the event loop; never find it again
        previous.deleteLater()
    if language != "id":
        return None
    translator = QTranslator(app)
    translator.setObjectName(_NAME)
    if not translator.load(str(resource_path("locale", "qt", "qtbase_id.qm"))):
        return None
    app.installTranslator(translator)
    return translator
