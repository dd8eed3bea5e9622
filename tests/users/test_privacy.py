"""NIK masking and the audited, Admin-only reveal."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop_app.children.privacy import reveal_identifier
from desktop_app.core.errors import DomainError, NotFoundError, PermissionDeniedError
from desktop_app.core.masking import mask_nik
from desktop_app.db.models import AuditEntry, Child
from tests.domain.conftest import add_child
from tests.users.conftest import act_as


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("3271012345670001", "3271**********01"),
        ("1902011503240001", "1902**********01"),
        (" 3271012345670001 ", "3271**********01"),
        ("1234567", "1234*67"),
        ("123456", "******"),
        ("12", "**"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_nik(value, masked):
    assert mask_nik(value) == masked


def test_reveal_is_refused_for_operator_and_pimpinan_and_nothing_logged(session):
    child = add_child(session)
    session.commit()
    before = session.scalar(select(AuditEntry.id).where(AuditEntry.action == "view"))
    for role in ("operator", "pimpinan"):
        act_as(session, role)
        with pytest.raises(PermissionDeniedError, match="Hanya Admin"):
            reveal_identifier(session, child_id=child.id, field="nik")
        session.rollback()
    assert before is None
    assert session.scalar(select(AuditEntry.id).where(AuditEntry.action == "view")) is None


def test_reveal_for_admin_returns_the_number_and_is_audited(session):
    child = add_child(session, no_kk="1902010101010099")
    session.commit()
    act_as(session, "admin", "rina")
    full = session.get(Child, child.id).nik
    assert child.nik == mask_nik(full)
    assert reveal_identifier(session, child_id=child.id, field="nik") == full
    assert reveal_identifier(session, child_id=child.id, field="no_kk") == "1902010101010099"
    session.commit()
    views = session.scalars(select(AuditEntry).where(AuditEntry.action == "view")).all()
    assert [(v.username, v.entity, v.entity_id, v.summary) for v in views] == [
        ("rina", "children", str(child.id), "NIK lengkap ditampilkan"),
        ("rina", "children", str(child.id), "No. KK lengkap ditampilkan"),
    ]
    assert all(child.nik not in (v.summary or "") for v in views)


def test_reveal_rejects_other_fields_and_missing_children(session):
    import uuid

    child = add_child(session)
    with pytest.raises(DomainError, match="bukan nomor identitas"):
        reveal_identifier(session, child_id=child.id, field="name")
    with pytest.raises(NotFoundError):
        reveal_identifier(session, child_id=uuid.uuid4(), field="nik")
