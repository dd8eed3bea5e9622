"""Services hand out masked NIK / No. KK; only an Admin who asks gets them in full (issue 20)."""

from __future__ import annotations

import pytest

from desktop_app.children.service import child_form_from_record, get_child, update_child
from desktop_app.core.errors import PermissionDeniedError
from desktop_app.db.models import Child
from desktop_app.reports.child_card_data import build_child_card
from tests.domain.conftest import TODAY, add_child
from tests.users.conftest import act_as

NIK, KK = "1902011503240001", "1902010101200001"
MASKED_NIK, MASKED_KK = "1902**********01", "1902**********01"


@pytest.mark.parametrize("role", ["operator", "pimpinan"])
def test_operator_and_pimpinan_get_masked_numbers_even_when_asking(session, role):
    act_as(session, "admin", "rina")
    child = add_child(session, no_kk=KK)
    session.commit()
    assert (child.nik, child.no_kk) == (MASKED_NIK, MASKED_KK)  # also what register returns
    act_as(session, role)
    for full in (False, True):
        record = get_child(session, child_id=child.id, today=TODAY, full_identifiers=full)
        assert (record.nik, record.no_kk) == (MASKED_NIK, MASKED_KK)
    with pytest.raises(PermissionDeniedError, match="Hanya Admin"):
        build_child_card(session, child_id=child.id, mask=False, today=TODAY)
    card = build_child_card(session, child_id=child.id, today=TODAY)
    assert NIK not in repr(card) and KK not in repr(card)


def test_admin_gets_full_numbers_only_when_asking(session):
    act_as(session, "admin", "rina")
    child = add_child(session, no_kk=KK)
    assert get_child(session, child_id=child.id, today=TODAY).nik == MASKED_NIK
    record = get_child(session, child_id=child.id, today=TODAY, full_identifiers=True)
    assert (record.nik, record.no_kk) == (NIK, KK)
    card = build_child_card(session, child_id=child.id, mask=False, today=TODAY)
    assert (card.nik, card.no_kk) == (NIK, KK)


def test_editing_from_the_masked_record_keeps_the_stored_numbers(session):
    act_as(session, "operator", "ani")
    child = add_child(session, no_kk=KK)
    form = child_form_from_record(get_child(session, child_id=child.id, today=TODAY))
    assert (form.nik, form.keep_nik, form.keep_no_kk) == (MASKED_NIK, True, True)
    form.phone = "081234567890"
    update_child(session, child_id=child.id, form=form, today=TODAY)
    row = session.get(Child, child.id)
    assert (row.nik, row.no_kk, row.phone) == (NIK, KK, "081234567890")
    # "Ganti NIK": a new number replaces the stored one
    form.nik, form.keep_nik = "1902011503240002", False
    update_child(session, child_id=child.id, form=form, today=TODAY)
    assert session.get(Child, child.id).nik == "1902011503240002"
