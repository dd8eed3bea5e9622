"""Pendaftaran / ubah data anak: the child form, with inline errors and the duplicate check.

Built on :class:`~desktop_app.ui.widgets.FormDialog`; the service (``register_child`` /
``update_child``) validates, so what this dialog checks is exactly what is stored. A complete NIK
fills an empty sex and birth date and says at once when they disagree (:mod:`.nik_fill`). A
possible duplicate opens :func:`~.duplicate_dialog.child_duplicate_dialog`: the same NIK is refused
("Buka data yang ada" emits ``open_existing``); a soft match is saved only with a reason.
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.children.legal_basis import LEGAL_BASES, NOTE_MAX, NOTE_REQUIRED
from desktop_app.children.service import (
    CONSENT_RELATIONS,
    ENROLMENT_STATUSES,
    RISK_FACTORS,
    SEXES,
    ChildForm,
    ChildRecord,
    DuplicateChildError,
    child_form_from_record,
    get_child,
)
from desktop_app.core import clock
from desktop_app.core.i18n import N_, _, translated_items
from desktop_app.labels.stored_codes import code_for_label, code_label
from desktop_app.settings.store import AppSettings, get_settings
from desktop_app.ui.children.duplicate_dialog import DuplicateOutcome, child_duplicate_dialog
from desktop_app.ui.children.nik_fill import NikFiller
from desktop_app.ui.operations import children as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets import (
    CheckboxGroup,
    ChoiceButtons,
    DateEdit,
    DecimalEdit,
    DigitsEdit,
    FormDialog,
    FormSection,
    IdCombo,
    editable_combo,
    line_edit,
)
from desktop_app.ui.widgets.texts import age_on
from desktop_app.ui.widgets.wilayah_combos import WilayahCombos

DATA_SOURCES = ("Posyandu", "Puskesmas", "e-PPGBM", "Dinas Kesehatan", "Pemerintah Desa")
_NIK_HINT = N_("Boleh kosong untuk bayi yang belum punya NIK (isi No. KK)")


class ChildEditorDialog(FormDialog):
    """New child when ``child_id`` is None, else edits that child. ``saved(UUID)`` on success;
    ``open_existing(UUID)`` when the user chose to open the child already registered."""

    open_existing = Signal(object)

    def __init__(
        self,
        runner: OperationRunner,
        *,
        child_id: UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Daftarkan anak") if child_id is None else _("Ubah data anak")
        super().__init__(runner, title=title, parent=parent)
        self.child_id = child_id
        columns = QHBoxLayout()
        columns.setSpacing(12)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 11)
        columns.addLayout(right, 10)
        self.body.addLayout(columns)
        self._build_identity(left)
        self._build_family(left)
        self._build_enrolment(right)
        self._build_consent(right)
        self.setMinimumWidth(960)  # two columns side by side; the height follows the fields
        self.wilayah.load()
        self._regency_code = ""  # the district's Kemendagri code: the NIK hint names its kecamatan
        self.runner.read(get_settings, on_success=self._district_read)
        if child_id is not None:
            self.load(lambda s: get_child(s, child_id=child_id), self.fill)
        self.name.setFocus()

    # -- layout -------------------------------------------------------------------------------
    def _build_identity(self, column: QVBoxLayout) -> None:
        section = FormSection(_("Identitas anak"), self.errors, self)
        self.name = section.add(_("Nama lengkap"), line_edit(), field="name", required=True)
        self.nik = section.add("NIK", DigitsEdit(16), field="nik", hint=_(_NIK_HINT))
        self.no_kk = section.add(
            _("No. KK"), DigitsEdit(16), field="no_kk", hint=_("Wajib bila NIK belum ada")
        )
        self.sex = section.add(
            _("Jenis kelamin"), ChoiceButtons(translated_items(SEXES)), field="sex", required=True
        )
        self.birth_date = section.add(
            _("Tanggal lahir"),
            DateEdit(optional=True, maximum=clock.today()),
            field="birth_date",
            required=True,
        )
        weights = QWidget()
        row = QHBoxLayout(weights)
        row.setContentsMargins(0, 0, 0, 0)
        self.birth_weight = DecimalEdit(decimals=2, unit="kg")
        self.birth_length = DecimalEdit(decimals=1, unit="cm")
        row.addWidget(self.birth_weight)
        row.addSpacing(12)
        row.addWidget(QLabel(_("Panjang lahir (cm)")))
        row.addWidget(self.birth_length)
        row.addStretch(1)
        section.add(
            _("Berat lahir (kg)"), weights, field="birth_weight_kg", also=("birth_length_cm",)
        )
        self.errors.bind_highlight("birth_weight_kg", self.birth_weight)
        self.errors.bind_highlight("birth_length_cm", self.birth_length)
        self.identity = section
        self.nik_filler = NikFiller(
            nik_text=self.nik.text,
            sex=self.sex,
            regency_code=lambda: self._regency_code,
            birth_date=self.birth_date,
            show=lambda text, colour: self.identity.set_hint("nik", text, colour=colour),
        )
        self.nik.textEdited.connect(self.nik_filler.nik_edited)
        self.sex.changed.connect(self.nik_filler.describe)
        self.birth_date.changed.connect(self.nik_filler.describe)
        self.birth_date.changed.connect(self._describe_age)
        column.addWidget(section)

    def _build_family(self, column: QVBoxLayout) -> None:
        section = FormSection(_("Orang tua dan alamat"), self.errors, self)
        self.mother_name = section.add(_("Nama ibu"), line_edit(), field="mother_name")
        self.father_name = section.add(_("Nama ayah"), line_edit(), field="father_name")
        self.phone = section.add(
            _("No. HP"), line_edit(_("08xx atau +62xx"), max_length=20), field="phone"
        )
        self.address = section.add(_("Alamat"), line_edit(max_length=250), field="address")
        rtrw = QWidget()
        row = QHBoxLayout(rtrw)
        row.setContentsMargins(0, 0, 0, 0)
        self.rt, self.rw = line_edit("001", max_length=3), line_edit("002", max_length=3)
        for edit in (self.rt, self.rw):
            edit.setMaximumWidth(60)
        row.addWidget(self.rt)
        row.addWidget(QLabel(_("RW")))
        row.addWidget(self.rw)
        row.addStretch(1)
        section.add(_("RT"), rtrw, field="rt", also=("rw",))
        self.errors.bind_highlight("rt", self.rt)
        self.errors.bind_highlight("rw", self.rw)
        self.wilayah = WilayahCombos(self.runner, self)
        for label, level in ((_("Kecamatan"), "kecamatan"), (_("Desa/Kelurahan"), "desa"),
                             (_("Posyandu"), "posyandu")):  # fmt: skip
            section.add(label, self.wilayah.row(level), field=f"{level}_id")
            self.errors.bind_highlight(f"{level}_id", getattr(self.wilayah, level))
        column.addWidget(section)
        column.addStretch(1)

    def _build_enrolment(self, column: QVBoxLayout) -> None:
        section = FormSection(_("Pendaftaran"), self.errors, self)
        self.enrolment_status = section.add(
            _("Status saat didaftarkan"),
            ChoiceButtons(translated_items(ENROLMENT_STATUSES)),
            field="enrolment_status",
            required=True,
        )
        self.data_source = section.add(
            _("Sumber data"), editable_combo(DATA_SOURCES), field="data_source"
        )
        self.enrolled_on = section.add(
            _("Tanggal terdaftar"), DateEdit(), field="enrolled_on", required=True
        )
        self.has_kia_book = section.add(
            _("Memiliki Buku KIA/KMS"),
            ChoiceButtons([(True, _("Ya")), (False, _("Tidak"))]),
            field="has_kia_book",
        )
        self.risk_factors = section.add(
            _("Faktor risiko keluarga"),
            CheckboxGroup(translated_items(RISK_FACTORS), columns=1),
            field="risk_factors",
        )
        column.addWidget(section)

    def _build_consent(self, column: QVBoxLayout) -> None:
        section = FormSection(_("Persetujuan orang tua"), self.errors, self)
        self.consent_date = section.add(
            _("Tanggal"),
            DateEdit(optional=True, maximum=clock.today()),
            field="consent_date",
            hint=_("Dicatat sebelum data anak diolah (UU No. 27 Tahun 2022)"),
        )
        self.consent_by = section.add(
            _("Oleh"), line_edit(_("Nama yang menyetujui")), field="consent_by"
        )
        self.consent_relation = section.add(
            _("Hubungan"),
            editable_combo(label for _code, label in translated_items(CONSENT_RELATIONS)),
            field="consent_relation",
        )
        self.legal_basis = section.add(
            _("Dasar lain"),
            IdCombo(placeholder=_("— tidak ada (persetujuan di atas) —")),
            field="legal_basis",
            hint=_("Hanya bila tidak ada persetujuan: dasar hukum pemrosesan data kesehatan"),
        )
        self.legal_basis.set_items(
            [(code, _(label)) for code, label in LEGAL_BASES.items() if code in NOTE_REQUIRED]
        )
        self.legal_basis_note = section.add(
            _("Dasar hukum"),
            line_edit(_("Mis. SK Bupati No. 188/123/2026"), max_length=NOTE_MAX),
            field="legal_basis_note",
        )
        self.notes = section.add(_("Catatan"), QPlainTextEdit(), field="notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        column.addWidget(section)
        column.addStretch(1)
        self.enrolled_on.setValue(clock.today())
        self.enrolment_status.setValue("berisiko")
        self.has_kia_book.setValue(True)

    # -- form <-> widgets ---------------------------------------------------------------------
    def form(self) -> ChildForm:
        """What the user typed, as the service's form (the service normalises and validates)."""
        return ChildForm(
            name=self.name.text(),
            nik=self.nik.text(),
            no_kk=self.no_kk.text(),
            sex=self.sex.value() or "",
            birth_date=self.birth_date.value(),
            birth_weight_kg=self.birth_weight.value(),
            birth_length_cm=self.birth_length.value(),
            mother_name=self.mother_name.text(),
            father_name=self.father_name.text(),
            phone=self.phone.text(),
            address=self.address.text(),
            rt=self.rt.text(),
            rw=self.rw.text(),
            desa_id=self.wilayah.desa.current_id(),
            posyandu_id=self.wilayah.posyandu.current_id(),
            risk_factors=self.risk_factors.values(),
            enrolment_status=self.enrolment_status.value() or "",
            data_source=self.data_source.currentText(),
            enrolled_on=self.enrolled_on.value(),
            has_kia_book=bool(self.has_kia_book.value()),
            consent_date=self.consent_date.value(),
            consent_by=self.consent_by.text(),
            consent_relation=code_for_label(
                "children", "consent_relation", self.consent_relation.currentText().strip()
            ),
            legal_basis=self.legal_basis.current_id() or "",
            legal_basis_note=self.legal_basis_note.text(),
            notes=self.notes.toPlainText(),
        )

    def fill(self, record: ChildRecord) -> None:
        form = child_form_from_record(record)
        for edit, text in (
            (self.name, form.name),
            (self.mother_name, form.mother_name),
            (self.father_name, form.father_name),
            (self.phone, form.phone),
            (self.address, form.address),
            (self.rt, form.rt),
            (self.rw, form.rw),
            (self.consent_by, form.consent_by),
            (self.legal_basis_note, form.legal_basis_note),
        ):
            edit.setText(text)
        self.nik.setText(form.nik)
        self.no_kk.setText(form.no_kk)
        self.sex.setValue(form.sex)
        self.birth_date.setValue(form.birth_date)
        self.birth_weight.setValue(form.birth_weight_kg)
        self.birth_length.setValue(form.birth_length_cm)
        self.wilayah.select(record.kecamatan_id, form.desa_id, form.posyandu_id)
        self.risk_factors.set_values(form.risk_factors)
        self.enrolment_status.setValue(form.enrolment_status)
        self.data_source.setCurrentText(form.data_source)
        self.enrolled_on.setValue(form.enrolled_on)
        self.has_kia_book.setValue(form.has_kia_book)
        self.consent_date.setValue(form.consent_date)
        self.consent_relation.setCurrentText(
            code_label("children", "consent_relation", form.consent_relation)
        )
        self.legal_basis.set_current_id(form.legal_basis or None)
        self.notes.setPlainText(form.notes)
        self.nik_filler.describe()

    # -- saving -------------------------------------------------------------------------------
    def save(self, *, duplicate_reason: str | None = None) -> None:
        form, child_id = self.form(), self.child_id
        if child_id is None:
            self.submit(operations.register_child(form=form, duplicate_reason=duplicate_reason))
        else:
            self.submit(
                operations.update_child(
                    child_id=child_id, form=form, duplicate_reason=duplicate_reason
                )
            )

    def handle_error(self, error: Exception) -> None:
        if isinstance(error, DuplicateChildError):
            dialog = child_duplicate_dialog(error, self)
            dialog.exec()
            if dialog.outcome is DuplicateOutcome.SAVE_ANYWAY:
                self.save(duplicate_reason=dialog.reason)
            elif dialog.outcome is DuplicateOutcome.OPEN_EXISTING:
                self.open_existing.emit(dialog.existing_id)
                self.reject()
            return
        super().handle_error(error)

    # -- live hints ---------------------------------------------------------------------------
    def _district_read(self, settings: AppSettings) -> None:
        self._regency_code = settings.regency_code
        self.nik_filler.describe()

    def _describe_age(self) -> None:
        # Beside the date, on the field's own line: the form does not move as the age appears.
        self.birth_date.set_note(
            lambda born: _("umur {age}").format(age=age_on(born, clock.today()))
        )
