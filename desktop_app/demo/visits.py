"""Visits and weighings of the last twelve months, with their WHO z-scores.

Every child is weighed about monthly from its enrolment (at most twelve months back) at its
posyandu on the posyandu's day; while it has a foster parent, that guardian visits at home in
most months instead (on any day, with education topics and help given), and in half of
those months the child is weighed at the posyandu as well. About one month in twenty is
missed. The z-scores and flags are computed in one vectorised pass with
:func:`desktop_app.growth.bulk.assess_many` and stored rounded to 2 decimals, as the app stores
them (``Visit`` docstring).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import numpy as np

from desktop_app.demo.assignments import DemoAssignment
from desktop_app.demo.children import DemoChild
from desktop_app.demo.dates import day_in_month, month_index
from desktop_app.demo.growth import draw_trajectories, simulate_measurements
from desktop_app.demo.rows import BATCH_ROWS, Columns, ascending_ids
from desktop_app.growth.bulk import FLAG_COLUMNS, Z_COLUMNS, assess_many
from desktop_app.growth.rounding import round_half_away
from desktop_app.visits.service import EDUCATION_TOPICS, HELP_TYPES

__all__ = ["HELP_CODES", "TOPIC_CODES", "VisitPlan", "plan_visits", "visit_batches"]

MONTHS_BACK = 12
_ENTERED_AT = time(10)  # visits are typed in the same morning
_MISSED = 0.05
_HOME_SHARE = 0.85  # of months with a guardian, those with a home visit
_ALSO_WEIGHED = 0.5  # of those, months the child was also weighed at the posyandu
#: Education topics and help recorded on home visits: the visit form's own codes (the district
#: server refuses any other, ``sync.row_checks``).
TOPIC_CODES = tuple(EDUCATION_TOPICS)
HELP_CODES = tuple(HELP_TYPES)
_NOTES = (
    "Anak sehat, nafsu makan baik", "Anak sedang batuk pilek",
    "Ibu sudah memberi MPASI lauk hewani", "Anak aktif dan ceria",
    "Berat badan belum naik, pola makan dibahas bersama ibu",
)  # fmt: skip
_FOLLOW_UP = (
    "Kunjungan berikutnya bulan depan", "Pantau berat badan di posyandu",
    "Rujuk ke puskesmas bila berat badan tidak naik lagi", "Lanjutkan PMT",
)  # fmt: skip


@dataclass
class VisitPlan:
    """Who was visited when, where and by whom, one entry per visit (parallel lists)."""

    child: list[int]
    day: list[date]
    guardian: list[uuid.UUID | None]
    place: list[str]

    def __len__(self) -> int:
        return len(self.child)

    def add(
        self, child: int, day: date, guardian: uuid.UUID | None, place: str, first: date, last: date
    ) -> None:
        """Add the visit if ``day`` lies in ``[first, last]`` (enrolled and still in it)."""
        if first <= day <= last:
            self.child.append(child)
            self.day.append(day)
            self.guardian.append(guardian)
            self.place.append(place)


def plan_visits(
    rng: random.Random,
    children: list[DemoChild],
    assignments: list[DemoAssignment],
    *,
    today: date,
) -> VisitPlan:
    """The visit calendar: dates after birth and enrolment, before exit, never after today."""
    by_child: dict[uuid.UUID, list[DemoAssignment]] = {}
    for assignment in assignments:
        by_child.setdefault(assignment.child.id, []).append(assignment)
    plan = VisitPlan([], [], [], [])
    this_month = month_index(today)
    for index, child in enumerate(children):
        own = by_child.get(child.id, [])
        last = child.exit_date - timedelta(days=1) if child.exit_date else today
        first = max(child.enrolled_on, child.birth_date + timedelta(days=1))
        months = range(max(month_index(first), this_month - MONTHS_BACK + 1), month_index(last) + 1)
        for month in months:
            if rng.random() < _MISSED:
                continue
            weighing = day_in_month(month, child.posyandu.meeting_day)
            place = "puskesmas" if rng.random() < 0.05 else "posyandu"
            home_day = day_in_month(month, rng.randint(1, 28))
            guardian = _guardian_on(own, home_day) if own else None
            if guardian is not None and rng.random() < _HOME_SHARE:
                plan.add(index, home_day, guardian, "rumah", first, last)
                if rng.random() < _ALSO_WEIGHED and weighing != home_day:
                    plan.add(index, weighing, None, "posyandu", first, last)
            else:
                plan.add(index, weighing, None, place, first, last)
    return plan


def _guardian_on(assignments: list[DemoAssignment], day: date) -> uuid.UUID | None:
    for assignment in assignments:
        ended = assignment.end_date is not None and day >= assignment.end_date
        if assignment.start_date <= day and not ended:
            return assignment.guardian_id
    return None


def visit_batches(
    rng: random.Random,
    nrng: np.random.Generator,
    children: list[DemoChild],
    plan: VisitPlan,
) -> Iterator[Columns]:
    """``visits`` column batches for ``plan``, with measurements and stored z-scores.

    Growth and z-scores are computed for all visits at once (vectorised); the per-visit text
    (topics, help, notes) and ids are drawn batch by batch, so memory stays bounded.
    """
    measured = _measured_columns(nrng, children, plan)
    ids = ascending_ids(rng, len(plan))
    for start in range(0, len(plan), BATCH_ROWS):
        stop = min(start + BATCH_ROWS, len(plan))
        batch = {key: values[start:stop] for key, values in measured.items()}
        batch.update(_described_columns(rng, children, plan, start, stop))
        batch["id"] = ids[start:stop]
        yield batch


def _measured_columns(
    nrng: np.random.Generator, children: list[DemoChild], plan: VisitPlan
) -> Columns:
    child = np.asarray(plan.child, dtype=np.intp)
    ordinals = np.fromiter((d.toordinal() for d in plan.day), dtype=np.int64, count=len(plan))
    births = np.array([c.birth_date.toordinal() for c in children], dtype=np.int64)
    sexes = np.array([1 if c.sex == "L" else 2 for c in children], dtype=np.int8)
    first_visit = np.full(len(children), np.iinfo(np.int64).max)
    np.minimum.at(first_visit, child, ordinals)
    age_days = ordinals - births[child]
    months = (ordinals - first_visit[child]) / 30.4375
    trajectories = draw_trajectories(
        nrng,
        np.array([c.stunting for c in children], dtype=bool),
        np.array([c.improving for c in children], dtype=bool),
    )
    sex = sexes[child]
    m = simulate_measurements(
        nrng, trajectories, child=child, sex=sex, age_days=age_days, months=months
    )
    z = assess_many(sex, age_days, m.weight_kg, m.lenhei_cm, m.measure, None, m.headc_cm, m.muac_cm)
    columns: dict[str, list[Any]] = {key: _nullable(round_half_away(z[key])) for key in Z_COLUMNS}
    for zkey, fkey in zip(Z_COLUMNS, FLAG_COLUMNS, strict=True):
        columns[fkey] = [
            None if value is None else flag
            for value, flag in zip(columns[zkey], z[fkey].tolist(), strict=True)
        ]
    columns["weight_kg"] = _nullable(m.weight_kg)
    columns["lenhei_cm"] = _nullable(m.lenhei_cm)
    columns["headc_cm"] = _nullable(m.headc_cm)
    columns["muac_cm"] = _nullable(m.muac_cm)
    columns["measure"] = ["h" if code == 2 else "l" for code in m.measure.tolist()]
    return columns


def _described_columns(
    rng: random.Random, children: list[DemoChild], plan: VisitPlan, start: int, stop: int
) -> Columns:
    """Ids, dates, places and what was talked about and given, for visits ``start:stop``."""
    days = plan.day[start:stop]
    places = plan.place[start:stop]
    kids = [children[index] for index in plan.child[start:stop]]
    stamps = [datetime.combine(day, _ENTERED_AT) for day in days]
    columns: Columns = {
        "created_at": stamps,
        "updated_at": stamps,
        "child_id": [kid.id for kid in kids],
        "guardian_id": plan.guardian[start:stop],
        "visit_date": days,
        "place": places,
        "topics": [],
        "help_given": [],
        "notes": [],
        "follow_up": [],
        "next_visit_date": [],
    }
    for kid, day, place in zip(kids, days, places, strict=True):
        home = place == "rumah"
        columns["topics"].append(sorted(rng.sample(TOPIC_CODES, rng.randint(1, 3))) if home else [])
        columns["help_given"].append(_help(rng, kid, day, home))
        columns["notes"].append(rng.choice(_NOTES) if home and rng.random() < 0.3 else None)
        columns["follow_up"].append(rng.choice(_FOLLOW_UP) if home and rng.random() < 0.4 else None)
        columns["next_visit_date"].append(day + timedelta(days=30) if home else None)
    return columns


def _help(rng: random.Random, child: DemoChild, day: date, home: bool) -> list[str]:
    if not home:
        # Posyandu give vitamin A in February and August (bulan vitamin A).
        return ["vitamin"] if day.month in (2, 8) and rng.random() < 0.8 else []
    chosen = {code for code in ("pmt", "susu") if rng.random() < (0.6 if child.stunting else 0.3)}
    if rng.random() < 0.05:
        chosen.add("rujukan_puskesmas")
    return [code for code in HELP_CODES if code in chosen]


def _nullable(values: np.ndarray) -> list[float | None]:
    """A list for the database: NaN becomes None (NULL)."""
    return [None if v != v else v for v in values.tolist()]
