"""The live "Status gizi" box of the visit form: each indicator's z-score and category, coloured.

Fed an :class:`~desktop_app.visits.preview.AssessmentPreview` on every edit; shows the
regulation's hints under the table and a warning line per implausible value. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop_app.core.i18n import N_, _
from desktop_app.growth import Severity
from desktop_app.ui.visits.severity import SEVERITY_BACKGROUNDS, SEVERITY_COLOURS
from desktop_app.ui.widgets.texts import age_text
from desktop_app.visits.preview import AssessmentPreview

_PLACEHOLDER = "–"
_ROWS = ("zwei", "zlen", "zwfl", "zbmi", "zhc", "zac")
_DEFAULT_NAMES = {
    "zwei": N_("BB/U"),
    "zlen": N_("PB/U"),
    "zwfl": N_("BB/PB"),
    "zbmi": N_("IMT/U"),
    "zhc": N_("LK/U"),
    "zac": N_("LiLA/U"),
}


class AssessmentView(QGroupBox):
    """Indicator | Z-skor | Kategori rows; ``category_text(z_column)`` for tests."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Status gizi (WHO 2006, Permenkes 2/2020)"), parent)
        self.setMinimumWidth(330)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        for grid_column, title in enumerate((_("Indikator"), _("Z-skor"), _("Kategori"))):
            header = QLabel(f"<b>{title}</b>")
            grid.addWidget(header, 0, grid_column)
        self.names: dict[str, QLabel] = {}
        self.z_labels: dict[str, QLabel] = {}
        self.categories: dict[str, QLabel] = {}
        for row, column in enumerate(_ROWS, start=1):
            self.names[column] = QLabel(_(_DEFAULT_NAMES[column]))
            self.z_labels[column] = QLabel(_PLACEHOLDER)
            self.z_labels[column].setAlignment(Qt.AlignmentFlag.AlignRight)
            self.z_labels[column].setMinimumWidth(48)
            self.categories[column] = QLabel(_PLACEHOLDER)
            grid.addWidget(self.names[column], row, 0)
            grid.addWidget(self.z_labels[column], row, 1)
            grid.addWidget(self.categories[column], row, 2)
        grid.setColumnStretch(2, 1)
        self.hints = QLabel(wordWrap=True)
        self.hints.setProperty("role", "hint")
        # Which position z-scores assume while "Cara ukur" is not chosen (set by the form).
        self.position_note = QLabel(wordWrap=True)
        self.position_note.setStyleSheet("color: #8a4b00;")
        self.position_note.setVisible(False)
        self.warnings = QLabel(wordWrap=True)
        self.warnings.setStyleSheet(
            "color: #b71c1c; background: #fdecea; border: 1px solid #f5c2c0; "
            "border-radius: 4px; padding: 6px;"
        )
        self.empty = QLabel(_("Isi tanggal, berat dan panjang/tinggi badan untuk melihat z-skor."))
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "hint")
        self.age = QLabel(wordWrap=True)
        # Wraps between the entries only, so a narrow pane (small screen, longer English) shows
        # the legend on two lines instead of cutting it.
        legend = QLabel(
            " ".join(
                f'<span style="color:{SEVERITY_COLOURS[severity]}">■</span>&nbsp;'
                + text.replace(" ", "&nbsp;")
                for severity, text in (
                    (Severity.SEVERE, _("&lt; -3 SD")),
                    (Severity.MODERATE, _("-3 s.d. &lt; -2 SD")),
                    (Severity.NORMAL, _("normal")),
                    (Severity.ABOVE, _("di atas normal")),
                )
            )
        )
        legend.setProperty("role", "hint")
        legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.age)
        layout.addLayout(grid)
        layout.addWidget(self.position_note)
        layout.addWidget(self.empty)
        layout.addWidget(self.warnings)
        layout.addWidget(self.hints)
        layout.addStretch(1)
        layout.addWidget(legend)
        self.show_preview(None)

    def show_preview(self, preview: AssessmentPreview | None) -> None:
        hints: list[str] = []
        any_value = False
        self.age.setText(
            _("Umur saat kunjungan: <b>{age}</b>").format(age=age_text(preview.age_months))
            if preview is not None
            else ""
        )
        self.age.setVisible(preview is not None)
        for column in _ROWS:
            result = preview.result(column) if preview is not None else None
            self.names[column].setText(result.short_name if result else _(_DEFAULT_NAMES[column]))
            z_text = result.z_text if result else ""
            any_value = any_value or bool(z_text)
            self.z_labels[column].setText(z_text or _PLACEHOLDER)
            label = self.categories[column]
            category = result.category if result else None
            if result is not None and result.implausible:
                label.setText(_("Tidak wajar – periksa"))
                label.setStyleSheet(_chip("#b71c1c", "#fdecea"))
            elif category is not None:
                label.setText(_(category.label))
                label.setStyleSheet(
                    _chip(
                        SEVERITY_COLOURS[category.severity], SEVERITY_BACKGROUNDS[category.severity]
                    )
                )
                if category.hint and _(category.hint) not in hints:
                    hints.append(_(category.hint))
            else:
                label.setText(_PLACEHOLDER)
                label.setStyleSheet("")
        implausible = preview.implausible if preview is not None else ()
        self.warnings.setText("\n".join(r.implausible_message for r in implausible))
        self.warnings.setVisible(bool(implausible))
        self.hints.setText("\n".join(f"ⓘ {hint}" for hint in hints))
        self.hints.setVisible(bool(hints))
        self.empty.setVisible(not any_value)

    def set_position_note(self, text: str) -> None:
        self.position_note.setText(text)
        self.position_note.setVisible(bool(text))

    def category_text(self, z_column: str) -> str:
        return self.categories[z_column].text()

    def z_text(self, z_column: str) -> str:
        return self.z_labels[z_column].text()


def _chip(colour: str, background: str) -> str:
    return (
        f"color: {colour}; background: {background}; font-weight: 600; "
        "border-radius: 3px; padding: 1px 6px;"
    )
