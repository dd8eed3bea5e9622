"""A new password typed twice, with the rule as a hint; shared by every dialog that sets one.

GUI thread only. The password rules themselves are the domain's (``desktop_app.core.passwords``);
only "both fields match" is checked here, because the service never sees the second field.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.passwords import MIN_PASSWORD_LENGTH
from desktop_app.ui.widgets.form_row import FormRows


def password_edit(placeholder: str = "") -> QLineEdit:
    """A masked line edit that never offers its text to the clipboard or an input method."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(256)
    return edit


class PasswordFields:
    """Adds "Kata sandi" and "Ulangi kata sandi" rows to ``rows`` (fields ``password`` and
    ``password_repeat``)."""

    def __init__(self, rows: FormRows, *, label: str = "") -> None:
        self.password = rows.add(
            label or _("Kata sandi"),
            password_edit(),
            field="password",
            required=True,
            hint=_("Paling sedikit {n} karakter.").format(n=MIN_PASSWORD_LENGTH),
        )
        self.repeat = rows.add(
            _("Ulangi kata sandi"), password_edit(), field="password_repeat", required=True
        )

    def value(self) -> str:
        """The new password; ``ValidationError`` on ``password_repeat`` if the two differ."""
        if self.password.text() != self.repeat.text():
            raise ValidationError([FieldError("password_repeat", _("Kedua kata sandi tidak sama"))])
        return self.password.text()

    def clear(self) -> None:
        self.password.clear()
        self.repeat.clear()
