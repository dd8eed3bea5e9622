"""Sync files: round trip, idempotent import, always encrypted, signed by an enrolled device,
and every check (signature, hashes) before anything is applied."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.core.crypto_files import DecryptionError, decrypt_bytes, encrypt_bytes
from desktop_app.core.database import Database
from desktop_app.core.errors import ValidationError
from desktop_app.db.models import AuditEntry, Child, SyncConflict
from desktop_app.sync.files import SyncFileError, export_sync_file, import_sync_file
from tests.sync.conftest import add_area, add_child, edit_child, snapshot
from tests.sync.enrolment import device_id_of

PASSWORD = "kunci-kabupaten-2026"


def export(laptop: Database, path: Path, **kwargs):
    kwargs.setdefault("password", PASSWORD)
    with laptop.sessions() as session:
        summary = export_sync_file(session, path=path, **kwargs)
        session.commit()
        return summary


def import_(laptop: Database, path: Path, password: str | None = PASSWORD):
    with laptop.sessions() as session:
        summary = import_sync_file(session, path=path, password=password)  # type: ignore[arg-type]
        session.commit()
        return summary


def members_of(path: Path) -> dict[str, bytes]:
    """The members of the (encrypted) sync file ``path``, decrypted."""
    plain = decrypt_bytes(path.read_bytes(), password=PASSWORD)
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rewritten(path: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """A copy of ``path`` with each member passed through ``change``, encrypted again with the
    file's own password: what someone holding the password could do."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members_of(path).items():
            archive.writestr(name, change(name, data))
    target.write_bytes(encrypt_bytes(buffer.getvalue(), password=PASSWORD))
    return target


def without_conflicts(data: dict) -> dict:
    return {name: rows for name, rows in data.items() if name != "sync_conflicts"}


def test_round_trip_and_second_import_changes_nothing(make_laptop, tmp_path):
    field, office = make_laptop("lapangan"), make_laptop("kantor")
    area = add_area(field)
    add_child(field, name="Siti Aminah", area=area)
    add_child(field, name="Budi", area=area)
    path = tmp_path / "lapangan.asuhsync"

    exported = export(field, path)
    first = import_(office, path)
    assert exported.rows == first.rows_in_file
    assert first.applied == exported.rows and first.source_device == device_id_of("lapangan")
    with office.sessions() as session:
        assert sorted(session.scalars(select(Child.name))) == ["Budi", "Siti Aminah"]
    assert snapshot(office.engine) == snapshot(field.engine)

    before = snapshot(office.engine)
    again = import_(office, path)
    assert (again.applied, again.conflicts) == (0, 0)
    assert snapshot(office.engine) == before


def test_next_export_carries_only_new_changes(make_laptop, tmp_path):
    field, office = make_laptop("lapangan"), make_laptop("kantor")
    area = add_area(field)
    siti = add_child(field, name="Siti", area=area)
    import_(office, export(field, tmp_path / "1.asuhsync").path)
    edit_child(field, siti, name="Siti Aminah")

    second = export(field, tmp_path / "2.asuhsync")
    members = members_of(second.path)
    assert sorted(members) == [
        "manifest.json",
        "rows/children.json",
        "signature.json",
    ]  # never the audit log: each laptop keeps its own trail
    [entry] = json.loads(members["rows/children.json"])
    assert entry["row"]["name"] == "Siti Aminah"
    assert entry["fields"] == ["name"] and entry["base"] == {"name": "Siti"}
    import_(office, second.path)
    with office.sessions() as session:
        assert session.scalars(select(Child.name)).all() == ["Siti Aminah"]


def test_tampered_file_is_refused_before_anything_is_applied(make_laptop, tmp_path):
    field, office = make_laptop("lapangan"), make_laptop("kantor")
    add_child(field, name="Siti", area=add_area(field))
    path = export(field, tmp_path / "asli.asuhsync").path
    member = rewritten(path, tmp_path / "anggota.asuhsync",
                       lambda name, data: data.replace(b"Siti", b"Sita"))  # fmt: skip
    before = snapshot(office.engine)

    with pytest.raises(SyncFileError, match="rusak atau telah diubah"):
        import_(office, member)
    assert snapshot(office.engine) == before

    # The member changed and its hash in the manifest with it: the signature no longer fits.
    def with_new_hash(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data.replace(b"Siti", b"Sita")
        manifest = json.loads(data)
        changed = members_of(member)["rows/children.json"]
        manifest["files"]["rows/children.json"]["sha256"] = hashlib.sha256(changed).hexdigest()
        return json.dumps(manifest, indent=1).encode()

    manifest = rewritten(path, tmp_path / "manifes.asuhsync", with_new_hash)
    with pytest.raises(SyncFileError, match="Tanda tangan berkas sinkron tidak cocok"):
        import_(office, manifest)
    assert snapshot(office.engine) == before

    (tmp_path / "bukan.asuhsync").write_bytes(encrypt_bytes(b"bukan zip", password=PASSWORD))
    with pytest.raises(SyncFileError, match="tidak dapat dibaca"):
        import_(office, tmp_path / "bukan.asuhsync")


def test_concurrent_edit_in_a_file_is_a_logged_conflict_with_the_same_winner(make_laptop, tmp_path):
    field, office = make_laptop("lapangan"), make_laptop("kantor")
    siti = add_child(field, name="Siti", area=add_area(field))
    import_(office, export(field, tmp_path / "1.asuhsync").path)
    edit_child(office, siti, name="Siti (kantor)")
    edit_child(field, siti, name="Siti (lapangan)")  # received last by the office: wins

    import_(office, export(field, tmp_path / "2.asuhsync").path)
    import_(field, export(office, tmp_path / "3.asuhsync").path)
    assert without_conflicts(snapshot(office.engine)) == without_conflicts(snapshot(field.engine))
    with office.sessions() as session:
        assert session.get(Child, siti).name == "Siti (lapangan)"
        conflict = session.scalars(select(SyncConflict)).one()
        assert conflict.loser_values["name"] == "Siti (kantor)"
        assert conflict.loser_device == device_id_of("kantor")


def test_encrypted_file_needs_its_password(make_laptop, tmp_path):
    field, office = make_laptop("lapangan"), make_laptop("kantor")
    add_child(field, name="Siti Aminah", area=add_area(field))
    path = export(field, tmp_path / "rahasia.asuhsync", password="kunci-kabupaten-2026").path
    assert b"Siti Aminah" not in path.read_bytes() and not zipfile.is_zipfile(path)
    before = snapshot(office.engine)

    for missing in (None, ""):
        with pytest.raises(ValidationError, match="Kata sandi berkas wajib diisi"):
            import_(office, path, password=missing)
    with pytest.raises(DecryptionError):
        import_(office, path, password="kata-sandi-salah")
    assert snapshot(office.engine) == before

    assert import_(office, path, password="kunci-kabupaten-2026").applied > 0
    with office.sessions() as session:
        assert session.scalars(select(Child.name)).all() == ["Siti Aminah"]


def test_rows_applied_from_a_file_are_recorded_in_the_chained_audit(make_laptop, tmp_path):
    from desktop_app.db.audit_chain import verify_chain
    from desktop_app.db.models import AuditEntry

    field, office = make_laptop("lapangan"), make_laptop("kantor")
    area = add_area(field)
    siti = add_child(field, name="Siti Aminah", area=area)
    path = tmp_path / "lapangan.asuhsync"
    export(field, path)
    import_(office, path)
    with office.sessions() as session:
        entries = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "sync")))
        assert {e.entity for e in entries} >= {"children", "kecamatan"}
        child_entry = next(e for e in entries if e.entity == "children")
        assert child_entry.summary == "1 baris diterapkan dari berkas sinkronisasi"
        assert child_entry.entity_id == str(siti)
        assert child_entry.changes["authors"] == [None, device_id_of("lapangan")]
        assert verify_chain(session.connection()).intact


def test_a_second_child_with_a_registered_nik_is_named_not_silently_added(make_laptop, tmp_path):
    field, office = make_laptop("lapangan"), make_laptop("kantor")
    area = add_area(field)
    nik = "1902015705240001"
    add_child(field, name="Siti Aminah", area=area, nik=nik)
    add_child(field, name="Budi", area=area, nik="1902011705240002")
    path = tmp_path / "lapangan.asuhsync"
    export(field, path)
    # the office registered the same girl (same NIK) before the file arrived
    office_area = add_area(office, kecamatan="Membalong")
    add_child(office, name="Siti A.", area=office_area, nik=nik)

    summary = import_(office, path)
    assert summary.same_nik_children == ("Siti Aminah",)
    assert summary.message().endswith(
        "NIK anak dari berkas ini sudah terdaftar untuk anak lain: Siti Aminah. Periksa dan "
        "gabungkan di daftar Kemungkinan anak ganda."
    )
    assert summary.review.duplicates == 1
    with office.sessions() as session:
        logged = session.scalars(
            select(AuditEntry.summary).where(AuditEntry.entity == "sync_file")
        ).one()
    assert "NIK sudah terdaftar untuk anak lain: Siti Aminah" in logged
