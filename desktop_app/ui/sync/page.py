"""Sinkronisasi page: the laptop's enrolment, "Sinkronkan", sync files and the review lists.

The "Server kabupaten" box (:mod:`.server_box`) enrols the laptop or shows what it is enrolled
as. "Sinkronkan" runs :func:`desktop_app.sync.service.sync_with_server` on the database worker
through ``run_with_progress`` (progress and Batal between batches): it commits batch by batch on
its own connections, so the runner's session is left unused and a cancelled or broken sync keeps
what it already exchanged and resumes next time.

Sync files touch the database only at their ends: an export gathers and signs the rows on the DB
worker, zips, encrypts and writes the file on the page's
:class:`~desktop_app.ui.render_jobs.SideThread`, then moves the export cursor through the DB
worker; an import reads the devices this laptop knows on the DB worker, reads, decrypts and
checks the file (signature first) on the side thread and merges it on the DB worker. Saves
elsewhere do not wait for scrypt or the disk. Every sync file is encrypted: the password is
always asked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
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

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import N_, _
from desktop_app.sync.files import (
    ExportSummary,
    ImportSummary,
    KnownDevice,
    PreparedExport,
    known_devices,
    read_sync_file,
    require_password,
    write_sync_export,
)
from desktop_app.sync.identity import ClientFactory
from desktop_app.sync.service import SyncSummary
from desktop_app.ui.operations import sync as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.progress import run_with_progress
from desktop_app.ui.render_jobs import SideThread
from desktop_app.ui.sync.review import ConflictsPanel, DuplicatesPanel, RefusedPanel
from desktop_app.ui.sync.server_box import ServerBox
from desktop_app.ui.widgets.messages import show_failure

FILE_FILTER = N_("Berkas sinkron Asuh (*.asuhsync)")


class SyncPage(QWidget):
    """Sync with the district server or by file, then review conflicts and duplicates.
    ``client_factory`` stands for the server client (tests inject a fake)."""

    def __init__(
        self,
        runner: OperationRunner,
        parent: QWidget | None = None,
        *,
        client_factory: ClientFactory | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.side_thread = SideThread(self)  # writing and reading sync files

        self.server = ServerBox(runner, client_factory=client_factory)
        self.server.enrolled.connect(self.refresh_lists)
        self.sync_button = QPushButton(_("Sinkronkan"))
        self.sync_button.setDefault(True)
        self.sync_button.clicked.connect(self.synchronise)
        self.summary_label = QLabel(_("Belum disinkronkan dalam sesi ini."))
        self.summary_label.setWordWrap(True)
        server_box = QGroupBox(_("Server kabupaten"))
        server_layout = QVBoxLayout(server_box)
        server_layout.addWidget(self.server)
        sync_row = QHBoxLayout()
        sync_row.addWidget(self.sync_button)
        sync_row.addStretch(1)
        server_layout.addLayout(sync_row)
        result = QFormLayout()
        result.addRow(_("Hasil"), self.summary_label)
        server_layout.addLayout(result)
        self.server.stack.currentChanged.connect(self._show_sync_button)

        self.export_button = QPushButton(_("Ekspor berkas sinkron"))
        self.import_button = QPushButton(_("Impor berkas sinkron"))
        self.export_button.clicked.connect(self.export_file)
        self.import_button.clicked.connect(self.import_file)
        files_hint = QLabel(
            _("Tanpa internet: ekspor perubahan sejak pertukaran terakhir ke satu berkas, kirim "
              "lewat flashdisk atau pesan, lalu impor di laptop lain atau di kantor. Berkas "
              "selalu dienkripsi dengan kata sandi dan ditandatangani laptop pengirim.")
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

        self.refused = RefusedPanel(runner)
        self.conflicts = ConflictsPanel(runner)
        self.duplicates = DuplicatesPanel(runner)

        layout = QVBoxLayout(self)
        layout.addWidget(server_box)
        layout.addWidget(files_box)
        layout.addWidget(self.refused, 1)
        layout.addWidget(self.conflicts, 1)
        layout.addWidget(self.duplicates, 1)
        self._show_sync_button()
        self.load()

    def load(self) -> None:
        self.server.load()
        self.refresh_lists()

    def _show_sync_button(self, *_args: object) -> None:
        """ "Sinkronkan" only once the laptop is enrolled (before, there is no server)."""
        self.sync_button.setVisible(self.server.stack.currentWidget() is self.server.view)

    def refresh_lists(self) -> None:
        self.refused.refresh()
        self.conflicts.refresh()
        self.duplicates.refresh()

    # -- server -------------------------------------------------------------------------------
    def synchronise(self) -> None:
        sessions = self.runner.sessions
        assert sessions is not None
        self.sync_button.setEnabled(False)
        self.summary_label.setText(_("Sedang menyinkronkan..."))
        run_with_progress(
            self.runner, operations.sync_with_server(sessions=sessions), parent=self,
            title=_("Sinkronisasi"), on_success=self._synced, on_error=self._sync_failed,
        )  # fmt: skip

    def _synced(self, summary: SyncSummary) -> None:
        self.sync_button.setEnabled(True)
        self.summary_label.setText(summary.message())
        self.load()  # the names of new kecamatan/posyandu in the scope may have arrived

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
        try:
            require_password(password)
        except DomainError as error:  # empty or too weak: named before any work
            show_failure(self, error)
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

        def read(devices: dict[str, KnownDevice]) -> None:
            self.side_thread.start(
                lambda: read_sync_file(path, password=password, devices=devices),
                on_success=apply, on_error=self._file_failed, inline=self.runner.synchronous,
            )  # fmt: skip

        # The signature is checked against the devices known now, before the file is parsed.
        self.runner.read(known_devices, on_success=read, on_error=self._file_failed)

    def _imported(self, summary: ImportSummary) -> None:
        self.summary_label.setText(summary.message())
        self.refresh_lists()
