"""What every report prints around its content: letterhead and signatories, from the settings.

Built by each data builder (so renderers never query) and carried inside the report's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from desktop_app.core import clock
from desktop_app.settings.store import get_settings

__all__ = ["ClosureStamp", "ReportHeader", "build_report_header"]


@dataclass(frozen=True)
class ClosureStamp:
    """Who closed the month and when, and the snapshot's hash (printed on a closed month's
    reports so a signed paper can be matched with the stored figures)."""

    closed_by: str
    closed_at: date
    sha256: str


@dataclass(frozen=True)
class ReportHeader:
    """Letterhead and signature block texts. ``logo_path`` empty = no logo."""

    district_name: str
    coordinating_office: str
    programme_label: str
    logo_path: str
    head_title: str
    head_name: str
    head_nip: str
    prepared_by: str
    printed_on: date
    prepared_by_nip: str = ""
    office_address: str = ""
    office_phone: str = ""
    office_email: str = ""
    #: Set while the month still runs: printed as "LAPORAN SEMENTARA - data s.d. <day>".
    provisional_until: date | None = None
    #: Set on a closed month's reports (added when printed, never stored in the snapshot).
    closure: ClosureStamp | None = None


def build_report_header(session: Session, *, today: date | None = None) -> ReportHeader:
    """Read the settings once (DB worker thread, caller's transaction)."""
    settings = get_settings(session)
    return ReportHeader(
        district_name=settings.district_name,
        coordinating_office=settings.coordinating_office,
        programme_label=settings.programme_label,
        logo_path=settings.logo_path,
        head_title=settings.head_title,
        head_name=settings.head_name,
        head_nip=settings.head_nip,
        prepared_by=settings.prepared_by,
        printed_on=today or clock.today(),
        prepared_by_nip=settings.prepared_by_nip,
        office_address=settings.office_address,
        office_phone=settings.office_phone,
        office_email=settings.office_email,
    )
