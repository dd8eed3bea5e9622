"""Assignments: one active guardian per child, the per-guardian cap, transfer and end."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desktop_app.assignments.service import (
    assign_guardian,
    assignment_history,
    end_assignment,
    transfer_assignment,
)
from desktop_app.children.service import exit_child, get_child
from desktop_app.core.errors import ConflictError, NotFoundError, ValidationError
from desktop_app.db.models import Assignment
from desktop_app.guardians.service import deactivate_guardian
from desktop_app.settings.programmes import create_programme, update_programme
from desktop_app.settings.store import update_settings
from tests.domain.conftest import TODAY, add_child, add_guardian, count_rows


@pytest.fixture
def child(session):
    return add_child(session)


@pytest.fixture
def guardian(session, opd):
    return add_guardian(session, opd.id)


@pytest.fixture
def other_guardian(session, opd):
    return add_guardian(session, opd.id, name="Dewi Lestari", sequence=2)


def test_assign_records_programme_and_dates(session, child, guardian) -> None:
    programme = create_programme(
        session,
        name="Genting 2026",
        start_month=date(2026, 10, 1),
        end_month=date(2026, 12, 1),
        monthly_aid=450_000,
    )
    record = assign_guardian(
        session,
        child_id=child.id,
        guardian_id=guardian.id,
        programme_id=programme.id,
        start_date=date(2026, 10, 5),
    )
    assert (record.child_name, record.guardian_name, record.opd_name, record.programme_name) == (
        "Budi Santoso",
        "Andi Wijaya",
        "Dinas Kesehatan",
        "Genting 2026",
    )
    assert (record.start_date, record.end_date, record.status) == (date(2026, 10, 5), None, "aktif")
    assert get_child(session, child_id=child.id).active_assignment == record


def test_start_date_defaults_to_today(session, child, guardian) -> None:
    record = assign_guardian(session, child_id=child.id, guardian_id=guardian.id, today=TODAY)
    assert record.start_date == TODAY


def test_second_active_guardian_is_refused_naming_the_current_one(
    session, child, guardian, other_guardian
) -> None:
    assign_guardian(
        session, child_id=child.id, guardian_id=guardian.id, start_date=date(2026, 10, 5)
    )
    with pytest.raises(ConflictError) as caught:
        assign_guardian(session, child_id=child.id, guardian_id=other_guardian.id, start_date=TODAY)
    assert str(caught.value) == (
        "Budi Santoso sudah memiliki orang tua asuh aktif: Andi Wijaya (sejak 5 Oktober 2026). "
        "Gunakan Alihkan untuk mengganti orang tua asuh."
    )
    assert count_rows(session, Assignment) == 1


def test_cap_comes_from_the_settings(session, guardian) -> None:
    update_settings(session, max_children_per_guardian=2)
    kids = [
        add_child(session, name=f"Anak {i}", sequence=i, mother_name=f"Ibu {i}") for i in (1, 2, 3)
    ]
    for kid in kids[:2]:
        assign_guardian(session, child_id=kid.id, guardian_id=guardian.id, start_date=TODAY)
    with pytest.raises(ConflictError) as caught:
        assign_guardian(session, child_id=kids[2].id, guardian_id=guardian.id, start_date=TODAY)
    assert str(caught.value) == (
        "Andi Wijaya sudah mengasuh 2 anak; batas per orang tua asuh adalah 2 anak "
        "(lihat Pengaturan)"
    )
    update_settings(session, max_children_per_guardian=3)
    assign_guardian(session, child_id=kids[2].id, guardian_id=guardian.id, start_date=TODAY)
    assert count_rows(session, Assignment) == 3


def test_ended_assignments_do_not_count_towards_the_cap(session, guardian) -> None:
    update_settings(session, max_children_per_guardian=1)
    first = add_child(session)
    second = add_child(session, name="Rina", sex="P", sequence=2)
    done = assign_guardian(
        session, child_id=first.id, guardian_id=guardian.id, start_date=date(2026, 10, 1)
    )
    end_assignment(session, assignment_id=done.id, on=date(2026, 11, 1), reason="Program selesai")
    assign_guardian(session, child_id=second.id, guardian_id=guardian.id, start_date=TODAY)


def test_exited_child_inactive_guardian_and_closed_programme_are_refused(
    session, child, guardian, other_guardian
) -> None:
    deactivate_guardian(session, guardian_id=other_guardian.id)
    with pytest.raises(ConflictError, match="Dewi Lestari sudah tidak aktif"):
        assign_guardian(session, child_id=child.id, guardian_id=other_guardian.id, start_date=TODAY)
    programme = create_programme(
        session,
        name="Lama",
        start_month=date(2025, 1, 1),
        end_month=date(2025, 3, 1),
        monthly_aid=1,
    )
    update_programme(session, programme_id=programme.id, active=False)
    with pytest.raises(ConflictError, match="Program Lama sudah tidak aktif"):
        assign_guardian(
            session, child_id=child.id, guardian_id=guardian.id, programme_id=programme.id
        )
    exit_child(session, child_id=child.id, exit_date=TODAY, reason="pindah", today=TODAY)
    with pytest.raises(ConflictError, match="sudah keluar dari program pada 23 November 2026"):
        assign_guardian(session, child_id=child.id, guardian_id=guardian.id, start_date=TODAY)
    assert count_rows(session, Assignment) == 0


def test_start_before_birth_and_unknown_ids_are_refused(session, child, guardian) -> None:
    import uuid

    with pytest.raises(ValidationError) as caught:
        assign_guardian(
            session, child_id=child.id, guardian_id=guardian.id, start_date=date(2024, 1, 1)
        )
    assert (
        caught.value.for_field("start_date")
        == "Tanggal mulai tidak boleh sebelum tanggal lahir anak"
    )
    with pytest.raises(NotFoundError, match="Orang tua asuh tidak ditemukan"):
        assign_guardian(session, child_id=child.id, guardian_id=uuid.uuid4())
    with pytest.raises(NotFoundError, match="Data anak tidak ditemukan"):
        assign_guardian(session, child_id=uuid.uuid4(), guardian_id=guardian.id)
    assert count_rows(session, Assignment) == 0


def test_transfer_keeps_history(session, child, guardian, other_guardian) -> None:
    first = assign_guardian(
        session, child_id=child.id, guardian_id=guardian.id, start_date=date(2026, 10, 5)
    )
    new = transfer_assignment(
        session,
        child_id=child.id,
        new_guardian_id=other_guardian.id,
        on=date(2026, 11, 10),
        reason="  Mutasi   tugas ",
    )
    assert (new.guardian_name, new.start_date, new.status) == (
        "Dewi Lestari",
        date(2026, 11, 10),
        "aktif",
    )
    rows = session.scalars(select(Assignment).order_by(Assignment.start_date)).all()
    assert [(r.guardian_id, r.status, r.start_date, r.end_date, r.end_reason) for r in rows] == [
        (guardian.id, "dialihkan", date(2026, 10, 5), date(2026, 11, 10), "Mutasi tugas"),
        (other_guardian.id, "aktif", date(2026, 11, 10), None, None),
    ]
    history = assignment_history(session, child_id=child.id)
    assert [a.id for a in history] == [new.id, first.id]  # newest first
    assert get_child(session, child_id=child.id).active_assignment.id == new.id


def test_transfer_refusals_change_nothing(session, child, guardian, other_guardian) -> None:
    with pytest.raises(ConflictError, match="belum memiliki orang tua asuh aktif"):
        transfer_assignment(
            session, child_id=child.id, new_guardian_id=guardian.id, on=TODAY, reason="x"
        )
    assign_guardian(
        session, child_id=child.id, guardian_id=guardian.id, start_date=date(2026, 10, 5)
    )
    with pytest.raises(
        ConflictError, match="Andi Wijaya sudah menjadi orang tua asuh Budi Santoso"
    ):
        transfer_assignment(
            session, child_id=child.id, new_guardian_id=guardian.id, on=TODAY, reason="x"
        )
    with pytest.raises(ValidationError) as caught:
        transfer_assignment(
            session, child_id=child.id, new_guardian_id=other_guardian.id, on=TODAY, reason=" "
        )
    assert caught.value.for_field("reason") == "Alasan pengalihan wajib diisi"
    with pytest.raises(ValidationError) as caught:
        transfer_assignment(
            session,
            child_id=child.id,
            new_guardian_id=other_guardian.id,
            on=date(2026, 10, 4),
            reason="Mutasi",
        )
    assert "sebelum penugasan dimulai (5 Oktober 2026)" in caught.value.for_field("on")
    (only,) = session.scalars(select(Assignment)).all()
    assert (only.status, only.end_date) == ("aktif", None)


def test_end_assignment(session, child, guardian) -> None:
    record = assign_guardian(
        session, child_id=child.id, guardian_id=guardian.id, start_date=date(2026, 10, 5)
    )
    ended = end_assignment(
        session, assignment_id=record.id, on=date(2026, 11, 1), reason="Selesai program"
    )
    assert (ended.status, ended.end_date, ended.end_reason) == (
        "selesai",
        date(2026, 11, 1),
        "Selesai program",
    )
    assert get_child(session, child_id=child.id).active_assignment is None
    with pytest.raises(ConflictError, match="sudah berakhir pada 1 November 2026"):
        end_assignment(session, assignment_id=record.id, on=TODAY, reason="lagi")
