"""The Kemendagri area list shipped in resources/areas and its load into the wilayah tables."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from desktop_app.core import kemendagri
from desktop_app.core.errors import ValidationError
from desktop_app.db.models import Desa, Kecamatan, Posyandu
from desktop_app.settings.area_setup import PosyanduEntry, load_district_areas
from desktop_app.settings.wilayah import create_desa, create_kecamatan

BELITUNG_KECAMATAN = {
    "19.02.01": "Tanjung Pandan",
    "19.02.02": "Membalong",
    "19.02.03": "Selat Nasik",
    "19.02.04": "Sijuk",
    "19.02.05": "Badau",
}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("KABUPATEN BELITUNG", "Kabupaten Belitung"),
        ("KEPULAUAN BANGKA BELITUNG", "Kepulauan Bangka Belitung"),
        ("DKI JAKARTA", "DKI Jakarta"),
        ("KOTA BAU-BAU", "Kota Bau-Bau"),
        ("KABUPATEN PANGKAJENE DAN KEPULAUAN", "Kabupaten Pangkajene dan Kepulauan"),
        ("Timang gajah", "Timang Gajah"),
        ('Soka"an', "Soka'an"),
        ("UPT Paya Kumer", "UPT Paya Kumer"),
        ("Sukamaju ii", "Sukamaju II"),
    ],
)
def test_names_are_written_as_indonesians_write_them(raw, expected):
    assert kemendagri.area_name(raw) == expected


def test_the_lists_name_provinces_kabupaten_and_kecamatan():
    assert len(kemendagri.provinces()) == 38
    names = [r.name for r in kemendagri.regencies("19")]
    assert names[:2] == ["Kabupaten Bangka", "Kabupaten Bangka Barat"]
    assert names[-1] == "Kota Pangkal Pinang"
    assert {a.code: a.name for a in kemendagri.districts_of("19.02")} == BELITUNG_KECAMATAN


def test_a_nik_names_its_kecamatan():
    region = kemendagri.region_of_nik("1902015503240001")
    assert region is not None
    assert region.label == "Kec. Tanjung Pandan, Kab. Belitung"
    assert kemendagri.region_of_nik("1971015503240001").label.endswith("Kota Pangkal Pinang")
    assert kemendagri.region_of_nik("1999995503240001") is None


def test_belitung_is_filled_with_codes_and_kinds(session):
    result = load_district_areas(
        session,
        regency_code="19.02",
        posyandu=[
            PosyanduEntry("19.02.01.2010", "Melati"),
            PosyanduEntry("19.02.01.2010", "Mawar"),
        ],
    )
    session.commit()
    assert (result.kecamatan_added, result.desa_added, result.posyandu_added) == (5, 49, 2)
    stored = dict(session.execute(select(Kecamatan.code, Kecamatan.name)).all())
    assert stored == BELITUNG_KECAMATAN
    kota = session.scalars(select(Desa).where(Desa.code == "19.02.01.1001")).one()
    assert (kota.name, kota.kind, kota.kecamatan.name) == ("Kota", "kelurahan", "Tanjung Pandan")
    air_saga = session.scalars(select(Desa).where(Desa.code == "19.02.01.2010")).one()
    assert (air_saga.name, air_saga.kind) == ("Air Saga", "desa")
    assert sorted(p.name for p in air_saga.posyandu) == ["Mawar", "Melati"]
    kinds = dict(session.execute(select(Desa.kind, func.count()).group_by(Desa.kind)).all())
    expected = {"desa": 0, "kelurahan": 0}
    for village in kemendagri.villages_of("19.02"):
        expected[village.kind] += 1
    assert kinds == expected and kinds["kelurahan"] > 0


def test_places_typed_before_are_matched_not_doubled_and_a_second_load_adds_nothing(session):
    hand = create_kecamatan(session, name="KEC. MEMBALONG")
    lassar = create_desa(session, kecamatan_id=hand.id, name="Desa Lassar")
    session.commit()
    first = load_district_areas(session, regency_code="19.02")
    session.commit()
    assert (first.kecamatan_matched, first.kecamatan_added) == (1, 4)
    assert first.desa_matched == 1
    row = session.get(Desa, lassar.id)
    assert (row.code, row.name) == ("19.02.02.2003", "Lassar")
    assert (session.get(Kecamatan, hand.id).code, session.get(Kecamatan, hand.id).name) == (
        "19.02.02",
        "Membalong",
    )
    again = load_district_areas(session, regency_code="19.02")
    session.commit()
    assert (again.kecamatan_added, again.desa_added) == (0, 0)
    assert session.scalar(select(func.count()).select_from(Desa)) == 49


def test_an_unknown_kabupaten_or_desa_is_refused_and_nothing_is_added(session):
    with pytest.raises(ValidationError) as refused:
        load_district_areas(session, regency_code="19.99")
    assert refused.value.for_field("regency_code")
    with pytest.raises(ValidationError) as refused:
        load_district_areas(
            session, regency_code="19.02", posyandu=[PosyanduEntry("11.01.01.2001", "Melati")]
        )
    assert "Melati" in refused.value.for_field("posyandu")
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Posyandu)) == 0


def test_the_largest_kabupaten_loads_in_one_transaction_fast(session):
    started = time.perf_counter()
    result = load_district_areas(session, regency_code="11.08")  # Aceh Utara, 852 desa
    session.commit()
    seconds = time.perf_counter() - started
    assert (result.regency_name, result.desa_added) == ("Kabupaten Aceh Utara", 852)
    assert session.scalar(select(func.count()).select_from(Desa)) == 852
    assert seconds < 5, seconds
