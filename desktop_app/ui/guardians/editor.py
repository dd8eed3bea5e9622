"""Orang tua asuh form: ASN (NIP, OPD, jabatan, golongan), CSR (perusahaan, narahubung), lainnya.

The kind switch shows only the rows that kind needs. As a NIP is typed, the row's hint says
what it decodes to (birth date, TMT, sex) or what is wrong with it, before anything is saved;
the service still validates on save (``register_guardian`` / ``update_guardian``).
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desktop_app.core.codes import GuardianKind
from desktop_app.core.i18n import N_, _, translated_items
from desktop_app.guardians.service import (
    GUARDIAN_KINDS,
    DuplicateGuardianError,
    GuardianForm,
    GuardianRecord,
    get_guardian,
)
from desktop_app.settings.opd import list_opds
from desktop_app.ui.guardians.duplicate_dialog import guardian_duplicate_dialog
from desktop_app.ui.operations import guardians as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets import (
    ChoiceButtons,
    DigitsEdit,
    FormDialog,
    IdCombo,
    editable_combo,
    line_edit,
)
from desktop_app.ui.widgets.duplicate_dialog import DuplicateOutcome
from desktop_app.ui.widgets.texts import nip_summary

#: Golongan ruang of PNS (I/a ... IV/e); other ranks (PPPK) can be typed.
RANKS = tuple(
    f"{g}/{r}"
    for g, rs in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
    for r in rs
)
_KIND_ROWS = {
    GuardianKind.ASN: ("nip", "opd_id", "position", "rank"),
    GuardianKind.CSR: ("company", "contact_person"),
    "lainnya": (),
}
_PHONE_HINT = "08xx atau +62xx"
_EMAIL_HINT = "nama@contoh.go.id"
_NIP_HINT = N_("18 angka: tanggal lahir, TMT, jenis kelamin, nomor urut")


class GuardianEditorDialog(FormDialog):
    """New guardian when ``guardian_id`` is None, else edits it. ``saved(UUID)`` on success;
    ``open_existing(UUID)`` when the user chose to open a similar guardian already registered."""

    open_existing = Signal(object)

    def __init__(
        self,
        runner: OperationRunner,
        *,
        guardian_id: UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Tambah orang tua asuh") if guardian_id is None else _("Ubah orang tua asuh")
        super().__init__(runner, title=title, parent=parent)
        self.guardian_id = guardian_id
        rows = self.rows()
        self.form_rows = rows
        self.kind = rows.add(
            _("Jenis"), ChoiceButtons(translated_items(GUARDIAN_KINDS)), field="kind", required=True
        )
        self.name = rows.add(_("Nama lengkap"), line_edit(), field="name", required=True)
        self.nip = rows.add("NIP", DigitsEdit(18), field="nip", required=True, hint=_(_NIP_HINT))
        self.opd = rows.add("OPD", IdCombo(), field="opd_id", required=True)
        self.position = rows.add(_("Jabatan"), line_edit(), field="position")
        self.rank = editable_combo(RANKS, placeholder="III/a", width=8)
        rows.add(_("Pangkat/golongan"), self.rank, field="rank")
        self.company = rows.add(_("Nama perusahaan"), line_edit(), field="company", required=True)
        self.contact_person = rows.add(_("Narahubung"), line_edit(), field="contact_person")
        self.phone = rows.add(
            _("No. HP"), line_edit(_("08xx atau +62xx"), max_length=20), field="phone"
        )
        self.email = rows.add(
            _("Email"), line_edit("nama@contoh.go.id", max_length=120), field="email"
        )
        self.notes = rows.add(_("Catatan"), QPlainTextEdit(), field="notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.kind.changed.connect(self._show_kind_rows)
        self.nip.textEdited.connect(self._describe_nip)
        self.kind.setValue(GuardianKind.ASN)
        self._show_kind_rows(GuardianKind.ASN)
        self.setMinimumWidth(560)
        self.runner.read(list_opds, on_success=self._fill_opds)
        if guardian_id is not None:
            self.load(lambda s: get_guardian(s, guardian_id=guardian_id), self.fill)
        self.name.setFocus()

    def _fill_opds(self, opds: list) -> None:
        self.opd.set_items((o.id, f"{o.name} ({o.code})" if o.code else o.name) for o in opds)

    def _show_kind_rows(self, kind: str) -> None:
        for rows_kind, fields in _KIND_ROWS.items():
            for name in fields:
                self.form_rows.set_row_visible(name, rows_kind == kind)
        self.adjustSize()

    def _describe_nip(self, text: str) -> None:
        if len(text) < 18:
            self.form_rows.set_hint("nip", _(_NIP_HINT))
            return
        summary, ok = nip_summary(text)
        self.form_rows.set_hint("nip", summary, colour="#2e7d32" if ok else "#b26a00")

    def form(self) -> GuardianForm:
        """The typed values; fields of other kinds are left empty so nothing stale is saved."""
        kind = self.kind.value() or ""
        asn, csr = kind == GuardianKind.ASN, kind == GuardianKind.CSR
        return GuardianForm(
            kind=kind,
            name=self.name.text(),
            nip=self.nip.text() if asn else "",
            opd_id=self.opd.current_id() if asn else None,
            position=self.position.text() if asn else "",
            rank=self.rank.currentText() if asn else "",
            phone=self.phone.text(),
            email=self.email.text(),
            company=self.company.text() if csr else "",
            contact_person=self.contact_person.text() if csr else "",
            notes=self.notes.toPlainText(),
        )

    def fill(self, record: GuardianRecord) -> None:
        self.kind.setValue(record.kind)
        self._show_kind_rows(record.kind)
        for edit, text in (
            (self.name, record.name),
            (self.position, record.position),
            (self.phone, record.phone),
            (self.email, record.email),
            (self.company, record.company),
            (self.contact_person, record.contact_person),
        ):
            edit.setText(text or "")
        self.nip.setText(record.nip or "")
        self._describe_nip(record.nip or "")
        self.opd.set_current_id(record.opd_id)
        self.rank.setCurrentText(record.rank or "")
        self.notes.setPlainText(record.notes or "")

    def save(self, *, duplicate_reason: str | None = None) -> None:
        form, guardian_id = self.form(), self.guardian_id
        if guardian_id is None:
            self.submit(operations.register_guardian(form=form, duplicate_reason=duplicate_reason))
        else:
            self.submit(
                operations.update_guardian(
                    guardian_id=guardian_id, form=form, duplicate_reason=duplicate_reason
                )
            )

    def handle_error(self, error: Exception) -> None:
        if isinstance(error, DuplicateGuardianError):
            dialog = guardian_duplicate_dialog(error, self)
            dialog.exec()
            if dialog.outcome is DuplicateOutcome.SAVE_ANYWAY:
                self.save(duplicate_reason=dialog.reason)
            elif dialog.outcome is DuplicateOutcome.OPEN_EXISTING:
                self.open_existing.emit(dialog.existing_id)
                self.reject()
            return
        super().handle_error(error)
