"""Closed months travel with sync; when two laptops closed the same month before they met, the
earlier closure stays everywhere (the figures signed first) and the later one is a conflict."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from desktop_app.core import clock
from desktop_app.core.database import Database
from desktop_app.core.month import Month
from desktop_app.db.models import MonthClosure, SyncConflict
from desktop_app.reports.closing import close_month, snapshot_report
from tests.sync.test_files import export, import_

OCTOBER = Month(2026, 10)


def _close(laptop: Database, actor: str) -> str:
    with laptop.sessions() as session:
        session.info["actor"] = actor
        info = close_month(session, month=OCTOBER)
        session.commit()
    return info.sha256


def _closures(laptop: Database) -> list[tuple[str, str]]:
    with laptop.sessions() as session:
        return [tuple(r) for r in session.execute(select(MonthClosure.closed_by,
                                                         MonthClosure.sha256))]  # fmt: skip


def test_a_closure_syncs_and_the_first_closure_of_a_month_wins(make_laptop, tmp_path: Path):
    office, field, third = make_laptop("kantor"), make_laptop("lapangan"), make_laptop("ketiga")
    with clock.using(clock.FixedClock(datetime(2026, 11, 2, 8, 0))) as fixed:
        first = _close(office, "admin_kantor")
        fixed.advance(timedelta(hours=3))
        _close(field, "admin_lapangan")  # offline: did not know of the office's closure
        import_(field, export(office, tmp_path / "kantor.asuhsync").path)
        import_(office, export(field, tmp_path / "lapangan.asuhsync").path)
        import_(third, export(field, tmp_path / "semua.asuhsync", everything=True).path)
    for laptop in (office, field, third):
        assert _closures(laptop) == [("admin_kantor", first)]
        with laptop.sessions() as session:
            stored = snapshot_report(session, OCTOBER, "monthly")
            assert stored is not None and stored.header.closure.sha256 == first
    with field.sessions() as session:
        conflict = session.scalars(select(SyncConflict)).one()
        assert conflict.table_name == "month_closures"
        assert conflict.loser_values["closed_by"] == "admin_lapangan"
