"""The visit record screens and reports see: measurements, stored z-scores and their categories.

Separate from :mod:`desktop_app.visits.service` (the services) so that read-only modules (the
child's growth summary, lists) can build records without importing the write path.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from desktop_app.db.models import Child, Guardian, Visit
from desktop_app.growth import Category, Indicator, classify, indicator_short_name

__all__ = ["VisitRecord", "visit_record"]


@dataclass(frozen=True)
class VisitRecord:
    """One visit. Weights in kg, lengths in cm; z-scores as stored (rounded to 2 decimals)."""

    id: uuid.UUID
    child_id: uuid.UUID
    child_name: str
    child_sex: str
    birth_date: date
    guardian_id: uuid.UUID | None
    guardian_name: str | None
    visit_date: date
    place: str
    weight_kg: float | None
    lenhei_cm: float | None
    measure: str | None
    headc_cm: float | None
    muac_cm: float | None
    oedema: bool
    zlen: float | None
    zwei: float | None
    zwfl: float | None
    zbmi: float | None
    zhc: float | None
    zac: float | None
    implausible: tuple[str, ...]  # z columns WHO flags (confirmed by the user when saved)
    topics: tuple[str, ...]
    help_given: tuple[str, ...]
    notes: str | None
    follow_up: str | None
    next_visit_date: date | None

    @property
    def age_days(self) -> int:
        return (self.visit_date - self.birth_date).days

    def category(self, indicator: Indicator) -> Category | None:
        """The Permenkes category of the stored z-score of ``indicator``."""
        return classify(indicator, getattr(self, indicator.z_field))

    def short_name(self, indicator: Indicator) -> str:
        """``PB/U`` or ``TB/U`` etc. for this visit's age."""
        return indicator_short_name(indicator, max(self.age_days, 0))


_FLAGS = (
    ("zlen", "flen"),
    ("zwei", "fwei"),
    ("zwfl", "fwfl"),
    ("zbmi", "fbmi"),
    ("zhc", "fhc"),
    ("zac", "fac"),
)


def visit_record(
    session: Session,
    visit: Visit,
    *,
    child: Child | None = None,
    guardian_names: dict[uuid.UUID, str] | None = None,
) -> VisitRecord:
    """Record of a visit row; ``child`` and ``guardian_names`` spare lookups for a child's list."""
    child = child or session.get(Child, visit.child_id)
    assert child is not None
    guardian_name = None
    if visit.guardian_id is not None:
        if guardian_names is not None:
            guardian_name = guardian_names.get(visit.guardian_id)
        else:
            guardian = session.get(Guardian, visit.guardian_id)
            guardian_name = guardian.name if guardian is not None else None
    return VisitRecord(
        id=visit.id,
        child_id=visit.child_id,
        child_name=child.name,
        child_sex=child.sex,
        birth_date=child.birth_date,
        guardian_id=visit.guardian_id,
        guardian_name=guardian_name,
        visit_date=visit.visit_date,
        place=visit.place,
        weight_kg=visit.weight_kg,
        lenhei_cm=visit.lenhei_cm,
        measure=visit.measure,
        headc_cm=visit.headc_cm,
        muac_cm=visit.muac_cm,
        oedema=bool(visit.oedema),
        zlen=visit.zlen,
        zwei=visit.zwei,
        zwfl=visit.zwfl,
        zbmi=visit.zbmi,
        zhc=visit.zhc,
        zac=visit.zac,
        implausible=tuple(z for z, f in _FLAGS if getattr(visit, f)),
        topics=tuple(visit.topics or ()),
        help_given=tuple(visit.help_given or ()),
        notes=visit.notes,
        follow_up=visit.follow_up,
        next_visit_date=visit.next_visit_date,
    )
