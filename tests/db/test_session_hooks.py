"""Every session factory gets the role guard and the audit hook, however many were made before.

The installers used ``event.contains`` to stay idempotent, which answers by ``id()``: a new
factory reusing the id of a freed one was taken for one that had them, and its sessions were
neither guarded nor audited (a Pimpinan could write; the suite failed now and then). A
process makes a new factory on every (re)opening, e.g. after a restore.
"""

from __future__ import annotations

import gc

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import sessionmaker

from desktop_app.core.errors import PermissionDeniedError
from desktop_app.core.permissions import install_permission_guard
from desktop_app.db.audit_hook import install_audit_hook
from desktop_app.db.models import AuditEntry, Base, Setting


def test_each_new_factory_is_guarded_and_audited() -> None:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    for attempt in range(200):
        factory = sessionmaker(engine)
        install_audit_hook(factory)
        install_permission_guard(factory)
        install_permission_guard(factory)  # idempotent: one guard, not two
        with factory() as session:
            session.info["role"] = "pimpinan"
            session.add(Setting(key=f"refused-{attempt}", value="x"))
            with pytest.raises(PermissionDeniedError):
                session.flush()
            session.rollback()
            session.info["role"] = "admin"
            session.add(Setting(key=f"kept-{attempt}", value="x"))
            session.commit()
            audited = session.scalars(
                select(AuditEntry.entity_id).where(AuditEntry.entity == "settings")
            ).all()
            assert f"kept-{attempt}" in audited, attempt
        del factory, session
        if attempt % 10 == 0:
            gc.collect()  # free old factories so their ids come back
