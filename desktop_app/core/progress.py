"""Progress is data (STYLE.md rule 7): long jobs report ``(done, total, label)``.

Domain jobs (imports, reports, sync, backups) take a ``progress`` callable and call it between
batches. Tests pass a list's ``append``-like recorder; the GUI passes one that forwards to a
progress dialog and raises :class:`Cancelled` once the user pressed Batal, so a job stops at the
next batch boundary, inside its transaction, and the caller rolls back.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _

ProgressFn = Callable[[int, int, str], None]


class Cancelled(DomainError):
    """The user cancelled a long job; nothing it did is kept."""

    def __init__(self) -> None:
        super().__init__(_("Dibatalkan oleh pengguna; tidak ada data yang diubah."))


def no_progress(_done: int, _total: int, _label: str) -> None:
    """Default for callers that do not show progress."""
