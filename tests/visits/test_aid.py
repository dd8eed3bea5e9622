"""The aid ledger: idempotent monthly plans, payment and cancellation, totals equal SQL sums."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from desktop_app.aid.ledger import aid_totals, list_payments
from desktop_app.aid.service import (
    EXIT_CANCEL_REASON,
    cancel_future_plans,
    cancel_payment,
    mark_paid,
    plan_month_aid,
)
from desktop_app.core.errors import ConflictError, PermissionDeniedError, ValidationError
from desktop_app.db.models import AidPayment, Child
from tests.ui.form_fixtures import run
from tests.visits.conftest import THIS_MONTH, TODAY


def payments(database) -> list[tuple]:
    with database.sessions() as s:
        return sorted(
            (str(p.child_id), p.month, p.amount, p.status) for p in s.scalars(select(AidPayment))
        )


def plan(database, world, month=TODAY):
    return run(database, lambda s: plan_month_aid(s, month=month, programme_id=world.programme_id))


def test_plan_is_idempotent(database, world):
    first = plan(database, world)
    rows = payments(database)
    second = plan(database, world)
    assert (first.created, first.already_planned, first.amount_created) == (2, 0, 900_000)
    assert (second.created, second.already_planned) == (0, 2)
    assert payments(database) == rows
    assert {(r[1], r[2], r[3]) for r in rows} == {(THIS_MONTH.first_day, 450_000, "rencana")}
    assert {r[0] for r in rows} == {str(world.rina), str(world.bayu)}  # sari has no guardian


def test_month_outside_the_programme_is_refused(database, world):
    with database.sessions() as s, pytest.raises(ValidationError) as caught:
        plan_month_aid(
            s,
            month=THIS_MONTH.previous().previous().previous().first_day,
            programme_id=world.programme_id,
        )
    assert "di luar periode program" in caught.value.for_field("month")


def test_exited_child_is_skipped(database, world):
    with database.sessions() as s:
        s.execute(
            update(Child)
            .where(Child.id == world.bayu)
            .values(exit_date=THIS_MONTH.previous().first_day)
        )
        s.commit()
    summary = plan(database, world)
    assert (summary.created, summary.skipped_exited) == (1, 1)


def test_totals_match_the_database(database, world):
    plan(database, world)
    plan(database, world, THIS_MONTH.previous().first_day)
    rows = run(database, lambda s: list_payments(s, programme_id=world.programme_id, month=TODAY))
    rina = next(r for r in rows if r.child_id == world.rina)
    bayu = next(r for r in rows if r.child_id == world.bayu)
    run(
        database,
        lambda s: mark_paid(
            s, payment_ids=[rina.id], paid_on=TODAY, method="transfer", reference="TRX-1"
        ),
    )
    run(database, lambda s: cancel_payment(s, payment_id=bayu.id, reason="Pindah domisili"))
    totals = run(database, lambda s: aid_totals(s, programme_id=world.programme_id))

    def sql_sum(status):
        with database.sessions() as s:
            return s.scalar(
                select(func.coalesce(func.sum(AidPayment.amount), 0)).where(
                    AidPayment.status == status
                )
            )

    overall = totals.overall
    assert (overall.paid, overall.outstanding, overall.cancelled) == (
        sql_sum("dibayar"),
        sql_sum("rencana"),
        sql_sum("batal"),
    )
    assert (overall.paid, overall.outstanding, overall.cancelled) == (450_000, 900_000, 450_000)
    assert [(t.key, t.planned, t.paid) for t in totals.per_month] == [
        (str(THIS_MONTH.previous()), 900_000, 0),
        (str(THIS_MONTH), 450_000, 450_000),
    ]
    assert [(t.key, t.planned) for t in totals.per_opd] == [("Dinas Kesehatan", 1_350_000)]
    assert [(t.key, t.payments) for t in totals.per_source] == [("ASN", 3)]
    assert rina.opd_name == "Dinas Kesehatan" and rina.source == "asn"


def test_cancel_requires_a_reason_and_paid_cannot_be_cancelled(database, world):
    plan(database, world)
    payment = run(database, lambda s: list_payments(s, programme_id=None, month=TODAY))[0]
    with database.sessions() as s, pytest.raises(ValidationError) as caught:
        cancel_payment(s, payment_id=payment.id, reason="   ")
    assert caught.value.for_field("reason") == "Alasan pembatalan wajib diisi"
    assert {r[3] for r in payments(database)} == {"rencana"}
    run(
        database,
        lambda s: mark_paid(
            s, payment_ids=[payment.id], paid_on=TODAY, method="tunai", received_by="Sari Dewi"
        ),
    )
    with database.sessions() as s, pytest.raises(ConflictError):
        cancel_payment(s, payment_id=payment.id, reason="salah")


def test_mark_paid_checks_fields_and_status(database, world):
    plan(database, world)
    ids = [r.id for r in run(database, lambda s: list_payments(s, programme_id=None, month=None))]
    with database.sessions() as s, pytest.raises(ValidationError) as caught:
        mark_paid(s, payment_ids=ids, paid_on=None, method="transfer", reference="")
    assert {e.field for e in caught.value.errors} == {"paid_on", "reference"}
    assert (
        run(
            database,
            lambda s: mark_paid(
                s, payment_ids=ids, paid_on=TODAY, method="transfer", reference="B-7"
            ),
        )
        == 2
    )
    with database.sessions() as s, pytest.raises(ConflictError):
        mark_paid(s, payment_ids=ids, paid_on=TODAY, method="transfer", reference="B-8")


def test_exit_cancels_future_plans_only(database, world):
    plan(database, world)
    next_month = THIS_MONTH.last_day + timedelta(days=1)
    plan(database, world, next_month)
    cancelled = run(database, lambda s: cancel_future_plans(s, child_id=world.rina, after=TODAY))
    assert cancelled == 1
    with database.sessions() as s:
        rows = {
            (p.month, p.status, p.cancel_reason)
            for p in s.scalars(select(AidPayment).where(AidPayment.child_id == world.rina))
        }
    assert rows == {
        (THIS_MONTH.first_day, "rencana", None),
        (next_month.replace(day=1), "batal", EXIT_CANCEL_REASON),
    }


def test_pimpinan_cannot_plan_even_through_the_bulk_insert(database, world):
    with database.sessions() as s, pytest.raises(PermissionDeniedError):
        s.info["role"] = "pimpinan"
        plan_month_aid(s, month=TODAY, programme_id=world.programme_id)
    assert payments(database) == []


def test_exit_child_cancels_later_plans_through_the_service(database, world):
    from desktop_app.children.service import exit_child

    plan(database, world)
    next_month = THIS_MONTH.last_day + timedelta(days=1)
    plan(database, world, next_month)
    run(database, lambda s: exit_child(s, child_id=world.rina, exit_date=TODAY, reason="pindah",
                                       today=TODAY))  # fmt: skip
    with database.sessions() as s:
        rows = {
            (p.month, p.status)
            for p in s.scalars(select(AidPayment).where(AidPayment.child_id == world.rina))
        }
    assert rows == {(THIS_MONTH.first_day, "rencana"), (next_month.replace(day=1), "batal")}
