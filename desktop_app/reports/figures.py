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

Runs inside the caller's session (DB worker thread); builds SQL conditions only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select

from desktop_app.core.codes import GuardianKind, PaymentStatus
from desktop_app.core.i18n import N_, _
from desktop_app.core.month import Month
from desktop_app.db.models import AidPayment, Assignment, Child, Guardian

__all__ = [
    "CSR_OTHER_LABEL",
    "active_asn",
    "aid_of_month",
    "assignment_in_month",
    "reconcile_notes",
    "registered_child",
    "visit_target",
]

#: The row that takes guardians without an OPD (CSR sponsors, others) in tables by OPD.
CSR_OTHER_LABEL = N_("CSR / lainnya")


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
    live_children = select(Child.id).where(Child.deleted_at.is_(None))
    status: Any = (
        AidPayment.status == PaymentStatus.PAID
        if paid
        else AidPayment.status != PaymentStatus.CANCELLED
    )
    return and_(
        AidPayment.deleted_at.is_(None),
        AidPayment.month == month.first_day,
        status,
        AidPayment.child_id.in_(live_children),
    )


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
