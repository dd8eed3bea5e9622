"""Children's identity numbers: masked by default, the full value only for an Admin, audited.

UU No. 27 Tahun 2022 treats a child's NIK together with health data as specific personal data.
Screens, printouts and exports show ``3271**********01`` (province and regency digits and the
last two: enough to tell two children apart, not enough to use the number). The full value is
read through :func:`reveal_identifier`, which only an Admin may call and which leaves an audit
entry, so a breach report can say who saw which child's number.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import N_, _
from desktop_app.core.permissions import ADMIN, require_role
from desktop_app.core.records import get_live
from desktop_app.db.audit_hook import record_event
from desktop_app.db.models import Child

__all__ = ["IDENTIFIER_FIELDS", "reveal_identifier"]

#: Child columns holding identity numbers, with their labels.
IDENTIFIER_FIELDS: dict[str, str] = {"nik": N_("NIK"), "no_kk": N_("No. KK")}


@writes(Changes.NONE)
def reveal_identifier(session: Session, *, child_id: uuid.UUID, field: str) -> str | None:
    """The full NIK or No. KK (``field``: ``nik`` | ``no_kk``) of a child; Admin only.

    Audited as a ``view`` of the child, whatever the outcome of showing it; None when the child
    has no such number. Writes one audit row: the caller commits (a read-only runner call would
    roll the record of the view back).
    """
    if field not in IDENTIFIER_FIELDS:
        raise DomainError(_("Kolom {field} bukan nomor identitas").format(field=field))
    require_role(session, ADMIN)
    child = get_live(session, Child, child_id, _("Data anak"))
    record_event(
        session,
        action="view",
        entity="children",
        entity_id=str(child.id),
        summary=_("{label} lengkap ditampilkan").format(label=_(IDENTIFIER_FIELDS[field])),
    )
    session.flush()
    return getattr(child, field)
