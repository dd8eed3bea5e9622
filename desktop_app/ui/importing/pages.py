"""The import wizard's four steps as plain views: choose, map columns, preview, result.

Views only lay out widgets and show plain data; :class:`~desktop_app.ui.importing.wizard.
ImportWizard` moves between them and runs the work through the operation runner.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.i18n import N_, _
from desktop_app.importing import KINDS, HeaderLayout, ImportResult
from desktop_app.importing.fields import KIND_FIELDS
from desktop_app.ui.importing.preview_model import STATUS_COLOURS, PreviewModel
from desktop_app.ui.widgets.tables import set_up_list_table

__all__ = ["ChoosePage", "MappingPage", "PreviewPage", "ResultPage"]

#: Up to this many rows the preview fits each row's height to its (multi-line) reasons.
_FIT_ROWS_UP_TO = 1000
_KIND_HINTS = {
    "children": N_("Daftar balita stunting/berisiko dari posyandu, puskesmas atau e-PPGBM"),
    "guardians": N_("Daftar ASN orang tua asuh dari OPD, atau perusahaan CSR"),
    "visits": N_("Hasil kunjungan dan pengukuran (berat, panjang/tinggi badan)"),
}


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 14pt; font-weight: 600;")
    return label


def _note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #6b7280;")
    return label


class ChoosePage(QWidget):
    """Step 1: what to import and from which file. Signals: ``browse``, ``template(kind)``."""

    browse = Signal()
    template = Signal(str)

    def __init__(self, kind: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(_title(_("Impor data dari Excel atau CSV")))
        layout.addWidget(_note(_(
            "Pilih jenis data dan berkasnya. Judul kolom yang umum (mis. NAMA BALITA, TGL LAHIR, "
            "L/P) dikenali otomatis; baris judul di atas tabel boleh ada."
        )))  # fmt: skip
        self.kinds = QButtonGroup(self)
        for code, label in KINDS.items():
            row = QHBoxLayout()
            radio = QRadioButton(_(label))
            radio.setObjectName(f"kind_{code}")
            radio.setProperty("kind", code)
            radio.setChecked(code == (kind or "children"))
            self.kinds.addButton(radio)
            row.addWidget(radio)
            row.addWidget(_note(_(_KIND_HINTS[code])), 1)
            download = QPushButton(_("Unduh templat"))
            download.setObjectName(f"template_{code}")
            download.clicked.connect(lambda _c=False, k=code: self.template.emit(k))
            row.addWidget(download)
            layout.addLayout(row)
        file_row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText(_("Berkas .xlsx atau .csv"))
        browse = QPushButton(_("Pilih berkas…"))
        browse.clicked.connect(self.browse)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(_("Berkas:"), file_row)
        layout.addLayout(form)
        layout.addStretch(1)

    def kind(self) -> str:
        checked = self.kinds.checkedButton()
        return str(checked.property("kind")) if checked is not None else "children"


class MappingPage(QWidget):
    """Step 2 (only when a required column was not recognised): a combo per field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(_title(_("Cocokkan kolom")))
        self.note = _note()
        layout.addWidget(self.note)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.combos: dict[str, QComboBox] = {}

    def show_layout(self, layout: HeaderLayout, file_name: str) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos.clear()
        self.note.setText(_(
            "Beberapa kolom wajib di {file} tidak dikenali dari judulnya (judul ada di baris "
            "{row}). Pilih kolom berkas yang berisi data tersebut."
        ).format(file=file_name, row=layout.header_row))  # fmt: skip
        headers = [h for h in layout.headers if h]
        for spec in KIND_FIELDS[layout.kind]:
            if not spec.required:
                continue
            combo = QComboBox()
            combo.setObjectName(f"map_{spec.name}")
            combo.setMinimumWidth(280)
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            combo.setToolTip(_(spec.help))
            combo.addItem(_("(pilih kolom)"), "")
            for header in headers:
                combo.addItem(header, header)
            if spec.name in layout.columns:
                combo.setCurrentIndex(combo.findData(layout.column_title(spec.name)))
            self.combos[spec.name] = combo
            self.form.addRow(f"{_(spec.header)}:", combo)

    def mapping(self) -> dict[str, str]:
        return {name: str(combo.currentData() or "") for name, combo in self.combos.items()}


class PreviewPage(QWidget):
    """Step 3: counts, the places to be created, every row with its status and reason."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.heading = _title(_("Pratinjau"))
        layout.addWidget(self.heading)
        self.counts = QLabel()
        self.counts.setObjectName("preview_counts")
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.counts)
        self.places_label = QLabel()
        self.places_label.setWordWrap(True)
        self.places = QListWidget()
        self.places.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.places.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.places_label)
        layout.addWidget(self.places)
        self.problems_only = QCheckBox(_("Tampilkan hanya baris yang ditolak"))
        layout.addWidget(self.problems_only)
        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        set_up_list_table(self.table, word_wrap=True)
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,) * 3):
            header.setSectionResizeMode(column, mode)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.problems_only.toggled.connect(self.model.set_problems_only)
        self.valid_only = QCheckBox(_("Impor baris yang valid saja"))
        self.valid_only.setObjectName("valid_only")
        layout.addWidget(self.valid_only)
        self.hint = _note()
        layout.addWidget(self.hint)

    def show_result(self, result: ImportResult) -> None:
        self.heading.setText(_("Pratinjau: {file}").format(file=result.file_name))
        rejected = sum(1 for r in result.rows if r.status == "rejected")
        duplicate = sum(1 for r in result.rows if r.status == "duplicate")
        parts = [
            _("<b>{n}</b> baris data").format(n=_number(len(result.rows))),
            _coloured(_("{n} valid").format(n=_number(result.valid)), "ok"),
            _coloured(_("{n} ditolak").format(n=_number(rejected)), "rejected"),
            _coloured(_("{n} duplikat").format(n=_number(duplicate)), "duplicate"),
        ]
        self.counts.setText(" · ".join(parts))
        self.places.clear()
        self.places.addItems(list(result.created_areas))
        self.places_label.setText(
            _("Wilayah/OPD baru yang akan dibuat ({n}):").format(
                n=_number(len(result.created_areas))
            )
            if result.created_areas
            else _("Tidak ada wilayah/OPD baru yang akan dibuat.")
        )
        self.places.setVisible(bool(result.created_areas))
        shown = min(len(result.created_areas), 4)
        self.places.setFixedHeight(self.places.sizeHintForRow(0) * shown + 8 if shown else 0)
        self.model.set_results(result.rows)
        if len(result.rows) <= _FIT_ROWS_UP_TO:  # fitting 10,000 rows would take seconds
            QTimer.singleShot(0, self.table.resizeRowsToContents)
        self.valid_only.setEnabled(bool(result.problems) and result.valid > 0)

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)


class ResultPage(QWidget):
    """Step 4: what was written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.heading = _title(_("Impor selesai"))
        layout.addWidget(self.heading)
        self.summary = QLabel()
        self.summary.setObjectName("result_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.places = QListWidget()
        self.places.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.places.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.places)
        layout.addStretch(1)

    def show_result(self, result: ImportResult, places: Sequence[str]) -> None:
        if result.written:
            self.heading.setText(_("Impor selesai"))
            text = _("{imported} baris diimpor dari {file}.").format(
                imported=_number(result.imported), file=result.file_name
            )
            if result.rejected:
                text += " " + _("{n} baris ditolak dan tidak disimpan.").format(
                    n=_number(result.rejected)
                )
        else:
            self.heading.setText(_("Tidak ada yang diimpor"))
            text = _("{n} baris ditolak, sehingga tidak ada data yang disimpan.").format(
                n=_number(result.rejected)
            )
        self.summary.setText(text)
        self.places.clear()
        if result.written and places:
            self.places.addItems([_("Dibuat: {place}").format(place=p) for p in places])
        self.places.setVisible(self.places.count() > 0)
        shown = min(self.places.count(), 8)
        self.places.setFixedHeight(self.places.sizeHintForRow(0) * shown + 8 if shown else 0)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _coloured(text: str, status: str) -> str:
    return f'<span style="color:{STATUS_COLOURS[status][1]}; font-weight:600">{text}</span>'
