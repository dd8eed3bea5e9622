"""One definition per figure: every report, Beranda and the CLI count through this module.

The monthly summary (PDF and xlsx), the guardian activity report, the payment list and Beranda's
month panel used to count with their own queries, and the same column differed between them
(ASN terdaftar 239 vs 250, anak asuh 1.872 vs 1.874, aid paid by office vs the summary). Each
figure is now a condition defined once here; the report builders only group by what they show.

For month ``m`` with reference day ``ref`` (the month's last day, or today while it runs):

* **registered child** (*anak terdaftar*): a live child (no tombstone) enrolled on or before
  ``ref`` and not exited before the month began (a child who left during the month still counts
  for it: its visits and aid of the month are in the report).
* **assignment in the month**: a live assignment that started on or before ``ref`` and did not
  end before the month began, of a registered child. **Child with a guardian**: a registered
  child with at least one assignment in the month (counted once however many guardians it had;
  "during the month", which every report that prints it labels as such).
* **active ASN** (*ASN terdaftar*): a live guardian of kind ``asn`` who is active; inactive
  guardians are excluded everywhere (they are still listed by name in the guardian report).
* **aid planned / paid**: live payments of the aid month ``m`` (``aid_payments.month``, not the
  payment date) of a live child, not cancelled / with status ``dibayar``.
* **visit target** (*target kunjungan*): per child with a guardian, the highest monthly visit
  target of its assignments in the month (its programme's, else the settings' default): a child
  with two guardians is one child to visit, not two.
* **stunted / measured** (*anak stunting* of the children with a HAZ): each registered child's
  latest measurement of the month up to ``ref`` (a visit with a weight or a length; of two on
  one day the later entered); the child is measured when WHO does not flag that visit's HAZ, and
  stunted when that stored 2-decimal HAZ is below -2 SD (Permenkes *Pendek* and *Sangat
  pendek*). A child weighed after its length was measured in the month is therefore not counted:
  its latest measurement has no HAZ. :func:`stunting_of_month`; the monthly report's headline
  and trend count the same from their per-child rows, and tests hold them equal.

Runs inside the caller's session (DB worker thread); builds SQL conditions, and counts the one
figure that is a query of its own (:func:`stunting_of_month`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from desktop_app.core.codes import GuardianKind, PaymentStatus
from desktop_app.core.i18n import N_, _
from desktop_app.core.month import Month
from desktop_app.db.models import AidPayment, Assignment, Child, Guardian, Visit

__all__ = [
    "CSR_OTHER_LABEL",
    "STUNTED_BELOW",
    "Stunting",
    "active_asn",
    "aid_of_month",
    "assignment_in_month",
    "plausible_haz",
    "reconcile_notes",
    "registered_child",
    "stunting_of_month",
    "stunting_of_months",
    "visit_target",
]

#: The row that takes guardians without an OPD (CSR sponsors, others) in tables by OPD.
CSR_OTHER_LABEL = N_("CSR / lainnya")
#: Stunted: HAZ below -2 SD. The stored z-scores are rounded to 2 decimals as shown, so the SQL
#: comparison classifies as the screen does (``Visit``).
STUNTED_BELOW = -2.0


class Stunting(NamedTuple):
    """A month's stunting figure: stunted children among the measured (see the module doc)."""

    stunted: int
    measured: int


def registered_child(month: Month, reference: date) -> ColumnElement[bool]:
    """Condition on ``children``: registered in ``month`` (see the module docstring)."""
    return and_(
        Child.deleted_at.is_(None),
        Child.enrolled_on <= reference,
        or_(Child.exit_date.is_(None), Child.exit_date >= month.first_day),
    )


def assignment_in_month(month: Month, reference: date) -> ColumnElement[bool]:
    """Condition on ``assignments``: in ``month``, of a registered child."""
    registered = select(Child.id).where(registered_child(month, reference))
    return and_(
        Assignment.deleted_at.is_(None),
        Assignment.start_date <= reference,
        or_(Assignment.end_date.is_(None), Assignment.end_date >= month.first_day),
        Assignment.child_id.in_(registered),
    )


def active_asn() -> ColumnElement[bool]:
    """Condition on ``guardians``: a live, active ASN."""
    return and_(Guardian.deleted_at.is_(None), Guardian.kind == GuardianKind.ASN,
                Guardian.active.is_(True))  # fmt: skip


def aid_of_month(month: Month, *, paid: bool = False) -> ColumnElement[bool]:
    """Condition on ``aid_payments``: planned (not cancelled) or ``paid`` aid of aid month
    ``month`` of a live child."""
    # "Not a tombstoned child" rather than "in the live children": SQLite then reads the
    # month's payments by the month index and the few tombstones, instead of probing the
    # payments of each of 50,000 live children (0.15 s against 0.5-0.7 s). Every payment's child
    # exists (foreign key), so the two conditions are the same.
    tombstoned = select(Child.id).where(Child.deleted_at.is_not(None))
    status: Any = (
        AidPayment.status == PaymentStatus.PAID
        if paid
        else AidPayment.status != PaymentStatus.CANCELLED
    )
    return and_(
        AidPayment.deleted_at.is_(None),
        AidPayment.month == month.first_day,
        status,
        AidPayment.child_id.not_in(tombstoned),
    )


def plausible_haz(zlen: Any, flen: Any) -> ColumnElement[bool]:
    """Condition: a HAZ that WHO does not flag as implausible."""
    return and_(zlen.is_not(None), or_(flen.is_(None), flen.is_(False)))


def stunting_of_month(session: Session, month: Month, reference: date) -> Stunting:
    """Stunted and measured children of ``month`` up to ``reference`` (the module doc)."""
    return stunting_of_months(session, [(month, reference)])[month]


def stunting_of_months(
    session: Session, months: Sequence[tuple[Month, date]]
) -> dict[Month, Stunting]:
    """:func:`stunting_of_month` of each ``(month, reference)``, in one statement.

    Each child's month is one group of the ``ix_visits_month_facts`` range, which carries every
    column read here (no visit row is looked up): the child's latest measurement is the greatest
    date-and-entry stamp; the child counts as measured when that is also the stamp of its latest
    plausible HAZ, and as stunted when it is also that of its latest plausible HAZ below -2.

    Registered children: the few children *not* registered in one of the months (tombstoned,
    enrolled after its reference day, exited before it began) are read once, and each month
    leaves its own out of the groups. Every visit's child exists (foreign key), so this counts
    the same children as joining the registered ones, without looking up each of the 40,000
    measured children of a month (50,000 children: 0.23 s a month against 0.15 s)."""
    if not months:
        return {}
    earliest_reference = min(reference for _month, reference in months)
    latest_first = max(month.first_day for month, _reference in months)
    unregistered = (
        select(Child.id, Child.deleted_at, Child.enrolled_on, Child.exit_date)
        .where(or_(Child.deleted_at.is_not(None), Child.enrolled_on > earliest_reference,
                   Child.exit_date < latest_first))
        .cte("unregistered")
        .prefix_with("MATERIALIZED")
    )  # fmt: skip
    stamp = cast(Visit.visit_date, String) + cast(Visit.created_at, String)
    haz = plausible_haz(Visit.zlen, Visit.flen)
    arms = []
    for index, (month, reference) in enumerate(months):
        per_child = (
            select(
                Visit.child_id.label("child_id"),
                func.max(stamp).label("latest"),
                func.max(case((haz, stamp))).label("latest_haz"),
                func.max(case((and_(haz, Visit.zlen < STUNTED_BELOW), stamp))).label("stunted"),
            )
            .where(
                Visit.deleted_at.is_(None),
                Visit.visit_date.between(month.first_day, reference),
                or_(Visit.weight_kg.is_not(None), Visit.lenhei_cm.is_not(None)),
            )
            .group_by(Visit.child_id)
            .subquery(f"per_child_{index}")
        )
        left_out = select(unregistered.c.id).where(
            or_(
                unregistered.c.deleted_at.is_not(None),
                unregistered.c.enrolled_on > reference,
                unregistered.c.exit_date < month.first_day,
            )
        )

        def count(column: Any, per_child: Any = per_child) -> Any:
            return func.coalesce(func.sum(case((per_child.c.latest == column, 1), else_=0)), 0)

        arms.append(
            select(literal(index), count(per_child.c.stunted), count(per_child.c.latest_haz))
            .select_from(per_child)
            .where(per_child.c.child_id.not_in(left_out))
        )
    rows = session.execute(union_all(*arms)).all()
    counted = {int(index): Stunting(int(stunted), int(measured))
               for index, stunted, measured in rows}  # fmt: skip
    return {month: counted[index] for index, (month, _reference) in enumerate(months)}


def reconcile_notes(row_children: int, children_with_guardian: int, has_other_row: bool
                    ) -> list[str]:  # fmt: skip
    """The notes under a table by OPD whose "Anak asuh" column breaks the headline down: what
    the "CSR / lainnya" row holds, and how many children count in two rows."""
    notes = []
    if has_other_row:
        notes.append(_("CSR / lainnya: orang tua asuh tanpa OPD (sponsor CSR dan lainnya) dan "
                       "bantuan tanpa orang tua asuh."))  # fmt: skip
    extra = row_children - children_with_guardian
    if extra > 0:
        notes.append(_("{n} anak dihitung di lebih dari satu baris (orang tua asuhnya dari lebih "
                       "dari satu OPD); anak dengan orang tua asuh: {total}.").format(
            n=extra, total=children_with_guardian))  # fmt: skip
    return notes


def visit_target(targets: list[int]) -> int:
    """A child's visit target for the month from its assignments' targets (the highest)."""
    return max(targets, default=0)
