"""Synthetic families and their children under five.

A family is a mother, a father, a family card (No. KK), an address and the posyandu it uses; about
one family in fourteen has two children under five, 18 months or more apart, sharing all of it.
Children are 0-59 completed months old on ``today``, except those who left the programme on their
60-month birthday in the last four months. About 3% of children, all among the youngest, have no
NIK yet (the civil registry lags behind births) but always a valid No. KK.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from desktop_app.children.service import RISK_FACTORS
from desktop_app.demo.dates import add_months, random_day
from desktop_app.demo.identity import NumberBook, address, phone_number, rt_rw
from desktop_app.demo.names import adult_name, child_name
from desktop_app.demo.places import DemoPosyandu
from desktop_app.demo.rows import ascending_ids, synced_columns
from desktop_app.growth.age import completed_months

__all__ = ["DemoChild", "build_children"]

_OLDEST_DAYS = 1820  # just under 60 months: completed_months is re-checked anyway
_SECOND_CHILD = 0.075
_AGED_OUT = 0.02  # left on their 60-month birthday in the last four months
_DATA_SOURCES = (("e-PPGBM", 40), ("Posyandu", 25), ("Puskesmas", 20), ("Bidan desa", 8),
                 ("Tim Pendamping Keluarga", 7))  # fmt: skip
_SOURCE_NAMES = tuple(name for name, _weight in _DATA_SOURCES)
_SOURCE_WEIGHTS = tuple(weight for _name, weight in _DATA_SOURCES)
# How common each family risk factor is among children at risk (drives the random choice).
_RISK_WEIGHTS = {
    "ekonomi": 30, "air_bersih": 18, "jamban": 18, "perokok": 25, "ibu_anemia": 10,
    "bblr": 0, "asi_tidak_eksklusif": 15, "imunisasi_tidak_lengkap": 10, "jarak_kelahiran": 6,
}  # fmt: skip
_NOTES = (
    "Ayah bekerja di luar daerah", "Tinggal bersama nenek", "Rumah jauh dari posyandu",
    "Ibu bekerja, anak diasuh kakak", "Keluarga penerima PKH",
)  # fmt: skip


@dataclass(slots=True)
class DemoChild:
    """What later steps (assignments, visits, aid) need to know about a generated child."""

    id: uuid.UUID
    sex: str
    birth_date: date
    enrolled_on: date
    stunting: bool
    improving: bool  # follows an improving growth trajectory
    posyandu: DemoPosyandu
    mother_name: str
    exit_date: date | None = None
    exit_reason: str | None = None

    @property
    def active(self) -> bool:
        return self.exit_date is None


def build_children(
    rng: random.Random,
    numbers: NumberBook,
    posyandu: list[DemoPosyandu],
    *,
    count: int,
    today: date,
) -> tuple[list[DemoChild], list[dict[str, Any]]]:
    """``count`` children in families, as ``DemoChild`` facts and ``children`` table rows."""
    children: list[DemoChild] = []
    rows: list[dict[str, Any]] = []
    ids = iter(ascending_ids(rng, count))
    while len(children) < count:
        size = 2 if count - len(children) >= 2 and rng.random() < _SECOND_CHILD else 1
        family = _Family(rng, rng.choice(posyandu))
        aged_out = None
        if size == 1 and rng.random() < _AGED_OUT:
            aged_out = today - timedelta(days=rng.randint(0, 120))  # the 60-month birthday
            births = [add_months(aged_out, -60)]
        else:
            births = _birth_dates(rng, today, size)
        kk = _family_card(rng, numbers, family.posyandu.region, births, today)
        for birth in births:
            child, row = _child(rng, next(ids), numbers, family, birth, kk, today, aged_out)
            children.append(child)
            rows.append(row)
    return children, rows


class _Family:
    def __init__(self, rng: random.Random, posyandu: DemoPosyandu) -> None:
        self.posyandu = posyandu
        self.mother = adult_name(rng, "P")
        self.father = adult_name(rng, "L") if rng.random() < 0.96 else None
        self.phone = phone_number(rng) if rng.random() < 0.92 else None
        self.address = address(rng)
        self.rt, self.rw = rt_rw(rng)
        self.risk_base = rng.random()  # shared share of hardship: siblings' risks correlate


def _birth_dates(rng: random.Random, today: date, size: int) -> list[date]:
    """Birth dates of a family's children, oldest first, at least 18 months apart."""
    while True:
        births = sorted(today - timedelta(days=rng.randint(3, _OLDEST_DAYS)) for _ in range(size))
        spaced = all(b >= add_months(a, 18) for a, b in zip(births, births[1:], strict=False))
        if spaced and all(completed_months(b, today) <= 59 for b in births):
            return births


def _family_card(
    rng: random.Random, numbers: NumberBook, region: str, births: list[date], today: date
) -> str:
    """A family card reissued a few weeks after the youngest's birth, when the NIK was made;
    one not yet reissued for a newborn carries an older date."""
    youngest = births[-1]
    if (today - youngest).days < 60:
        issued = youngest - timedelta(days=rng.randint(200, 2500))
    else:
        issued = min(today, youngest + timedelta(days=rng.randint(14, 120)))
    return numbers.no_kk(region=region, issued_on=issued)


def _child(
    rng: random.Random,
    child_id: uuid.UUID,
    numbers: NumberBook,
    family: _Family,
    birth: date,
    kk: str,
    today: date,
    aged_out: date | None,
) -> tuple[DemoChild, dict[str, Any]]:
    sex = rng.choice("LP")
    age_months = completed_months(birth, today)
    has_nik = age_months >= 6 or rng.random() > 0.3  # ~3% overall, all among the youngest
    nik = numbers.nik(region=family.posyandu.region, birth_date=birth, sex=sex) if has_nik else None
    stunting = rng.random() < 0.45
    enrolled = _enrolment_date(rng, birth, today)
    if aged_out is not None:
        enrolled = min(enrolled, aged_out - timedelta(days=90))
    child = DemoChild(
        id=child_id,
        sex=sex,
        birth_date=birth,
        enrolled_on=enrolled,
        stunting=stunting,
        improving=rng.random() < 0.15,
        posyandu=family.posyandu,
        mother_name=family.mother,
    )
    if aged_out is not None:
        child.exit_date, child.exit_reason = aged_out, "usia_60_bulan"
    else:
        _maybe_exit(rng, child, today)
    name = child_name(rng, sex)
    weight = _birth_weight(rng, family.risk_base)
    risks = _risk_factors(rng, family.risk_base, stunting, weight)
    consent = rng.random() < 0.95
    consenter, relation = _consenter(rng, family)
    row = synced_columns(child.id, enrolled) | {
        "nik": nik,
        "no_kk": kk,
        "name": name,
        "sex": sex,
        "birth_date": birth,
        "birth_weight_kg": weight,
        "birth_length_cm": round(min(54.0, max(42.0, rng.gauss(48.5, 2.0))), 1)
        if rng.random() < 0.75
        else None,
        "mother_name": family.mother,
        "father_name": family.father,
        "phone": family.phone,
        "address": family.address,
        "rt": family.rt,
        "rw": family.rw,
        "desa_id": family.posyandu.desa_id,
        "posyandu_id": family.posyandu.id,
        "risk_factors": risks,
        "enrolment_status": "stunting" if stunting else "berisiko",
        "data_source": rng.choices(_SOURCE_NAMES, _SOURCE_WEIGHTS)[0],
        "enrolled_on": enrolled,
        "has_kia_book": rng.random() < 0.88,
        "exit_date": child.exit_date,
        "exit_reason": child.exit_reason,
        "consent_date": max(birth, enrolled - timedelta(days=rng.randint(0, 7)))
        if consent
        else None,
        "consent_by": consenter if consent else None,
        "consent_relation": relation if consent else None,
        "notes": rng.choice(_NOTES) if rng.random() < 0.04 else None,
        "search_text": "",  # set by the generator: tokens under the database's search key
    }
    return child, row


def _enrolment_date(rng: random.Random, birth: date, today: date) -> date:
    """Most children were listed in last year's data drive (11-15 months ago), the rest since."""
    if rng.random() < 0.8:
        day = today - timedelta(days=rng.randint(335, 450))
    else:
        day = today - timedelta(days=rng.randint(0, 335))
    return min(today, max(day, birth + timedelta(days=rng.randint(7, 30))))


def _maybe_exit(rng: random.Random, child: DemoChild, today: date) -> None:
    """About 2% more have left the programme: moved away, or recovered (improving children)."""
    roll = rng.random()
    if roll < 0.015 and (today - child.enrolled_on).days > 60:
        child.exit_date = random_day(rng, child.enrolled_on + timedelta(days=30), today)
        child.exit_reason = "pindah"
    elif roll < 0.08 and child.improving and (today - child.enrolled_on).days > 200:
        child.exit_date = random_day(rng, today - timedelta(days=90), today)
        child.exit_reason = "membaik"


def _birth_weight(rng: random.Random, hardship: float) -> float | None:
    if rng.random() > 0.8:
        return None  # not in the Buku KIA or not copied over
    low = rng.random() < 0.06 + 0.12 * hardship
    weight = rng.uniform(1.8, 2.45) if low else max(2.5, rng.gauss(3.1, 0.4))
    return round(weight, 2)


def _risk_factors(
    rng: random.Random, hardship: float, stunting: bool, birth_weight: float | None
) -> list[str]:
    """0-3 risk factor codes; poorer families and stunted children have more."""
    count = min(3, int(hardship * 3.2 + (0.6 if stunting else 0) + rng.random() * 0.8))
    codes = list(_RISK_WEIGHTS)
    chosen: list[str] = []
    if birth_weight is not None and birth_weight < 2.5:
        chosen.append("bblr")
    while len(chosen) < count:
        code = rng.choices(codes, weights=list(_RISK_WEIGHTS.values()))[0]
        if code not in chosen:
            chosen.append(code)
    return [code for code in RISK_FACTORS if code in chosen]  # the form's order


def _consenter(rng: random.Random, family: _Family) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.15 and family.father:
        return family.father, "Ayah kandung"
    if roll < 0.2:
        return adult_name(rng, "P"), "Nenek"
    return family.mother, "Ibu kandung"
