"""Duplicate children: the same NIK is refused; the same name + birth date + mother's name may be
saved only with a reason, which the audit trail keeps."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from desktop_app.children.service import (
    DuplicateChildError,
    SameNikError,
    child_form_from_record,
    register_child,
    update_child,
)
from desktop_app.db.models import AuditEntry, Child
from tests.domain.conftest import TODAY, add_child, child_form, count_rows


def test_same_nik_is_refused_with_the_candidate(session) -> None:
    first = add_child(session)
    with pytest.raises(SameNikError) as caught:
        register_child(session, form=child_form(name="Anak Lain", mother_name="Lain"), today=TODAY)
    (candidate,) = caught.value.candidates
    assert (candidate.child_id, candidate.name, candidate.nik, candidate.reason) == (
        first.id,
        "Budi Santoso",
        "1902011503240001",
        "NIK sama",
    )
    assert caught.value.refused
    assert str(caught.value) == (
        "NIK ini sudah terdaftar atas nama Budi Santoso (lahir 15 Maret 2024). Satu NIK hanya "
        "untuk satu anak: buka data yang ada, atau periksa lagi NIK yang diketik."
    )
    assert count_rows(session, Child) == 1


def test_same_nik_is_refused_whatever_reason_is_given(session) -> None:
    add_child(session)
    with pytest.raises(SameNikError):
        register_child(
            session, form=child_form(name="Anak Lain"), duplicate_reason="kembar", today=TODAY
        )
    assert count_rows(session, Child) == 1


def test_a_deleted_or_anonymised_child_does_not_hold_its_nik(session) -> None:
    first = add_child(session)
    row = session.get(Child, first.id)
    row.deleted_at = datetime(2026, 11, 1)
    session.flush()
    register_child(session, form=child_form(), today=TODAY)
    assert count_rows(session, Child) == 2


@pytest.mark.parametrize(
    ("name", "mother"),
    [
        ("Budi Santoso", "Siti Aminah"),
        ("  BUDI   santoso", "siti  AMINAH "),
        ("budi santoso", "SITI AMINAH"),
    ],
)
def test_same_name_birth_and_mother_ignoring_case_and_spaces(session, name, mother) -> None:
    add_child(session)
    form = child_form(name=name, mother_name=mother, nik="", no_kk="1902010101200001")
    with pytest.raises(DuplicateChildError) as caught:
        register_child(session, form=form, today=TODAY)
    assert [c.reason for c in caught.value.candidates] == ["Nama, tanggal lahir dan nama ibu sama"]
    assert count_rows(session, Child) == 1


@pytest.mark.parametrize(
    "overrides",
    [
        {"mother_name": "Siti Rahma"},  # another mother
        {"name": "Budi Santosa"},  # another name
        {"birth_date": date(2024, 3, 16)},  # another day
    ],
)
def test_different_children_are_not_duplicates(session, overrides) -> None:
    add_child(session)
    register_child(session, form=child_form(sequence=2, **overrides), today=TODAY)
    assert count_rows(session, Child) == 2


def test_a_soft_match_is_saved_with_a_reason_kept_in_the_audit_trail(session) -> None:
    first = add_child(session)
    form = child_form(nik="", no_kk="1902010101200001")
    with pytest.raises(DuplicateChildError) as caught:
        register_child(session, form=form, duplicate_reason="   ", today=TODAY)
    assert not caught.value.refused
    record = register_child(
        session, form=form, duplicate_reason="Anak kedua, lahir kembar", today=TODAY
    )
    assert count_rows(session, Child) == 2
    entry = session.scalars(
        select(AuditEntry).where(
            AuditEntry.action == "confirm", AuditEntry.entity_id == str(record.id)
        )
    ).one()
    assert entry.entity == "children"
    assert "Alasan: Anak kedua, lahir kembar" in (entry.summary or "")
    assert "Budi Santoso" in (entry.summary or "")
    assert str(first.id) not in (entry.summary or "")


def test_editing_a_child_does_not_match_itself_but_matches_others(session) -> None:
    first = add_child(session)
    second = add_child(session, name="Rina", sex="P", sequence=2, mother_name="Dewi")
    form = child_form_from_record(first)
    form.notes = "Pindah RT"
    assert update_child(session, child_id=first.id, form=form, today=TODAY).notes == "Pindah RT"
    clash = child_form_from_record(second)
    clash.nik = first.nik
    clash.sex = "L"
    with pytest.raises(SameNikError):
        update_child(session, child_id=second.id, form=clash, today=TODAY)
    with pytest.raises(SameNikError):
        update_child(session, child_id=second.id, form=clash, duplicate_reason="x", today=TODAY)
    assert session.get(Child, second.id).nik == second.nik
