"""Halaman detail anak: identity, family, enrolment, consent, guardian and assignment history.

``show_child(child_id)`` reads ``get_child`` through the runner; the page reloads itself when the
runner reports a change to what it shows (the child, its areas, guardians, OPDs, assignments
and programmes) while it is visible (``StaleWatcher``). Actions
open the editor and the assignment dialogs window-modally; their saves broadcast changes, so
this page never needs to be told. The NIK is masked until "tampilkan" is clicked.

What a cadre does most comes first: "Catat kunjungan" is the header's main button and the
growth panel (status, chart, visits) opens the page, above the identity boxes, so both are in
view on a 1366 x 768 screen. Rare actions that end something (end the assignment, take the
child out of the programme) sit in the "Lainnya" menu, away from a stray click.
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import QMetaMethod, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.children.service import ENROLMENT_STATUSES, ChildRecord, get_child
from desktop_app.core.changes import Changes
from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import _
from desktop_app.core.masking import mask_nik
from desktop_app.core.permissions import ADMIN
from desktop_app.ui.assignments.dialogs import AssignDialog, EndAssignmentDialog, TransferDialog
from desktop_app.ui.children.detail_texts import (
    ENROLMENT_FIELDS,
    FAMILY_FIELDS,
    GUARDIAN_FIELDS,
    HISTORY_HEADERS,
    IDENTITY_FIELDS,
    enrolment_texts,
    family_texts,
    guardian_texts,
    history_rows,
    identity_texts,
)
from desktop_app.ui.children.exit_dialog import ExitChildDialog
from desktop_app.ui.common.staleness import StaleWatcher
from desktop_app.ui.operations import children as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets.info_box import InfoBox
from desktop_app.ui.widgets.messages import show_failure
from desktop_app.ui.widgets.simple_table import SimpleTable
from desktop_app.ui.widgets.texts import SEX_LABELS, age_text

_WARNING = "background: #fff4e5; border: 1px solid #f0b35a; border-radius: 4px; padding: 8px;"
_NOTICE = "background: #eef3fb; border: 1px solid #9db7e0; border-radius: 4px; padding: 8px;"


class ChildDetailPage(QWidget):
    """One child's page. ``back_requested()``; ``edit_requested(UUID)`` when "Ubah data" is
    clicked (if nobody listens, the page opens the editor itself)."""

    back_requested = Signal()
    edit_requested = Signal(object)

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.record: ChildRecord | None = None
        self.child_id: UUID | None = None
        self.active_dialog: QDialog | None = None
        self._nik_visible = False
        self._revealed: tuple[str | None, str | None] = (None, None)
        outer = QVBoxLayout(self)
        outer.addLayout(self._build_header())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 4, 0)
        self.banner = QLabel(wordWrap=True)
        self.banner.setVisible(False)
        body.addWidget(self.banner)
        from desktop_app.ui.children.growth_panel import ChildGrowthPanel

        visits = QGroupBox(_("Riwayat kunjungan dan grafik pertumbuhan"))
        self.growth_panel = ChildGrowthPanel(runner)
        self.growth_panel.add_button.hide()  # the header's "Catat kunjungan" does this
        QVBoxLayout(visits).addWidget(self.growth_panel)
        self.visits_area = visits
        body.addWidget(visits)
        body.addLayout(self._build_boxes())
        body.addWidget(self._build_history())
        body.addStretch(1)
        kinds = (
            Changes.CHILDREN | Changes.ASSIGNMENTS | Changes.GUARDIANS | Changes.OPD
            | Changes.WILAYAH | Changes.PROGRAMMES
        )  # fmt: skip
        self.watcher = StaleWatcher(self, runner, kinds, self.reload)
        self.watcher.stale = False  # nothing to load until show_child()

    # -- layout -------------------------------------------------------------------------------
    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        self.back_button = QPushButton("← " + _("Kembali ke daftar"))
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 17pt; font-weight: 600;")
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color: #5f6b7a;")
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addSpacing(12)
        header.addLayout(titles, 1)
        self.visit_button = QPushButton(_("Catat kunjungan"))
        self.visit_button.setObjectName("primaryButton")
        self.visit_button.setToolTip(_("Catat kunjungan untuk anak ini"))
        self.edit_button = QPushButton(_("Ubah data"))
        self.assign_button = QPushButton(_("Tugaskan orang tua asuh"))
        self.transfer_button = QPushButton(_("Alihkan"))
        actions = (
            (self.visit_button, self.open_visit),
            (self.edit_button, self.request_edit),
            (self.assign_button, self.open_assign),
            (self.transfer_button, self.open_transfer),
        )
        for button, slot in actions:
            button.clicked.connect(slot)
            header.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self._build_more_menu(), 0, Qt.AlignmentFlag.AlignTop)
        return header

    def _build_more_menu(self) -> QPushButton:
        """ "Lainnya": the rare actions that end something, one click further away; for an
        Admin also the data subject's requests (UU PDP)."""
        self.more_button = QPushButton(_("Lainnya"))
        menu = QMenu(self.more_button)
        self.end_action = menu.addAction(_("Akhiri penugasan…"))
        self.end_action.triggered.connect(self.open_end)
        menu.addSeparator()
        self.exit_action = menu.addAction(_("Keluarkan dari program…"))
        self.exit_action.triggered.connect(self.open_exit)
        admin = self.runner.role == ADMIN
        menu.addSeparator().setVisible(admin)
        self.export_action = menu.addAction(_("Salin seluruh data anak (UU PDP)…"))
        self.export_action.triggered.connect(self.open_export_data)
        self.anonymise_action = menu.addAction(_("Hapus identitas anak (UU PDP)…"))
        self.anonymise_action.triggered.connect(self.open_anonymise)
        for action in (self.export_action, self.anonymise_action):
            action.setVisible(admin)
        self.more_button.setMenu(menu)
        return self.more_button

    def _build_boxes(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(10)
        identity = InfoBox(_("Identitas"))
        self.nik_toggle = QPushButton(_("tampilkan"))
        self.nik_toggle.setFlat(True)
        self.nik_toggle.setCursor(Qt.CursorShape.PointingHandCursor)
        self.nik_toggle.setStyleSheet("color: #1f5fbf; text-decoration: underline; border: 0;")
        self.nik_toggle.clicked.connect(self.toggle_nik)
        identity.add("nik", "NIK", self.nik_toggle)
        for key, label in IDENTITY_FIELDS:
            identity.add(key, _(label))
        family = InfoBox(_("Keluarga dan wilayah"))
        for key, label in FAMILY_FIELDS:
            family.add(key, _(label))
        enrolment = InfoBox(_("Pendaftaran"))
        for key, label in ENROLMENT_FIELDS:
            enrolment.add(key, _(label))
        guardian = InfoBox(_("Orang tua asuh"))
        for key, label in GUARDIAN_FIELDS:
            guardian.add(key, _(label))
        self.boxes = {
            "identity": identity,
            "family": family,
            "enrolment": enrolment,
            "guardian": guardian,
        }
        grid.addWidget(identity, 0, 0)
        grid.addWidget(family, 0, 1)
        grid.addWidget(enrolment, 1, 0)
        grid.addWidget(guardian, 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _build_history(self) -> QGroupBox:
        box = QGroupBox(_("Riwayat penugasan"))
        self.history = SimpleTable([_(h) for h in HISTORY_HEADERS])
        self.history_empty = QLabel(_("Belum pernah ditugaskan ke orang tua asuh."))
        self.history_empty.setStyleSheet("color: #8a8a8a;")
        layout = QVBoxLayout(box)
        layout.addWidget(self.history_empty)
        layout.addWidget(self.history)
        return box

    # -- loading ------------------------------------------------------------------------------
    def show_child(self, child_id: UUID) -> None:
        """Load and show ``child_id`` (NIK masked again for a new child)."""
        if child_id != self.child_id:
            self._nik_visible = False
        self.child_id = child_id
        self.reload()
        self.growth_panel.show_child(child_id)

    def reload(self) -> None:
        if self.child_id is None:
            return
        child_id = self.child_id
        self.runner.read(
            lambda s: get_child(s, child_id=child_id),
            on_success=self.fill,
            on_error=lambda error: show_failure(self, error),
        )

    def fill(self, record: ChildRecord) -> None:
        self.record = record
        self.title.setText(record.name)
        status = _(ENROLMENT_STATUSES.get(record.enrolment_status, record.enrolment_status))
        parts = (_(SEX_LABELS.get(record.sex, "")), age_text(record.age_months), status)
        self.subtitle.setText(" · ".join(filter(None, parts)))
        self._fill_identity(record)
        self._fill_box("family", family_texts(record))
        self._fill_box("enrolment", enrolment_texts(record))
        self._fill_box("guardian", guardian_texts(record))
        self._fill_history(record)
        self._fill_banner(record)
        self._update_actions(record)

    def _fill_identity(self, record: ChildRecord) -> None:
        box = self.boxes["identity"]
        nik, no_kk = self._revealed if self._nik_visible else (None, None)
        box.set("nik", nik if self._nik_visible else mask_nik(record.nik))
        self.nik_toggle.setVisible(bool(record.nik or record.no_kk))
        self.nik_toggle.setText(_("sembunyikan") if self._nik_visible else _("tampilkan"))
        box.set("no_kk", no_kk if self._nik_visible else mask_nik(record.no_kk))
        self._fill_box("identity", identity_texts(record))

    def _fill_box(self, name: str, texts: dict[str, str | None]) -> None:
        box = self.boxes[name]
        for key, text in texts.items():
            box.set(key, text)

    def _fill_history(self, record: ChildRecord) -> None:
        self.history.set_rows(history_rows(record))
        self.history.fit_height()
        self.history.setVisible(bool(record.assignments))
        self.history_empty.setVisible(not record.assignments)

    def _fill_banner(self, record: ChildRecord) -> None:
        if record.exit_date is not None:
            text, style = (
                _("Anak ini sudah keluar dari program sejak {date}.").format(
                    date=format_date(record.exit_date)
                ),
                _NOTICE,
            )
        elif not record.has_legal_basis:
            text, style = (
                _(
                    "⚠ Persetujuan orang tua belum dicatat. Catat tanggal dan siapa yang "
                    "menyetujui, atau dasar pemrosesan lain (Ubah data): sebelum itu kunjungan "
                    "dan pengukuran anak ini tidak dapat disimpan (UU No. 27 Tahun 2022)."
                ),
                _WARNING,
            )
        else:
            text, style = "", ""
        self.banner.setText(text)
        self.banner.setStyleSheet(style)
        self.banner.setVisible(bool(text))

    def _update_actions(self, record: ChildRecord) -> None:
        enrolled = record.exit_date is None
        has_guardian = record.active_assignment is not None
        self.visit_button.setEnabled(enrolled)
        self.assign_button.setVisible(enrolled and not has_guardian)
        self.transfer_button.setVisible(enrolled and has_guardian)
        self.end_action.setVisible(enrolled and has_guardian)
        self.exit_action.setEnabled(enrolled)

    # -- actions ------------------------------------------------------------------------------
    def toggle_nik(self) -> None:
        """Show the full NIK and No. KK through the Admin-only, audited service (UU 27/2022:
        who saw a child's identity number must be on record); hide them again on the next click.
        A refusal (Operator, Pimpinan) arrives as the runner's usual message."""
        if self.record is None:
            return
        if self._nik_visible:
            self._nik_visible = False
            self._fill_identity(self.record)
            return
        self.runner.run_op(
            operations.reveal_identifiers(child_id=self.record.id),
            on_success=self._show_revealed,
            on_error=self._refused,
        )

    def _refused(self, error: Exception) -> None:
        from desktop_app.ui.ops import user_message
        from desktop_app.ui.widgets.messages import show_error

        show_error(self, user_message(error), title=_("NIK tidak dapat ditampilkan"))

    def _show_revealed(self, numbers: tuple[str | None, str | None]) -> None:
        self._revealed = numbers
        self._nik_visible = True
        if self.record is not None:
            self._fill_identity(self.record)

    def request_edit(self) -> None:
        if self.child_id is None:
            return
        signal = QMetaMethod.fromSignal(self.edit_requested)
        if self.isSignalConnected(signal):
            self.edit_requested.emit(self.child_id)
            return
        from desktop_app.ui.children.editor import ChildEditorDialog

        self._open(ChildEditorDialog(self.runner, child_id=self.child_id, parent=self))

    def open_visit(self) -> None:
        """The visit form for this child (the growth panel's, which knows the child)."""
        if self.child_id is not None:
            self.growth_panel.open_visit_form()
            self.active_dialog = self.growth_panel.dialog

    def open_assign(self) -> None:
        self._open(AssignDialog(self.runner, child_id=self.child_id, parent=self))

    def open_transfer(self) -> None:
        if self.child_id is not None:  # the button is enabled only while a child is shown
            self._open(TransferDialog(self.runner, child_id=self.child_id, parent=self))

    def open_end(self) -> None:
        active = self.record.active_assignment if self.record else None
        if active is not None:
            self._open(EndAssignmentDialog(self.runner, assignment_id=active.id, parent=self))

    def open_export_data(self) -> None:
        if self.record is not None:
            from desktop_app.ui.children.data_subject_dialogs import ExportChildDataDialog

            self._open(
                ExportChildDataDialog(
                    self.runner, child_id=self.record.id, child_name=self.record.name, parent=self
                )
            )

    def open_anonymise(self) -> None:
        if self.record is not None:
            from desktop_app.ui.children.data_subject_dialogs import AnonymiseChildDialog

            self._open(
                AnonymiseChildDialog(
                    self.runner, child_id=self.record.id, child_name=self.record.name, parent=self
                )
            )

    def open_exit(self) -> None:
        if self.child_id is not None:  # the button is enabled only while a child is shown
            self._open(ExitChildDialog(self.runner, child_id=self.child_id, parent=self))

    def _open(self, dialog: QDialog) -> None:
        """Window-modal, non-blocking; the saved change reaches this page through ``changed``."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.active_dialog = dialog
        dialog.open()
