"""Nonaktifkan / Aktifkan kembali: take a guardian out of (or back into) the assignment picker.

An ASN who retired, moved district or withdrew stays in the registry for history and reports.
Active assignments are never ended from here: ending one needs a date and a reason, chosen in
Penugasan. A guardian who still fosters children is therefore refused before the question, in
the service's own words; the service refuses as well, in case an assignment was made meanwhile.
GUI thread only; the change runs through the operation runner.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop_app.core.i18n import _
from desktop_app.core.permissions import PIMPINAN
from desktop_app.guardians.queries import GuardianRow
from desktop_app.guardians.service import still_fostering_message
from desktop_app.ui.auth.identity import current_role
from desktop_app.ui.operations import guardians as operations
from desktop_app.ui.ops import Operation, OperationRunner
from desktop_app.ui.widgets import messages


def may_change_guardians(runner: OperationRunner) -> bool:
    """False for Pimpinan (read and print only); the permission guard refuses anyway, the
    disabled button only spares them the refusal."""
    return current_role(runner) != PIMPINAN


def action_text(row: GuardianRow | None) -> str:
    """The button's words for the selected guardian's state."""
    return _("Aktifkan kembali") if row is not None and not row.active else _("Nonaktifkan")


def action_texts() -> tuple[str, ...]:
    """Every text the button can show (it is sized for the longest, so the row never jumps)."""
    return (_("Nonaktifkan"), _("Aktifkan kembali"))


def toggle_guardian_active(
    parent: QWidget,
    runner: OperationRunner,
    row: GuardianRow,
    *,
    on_done: Callable[[object], None] | None = None,
) -> None:
    """Deactivate an active guardian or reactivate an inactive one, after asking."""
    if row.active:
        _deactivate(parent, runner, row, on_done)
    else:
        _reactivate(parent, runner, row, on_done)


def _deactivate(
    parent: QWidget,
    runner: OperationRunner,
    row: GuardianRow,
    on_done: Callable[[object], None] | None,
) -> None:
    if row.active_children:
        messages.show_error(
            parent,
            still_fostering_message(row.name, row.active_children),
            title=_("Tidak dapat dinonaktifkan"),
        )
        return
    question = _(
        "{name} tidak akan ditawarkan lagi untuk penugasan baru. Riwayat pengasuhan dan "
        "laporannya tetap tersimpan; orang tua asuh nonaktif dapat dilihat dengan saringan "
        "status \u201cNonaktif\u201d dan diaktifkan kembali kapan saja."
    ).format(name=row.name)
    _ask_then_write(parent, runner, row, on_done, operations.deactivate_guardian,
                    _("Nonaktifkan orang tua asuh"), question, _("Nonaktifkan"))  # fmt: skip


def _reactivate(
    parent: QWidget,
    runner: OperationRunner,
    row: GuardianRow,
    on_done: Callable[[object], None] | None,
) -> None:
    question = _("{name} akan ditawarkan lagi untuk penugasan baru.").format(name=row.name)
    title = _("Aktifkan kembali orang tua asuh")
    _ask_then_write(parent, runner, row, on_done, operations.reactivate_guardian, title,
                    question,
                    _("Aktifkan kembali"))  # fmt: skip


def _ask_then_write(
    parent: QWidget,
    runner: OperationRunner,
    row: GuardianRow,
    on_done: Callable[[object], None] | None,
    build: Callable[..., Operation],
    title: str,
    question: str,
    yes: str,
) -> None:
    """Ask; on yes run the operation ``build(guardian_id=...)`` through the runner."""
    if not messages.ask(parent, title, question, yes=yes):
        return
    runner.run_op(
        build(guardian_id=row.uuid),
        on_success=on_done,
        on_error=lambda error: messages.show_failure(parent, error),
    )
