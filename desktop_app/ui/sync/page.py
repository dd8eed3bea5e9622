"""Sinkronisasi page: the server address, "Sinkronkan", sync files and the review lists.

"Sinkronkan" connects to the server (and creates or upgrades its schema) on the page's
:class:`~desktop_app.ui.render_jobs.SideThread`, so an unreachable server keeps no save waiting.
The exchange then runs on the database worker through ``run_with_progress`` (progress and Batal
between batches): its batches interleave local SQLite writes with server round trips, and
nothing else may write the file meanwhile. It commits batch by batch on its own connections, so
the runner's session is left unused and a cancelled or broken sync keeps what it already
exchanged and resumes next time.

Sync files touch the database only at their ends: an export gathers the rows on the DB worker,
zips, encrypts and writes the file on the page's :class:`~desktop_app.ui.render_jobs.SideThread`,
then moves the export cursor through the DB worker; an import reads, decrypts and checks the
file on the side thread and merges it on the DB worker. Saves elsewhere do not wait for scrypt
or the disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.crypto_files import is_encrypted_file
from desktop_app.core.i18n import N_, _
from desktop_app.settings.store import AppSettings, get_settings
from desktop_app.sync.files import (
    ExportSummary,
    ImportSummary,
    PreparedExport,
    read_sync_file,
    write_sync_export,
)
from desktop_app.sync.problems import server_name
from desktop_app.sync.scope import (
    ScopeChoice,
    current_sync_scope,
    list_scope_choices,
)
from desktop_app.sync.service import SyncSummary
from desktop_app.ui.operations import sync as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.progress import run_with_progress
from desktop_app.ui.render_jobs import SideThread
from desktop_app.ui.sync.review import ConflictsPanel, DuplicatesPanel
from desktop_app.ui.widgets.messages import show_failure

FILE_FILTER = N_("Berkas sinkron Asuh (*.asuhsync)")

if TYPE_CHECKING:
    pass


class SyncPage(QWidget):
    """Sync with the district server or by file, then review conflicts and duplicates."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.side_thread = SideThread(self)  # connecting, and writing and reading sync files

        self.server_edit = QLineEdit()
        self.server_edit.setPlaceholderText("postgresql+psycopg://pengguna@server:5432/asuh")
        self.sync_button = QPushButton(_("Sinkronkan"))
        self.sync_button.setDefault(True)
        self.sync_button.clicked.connect(self.synchronise)
        server_row = QHBoxLayout()
        server_row.addWidget(self.server_edit, 1)
        server_row.addWidget(self.sync_button)
        self.summary_label = QLabel(_("Belum disinkronkan dalam sesi ini."))
        self.summary_label.setWordWrap(True)

        self.scope_combo = QComboBox()
        self.scope_combo.setToolTip(
            _("Laptop ini hanya menerima data anak di wilayah ini (beserta kunjungan, penugasan "
              "dan bantuannya).")
        )  # fmt: skip
        self.scope_combo.activated.connect(self._scope_chosen)
        self.scope_choices: list[ScopeChoice] = []

        self.server_name_label = QLabel()
        self.server_name_label.setProperty("role", "hint")
        self.server_edit.textChanged.connect(self._show_server_name)
        server_box = QGroupBox(_("Server kabupaten"))
        form = QFormLayout(server_box)
        form.addRow(_("Alamat server"), server_row)
        form.addRow(_("Nama server"), self.server_name_label)
        form.addRow(_("Cakupan laptop ini"), self.scope_combo)
        form.addRow(_("Hasil"), self.summary_label)

        self.export_button = QPushButton(_("Ekspor berkas sinkron"))
        self.import_button = QPushButton(_("Impor berkas sinkron"))
        self.export_button.clicked.connect(self.export_file)
        self.import_button.clicked.connect(self.import_file)
        files_hint = QLabel(
            _("Tanpa internet: ekspor perubahan sejak pertukaran terakhir ke satu berkas, kirim "
              "lewat flashdisk atau pesan, lalu impor di laptop lain atau di kantor.")
        )  # fmt: skip
        files_hint.setWordWrap(True)
        files_box = QGroupBox(_("Berkas sinkron"))
        files_layout = QVBoxLayout(files_box)
        files_layout.addWidget(files_hint)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.export_button)
        file_buttons.addWidget(self.import_button)
        file_buttons.addStretch(1)
        files_layout.addLayout(file_buttons)

        self.conflicts = ConflictsPanel(runner)
        self.duplicates = DuplicatesPanel(runner)

        layout = QVBoxLayout(self)
        layout.addWidget(server_box)
        layout.addWidget(files_box)
        layout.addWidget(self.conflicts, 1)
        layout.addWidget(self.duplicates, 1)
        self._show_server_name("")
        self.load()

    def load(self) -> None:
        self.runner.read(get_settings, on_success=self._show_settings)
        self.refresh_scope()
        self.refresh_lists()

    def refresh_scope(self) -> None:
        self.runner.read(
            lambda session: (list_scope_choices(session), current_sync_scope(session)),
            on_success=self._show_scope,
        )

    def _show_scope(self, loaded) -> None:
        choices, current = loaded
        self.scope_choices = choices
        self.scope_combo.clear()
        self.scope_combo.addItems([choice.label for choice in choices])
        index = next((i for i, c in enumerate(choices) if c.scope == current), 0)
        self.scope_combo.setCurrentIndex(index)

    def _scope_chosen(self, index: int) -> None:
        scope = self.scope_choices[index].scope
        self.runner.run_op(
            operations.set_sync_scope(
                kecamatan_id=scope.kecamatan_id, posyandu_id=scope.posyandu_id
            ),
            on_error=self._scope_failed,
        )

    def _scope_failed(self, error: Exception) -> None:
        show_failure(self, error)
        self.refresh_scope()  # the combo goes back to the stored scope

    def _show_settings(self, settings: AppSettings) -> None:
        self.server_edit.setText(settings.sync_server_url)

    def _show_server_name(self, url: str) -> None:
        """The host the user will be told about (no user name, password or driver)."""
        name = server_name(url) if url.strip() else ""
        self.server_name_label.setText(name or _("(belum diisi)"))

    def refresh_lists(self) -> None:
        self.conflicts.refresh()
        self.duplicates.refresh()

    # -- server -------------------------------------------------------------------------------
    def synchronise(self) -> None:
        sessions = self.runner.sessions
        assert sessions is not None
        self.sync_button.setEnabled(False)
        self.summary_label.setText(_("Sedang menyinkronkan..."))
        run_with_progress(
            self.runner, operations.sync_with_server(sessions=sessions),
            parent=self, title=_("Sinkronisasi"), on_success=self._synced,
            on_error=self._sync_failed,
        )  # fmt: skip

    def _synced(self, summary: SyncSummary) -> None:
        self.sync_button.setEnabled(True)
        self.summary_label.setText(summary.message())
        self.refresh_scope()  # new kecamatan/posyandu may have arrived
        self.refresh_lists()

    def _sync_failed(self, error: Exception) -> None:
        self.sync_button.setEnabled(True)
        self.summary_label.setText(_("Sinkronisasi gagal."))
        show_failure(self, error)
        self.refresh_lists()

    # -- files --------------------------------------------------------------------------------
    def choose_export_path(self) -> Path | None:
        """Where to save the file (tests replace this seam)."""
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Ekspor berkas sinkron"), "perubahan.asuhsync", _(FILE_FILTER)
        )
        return Path(name) if name else None

    def choose_import_path(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Impor berkas sinkron"), "", _(FILE_FILTER)
        )
        return Path(name) if name else None

    def ask_password(self, title: str, label: str) -> str | None:
        """The file's password, or None when the user cancelled (tests replace this seam)."""
        text, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Password)
        return text if ok else None

    def export_file(self) -> None:
        path = self.choose_export_path()
        if path is None:
            return
        # Children's data leaves the laptop: the file is always encrypted (UU 27/2022).
        password = self.ask_password(
            _("Ekspor berkas sinkron"),
            _("Kata sandi berkas (sampaikan kepada penerima lewat jalur lain):"),
        )
        if password is None:
            return
        self.runner.run_op(
            operations.prepare_sync_export(),
            on_success=lambda prepared: self._write_export(prepared, path, password),
            on_error=self._file_failed,
        )

    def _write_export(self, prepared: PreparedExport, path: Path, password: str) -> None:
        def record(_written: None) -> None:
            self.runner.run_op(
                operations.record_sync_export(prepared=prepared, path=path),
                on_success=self._exported,
                on_error=self._file_failed,
            )

        self.side_thread.start(
            lambda: write_sync_export(prepared, path=path, password=password),
            on_success=record, on_error=self._file_failed, inline=self.runner.synchronous,
        )  # fmt: skip

    def _file_failed(self, error: Exception) -> None:
        show_failure(self, error)

    def _exported(self, summary: ExportSummary) -> None:
        self.summary_label.setText(
            _("Berkas {name} berisi {rows} baris perubahan.").format(
                name=summary.path.name, rows=summary.rows
            )
        )

    def import_file(self) -> None:
        path = self.choose_import_path()
        if path is None:
            return
        password = None
        if is_encrypted_file(path):
            password = self.ask_password(_("Impor berkas sinkron"), _("Kata sandi berkas:"))
            if password is None:
                return

        def apply(read: tuple[dict, dict]) -> None:
            manifest, tables = read
            self.runner.run_op(
                operations.apply_sync_file(manifest=manifest, tables=tables, name=path.name),
                on_success=self._imported,
                on_error=self._file_failed,
            )

        self.side_thread.start(
            lambda: read_sync_file(path, password=password),
            on_success=apply, on_error=self._file_failed, inline=self.runner.synchronous,
        )  # fmt: skip

    def _imported(self, summary: ImportSummary) -> None:
        self.summary_label.setText(summary.message())
        self.refresh_lists()
