"""A small known district for report tests, built with plain ORM inserts.

November 2026 in "Kabupaten Belitung" (reference day 30 November 2026):

===  ======  ==========  =================================================================
id   child   area        story
===  ======  ==========  =================================================================
c1   Ahmad   Air Saga    Budi (Dinkes) since Sep; Oct and Nov HAZ -2,18 (Pendek), +400 g (N)
c2   Bunga   Paal Satu   Sari (Dinkes) from 3 Nov (new); first weighing 20 Nov (B), Normal
c3   Citra   Cerucuk     Andi (Bappeda) Sep - 10 Nov (ended); losses Oct, Nov (2T); HAZ
                         -1,95 -> -2,46 (Normal -> Pendek: memburuk)
c4   Dedi    Air Saga    Budi since Oct; weighed in Oct only (not visited in Nov)
c5   Eka     Cerucuk     no guardian; posyandu weighing in Nov: HAZ -3,68, BB/U -5,15 (BGM)
c6   Fajar   (none)      no guardian, never measured
--   Gilang  Air Saga    deleted (tombstone): never counted
--   Hana    Paal Satu   exited 15 Oct: not registered in November
===  ======  ==========  =================================================================

Aid for November: c1 and c4 paid, c2 planned, c3 cancelled (planned Rp1.350.000, paid
Rp900.000, outstanding Rp450.000). OPD "Dinas Pendidikan" has no ASN.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from desktop_app.db.models import (
    AidPayment,
    Assignment,
    Child,
    Desa,
    Guardian,
    Kecamatan,
    Opd,
    Posyandu,
    Programme,
    Visit,
)
from desktop_app.growth import Measurement, Sex, age_days_between, assess
from desktop_app.settings.store import update_settings

MONTH = date(2026, 11, 1)
TODAY = date(2026, 12, 1)  # November has ended: its reports are final
NIKS = {
    "c1": "1902011005240001",
    "c2": "1902014103250002",
    "c3": "1902024108230003",
    "c4": "1902011501250004",
    "c5": "1902024111240005",
    "c6": "1902010501260006",
}


@dataclass
class KnownDistrict:
    ids: dict[str, uuid.UUID] = field(default_factory=dict)


def add_visit(
    session: Session,
    child: Child,
    on: date,
    weight: float | None,
    length: float | None,
    guardian: Guardian | None = None,
) -> Visit:
    """A visit with its WHO z-scores stored rounded to 2 decimals, as the app stores them."""
    measure = None if length is None else ("l" if age_days_between(child.birth_date, on) < 731
                                           else "h")  # fmt: skip
    result = assess(
        Measurement(
            sex=Sex.MALE if child.sex == "L" else Sex.FEMALE,
            age_days=age_days_between(child.birth_date, on),
            weight_kg=weight,
            lenhei_cm=length,
            measure=measure,
        )
    ).rounded()
    visit = Visit(
        child_id=child.id, guardian_id=guardian.id if guardian else None, visit_date=on,
        place="rumah" if guardian else "posyandu", weight_kg=weight, lenhei_cm=length,
        measure=measure, zlen=result.zlen, zwei=result.zwei, zwfl=result.zwfl, zbmi=result.zbmi,
        flen=result.flen, fwei=result.fwei, fwfl=result.fwfl, fbmi=result.fbmi,
    )  # fmt: skip
    session.add(visit)
    return visit


def build_known_district(session: Session) -> KnownDistrict:
    """Insert the district above and commit."""
    update_settings(
        session,
        district_name="Kabupaten Belitung",
        coordinating_office="DPPKBPMD",
        head_title="Kepala DPPKBPMD",
        head_name="Drs. Hendra Wijaya, M.Si.",
        head_nip="197001011995031002",
        prepared_by="Rina Marlina",
    )
    known = KnownDistrict()
    tanjung = Kecamatan(name="Tanjungpandan")
    badau = Kecamatan(name="Badau")
    air_saga = Desa(name="Air Saga", kecamatan=tanjung)
    paal = Desa(name="Paal Satu", kecamatan=tanjung)
    cerucuk = Desa(name="Cerucuk", kecamatan=badau)
    melati = Posyandu(name="Melati", desa=air_saga)
    mawar = Posyandu(name="Mawar", desa=paal)
    anggrek = Posyandu(name="Anggrek", desa=cerucuk)
    dinkes = Opd(code="DINKES", name="Dinas Kesehatan")
    bappeda = Opd(code="BAPPEDA", name="Bappeda")
    disdik = Opd(code="DISDIK", name="Dinas Pendidikan")
    session.add_all([tanjung, badau, air_saga, paal, cerucuk, melati, mawar, anggrek,
                     dinkes, bappeda, disdik])  # fmt: skip
    session.flush()

    def guardian(name: str, nip: str, opd: Opd) -> Guardian:
        g = Guardian(kind="asn", name=name, nip=nip, opd_id=opd.id, position="Staf", rank="III/a")
        session.add(g)
        return g

    budi = guardian("Budi Santoso", "198001012005011001", dinkes)
    sari = guardian("Sari Dewi", "198502022010012002", dinkes)
    andi = guardian("Andi Pratama", "199003032015031003", bappeda)
    programme = Programme(name="Genting 2026", start_month=date(2026, 9, 1),
                          end_month=date(2026, 11, 1), monthly_aid=450_000,
                          visit_target_per_month=1)  # fmt: skip
    session.add(programme)
    session.flush()

    def child(key: str, name: str, sex: str, born: date, desa: Desa | None,
              posyandu: Posyandu | None, **extra: object) -> Child:  # fmt: skip
        extra.setdefault("consent_date", date(2026, 8, 1))  # visits need it (UU PDP)
        extra.setdefault("consent_by", "Ibu " + name)
        c = Child(
            nik=NIKS.get(key), no_kk="1902010000000001", name=name, sex=sex, birth_date=born,
            desa_id=desa.id if desa else None, posyandu_id=posyandu.id if posyandu else None,
            enrolment_status="stunting", enrolled_on=date(2026, 8, 1),
            mother_name="Ibu " + name, address="Jl. Melati No. 1", **extra,
        )  # fmt: skip
        session.add(c)
        session.flush()
        known.ids[key] = c.id
        return c

    c1 = child("c1", "Ahmad Fauzi", "L", date(2024, 5, 10), air_saga, melati)
    c2 = child("c2", "Bunga Lestari", "P", date(2025, 3, 1), paal, mawar)
    c3 = child("c3", "Citra Ayu", "P", date(2023, 8, 1), cerucuk, anggrek)
    c4 = child("c4", "Dedi Kurniawan", "L", date(2025, 1, 15), air_saga, melati)
    c5 = child("c5", "Eka Putri", "P", date(2024, 11, 1), cerucuk, anggrek)
    child("c6", "Fajar Nugraha", "L", date(2026, 1, 5), None, None)
    child("gone", "Gilang Deleted", "L", date(2025, 1, 1), air_saga, melati,
          deleted_at=datetime(2026, 10, 1))  # fmt: skip
    child("moved", "Hana Pindah", "P", date(2025, 2, 1), paal, mawar,
          exit_date=date(2026, 10, 15), exit_reason="pindah")  # fmt: skip

    def assign(c: Child, g: Guardian, start: date, end: date | None = None) -> Assignment:
        a = Assignment(child_id=c.id, guardian_id=g.id, programme_id=programme.id,
                       start_date=start, end_date=end,
                       status="selesai" if end else "aktif")  # fmt: skip
        session.add(a)
        session.flush()
        return a

    a1 = assign(c1, budi, date(2026, 9, 1))
    a2 = assign(c2, sari, date(2026, 11, 3))
    a3 = assign(c3, andi, date(2026, 9, 1), date(2026, 11, 10))
    a4 = assign(c4, budi, date(2026, 10, 1))

    add_visit(session, c1, date(2026, 10, 15), 11.0, 84.0, budi)  # HAZ -2,18
    add_visit(session, c1, date(2026, 11, 14), 11.4, 84.6, budi)  # -2,18 Pendek, +400 g: N
    add_visit(session, c2, date(2026, 11, 20), 9.5, 80.0, sari)  # -1,10 Normal, B
    add_visit(session, c3, date(2026, 9, 10), 12.2, 89.0, andi)  # -1,80
    add_visit(session, c3, date(2026, 10, 10), 12.1, 89.0, andi)  # -1,95 Normal, T
    add_visit(session, c3, date(2026, 11, 5), 12.0, 87.5, andi)  # -2,46 Pendek, 2T, memburuk
    add_visit(session, c4, date(2026, 10, 20), 9.5, 80.0, budi)  # -1,82
    add_visit(session, c5, date(2026, 11, 8), 6.0, 74.0, None)  # -3,68, BB/U -5,15: BGM

    for c, a, status in ((c1, a1, "dibayar"), (c2, a2, "rencana"), (c3, a3, "batal"),
                         (c4, a4, "dibayar")):  # fmt: skip
        session.add(
            AidPayment(
                child_id=c.id, programme_id=programme.id, assignment_id=a.id, month=MONTH,
                amount=450_000, status=status,
                paid_on=date(2026, 11, 25) if status == "dibayar" else None,
                method="transfer" if status == "dibayar" else None,
            )
        )  # fmt: skip
    known.ids["programme"] = programme.id
    known.ids["budi"], known.ids["sari"], known.ids["andi"] = budi.id, sari.id, andi.id
    session.commit()
    return known
