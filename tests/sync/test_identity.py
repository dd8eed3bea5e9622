"""Enrolling the laptop: the identity is kept (key sealed), the device id is the server's."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from desktop_app.core.database import open_database
from desktop_app.core.errors import PermissionDeniedError, ValidationError
from desktop_app.core.paths import sqlite_url
from desktop_app.db.models import Setting
from desktop_app.server.client import ServerUnreachable
from desktop_app.server.signing import public_key_b64
from desktop_app.settings.store import get_settings
from desktop_app.sync.identity import describe_scope, enrol_laptop, load_identity
from tests.sync.conftest import add_area
from tests.sync.enrolment import CODE, FakeServer, device_id_of
from tests.users.conftest import act_as


def stored(session) -> dict:
    return dict(session.execute(select(Setting.key, Setting.value)).all())


def test_enrolment_keeps_the_identity_and_seals_the_key(database):
    server = FakeServer(name="Laptop Puskesmas Membalong")
    with database.sessions() as session:
        session.add(Setting(key="sync_server_url", value="postgresql+psycopg://u:rahasia@x/asuh"))
        session.commit()
    with database.sessions() as session:
        assert load_identity(session) is None
        enrol_laptop(
            session,
            server=" sinkron.belitungkab.go.id ",
            fingerprint=":".join(["AB"] * 32),  # as `asuh server cert` prints it
            code=CODE,
            client_factory=server,
        )
        session.commit()

    [claim] = server.claims
    assert (claim.server, claim.fingerprint, claim.code) == (
        "sinkron.belitungkab.go.id", "ab" * 32, CODE,
    )  # fmt: skip
    with database.sessions() as session:
        identity = load_identity(session)
        raw = stored(session)
    assert identity is not None
    assert identity.device_id == device_id_of("Laptop Puskesmas Membalong")
    assert (identity.server, identity.fingerprint) == ("sinkron.belitungkab.go.id", "ab" * 32)
    assert (identity.name, identity.scope) == ("Laptop Puskesmas Membalong", {"district": True})
    assert public_key_b64(identity.key) == claim.public_key
    assert raw["device_id"] == identity.device_id  # rows are stamped with the server's id
    assert raw["sync_device_key"].startswith("sealed:v1:")
    assert "sync_server_url" not in raw  # no database address is kept
    assert "rahasia" not in repr(identity)


def test_a_single_kecamatan_scope_is_also_the_local_filter(database):
    area = add_area(database, kecamatan="Membalong")
    scope = {"kecamatan": [str(area["kecamatan"])]}
    with database.sessions() as session:
        enrol_laptop(session, server="kab.example", fingerprint="cd" * 32, code=CODE,
                     client_factory=FakeServer(scope=scope))  # fmt: skip
        session.commit()
    with database.sessions() as session:
        settings = get_settings(session)
        assert settings.sync_scope_kecamatan_id == str(area["kecamatan"])
        assert settings.sync_scope_posyandu_id == ""
        assert describe_scope(session, scope) == "Kecamatan Membalong"
        assert describe_scope(session, {"district": True}) == "Seluruh kabupaten"
        two = {"posyandu": [str(area["posyandu"]), "7f1d6d43-7d1c-4a51-9a55-0f1f0b0c0d0e"]}
        assert describe_scope(session, two) == (
            "Posyandu Posyandu Membalong, 1 belum diterima dari server"
        )


def test_bad_fields_are_named_before_the_server_is_asked(database):
    server = FakeServer()
    with database.sessions() as session, pytest.raises(ValidationError) as caught:
        enrol_laptop(session, server="", fingerprint="12zz", code=" ", client_factory=server)
    assert caught.value.for_field("server") == "Nama server wajib diisi."
    assert "64 angka heksadesimal" in (caught.value.for_field("fingerprint") or "")
    assert caught.value.for_field("code") == "Kode pendaftaran wajib diisi."
    assert server.claims == []


def test_an_unreachable_server_stores_nothing(database):
    server = FakeServer(error=ServerUnreachable("Server tidak dapat dihubungi, periksa koneksi"))
    with database.sessions() as session:
        with pytest.raises(ServerUnreachable):
            enrol_laptop(session, server="kab.example", fingerprint="ab" * 32, code=CODE,
                         client_factory=server)  # fmt: skip
        session.rollback()
        assert load_identity(session) is None


@pytest.mark.parametrize("role", ["operator", "pimpinan"])
def test_only_an_admin_enrols_the_laptop(database, role):
    server = FakeServer()
    with database.sessions() as session:
        act_as(session, role)
        with pytest.raises(PermissionDeniedError):
            enrol_laptop(session, server="kab.example", fingerprint="ab" * 32, code=CODE,
                         client_factory=server)  # fmt: skip
    assert server.claims == []  # the one-time code was not spent


def test_a_copied_file_is_not_enrolled_any_more(database, tmp_path):
    """Two laptops must never share one device key: a copy (a new local device id when it is
    opened elsewhere) is enrolled again."""
    with database.sessions() as session:
        enrol_laptop(session, server="kab.example", fingerprint="ab" * 32, code=CODE,
                     client_factory=FakeServer())  # fmt: skip
        session.commit()
    database.dispose()
    copy_path = tmp_path / "salinan.sqlite3"
    shutil.copyfile(database.path, copy_path)
    copy = open_database(sqlite_url(copy_path))
    try:
        with copy.sessions() as session:
            assert load_identity(session) is None
    finally:
        copy.dispose()
    with database.sessions() as session:  # the original, where it was: still enrolled
        assert load_identity(session) is not None
