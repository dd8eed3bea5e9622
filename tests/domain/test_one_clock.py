"""Every service asks one clock for "today", so a test run (or a laptop) crossing midnight sees
one consistent day, and a test can stand anywhere in time."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desktop_app.children.service import register_child
from desktop_app.core import clock
from desktop_app.core.errors import ValidationError
from desktop_app.db.models import Child

from .conftest import child_form


def test_the_suite_runs_on_one_pinned_day() -> None:
    """tests/conftest.py pins the day when the run starts: a run across midnight keeps it."""
    assert isinstance(clock.current(), clock.PinnedDayClock)
    assert clock.today() == clock.current().today()


def test_a_run_crossing_midnight_keeps_the_day_it_started_on(monkeypatch) -> None:
    pinned_day = clock.today()
    # The computer's clock moves past midnight; the run's day does not.
    monkeypatch.setattr(clock.SystemClock, "today", lambda self: pinned_day + timedelta(days=1))
    assert clock.SystemClock().today() == pinned_day + timedelta(days=1)
    assert clock.today() == pinned_day


def test_services_take_today_from_the_clock_across_midnight(session) -> None:
    """A birth date 'today' is fine, 'tomorrow' is refused, by the clock's day, not the
    computer's: the checks move at the clock's midnight and nowhere else."""
    new_year = date(2031, 1, 1)  # years after the computer's date: only the clock can allow it
    with clock.using(clock.FixedClock(datetime(2030, 12, 31, 23, 59, 59))) as fixed:
        with pytest.raises(ValidationError) as refused:
            register_child(
                session,
                form=child_form(name="Bayi Tahun Baru", birth_date=new_year, enrolled_on=new_year),
            )
        assert refused.value.for_field("birth_date")
        fixed.advance(timedelta(seconds=2))  # 1 January 2031, 00:00:01
        record = register_child(
            session,
            form=child_form(name="Bayi Tahun Baru", birth_date=new_year, enrolled_on=new_year),
        )
    assert record.birth_date == new_year


def test_row_stamps_follow_the_clock(session) -> None:
    """The db layer stamps rows by the same clock (through db.time_source), in naive UTC."""
    moment = datetime(2030, 6, 1, 9, 30)  # 09:30 in Belitung (WIB, UTC+7)
    with clock.using(clock.FixedClock(moment, utc_offset=timedelta(hours=7))):
        record = register_child(
            session,
            form=child_form(
                name="Bayi Cap Waktu", birth_date=date(2029, 3, 15), enrolled_on=date(2030, 6, 1)
            ),
        )
        session.flush()
    row = session.get(Child, record.id)
    assert row.created_at == row.updated_at == datetime(2030, 6, 1, 2, 30)
