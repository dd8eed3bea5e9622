"""Guardians: ASN (NIP, OPD), CSR (company), others; NIP uniqueness; deactivation."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.assignments.service import assign_guardian
from desktop_app.core.errors import ConflictError, ValidationError
from desktop_app.db.models import Guardian
from desktop_app.guardians.service import (
    GuardianForm,
    deactivate_guardian,
    get_guardian,
    reactivate_guardian,
    register_guardian,
    update_guardian,
)
from desktop_app.validation import NipInfo
from tests.domain.conftest import TODAY, add_child, add_guardian, asn_form, count_rows


def _errors(session, form: GuardianForm) -> dict[str, str]:
    before = count_rows(session, Guardian)
    with pytest.raises(ValidationError) as caught:
        register_guardian(session, form=form, today=TODAY)
    assert count_rows(session, Guardian) == before
    return {e.field: e.message for e in caught.value.errors}


def test_register_asn_decodes_the_nip(session, opd) -> None:
    form = asn_form(
        opd.id,
        name="ANDI  WIJAYA",
        position=" Kepala Seksi ",
        rank="III/c",
        phone="0812 1111 2222",
        email="Andi@Dinkes.go.id",
    )
    record = register_guardian(session, form=form, today=TODAY)
    assert (record.name, record.position, record.phone, record.email) == (
        "Andi Wijaya",
        "Kepala Seksi",
        "081211112222",
        "andi@dinkes.go.id",
    )
    assert record.opd_name == "Dinas Kesehatan" and record.active
    assert record.nip_info == NipInfo(date(1985, 6, 12), date(2010, 3, 1), "L", 1)
    row = session.get(Guardian, record.id)
    assert row.search_text == "andi wijaya 198506122010031001"


def test_register_csr_needs_a_company_not_a_nip(session) -> None:
    form = GuardianForm(kind="csr", name="PT Timah Tbk", company="PT Timah", contact_person="BUDI")
    record = register_guardian(session, form=form, today=TODAY)
    assert (record.kind, record.nip, record.opd_id, record.contact_person) == (
        "csr",
        None,
        None,
        "Budi",
    )
    assert record.nip_info is None


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (
            GuardianForm(kind="asn", name="", nip="", opd_id=None),
            "name",
            "Nama orang tua asuh wajib diisi",
        ),
        (GuardianForm(kind="asn", name="Andi"), "nip", "NIP wajib diisi untuk ASN"),
        (GuardianForm(kind="asn", name="Andi"), "opd_id", "OPD wajib dipilih untuk ASN"),
        (
            GuardianForm(kind="asn", name="Andi", nip="1985061220100310"),
            "nip",
            "NIP harus 18 angka",
        ),
        (
            GuardianForm(kind="asn", name="Andi", nip="199005152008051001"),
            "nip",
            "sebelum berusia 18 tahun",
        ),
        (GuardianForm(kind="csr", name="PT X"), "company", "Nama perusahaan wajib diisi untuk CSR"),
        (GuardianForm(kind="pns", name="X"), "kind", "Jenis orang tua asuh wajib dipilih"),
        (GuardianForm(kind="lainnya", name="X", phone="99"), "phone", "Nomor telepon"),
        (GuardianForm(kind="lainnya", name="X", email="x@"), "email", "Alamat email tidak valid"),
        (
            GuardianForm(kind="lainnya", name="X", rank="R" * 31),
            "rank",
            "Pangkat/golongan terlalu panjang",
        ),
        (GuardianForm(kind="lainnya", name="X", nip="123"), "nip", "NIP harus 18 angka"),
    ],
)
def test_each_rule(session, form, field, message) -> None:
    errors = _errors(session, form)
    assert message in errors[field], errors


def test_unknown_opd_is_refused(session) -> None:
    import uuid

    errors = _errors(session, asn_form(uuid.uuid4()))
    assert errors["opd_id"] == "OPD yang dipilih tidak ditemukan"


def test_nip_is_unique_among_guardians(session, opd) -> None:
    first = add_guardian(session, opd.id)
    errors = _errors(session, asn_form(opd.id, name="Orang Lain"))
    assert errors["nip"] == "NIP ini sudah terdaftar atas nama Andi Wijaya"
    # editing the owner keeps its own NIP
    updated = update_guardian(
        session, guardian_id=first.id, form=asn_form(opd.id, name="Andi W."), today=TODAY
    )
    assert updated.name == "Andi W."


def test_deactivate_is_refused_while_fostering(session, opd) -> None:
    guardian = add_guardian(session, opd.id)
    child = add_child(session)
    assign_guardian(session, child_id=child.id, guardian_id=guardian.id, start_date=TODAY)
    assert [
        a.child_name for a in get_guardian(session, guardian_id=guardian.id).active_children
    ] == ["Budi Santoso"]
    with pytest.raises(ConflictError, match="Andi Wijaya masih mengasuh 1 anak"):
        deactivate_guardian(session, guardian_id=guardian.id)
    assert session.get(Guardian, guardian.id).active is True


def test_deactivate_and_reactivate(session, opd) -> None:
    guardian = add_guardian(session, opd.id)
    assert deactivate_guardian(session, guardian_id=guardian.id).active is False
    assert session.get(Guardian, guardian.id).active is False
    assert reactivate_guardian(session, guardian_id=guardian.id).active is True
