"""Pengaturan > Cadangan: where backups go, how many to keep, the list, back up and restore.

The page reads and saves its settings through the operation runner; backups and restores run on
the database worker with a progress dialog (``run_with_progress``). Listing the backup folder is
a quick directory read done on the GUI thread. After a restore the page emits ``restored`` and
disables itself: the owner (main window) must reopen the database or restart Asuh.

An Admin also sets the backup password here (``encryption_section``). An encrypted backup is
restored with the configured password first; when that is missing or wrong the user is asked
(``password_dialog``) and the restore runs again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.backup.naming import BackupFile, list_backups, resolve_backup_folder
from desktop_app.backup.restore import BackupPasswordError, RestoreResult, restore_from_backup
from desktop_app.core.i18n import _
from desktop_app.core.progress import ProgressFn
from desktop_app.settings.store import AppSettings, get_settings
from desktop_app.ui.backup.backup_list import BackupTable, kind_label, moment_text, size_text
from desktop_app.ui.backup.encryption_section import EncryptionSection
from desktop_app.ui.backup.password_dialog import ask_backup_password
from desktop_app.ui.operations import backup as operations
from desktop_app.ui.operations import settings as settings_operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.progress import run_with_progress
from desktop_app.ui.widgets.messages import ask, show_failure, show_info

if TYPE_CHECKING:
    from desktop_app.core.session import Session


class BackupSettingsPage(QWidget):
    """Backup settings and actions. ``database`` is used only for its file path and, before a
    restore, to close its connections (``dispose``). The encryption section is built only for
    an Admin (``runner.role``; the service refuses anyone else in any case)."""

    restored = Signal(object)  # RestoreResult: reopen the database / restart Asuh
    saved = Signal()

    def __init__(self, runner: OperationRunner, database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.database = database
        self._configured_dir = ""
        self._password = ""  # the configured backup password, tried first on restore

        intro = QLabel(
            _("Cadangan otomatis dibuat saat Asuh dibuka dan ditutup. Simpan cadangan di "
              "flashdisk atau folder lain agar data aman bila laptop rusak atau hilang.")
        )  # fmt: skip
        intro.setWordWrap(True)

        self.folder_edit = QLineEdit()
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # shown, changed via the button
        self.choose_button = QPushButton(_("Pilih folder..."))
        self.choose_button.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)

        self.keep_daily = QSpinBox()
        self.keep_daily.setRange(1, 60)
        self.keep_daily.setSuffix(_(" hari"))
        self.keep_weekly = QSpinBox()
        self.keep_weekly.setRange(0, 52)
        self.keep_weekly.setSuffix(_(" minggu"))
        self.save_button = QPushButton(_("Simpan pengaturan"))
        self.save_button.clicked.connect(self.save)
        for spin in (self.keep_daily, self.keep_weekly):
            spin.setMinimumWidth(110)
            spin.setMaximumWidth(140)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)

        settings_box = QGroupBox(_("Pengaturan cadangan"))
        form = QFormLayout(settings_box)
        form.addRow(_("Folder cadangan"), folder_row)
        form.addRow(_("Simpan cadangan harian"), self.keep_daily)
        form.addRow(_("Simpan cadangan mingguan"), self.keep_weekly)
        form.addRow("", save_row)

        self.encryption: EncryptionSection | None = None
        if runner.role in (None, "admin"):
            self.encryption = EncryptionSection(runner)
            self.encryption.changed.connect(self._password_changed)

        self.table = BackupTable()
        self.empty_label = QLabel(_("Belum ada cadangan di folder ini."))

        self.backup_button = QPushButton(_("Cadangkan sekarang"))
        self.backup_button.setDefault(True)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(_("Pulihkan dari cadangan..."))
        self.restore_button.clicked.connect(self.restore)
        actions = QHBoxLayout()
        actions.addWidget(self.backup_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)

        list_box = QGroupBox(_("Cadangan yang ada"))
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.table)
        list_layout.addWidget(self.empty_label)
        list_layout.addLayout(actions)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(settings_box)
        if self.encryption is not None:
            layout.addWidget(self.encryption)
        layout.addWidget(list_box, 1)
        self.load()

    # -- state ------------------------------------------------------------------------------
    @property
    def folder(self) -> Path:
        return resolve_backup_folder(self._configured_dir, Path(self.database.path))

    def load(self) -> None:
        """Read the settings (worker) and list the folder."""
        self.runner.read(get_settings, on_success=self._show_settings)

    def _show_settings(self, settings: AppSettings) -> None:
        self._configured_dir = settings.backup_dir
        self._password = settings.backup_password
        if self.encryption is not None:
            self.encryption.show_state(is_set=bool(settings.backup_password))
        self.keep_daily.setValue(settings.keep_daily)
        self.keep_weekly.setValue(settings.keep_weekly)
        self._show_folder()
        self.refresh_list()

    def _show_folder(self) -> None:
        self.folder_edit.setText(str(self.folder))
        self.folder_edit.setToolTip(str(self.folder))
        self.folder_edit.setCursorPosition(0)

    @property
    def backups(self) -> list[BackupFile]:
        return self.table.backups

    def refresh_list(self) -> None:
        self.table.show_backups(list_backups(self.folder))
        self.table.setVisible(bool(self.backups))
        self.empty_label.setVisible(not self.backups)

    def selected_backup(self) -> BackupFile | None:
        return self.table.selected_backup()

    def _password_changed(self, password: str) -> None:
        self._password = password

    # -- actions ----------------------------------------------------------------------------
    def save(self) -> None:
        values = {
            "backup_dir": self._configured_dir,
            "keep_daily": self.keep_daily.value(),
            "keep_weekly": self.keep_weekly.value(),
        }
        self.runner.run_op(
            settings_operations.update_settings(**values),
            on_success=lambda _settings: self.saved.emit(),
            on_error=lambda error: show_failure(self, error),
        )

    def _choose_folder(self) -> None:
        chosen = self.ask_folder()
        if chosen:
            self._configured_dir = chosen
            self._show_folder()
            self.refresh_list()
            self.save()

    def ask_folder(self) -> str:
        """The folder dialog (a seam tests replace)."""
        return QFileDialog.getExistingDirectory(self, _("Pilih folder cadangan"), str(self.folder))

    def ask_backup_file(self) -> str:
        """The file dialog for a backup outside the list (a seam tests replace)."""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Pilih berkas cadangan"),
            str(self.folder),
            _("Cadangan Asuh (*.sqlite3 *.sqlite3.enc);;Semua berkas (*)"),
        )
        return path

    def back_up_now(self) -> None:
        self._set_busy(True)
        run_with_progress(
            self.runner,
            operations.back_up_now(database=self.database, folder=self.folder),
            parent=self,
            title=_("Mencadangkan data"),
            on_success=self._backed_up,
            on_error=self._failed,
        )

    def _backed_up(self, backup: BackupFile) -> None:
        self._set_busy(False)
        self.refresh_list()
        show_info(
            self,
            _("Cadangan tersimpan: {name} ({size}) di {folder}.").format(
                name=backup.path.name, size=size_text(backup.size_bytes), folder=backup.path.parent
            ),
            title=_("Cadangan selesai"),
        )

    def restore(self) -> None:
        chosen = self.selected_backup()
        path = chosen.path if chosen is not None else Path(self.ask_backup_file() or ".")
        if chosen is None and not path.is_file():
            return
        target = Path(self.database.path)
        what = (
            _("cadangan {kind} tanggal {moment}").format(
                kind=kind_label(chosen.kind).lower(), moment=moment_text(chosen)
            )
            if chosen is not None
            else path.name
        )
        question = _(
            "Data di Asuh akan diganti dengan isi {what}.\n\n"
            "Berkas data saat ini tidak dihapus: berkas itu disimpan di folder yang sama "
            "sebagai {stem}.sebelum-pulih-(tanggal){suffix}, sehingga masih dapat dikembalikan.\n\n"
            "Cadangan diperiksa dulu; bila rusak, tidak ada yang diubah. Setelah pemulihan, "
            "Asuh perlu dibuka ulang."
        ).format(what=what, stem=target.stem, suffix=target.suffix)
        if not ask(self, _("Pulihkan dari cadangan?"), question, yes=_("Pulihkan")):
            return
        self._start_restore(path, target, self._password)

    def _start_restore(self, path: Path, target: Path, password: str) -> None:
        database = self.database

        def work(_session: Session, _progress: ProgressFn) -> RestoreResult:
            # dispose: no pooled connection may keep the old file open
            return restore_from_backup(
                _session,
                backup_file=path,
                target_db_path=target,
                password=password,
                release=database.dispose,
            )

        def failed(error: Exception) -> None:
            if not isinstance(error, BackupPasswordError):
                self._failed(error)
                return
            self._set_busy(False)
            typed = self.ask_password(path.name, str(error) if error.wrong else "")
            if typed:
                self._start_restore(path, target, typed)

        self._set_busy(True)
        run_with_progress(
            self.runner,
            work,
            parent=self,
            title=_("Memulihkan data"),
            on_success=self._restored,
            on_error=failed,
        )

    def ask_password(self, name: str, problem: str) -> str | None:
        """The password dialog for an encrypted backup (a seam tests replace)."""
        return ask_backup_password(self, name=name, problem=problem)

    def _restored(self, result: RestoreResult) -> None:
        self.setEnabled(False)  # the data behind this window changed: nothing more here
        aside = result.set_aside.name if result.set_aside else "-"
        show_info(
            self,
            _("Data dipulihkan dari {name}.\nData sebelumnya disimpan sebagai {aside}.\n\n"
              "Asuh sekarang dibuka ulang dengan data yang dipulihkan.").format(
                name=result.restored_from.name, aside=aside
            ),
            title=_("Pemulihan selesai"),
        )  # fmt: skip
        self.restored.emit(result)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.refresh_list()
        show_failure(self, error)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.backup_button, self.restore_button, self.choose_button):
            button.setEnabled(not busy)
