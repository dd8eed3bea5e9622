"""Catat kunjungan: the visit form, with the child's status computed as values are typed.

Opened for a given child (``child_id``), for a visit to correct (``visit_id``) or blank (the
child is searched by name/NIK). On every edit the z-scores and categories beside the fields are
recomputed on the GUI thread (pure Python, under a millisecond). A visit date before birth or in
the future is marked under the field at once. The child's previous measurement is shown beside
the fields with what the typed values disagree with (:mod:`.history_panel`). Saving goes through
the runner; an implausible value (``ImplausibleMeasurementError``) or a disagreement with the
history (``VisitCheckError``) is saved only if the user confirms, and that answer is stored.
``saved(object)`` carries the visit's UUID.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import clock
from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import _, translated_items
from desktop_app.core.masking import mask_nik
from desktop_app.ui.operations import visits as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.visits.assessment_view import AssessmentView
from desktop_app.ui.visits.history_panel import Answer, HistoryPanel, ask_to_confirm
from desktop_app.ui.widgets import (
    CheckboxGroup,
    ChoiceButtons,
    DateEdit,
    DecimalEdit,
    FormDialog,
    FormSection,
    SearchPicker,
    messages,
)
from desktop_app.ui.widgets.texts import SEX_LABELS
from desktop_app.visits.checks import PastMeasurement, assumed_measure_note
from desktop_app.visits.preview import preview_assessment
from desktop_app.visits.queries import VisitChild, visit_child, visit_children, visit_history
from desktop_app.visits.service import (
    EDUCATION_TOPICS,
    HELP_TYPES,
    MEASURES,
    PLACES,
    ImplausibleMeasurementError,
    VisitCheckError,
    VisitForm,
    VisitRecord,
    get_visit,
    visit_date_problem,
)

if TYPE_CHECKING:
    from desktop_app.core.session import Session


_SIZE = QSize(1000, 720)


def _text_box(height: int = 54) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setFixedHeight(height)
    box.setTabChangesFocus(True)
    return box


class VisitFormDialog(FormDialog):
    """The visit form. GUI thread only; reads and saves through ``runner``."""

    def __init__(
        self,
        runner: OperationRunner,
        *,
        child_id: UUID | None = None,
        visit_id: UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Ubah kunjungan") if visit_id else _("Catat kunjungan")
        super().__init__(runner, title=title, parent=parent)
        self.visit_id = visit_id
        self.child: VisitChild | None = None
        self.guardian_id: UUID | None = None  # None: the child's active guardian
        self._children: dict[Any, VisitChild] = {}
        self._pending_form: VisitForm | None = None
        self._confirm_implausible = False
        self._confirmed_checks: tuple[str, ...] = ()
        self._build()
        self.resize(_SIZE)
        if visit_id is not None:
            self.load(lambda s: self._read_visit(s, visit_id), self._fill_visit)
        elif child_id is not None:
            self.load(lambda s: visit_child(s, child_id=child_id), self._fix_child)
        else:
            self.picker.refresh()
        self._update_preview()

    def fit_to_content(self) -> None:
        """The planned 1000 x 720 within the screen: the fields scroll in their own area, so the
        content's size hint (which ``FormDialog`` fits) would leave the form a few rows high."""
        super().fit_to_content()
        screen = self.screen() or QGuiApplication.primaryScreen()
        width, height = max(self.width(), _SIZE.width()), max(self.height(), _SIZE.height())
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 60)
        self.resize(width, height)

    # -- layout ---------------------------------------------------------------
    def _build(self) -> None:
        columns = QHBoxLayout()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        left = QWidget()
        scroll.setWidget(left)
        form = QVBoxLayout(left)
        form.setContentsMargins(0, 0, 8, 0)
        form.addWidget(self._visit_section())
        form.addWidget(self._measure_section())
        form.addWidget(self._coaching_section())
        form.addStretch(1)
        # On a narrow screen (or at 150% scaling) the status pane gives way, not the fields: a
        # viewport narrower than the form would cut the longer English rows at the right edge.
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(left.minimumSizeHint().width() + bar + 2 * scroll.frameWidth())
        columns.addWidget(scroll, 3)
        self.assessment = AssessmentView(self)
        columns.addWidget(self.assessment, 2)
        self.body.addLayout(columns)

    def _visit_section(self) -> FormSection:
        section = FormSection(_("Anak dan kunjungan"), self.errors, self)
        self.picker = SearchPicker(
            self.runner,
            self._query_children,
            self._describe_child,
            placeholder=_("Cari nama anak, NIK, No. KK atau nama ibu…"),
            parent=self,
        )
        self.picker.changed.connect(self._child_chosen)
        section.add(_("Anak"), self.picker, field="child_id", required=True)
        self.child_info = QLabel(wordWrap=True)
        self.child_info.setProperty("role", "hint")
        section.add(_("Orang tua asuh"), self.child_info)
        self.visit_date = DateEdit(parent=self)
        section.add(_("Tanggal kunjungan"), self.visit_date, field="visit_date", required=True)
        # After ``add``: FormErrors clears the field's error on edit, then this re-checks it.
        self.visit_date.changed.connect(self._date_changed)
        self.place = ChoiceButtons(translated_items(PLACES), self)
        self.place.setValue("rumah")
        section.add(_("Tempat"), self.place, field="place", required=True)
        return section

    def _measure_section(self) -> FormSection:
        section = FormSection(_("Pengukuran"), self.errors, self)
        self.history_panel = HistoryPanel(self)
        section.add(_("Pengukuran terakhir"), self.history_panel)
        self.weight = DecimalEdit(decimals=1, unit="kg", parent=self)
        section.add(_("Berat badan (kg)"), self.weight, field="weight_kg")
        self.lenhei = DecimalEdit(decimals=1, unit="cm", parent=self)
        section.add(_("Panjang/tinggi badan (cm)"), self.lenhei, field="lenhei_cm")
        self.measure = ChoiceButtons(translated_items(MEASURES), self)
        section.add(_("Cara ukur"), self.measure, field="measure")
        self.headc = DecimalEdit(decimals=1, unit="cm", parent=self)
        section.add(_("Lingkar kepala (cm)"), self.headc, field="headc_cm")
        self.muac = DecimalEdit(decimals=1, unit="cm", parent=self)
        section.add(_("LiLA (cm)"), self.muac, field="muac_cm")
        self.oedema = QCheckBox(_("Ada edema (bengkak) pada kedua punggung kaki"), self)
        section.add(_("Edema"), self.oedema, field="oedema")
        for edit in (self.weight, self.lenhei, self.headc, self.muac):
            edit.textChanged.connect(self._update_preview)
        self.measure.changed.connect(self._update_preview)
        self.oedema.toggled.connect(self._update_preview)
        return section

    def _coaching_section(self) -> FormSection:
        section = FormSection(_("Penyuluhan, bantuan dan tindak lanjut"), self.errors, self)
        self.topics = CheckboxGroup(translated_items(EDUCATION_TOPICS), columns=2, parent=self)
        section.add(_("Topik penyuluhan"), self.topics, field="topics")
        self.help_given = CheckboxGroup(translated_items(HELP_TYPES), columns=2, parent=self)
        section.add(_("Bantuan diberikan"), self.help_given, field="help_given")
        self.notes = _text_box()
        section.add(_("Catatan"), self.notes, field="notes")
        self.follow_up = _text_box()
        section.add(_("Rencana tindak lanjut"), self.follow_up, field="follow_up")
        self.next_visit = DateEdit(optional=True, parent=self)
        section.add(_("Kunjungan berikutnya"), self.next_visit, field="next_visit_date")
        return section

    # -- child ---------------------------------------------------------------
    def _query_children(self, session: Session, text: str) -> list[VisitChild]:
        return visit_children(session, text=text)

    def _describe_child(self, child: VisitChild) -> tuple[Any, str, bool]:
        self._children[child.id] = child
        parts = [
            child.name,
            mask_nik(child.nik) or _("tanpa NIK"),
            format_date(child.birth_date),
        ]
        if child.desa_name:
            parts.append(child.desa_name)
        return child.id, " · ".join(parts), True

    def _child_chosen(self, child_id: Any) -> None:
        self._set_child(self._children.get(child_id))

    def _fix_child(self, child: VisitChild) -> None:
        self._children[child.id] = child
        label = f"{child.name} · {mask_nik(child.nik) or _('tanpa NIK')}"
        self.picker.set_fixed(child.id, label)
        self._set_child(child)

    def _set_child(self, child: VisitChild | None) -> None:
        self.child = child
        if child is None:
            self.child_info.setText(_("Pilih anak terlebih dahulu"))
        else:
            sex = _(SEX_LABELS.get(child.sex, child.sex))
            guardian = child.guardian_name or _("belum ada orang tua asuh aktif")
            text = _("{guardian} · anak {sex}, lahir {birth}").format(
                guardian=guardian, sex=sex.lower(), birth=format_date(child.birth_date)
            )
            self.child_info.setText(f"{text} · {child.desa_name}" if child.desa_name else text)
        self.history_panel.set_history(None)
        if child is not None:
            child_id, visit_id = child.id, self.visit_id
            self.runner.read(
                lambda s: visit_history(s, child_id=child_id, exclude_visit_id=visit_id),
                on_success=self._history_loaded,
            )
        self._date_changed()

    def _history_loaded(self, history: list[PastMeasurement]) -> None:
        self.history_panel.set_history(history)
        self._update_preview()

    # -- live feedback ---------------------------------------------------------------
    def _date_changed(self, *_args: object) -> None:
        problem = None
        if self.child is not None:
            problem = visit_date_problem(
                self.visit_date.value(), self.child.birth_date, clock.today()
            )
        if problem:
            self.errors.show(ValidationError([FieldError("visit_date", problem)]))
        else:
            self.errors.clear("visit_date")
        self._update_preview()

    def _update_preview(self, *_args: object) -> None:
        child, on = self.child, self.visit_date.value()
        if child is None or on is None or on < child.birth_date:
            self.assessment.show_preview(None)
            self.assessment.set_position_note("")
            return
        lenhei, measure = self.lenhei.value(), self.measure.value()
        self.history_panel.update_checks(
            birth_date=child.birth_date,
            visit_date=on,
            weight_kg=self.weight.value(),
            lenhei_cm=lenhei,
            measure=measure if lenhei is not None else None,
        )
        self.assessment.set_position_note(
            assumed_measure_note(
                birth_date=child.birth_date, visit_date=on, lenhei_cm=lenhei, measure=measure
            )
        )
        self.assessment.show_preview(
            preview_assessment(
                sex=child.sex,
                birth_date=child.birth_date,
                visit_date=on,
                weight_kg=self.weight.value(),
                lenhei_cm=lenhei,
                measure=self.measure.value() if lenhei is not None else None,
                oedema=self.oedema.isChecked(),
                headc_cm=self.headc.value(),
                muac_cm=self.muac.value(),
            )
        )

    # -- edit mode ---------------------------------------------------------------
    @staticmethod
    def _read_visit(session: Session, visit_id: UUID) -> tuple[VisitRecord, VisitChild]:
        record = get_visit(session, visit_id=visit_id)
        return record, visit_child(session, child_id=record.child_id)

    def _fill_visit(self, loaded: tuple[VisitRecord, VisitChild]) -> None:
        record, child = loaded
        self._fix_child(child)
        self.guardian_id = record.guardian_id
        self.visit_date.setValue(record.visit_date)
        self.place.setValue(record.place)
        self.weight.setValue(record.weight_kg)
        self.lenhei.setValue(record.lenhei_cm)
        self.measure.setValue(record.measure)
        self.headc.setValue(record.headc_cm)
        self.muac.setValue(record.muac_cm)
        self.oedema.setChecked(record.oedema)
        self.topics.set_values(record.topics)
        self.help_given.set_values(record.help_given)
        self.notes.setPlainText(record.notes or "")
        self.follow_up.setPlainText(record.follow_up or "")
        self.next_visit.setValue(record.next_visit_date)
        self._update_preview()

    # -- saving ---------------------------------------------------------------
    def form_value(self) -> VisitForm:
        """What the user entered, as the service's form."""
        return VisitForm(
            child_id=self.child.id if self.child is not None else None,
            guardian_id=self.guardian_id,
            visit_date=self.visit_date.value(),
            place=self.place.value() or "",
            weight_kg=self.weight.value(),
            lenhei_cm=self.lenhei.value(),
            measure=self.measure.value(),
            headc_cm=self.headc.value(),
            muac_cm=self.muac.value(),
            oedema=self.oedema.isChecked(),
            topics=self.topics.values(),
            help_given=self.help_given.values(),
            notes=self.notes.toPlainText(),
            follow_up=self.follow_up.toPlainText(),
            next_visit_date=self.next_visit.value(),
        )

    def save(self) -> None:
        self._confirm_implausible, self._confirmed_checks = False, ()
        self._submit(self.form_value())

    def _submit(self, form: VisitForm) -> None:
        self._pending_form = form
        visit_id = self.visit_id
        confirm, checks = self._confirm_implausible, self._confirmed_checks
        if visit_id is None:
            self.submit(
                operations.record_visit(
                    form=form, confirm_implausible=confirm, confirmed_checks=checks
                )
            )
        else:
            self.submit(
                operations.update_visit(
                    visit_id=visit_id,
                    form=form,
                    confirm_implausible=confirm,
                    confirmed_checks=checks,
                )
            )

    def handle_error(self, error: Exception) -> None:
        pending = self._pending_form
        if isinstance(error, ImplausibleMeasurementError) and pending is not None:
            question = (
                str(error)
                + "\n\n"
                + _(
                    "Nilai ini jarang terjadi dan biasanya salah ketik atau salah ukur. "
                    "Simpan kunjungan dengan nilai ini?"
                )
            )
            if messages.ask(
                self,
                _("Periksa pengukuran"),
                question,
                yes=_("Ya, simpan"),
                no=_("Periksa lagi"),
            ):
                self._confirm_implausible = True
                self._submit(pending)
            return
        if isinstance(error, VisitCheckError) and pending is not None:
            answer = ask_to_confirm(self, error.checks)
            if answer is Answer.SAVE:
                self._confirmed_checks = tuple(check.code for check in error.checks)
                self._submit(pending)
            elif answer is Answer.OPEN_SAME_DAY:
                same_day = next(c.visit_id for c in error.checks if c.code == "same_day")
                if same_day is not None:
                    self.open_visit(same_day)
            return
        super().handle_error(error)

    def open_visit(self, visit_id: UUID) -> None:
        """Turn this form into the correction of ``visit_id`` (the visit already on that day)."""
        self.visit_id = visit_id
        self.setWindowTitle(_("Ubah kunjungan"))
        self.load(lambda s: self._read_visit(s, visit_id), self._fill_visit)
