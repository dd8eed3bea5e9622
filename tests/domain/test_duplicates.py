"""Possible duplicate children: same NIK, or same name + birth date + mother's name."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.children.service import (
    DuplicateChildError,
    child_form_from_record,
    register_child,
    update_child,
)
from desktop_app.core.masking import mask_nik
from desktop_app.db.models import Child
from tests.domain.conftest import TODAY, add_child, child_form, count_rows


def test_same_nik_is_refused_with_the_candidate(session) -> None:
    first = add_child(session)
    with pytest.raises(DuplicateChildError) as caught:
        register_child(session, form=child_form(name="Anak Lain", mother_name="Lain"), today=TODAY)
    (candidate,) = caught.value.candidates
    assert (candidate.child_id, candidate.name, candidate.nik, candidate.reason) == (
        first.id,
        "Budi Santoso",
        "1902**********01",  # masked: the refusal reaches every role
        "NIK sama",
    )
    assert str(caught.value) == (
        "Kemungkinan anak ini sudah terdaftar: Budi Santoso (lahir 15 Maret 2024, NIK sama)"
    )
    assert count_rows(session, Child) == 1


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


def test_allow_duplicate_saves_anyway(session) -> None:
    add_child(session)
    record = register_child(session, form=child_form(), allow_duplicate=True, today=TODAY)
    assert count_rows(session, Child) == 2
    assert session.get(Child, record.id).nik == "1902011503240001"


def test_editing_a_child_does_not_match_itself_but_matches_others(session) -> None:
    first = add_child(session)
    second = add_child(session, name="Rina", sex="P", sequence=2, mother_name="Dewi")
    form = child_form_from_record(first)
    form.notes = "Pindah RT"
    assert update_child(session, child_id=first.id, form=form, today=TODAY).notes == "Pindah RT"
    clash = child_form_from_record(second)
    first_nik = session.get(Child, first.id).nik  # the record itself holds it masked
    clash.nik, clash.keep_nik = first_nik, False
    clash.sex = "L"
    with pytest.raises(DuplicateChildError):
        update_child(session, child_id=second.id, form=clash, today=TODAY)
    second_nik = session.get(Child, second.id).nik
    assert mask_nik(second_nik) == second.nik
    saved = update_child(session, child_id=second.id, form=clash, allow_duplicate=True, today=TODAY)
    assert saved.nik == first.nik == mask_nik(first_nik)
    assert session.get(Child, second.id).nik == first_nik
