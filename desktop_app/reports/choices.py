"""Small read queries behind the Laporan page's pickers (child for the card, programme).

DB worker thread, caller's transaction. NIK shown masked, as everywhere in reports.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.formatting import format_month
from desktop_app.core.identifier_search import search_key, searchable
from desktop_app.db.models import Child, Programme
from desktop_app.reports.common import masked

__all__ = ["ReportChoice", "programme_choices", "search_children_for_card"]


@dataclass(frozen=True)
class ReportChoice:
    id: uuid.UUID
    label: str


def search_children_for_card(session: Session, text: str, *, limit: int = 50) -> list[ReportChoice]:
    """Live children whose name, NIK or mother's name contains ``text`` (case-insensitive)."""
    query = select(Child.id, Child.name, Child.nik, Child.birth_date).where(
        Child.deleted_at.is_(None)
    )
    if text:
        typed = searchable(text.strip(), search_key(session)).lower()
        query = query.where(Child.search_text.contains(typed) | Child.name.icontains(text))
    rows = session.execute(query.order_by(Child.name).limit(limit)).all()
    return [
        ReportChoice(cid, f"{name} · {masked(nik)} · {born.strftime('%d/%m/%Y')}")
        for cid, name, nik, born in rows
    ]


def programme_choices(session: Session) -> list[ReportChoice]:
    """Live programmes, newest first, labelled with their period."""
    rows = session.execute(
        select(Programme.id, Programme.name, Programme.start_month, Programme.end_month)
        .where(Programme.deleted_at.is_(None))
        .order_by(Programme.start_month.desc())
    ).all()
    return [
        ReportChoice(pid, f"{name} ({format_month(start)} – {format_month(end)})")
        for pid, name, start, end in rows
    ]
