"""The duplicate window for a guardian (:mod:`desktop_app.ui.widgets.duplicate_dialog`): the same
name with the same birth date, phone or company may be saved with a reason. (A NIP already
registered is refused under the NIP field, naming its holder.)"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.core.i18n import _
from desktop_app.core.masking import mask_nik
from desktop_app.guardians.service import DuplicateGuardianError
from desktop_app.ui.widgets.duplicate_dialog import DuplicateDialog

__all__ = ["guardian_duplicate_dialog"]


def guardian_duplicate_dialog(
    error: DuplicateGuardianError, parent: QWidget | None
) -> DuplicateDialog:
    return DuplicateDialog(
        title=_("Kemungkinan data ganda"),
        intro=_(
            "Orang tua asuh berikut sudah terdaftar dan mirip dengan data yang akan disimpan. "
            "Periksa dulu agar satu orang tidak terdaftar dua kali."
        ),
        headers=[_("Nama"), "NIP", _("OPD/perusahaan"), _("Alasan")],
        rows=[(c.name, mask_nik(c.nip), c.detail, c.reason) for c in error.candidates],
        ids=[c.guardian_id for c in error.candidates],
        refused=False,
        parent=parent,
    )
