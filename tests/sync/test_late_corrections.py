"""An edit made offline before a month was closed and synced afterwards is a correction.

Its ``updated_at`` is older than the closure (it was stamped on the field laptop), yet the
office's snapshot was built without it: the report of the next month must list it under
"Koreksi setelah tutup bulan" (issue 18's remaining gap), as added or changed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from desktop_app.core.clock import FixedClock, using
from desktop_app.core.month import Month
from desktop_app.db.models import LateArrival, Visit
from desktop_app.reports.closing import close_month
from desktop_app.reports.corrections import corrections_for
from tests.sync.conftest import add_area, add_child
from tests.sync.test_files import export, import_

NOVEMBER, DECEMBER = Month(2026, 11), Month(2026, 12)


def _visit(laptop, child_id, on: date, weight: float):
    with laptop.sessions() as session:
        visit = Visit(child_id=child_id, visit_date=on, weight_kg=weight)
        session.add(visit)
        session.commit()
        return visit.id


def _weigh_again(laptop, visit_id, weight: float) -> None:
    with laptop.sessions() as session:
        session.get(Visit, visit_id).weight_kg = weight
        session.commit()


def _close_november(laptop) -> None:
    with laptop.sessions() as session:
        session.info["actor"], session.info["role"] = "admin", "admin"
        close_month(session, month=NOVEMBER)
        session.commit()


def _corrections(laptop, month: Month):
    with laptop.sessions() as session:
        rows, total = corrections_for(session, month)
    return [(r.month, r.record, r.subject, r.on, r.changed_on, r.change) for r in rows], total


def test_offline_edits_synced_after_the_closure_are_listed(make_laptop, tmp_path):
    start = datetime(2026, 11, 20, 9, 0)
    with using(FixedClock(start)) as clock:
        field, office = make_laptop("lapangan"), make_laptop("kantor")
        area = add_area(field)
        siti = add_child(field, name="Siti", area=area)
        budi = add_child(field, name="Budi", area=area)
        weighed = _visit(field, siti, date(2026, 11, 18), 9.1)
        import_(office, export(field, tmp_path / "1.asuhsync").path)

        clock.advance(timedelta(days=12))  # 2 December, offline in the field
        _weigh_again(field, weighed, 9.4)  # a November weighing corrected
        _visit(field, budi, date(2026, 11, 28), 10.2)  # a November visit typed in late
        clock.advance(timedelta(days=1))  # 3 December: the office closes November
        _close_november(office)
        assert _corrections(office, DECEMBER) == ([], 0)

        clock.advance(timedelta(days=1))  # 4 December: the field laptop's file arrives
        import_(office, export(field, tmp_path / "2.asuhsync").path)

    rows, total = _corrections(office, DECEMBER)
    assert total == 2
    assert rows == [
        (NOVEMBER, "Kunjungan", "Siti", date(2026, 11, 18), date(2026, 12, 4), "diubah"),
        (NOVEMBER, "Kunjungan", "Budi", date(2026, 11, 28), date(2026, 12, 4), "ditambahkan"),
    ]
    # The stamps are the field laptop's (older than the closure): only the arrival lists them.
    with office.sessions() as session:
        stamps = session.scalars(select(Visit.updated_at).where(Visit.child_id.in_([siti, budi])))
        assert all(stamp < datetime(2026, 12, 3) for stamp in stamps)
        assert len(session.scalars(select(LateArrival)).all()) == 2


def test_rows_received_before_the_closure_are_not_corrections(make_laptop, tmp_path):
    with using(FixedClock(datetime(2026, 11, 20, 9, 0))) as clock:
        field, office = make_laptop("lapangan"), make_laptop("kantor")
        siti = add_child(field, name="Siti", area=add_area(field))
        _visit(field, siti, date(2026, 11, 18), 9.1)
        import_(office, export(field, tmp_path / "1.asuhsync").path)
        clock.advance(timedelta(days=13))
        _close_november(office)
        # The same file again (nothing new) and a December visit: nothing for November.
        _visit(field, siti, date(2026, 12, 2), 9.3)
        clock.advance(timedelta(days=1))
        import_(office, export(field, tmp_path / "2.asuhsync").path)
    assert _corrections(office, DECEMBER) == ([], 0)


def test_a_laptop_receiving_data_and_closure_together_lists_no_correction(make_laptop, tmp_path):
    """The closure travels after the records (sync tables are applied in order), so a third
    laptop that gets both from one file does not take the month's own data for late edits."""
    with using(FixedClock(datetime(2026, 11, 20, 9, 0))) as clock:
        office, third = make_laptop("kantor"), make_laptop("kecamatan")
        siti = add_child(office, name="Siti", area=add_area(office))
        _visit(office, siti, date(2026, 11, 18), 9.1)
        clock.advance(timedelta(days=13))
        _close_november(office)
        clock.advance(timedelta(days=1))
        import_(third, export(office, tmp_path / "semua.asuhsync").path)
    assert _corrections(third, DECEMBER) == ([], 0)
    with third.sessions() as session:
        assert session.scalars(select(LateArrival)).all() == []
