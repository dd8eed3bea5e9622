"""Data subject requests: export everything about one child; anonymise it, keeping the totals."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop_app.assignments.service import assign_guardian
from desktop_app.audit.trail import query_audit
from desktop_app.children.data_subject import REDACTED, anonymise_child, export_child_data
from desktop_app.children.service import get_child, update_child
from desktop_app.core.crypto_files import DecryptionError, decrypt_bytes
from desktop_app.core.errors import ConflictError, PermissionDeniedError, ValidationError
from desktop_app.db.audit_chain import verify_chain
from desktop_app.db.models import AidPayment, AuditEntry, Child, Programme, Visit
from tests.domain.conftest import TODAY, add_child, add_guardian, child_form
from tests.users.conftest import act_as


@pytest.fixture
def family(session, opd):
    """A child with a guardian, a visit with a note and a paid aid payment (built as admin)."""
    act_as(session, "admin", "rina")
    child = add_child(session, phone="081234567890", address="Jl. Melati 3", father_name="Joko")
    guardian = add_guardian(session, opd.id)
    assign_guardian(session, child_id=child.id, guardian_id=guardian.id, today=TODAY)
    programme = Programme(name="Asuh 2026", start_month=date(2026, 9, 1),
                          end_month=date(2026, 11, 1), monthly_aid=450_000)  # fmt: skip
    session.add(programme)
    session.flush()
    visit = Visit(child_id=child.id, guardian_id=guardian.id, visit_date=date(2026, 11, 2),
                  weight_kg=10.2, lenhei_cm=80.1, notes="Ibu Siti bekerja di pasar")  # fmt: skip
    payment = AidPayment(child_id=child.id, programme_id=programme.id, month=date(2026, 11, 1),
                         amount=450_000, status="dibayar", received_by="Siti Aminah")  # fmt: skip
    session.add_all([visit, payment])
    session.commit()
    # the test checks full values: read them as the system (the Admin gets masked ones too)
    act_as(session, None)
    full = get_child(session, child_id=child.id, today=TODAY, full_identifiers=True)
    act_as(session, "admin", "rina")
    return full


def test_export_holds_everything_about_the_child_and_is_audited(session, family, tmp_path):
    path = export_child_data(session, child_id=family.id, path=tmp_path / "anak.json").path
    session.commit()
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "asuh-data-anak"
    assert document["child"]["nik"] == family.nik  # the family's own data, in full
    assert document["child"]["address"] == "Jl. Melati 3"
    assert [a["guardian_name"] for a in document["assignments"]] == ["Andi Wijaya"]
    assert [v["weight_kg"] for v in document["visits"]] == [10.2]
    assert [p["amount"] for p in document["aid_payments"]] == [450000]
    assert {e["entity"] for e in document["audit"]} == {"children", "assignments", "visits",
                                                         "aid_payments"}  # fmt: skip
    export = session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    assert (export.username, export.entity_id) == ("rina", str(family.id))


def test_export_can_be_encrypted_and_is_admin_only(session, family, tmp_path):
    result = export_child_data(
        session, child_id=family.id, path=tmp_path / "anak.asuhenc", password="sandi-ekspor-1"
    )
    sealed = result.path.read_bytes()
    assert family.nik.encode() not in sealed
    assert (
        json.loads(decrypt_bytes(sealed, password="sandi-ekspor-1"))["child"]["nik"] == family.nik
    )
    with pytest.raises(DecryptionError):
        decrypt_bytes(sealed, password="sandi-salah-1")
    act_as(session, "operator")
    with pytest.raises(PermissionDeniedError):
        export_child_data(session, child_id=family.id, path=tmp_path / "lagi.json")
    assert not (tmp_path / "lagi.json").exists()


def test_anonymise_removes_identity_keeps_totals_and_redacts_the_audit(session, family):
    paid_before = session.scalar(select(func.sum(AidPayment.amount)))
    result = anonymise_child(session, child_id=family.id, reason="Permintaan ibu, surat 12/2026",
                             today=TODAY)  # fmt: skip
    session.commit()
    child = session.get(Child, family.id)
    assert child.name == result.new_name == f"Anak terhapus #{str(family.id)[:8]}"
    cleared = ("nik", "no_kk", "mother_name", "father_name", "phone", "address", "notes")
    assert all(getattr(child, column) is None for column in cleared)
    assert (child.sex, child.birth_date) == ("L", date(2024, 3, 15))  # z-scores still work
    assert (child.exit_date, child.exit_reason) == (TODAY, "lainnya")
    visit = session.scalars(select(Visit)).one()
    assert (visit.weight_kg, visit.notes) == (10.2, None)
    assert session.scalar(select(func.sum(AidPayment.amount))) == paid_before == 450_000
    assert session.scalars(select(AidPayment.received_by)).one() is None

    # No trace of the identity is left in the audit trail, only that fields changed.
    everything = " ".join(
        repr(e.changes) + (e.summary or "") for e in session.scalars(select(AuditEntry))
    )
    for secret in (family.nik, "Budi Santoso", "Siti Aminah", "Jl. Melati 3", "081234567890",
                   "bekerja di pasar"):  # fmt: skip
        assert secret not in everything
    created = session.scalars(
        select(AuditEntry).where(
            AuditEntry.entity_id == str(family.id), AuditEntry.action == "create"
        )
    ).one()
    assert created.changes["name"] == [None, REDACTED]
    assert created.changes["sex"] == [None, "L"]
    last = query_audit(session, entity_id=family.id, limit=1).rows[0]
    assert (last.action_label, last.username) == ("Anonimkan", "rina")
    assert "surat 12/2026" in last.summary
    assert result.audit_entries_redacted >= 3
    # The redaction is the one change the append-only log allows: the chain stays whole and
    # says how many rows were blanked.
    chain = verify_chain(session.connection())
    assert chain.intact and chain.redacted == result.audit_entries_redacted


def test_anonymise_needs_a_reason_admin_and_happens_once(session, family):
    with pytest.raises(ValidationError, match="Alasan penghapusan wajib diisi"):
        anonymise_child(session, child_id=family.id, reason="  ", today=TODAY)
    act_as(session, "operator")
    with pytest.raises(PermissionDeniedError):
        anonymise_child(session, child_id=family.id, reason="permintaan", today=TODAY)
    session.rollback()
    act_as(session, "admin", "rina")
    anonymise_child(session, child_id=family.id, reason="permintaan", today=TODAY)
    with pytest.raises(ConflictError, match="sudah dianonimkan"):
        anonymise_child(session, child_id=family.id, reason="permintaan", today=TODAY)


def test_changes_before_anonymising_are_redacted_too(session, family):
    update_child(session, child_id=family.id, form=child_form(name="Budi Santosa"), today=TODAY)
    session.commit()
    anonymise_child(session, child_id=family.id, reason="permintaan", today=TODAY)
    session.commit()
    texts = " ".join(repr(e.changes) for e in session.scalars(select(AuditEntry)))
    assert "Budi Santosa" not in texts and "Budi Santoso" not in texts
