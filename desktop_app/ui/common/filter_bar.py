"""Filter combo boxes: "Semua ..." plus a list of choices, and the dependent area cascade."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy

from desktop_app.labels.choices import (
    Choice,
    desa_choices,
    kecamatan_choices,
    posyandu_choices,
)
from desktop_app.ui.ops import OperationRunner


class FilterCombo(QComboBox):
    """A combo whose first entry means "no filter" (value None).

    ``value_changed(object)`` fires with the chosen value when the user (or code) picks another
    entry; refilling the list keeps the current value if it is still offered.
    """

    value_changed = Signal(object)

    def __init__(self, all_label: str, parent=None) -> None:
        super().__init__(parent)
        self._all_label = all_label
        self._filling = False
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMinimumContentsLength(12)
        self.setMaximumWidth(240)  # long OPD names are elided; the popup shows them whole
        self.view().setMinimumWidth(320)
        self.setToolTip(all_label)
        self.set_choices([])
        self.currentIndexChanged.connect(self._emit)

    def set_choices(self, choices: Sequence[Choice] | Sequence[tuple[Any, str]]) -> None:
        current = self.value()
        self._filling = True
        try:
            self.clear()
            self.addItem(self._all_label, None)
            for choice in choices:
                value, label = (
                    (choice.value, choice.label) if isinstance(choice, Choice) else choice
                )
                self.addItem(label, value)
            index = self.findData(current) if current is not None else 0
            self.setCurrentIndex(max(index, 0))
        finally:
            self._filling = False
        if self.value() != current:
            self.value_changed.emit(self.value())

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value) if value is not None else 0
        self.setCurrentIndex(max(index, 0))

    def _emit(self, _index: int) -> None:
        if not self._filling:
            self.value_changed.emit(self.value())


class AreaCascade(QObject):
    """Kecamatan -> desa -> posyandu: each list is narrowed by the choice above it.

    Choice lists are read through the runner. ``changed()`` fires once per user change, after
    the dependent lists were narrowed.
    """

    changed = Signal()

    def __init__(self, runner: OperationRunner, all_labels: tuple[str, str, str], parent=None):
        super().__init__(parent)
        self._runner = runner
        self.kecamatan = FilterCombo(all_labels[0])
        self.desa = FilterCombo(all_labels[1])
        self.posyandu = FilterCombo(all_labels[2])
        self.kecamatan.value_changed.connect(self._kecamatan_changed)
        self.desa.value_changed.connect(self._desa_changed)
        self.posyandu.value_changed.connect(lambda _v: self.changed.emit())

    def reload(self) -> None:
        """Refill all three lists from the database (keeps the current choices if possible)."""
        kecamatan_id, desa_id = self.kecamatan.value(), self.desa.value()

        def read(session):
            return (
                kecamatan_choices(session),
                desa_choices(session, kecamatan_id=kecamatan_id),
                posyandu_choices(session, desa_id=desa_id, kecamatan_id=kecamatan_id),
            )

        self._runner.read(read, on_success=self._fill_all)

    def _fill_all(self, lists) -> None:
        for combo, choices in zip((self.kecamatan, self.desa, self.posyandu), lists, strict=True):
            combo.blockSignals(True)
            combo.set_choices(choices)
            combo.blockSignals(False)

    def _kecamatan_changed(self, kecamatan_id) -> None:
        def read(session):
            return (
                desa_choices(session, kecamatan_id=kecamatan_id),
                posyandu_choices(session, kecamatan_id=kecamatan_id),
            )

        self._runner.read(read, on_success=self._fill_lower)

    def _fill_lower(self, lists) -> None:
        for combo, choices in zip((self.desa, self.posyandu), lists, strict=True):
            combo.blockSignals(True)
            combo.set_choices(choices)
            combo.blockSignals(False)
        self.changed.emit()

    def _desa_changed(self, desa_id) -> None:
        kecamatan_id = self.kecamatan.value()

        def read(session):
            return posyandu_choices(session, desa_id=desa_id, kecamatan_id=kecamatan_id)

        self._runner.read(read, on_success=self._fill_posyandu)

    def _fill_posyandu(self, choices) -> None:
        self.posyandu.blockSignals(True)
        self.posyandu.set_choices(choices)
        self.posyandu.blockSignals(False)
        self.changed.emit()
