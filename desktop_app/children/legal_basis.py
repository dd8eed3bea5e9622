"""On what ground Asuh may hold a child's health data (UU No. 27 Tahun 2022, pasal 20).

Growth measurements and nutrition status are *data pribadi yang bersifat spesifik*. Processing
them needs a recorded basis: the parent's explicit consent (the usual case; ``consent_date`` and
``consent_by`` on the child), or another basis the law names with a note saying where it comes
from (e.g. "SK Bupati No. 188/123/2026 tentang Genting": a public task; or a vital interest of
the child). Without one, no visit (measurement) is saved for the child, and Beranda counts such
children so the office can collect the forms.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from desktop_app.core.i18n import N_, _

CONSENT = "persetujuan"
PUBLIC_TASK = "tugas_publik"
VITAL_INTEREST = "kepentingan_vital"

#: Stored code -> label. ``CONSENT`` is implied by a recorded consent; the others need a note.
LEGAL_BASES = {
    CONSENT: N_("Persetujuan orang tua/wali"),
    PUBLIC_TASK: N_("Tugas pemerintahan/pelayanan publik (dengan dasar hukum)"),
    VITAL_INTEREST: N_("Kepentingan vital anak"),
}
NOTE_REQUIRED = frozenset({PUBLIC_TASK, VITAL_INTEREST})
NOTE_MAX = 200


class HasBasis(Protocol):
    @property
    def consent_date(self) -> date | None: ...
    @property
    def consent_by(self) -> str | None: ...
    @property
    def legal_basis(self) -> str | None: ...
    @property
    def legal_basis_note(self) -> str | None: ...


def has_legal_basis(child: HasBasis) -> bool:
    """A recorded consent, or another basis with its note."""
    if child.consent_date is not None and child.consent_by:
        return True
    return child.legal_basis in NOTE_REQUIRED and bool((child.legal_basis_note or "").strip())


def legal_basis_problem(code: str, note: str) -> str | None:
    """What is wrong with a chosen basis and its note ("" = consent, decided by the consent
    fields), or None."""
    if not code or code == CONSENT:
        return None
    if code not in LEGAL_BASES:
        return _("Dasar pemrosesan data tidak dikenal")
    if not note.strip():
        return _("Tuliskan dasar hukumnya (mis. nomor SK Bupati) untuk dasar pemrosesan ini")
    if len(note) > NOTE_MAX:
        return _("Keterangan dasar pemrosesan terlalu panjang (maksimal {n} karakter)").format(
            n=NOTE_MAX
        )
    return None


def missing_basis_message(name: str) -> str:
    return _(
        "Data kesehatan {name} belum dapat disimpan: belum ada persetujuan orang tua/wali atau "
        "dasar pemrosesan lain. Lengkapi bagian Persetujuan di data anak terlebih dahulu."
    ).format(name=name)
