"""Labelled form rows with a hint and an inline error label under the field.

``FormRows`` is a QFormLayout page; ``FormSection`` is the same inside a titled group box.
Required fields get a red asterisk; every row registers its field names with ``FormErrors``.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop_app.ui.widgets.form_errors import FormErrors

# The field widget a row holds; ``add`` hands back the same type so callers keep its methods.
W = TypeVar("W", bound=QWidget)


def field_label(text: str, *, required: bool = False) -> str:
    """Rich-text label: ``Nama lengkap *`` with the asterisk in red."""
    return f'{text} <span style="color:#c62828">*</span>' if required else text


class FormRows(QWidget):
    """Rows of label + field (+ hint, + error) sharing one ``FormErrors``."""

    def __init__(self, errors: FormErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = errors
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(7)
        self.labels: dict[str, QLabel] = {}
        self.hints: dict[str, QLabel] = {}

    def add(
        self,
        label: str,
        widget: W,
        *,
        field: str | None = None,
        also: tuple[str, ...] = (),
        required: bool = False,
        hint: str = "",
    ) -> W:
        """Add a row; ``field`` (and ``also``) are the form attributes this widget edits."""
        box = QWidget(self)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        # Short fields (dates, numbers) keep their natural width; text fields take the row. So
        # does wrapped text: left-aligned, a label keeps a guessed width and is laid out one
        # line high, so a longer (e.g. English) text is cut instead of wrapping.
        policy = widget.sizePolicy().horizontalPolicy()
        grows = policy in (QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)
        grows = grows or (isinstance(widget, QLabel) and widget.wordWrap())
        if grows:
            column.addWidget(widget)
        else:
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        hint_label = QLabel(hint, box)
        hint_label.setProperty("role", "hint")
        hint_label.setWordWrap(True)
        hint_label.setVisible(bool(hint))
        column.addWidget(hint_label)
        error_label = QLabel(box)
        error_label.setProperty("role", "field-error")
        error_label.setWordWrap(True)
        error_label.setVisible(False)
        column.addWidget(error_label)
        title = QLabel(field_label(label, required=required), self)
        title.setBuddy(widget)
        title.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        title.setContentsMargins(0, 5, 0, 0)
        self.form.addRow(title, box)
        for name in (field, *also):
            if name:
                self.errors.bind(name, widget, error_label)
                self.labels[name] = title
                self.hints[name] = hint_label
        return widget

    def set_hint(self, field: str, text: str, *, colour: str = "") -> None:
        """Replace a row's hint (e.g. what a NIP decodes to) while the user types."""
        hint = self.hints[field]
        hint.setText(text)
        hint.setStyleSheet(f"color: {colour};" if colour else "")
        hint.setVisible(bool(text))
        # A wrapped label's new height is not asked for by every parent layout (wizard pages,
        # scroll areas): claim the lines it needs so a longer hint does not overlap the field.
        hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        shown = text and hint.isVisible()  # laid out at its real width
        hint.setMinimumHeight(hint.heightForWidth(hint.width()) if shown else 0)

    def set_row_visible(self, field: str, visible: bool) -> None:
        self.form.setRowVisible(self.labels[field], visible)


class FormSection(QGroupBox):
    """A titled group of form rows (``Identitas anak``, ``Wilayah`` ...)."""

    def __init__(self, title: str, errors: FormErrors, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.rows = FormRows(errors, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.rows)
        self.add = self.rows.add
        self.hints = self.rows.hints
        self.set_hint = self.rows.set_hint
        self.set_row_visible = self.rows.set_row_visible
