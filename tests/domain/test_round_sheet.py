"""The round sheet groups a list by kecamatan, desa and posyandu and filters it by area."""

from __future__ import annotations

import uuid
from datetime import date

from desktop_app.followup.facts import Place
from desktop_app.followup.lists import FollowUpRow
from desktop_app.followup.round_sheet import AreaFilter, filter_rows, group_rows

KEC_A, KEC_B, DESA_A, DESA_B, POS_A = (uuid.uuid4() for _ in range(5))


def row(name: str, kec: uuid.UUID, kec_name: str, desa: uuid.UUID, desa_name: str,
        posyandu: str | None, posyandu_id: uuid.UUID | None = None) -> FollowUpRow:  # fmt: skip
    place = Place(kec, kec_name, desa, posyandu_id, posyandu, "Ibu", None, None)
    return FollowUpRow(uuid.uuid4(), name, desa_name, "OTA", date(2026, 11, 1), "alasan", place)


ROWS = (
    row("Zaki", KEC_B, "Membalong", DESA_B, "Simpang Rusa", "Kenanga"),
    row("Budi", KEC_A, "Badau", DESA_A, "Air Saga", "Posyandu Melati", POS_A),
    row("Ani", KEC_A, "Badau", DESA_A, "Air Saga", "Posyandu Melati", POS_A),
    row("Citra", KEC_A, "Badau", DESA_A, "Air Saga", None),
)


def test_groups_follow_the_areas_and_names_inside():
    groups = group_rows(ROWS)
    assert [g.title for g in groups] == [
        "Kec. Badau · Desa/Kel. Air Saga · Posyandu (tidak diisi)",
        "Kec. Badau · Desa/Kel. Air Saga · Posyandu Melati",
        "Kec. Membalong · Desa/Kel. Simpang Rusa · Posyandu Kenanga",
    ]
    assert [[r.child_name for r in g.rows] for g in groups] == [["Citra"], ["Ani", "Budi"],
                                                                 ["Zaki"]]  # fmt: skip


def test_area_filter_narrows_by_each_level():
    assert [r.child_name for r in filter_rows(ROWS, AreaFilter(kecamatan_id=KEC_B))] == ["Zaki"]
    assert [r.child_name for r in filter_rows(ROWS, AreaFilter(posyandu_id=POS_A))] == [
        "Budi", "Ani"]  # fmt: skip
    assert len(filter_rows(ROWS, AreaFilter(desa_id=DESA_A))) == 3
    assert filter_rows(ROWS, AreaFilter()) == ROWS
