"""Penugasan dialogs: assign a guardian, transfer a child to another guardian, end an assignment.

Pickers list only sensible choices (children without an active guardian; active guardians with
their current load against the cap, full ones greyed out) via ``desktop_app.assignments.pickers``;
the services still decide, and their refusals (a second active guardian, the cap) are shown to the
user by :class:`~desktop_app.ui.widgets.FormDialog`. Each dialog emits ``saved(UUID)`` with the
id of the assignment it created or ended.
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from desktop_app.assignments.pickers import (
    ChildChoice,
    GuardianChoice,
    children_without_guardian,
    get_assignment,
    guardians_with_counts,
)
from desktop_app.assignments.service import (
    END_REASONS,
    TRANSFER_REASONS,
)
from desktop_app.children.service import ChildRecord, get_child
from desktop_app.core import clock
from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.formatting import format_date, format_rupiah
from desktop_app.core.i18n import _, ngettext
from desktop_app.core.records import AssignmentRecord
from desktop_app.guardians.service import GUARDIAN_KINDS, get_guardian
from desktop_app.labels.stored_codes import code_for_label
from desktop_app.settings.programmes import default_programme, list_programmes
from desktop_app.ui.operations import assignments as operations
from desktop_app.ui.ops import Operation, OperationRunner
from desktop_app.ui.widgets import DateEdit, FormDialog, IdCombo, SearchPicker, editable_combo


def _reason_combo(options: tuple[str, ...]) -> QComboBox:
    """Common reasons to pick from, or type another (the service requires some reason)."""
    return editable_combo(
        [_(o) for o in options], placeholder=_("Pilih atau ketik alasan"), width=30
    )


def _stored_reason(combo: QComboBox) -> str:
    """A listed reason in Indonesian whatever the language shown; a typed one as typed."""
    return code_for_label("assignments", "end_reason", combo.currentText().strip())


def child_label(child: ChildChoice) -> tuple[UUID, str, bool]:
    place = f" · {child.desa_name}" if child.desa_name else ""
    return child.id, f"{child.name} · {_('lahir')} {format_date(child.birth_date)}{place}", True


def guardian_label(guardian: GuardianChoice) -> tuple[UUID, str, bool]:
    where = guardian.opd_name or guardian.company or _(GUARDIAN_KINDS.get(guardian.kind, ""))
    load = ngettext("{n} dari {cap} anak", "{n} dari {cap} anak", guardian.cap).format(
        n=guardian.active_children, cap=guardian.cap
    )
    full = f" — {_('penuh')}" if guardian.is_full else ""
    return guardian.id, f"{guardian.name} · {where} · {load}{full}", not guardian.is_full


def guardian_picker(runner: OperationRunner) -> SearchPicker:
    return SearchPicker(
        runner,
        lambda s, text: guardians_with_counts(s, text=text),
        guardian_label,
        placeholder=_("Cari nama, NIP, OPD atau perusahaan…"),
    )


def _require(pairs: list[tuple[str, object, str]]) -> ValidationError | None:
    """A UI-side "choose one first" check for pickers the service cannot receive empty."""
    missing = [FieldError(name, message) for name, value, message in pairs if value is None]
    return ValidationError(missing) if missing else None


class _AssignmentDialog(FormDialog):
    def submit_checked(self, required: list[tuple[str, object, str]], op: Operation) -> None:
        problem = _require(required)
        if problem is not None:
            self.errors.show(problem)
            return
        self.submit(op)


class AssignDialog(_AssignmentDialog):
    """Make a guardian the foster parent of a child (either may be preset by the caller)."""

    def __init__(
        self,
        runner: OperationRunner,
        *,
        child_id: UUID | None = None,
        guardian_id: UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, title=_("Tugaskan orang tua asuh"), parent=parent)
        rows = self.rows()
        self.child = rows.add(
            _("Anak"),
            SearchPicker(
                runner,
                lambda s, text: children_without_guardian(s, text=text),
                child_label,
                placeholder=_("Cari nama anak, NIK, No. KK atau nama ibu…"),
            ),
            field="child_id",
            required=True,
            hint=_("Hanya anak yang belum memiliki orang tua asuh aktif"),
        )
        self.guardian = rows.add(
            _("Orang tua asuh"), guardian_picker(runner), field="guardian_id", required=True
        )
        self.programme = rows.add(
            _("Program"), IdCombo(placeholder=_("— tanpa program —")), field="programme_id"
        )
        self.start_date = rows.add(
            _("Tanggal mulai"), DateEdit(), field="start_date", required=True
        )
        self.setMinimumSize(640, 560)
        self.runner.read(lambda s: list_programmes(s, active_only=True), on_success=self._fill)
        if child_id is not None:
            self.load(lambda s: get_child(s, child_id=child_id), self._fix_child)
        else:
            self.child.refresh()
        if guardian_id is not None:
            self.load(lambda s: get_guardian(s, guardian_id=guardian_id), self._fix_guardian)
        else:
            self.guardian.refresh()

    def _fill(self, programmes: list) -> None:
        self.programme.set_items(
            (
                p.id,
                _("{name} · {amount}/bulan").format(
                    name=p.name, amount=format_rupiah(p.monthly_aid)
                ),
            )
            for p in programmes
        )
        chosen = default_programme(programmes, today=clock.today())
        if chosen is not None:
            self.programme.set_current_id(chosen.id)

    def _fix_child(self, record: ChildRecord) -> None:
        self.child.set_fixed(
            record.id, f"{record.name} · {_('lahir')} {format_date(record.birth_date)}"
        )

    def _fix_guardian(self, record) -> None:
        self.guardian.set_fixed(record.id, record.name)

    def save(self) -> None:
        child_id, guardian_id = self.child.value(), self.guardian.value()
        programme_id, start = self.programme.current_id(), self.start_date.value()
        self.submit_checked(
            [
                ("child_id", child_id, _("Pilih anak terlebih dahulu")),
                ("guardian_id", guardian_id, _("Pilih orang tua asuh terlebih dahulu")),
            ],
            operations.assign_guardian(
                child_id=child_id,
                guardian_id=guardian_id,
                programme_id=programme_id,
                start_date=start,
            ),
        )


class TransferDialog(_AssignmentDialog):
    """Hand a child to another guardian; the current assignment ends as "dialihkan"."""

    def __init__(
        self, runner: OperationRunner, *, child_id: UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, title=_("Alihkan orang tua asuh"), parent=parent)
        self.child_id = child_id
        rows = self.rows()
        self.current = rows.add(_("Saat ini"), QLabel("…"))
        self.current.setWordWrap(True)
        self.guardian = rows.add(
            _("Orang tua asuh baru"), guardian_picker(runner), field="guardian_id", required=True
        )
        self.on = rows.add(_("Tanggal pengalihan"), DateEdit(), field="on", required=True)
        self.reason = rows.add(
            _("Alasan"), _reason_combo(TRANSFER_REASONS), field="reason", required=True
        )
        self.setMinimumSize(620, 500)
        self.load(lambda s: get_child(s, child_id=child_id), self._show_current)
        self.guardian.refresh()

    def _show_current(self, record: ChildRecord) -> None:
        active = record.active_assignment
        if active is None:
            self.current.setText(
                _("{child} belum memiliki orang tua asuh aktif").format(child=record.name)
            )
            return
        self.current.setText(
            _("{child} diasuh oleh {guardian} sejak {start}").format(
                child=record.name,
                guardian=active.guardian_name,
                start=format_date(active.start_date),
            )
        )

    def save(self) -> None:
        guardian_id, on, reason = (
            self.guardian.value(),
            self.on.value(),
            _stored_reason(self.reason),
        )
        child_id = self.child_id
        self.submit_checked(
            [("guardian_id", guardian_id, _("Pilih orang tua asuh baru terlebih dahulu"))],
            operations.transfer_assignment(
                child_id=child_id, new_guardian_id=guardian_id, on=on, reason=reason
            ),
        )


class EndAssignmentDialog(_AssignmentDialog):
    """End an active assignment (status "selesai"); the child is then without a guardian."""

    def __init__(
        self, runner: OperationRunner, *, assignment_id: UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, title=_("Akhiri penugasan"), parent=parent)
        self.assignment_id = assignment_id
        rows = self.rows()
        self.summary = rows.add(_("Penugasan"), QLabel("…"))
        self.summary.setWordWrap(True)
        self.on = rows.add(_("Tanggal berakhir"), DateEdit(), field="on", required=True)
        self.reason = rows.add(
            _("Alasan"), _reason_combo(END_REASONS), field="reason", required=True
        )
        self.save_button.setText(_("Akhiri penugasan"))
        self.setMinimumWidth(520)
        self.load(lambda s: get_assignment(s, assignment_id=assignment_id), self._show)

    def _show(self, record: AssignmentRecord) -> None:
        self.summary.setText(
            _("{guardian} mengasuh {child} sejak {start}").format(
                guardian=record.guardian_name,
                child=record.child_name,
                start=format_date(record.start_date),
            )
        )

    def save(self) -> None:
        on, reason, assignment_id = self.on.value(), _stored_reason(self.reason), self.assignment_id
        self.submit_checked(
            [], operations.end_assignment(assignment_id=assignment_id, on=on, reason=reason)
        )
