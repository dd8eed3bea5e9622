"""Kecamatan -> Desa/Kelurahan -> Posyandu combos, each list read when its parent changes.

Lists come from ``desktop_app.settings.wilayah`` through the runner. ``select()`` may be called
before the lists arrive (a form loading a record): the wanted ids wait until their list is filled.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from PySide6.QtCore import QObject

from desktop_app.core.i18n import _
from desktop_app.settings.wilayah import list_desa, list_kecamatan, list_posyandu
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.widgets.choices import IdCombo


def _pairs(records: list[Any]) -> list[tuple[UUID, str]]:
    return [(r.id, r.name) for r in records]


class WilayahCombos(QObject):
    """Three dependent combos; place ``kecamatan``, ``desa`` and ``posyandu`` in a form."""

    def __init__(self, runner: OperationRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.kecamatan = IdCombo()
        self.desa = IdCombo(placeholder=_("— pilih kecamatan dulu —"))
        self.posyandu = IdCombo(placeholder=_("— pilih desa dulu —"))
        self._wanted: dict[str, UUID | None] = {}
        self.kecamatan.currentIndexChanged.connect(self._kecamatan_changed)
        self.desa.currentIndexChanged.connect(self._desa_changed)

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

    def _kecamatan_changed(self, *_args: object) -> None:
        kecamatan_id = self.kecamatan.current_id()
        if kecamatan_id is None:
            self.desa.set_items([], keep_selection=False)
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

    def _desa_changed(self, *_args: object) -> None:
        desa_id = self.desa.current_id()
        if desa_id is None:
            self.posyandu.placeholder = _("— pilih desa dulu —")
            self.posyandu.set_items([], keep_selection=False)
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
