"""A small, known district built through the real services (shared by listing and UI tests).

Kecamatan Tanjung Pandan (desa Air Saga with posyandu Melati, desa Paal Satu with Mawar) and
Membalong (desa Simpang Rusa with Kenanga); OPDs DINKES and DISDIK with one ASN each and BAPPEDA
with none; five children, two with a guardian, one exited.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

import pytest
from sqlalchemy.orm import Session

from desktop_app.assignments.service import assign_guardian
from desktop_app.children.service import ChildForm, exit_child, register_child
from desktop_app.core import clock
from desktop_app.core.database import Database
from desktop_app.guardians.service import GuardianForm, register_guardian
from desktop_app.settings.opd import create_opd
from desktop_app.settings.wilayah import create_desa, create_kecamatan, create_posyandu
from desktop_app.validation import make_nik, make_nip

TODAY = clock.today()


def months_ago(months: int, day: int = 10) -> date:
    """A birth date exactly ``months`` whole months before today: on ``day`` of that month, or
    on today's day-of-month if that is earlier (on the 1st, a child born on the 10th eight
    months ago is only seven months old)."""
    year, month = divmod(TODAY.year * 12 + TODAY.month - 1 - months, 12)
    return date(year, month + 1, min(day, TODAY.day))


@dataclass
class World:
    ids: dict[str, uuid.UUID] = field(default_factory=dict)

    def __getitem__(self, key: str) -> uuid.UUID:
        return self.ids[key]


def add_child(
    session: Session,
    world: World,
    name: str,
    *,
    sex: str,
    age_months: int,
    desa: str,
    posyandu: str,
    status: str = "berisiko",
    mother: str = "Ibu",
    sequence: int,
) -> uuid.UUID:
    born = months_ago(age_months)
    form = ChildForm(
        name=name,
        nik=make_nik(region="327101", birth_date=born, sex=sex, sequence=sequence),
        sex=sex,
        birth_date=born,
        mother_name=mother,
        desa_id=world[desa],
        posyandu_id=world[posyandu],
        enrolment_status=status,
        consent_date=born,  # the mother consented at registration (visits need it: UU PDP)
        consent_by=mother,
    )
    record = register_child(session, form=form, duplicate_reason="data uji")
    world.ids[name] = record.id
    return record.id


def add_guardian(
    session: Session, world: World, name: str, *, opd: str, sex: str, sequence: int
) -> uuid.UUID:
    nip = make_nip(
        birth_date=date(1985, 3, 12), appointment_month=date(2010, 1, 1), sex=sex,
        sequence=sequence,
    )  # fmt: skip
    form = GuardianForm(kind="asn", name=name, nip=nip, opd_id=world[opd], position="Analis")
    world.ids[name] = register_guardian(session, form=form).id
    return world.ids[name]


def build_world(session: Session) -> World:
    """Create the district described in the module docstring and commit it."""
    w = World()
    w.ids["Tanjung Pandan"] = create_kecamatan(session, name="Tanjung Pandan").id
    w.ids["Membalong"] = create_kecamatan(session, name="Membalong").id
    for kecamatan, desa, posyandu in (
        ("Tanjung Pandan", "Air Saga", "Melati"),
        ("Tanjung Pandan", "Paal Satu", "Mawar"),
        ("Membalong", "Simpang Rusa", "Kenanga"),
    ):
        w.ids[desa] = create_desa(session, kecamatan_id=w[kecamatan], name=desa).id
        w.ids[posyandu] = create_posyandu(session, desa_id=w[desa], name=posyandu).id
    for code, name in (("DINKES", "Dinas Kesehatan"), ("DISDIK", "Dinas Pendidikan"),
                       ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah")):  # fmt: skip
        w.ids[code] = create_opd(session, code=code, name=name).id
    add_guardian(session, w, "Budi Santoso", opd="DINKES", sex="L", sequence=1)
    add_guardian(session, w, "Sri Wahyuni", opd="DISDIK", sex="P", sequence=2)
    add_child(
        session,
        w,
        "Siti Aminah",
        sex="P",
        age_months=14,
        desa="Air Saga",
        posyandu="Melati",
        status="stunting",
        mother="Nur Halimah",
        sequence=1,
    )
    add_child(
        session,
        w,
        "Siti Rahma",
        sex="P",
        age_months=30,
        desa="Paal Satu",
        posyandu="Mawar",
        mother="Rini Susanti",
        sequence=2,
    )
    add_child(
        session,
        w,
        "Ahmad Fauzi",
        sex="L",
        age_months=8,
        desa="Simpang Rusa",
        posyandu="Kenanga",
        status="stunting",
        mother="Dewi Sartika",
        sequence=3,
    )
    add_child(
        session,
        w,
        "Bayu Pratama",
        sex="L",
        age_months=40,
        desa="Air Saga",
        posyandu="Melati",
        mother="Siti Khodijah",
        sequence=4,
    )
    add_child(session, w, "Citra Lestari", sex="P", age_months=20, desa="Paal Satu",
              posyandu="Mawar", mother="Yanti", sequence=5)  # fmt: skip
    assign_guardian(session, child_id=w["Siti Aminah"], guardian_id=w["Budi Santoso"])
    assign_guardian(session, child_id=w["Ahmad Fauzi"], guardian_id=w["Sri Wahyuni"])
    exit_child(session, child_id=w["Citra Lestari"], exit_date=TODAY, reason="pindah")
    session.commit()
    return w


@pytest.fixture
def world(database: Database) -> World:
    """The known district of this module, committed to the test's database."""
    with database.sessions() as session:
        return build_world(session)
