"""What Beranda shows, read in one transaction: coverage, per-OPD figures, children waiting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from desktop_app.children.queries import ChildFilter, ChildRow, load_child_rows, query_child_ids

if TYPE_CHECKING:
    from desktop_app.home.coverage import Coverage
    from desktop_app.settings.opd import OpdSummary

#: How many children without a guardian Beranda lists ("lihat semua" shows the rest).
WAITING_LIST_LENGTH = 50


@dataclass(frozen=True)
class HomeSummary:
    coverage: Coverage
    opd: tuple[OpdSummary, ...]
    waiting: tuple[ChildRow, ...]  # first children (by name) still without a guardian
    district_name: str = ""
    programme_label: str = ""
    #: Children in the programme with neither a recorded consent nor another legal basis: no
    #: visit can be saved for them until the office records one (UU PDP).
    without_legal_basis: int = 0

    @property
    def children_without_guardian(self) -> int:
        return self.coverage.children_total - self.coverage.children_with_guardian

    @property
    def asn_registered(self) -> int:
        return sum(o.asn_count for o in self.opd)

    @property
    def opd_without_data(self) -> int:
        """OPDs with no ASN registered: they have not submitted their data yet."""
        return sum(1 for o in self.opd if o.asn_count == 0)


def home_summary(session: Session, *, today: date | None = None) -> HomeSummary:
    from desktop_app.home.coverage import coverage
    from desktop_app.settings.opd import opd_summaries
    from desktop_app.settings.store import get_settings

    waiting_ids = query_child_ids(
        session, child_filter=ChildFilter(assigned=False), limit=WAITING_LIST_LENGTH
    )
    settings = get_settings(session)
    return HomeSummary(
        coverage=coverage(session),
        opd=tuple(opd_summaries(session)),
        waiting=tuple(load_child_rows(session, ids=waiting_ids, today=today)),
        district_name=settings.district_name,
        programme_label=settings.programme_label,
        without_legal_basis=count_without_legal_basis(session),
    )


def count_without_legal_basis(session: Session) -> int:
    """Live children still in the programme with no consent and no other recorded basis."""
    from sqlalchemy import func, or_, select

    from desktop_app.children.legal_basis import NOTE_REQUIRED
    from desktop_app.db.models import Child

    has_consent = (Child.consent_date.is_not(None)) & (func.coalesce(Child.consent_by, "") != "")
    has_other = Child.legal_basis.in_(NOTE_REQUIRED) & (
        func.coalesce(Child.legal_basis_note, "") != ""
    )
    query = select(func.count()).where(
        Child.deleted_at.is_(None), Child.exit_date.is_(None), ~or_(has_consent, has_other)
    )
    return int(session.scalar(query) or 0)
