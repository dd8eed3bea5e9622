"""Programmes and who fosters whom: the current year's programme and last year's short one.

About 40% of the children still in the programme have an active guardian (stunted children a
little more often); no guardian exceeds ``max_children_per_guardian``; most guardians have one
child, some two or three, many none yet. History is kept as the service keeps it: some children
changed guardian ("dialihkan"), some lost theirs and wait for a new one, children who left ended
theirs on the exit day, and last year's three-month programme ended for everyone ("selesai").
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from desktop_app.children.service import EXIT_REASONS
from desktop_app.core.codes import AssignmentStatus, GuardianKind
from desktop_app.demo.children import DemoChild
from desktop_app.demo.dates import add_months, random_day
from desktop_app.demo.guardians import DemoGuardian
from desktop_app.demo.rows import new_id, synced_columns

__all__ = ["DemoAssignment", "DemoProgramme", "build_assignments", "build_programmes"]

COVERAGE = 0.40
MONTHLY_AID = 450_000  # rupiah, as Belitung paid in 2025
# How many children a guardian takes on: weights for 0, 1, 2, 3 ... (capped by the setting).
_LOAD_WEIGHTS = (45, 35, 13, 7)
_TRANSFER_REASONS = (
    "Orang tua asuh mutasi ke luar daerah", "Orang tua asuh pensiun",
    "Permintaan keluarga", "Penyesuaian beban pendampingan",
)  # fmt: skip
_END_REASONS = ("Orang tua asuh mutasi ke luar daerah", "Orang tua asuh mengundurkan diri")


@dataclass(frozen=True, slots=True)
class DemoProgramme:
    id: uuid.UUID
    start_month: date
    end_month: date
    monthly_aid: int


@dataclass(frozen=True, slots=True)
class DemoAssignment:
    id: uuid.UUID
    child: DemoChild
    guardian_id: uuid.UUID
    programme: DemoProgramme
    start_date: date
    end_date: date | None


def build_programmes(
    rng: random.Random, *, today: date
) -> tuple[DemoProgramme, DemoProgramme, list[dict[str, Any]]]:
    """This year's 12-month programme and last year's three-month one (Oct-Dec)."""
    current = DemoProgramme(
        new_id(rng), date(today.year, 1, 1), date(today.year, 12, 1), MONTHLY_AID
    )
    previous = DemoProgramme(
        new_id(rng), date(today.year - 1, 10, 1), date(today.year - 1, 12, 1), MONTHLY_AID
    )
    rows = [
        synced_columns(previous.id, date(today.year - 1, 9, 15))
        | _programme_row(previous, f"Genting {today.year - 1} Tahap I", active=False),
        synced_columns(current.id, date(today.year - 1, 12, 15))
        | _programme_row(current, f"Genting {today.year}", active=True),
    ]
    return current, previous, rows


def _programme_row(programme: DemoProgramme, name: str, *, active: bool) -> dict[str, Any]:
    return {
        "name": name,
        "start_month": programme.start_month,
        "end_month": programme.end_month,
        "monthly_aid": programme.monthly_aid,
        "visit_target_per_month": 1,
        "active": active,
        "notes": "Gerakan Orang Tua Asuh Cegah Stunting (data contoh)",
    }


def build_assignments(
    rng: random.Random,
    children: list[DemoChild],
    guardians: list[DemoGuardian],
    programmes: tuple[DemoProgramme, DemoProgramme],
    *,
    cap: int,
    today: date,
) -> tuple[list[DemoAssignment], list[dict[str, Any]]]:
    """All assignments (active and historic) as facts and ``assignments`` rows."""
    current, previous = programmes
    result: list[_Draft] = []
    available = [g for g in guardians if g.active]
    slots = [
        g.id
        for g in available
        for _ in range(min(cap, rng.choices(range(len(_LOAD_WEIGHTS)), _LOAD_WEIGHTS)[0]))
    ]
    rng.shuffle(slots)
    active = [c for c in children if c.active]
    # Stunted children first, a little: a random key shrunk for them.
    order = sorted(active, key=lambda c: rng.random() * (0.75 if c.stunting else 1.0))
    fostered = order[: min(round(COVERAGE * len(active)), len(slots))]
    all_ids = [g.id for g in guardians if g.kind == GuardianKind.ASN]
    for child, guardian_id in zip(fostered, slots, strict=False):
        start = _start_date(rng, child, current, today)
        before = rng.choice(all_ids)
        if rng.random() < 0.08 and (today - start).days > 60 and before != guardian_id:
            moved = random_day(rng, start + timedelta(days=30), today)
            result.append(_Draft(child, before, current, start, moved, AssignmentStatus.TRANSFERRED,
                                 rng.choice(_TRANSFER_REASONS)))  # fmt: skip
            start = moved
        result.append(
            _Draft(child, guardian_id, current, start, None, AssignmentStatus.ACTIVE, None)
        )
    for child in order[len(fostered) :]:
        start = _start_date(rng, child, current, today)
        if rng.random() < 0.05 and (today - start).days > 60:
            end = random_day(rng, start + timedelta(days=30), today)
            ender = rng.choice(all_ids)
            result.append(_Draft(child, ender, current, start, end, AssignmentStatus.ENDED,
                                 rng.choice(_END_REASONS)))  # fmt: skip
    for child in children:
        if child.exit_date is not None and rng.random() < COVERAGE:  # not active
            start = _start_date(rng, child, current, child.exit_date)
            if child.exit_date and start < child.exit_date:
                reason = EXIT_REASONS[child.exit_reason or "lainnya"]
                result.append(_Draft(child, rng.choice(all_ids), current, start,
                                     child.exit_date, AssignmentStatus.ENDED, reason))  # fmt: skip
        if child.enrolled_on < previous.start_month and rng.random() < 0.3:
            result.append(_Draft(child, rng.choice(all_ids), previous, previous.start_month
                                 + timedelta(days=rng.randint(0, 20)),
                                 add_months(previous.end_month, 1) - timedelta(days=1),
                                 AssignmentStatus.ENDED, "Program berakhir"))  # fmt: skip
    return _rows(rng, result)


@dataclass(frozen=True, slots=True)
class _Draft:
    child: DemoChild
    guardian_id: uuid.UUID
    programme: DemoProgramme
    start: date
    end: date | None
    status: str
    reason: str | None


def _start_date(rng: random.Random, child: DemoChild, programme: DemoProgramme, last: date) -> date:
    """Most start in the programme's launch month, the rest spread until ``last``."""
    if rng.random() < 0.55:
        day = programme.start_month + timedelta(days=rng.randint(5, 40))
    else:
        day = random_day(rng, programme.start_month, last)
    return min(last, max(day, child.enrolled_on + timedelta(days=rng.randint(3, 30))))


def _rows(
    rng: random.Random, drafts: list[_Draft]
) -> tuple[list[DemoAssignment], list[dict[str, Any]]]:
    facts: list[DemoAssignment] = []
    rows: list[dict[str, Any]] = []
    for draft in drafts:
        fact = DemoAssignment(
            new_id(rng), draft.child, draft.guardian_id, draft.programme, draft.start, draft.end
        )
        facts.append(fact)
        rows.append(
            synced_columns(fact.id, draft.start)
            | {
                "child_id": draft.child.id,
                "guardian_id": draft.guardian_id,
                "programme_id": draft.programme.id,
                "start_date": draft.start,
                "end_date": draft.end,
                "status": draft.status,
                "end_reason": draft.reason,
                "notes": None,
            }
        )
    return facts, rows
