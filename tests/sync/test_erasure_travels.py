"""A data subject's erasure reaches the district server's copy of the audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select

from desktop_app.children.data_subject import REDACTED, anonymise_child
from desktop_app.db.models import AuditEntry
from desktop_app.sync.service import sync_with_server
from tests.sync.conftest import add_area, add_child


@pytest.mark.postgres
def test_the_servers_audit_archive_forgets_an_erased_childs_values(server_url, make_laptop):
    laptop = make_laptop("A")
    area = add_area(laptop)
    child_id = add_child(laptop, name="Siti Aminah", area=area, nik="1902015705240001")
    sync_with_server(laptop.sessions, server_url=server_url)
    server = create_engine(server_url)
    audit = AuditEntry.__table__

    def server_values() -> list[dict]:
        with server.connect() as connection:
            return [
                dict(row.changes or {})
                for row in connection.execute(
                    select(audit.c.changes).where(audit.c.entity_id == str(child_id))
                )
            ]

    try:
        assert any(c.get("name") == [None, "Siti Aminah"] for c in server_values())
        with laptop.sessions() as session:
            session.info.update(role="admin", actor="rina")
            anonymise_child(session, child_id=child_id, reason="Permintaan ibu")
            session.commit()
        sync_with_server(laptop.sessions, server_url=server_url)
        values = server_values()
        assert values and all("Siti Aminah" not in repr(c) for c in values)
        assert any(c.get("name") == [None, REDACTED] for c in values)
    finally:
        server.dispose()
