"""Sync files merge per field, three ways, whatever the clocks say (issue 21's lost edits)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from desktop_app.core.clock import FixedClock, using
from desktop_app.db.models import Child, SyncConflict
from tests.sync.conftest import add_area, add_child, edit_child
from tests.sync.test_files import export, import_


def _child(laptop, child_id) -> Child:
    with laptop.sessions() as session:
        child = session.get(Child, child_id)
        session.expunge(child)
        return child


def test_an_edit_made_under_a_slow_clock_is_not_dropped(make_laptop, tmp_path):
    field, office = make_laptop("lapangan"), make_laptop("kantor")
    siti = add_child(field, name="Siti", area=add_area(field))
    import_(office, export(field, tmp_path / "1.asuhsync").path)
    now = datetime.now()
    with using(FixedClock(now)):
        edit_child(office, siti, phone="081234567890")
    with using(FixedClock(now - timedelta(hours=3))):  # the field laptop's clock is 3 h slow
        edit_child(field, siti, address="Jl. Melati 3, RT 02")  # made after the office's edit

    summary = import_(office, export(field, tmp_path / "2.asuhsync").path)
    assert (summary.applied, summary.conflicts) == (1, 0)
    child = _child(office, siti)
    assert (child.address, child.phone) == ("Jl. Melati 3, RT 02", "081234567890")
    import_(field, export(office, tmp_path / "3.asuhsync").path)
    child = _child(field, siti)
    assert (child.address, child.phone) == ("Jl. Melati 3, RT 02", "081234567890")


def test_one_field_changed_on_both_is_a_conflict_on_both_laptops(make_laptop, tmp_path):
    field, office = make_laptop("lapangan"), make_laptop("kantor")
    siti = add_child(field, name="Siti", area=add_area(field))
    import_(office, export(field, tmp_path / "1.asuhsync").path)
    edit_child(office, siti, address="Jl. Kantor 1", mother_name="Rahma")
    edit_child(field, siti, address="Jl. Lapangan 2")

    summary = import_(office, export(field, tmp_path / "2.asuhsync").path)
    assert summary.conflicts == 1
    import_(field, export(office, tmp_path / "3.asuhsync").path)
    for laptop in (office, field):
        child = _child(laptop, siti)
        assert (child.address, child.mother_name) == ("Jl. Lapangan 2", "Rahma")
        with laptop.sessions() as session:
            conflict = session.scalars(select(SyncConflict)).one()
            assert conflict.loser_values["address"] == "Jl. Kantor 1"
            assert conflict.winner_values["address"] == "Jl. Lapangan 2"
            assert conflict.note == "Bidang: address"
