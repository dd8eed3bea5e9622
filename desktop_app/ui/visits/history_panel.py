"""Beside the measurement fields: the child's previous measurement and what the typed values
disagree with (:mod:`desktop_app.visits.checks`), and, before saving, the question that asks to
confirm those warnings.

Display only: the rules are the pure functions of ``visits.checks``; the service asks again.
"""

from __future__ import annotations

import enum
import textwrap
from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from desktop_app.core.i18n import _
from desktop_app.ui.widgets import messages
from desktop_app.visits.checks import (
    HistoryCheck,
    PastMeasurement,
    check_against_history,
    format_measurement,
    latest_before,
)

_WARNING_STYLE = (
    "color: #8a4b00; background: #fff4e5; border: 1px solid #f3c98b; border-radius: 4px; "
    "padding: 6px;"
)


_WRAP = 76  # characters per line: fits the field column at 1366x768


def _wrapped(text: str) -> str:
    return textwrap.fill(text, _WRAP, subsequent_indent="   ")


class HistoryPanel(QWidget):
    """ "Pengukuran terakhir: 3 Desember 2026: 12,0 kg; 92,0 cm berdiri" and live warnings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history: list[PastMeasurement] = []
        self.previous = QLabel(wordWrap=True)
        self.previous.setProperty("role", "hint")
        # Wrapped here, not by Qt: a word-wrapped label in a scrolled form row is not asked its
        # height for its width, and a longer list was drawn cut off in the shorter one's box.
        self.warnings = QLabel()
        self.warnings.setStyleSheet(_WARNING_STYLE)
        self.warnings.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.previous)
        layout.addWidget(self.warnings)
        self.set_history(None)

    def set_history(self, history: Sequence[PastMeasurement] | None) -> None:
        """The child's other visits, newest first; None while no child is chosen."""
        self.history = list(history or ())
        if history is None:
            self.previous.setText(_("Pilih anak untuk melihat pengukuran terakhir"))
        elif not self.history:
            self.previous.setText(_("Belum ada pengukuran sebelumnya"))
        self.warnings.setVisible(False)

    def update_checks(
        self,
        *,
        birth_date: date,
        visit_date: date | None,
        weight_kg: float | None,
        lenhei_cm: float | None,
        measure: str | None,
    ) -> list[HistoryCheck]:
        """Show the latest earlier measurement and the warnings for the typed values."""
        if self.history:
            last = latest_before(self.history, visit_date) if visit_date else None
            last = last or self.history[0]
            self.previous.setText(format_measurement(last))
        found = check_against_history(
            birth_date=birth_date,
            visit_date=visit_date,
            weight_kg=weight_kg,
            lenhei_cm=lenhei_cm,
            measure=measure,
            history=self.history,
        )
        self.warnings.setText("\n".join(_wrapped(f"⚠ {check.message}") for check in found))
        self.warnings.setVisible(bool(found))
        return found


class Answer(enum.Enum):
    SAVE = "save"
    REVIEW = "review"
    OPEN_SAME_DAY = "open"


def ask_to_confirm(parent: QWidget | None, checks: Sequence[HistoryCheck]) -> Answer:
    """The warnings before saving: "Ya, simpan", "Periksa lagi" (default) and, for a visit on
    the same day, "Buka kunjungan itu"."""
    text = (
        _("Data kunjungan ini berbeda dengan riwayat anak:")
        + "\n\n"
        + "\n\n".join(f"• {check.message}" for check in checks)
        + "\n\n"
        + _("Jawaban Anda dicatat pada kunjungan ini. Tetap simpan?")
    )
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _("Periksa kunjungan"),
        text,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.addButton(_("Ya, simpan"), QMessageBox.ButtonRole.AcceptRole)
    if any(check.code == "same_day" for check in checks):
        box.addButton(_("Buka kunjungan itu"), QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(box.addButton(_("Periksa lagi"), QMessageBox.ButtonRole.RejectRole))
    role = messages.run_box(box)
    if role == QMessageBox.ButtonRole.AcceptRole:
        return Answer.SAVE
    if role == QMessageBox.ButtonRole.ActionRole:
        return Answer.OPEN_SAME_DAY
    return Answer.REVIEW
