"""The wizard's wilayah: province and kabupaten/kota from the Kemendagri list, and posyandu.

:class:`RegionFields` offers the 38 provinces and the kabupaten/kota of the chosen one (typed to
search) and says how many kecamatan and desa/kelurahan will be filled in. :class:`PosyanduList`
lets the user name posyandu under the desa of that kabupaten before anything is saved; the
service (``desktop_app.settings.area_setup``) creates them with the wilayah at Selesai. The
lists are read from the bundled files (``desktop_app.core.kemendagri``); the 84,000 villages are
read through the runner, off the GUI thread. GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import kemendagri
from desktop_app.core.i18n import _, ngettext
from desktop_app.settings.area_setup import PosyanduEntry
from desktop_app.settings.wilayah import DESA_KINDS
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets.form_row import FormRows
from desktop_app.ui.widgets.search_combo import SearchCombo
from desktop_app.validation import collapse_spaces

_ENTRY = Qt.ItemDataRole.UserRole


class RegionFields(QObject):
    """Provinsi and Kabupaten/kota combos; ``villages_loaded(list[Village])`` once the desa of
    the chosen kabupaten are read (an empty list when none is chosen)."""

    villages_loaded = Signal(list)
    regency_chosen = Signal(str)  # the kabupaten's name, "" when none

    def __init__(self, runner: OperationRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.province = SearchCombo(placeholder=_("Ketik nama provinsi…"))
        self.regency = SearchCombo(placeholder=_("Pilih provinsi dulu"))
        self.province.set_items((a.code, a.name) for a in kemendagri.provinces())
        self.province.chosen.connect(self._province_chosen)
        self.regency.chosen.connect(self._regency_chosen)
        self.rows: FormRows | None = None

    def add_rows(self, rows: FormRows) -> None:
        self.rows = rows
        rows.add(_("Provinsi"), self.province, field="province_code", required=True)
        rows.add(
            _("Kabupaten/kota"),
            self.regency,
            field="regency_code",
            required=True,
            hint=_("Kecamatan dan desa/kelurahannya diisi dari data resmi Kemendagri"),
        )

    def select(self, province_code: str, regency_code: str) -> None:
        """Show a choice saved before (the wizard opened again)."""
        if province_code:
            self.province.set_current_id(province_code)
        if regency_code:
            self.regency.set_current_id(regency_code)

    def _province_chosen(self, code: str | None) -> None:
        self.regency.set_items((a.code, a.name) for a in kemendagri.regencies(code or ""))
        edit = self.regency.lineEdit()
        if edit is not None:
            edit.setPlaceholderText(
                _("Ketik nama kabupaten/kota…") if code else _("Pilih provinsi dulu")
            )

    def _regency_chosen(self, code: str | None) -> None:
        regency = kemendagri.regency(code) if code else None
        self.regency_chosen.emit(regency.name if regency else "")
        if regency is None:
            self._show_counts(None, [])
            self.villages_loaded.emit([])
            return
        self.runner.read(
            lambda _session: kemendagri.villages_of(regency.code),
            on_success=lambda villages: self._loaded(regency.code, villages),
        )

    def _loaded(self, code: str, villages: list[kemendagri.Village]) -> None:
        if code != self.regency.current_id():  # another kabupaten was chosen meanwhile
            return
        self._show_counts(code, villages)
        self.villages_loaded.emit(villages)

    def _show_counts(self, code: str | None, villages: list[kemendagri.Village]) -> None:
        if self.rows is None:
            return
        if code is None:
            self.rows.set_hint(
                "regency_code",
                _("Kecamatan dan desa/kelurahannya diisi dari data resmi Kemendagri"),
            )
            return
        districts = len(kemendagri.districts_of(code))
        kelurahan = sum(1 for v in villages if v.kind == "kelurahan")
        text = _(
            "Akan diisi: {districts} kecamatan, {desa} desa, {kelurahan} kelurahan (kode {code})"
        )
        text = text.format(
            code=code, districts=districts, desa=len(villages) - kelurahan, kelurahan=kelurahan
        )
        self.rows.set_hint("regency_code", text, colour="#2e7d32")


def village_label(village: kemendagri.Village) -> str:
    """``Desa Air Saga, Kec. Tanjung Pandan`` (what the posyandu page lists)."""
    district = kemendagri.district(village.district_code)
    kind = _(DESA_KINDS[village.kind])
    return f"{kind} {village.name}, Kec. {district.name if district else village.district_code}"


class PosyanduList(QObject):
    """Desa combo, posyandu name + Tambah, and the posyandu named so far (removable); the page
    places :attr:`desa`, :attr:`name_row` and :attr:`list_box` as three labelled rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desa = SearchCombo(placeholder=_("Ketik nama desa/kelurahan…"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("mis. Posyandu Melati"))
        self.name.setMaxLength(100)
        self.add_button = QPushButton(_("Tambah posyandu"))
        self.add_button.setAutoDefault(False)
        self.remove_button = QPushButton(_("Hapus yang dipilih"))
        self.remove_button.setAutoDefault(False)
        self.list = QListWidget()
        self.list.setMinimumHeight(150)
        self.labels: dict[str, str] = {}
        self.name_row = QWidget()
        line = QHBoxLayout(self.name_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.name, 1)
        line.addWidget(self.add_button)
        self.list_box = QWidget()
        column = QVBoxLayout(self.list_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list)
        column.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        for box in (self.desa, self.name_row, self.list_box):
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_selected)
        self.problem = ""  # why the last Tambah did nothing, for the page's hint

    def set_villages(self, villages: list[kemendagri.Village]) -> None:
        self.labels = {v.code: village_label(v) for v in villages}
        self.desa.set_items(self.labels.items())
        for row in reversed(range(self.list.count())):  # posyandu of another kabupaten
            item = self.list.item(row)
            if item is not None and item.data(_ENTRY).desa_code not in self.labels:
                self.list.takeItem(row)

    def entries(self) -> tuple[PosyanduEntry, ...]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return tuple(item.data(_ENTRY) for item in items if item is not None)

    def add_entry(self) -> bool:
        code, name = self.desa.current_id(), collapse_spaces(self.name.text())
        if code is None:
            self.problem = _("Pilih desa/kelurahan dulu")
        elif not name:
            self.problem = _("Isi nama posyandu")
        elif any(
            e.desa_code == code and e.name.casefold() == name.casefold() for e in self.entries()
        ):
            self.problem = _("Posyandu {name} sudah ada di desa ini").format(name=name)
        else:
            self.problem = ""
            item = QListWidgetItem(f"{name} \u2014 {self.labels[code]}")
            item.setData(_ENTRY, PosyanduEntry(code, name))
            self.list.addItem(item)
            self.name.clear()
        return not self.problem

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))

    def summary(self) -> str:
        count = self.list.count()
        if not count:
            return _("Belum ada posyandu; dapat ditambah nanti di Pengaturan \u203a Wilayah")
        return ngettext(
            "{n} posyandu akan ditambahkan", "{n} posyandu akan ditambahkan", count
        ).format(n=count)
