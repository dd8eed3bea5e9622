"""A new visit checked against the child's own history, before it is saved.

Pure functions (no database, no Qt): the visit form calls them while values are typed, and the
visit services call them again before saving, so the form warns about exactly what the service
asks to confirm. Every check is a **confirmation, not a refusal**: a child may really be
weighed twice a day, or have lost weight in an illness. The user's answer is stored on the visit
(``visits.checks_confirmed``), so a reviewer later sees that the value was looked at.

The checks, in plain Indonesian on screen:

``same_day``
    The child already has a visit on that date (the form offers to open it instead).
``shorter``
    The length/height is lower than the last one by more than :data:`SHORTER_TOLERANCE_CM`
    (1.0 cm) after both are brought to the same position: a lying length is 0.7 cm more than
    a standing height of the same child (WHO; Permenkes No. 2 Tahun 2020), so the earlier value
    is converted to the position used now before comparing. Children do not shrink; a lower
    value is a measuring or typing error unless the earlier one was.
``weight``
    The weight changed more than is plausible for the days between (rule below).

The weight rule (Asuh's own, stated here so it can be reviewed):

- **Tolerance** :data:`WEIGHT_TOLERANCE_KG` (0.5 kg) whatever the interval: clothes, a meal, a
  full nappy, and a home scale against a posyandu dacin differ by this much.
- **Gain** per day at most the larger of a rate by age and :data:`CATCH_UP_G_PER_KG_DAY`
  (10 g per kg of body weight per day, the catch-up gain sought when a wasted child is fed
  therapeutically). The rates by age (:data:`GAIN_G_PER_DAY`) are about the 99th centile of
  the WHO weight velocity standards (WHO Child Growth Standards: Growth velocity based on weight,
  length and head circumference, 2009; 1-month increments to 12 months, 2-month increments
  after), rounded up: 65 g/day under 3 months, 40 under 6, 25 under 12, 17 from 12 months.
- **Loss** at most :data:`ACUTE_LOSS_SHARE` (10 %) of the earlier weight once a day has passed
  (dehydration in diarrhoea), plus 0.2 % a day for longer illness, never more than
  :data:`MAX_LOSS_SHARE` (25 %) in all. On the same day only the tolerance applies.

A fourth note is not a confirmation: z-scores shown before "Cara ukur" is chosen say which
position they assume (:func:`assumed_measure_note`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import N_, _, ngettext
from desktop_app.growth.age import completed_months

__all__ = [
    "CHECK_CODES",
    "HistoryCheck",
    "PastMeasurement",
    "assumed_measure_note",
    "check_against_history",
    "format_measurement",
    "latest_before",
    "weight_change_limits",
]

POSITION_DIFFERENCE_CM = 0.7
SHORTER_TOLERANCE_CM = 1.0
WEIGHT_TOLERANCE_KG = 0.5
CATCH_UP_G_PER_KG_DAY = 10.0
#: (from age in completed months, grams per day): the rate applies from that age on.
GAIN_G_PER_DAY: tuple[tuple[int, float], ...] = ((0, 65.0), (3, 40.0), (6, 25.0), (12, 17.0))
ACUTE_LOSS_SHARE = 0.10
LOSS_SHARE_PER_DAY = 0.002
MAX_LOSS_SHARE = 0.25
#: Age (days) from which WHO expects a standing height; a lying length before it.
STANDING_FROM_DAYS = 731

CHECK_CODES = {
    "same_day": N_("Kunjungan pada hari yang sama"),
    "shorter": N_("Panjang/tinggi lebih rendah dari sebelumnya"),
    "weight": N_("Perubahan berat badan tidak wajar"),
}
_POSITIONS = {"l": N_("berbaring"), "h": N_("berdiri")}


@dataclass(frozen=True)
class PastMeasurement:
    """One earlier visit of the child: kg, cm, ``measure`` "l" lying / "h" standing."""

    visit_id: uuid.UUID
    visit_date: date
    weight_kg: float | None
    lenhei_cm: float | None
    measure: str | None


@dataclass(frozen=True)
class HistoryCheck:
    """A warning to confirm. ``visit_id``: the visit it is about (same_day: the one to open)."""

    code: str
    message: str
    visit_id: uuid.UUID | None = None


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def format_measurement(past: PastMeasurement) -> str:
    """``3 Desember 2026: 12,0 kg; 92,0 cm berdiri`` (what the form shows beside the fields)."""
    parts = []
    if past.weight_kg is not None:
        parts.append(f"{_number(past.weight_kg)} kg")
    if past.lenhei_cm is not None:
        position = _(_POSITIONS[past.measure]) if past.measure in _POSITIONS else ""
        parts.append(f"{_number(past.lenhei_cm)} cm {position}".rstrip())
    measured = "; ".join(parts) or _("tanpa pengukuran")
    return f"{format_date(past.visit_date)}: {measured}"


def latest_before(
    history: Sequence[PastMeasurement], on: date, *, having: str | None = None
) -> PastMeasurement | None:
    """The latest visit on or before ``on`` (``history`` newest first, as the query returns
    it), optionally only one where ``having`` ("weight_kg"/"lenhei_cm") was measured."""
    for past in history:
        if past.visit_date <= on and (having is None or getattr(past, having) is not None):
            return past
    return None


def _as_position(value: float, measured: str | None, wanted: str) -> float:
    if measured == "l" and wanted == "h":
        return value - POSITION_DIFFERENCE_CM
    if measured == "h" and wanted == "l":
        return value + POSITION_DIFFERENCE_CM
    return value


def _gain_rate_g_per_day(age_months: int) -> float:
    rate = GAIN_G_PER_DAY[0][1]
    for from_months, grams in GAIN_G_PER_DAY:
        if age_months >= from_months:
            rate = grams
    return rate


def weight_change_limits(*, previous_kg: float, days: int, age_months: int) -> tuple[float, float]:
    """(largest plausible loss, largest plausible gain) in kg after ``days`` (module rule)."""
    days = max(days, 0)
    per_day_kg = max(_gain_rate_g_per_day(age_months), CATCH_UP_G_PER_KG_DAY * previous_kg) / 1000
    gain = WEIGHT_TOLERANCE_KG + per_day_kg * days
    share = 0.0 if days == 0 else min(ACUTE_LOSS_SHARE + LOSS_SHARE_PER_DAY * days, MAX_LOSS_SHARE)
    loss = WEIGHT_TOLERANCE_KG + share * previous_kg
    return loss, gain


def _same_day(history: Sequence[PastMeasurement], on: date) -> HistoryCheck | None:
    same = next((p for p in history if p.visit_date == on), None)
    if same is None:
        return None
    return HistoryCheck(
        "same_day",
        _(
            "Anak ini sudah punya kunjungan pada {date} ({measured}). Bila itu kunjungan yang "
            "sama, buka dan ubah kunjungan itu saja."
        ).format(date=format_date(on), measured=format_measurement(same).split(": ", 1)[1]),
        same.visit_id,
    )


def _shorter(
    history: Sequence[PastMeasurement], on: date, lenhei: float | None, measure: str | None
) -> HistoryCheck | None:
    if lenhei is None or measure not in _POSITIONS:
        return None
    last = latest_before(history, on, having="lenhei_cm")
    if last is None or last.lenhei_cm is None:
        return None
    before = _as_position(last.lenhei_cm, last.measure, measure)
    drop = before - lenhei
    if drop <= SHORTER_TOLERANCE_CM + 1e-9:
        return None
    if last.measure in _POSITIONS and last.measure != measure:
        detail = _(
            "{then} cm {then_position} pada {date}, sama dengan {before} cm {position}"
        ).format(
            then=_number(last.lenhei_cm),
            then_position=_(_POSITIONS[last.measure]),
            date=format_date(last.visit_date),
            before=_number(before),
            position=_(_POSITIONS[measure]),
        )
    else:
        detail = _("{then} cm pada {date}").format(
            then=_number(last.lenhei_cm), date=format_date(last.visit_date)
        )
    return HistoryCheck(
        "shorter",
        _(
            "Panjang/tinggi badan {now} cm, {drop} cm lebih rendah dari pengukuran terakhir "
            "({detail}). Anak tidak memendek: periksa cara ukur dan angka yang diketik."
        ).format(now=_number(lenhei), drop=_number(drop), detail=detail),
        last.visit_id,
    )


def _weight(
    history: Sequence[PastMeasurement], on: date, weight: float | None, birth_date: date
) -> HistoryCheck | None:
    if weight is None:
        return None
    last = latest_before(history, on, having="weight_kg")
    if last is None or last.weight_kg is None:
        return None
    days = (on - last.visit_date).days
    age = completed_months(birth_date, last.visit_date) if last.visit_date >= birth_date else 0
    loss, gain = weight_change_limits(previous_kg=last.weight_kg, days=days, age_months=age)
    change = weight - last.weight_kg
    if -loss - 1e-9 <= change <= gain + 1e-9:
        return None
    when = (
        _("hari yang sama")
        if days == 0
        else ngettext("{days} hari", "{days} hari", days).format(days=days)
    )
    if change > 0:
        text = _(
            "Berat badan naik {change} kg dalam {when} (dari {then} kg pada {date}); paling "
            "banyak {limit} kg yang wajar. Periksa timbangan dan angka yang diketik."
        )
        limit = gain
    else:
        text = _(
            "Berat badan turun {change} kg dalam {when} (dari {then} kg pada {date}); paling "
            "banyak {limit} kg yang wajar. Periksa timbangan dan angka yang diketik."
        )
        limit = loss
    return HistoryCheck(
        "weight",
        text.format(
            change=_number(abs(change)),
            when=when,
            then=_number(last.weight_kg),
            date=format_date(last.visit_date),
            limit=_number(limit),
        ),
        last.visit_id,
    )


def check_against_history(
    *,
    birth_date: date,
    visit_date: date | None,
    weight_kg: float | None,
    lenhei_cm: float | None,
    measure: str | None,
    history: Sequence[PastMeasurement],
) -> list[HistoryCheck]:
    """The warnings for a visit with these values, given the child's other live visits
    (``history`` newest first, never the visit being corrected)."""
    if visit_date is None:
        return []
    found = (
        _same_day(history, visit_date),
        _shorter(history, visit_date, lenhei_cm, measure),
        _weight(history, visit_date, weight_kg, birth_date),
    )
    return [check for check in found if check is not None]


def assumed_measure_note(
    *, birth_date: date, visit_date: date | None, lenhei_cm: float | None, measure: str | None
) -> str:
    """Which position the shown z-scores assume while "Cara ukur" is not chosen ("" if it is,
    or if no length/height is typed)."""
    if lenhei_cm is None or measure in _POSITIONS or visit_date is None:
        return ""
    if (visit_date - birth_date).days < STANDING_FROM_DAYS:
        return _(
            "Cara ukur belum dipilih: z-skor di samping menganggap anak diukur berbaring "
            "(panjang badan, umur di bawah 24 bulan)."
        )
    return _(
        "Cara ukur belum dipilih: z-skor di samping menganggap anak diukur berdiri "
        "(tinggi badan, umur 24 bulan ke atas)."
    )
