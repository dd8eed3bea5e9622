"""Pengaturan: one page of tabs for the district (Umum), master data, the KBM table, backups, sync
and, for Admins, users and the audit trail. Each tab is built the first time it is opened (its
modules are imported then)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop_app.core.i18n import _
from desktop_app.ui.ops import OperationRunner

ADMIN_ONLY = ("users", "audit")


class SettingsPage(QWidget):
    """``role`` None (the system, no login) sees every tab, like an Admin."""

    def __init__(
        self, runner: OperationRunner, database, *, role: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.database = database
        self.role = role
        builders: list[tuple[str, str, Callable[[], QWidget]]] = [
            ("general", _("Umum"), self._general),
            ("master", _("Data induk"), self._master_data),
            ("kbm", _("Kenaikan berat minimal (KBM)"), self._kbm),
            ("backup", _("Cadangan"), self._backup),
            ("sync", _("Sinkronisasi"), self._sync),
            ("users", _("Pengguna"), self._users),
            ("audit", _("Riwayat perubahan"), self._audit),
        ]
        is_admin = role in (None, "admin")
        self._builders = [b for b in builders if is_admin or b[0] not in ADMIN_ONLY]
        self._built: dict[int, QWidget] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        for _key, title, _build in self._builders:
            self.tabs.addTab(QWidget(), title)
        self.tabs.currentChanged.connect(self._ensure_built)
        page_title = QLabel(_("Pengaturan"))
        page_title.setObjectName("pageTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(page_title)
        layout.addWidget(self.tabs, 1)
        self._ensure_built(0)

    def tab_keys(self) -> list[str]:
        return [key for key, _title, _build in self._builders]

    def show_tab(self, key: str) -> QWidget:
        index = self.tab_keys().index(key)
        self.tabs.setCurrentIndex(index)
        return self._ensure_built(index)

    def _ensure_built(self, index: int) -> QWidget:
        if index < 0:
            return self.tabs.currentWidget()
        if index not in self._built:
            _key, title, build = self._builders[index]
            page = build()
            self._built[index] = page
            self.tabs.blockSignals(True)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, page, title)
            self.tabs.setCurrentIndex(index)
            self.tabs.blockSignals(False)
        return self._built[index]

    # -- builders (lazy imports keep start-up light) --------------------------------------
    def _general(self) -> QWidget:
        from desktop_app.ui.settings.general_tab import GeneralTab

        return GeneralTab(self.runner, editable=self.role in (None, "admin"))

    def _master_data(self) -> QWidget:
        from desktop_app.ui.settings.master_data import MasterDataPage

        return MasterDataPage(self.runner)

    def _kbm(self) -> QWidget:
        from desktop_app.ui.settings.kbm_tab import KbmTab

        return KbmTab(self.runner, editable=self.role in (None, "admin"))

    def _backup(self) -> QWidget:
        from desktop_app.ui.backup import BackupSettingsPage
        from desktop_app.ui.exit_codes import RESTART_EXIT_CODE

        page = BackupSettingsPage(self.runner, self.database)
        page.restored.connect(lambda _result: QApplication.exit(RESTART_EXIT_CODE))
        return page

    def _sync(self) -> QWidget:
        from desktop_app.ui.sync import SyncPage

        return SyncPage(self.runner)

    def _users(self) -> QWidget:
        from desktop_app.ui.users.page import UsersPage

        return UsersPage(self.runner)

    def _audit(self) -> QWidget:
        from desktop_app.ui.audit.page import AuditPage

        return AuditPage(self.runner)
