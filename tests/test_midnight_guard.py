"""The guard in tests/conftest.py that keeps a test run from crossing midnight."""

from __future__ import annotations

from datetime import datetime

from tests.conftest import seconds_to_wait_for_the_new_day


def test_a_run_starting_just_before_midnight_waits_for_the_new_day() -> None:
    assert seconds_to_wait_for_the_new_day(datetime(2026, 12, 1, 23, 58, 30)) == 92.0
    assert seconds_to_wait_for_the_new_day(datetime(2026, 12, 1, 23, 55)) == 0.0
    assert seconds_to_wait_for_the_new_day(datetime(2026, 12, 2, 0, 0, 1)) == 0.0
