"""Generating a month's aid plan with 100,000 demo children (~38,000 active assignments).

On a fresh copy of the demo database: plans the month after the demo's last planned month
(one transaction, committed), plans it again (idempotent: nothing new), and times the ledger
reads of the month (payments list, totals per month/OPD/source) plus the other monthly screens
(follow-up lists, Beranda figures). Goal: plan under 5 s.

Usage: .venv/bin/python bench/bench_aid_plan.py
"""

from __future__ import annotations

import time
from datetime import date

from _visits_demo import demo_copy, sessions_for

from desktop_app.core import clock


def main() -> int:
    from sqlalchemy import func, select, text

    from desktop_app.aid.ledger import aid_totals, list_payments
    from desktop_app.aid.service import plan_month_aid
    from desktop_app.db.models import AidPayment, Programme
    from desktop_app.followup.lists import follow_up_lists
    from desktop_app.home.dashboard import monthly_figures

    path = demo_copy("visits-aid-100k.sqlite3", fresh=True)
    sessions = sessions_for(path)
    with sessions() as s:
        programme = s.scalars(select(Programme).where(Programme.active.is_(True))).first()
        last = s.scalar(
            select(func.max(AidPayment.month)).where(AidPayment.programme_id == programme.id)
        )
        active = s.scalar(text("SELECT count(*) FROM assignments WHERE status = 'aktif'"))
    month = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    today = max(clock.today(), last)  # the plan may be made up to next month
    rows: list[tuple[str, float, str]] = []

    def timed(label: str, work, *, commit: bool = False) -> object:
        started = time.perf_counter()
        with sessions() as s:
            result = work(s)
            if commit:
                s.commit()
        rows.append((label, time.perf_counter() - started, ""))
        return result

    first = timed(
        "plan month (first run)",
        lambda s: plan_month_aid(s, month=month, programme_id=programme.id, today=today),
        commit=True,
    )
    rows[-1] = (*rows[-1][:2], f"{first.created:,} created, {first.already_planned:,} existed")
    second = timed(
        "plan month (second run)",
        lambda s: plan_month_aid(s, month=month, programme_id=programme.id, today=today),
        commit=True,
    )
    rows[-1] = (*rows[-1][:2], f"{second.created:,} created, {second.already_planned:,} existed")
    listed = timed(
        "payments of the month", lambda s: list_payments(s, programme_id=programme.id, month=month)
    )
    rows[-1] = (*rows[-1][:2], f"{len(listed):,} rows")
    timed("totals, whole programme", lambda s: aid_totals(s, programme_id=programme.id))
    timed("totals, the month", lambda s: aid_totals(s, programme_id=programme.id, month=month))
    lists = timed("follow-up lists (4)", lambda s: follow_up_lists(s, today=last))
    rows[-1] = (*rows[-1][:2], f"{len(lists.not_visited):,} not visited, {len(lists.two_t):,} 2T")
    timed("Beranda monthly figures", lambda s: monthly_figures(s, month=last))
    print(f"database: {path.name}, {active:,} active assignments, planning {month:%Y-%m}")
    print(f"{'operation':<28}{'seconds':>9}  note")
    for label, seconds, note in rows:
        print(f"{label:<28}{seconds:>9.2f}  {note}")
    ok = rows[0][1] < 5 and second.created == 0
    print(f"goal: plan < 5 s and idempotent: {'OK' if ok else 'MISSED'}")
    path.unlink()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
