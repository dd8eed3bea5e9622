"""Master data: OPD (kode, nama) with how many ASN each has and how many children they foster.

Offices with no ASN are listed too: the coordinating office must see who has not submitted.
Deleting is refused by the service while guardians belong to the office; the refusal is shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLineEdit, QWidget

from desktop_app.core.changes import Changes
from desktop_app.core.i18n import N_, _
from desktop_app.settings.opd import OpdSummary, opd_summaries
from desktop_app.ui.operations import settings as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.settings.table_tab import TableTab
from desktop_app.ui.widgets import FormDialog
from desktop_app.ui.widgets.messages import ask, show_failure
from desktop_app.ui.widgets.simple_table import RIGHT, Cell


class OpdDialog(FormDialog):
    """Add an office, or edit ``record``'s code and name. ``saved(UUID)``."""

    def __init__(
        self,
        runner: OperationRunner,
        *,
        record: OpdSummary | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            runner, title=_("Tambah OPD") if record is None else _("Ubah OPD"), parent=parent
        )
        self.record = record
        rows = self.rows()
        self.code = rows.add(
            _("Kode"),
            QLineEdit(),
            field="code",
            required=True,
            hint=_("Singkatan, mis. DINKES, BAPPEDA"),
        )
        self.code.setMaxLength(20)
        self.name = rows.add(_("Nama OPD"), QLineEdit(), field="name", required=True)
        self.name.setMaxLength(150)
        if record is not None:
            self.code.setText(record.code)
            self.name.setText(record.name)
        self.setMinimumWidth(520)

    def save(self) -> None:
        code, name, record = self.code.text(), self.name.text(), self.record
        if record is None:
            self.submit(operations.create_opd(code=code, name=name))
        else:
            self.submit(operations.update_opd(opd_id=record.id, code=code, name=name))


class OpdTab(TableTab):
    headers = (
        N_("Kode"),
        N_("Nama OPD"),
        N_("ASN terdaftar"),
        N_("ASN mengasuh"),
        N_("Anak diasuh"),
    )
    changes = Changes.OPD | Changes.GUARDIANS | Changes.ASSIGNMENTS

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.add_button(_("Tambah OPD"), self.add_new)
        self.edit_button = self.add_button(_("Ubah"), self.edit_selected, needs_row=True)
        self.delete_button = self.add_button(_("Hapus"), self.delete_selected, needs_row=True)
        self.finish_buttons()

    def query(self, session) -> list[OpdSummary]:
        return opd_summaries(session)

    def cells(self, record: OpdSummary) -> Sequence[Cell]:
        return (
            record.code,
            record.name,
            (str(record.asn_count), RIGHT),
            (str(record.guardians_with_children), RIGHT),
            (str(record.children_fostered), RIGHT),
        )

    def row_warning(self, record: OpdSummary) -> str:
        return "" if record.has_submitted else _("Belum ada ASN yang didaftarkan dari OPD ini")

    def add_new(self) -> None:
        self.open_dialog(OpdDialog(self.runner, parent=self))

    def edit_selected(self) -> None:
        record = self.selected()
        if record is not None:
            self.open_dialog(OpdDialog(self.runner, record=record, parent=self))

    def delete_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        question = _("Hapus OPD {name}?").format(name=record.name)
        if not ask(self, _("Hapus OPD"), question, yes=_("Hapus")):
            return
        self.runner.run_op(
            operations.delete_opd(opd_id=record.id),
            on_error=lambda error: show_failure(self, error),
        )
