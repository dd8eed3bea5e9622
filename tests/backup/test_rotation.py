"""Rotation keeps the newest backup of each of the last 7 days and 4 weeks, never manual ones."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from desktop_app.backup.naming import backup_name, parse_backup_name
from desktop_app.backup.rotation import plan_rotation, rotate_backups

NOW = datetime(2026, 11, 23, 18, 0, 0)  # a Monday


def daily(days_ago: int, hour: int = 8) -> str:
    return backup_name((NOW - timedelta(days=days_ago)).replace(hour=hour), "daily")


def test_names_round_trip_and_foreign_names_are_ignored() -> None:
    name = backup_name(datetime(2026, 11, 22, 8, 30, 15), "weekly")
    assert name == "asuh-20261122-083015-weekly.sqlite3"
    parsed = parse_backup_name(name)
    assert parsed is not None and (parsed.taken_at, parsed.kind) == (
        datetime(2026, 11, 22, 8, 30, 15),
        "weekly",
    )
    others = [
        "asuh.sqlite3",
        "asuh-20261399-000000-daily.sqlite3",
        "x-daily.sqlite3",
        "asuh-20261122-083015-daily.sqlite3.partial",
        "asuh-20261122-083015-hourly.sqlite3",
    ]
    for other in others:
        assert parse_backup_name(other) is None


def test_keeps_newest_daily_per_day_for_seven_days_with_backups() -> None:
    names = [daily(d) for d in range(10)] + [daily(0, hour=7), daily(3, hour=17)]
    plan = plan_rotation(names, now=NOW)
    kept_days = sorted({parse_backup_name(n).taken_at.date() for n in plan.keep})
    assert len(plan.keep) == 7
    assert kept_days == [(NOW - timedelta(days=d)).date() for d in range(6, -1, -1)]
    assert daily(3, hour=17) in plan.keep and daily(3) in plan.delete  # newest of that day
    assert daily(0, hour=7) in plan.delete
    assert set(plan.delete) == {daily(7), daily(8), daily(9), daily(3), daily(0, hour=7)}


def test_days_without_backups_do_not_count() -> None:
    """A laptop off for a month keeps its last seven backup days."""
    names = [daily(d) for d in (30, 31, 32, 40, 41, 42, 43, 44)]
    plan = plan_rotation(names, now=NOW)
    assert set(plan.delete) == {daily(44)}


def test_weekly_keeps_newest_per_iso_week_for_four_weeks() -> None:
    weekly = [backup_name(NOW - timedelta(days=d), "weekly") for d in (0, 1, 7, 14, 21, 28, 35)]
    plan = plan_rotation(weekly, now=NOW)
    # NOW is Monday: 1 day ago is the previous ISO week, so weeks: 0 | 1,7 | 14 | 21 | 28 | 35
    assert set(plan.keep) == {weekly[0], weekly[1], weekly[3], weekly[4]}
    assert set(plan.delete) == {weekly[2], weekly[5], weekly[6]}


def test_manual_foreign_and_future_files_are_never_deleted() -> None:
    manual = [backup_name(NOW - timedelta(days=d), "manual") for d in range(0, 400, 20)]
    future = backup_name(NOW + timedelta(days=3), "daily")
    names = manual + [future, "catatan.txt", "asuh.sqlite3"] + [daily(d) for d in range(12)]
    plan = plan_rotation(names, now=NOW, keep_daily=2, keep_weekly=0)
    assert set(manual) | {future, daily(0), daily(1)} == set(plan.keep)
    assert set(plan.delete) == {daily(d) for d in range(2, 12)}


def test_zero_or_negative_keep_deletes_all_automatic() -> None:
    plan = plan_rotation([daily(0), daily(1)], now=NOW, keep_daily=0, keep_weekly=-1)
    assert plan.keep == () and set(plan.delete) == {daily(0), daily(1)}


def test_rotate_backups_deletes_files_and_leaves_others(tmp_path: Path) -> None:
    tmp_path = tmp_path / "cadangan"
    tmp_path.mkdir()
    names = [daily(d) for d in range(9)] + [backup_name(NOW, "manual"), "catatan.txt"]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    deleted = rotate_backups(tmp_path, now=NOW)
    assert sorted(p.name for p in deleted) == sorted([daily(7), daily(8)])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(set(names) - {daily(7), daily(8)})
    assert rotate_backups(tmp_path / "tidak-ada", now=NOW) == []
