"""The audit records every change made through the services: who, which record, old and new."""

from __future__ import annotations

from sqlalchemy import select

from desktop_app.assignments.service import assign_guardian
from desktop_app.audit.trail import query_audit
from desktop_app.children.service import exit_child, register_child, update_child
from desktop_app.core.masking import mask_nik
from desktop_app.db.models import AuditEntry
from tests.domain.conftest import TODAY, add_guardian, child_form
from tests.users.conftest import act_as


def entries(session, entity: str, entity_id) -> list[AuditEntry]:
    return list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
            .order_by(AuditEntry.at)
        )
    )


def test_register_update_exit_and_assign_are_audited_with_values_and_user(session, opd):
    act_as(session, "operator", "ani")
    guardian = add_guardian(session, opd.id)
    child = register_child(session, form=child_form(), today=TODAY)
    update_child(
        session, child_id=child.id, form=child_form(name="Budi Santosa", phone="081234567890"),
        today=TODAY,
    )  # fmt: skip
    assignment = assign_guardian(session, child_id=child.id, guardian_id=guardian.id, today=TODAY)
    exit_child(session, child_id=child.id, exit_date=TODAY, reason="pindah", today=TODAY)
    session.commit()

    created, updated, exited = entries(session, "children", child.id)
    assert (created.action, created.username) == ("create", "ani")
    assert created.changes["name"] == [None, "Budi Santoso"]
    assert created.changes["nik"] == [None, mask_nik(child.nik)]  # never the full NIK
    assert created.device_id == session.info["device_id"]
    assert (updated.action, updated.username) == ("update", "ani")
    assert updated.changes == {
        "name": ["Budi Santoso", "Budi Santosa"],
        "phone": [None, "081234567890"],
    }
    assert exited.changes == {"exit_date": [None, "2026-11-23"], "exit_reason": [None, "pindah"]}

    assign_created, assign_closed = entries(session, "assignments", assignment.id)
    assert assign_created.changes["guardian_id"] == [None, str(guardian.id)]
    assert assign_created.changes["status"] == [None, "aktif"]
    assert assign_closed.changes["status"] == ["aktif", "selesai"]
    assert assign_closed.changes["end_date"] == [None, "2026-11-23"]
    touched = select(AuditEntry).where(AuditEntry.entity != "opd")  # the OPD came from a fixture
    assert {e.username for e in session.scalars(touched)} == {"ani"}


def test_the_history_view_shows_the_changes_readably(session, opd):
    act_as(session, "operator", "ani")
    child = register_child(session, form=child_form(), today=TODAY)
    update_child(session, child_id=child.id, form=child_form(name="Budi Santosa"), today=TODAY)
    session.commit()
    act_as(session, "admin", "rina")
    result = query_audit(session, entity="children", entity_id=child.id)
    assert result.total == 2
    newest = result.rows[0]
    assert (newest.action_label, newest.entity_label, newest.username) == ("Ubah", "Anak", "ani")
    assert newest.record_label == "Budi Santosa"
    assert [(c.label, c.old, c.new) for c in newest.changes] == [
        ("Nama", "Budi Santoso", "Budi Santosa")
    ]
    created = {c.field: c for c in result.rows[1].changes}
    assert created["nik"].new == child.nik[:4] + "**********" + child.nik[-2:]
    assert created["birth_date"].new == "15 Maret 2024"


def test_a_settings_change_names_the_setting_not_its_key(session):
    from desktop_app.settings.store import update_settings

    act_as(session, "admin", "rina")
    update_settings(session, district_name="Kabupaten Belitung")
    session.commit()
    [row] = query_audit(session, entity="settings").rows
    assert row.record_label == "Nama kabupaten/kota"
    changes = {c.label: (c.old, c.new) for c in row.changes}
    assert changes["Pengaturan"][1] == "Nama kabupaten/kota"
    assert "district_name" not in repr((row.record_label, changes))
