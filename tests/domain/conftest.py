"""Builders for the domain tests: a small district with areas, an OPD, guardians and children.

Every builder goes through the public services, so the rows are what the app itself would save.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from desktop_app.children.service import ChildForm, ChildRecord, register_child
from desktop_app.db.models import Base
from desktop_app.guardians.service import GuardianForm, GuardianRecord, register_guardian
from desktop_app.settings.opd import OpdRecord, create_opd
from desktop_app.settings.wilayah import AreaRecord, create_desa, create_kecamatan, create_posyandu
from desktop_app.validation import make_nik, make_nip

#: Every rule depending on "today" is pinned to this date.
TODAY = date(2026, 11, 23)
#: Belitung: Kepulauan Bangka Belitung (19), Kab. Belitung (02), a kecamatan (01).
REGION = "190201"


def child_form(
    *,
    name: str = "Budi Santoso",
    birth_date: date | None = date(2024, 3, 15),
    sex: str = "L",
    sequence: int = 1,
    **overrides: object,
) -> ChildForm:
    """A valid form; the NIK agrees with birth date and sex unless overridden."""
    values: dict[str, object] = {
        "name": name,
        "sex": sex,
        "birth_date": birth_date,
        "mother_name": "Siti Aminah",
        "enrolled_on": date(2026, 10, 1),
        # the mother's consent, without which no visit may be saved (UU PDP)
        "consent_date": date(2026, 10, 1),
        "consent_by": "Siti Aminah",
        "consent_relation": "Ibu",
    }
    if "nik" not in overrides and birth_date is not None:
        values["nik"] = make_nik(region=REGION, birth_date=birth_date, sex=sex, sequence=sequence)
    values.update(overrides)
    return ChildForm(**values)  # type: ignore[arg-type]


def add_child(session, **kwargs: object) -> ChildRecord:
    return register_child(session, form=child_form(**kwargs), today=TODAY)  # type: ignore[arg-type]


def asn_form(opd_id, *, name: str = "Andi Wijaya", sequence: int = 1, **overrides) -> GuardianForm:
    nip = make_nip(
        birth_date=date(1985, 6, 12), appointment_month=date(2010, 3, 1), sex="L", sequence=sequence
    )
    return GuardianForm(kind="asn", name=name, nip=nip, opd_id=opd_id, **overrides)


def add_guardian(session, opd_id, **kwargs) -> GuardianRecord:
    return register_guardian(session, form=asn_form(opd_id, **kwargs), today=TODAY)


def count_rows(session, model: type[Base]) -> int:
    return session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def opd(session) -> OpdRecord:
    return create_opd(session, code="DINKES", name="Dinas Kesehatan")


@pytest.fixture
def areas(session) -> dict[str, AreaRecord]:
    kec = create_kecamatan(session, name="Tanjungpandan")
    desa = create_desa(session, kecamatan_id=kec.id, name="Air Saga")
    other = create_desa(session, kecamatan_id=kec.id, name="Perawas", kind="kelurahan")
    pos = create_posyandu(session, desa_id=desa.id, name="Posyandu Melati")
    return {"kecamatan": kec, "desa": desa, "other_desa": other, "posyandu": pos}
