"""Writes on the monthly aid: plan a month, mark payments paid, cancel them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from desktop_app.aid import service
from desktop_app.ui.operations.build import calling, operation
from desktop_app.ui.ops import Operation


def plan_month_aid(*, month: date, programme_id: UUID) -> Operation:
    return operation(service.plan_month_aid, month=month, programme_id=programme_id)


def mark_paid(
    *,
    payment_ids: Sequence[UUID],
    paid_on: date | None,
    method: str,
    reference: str,
    received_by: str,
) -> Operation:
    return operation(
        service.mark_paid,
        payment_ids=payment_ids,
        paid_on=paid_on,
        method=method,
        reference=reference,
        received_by=received_by,
    )


def cancel_payments(*, payment_ids: Sequence[UUID], reason: str) -> Operation:
    """Cancel every payment in one transaction; the result is how many."""
    ids = list(payment_ids)

    def work(session) -> int:
        for payment_id in ids:
            service.cancel_payment(session, payment_id=payment_id, reason=reason)
        return len(ids)

    return calling(work, service.cancel_payment)
