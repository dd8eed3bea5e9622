"""Enrolment codes and device scope, without a server (the SQLite test database has the same
``devices`` table)."""

from __future__ import annotations

import re

import pytest

from desktop_app.core.errors import DomainError
from desktop_app.db.models import Device, Kecamatan
from desktop_app.server.client import new_device_key
from desktop_app.server.devices import (
    EnrolmentRefused,
    claim_enrolment,
    enrol_device,
    list_devices,
    normalise_code,
    revoke_device,
)
from desktop_app.server.signing import public_key_b64


def test_codes_are_four_groups_of_four_and_stored_only_as_a_hash(database) -> None:
    with database.sessions() as session:
        made = enrol_device(session, name="  Laptop   Puskesmas X ")
        session.commit()
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", made.code)
        device = session.get(Device, made.device_id)
        assert device is not None and device.name == "Laptop Puskesmas X"
        assert device.scope == {"district": True}
        stored = [str(value) for value in vars(device).values()]
        assert made.code not in stored and normalise_code(made.code) not in stored


def test_look_alike_letters_and_separators_are_forgiven() -> None:
    assert normalise_code("abcd-efgh ijkm-nopq") == "ABCDEFGH1JKMN0PQ"
    assert normalise_code("0O1Il") == "00111"


def test_scope_takes_known_kecamatan_only(database) -> None:
    with database.sessions() as session:
        kecamatan = Kecamatan(name="Membalong")
        session.add(kecamatan)
        session.flush()
        made = enrol_device(session, name="Laptop", kecamatan_ids=[str(kecamatan.id)])
        assert session.get(Device, made.device_id).scope == {"kecamatan": [str(kecamatan.id)]}  # type: ignore[union-attr]
        with pytest.raises(DomainError, match="Wilayah tidak ditemukan"):
            enrol_device(
                session, name="Laptop", kecamatan_ids=["5f0c5c2e-0000-4000-8000-000000000000"]
            )
        with pytest.raises(DomainError, match="Kode wilayah tidak sah: kec-1"):
            enrol_device(session, name="Laptop", kecamatan_ids=["kec-1"])
        with pytest.raises(DomainError, match="bukan keduanya"):
            enrol_device(session, name="Laptop", kecamatan_ids=["a"], posyandu_ids=["b"])
        with pytest.raises(DomainError, match="Nama perangkat wajib diisi"):
            enrol_device(session, name="   ")


def test_a_revoked_device_cannot_be_claimed_and_a_bad_key_is_refused(database) -> None:
    with database.sessions() as session:
        made = enrol_device(session, name="Laptop Hilang")
        with pytest.raises(EnrolmentRefused, match="Kunci perangkat tidak sah"):
            claim_enrolment(session, code=made.code, public_key="bukan-kunci")
        revoke_device(session, device_id=made.device_id)
        with pytest.raises(EnrolmentRefused, match="salah atau sudah dipakai"):
            claim_enrolment(session, code=made.code, public_key=public_key_b64(new_device_key()))
        assert [device.state for device in list_devices(session)] == ["dicabut"]
