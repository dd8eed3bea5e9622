"""The district server's audit trail never holds a child's values, so an erasure on a laptop
leaves nothing behind on the server: the server writes its own audit entries from what it
applied (which device, which user, which rows and fields), never copies of laptop entries."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select

from desktop_app.children.data_subject import anonymise_child
from desktop_app.db.models import AuditEntry, Child
from tests.sync.conftest import add_area, add_child, sync_laptop
from tests.sync.enrolment import device_id_of


@pytest.mark.postgres
def test_the_servers_audit_holds_who_and_which_fields_never_a_childs_values(
    server_url, make_laptop
):
    laptop = make_laptop("A")
    area = add_area(laptop)
    child_id = add_child(laptop, name="Siti Aminah", area=area, nik="1902015705240001")
    with laptop.sessions() as session:
        session.info.update(role="admin", actor="rina")
        session.get(Child, child_id).phone = "081234567890"
        session.commit()
    sync_laptop(laptop.sessions, server_url)
    server = create_engine(server_url)
    audit = AuditEntry.__table__
    try:
        with server.connect() as connection:
            entries = [dict(row) for row in connection.execute(select(audit)).mappings()]
        about_child = [e for e in entries if str(child_id) in repr(e["changes"])]
        assert about_child and all(e["action"] == "sync" for e in entries)
        assert all(e["device_id"] == device_id_of("A") for e in entries)
        text = repr(entries)
        assert "Siti Aminah" not in text and "1902015705240001" not in text
        assert "081234567890" not in text

        with laptop.sessions() as session:
            session.info.update(role="admin", actor="rina")
            anonymise_child(session, child_id=child_id, reason="Permintaan ibu")
            session.commit()
        sync_laptop(laptop.sessions, server_url)
        with server.connect() as connection:
            child = (
                connection.execute(select(Child.__table__).where(Child.__table__.c.id == child_id))
                .mappings()
                .one()
            )
            text = repr([dict(r) for r in connection.execute(select(audit)).mappings()])
        assert child["name"] != "Siti Aminah" and child["nik"] is None
        assert "Siti Aminah" not in text
    finally:
        server.dispose()
