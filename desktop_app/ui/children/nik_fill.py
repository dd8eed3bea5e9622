"""The child form's NIK hint: fill sex and birth date from the NIK, say when they disagree.

The rule is :func:`desktop_app.validation.nik_fill`; this only wires it to the widgets. Filling
happens when the NIK itself is edited (never when the user changes sex or birth date, which are
then compared again), so a value the user typed is never replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from desktop_app.core import clock
from desktop_app.core.i18n import N_, _
from desktop_app.ui.widgets.texts import nik_summary
from desktop_app.validation import nik_fill

WARNING_COLOUR = "#b26a00"
NIK_HINT_EMPTY = N_("16 angka; boleh kosong untuk bayi yang belum punya NIK")


class _Value(Protocol):
    def value(self) -> Any: ...
    def setValue(self, value: Any) -> None: ...


class NikFiller:
    """Connect ``nik`` (text), ``sex`` and ``birth_date`` (value/setValue); ``show(text,
    colour)`` displays the NIK row's hint."""

    def __init__(
        self,
        *,
        nik_text: Callable[[], str],
        sex: _Value,
        birth_date: _Value,
        show: Callable[[str, str], None],
        regency_code: Callable[[], str] = lambda: "",
    ) -> None:
        self.nik_text, self.sex, self.birth_date, self.show = nik_text, sex, birth_date, show
        #: The district's Kemendagri code: the hint names the NIK's kecamatan and warns when it
        #: lies outside the district.
        self.regency_code = regency_code

    def nik_edited(self, *_args: object) -> None:
        """Fill the empty fields from a complete NIK, then describe it."""
        fill = nik_fill(
            self.nik_text(), sex=self.sex.value(), birth_date=self._birth(), today=clock.today()
        )
        if fill.sex is not None:
            self.sex.setValue(fill.sex)
        if fill.birth_date is not None:
            self.birth_date.setValue(fill.birth_date)
        self.describe()

    def describe(self, *_args: object) -> None:
        """What the NIK says, or how it disagrees with the typed sex and birth date."""
        text = self.nik_text()
        if len(text) < 16:
            self.show(_(NIK_HINT_EMPTY), "")
            return
        fill = nik_fill(text, sex=self.sex.value(), birth_date=self._birth(), today=clock.today())
        if fill.problem:
            self.show(fill.problem, WARNING_COLOUR)
            return
        summary, ok = nik_summary(text, regency_code=self.regency_code())
        self.show(summary, "" if ok else WARNING_COLOUR)

    def _birth(self) -> date | None:
        value = self.birth_date.value()
        return value if isinstance(value, date) else None
