"""Kecamatan -> Desa/Kelurahan -> Posyandu combos, each list read when its parent changes.

Lists come from ``desktop_app.settings.wilayah`` through the runner. ``select()`` may be called
before the lists arrive (a form loading a record): the wanted ids wait until their list is filled.

An empty list says so under its combo and offers to add an entry there ("Belum ada posyandu di
desa ini" + "Tambah posyandu"), with the same dialog as Pengaturan > Wilayah; the new entry is
chosen once saved. A form places :meth:`row` (combo + that line) and binds the combo for errors.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.i18n import N_, _
from desktop_app.settings.wilayah import list_desa, list_kecamatan, list_posyandu
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets.choices import IdCombo

#: Per level: the text when its list is empty, and the add button's label.
_EMPTY = {
    "kecamatan": (
        N_("Belum ada kecamatan (Pengaturan \u203a Wilayah)"),
        N_("Tambah kecamatan"),
    ),
    "desa": (
        N_("Belum ada desa/kelurahan di kecamatan ini"),
        N_("Tambah desa/kelurahan"),
    ),
    "posyandu": (N_("Belum ada posyandu di desa ini"), N_("Tambah posyandu")),
}


def _pairs(records: list[Any]) -> list[tuple[UUID, str]]:
    return [(r.id, r.name) for r in records]


class _EmptyLine(QWidget):
    """ "Belum ada ... — [Tambah ...]" under a combo; hidden while the list has entries."""

    def __init__(self, level: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        text, button = _EMPTY[level]
        self.label = QLabel(_(text))
        self.label.setProperty("role", "hint")
        self.button = QPushButton(_(button))
        self.button.setAutoDefault(False)
        self.button.setFlat(True)
        self.button.setStyleSheet("color: #00796b; text-decoration: underline; padding: 0 2px;")
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.label)
        line.addWidget(self.button)
        line.addStretch(1)
        self.setVisible(False)


class WilayahCombos(QObject):
    """Three dependent combos; place :meth:`row` of each level (or the bare combos) in a form."""

    def __init__(self, runner: OperationRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.kecamatan = IdCombo()
        self.desa = IdCombo(placeholder=_("— pilih kecamatan dulu —"))
        self.posyandu = IdCombo(placeholder=_("— pilih desa dulu —"))
        self.empty = {level: _EmptyLine(level) for level in _EMPTY}
        self._rows: dict[str, QWidget] = {}
        self.active_dialog: QWidget | None = None
        self._wanted: dict[str, UUID | None] = {}
        self.kecamatan.currentIndexChanged.connect(self._kecamatan_changed)
        self.desa.currentIndexChanged.connect(self._desa_changed)
        for level, line in self.empty.items():
            line.button.clicked.connect(lambda *_a, lv=level: self.add_entry(lv))

    def row(self, level: str) -> QWidget:
        """The combo of ``level`` with its "Belum ada ..." line below (built once)."""
        if level not in self._rows:
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(getattr(self, level))
            column.addWidget(self.empty[level])
            self._rows[level] = box
        return self._rows[level]

    def load(self) -> None:
        """Read the kecamatan list (call once the form is built)."""
        self.runner.read(list_kecamatan, on_success=self._fill_kecamatan)

    def select(self, kecamatan_id: UUID | None, desa_id: UUID | None, posyandu_id: UUID | None):
        self._wanted = {"desa": desa_id, "posyandu": posyandu_id}
        if self.kecamatan.current_id() == kecamatan_id and kecamatan_id is not None:
            self._kecamatan_changed()
        else:
            self.kecamatan.set_current_id(kecamatan_id)

    def _fill_kecamatan(self, records: list[Any]) -> None:
        self.kecamatan.set_items(_pairs(records))
        wanted = self._wanted.pop("kecamatan", None)
        if wanted is not None:
            self.kecamatan.set_current_id(wanted)
        self.empty["kecamatan"].setVisible(not records)

    def _kecamatan_changed(self, *_args: object) -> None:
        kecamatan_id = self.kecamatan.current_id()
        if kecamatan_id is None:
            self.desa.set_items([], keep_selection=False)
            self.empty["desa"].setVisible(False)
            return
        self.desa.placeholder = _("— pilih —")
        self.runner.read(
            lambda s: list_desa(s, kecamatan_id=kecamatan_id), on_success=self._fill_desa
        )

    def _fill_desa(self, records: list[Any]) -> None:
        self.desa.set_items(_pairs(records), keep_selection=False)
        wanted = self._wanted.pop("desa", None)
        if wanted is not None:
            self.desa.set_current_id(wanted)
        self.empty["desa"].setVisible(not records)

    def _desa_changed(self, *_args: object) -> None:
        desa_id = self.desa.current_id()
        if desa_id is None:
            self.posyandu.placeholder = _("— pilih desa dulu —")
            self.posyandu.set_items([], keep_selection=False)
            self.empty["posyandu"].setVisible(False)
            return
        self.posyandu.placeholder = _("— pilih —")
        self.runner.read(
            lambda s: list_posyandu(s, desa_id=desa_id), on_success=self._fill_posyandu
        )

    def _fill_posyandu(self, records: list[Any]) -> None:
        self.posyandu.set_items(_pairs(records), keep_selection=False)
        wanted = self._wanted.pop("posyandu", None)
        if wanted is not None:
            self.posyandu.set_current_id(wanted)
        self.empty["posyandu"].setVisible(not records)

    # -- adding where the list is empty -----------------------------------------------------------
    def add_entry(self, level: str) -> None:
        """Open the add dialog of ``level`` under the chosen parent; choose the new entry."""
        from desktop_app.ui.settings.wilayah_tab import AreaDialog  # a settings dialog, used here

        parent_combo = {"desa": self.kecamatan, "posyandu": self.desa}.get(level)
        parent_id = parent_combo.current_id() if parent_combo is not None else None
        if parent_combo is not None and parent_id is None:
            return
        owner = self.kecamatan.window()
        dialog = AreaDialog(
            self.runner,
            kind=level,
            parent_id=parent_id,
            parent_name=parent_combo.currentText() if parent_combo is not None else "",
            parent=owner,
        )
        dialog.saved.connect(lambda new_id, lv=level: self._added(lv, new_id))
        self.active_dialog = dialog
        dialog.open()

    def _added(self, level: str, new_id: UUID) -> None:
        self._wanted[level] = new_id
        if level == "kecamatan":
            self.load()
        elif level == "desa":
            self._kecamatan_changed()
        else:
            self._desa_changed()
