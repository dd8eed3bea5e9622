"""Duplicate guardians: the same NIP is refused whatever the user says; the same name with the
same birth date (on the NIP), phone or company is saved only with a reason, kept in the audit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop_app.core.errors import ValidationError
from desktop_app.db.models import AuditEntry, Guardian
from desktop_app.guardians.service import (
    DuplicateGuardianError,
    GuardianForm,
    register_guardian,
    update_guardian,
)
from tests.domain.conftest import TODAY, add_guardian, asn_form, count_rows


def test_the_same_nip_is_refused_even_with_a_reason(session, opd) -> None:
    add_guardian(session, opd.id)
    with pytest.raises(ValidationError) as caught:
        register_guardian(
            session,
            form=asn_form(opd.id, name="Orang Lain"),
            duplicate_reason="orang berbeda",
            today=TODAY,
        )
    assert {e.field: e.message for e in caught.value.errors} == {
        "nip": "NIP ini sudah terdaftar atas nama Andi Wijaya"
    }
    assert count_rows(session, Guardian) == 1


def test_same_name_and_birth_date_asks_then_keeps_the_reason(session, opd) -> None:
    first = add_guardian(session, opd.id)  # NIP of 12 June 1985, sequence 1
    retyped = asn_form(opd.id, name="andi   WIJAYA", sequence=2)  # same birth date, other NIP
    with pytest.raises(DuplicateGuardianError) as caught:
        register_guardian(session, form=retyped, today=TODAY)
    [candidate] = caught.value.candidates
    assert (candidate.guardian_id, candidate.reason) == (
        first.id,
        "Nama dan tanggal lahir (pada NIP) sama",
    )
    assert count_rows(session, Guardian) == 1
    record = register_guardian(
        session, form=retyped, duplicate_reason="Dua pegawai bernama sama", today=TODAY
    )
    summary = session.scalars(
        select(AuditEntry.summary).where(
            AuditEntry.action == "confirm", AuditEntry.entity_id == str(record.id)
        )
    ).one()
    assert summary.endswith("Alasan: Dua pegawai bernama sama")
    assert count_rows(session, Guardian) == 2


def test_same_name_and_phone_or_company_ask_but_a_namesake_alone_does_not(session, opd) -> None:
    register_guardian(
        session,
        form=GuardianForm(
            kind="csr", name="Rudi Hartono", company="PT Timah", phone="081211112222"
        ),
        today=TODAY,
    )
    with pytest.raises(DuplicateGuardianError):
        register_guardian(
            session,
            form=GuardianForm(kind="csr", name="RUDI HARTONO", company="pt timah"),
            today=TODAY,
        )
    with pytest.raises(DuplicateGuardianError):
        register_guardian(
            session,
            form=GuardianForm(kind="lainnya", name="Rudi Hartono", phone="0812-1111-2222"),
            today=TODAY,
        )
    register_guardian(session, form=GuardianForm(kind="lainnya", name="Rudi Hartono"), today=TODAY)
    assert count_rows(session, Guardian) == 2


def test_editing_a_guardian_does_not_match_itself(session, opd) -> None:
    first = add_guardian(session, opd.id, phone="081211112222")
    form = asn_form(opd.id, phone="081211112222", position="Kepala Bidang")
    assert update_guardian(session, guardian_id=first.id, form=form, today=TODAY).position == (
        "Kepala Bidang"
    )
