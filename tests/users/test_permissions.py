"""Each role's allowed and refused actions, at the service level (the guard under every service)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from desktop_app.assignments.service import assign_guardian
from desktop_app.children.service import exit_child, get_child, register_child, update_child
from desktop_app.core.errors import PermissionDeniedError
from desktop_app.core.permissions import require_role
from desktop_app.db.audit_hook import record_event
from desktop_app.db.models import AuditEntry, Child, KbmThreshold, Setting, User
from desktop_app.settings.store import get_settings, update_settings
from desktop_app.users.accounts import create_user
from tests.domain.conftest import TODAY, add_child, add_guardian, child_form, count_rows
from tests.users.conftest import act_as

PIMPINAN_MESSAGE = "Peran Pimpinan hanya dapat melihat dan mencetak data."


def test_pimpinan_cannot_register_a_child_and_nothing_is_written(database, session):
    act_as(session, "pimpinan")
    with pytest.raises(PermissionDeniedError) as refused:
        register_child(session, form=child_form(), today=TODAY)
    assert str(refused.value) == PIMPINAN_MESSAGE
    session.rollback()
    with database.sessions() as fresh:
        assert count_rows(fresh, Child) == 0
        assert count_rows(fresh, AuditEntry) == 0


def test_pimpinan_cannot_edit_exit_or_assign_but_can_read_and_log_a_print(session, opd):
    child = add_child(session)
    guardian = add_guardian(session, opd.id)
    session.commit()
    act_as(session, "pimpinan")
    assert get_child(session, child_id=child.id, today=TODAY).name == "Budi Santoso"
    attempts = [
        lambda: update_child(
            session, child_id=child.id, form=child_form(name="Budi S"), today=TODAY
        ),
        lambda: exit_child(
            session, child_id=child.id, exit_date=TODAY, reason="pindah", today=TODAY
        ),
        lambda: assign_guardian(session, child_id=child.id, guardian_id=guardian.id, today=TODAY),
        lambda: update_settings(session, district_name="Kabupaten Lain"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDeniedError):
            attempt()
        session.rollback()
        act_as(session, "pimpinan")
    assert session.get(Child, child.id).name == "Budi Santoso"
    assert session.get(Child, child.id).exit_date is None
    # Printing is allowed and must be audited: audit entries pass the guard.
    record_event(session, action="export", entity="report", entity_id=None, summary="Laporan")
    session.commit()
    assert session.scalars(
        select(AuditEntry.username).where(AuditEntry.entity == "report")
    ).all() == ["pimpinan1"]


def test_operator_registers_children_but_cannot_manage_users_settings_or_kbm(session):
    act_as(session, "operator")
    child = register_child(session, form=child_form(), today=TODAY)
    session.commit()
    assert session.get(Child, child.id).name == "Budi Santoso"

    with pytest.raises(PermissionDeniedError, match="Hanya Admin"):
        create_user(
            session, username="baru", full_name="Baru", role="operator", password="rahasia-ani-7"
        )
    session.rollback()
    act_as(session, "operator")
    with pytest.raises(PermissionDeniedError, match="Hanya Admin"):
        update_settings(session, district_name="Kabupaten Lain")
    session.rollback()
    act_as(session, "operator")
    row = session.scalars(select(KbmThreshold).order_by(KbmThreshold.from_age_months)).first()
    before = row.min_gain_g
    row.min_gain_g = before + 100
    with pytest.raises(PermissionDeniedError):
        session.flush()
    session.rollback()
    assert count_rows(session, User) == 0
    assert get_settings(session).district_name == "Kabupaten Contoh"
    assert session.get(KbmThreshold, row.id).min_gain_g == before


def test_admin_may_do_all_of_it(session):
    act_as(session, "admin")
    register_child(session, form=child_form(), today=TODAY)
    create_user(session, username="ani", full_name="Ani", role="operator", password="rahasia-ani-7")
    update_settings(session, district_name="Kabupaten Belitung")
    session.commit()
    assert count_rows(session, Child) == 1
    assert session.scalars(select(User.username)).all() == ["ani"]
    assert session.get(Setting, "district_name").value == "Kabupaten Belitung"


def test_a_session_without_role_is_the_system_actor(session):
    act_as(session, None)
    register_child(session, form=child_form(), today=TODAY)
    update_settings(session, district_name="Kabupaten Belitung")
    require_role(session, "admin")  # does not raise
    session.commit()
    assert count_rows(session, Child) == 1


def test_unknown_role_is_refused(session):
    act_as(session, "tamu")
    with pytest.raises(PermissionDeniedError, match="tidak dikenal"):
        register_child(session, form=child_form(), today=TODAY)


def test_require_role_names_the_roles(session):
    act_as(session, "pimpinan")
    with pytest.raises(PermissionDeniedError, match="Hanya Admin"):
        require_role(session, "admin")
    with pytest.raises(PermissionDeniedError, match="Admin, Operator"):
        require_role(session, "admin", "operator")
    act_as(session, "operator")
    require_role(session, "admin", "operator")


def test_soft_delete_by_pimpinan_is_refused(session):
    child = add_child(session)
    session.commit()
    act_as(session, "pimpinan")
    row = session.get(Child, child.id)
    row.deleted_at = datetime(2026, 11, 1)
    with pytest.raises(PermissionDeniedError):
        session.commit()
    session.rollback()
    assert session.get(Child, child.id).deleted_at is None


def test_bulk_statements_through_the_session_follow_the_same_rules(session):
    from sqlalchemy import update

    child = add_child(session)
    session.commit()
    act_as(session, "pimpinan")
    with pytest.raises(PermissionDeniedError, match="Pimpinan"):
        session.execute(update(Child).values(name="Diubah"))
    session.rollback()
    act_as(session, "operator")
    with pytest.raises(PermissionDeniedError, match="Operator"):
        session.execute(update(Setting).values(value="x"))
    session.rollback()
    session.execute(update(Child).where(Child.id == child.id).values(name="Budi S"))
    session.commit()
    assert session.get(Child, child.id).name == "Budi S"
