"""Anak: the child list (search, area/OPD/status filters) and the section that stacks it with
the child's detail page (UI2's ``ChildDetailPage``, created on first use)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from desktop_app.children.queries import (
    ChildFilter,
    ChildRow,
    load_child_rows,
    query_child_ids,
    query_child_search_base,
)
from desktop_app.core.changes import Changes
from desktop_app.core.formatting import format_date, format_table_date
from desktop_app.core.i18n import N_, _, ngettext, pgettext
from desktop_app.core.masking import mask_nik
from desktop_app.core.search import SearchBase
from desktop_app.labels.choices import (
    enrolment_status_choices,
    enrolment_status_label,
    exit_reason_label,
    opd_choices,
)
from desktop_app.ui.common.announce import announce
from desktop_app.ui.common.columns import Column
from desktop_app.ui.common.filter_bar import AreaCascade, FilterCombo
from desktop_app.ui.common.list_page import ListPage
from desktop_app.ui.common.text import format_count
from desktop_app.ui.ops import OperationRunner
from desktop_app.validation.common import normalise_name

if TYPE_CHECKING:
    from desktop_app.core.session import Session
    from desktop_app.ui.children.detail import ChildDetailPage

_CENTER = Qt.AlignmentFlag.AlignCenter
_RIGHT = Qt.AlignmentFlag.AlignRight


@dataclass(frozen=True)
class ChildSource:
    """The child list's query for one filter (see ``LazyTableModel``)."""

    child_filter: ChildFilter
    today: date | None = None

    @property
    def search(self) -> str:
        return self.child_filter.search

    def base_key(self) -> ChildFilter:
        return replace(self.child_filter, search="")

    def query_base(self, session: Session, sort: str, descending: bool) -> SearchBase:
        return query_child_search_base(
            session, child_filter=self.child_filter, sort=sort, descending=descending
        )

    def query_ids(self, session: Session, sort: str, descending: bool) -> list[str]:
        return query_child_ids(
            session, child_filter=self.child_filter, sort=sort, descending=descending
        )

    def load_rows(self, session: Session, ids) -> list[ChildRow]:
        return load_child_rows(session, ids=ids, today=self.today)


#: Short status words for the dense list (the tooltip gives the full label).
_SHORT_STATUS = {"stunting": N_("Stunting"), "berisiko": N_("Berisiko")}


def status_text(row: ChildRow) -> str:
    if row.exit_date is not None:
        return pgettext("status anak", "Keluar")
    return _(_SHORT_STATUS.get(row.enrolment_status, row.enrolment_status))


def _status_tooltip(row: ChildRow) -> str:
    if row.exit_date is None:
        return enrolment_status_label(row.enrolment_status)
    return _("Keluar {date}: {reason}").format(
        date=format_date(row.exit_date), reason=exit_reason_label(row.exit_reason)
    )


def _nik_text(row: ChildRow) -> str:
    """Masked NIK; a child without one (newborn) shows its masked family card number."""
    if row.nik:
        return mask_nik(row.nik)
    return _("KK {kk}").format(kk=mask_nik(row.no_kk)) if row.no_kk else ""


def _area_tooltip(row: ChildRow) -> str:
    return _("Kecamatan {name}").format(name=row.kecamatan_name) if row.kecamatan_name else ""


def child_columns() -> list[Column]:
    return [
        Column(_("Nama"), lambda r: r.name, "name", width=190),
        Column(_("NIK"), _nik_text, "nik", width=145),
        Column(_("L/P"), lambda r: r.sex, "sex", width=42, align=_CENTER),
        Column(
            _("Tanggal lahir"), lambda r: format_table_date(r.birth_date), "birth_date", width=110
        ),
        Column(_("Umur (bln)"), lambda r: str(r.age_months), "age", width=90, align=_RIGHT),
        Column(_("Desa"), lambda r: r.desa_name or "", "desa", width=120, tooltip=_area_tooltip),
        Column(_("Posyandu"), lambda r: r.posyandu_name or "", "posyandu", width=185),
        Column(_("Orang tua asuh"), lambda r: r.guardian_name or "—", "guardian", width=165),
        Column(_("Status"), status_text, "status", width=90, tooltip=_status_tooltip),
    ]


class ChildListPage(ListPage):
    """The child list. ``child_opened(UUID)`` when a row is activated."""

    child_opened = Signal(object)
    # SETTINGS: the search reads the database's search key (NIK tokens) from the settings
    watched_changes = (
        Changes.CHILDREN | Changes.ASSIGNMENTS | Changes.GUARDIANS | Changes.WILAYAH | Changes.OPD
        | Changes.SETTINGS
    )  # fmt: skip

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None, **kwargs) -> None:
        super().__init__(
            runner,
            title=_("Anak"),
            search_placeholder=_("Cari nama, NIK, No. KK atau nama ibu…"),
            columns=child_columns(),
            parent=parent,
            **kwargs,
        )
        self.today: date | None = None  # tests pin the date ages are computed on
        self.areas = AreaCascade(
            runner, (_("Semua kecamatan"), _("Semua desa"), _("Semua posyandu")), self
        )
        self.opd = FilterCombo(_("Semua OPD"))
        self.status = FilterCombo(_("Semua status"))
        self.status.set_choices(enrolment_status_choices())
        self.activity = FilterCombo(_("Aktif & keluar"))
        self.activity.set_choices([(False, _("Masih aktif")), (True, _("Sudah keluar"))])
        self.activity.set_value(False)
        self.assigned = FilterCombo(_("Semua anak"))
        self.assigned.set_choices(
            [(False, _("Belum punya orang tua asuh")), (True, _("Sudah punya orang tua asuh"))]
        )
        for combo in (self.status, self.activity, self.assigned, self.opd):
            combo.value_changed.connect(lambda _v: self.apply_filters())
            self.filter_row.addWidget(combo)
        self.areas.changed.connect(self.apply_filters)
        for combo in (self.areas.kecamatan, self.areas.desa, self.areas.posyandu):
            self.second_filter_row.addWidget(combo)
        self.add_action_button(_("Impor dari Excel…"), "import", self.import_from_file)
        self.add_action_button(_("Tambah anak"), "add", self.new_record, primary=True)

    # -- ListPage -----------------------------------------------------------------------------
    def current_filter(self) -> ChildFilter:
        return ChildFilter(
            search=self.search_box.text(),
            kecamatan_id=self.areas.kecamatan.value(),
            desa_id=self.areas.desa.value(),
            posyandu_id=self.areas.posyandu.value(),
            opd_id=self.opd.value(),
            enrolment_status=self.status.value(),
            exited=self.activity.value(),
            assigned=self.assigned.value(),
        )

    def make_source(self) -> ChildSource:
        return ChildSource(self.current_filter(), self.today)

    def is_filtered(self) -> bool:
        return self.current_filter() != ChildFilter()

    def count_text(self, count: int) -> str:
        return ngettext("{n} anak", "{n} anak", count).format(n=format_count(count))

    def empty_text(self, filtered: bool) -> tuple[str, str]:
        if filtered:
            return _("Tidak ada anak yang cocok"), _("Ubah kata pencarian atau saringan.")
        return _("Belum ada anak terdaftar"), _("Klik \u201cTambah anak\u201d untuk mendaftarkan.")

    def reload_choices(self) -> None:
        self.areas.reload()
        self.runner.read(opd_choices, on_success=self.opd.set_choices)

    def open_row(self, row: ChildRow) -> None:
        self.child_opened.emit(row.uuid)

    def import_from_file(self) -> None:
        from desktop_app.ui.importing import open_import_wizard

        open_import_wizard(self.runner, kind="children", parent=self)

    def new_record(self) -> None:
        from desktop_app.ui.children.editor import ChildEditorDialog

        dialog = ChildEditorDialog(self.runner, parent=self)
        dialog.open_existing.connect(self.child_opened.emit)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda child_id: self._registered(child_id, dialog.name.text()))
        dialog.open()

    def _registered(self, child_id: uuid.UUID, name: str) -> None:
        """A new child is confirmed in the status bar and selected in the list (the search
        and filters are cleared if they would hide it)."""
        announce(self, _("Anak baru tersimpan: {name}").format(name=normalise_name(name)))
        if self._narrowed():
            self.clear_filters()
        self.select_id(child_id)

    def _filter_combos(self) -> tuple[FilterCombo, ...]:
        return (self.status, self.opd, self.assigned, self.areas.kecamatan, self.areas.desa,
                self.areas.posyandu)  # fmt: skip

    def _narrowed(self) -> bool:
        """A search or filter that could hide a new (active) child."""
        return (
            bool(self.search_box.text().strip())
            or self.activity.value() is not False
            or any(combo.value() is not None for combo in self._filter_combos())
        )

    def clear_filters(self) -> None:
        """Every filter and the search back to the defaults (one re-query)."""
        for combo in self._filter_combos():
            combo.blockSignals(True)
            combo.set_value(None)
            combo.blockSignals(False)
        self.activity.blockSignals(True)
        self.activity.set_value(False)
        self.activity.blockSignals(False)
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.apply_filters()

    def show_unassigned(self) -> None:
        """Beranda's "lihat semua": active children without a guardian, nothing else."""
        areas = (self.areas.kecamatan, self.areas.desa, self.areas.posyandu)
        for combo in (self.status, self.opd, *areas):
            combo.blockSignals(True)
            combo.set_value(None)
            combo.blockSignals(False)
        self.areas.reload()  # widen desa/posyandu lists back to the whole district
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        for combo, value in ((self.activity, False), (self.assigned, False)):
            combo.blockSignals(True)
            combo.set_value(value)
            combo.blockSignals(False)
        self.apply_filters()


class ChildrenSection(QStackedWidget):
    """The Anak section: the list, and the detail page stacked over it with a back button."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.list_page = ChildListPage(runner)
        self.addWidget(self.list_page)
        self.detail_page: ChildDetailPage | None = None
        self.list_page.child_opened.connect(self.show_child)

    def show_child(self, child_id: uuid.UUID) -> None:
        if self.detail_page is None:
            from desktop_app.ui.children.detail import ChildDetailPage

            self.detail_page = ChildDetailPage(self.runner)
            self.detail_page.back_requested.connect(self.show_list)
            self.detail_page.edit_requested.connect(self.edit_child)
            self.addWidget(self.detail_page)
        self.detail_page.show_child(child_id)
        self.setCurrentWidget(self.detail_page)

    def show_list(self) -> None:
        self.setCurrentWidget(self.list_page)

    def edit_child(self, child_id: uuid.UUID) -> None:
        from desktop_app.ui.children.editor import ChildEditorDialog

        dialog = ChildEditorDialog(self.runner, child_id=child_id, parent=self)
        dialog.open_existing.connect(self.show_child)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(
            lambda _id: announce(
                self,
                _("Perubahan data anak tersimpan: {name}").format(
                    name=normalise_name(dialog.name.text())
                ),
            )
        )
        dialog.open()

    # the shell's shortcuts act on the list
    def focus_search(self) -> None:
        self.show_list()
        self.list_page.focus_search()

    def new_record(self) -> None:
        self.list_page.new_record()
