"""UU PDP requests from the child page (Admin): a copy of all data, or erasure of the identity.

"Salin seluruh data anak" writes a password-protected ZIP (JSON + child card PDF) for the family;
"Hapus identitas anak" anonymises the child with a reason that stays in the audit trail. Both
run the Admin-only services through the runner; a refusal arrives as its message.
"""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.ui.auth.password_fields import PasswordFields
from desktop_app.ui.operations import children as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets import FormDialog

_WARNING = "color: #8a4b00; background: #fff4e0; padding: 8px; border-radius: 4px;"


class ExportChildDataDialog(FormDialog):
    """Where to write the copy and the password the family will open it with."""

    def __init__(
        self,
        runner: OperationRunner,
        *,
        child_id: UUID,
        child_name: str,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, title=_("Salin seluruh data anak (UU PDP)"), parent=parent)
        self.child_id = child_id
        rows = self.rows()
        intro = QLabel(
            _("Berkas ZIP berkata sandi berisi seluruh data {name} yang disimpan Asuh (data "
              "lengkap JSON dan kartu anak PDF), untuk diberikan kepada orang tua/wali. "
              "Sampaikan kata sandinya secara terpisah.").format(name=child_name)
        )  # fmt: skip
        intro.setWordWrap(True)
        rows.add("", intro)
        slug = "-".join(child_name.lower().split()) or "anak"
        default = (folder or Path.home()) / f"data-anak-{slug}.zip"
        self.path = QLineEdit(str(default))
        browse = QPushButton(_("Pilih..."))
        browse.clicked.connect(self._choose)
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.path, 1)
        line.addWidget(browse)
        rows.add(_("Simpan ke"), holder, field="path", required=True)
        self.passwords = PasswordFields(rows, label=_("Kata sandi berkas"))
        self.save_button.setText(_("Simpan salinan"))
        self.setMinimumWidth(560)

    def _choose(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Simpan salinan data anak"), self.path.text(), _("Arsip ZIP (*.zip)")
        )
        if path:
            self.path.setText(path)

    def save(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.handle_error(ValidationError([FieldError("path", _("Pilih tempat menyimpan"))]))
            return
        try:
            password = self.passwords.value()
        except ValidationError as error:
            self.handle_error(error)
            return
        self.submit(
            operations.export_child_data(child_id=self.child_id, path=Path(text), password=password)
        )


class AnonymiseChildDialog(FormDialog):
    """Erasure with its reason; says plainly what goes and what stays."""

    def __init__(
        self,
        runner: OperationRunner,
        *,
        child_id: UUID,
        child_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, title=_("Hapus identitas anak (UU PDP)"), parent=parent)
        self.child_id = child_id
        rows = self.rows()
        warning = QLabel(
            _("Identitas {name} akan dihapus permanen: nama, NIK, No. KK, nama orang tua, "
              "alamat, telepon dan catatan, juga di riwayat perubahan, di konflik sinkronisasi "
              "dan di server kabupaten setelah sinkronisasi berikutnya. Jenis kelamin, tanggal "
              "lahir, wilayah, pengukuran dan bantuan tetap ada untuk angka program. Anak "
              "dikeluarkan dari program. Tindakan ini tidak dapat dibatalkan; cadangan lama "
              "terhapus sesuai jadwal rotasi cadangan.").format(name=child_name)
        )  # fmt: skip
        warning.setWordWrap(True)
        warning.setStyleSheet(_WARNING)
        rows.add("", warning)
        self.reason = rows.add(
            _("Alasan"),
            QLineEdit(),
            field="reason",
            required=True,
            hint=_("Mis. permintaan ibu, surat tanggal 2 Desember 2026"),
        )
        self.save_button.setText(_("Hapus identitas"))
        self.setMinimumWidth(560)

    def save(self) -> None:
        self.submit(operations.anonymise_child(child_id=self.child_id, reason=self.reason.text()))
