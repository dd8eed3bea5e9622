"""Reusable form pieces for every Asuh dialog (Indonesian dates, decimal commas, inline errors).

Import from here: ``from desktop_app.ui.widgets import DateEdit, FormDialog, FormSection``.
Each name loads its module on first use (PEP 562): the login dialog, shown before anything else,
needs only the inline-error style, not Babel's number formats or the search picker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.core.lazy_exports import lazy_exports

_MODULE_OF = {
    "CheckboxGroup": "choices",
    "ChoiceButtons": "choices",
    "IdCombo": "choices",
    "editable_combo": "choices",
    "line_edit": "choices",
    "DateEdit": "date_edit",
    "MonthEdit": "date_edit",
    "FormDialog": "form_dialog",
    "FormErrors": "form_errors",
    "FormSection": "form_row",
    "field_label": "form_row",
    "DecimalEdit": "number_edit",
    "DigitsEdit": "number_edit",
    "RupiahEdit": "number_edit",
    "SearchPicker": "search_picker",
}

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
]  # the keys of _MODULE_OF (a test checks)

if TYPE_CHECKING:
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


__getattr__ = lazy_exports(__name__, _MODULE_OF, globals())
