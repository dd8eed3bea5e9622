"""Foster parents: ASN of the district's offices (about one per two children) and CSR sponsors.

Offices differ a lot in how many volunteers they sent (schools and health dominate, and each
office's enthusiasm varies), and three to five offices have sent no one yet: the coordinating
office's dashboard must show them as "belum mengirim data".
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from desktop_app.core.codes import GuardianKind
from desktop_app.demo.dates import add_months, random_day
from desktop_app.demo.identity import NumberBook, phone_number
from desktop_app.demo.names import adult_name, with_title
from desktop_app.demo.offices import CSR_COMPANIES, DemoOffice, position_for, rank_for
from desktop_app.demo.rows import new_id, synced_columns

__all__ = ["DemoGuardian", "build_guardians", "build_opd_rows"]

ASN_PER_CHILD = 0.5


@dataclass(frozen=True, slots=True)
class DemoGuardian:
    id: uuid.UUID
    kind: str  # "asn" | "csr"
    active: bool


def build_opd_rows(
    rng: random.Random, offices: list[DemoOffice], *, created: date
) -> list[dict[str, Any]]:
    """One ``opd`` row per office, in ``offices`` order."""
    return [
        synced_columns(new_id(rng), created) | {"code": office.code, "name": office.name}
        for office in offices
    ]


def build_guardians(
    rng: random.Random,
    numbers: NumberBook,
    offices: list[DemoOffice],
    opd_rows: list[dict[str, Any]],
    *,
    children: int,
    today: date,
) -> tuple[list[DemoGuardian], list[dict[str, Any]]]:
    """ASN spread unevenly over all but 3-5 silent offices, then a few CSR companies."""
    silent = set(
        rng.sample([i for i, o in enumerate(offices) if o.may_be_silent], rng.randint(3, 5))
    )
    sending = [i for i in range(len(offices)) if i not in silent]
    weights = [offices[i].weight * rng.lognormvariate(0, 0.6) for i in sending]
    asn_count = max(1, round(children * ASN_PER_CHILD))
    guardians: list[DemoGuardian] = []
    rows: list[dict[str, Any]] = []
    # Every sending office has at least one volunteer, so exactly the silent ones show none.
    first = sending if asn_count >= len(sending) else []
    picks = first + rng.choices(sending, weights=weights, k=asn_count - len(first))
    for index in picks:
        guardian, row = _asn(rng, numbers, offices[index], opd_rows[index]["id"], today)
        guardians.append(guardian)
        rows.append(row)
    for company, role in CSR_COMPANIES[: min(len(CSR_COMPANIES), 3 + children // 2000)]:
        guardian, row = _csr(rng, company, role, today)
        guardians.append(guardian)
        rows.append(row)
    return guardians, rows


def _asn(
    rng: random.Random, numbers: NumberBook, office: DemoOffice, opd_id: uuid.UUID, today: date
) -> tuple[DemoGuardian, dict[str, Any]]:
    sex = "P" if rng.random() < (0.65 if office.sector != "umum" else 0.45) else "L"
    birth = random_day(rng, date(1966, 1, 1), date(2000, 12, 31))
    appointed = add_months(birth, 12 * rng.randint(21, 35) + rng.randint(0, 11)).replace(day=1)
    latest = add_months(today, -2).replace(day=1)
    appointed = min(appointed, latest)  # a young ASN appointed recently, never in the future
    service = today.year - appointed.year
    base = adult_name(rng, sex)
    nip = numbers.nip(birth_date=birth, appointment_month=appointed, sex=sex)
    guardian = DemoGuardian(new_id(rng), GuardianKind.ASN, rng.random() > 0.03)
    name = with_title(rng, base, sex)
    joined = today - timedelta(days=rng.randint(200, 420))
    row = synced_columns(guardian.id, joined) | {
        "kind": GuardianKind.ASN,
        "name": name,
        "nip": nip,
        "opd_id": opd_id,
        "position": position_for(rng, office, service),
        "rank": rank_for(rng, service),
        "phone": phone_number(rng) if rng.random() < 0.95 else None,
        "email": _email(rng, base) if rng.random() < 0.4 else None,
        "company": None,
        "contact_person": None,
        "active": guardian.active,
        "notes": None if guardian.active else "Mutasi ke luar daerah",
        "search_text": " ".join((name, nip)).lower(),
    }
    return guardian, row


def _csr(
    rng: random.Random, company: str, role: str, today: date
) -> tuple[DemoGuardian, dict[str, Any]]:
    guardian = DemoGuardian(new_id(rng), GuardianKind.CSR, True)
    contact = f"{adult_name(rng, rng.choice('LP'))} ({role})"
    row = synced_columns(guardian.id, today - timedelta(days=rng.randint(200, 400))) | {
        "kind": GuardianKind.CSR,
        "name": company,
        "nip": None,
        "opd_id": None,
        "position": None,
        "rank": None,
        "phone": f"0717{rng.randint(400000, 499999)}",  # Pangkalpinang area code
        "email": None,
        "company": company,
        "contact_person": contact,
        "active": True,
        "notes": "Sponsor CSR",
        "search_text": " ".join((company, company, contact)).lower(),
    }
    return guardian, row


def _email(rng: random.Random, name: str) -> str:
    words = name.lower().replace("'", "").split()
    local = ".".join(words[:2]) + (str(rng.randint(1, 99)) if rng.random() < 0.6 else "")
    return f"{local}@{rng.choice(('gmail.com', 'yahoo.co.id', 'tanjungharapankab.go.id'))}"
