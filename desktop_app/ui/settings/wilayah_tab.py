"""Master data: the wilayah tree, kecamatan > desa/kelurahan > posyandu, with add and rename.

The whole tree is read in one operation (a district has a few hundred areas at most) and rebuilt
on every WILAYAH change, keeping which branches were open and which row was selected.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.changes import Changes
from desktop_app.core.i18n import N_, _
from desktop_app.settings.wilayah import (
    AreaRecord,
    list_desa,
    list_kecamatan,
    list_posyandu,
)
from desktop_app.ui.common.staleness import StaleWatcher
from desktop_app.ui.operations import settings as operations
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.settings.area_list_dialog import AreaListDialog
from desktop_app.ui.widgets import ChoiceButtons, FormDialog
from desktop_app.ui.widgets.messages import show_failure

KIND_LABELS = {
    "kecamatan": N_("Kecamatan"),
    "desa": N_("Desa"),
    "kelurahan": N_("Kelurahan"),
    "posyandu": N_("Posyandu"),
}
_ID = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class AreaTree:
    kecamatan: list[AreaRecord]
    desa: list[AreaRecord]
    posyandu: list[AreaRecord]


def read_tree(session) -> AreaTree:
    return AreaTree(list_kecamatan(session), list_desa(session), list_posyandu(session))


def _contents(record: AreaRecord, below: list[AreaRecord]) -> str:
    if record.kind == "posyandu":
        return ""
    unit = _("posyandu") if record.kind in ("desa", "kelurahan") else _("desa/kelurahan")
    return f"{len(below)} {unit}"


class AreaDialog(FormDialog):
    """Name a new area under ``parent_id`` (``kind``: kecamatan, desa, posyandu) or rename
    ``area`` in place. ``saved(UUID)``."""

    def __init__(
        self,
        runner: OperationRunner,
        *,
        kind: str,
        parent_id: UUID | None = None,
        parent_name: str = "",
        area: AreaRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        label = (
            _(KIND_LABELS["desa"]) + "/" + _(KIND_LABELS["kelurahan"]) if kind == "desa" else None
        )
        what = label or _(KIND_LABELS[kind])
        title = _("Tambah {what}") if area is None else _("Ubah nama {what}")
        super().__init__(runner, title=title.format(what=what.lower()), parent=parent)
        self.kind, self.parent_id, self.area = kind, parent_id, area
        rows = self.rows()
        if parent_name:
            rows.add(_("Di dalam"), QLineEdit(parent_name, readOnly=True))
        self.desa_kind = None
        if kind == "desa" and area is None:
            self.desa_kind = rows.add(
                _("Jenis"),
                ChoiceButtons([("desa", _("Desa")), ("kelurahan", _("Kelurahan"))]),
                field="kind",
            )
            self.desa_kind.setValue("desa")
        self.name = rows.add(_("Nama"), QLineEdit(), field="name", required=True)
        self.name.setMaxLength(100)
        if area is not None:
            self.name.setText(area.name)
        self.name.setFocus()
        self.setMinimumWidth(460)

    def save(self) -> None:
        name, parent_id, area = self.name.text(), self.parent_id, self.area
        if area is not None:
            self.submit(operations.rename_area(area_id=area.id, name=name))
        elif self.kind == "kecamatan":
            self.submit(operations.create_kecamatan(name=name))
        elif self.kind == "desa":
            assert parent_id is not None  # a desa is always added under a kecamatan
            desa_kind = self.desa_kind.value() if self.desa_kind else "desa"
            self.submit(operations.create_desa(kecamatan_id=parent_id, name=name, kind=desa_kind))
        else:
            assert parent_id is not None  # a posyandu is always added under a desa
            self.submit(operations.create_posyandu(desa_id=parent_id, name=name))


class WilayahTab(QWidget):
    """Tree of areas; the add buttons act on the selected row's branch."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.active_dialog: FormDialog | None = None
        self.records: dict[UUID, AreaRecord] = {}
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([_("Nama"), _("Jenis"), _("Isi"), _("Kode Kemendagri")])
        self.tree.setColumnWidth(0, 340)
        self.tree.setAlternatingRowColors(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda *_a: self.rename_selected())
        buttons = QHBoxLayout()
        self.add_kecamatan_button = QPushButton(_("Tambah kecamatan"))
        self.add_desa_button = QPushButton(_("Tambah desa/kelurahan"))
        self.add_posyandu_button = QPushButton(_("Tambah posyandu"))
        self.rename_button = QPushButton(_("Ubah nama"))
        self.from_list_button = QPushButton(_("Isi dari daftar Kemendagri…"))
        self.from_list_button.setToolTip(
            _("Tambahkan semua kecamatan dan desa/kelurahan kabupaten/kota dengan kodenya")
        )
        for button, slot in (
            (self.add_kecamatan_button, self.add_kecamatan),
            (self.add_desa_button, self.add_desa),
            (self.add_posyandu_button, self.add_posyandu),
            (self.rename_button, self.rename_selected),
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.from_list_button.clicked.connect(self.fill_from_list)
        buttons.addWidget(self.from_list_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.tree)
        self.watcher = StaleWatcher(self, runner, Changes.WILAYAH, self.reload)
        self._update_buttons()

    # -- loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        self.runner.read(read_tree, on_success=self.fill, on_error=self._failed)

    def _failed(self, error: Exception) -> None:
        show_failure(self, error)

    def fill(self, tree: AreaTree) -> None:
        expanded = {item.data(0, _ID) for item in self._items() if item.isExpanded()}
        selected = self.selected()
        self.tree.clear()
        self.records = {r.id: r for r in (*tree.kecamatan, *tree.desa, *tree.posyandu)}
        children: dict[UUID | None, list[AreaRecord]] = {}
        for record in (*tree.desa, *tree.posyandu):
            children.setdefault(record.parent_id, []).append(record)

        def add(parent: QTreeWidget | QTreeWidgetItem, record: AreaRecord) -> None:
            below = children.get(record.id, [])
            item = QTreeWidgetItem(
                parent,
                [
                    record.name,
                    _(KIND_LABELS.get(record.kind, "")),
                    _contents(record, below),
                    record.code,
                ],
            )
            item.setData(0, _ID, record.id)
            for child in below:
                add(item, child)
            item.setExpanded(record.id in expanded)
            if selected is not None and record.id == selected.id:
                self.tree.setCurrentItem(item)

        for kecamatan in tree.kecamatan:
            add(self.tree, kecamatan)
        self._update_buttons()

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is None:  # Qt's "no such item"; the indexes here are always in range
                continue
            found.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return found

    def item_for(self, area_id: UUID) -> QTreeWidgetItem | None:
        return next((i for i in self._items() if i.data(0, _ID) == area_id), None)

    # -- selection and actions ----------------------------------------------------------------
    def selected(self) -> AreaRecord | None:
        item = self.tree.currentItem()
        return self.records.get(item.data(0, _ID)) if item is not None else None

    def _ancestor(self, kinds: tuple[str, ...]) -> AreaRecord | None:
        record = self.selected()
        while record is not None and record.kind not in kinds:
            record = self.records.get(record.parent_id) if record.parent_id else None
        return record

    def _update_buttons(self) -> None:
        self.add_desa_button.setEnabled(self._ancestor(("kecamatan",)) is not None)
        self.add_posyandu_button.setEnabled(self._ancestor(("desa", "kelurahan")) is not None)
        self.rename_button.setEnabled(self.selected() is not None)

    def _open(self, **kwargs) -> None:
        dialog = AreaDialog(self.runner, parent=self, **kwargs)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._select_later)
        self.active_dialog = dialog
        dialog.open()

    def _select_later(self, area_id: UUID) -> None:
        item = self.item_for(area_id)  # the tree was already rebuilt by the change broadcast
        if item is not None:
            self.tree.setCurrentItem(item)

    def add_kecamatan(self) -> None:
        self._open(kind="kecamatan")

    def add_desa(self) -> None:
        kecamatan = self._ancestor(("kecamatan",))
        if kecamatan is not None:
            self._open(kind="desa", parent_id=kecamatan.id, parent_name=kecamatan.name)

    def add_posyandu(self) -> None:
        desa = self._ancestor(("desa", "kelurahan"))
        if desa is not None:
            self._open(kind="posyandu", parent_id=desa.id, parent_name=desa.name)

    def fill_from_list(self) -> None:
        dialog = AreaListDialog(self.runner, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.active_dialog = dialog
        dialog.open()

    def rename_selected(self) -> None:
        area = self.selected()
        if area is not None:
            kind = "desa" if area.kind == "kelurahan" else area.kind
            self._open(kind=kind, area=area)
