"""A signed request served once is refused again after the server restarts (the digest is in
the database, not only in the process's memory)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from desktop_app.db.models import ServerNonce
from desktop_app.server.replay import ReplayGuard


def test_a_request_replayed_after_a_restart_is_refused(database) -> None:
    now = datetime(2026, 12, 5, 6, 0)
    signature = b"s" * 64
    with database.sessions() as session:
        assert ReplayGuard(keep=timedelta(minutes=10)).first_time(
            signature, now=now, session=session
        )
        session.commit()
    restarted = ReplayGuard(keep=timedelta(minutes=10))  # a new process: memory is empty
    with database.sessions() as session:
        assert not restarted.first_time(signature, now=now + timedelta(minutes=1), session=session)
        assert restarted.first_time(b"t" * 64, now=now, session=session)  # another request
        session.commit()
        assert session.scalar(select(func.count()).select_from(ServerNonce)) == 2
