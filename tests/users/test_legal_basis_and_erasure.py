"""UU PDP: no health data without a recorded basis; a family's copy; an erasure that travels."""

from __future__ import annotations

import json
from datetime import date

import pytest
import pyzipper
from sqlalchemy import func, select

from desktop_app.children.data_subject import REDACTED, anonymise_child
from desktop_app.children.service import update_child
from desktop_app.core.errors import PermissionDeniedError, ValidationError
from desktop_app.db.models import AuditEntry, Child, SyncConflict, Visit
from desktop_app.home.queries import count_without_legal_basis
from desktop_app.reports.child_data_bundle import export_child_bundle
from desktop_app.visits.service import VisitForm, record_visit
from tests.domain.conftest import TODAY, add_child, child_form
from tests.users.conftest import act_as


def _visit(child_id) -> VisitForm:
    return VisitForm(child_id=child_id, visit_date=date(2026, 11, 20), place="rumah",
                     weight_kg=10.4, lenhei_cm=81.0, measure="l")  # fmt: skip


def _without_consent() -> dict[str, object]:
    return {"consent_date": None, "consent_by": "", "consent_relation": ""}


def test_no_visit_is_saved_for_a_child_without_consent_or_another_basis(session, areas) -> None:
    act_as(session, "operator", "ani")
    child = add_child(session, name="Rudi Hartono", **_without_consent())
    session.commit()
    assert count_without_legal_basis(session) == 1
    with pytest.raises(ValidationError) as refused:
        record_visit(session, form=_visit(child.id), today=TODAY)
    session.rollback()
    message = refused.value.errors[0]
    assert message.field == "child_id"
    assert message.message.startswith("Data kesehatan Rudi Hartono belum dapat disimpan")
    assert session.scalar(select(func.count(Visit.id))) == 0

    # A public-task basis needs the decree that grants it ...
    with pytest.raises(ValidationError) as no_note:
        update_child(session, child_id=child.id, today=TODAY,
                     form=child_form(name="Rudi Hartono", legal_basis="tugas_publik",
                                     **_without_consent()))  # fmt: skip
    assert [e.field for e in no_note.value.errors] == ["legal_basis"]
    session.rollback()
    # ... and with it, the visit is saved and Beranda's count drops.
    update_child(session, child_id=child.id, today=TODAY,
                 form=child_form(name="Rudi Hartono", legal_basis="tugas_publik",
                                 legal_basis_note="SK Bupati No. 188/123/2026",
                                 **_without_consent()))  # fmt: skip
    record_visit(session, form=_visit(child.id), today=TODAY)
    session.commit()
    assert session.scalar(select(func.count(Visit.id))) == 1
    assert count_without_legal_basis(session) == 0


def test_the_familys_copy_is_an_aes_zip_with_json_and_the_child_card(session, areas, tmp_path):
    act_as(session, "admin", "rina")
    child = add_child(session, name="Siti Nurhaliza", sex="P")
    record_visit(session, form=_visit(child.id), today=TODAY)
    session.commit()
    path = tmp_path / "data-anak-siti.zip"
    with pytest.raises(ValidationError):
        export_child_bundle(session, child_id=child.id, path=path, password="pendek")
    assert not path.exists()

    result = export_child_bundle(
        session, child_id=child.id, path=path, password="rahasia-keluarga-1"
    )
    session.commit()
    assert result.counts["visits"] == 1 and result.encrypted
    full_nik = session.get(Child, child.id).nik  # the service hands out the masked one
    assert full_nik.encode() not in path.read_bytes()  # encrypted, not merely zipped
    with pyzipper.AESZipFile(path) as bundle:
        assert sorted(bundle.namelist()) == ["BACA-SAYA.txt", "data-anak.json", "kartu-anak.pdf"]
        with pytest.raises(RuntimeError):
            bundle.setpassword(b"salah-kata-sandi")
            bundle.read("data-anak.json")
        bundle.setpassword(b"rahasia-keluarga-1")
        document = json.loads(bundle.read("data-anak.json"))
        assert bundle.read("kartu-anak.pdf").startswith(b"%PDF")
    assert document["child"]["nik"] == full_nik  # the family's own data, in full
    assert document["visits"][0]["weight_kg"] == 10.4
    exported = session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all()
    assert [e.summary for e in exported][-1].endswith("data-anak-siti.zip (terenkripsi)")

    act_as(session, "operator", "ani")
    with pytest.raises(PermissionDeniedError):
        export_child_bundle(session, child_id=child.id, path=tmp_path / "x.zip",
                            password="rahasia-keluarga-1")  # fmt: skip


def test_an_erasure_blanks_the_sync_conflict_log_too(session, areas) -> None:
    act_as(session, "admin", "rina")
    child = add_child(session, name="Budi Santoso", phone="081234567890")
    session.add(
        SyncConflict(table_name="children", row_id=child.id, winner_device="a", loser_device="b",
                     winner_values={"name": "Budi Santoso", "phone": "081234567890", "sex": "L"},
                     loser_values={"name": "Budi Santosa", "phone": "081299999999", "sex": "L"})
    )  # fmt: skip
    session.commit()
    anonymise_child(session, child_id=child.id, reason="Permintaan ibu", today=TODAY)
    session.commit()
    conflict = session.scalars(select(SyncConflict)).one()
    assert conflict.winner_values == {"name": REDACTED, "phone": REDACTED, "sex": "L"}
    assert conflict.loser_values == {"name": REDACTED, "phone": REDACTED, "sex": "L"}


def test_after_an_erasure_the_next_backup_holds_no_trace(session, areas, database, tmp_path):
    from desktop_app.backup.backup import make_backup

    act_as(session, "admin", "rina")
    child = add_child(session, name="Dewi Lestari", sex="P", mother_name="Ratna Sari Dewi",
                      address="Jl. Kenanga 17")  # fmt: skip
    session.commit()
    nik = session.get(Child, child.id).nik
    anonymise_child(session, child_id=child.id, reason="Permintaan ibu", today=TODAY)
    session.commit()
    backup = make_backup(database, folder=tmp_path / "cadangan")
    content = backup.path.read_bytes()
    for trace in (nik, "Dewi Lestari", "Ratna Sari Dewi", "Kenanga 17"):
        assert trace.encode() not in content, trace
