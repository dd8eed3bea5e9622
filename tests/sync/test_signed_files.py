"""Sync files are signed by an enrolled laptop and always encrypted: an import refuses a file
from an unknown or revoked device, or signed by another key, before anything is applied; no
laptop writes a file in clear or without being enrolled."""

from __future__ import annotations

import io
import shutil
import uuid
import zipfile

import pytest
from sqlalchemy import select

from desktop_app.core.crypto_files import encrypt_bytes
from desktop_app.core.database import open_database
from desktop_app.core.errors import ValidationError
from desktop_app.core.paths import sqlite_url
from desktop_app.db.models import AuditEntry, Device
from desktop_app.sync.change_log import get_state
from desktop_app.sync.files import EXPORT_CURSOR, SyncFileError, export_sync_file
from tests.sync.conftest import add_area, add_child, snapshot
from tests.sync.enrolment import add_device, enrol, identity_of
from tests.sync.test_files import PASSWORD, export, import_, members_of


def test_a_file_from_a_device_this_laptop_does_not_know_is_refused(make_laptop, tmp_path):
    field, office = make_laptop("lapangan"), make_laptop("kantor")
    add_child(field, name="Siti", area=add_area(field))
    path = export(field, tmp_path / "lapangan.asuhsync").path
    with office.sessions() as session:  # the office never synced since the field laptop enrolled
        session.delete(session.get(Device, uuid.UUID(identity_of(field).device_id)))
        session.commit()
    before = snapshot(office.engine)

    with pytest.raises(SyncFileError) as refused:
        import_(office, path)
    assert str(refused.value) == (
        "Berkas ini dibuat oleh perangkat yang tidak dikenal laptop ini. Sinkronkan dengan server "
        "dulu, atau minta Admin kabupaten."
    )
    assert snapshot(office.engine) == before


def test_a_file_from_a_revoked_device_is_refused(make_laptop, tmp_path):
    field, office = make_laptop("lapangan"), make_laptop("kantor")
    add_child(field, name="Siti", area=add_area(field))
    path = export(field, tmp_path / "lapangan.asuhsync").path
    add_device(office, identity_of(field), revoked=True)
    before = snapshot(office.engine)

    with pytest.raises(SyncFileError, match="perangkat yang sudah dicabut \\(lapangan\\)"):
        import_(office, path)
    assert snapshot(office.engine) == before


def test_a_file_signed_by_another_key_under_a_known_name_is_refused(make_laptop, tmp_path):
    """A copy of the field laptop re-enrolled elsewhere has a new key: the office still holds
    the old public key under that device id, so the new key's signature does not pass."""
    field, office = make_laptop("lapangan"), make_laptop("kantor")
    add_child(field, name="Siti", area=add_area(field))
    field.dispose()
    copy_path = tmp_path / "tiruan.sqlite3"
    shutil.copyfile(field.path, copy_path)
    impostor = open_database(sqlite_url(copy_path))
    try:
        enrol(impostor, "lapangan")  # the same device id, a fresh key the office never saw
        path = export(impostor, tmp_path / "tiruan.asuhsync").path
    finally:
        impostor.dispose()
    before = snapshot(office.engine)

    with pytest.raises(SyncFileError, match="Tanda tangan berkas sinkron tidak cocok"):
        import_(office, path)
    assert snapshot(office.engine) == before


def test_a_file_without_signature_or_in_clear_is_refused(make_laptop, tmp_path):
    field, office = make_laptop("lapangan"), make_laptop("kantor")
    add_child(field, name="Siti", area=add_area(field))
    members = members_of(export(field, tmp_path / "asli.asuhsync").path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            if name != "signature.json":
                archive.writestr(name, data)
    unsigned = tmp_path / "tanpa-tanda-tangan.asuhsync"
    unsigned.write_bytes(encrypt_bytes(buffer.getvalue(), password=PASSWORD))
    in_clear = tmp_path / "terbuka.asuhsync"
    in_clear.write_bytes(buffer.getvalue())

    with pytest.raises(SyncFileError, match="tidak ditandatangani"):
        import_(office, unsigned)
    with pytest.raises(SyncFileError, match="tidak terenkripsi"):
        import_(office, in_clear)


@pytest.mark.parametrize("password", [None, "", "pendek"])
def test_no_file_is_written_without_a_good_password(make_laptop, tmp_path, password):
    field = make_laptop("lapangan")
    add_child(field, name="Siti", area=add_area(field))
    path = tmp_path / "terbuka.asuhsync"
    with field.sessions() as session:
        with pytest.raises(ValidationError) as refused:
            export_sync_file(session, path=path, password=password)  # type: ignore[arg-type]
        session.rollback()
        assert get_state(session.connection(), EXPORT_CURSOR, "0") == "0"
    assert refused.value.for_field("password")
    if not password:
        assert str(refused.value).startswith("Kata sandi berkas wajib diisi")
    assert not path.exists() and list(tmp_path.glob("*.asuhsync")) == []


def test_a_laptop_not_enrolled_cannot_export(database, tmp_path):
    path = tmp_path / "kirim.asuhsync"
    with database.sessions() as session:
        with pytest.raises(SyncFileError, match="Daftarkan laptop ini ke server dulu"):
            export_sync_file(session, path=path, password=PASSWORD)
        session.rollback()
        exported = select(AuditEntry).where(AuditEntry.entity == "sync_file")
        assert session.scalars(exported).all() == []
    assert not path.exists()
