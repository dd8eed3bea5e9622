"""Monthly cash aid for every fostered child, from its assignment's first month up to today.

Past months are mostly paid (a date in that month, by bank transfer or in cash, with a reference
and who received it), a few were cancelled and a few recent ones are still waiting; the current
month is planned ("rencana"), as the coordinating office plans it at the start of the month.
One row per child, programme and month, as the table's unique key demands: a child who changed
guardian is not paid twice for the month of the change.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from desktop_app.core.codes import PaymentStatus
from desktop_app.demo.assignments import DemoAssignment
from desktop_app.demo.dates import add_months, day_in_month, month_index, month_start
from desktop_app.demo.rows import ascending_ids, synced_columns

__all__ = ["payment_rows", "plan_payments"]

_CANCEL_REASONS = (
    "Rekening penerima tidak aktif", "Data penerima belum lengkap",
    "Anak dirawat di luar daerah",
)  # fmt: skip


def plan_payments(
    assignments: list[DemoAssignment], *, today: date
) -> list[tuple[DemoAssignment, date]]:
    """(assignment, month) for every month each assignment covered, up to this month."""
    planned: list[tuple[DemoAssignment, date]] = []
    seen: set[tuple[uuid.UUID, uuid.UUID, date]] = set()
    this_month = month_start(today)
    for assignment in sorted(assignments, key=lambda a: a.start_date):
        programme = assignment.programme
        last = min(programme.end_month, this_month, month_start(assignment.end_date or today))
        month = max(programme.start_month, month_start(assignment.start_date))
        while month <= last:
            key = (assignment.child.id, programme.id, month)
            if key not in seen:
                seen.add(key)
                planned.append((assignment, month))
            month = add_months(month, 1)
    return planned


def payment_rows(
    rng: random.Random, planned: list[tuple[DemoAssignment, date]], *, today: date
) -> Iterator[dict[str, Any]]:
    """``aid_payments`` rows for :func:`plan_payments`' months, built lazily."""
    this_month = month_start(today)
    ids = ascending_ids(rng, len(planned))
    for sequence, (assignment, month) in enumerate(planned, start=1):
        yield _payment(rng, ids[sequence - 1], assignment, month, this_month, today, sequence)


def _payment(
    rng: random.Random,
    row_id: uuid.UUID,
    assignment: DemoAssignment,
    month: date,
    this_month: date,
    today: date,
    sequence: int,
) -> dict[str, Any]:
    row = synced_columns(row_id, month) | {
        "child_id": assignment.child.id,
        "programme_id": assignment.programme.id,
        "assignment_id": assignment.id,
        "month": month,
        "amount": assignment.programme.monthly_aid,
        "status": PaymentStatus.PLANNED,
        "paid_on": None,
        "method": None,
        "reference": None,
        "received_by": None,
        "cancel_reason": None,
    }
    months_ago = month_index(this_month) - month_index(month)
    roll = rng.random()
    if months_ago == 0 or (months_ago == 1 and roll < 0.06):
        return row  # planned, not paid yet
    if roll > 0.98:
        row |= {"status": PaymentStatus.CANCELLED, "cancel_reason": rng.choice(_CANCEL_REASONS)}
        return row
    pay_day = day_in_month(month_index(month), rng.randint(5, 20))
    paid_on = min(today, max(pay_day, assignment.start_date + timedelta(days=3)))
    transfer = rng.random() < 0.8
    row |= {
        "status": PaymentStatus.PAID,
        "paid_on": paid_on,
        "method": "transfer" if transfer else "tunai",
        "reference": f"TRF{paid_on:%Y%m}{sequence:07d}"
        if transfer
        else f"KW/{paid_on:%Y/%m}/{sequence:06d}",
        "received_by": assignment.child.mother_name,
        "updated_at": datetime.combine(paid_on, time(11)),
    }
    return row
