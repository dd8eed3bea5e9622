"""The child list queries: filters, search, sorting, lazy rows (on the known district)."""

from __future__ import annotations

import pytest

from desktop_app.children.queries import ChildFilter, load_child_rows, query_child_ids
from desktop_app.core.masking import mask_nik
from desktop_app.db.models import Child
from tests.listing.builders import World


def names(session, **kwargs) -> list[str]:
    ids = query_child_ids(session, **kwargs)
    return [row.name for row in load_child_rows(session, ids=ids)]


def test_default_lists_active_children_by_name(session, world: World) -> None:
    assert names(session) == ["Ahmad Fauzi", "Bayu Pratama", "Siti Aminah", "Siti Rahma"]


def test_search_matches_name_nik_and_mother_every_word(session, world: World) -> None:
    # "siti" is in two names and in Bayu's mother's name (Siti Khodijah)
    assert names(session, child_filter=ChildFilter(search="SITI")) == [
        "Bayu Pratama", "Siti Aminah", "Siti Rahma",
    ]  # fmt: skip
    assert names(session, child_filter=ChildFilter(search="siti ami")) == ["Siti Aminah"]
    ahmad = session.get(Child, world["Ahmad Fauzi"])
    # a full NIK or No. KK is found inside the database (as its keyed token) ...
    assert names(session, child_filter=ChildFilter(search=ahmad.nik)) == ["Ahmad Fauzi"]
    assert names(session, child_filter=ChildFilter(search=f"ahmad {ahmad.nik}")) == ["Ahmad Fauzi"]
    # ... but the search text holds no number, so a part of one finds nothing
    assert names(session, child_filter=ChildFilter(search=ahmad.nik[:10])) == []
    assert ahmad.nik not in ahmad.search_text
    assert names(session, child_filter=ChildFilter(search="%")) == []


@pytest.mark.parametrize(
    ("child_filter", "expected"),
    [
        (ChildFilter(exited=True), ["Citra Lestari"]),
        (ChildFilter(exited=None), ["Ahmad Fauzi", "Bayu Pratama", "Citra Lestari",
                                    "Siti Aminah", "Siti Rahma"]),
        (ChildFilter(assigned=True), ["Ahmad Fauzi", "Siti Aminah"]),
        (ChildFilter(assigned=False), ["Bayu Pratama", "Siti Rahma"]),
        (ChildFilter(enrolment_status="stunting"), ["Ahmad Fauzi", "Siti Aminah"]),
    ],
)  # fmt: skip
def test_status_filters(session, world: World, child_filter, expected) -> None:
    assert names(session, child_filter=child_filter) == expected


def test_area_and_opd_filters(session, world: World) -> None:
    by_kecamatan = ChildFilter(kecamatan_id=world["Tanjung Pandan"])
    assert names(session, child_filter=by_kecamatan) == [
        "Bayu Pratama",
        "Siti Aminah",
        "Siti Rahma",
    ]
    assert names(session, child_filter=ChildFilter(desa_id=world["Paal Satu"])) == ["Siti Rahma"]
    assert names(session, child_filter=ChildFilter(posyandu_id=world["Kenanga"])) == ["Ahmad Fauzi"]
    assert names(session, child_filter=ChildFilter(opd_id=world["DINKES"])) == ["Siti Aminah"]
    assert names(session, child_filter=ChildFilter(opd_id=world["BAPPEDA"])) == []


@pytest.mark.parametrize(
    ("sort", "descending", "expected"),
    [
        ("name", True, ["Siti Rahma", "Siti Aminah", "Bayu Pratama", "Ahmad Fauzi"]),
        ("age", False, ["Ahmad Fauzi", "Siti Aminah", "Siti Rahma", "Bayu Pratama"]),
        ("desa", False, ["Bayu Pratama", "Siti Aminah", "Siti Rahma", "Ahmad Fauzi"]),
        ("guardian", True, ["Ahmad Fauzi", "Siti Aminah", "Bayu Pratama", "Siti Rahma"]),
    ],
)
def test_sorting_is_done_by_sql(session, world: World, sort, descending, expected) -> None:
    assert names(session, sort=sort, descending=descending) == expected


def test_rows_carry_what_the_list_shows(session, world: World) -> None:
    ids = query_child_ids(session, child_filter=ChildFilter(search="aminah"))
    (row,) = load_child_rows(session, ids=ids)
    assert (row.sex, row.age_months, row.desa_name, row.kecamatan_name, row.posyandu_name) == (
        "P", 14, "Air Saga", "Tanjung Pandan", "Melati",
    )  # fmt: skip
    assert row.guardian_name == "Budi Santoso"
    assert row.uuid == world["Siti Aminah"]


def test_load_keeps_the_requested_order_and_skips_unknown_ids(session, world: World) -> None:
    ids = query_child_ids(session)
    rows = load_child_rows(session, ids=[ids[2], "0" * 32, ids[0]])
    assert [r.id for r in rows] == [ids[2], ids[0]]


def test_unknown_sort_key_is_a_programming_error(session) -> None:
    with pytest.raises(ValueError, match="sort key"):
        query_child_ids(session, sort="nik; drop table children")


def test_mask_number() -> None:
    assert mask_nik("3271011003260003") == "3271**********03"
    assert mask_nik(None) == ""
    assert mask_nik("123") == "***"


@pytest.mark.parametrize("search", ["", "SITI", "siti ami", "3271011003", "%", "ra", "  "])
def test_search_base_narrows_like_the_sql_search(session, world: World, search: str) -> None:
    from desktop_app.children.queries import query_child_search_base

    base = query_child_search_base(session, child_filter=ChildFilter(assigned=False), sort="age")
    expected = query_child_ids(
        session, child_filter=ChildFilter(assigned=False, search=search), sort="age"
    )
    assert base.narrow(search).ids == expected


def test_narrowing_a_narrowed_base_equals_narrowing_the_whole(session, world: World) -> None:
    from desktop_app.children.queries import query_child_search_base

    base = query_child_search_base(session)
    assert base.narrow("si").narrow("siti ami").ids == base.narrow("siti ami").ids
    assert [len(base.narrow(t).ids) for t in ("", "s", "si", "siti", "siti ami")] == [4, 4, 3, 3, 1]
