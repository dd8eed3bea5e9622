"""Guardian and assignment list queries, and the filter choice lists."""

from __future__ import annotations

from desktop_app.assignments.queries import (
    AssignmentFilter,
    load_assignment_rows,
    query_assignment_ids,
)
from desktop_app.guardians.queries import GuardianFilter, load_guardian_rows, query_guardian_ids
from desktop_app.home.queries import home_summary
from desktop_app.labels.choices import desa_choices, kecamatan_choices, posyandu_choices
from tests.listing.builders import World


def guardian_names(session, **kwargs) -> list[str]:
    ids = query_guardian_ids(session, **kwargs)
    return [row.name for row in load_guardian_rows(session, ids=ids)]


def test_guardians_search_filter_and_count_children(session, world: World) -> None:
    assert guardian_names(session) == ["Budi Santoso", "Sri Wahyuni"]
    assert guardian_names(session, guardian_filter=GuardianFilter(search="wahyu")) == [
        "Sri Wahyuni"
    ]
    assert guardian_names(session, guardian_filter=GuardianFilter(search="1985031220100120")) == [
        "Sri Wahyuni"
    ]
    assert guardian_names(session, guardian_filter=GuardianFilter(opd_id=world["DINKES"])) == [
        "Budi Santoso"
    ]
    assert guardian_names(session, guardian_filter=GuardianFilter(kind="csr")) == []
    rows = load_guardian_rows(session, ids=query_guardian_ids(session, sort="opd", descending=True))
    assert [(r.name, r.opd_name, r.active_children) for r in rows] == [
        ("Sri Wahyuni", "Dinas Pendidikan", 1),
        ("Budi Santoso", "Dinas Kesehatan", 1),
    ]


def test_assignments_by_status_and_search(session, world: World) -> None:
    ids = query_assignment_ids(session)
    rows = load_assignment_rows(session, ids=ids)
    assert [(r.child_name, r.guardian_name, r.opd_name, r.status) for r in rows] == [
        ("Ahmad Fauzi", "Sri Wahyuni", "Dinas Pendidikan", "aktif"),
        ("Siti Aminah", "Budi Santoso", "Dinas Kesehatan", "aktif"),
    ]
    assert rows[0].child_uuid == world["Ahmad Fauzi"]
    found = query_assignment_ids(session, assignment_filter=AssignmentFilter(search="budi"))
    assert [r.child_name for r in load_assignment_rows(session, ids=found)] == ["Siti Aminah"]
    assert query_assignment_ids(session, assignment_filter=AssignmentFilter(status="selesai")) == []


def test_area_choices_narrow_by_parent(session, world: World) -> None:
    assert [c.label for c in kecamatan_choices(session)] == ["Membalong", "Tanjung Pandan"]
    assert [c.label for c in desa_choices(session, kecamatan_id=world["Tanjung Pandan"])] == [
        "Air Saga", "Paal Satu",
    ]  # fmt: skip
    assert [c.label for c in posyandu_choices(session, kecamatan_id=world["Membalong"])] == [
        "Kenanga"
    ]
    assert [c.label for c in posyandu_choices(session, desa_id=world["Paal Satu"])] == ["Mawar"]


def test_home_summary(session, world: World) -> None:
    summary = home_summary(session)
    assert summary.coverage.sentence() == "2 dari 4 anak sudah memiliki orang tua asuh (50,0%)"
    assert [c.name for c in summary.waiting] == ["Bayu Pratama", "Siti Rahma"]
    assert (summary.asn_registered, summary.opd_without_data) == (2, 1)
    assert summary.children_without_guardian == 2
