"""The duplicate window for a child (:mod:`desktop_app.ui.widgets.duplicate_dialog`): the same
NIK is refused with "Buka data yang ada"; a name, birth date and mother match may be saved with
a reason."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.children.service import DuplicateChildError
from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import _
from desktop_app.core.masking import mask_nik
from desktop_app.ui.widgets.duplicate_dialog import DuplicateDialog, DuplicateOutcome

__all__ = ["DuplicateDialog", "DuplicateOutcome", "child_duplicate_dialog"]


def child_duplicate_dialog(error: DuplicateChildError, parent: QWidget | None) -> DuplicateDialog:
    if error.refused:
        title, intro = _("NIK sudah terdaftar"), str(error)
    else:
        title = _("Kemungkinan data ganda")
        intro = _(
            "Anak berikut sudah terdaftar dan mirip dengan data yang akan disimpan. "
            "Periksa dulu agar satu anak tidak terdaftar dua kali."
        )
    return DuplicateDialog(
        title=title,
        intro=intro,
        headers=[_("Nama"), "NIK", _("Tanggal lahir"), _("Nama ibu"), _("Alasan")],
        rows=[
            (c.name, mask_nik(c.nik), format_date(c.birth_date), c.mother_name or "", c.reason)
            for c in error.candidates
        ],
        ids=[c.child_id for c in error.candidates],
        refused=error.refused,
        parent=parent,
    )
