"""The choice lists of the filter bars: areas, OPDs and the coded statuses with their labels.

Area and OPD lists come from the database (sorted by name, deleted rows left out); coded values
take their Indonesian labels from the services that own them, so a label is written only once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.i18n import _
from desktop_app.core.records import ASSIGNMENT_STATUSES
from desktop_app.db.models import Desa, Kecamatan, Opd, Posyandu


@dataclass(frozen=True)
class Choice:
    """One entry of a filter combo box: the value a filter takes and the text shown."""

    value: uuid.UUID | str
    label: str


def kecamatan_choices(session: Session) -> list[Choice]:
    stmt = select(Kecamatan.id, Kecamatan.name).where(Kecamatan.deleted_at.is_(None))
    return [Choice(i, n) for i, n in session.execute(stmt.order_by(Kecamatan.name))]


def desa_choices(session: Session, *, kecamatan_id: uuid.UUID | None = None) -> list[Choice]:
    stmt = select(Desa.id, Desa.name).where(Desa.deleted_at.is_(None))
    if kecamatan_id is not None:
        stmt = stmt.where(Desa.kecamatan_id == kecamatan_id)
    return [Choice(i, n) for i, n in session.execute(stmt.order_by(Desa.name))]


def posyandu_choices(
    session: Session, *, desa_id: uuid.UUID | None = None, kecamatan_id: uuid.UUID | None = None
) -> list[Choice]:
    stmt = select(Posyandu.id, Posyandu.name).where(Posyandu.deleted_at.is_(None))
    if desa_id is not None:
        stmt = stmt.where(Posyandu.desa_id == desa_id)
    elif kecamatan_id is not None:
        stmt = stmt.where(
            Posyandu.desa_id.in_(select(Desa.id).where(Desa.kecamatan_id == kecamatan_id))
        )
    return [Choice(i, n) for i, n in session.execute(stmt.order_by(Posyandu.name))]


def opd_choices(session: Session) -> list[Choice]:
    stmt = select(Opd.id, Opd.name).where(Opd.deleted_at.is_(None)).order_by(Opd.name)
    return [Choice(i, n) for i, n in session.execute(stmt)]


def enrolment_status_choices() -> list[Choice]:
    from desktop_app.children.service import ENROLMENT_STATUSES

    return [Choice(code, _(label)) for code, label in ENROLMENT_STATUSES.items()]


def guardian_kind_choices() -> list[Choice]:
    from desktop_app.guardians.service import GUARDIAN_KINDS

    return [Choice(code, _(label)) for code, label in GUARDIAN_KINDS.items()]


def assignment_status_choices() -> list[Choice]:
    return [Choice(code, _(label)) for code, label in ASSIGNMENT_STATUSES.items()]


def enrolment_status_label(code: str) -> str:
    from desktop_app.labels.stored_codes import code_label

    return code_label("children", "enrolment_status", code)


def exit_reason_label(code: str | None) -> str:
    from desktop_app.labels.stored_codes import code_label

    return code_label("children", "exit_reason", code)


def guardian_kind_label(code: str) -> str:
    from desktop_app.labels.stored_codes import code_label

    return code_label("guardians", "kind", code)
