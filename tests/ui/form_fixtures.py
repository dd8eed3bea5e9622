"""Data builders for the form and dialog tests, made with the real services (never raw rows).

Each builder commits in its own session, as a user action would, and returns the service's
record, so a test starts from data the app itself could have produced.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import func, select

from desktop_app.children.service import ChildForm, ChildRecord, register_child
from desktop_app.core import clock
from desktop_app.core.database import Database
from desktop_app.guardians.service import GuardianForm, GuardianRecord, register_guardian
from desktop_app.settings.opd import create_opd
from desktop_app.settings.wilayah import create_desa, create_kecamatan, create_posyandu
from desktop_app.ui.widgets import messages
from desktop_app.validation.nik import make_nik
from desktop_app.validation.nip import make_nip

#: A child born about 14 months ago (well under the 60-month limit whatever today is).
BIRTH = clock.today() - timedelta(days=430)
REGION = "327101"  # Jawa Barat, Kota Bogor, a district code


@dataclass(frozen=True)
class Wilayah:
    kecamatan_id: UUID
    desa_id: UUID
    posyandu_id: UUID


def run(database: Database, work: Any) -> Any:
    """Run ``work(session)`` and commit, as one user action."""
    with database.sessions() as session:
        result = work(session)
        session.commit()
        return result


def count(database: Database, model: type) -> int:
    with database.sessions() as session:
        return session.scalar(
            select(func.count()).select_from(model).where(model.deleted_at.is_(None))
        )


def rows(database: Database, model: type) -> list[Any]:
    with database.sessions() as session:
        return list(session.scalars(select(model).where(model.deleted_at.is_(None))))


def make_wilayah(database: Database) -> Wilayah:
    def build(s):
        kecamatan = create_kecamatan(s, name="Tanjungpandan")
        create_kecamatan(s, name="Badau")
        desa = create_desa(s, kecamatan_id=kecamatan.id, name="Air Saga")
        create_desa(s, kecamatan_id=kecamatan.id, name="Buluh Tumbang")
        posyandu = create_posyandu(s, desa_id=desa.id, name="Melati 1")
        create_posyandu(s, desa_id=desa.id, name="Mawar 2")
        return Wilayah(kecamatan.id, desa.id, posyandu.id)

    return run(database, build)


def child_form(wilayah: Wilayah, **changes: Any) -> ChildForm:
    form = ChildForm(
        name="Rina Marlina",
        nik=make_nik(region=REGION, birth_date=BIRTH, sex="P", sequence=7),
        sex="P",
        birth_date=BIRTH,
        mother_name="Sari Dewi",
        desa_id=wilayah.desa_id,
        posyandu_id=wilayah.posyandu_id,
        risk_factors=["jamban"],
        consent_date=clock.today(),
        consent_by="Sari Dewi",
        consent_relation="Ibu",
    )
    return replace(form, **changes)


def make_child(database: Database, wilayah: Wilayah, **changes: Any) -> ChildRecord:
    form = child_form(wilayah, **changes)
    return run(database, lambda s: register_child(s, form=form, duplicate_reason="data uji"))


def make_opd(database: Database, code: str = "DINKES", name: str = "Dinas Kesehatan") -> UUID:
    return run(database, lambda s: create_opd(s, code=code, name=name)).id


def asn_nip(sequence: int = 1, sex: str = "L") -> str:
    return make_nip(
        birth_date=date(1985, 3, 12), appointment_month=date(2010, 1, 1), sex=sex, sequence=sequence
    )


def make_guardian(database: Database, opd_id: UUID, name: str, sequence: int) -> GuardianRecord:
    form = GuardianForm(kind="asn", name=name, nip=asn_nip(sequence), opd_id=opd_id)
    return run(database, lambda s: register_guardian(s, form=form))


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message box the code under test shows, answered with its accept button."""
    shown: list[str] = []

    def answer(box):
        shown.append(box.text())
        return box.ButtonRole.AcceptRole

    monkeypatch.setattr(messages, "run_box", answer)
    return shown


def shown(qtbot, page, size: tuple[int, int] = (1300, 700)):
    """``page`` shown at an office laptop's window size and exposed (lists size their columns)."""
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    return page
