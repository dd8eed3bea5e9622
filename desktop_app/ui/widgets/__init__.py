"""Reusable form pieces for every Asuh dialog (Indonesian dates, decimal commas, inline errors).

Import from here: ``from desktop_app.ui.widgets import DateEdit, FormDialog, FormSection``.
"""

from __future__ import annotations

from desktop_app.ui.widgets.choices import (
    CheckboxGroup,
    ChoiceButtons,
    IdCombo,
    editable_combo,
    line_edit,
)
from desktop_app.ui.widgets.date_edit import DateEdit, MonthEdit
from desktop_app.ui.widgets.form_dialog import FormDialog
from desktop_app.ui.widgets.form_errors import FormErrors
from desktop_app.ui.widgets.form_row import FormSection, field_label
from desktop_app.ui.widgets.number_edit import DecimalEdit, DigitsEdit, RupiahEdit
from desktop_app.ui.widgets.search_picker import SearchPicker

__all__ = [
    "CheckboxGroup",
    "ChoiceButtons",
    "DateEdit",
    "DecimalEdit",
    "DigitsEdit",
    "FormDialog",
    "FormErrors",
    "FormSection",
    "IdCombo",
    "MonthEdit",
    "RupiahEdit",
    "SearchPicker",
    "editable_combo",
    "field_label",
    "line_edit",
]
