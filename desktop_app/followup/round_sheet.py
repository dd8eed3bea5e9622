"""The visit round sheet: a follow-up list narrowed to an area, grouped for a cadre's round.

The page filters the lists it already holds (:func:`filter_rows`: no second query, the lists
are read once per change) and the sheet groups the chosen rows by kecamatan, desa and posyandu
in that order, children by name within a group, so a cadre walks one posyandu's children in
one block. The PDF (:mod:`desktop_app.followup.round_sheet_pdf`) leaves columns for writing
the weight and length/height measured and a signature; the Excel file
(:func:`write_round_sheet_xlsx`) holds the same rows, written through
:mod:`desktop_app.export` (text cells inert, dates as date cells).

Exporting names, phones and health reasons is recorded in the audit trail
(:func:`record_round_sheet_export`, UU No. 27 Tahun 2022: who exported what).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_app.core.changes import Changes, writes
from desktop_app.core.i18n import _
from desktop_app.db.models import AuditEntry
from desktop_app.export.tabular import Column, write_xlsx
from desktop_app.followup.lists import FollowUpRow
from desktop_app.reports.header_data import ReportHeader, build_report_header

__all__ = [
    "AreaFilter",
    "RoundGroup",
    "RoundSheet",
    "build_round_sheet",
    "filter_rows",
    "record_round_sheet_export",
    "round_sheet_columns",
    "round_sheet_rows",
    "write_round_sheet_xlsx",
]


@dataclass(frozen=True)
class AreaFilter:
    """Kecamatan, desa and posyandu chosen on the page; None means every one."""

    kecamatan_id: uuid.UUID | None = None
    desa_id: uuid.UUID | None = None
    posyandu_id: uuid.UUID | None = None

    def matches(self, row: FollowUpRow) -> bool:
        place = row.place
        return (
            (self.kecamatan_id is None or place.kecamatan_id == self.kecamatan_id)
            and (self.desa_id is None or place.desa_id == self.desa_id)
            and (self.posyandu_id is None or place.posyandu_id == self.posyandu_id)
        )

    @property
    def is_empty(self) -> bool:
        return self.kecamatan_id is None and self.desa_id is None and self.posyandu_id is None


def filter_rows(rows: Iterable[FollowUpRow], area: AreaFilter) -> tuple[FollowUpRow, ...]:
    """The rows in ``area``, in their order (a province's 30,000 rows: a few milliseconds)."""
    if area.is_empty:
        return tuple(rows)
    return tuple(row for row in rows if area.matches(row))


@dataclass(frozen=True)
class RoundGroup:
    """One posyandu's children (or a desa's children without a posyandu)."""

    kecamatan_name: str
    desa_name: str
    posyandu_name: str
    rows: tuple[FollowUpRow, ...]

    @property
    def title(self) -> str:
        """``Kec. Air Seruk · Desa/Kel. Aik Damai · Posyandu Kenanga`` (a posyandu named
        "Posyandu Kenanga" is not called "Posyandu Posyandu Kenanga")."""
        posyandu = self.posyandu_name
        if not posyandu.casefold().startswith("posyandu"):
            posyandu = _("Posyandu {name}").format(name=posyandu)
        return _("Kec. {kecamatan} · Desa/Kel. {desa} · {posyandu}").format(
            kecamatan=self.kecamatan_name, desa=self.desa_name, posyandu=posyandu
        )


@dataclass(frozen=True)
class RoundSheet:
    """Everything the round sheet prints; built on the DB worker, rendered anywhere."""

    header: ReportHeader
    list_title: str  # e.g. "Belum dikunjungi bulan ini"
    date_title: str  # the list's date column, e.g. "Kunjungan terakhir"
    month: date  # first day
    area_label: str  # "Semua wilayah" or "Kec. ... · Desa ... · Posyandu ..."
    groups: tuple[RoundGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(g.rows) for g in self.groups)


def _group_key(row: FollowUpRow) -> tuple[str, str, str]:
    unknown = _("(tidak diisi)")
    place = row.place
    return (
        place.kecamatan_name or unknown,
        row.desa_name or unknown,
        place.posyandu_name or unknown,
    )


def group_rows(rows: Sequence[FollowUpRow]) -> tuple[RoundGroup, ...]:
    """Rows grouped by kecamatan, desa and posyandu (names in order), by child name inside."""
    ordered = sorted(rows, key=lambda r: (*(k.casefold() for k in _group_key(r)),
                                          r.child_name.casefold()))  # fmt: skip
    return tuple(
        RoundGroup(*key, tuple(members)) for key, members in groupby(ordered, key=_group_key)
    )


def build_round_sheet(
    session: Session,
    *,
    rows: Sequence[FollowUpRow],
    list_title: str,
    date_title: str,
    month: date,
    area_label: str,
    today: date | None = None,
) -> RoundSheet:
    """The sheet of ``rows`` (already filtered by the page) with the report letterhead read from
    the settings. Read-only; any thread with a session."""
    return RoundSheet(
        header=build_report_header(session, today=today),
        list_title=list_title,
        date_title=date_title,
        month=month,
        area_label=area_label,
        groups=group_rows(rows),
    )


@writes(Changes.NONE)  # an audit entry only
def record_round_sheet_export(session: Session, sheet: RoundSheet, *, file_kind: str) -> None:
    """Append the ``export`` audit entry of a round sheet (``file_kind``: pdf or xlsx)."""
    session.add(
        AuditEntry(
            user_id=None,
            username=session.info.get("actor"),
            device_id=session.info.get("device_id"),
            action="export",
            entity="report",
            entity_id=None,
            summary=f"tindak_lanjut_{file_kind} {sheet.list_title}: {sheet.area_label} "
            f"({sheet.count})",
            changes={},
        )
    )
    session.flush()


def round_sheet_columns(date_title: str) -> list[Column]:
    """The Excel columns: who and where, why, whom to call, and empty measurement columns."""
    return [
        Column(_("No"), "number"),
        Column(_("Kecamatan")),
        Column(_("Desa/Kel.")),
        Column(_("Posyandu")),
        Column(_("Nama anak")),
        Column(_("Nama ibu")),
        Column(_("HP keluarga")),
        Column(_("Orang tua asuh")),
        Column(_("HP orang tua asuh")),
        Column(date_title, "date"),
        Column(_("Keterangan")),
        Column(_("Berat (kg)")),
        Column(_("Panjang/tinggi (cm)")),
        Column(_("Paraf")),
    ]


def round_sheet_rows(sheet: RoundSheet) -> list[list[object]]:
    """The Excel rows, numbered through the whole sheet in the PDF's order."""
    out: list[list[object]] = []
    for group in sheet.groups:
        for row in group.rows:
            place = row.place
            out.append([
                len(out) + 1, group.kecamatan_name, group.desa_name, group.posyandu_name,
                row.child_name, place.mother_name or "", place.family_phone or "",
                row.guardian_name, place.guardian_phone or "", row.on, row.value, "", "", "",
            ])  # fmt: skip
    return out


def write_round_sheet_xlsx(sheet: RoundSheet, path: Path) -> int:
    """Write the sheet as a one-sheet workbook at ``path``; returns the rows written."""
    return write_xlsx(
        path,
        round_sheet_columns(sheet.date_title),
        round_sheet_rows(sheet),
        sheet_title=_("Tindak lanjut"),
    )
