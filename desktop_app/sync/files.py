"""Sync files: the changes since the last exchange in one file, for USB sticks and messaging.

A sync file is a ZIP holding ``manifest.json``, ``signature.json`` and one ``rows/<table>.json``
per table, always encrypted with a password (AES-256-GCM, :mod:`desktop_app.core.crypto_files`):
children's data leaving the laptop is never in clear. The manifest names every member with its
SHA-256 and row count and is signed with the enrolled device's key
(:mod:`desktop_app.sync.file_signature`), so only an enrolled laptop exports. An import checks,
**before** anything is applied: the sizes (:mod:`desktop_app.sync.file_limits`), the password,
the signature against the devices this laptop knows (unknown, revoked or altered: refused), then
the format, that the members are exactly those listed, and every hash and count; a truncated or
altered file is refused whole. Rows are merged with the same rules as a
server pull (:mod:`desktop_app.sync.decide`), except that without a server's history an incoming
version is only applied when it is later in the total order: importing the same file twice, or
an old file after newer data, changes nothing. Imported rows are recorded with origin ``F`` so
an office laptop relays them to the server at its next sync.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop_app.core.changes import Changes, writes
from desktop_app.core.crypto_files import (
    decrypt_stream,
    encrypt_bytes,
    is_encrypted_file,
    write_atomically,
)
from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.formatting import format_count
from desktop_app.core.i18n import _
from desktop_app.core.passwords import password_problem
from desktop_app.core.zip_limits import megabytes, open_bounded_zip, read_bounded_member
from desktop_app.db.audit_hook import record_event
from desktop_app.db.base import utcnow
from desktop_app.db.device import ensure_device_id
from desktop_app.sync.change_log import get_state, max_seq, set_state
from desktop_app.sync.file_limits import (
    MAX_FILE_BYTES,
    MAX_JSON_VALUES,
    SYNC_ZIP_LIMITS,
    json_values_at_most,
)
from desktop_app.sync.file_rows import apply_file_rows, file_tables, table_entries
from desktop_app.sync.file_signature import (
    SIGNATURE,
    KnownDevice,
    SyncFileError,
    known_devices,
    sign_manifest,
    verify_manifest,
)
from desktop_app.sync.identity import load_identity
from desktop_app.sync.merge import same_nik_as_others
from desktop_app.sync.review import ToReview, to_review
from desktop_app.sync.tables import BY_NAME, SYNCED_CHANGES

#: 2: signed by the enrolled device, always encrypted, rows travel with their changed fields
#: and base values.
FORMAT = "asuh-sync/2"
MANIFEST = "manifest.json"
EXPORT_CURSOR = "file_export_seq"


def require_password(password: str | None) -> str:
    """The file's password, or a refusal naming the field: sync files are always encrypted.
    Checked before any work, as the encryption itself would refuse a weak one only at the end."""
    if not password:
        raise ValidationError(
            [FieldError("password", _("Kata sandi berkas wajib diisi: berkas sinkron selalu "
                                      "dienkripsi."))]
        )  # fmt: skip
    problem = password_problem(password)
    if problem:
        raise ValidationError([FieldError("password", problem)])
    return password


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    rows: int
    from_seq: int
    to_seq: int


@dataclass(frozen=True)
class ImportSummary:
    rows_in_file: int
    applied: int
    conflicts: int
    source_device: str
    review: ToReview = ToReview()
    #: Children this file added whose NIK another live child here already holds (names): not
    #: silently kept as two children, but named so the office merges them (Kemungkinan anak ganda).
    same_nik_children: tuple[str, ...] = ()
    #: Rows refused by the server's checks, each with its reason (nothing of them applied).
    refused: tuple[str, ...] = ()

    def message(self) -> str:
        text = _("Diimpor {applied} dari {rows} baris, {conflicts} konflik").format(
            applied=format_count(self.applied),
            rows=format_count(self.rows_in_file),
            conflicts=format_count(self.conflicts),
        )
        text += self.review.sentence_tail()
        if self.refused:
            text += ". " + _("Ditolak {n} baris: {first}").format(
                n=format_count(len(self.refused)), first=self.refused[0]
            )
        if self.same_nik_children:
            text += ". " + _(
                "NIK anak dari berkas ini sudah terdaftar untuk anak lain: {names}. Periksa dan "
                "gabungkan di daftar Kemungkinan anak ganda."
            ).format(names=", ".join(self.same_nik_children))
        return text


@dataclass(frozen=True)
class PreparedExport:
    """A sync file's content gathered from the database (plain data, safe on any thread):
    the manifest and each member's bytes, before zipping, encryption and writing."""

    manifest: dict[str, Any]
    members: dict[str, bytes]  # the manifest and its signature among them, as written
    rows: int

    @property
    def from_seq(self) -> int:
        return int(self.manifest["from_seq"])

    @property
    def to_seq(self) -> int:
        return int(self.manifest["to_seq"])


@writes(SYNCED_CHANGES)  # stamps this laptop's id on the rows it exports
def export_sync_file(
    session: Session, *, path: Path, password: str, everything: bool = False
) -> ExportSummary:
    """Write the rows changed here since the last export (``everything``: all rows) to ``path``,
    signed with this laptop's device key and encrypted with ``password`` (required).

    Moves the export cursor, so the next file starts where this one ended. Caller commits. The
    GUI runs the three steps apart (:func:`prepare_sync_export` and :func:`record_sync_export`
    on the DB worker, :func:`write_sync_export` off it)."""
    require_password(password)
    prepared = prepare_sync_export(session, everything=everything)
    write_sync_export(prepared, path=path, password=password)
    return record_sync_export(session, prepared, path=path)


@writes(SYNCED_CHANGES)  # stamps this laptop's id on the rows it exports
def prepare_sync_export(session: Session, *, everything: bool = False) -> PreparedExport:
    """Gather the rows to export (stamping this device on its own rows) and sign the manifest;
    only an enrolled laptop has a key to sign with. Caller commits."""
    identity = load_identity(session)
    if identity is None:
        raise SyncFileError(
            _("Daftarkan laptop ini ke server dulu: berkas sinkron ditandatangani dengan kunci "
              "laptop yang terdaftar, agar laptop lain dapat memeriksa asalnya.")
        )  # fmt: skip
    conn = session.connection()
    device_id = identity.device_id
    from_seq = 0 if everything else int(get_state(conn, EXPORT_CURSOR, "0"))
    to_seq = max_seq(conn)
    members: dict[str, bytes] = {}
    listing: dict[str, dict[str, Any]] = {}
    total = 0
    for sync_table in file_tables():
        payload = table_entries(
            conn, sync_table, from_seq=from_seq, to_seq=to_seq, device_id=device_id
        )
        if not payload:
            continue
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        name = f"rows/{sync_table.name}.json"
        members[name] = data
        listing[name] = {"sha256": hashlib.sha256(data).hexdigest(), "rows": len(payload)}
        total += len(payload)
    manifest = {
        "format": FORMAT,
        "device_id": device_id,
        "created_at": utcnow().isoformat(),
        "from_seq": from_seq,
        "to_seq": to_seq,
        "files": listing,
    }
    manifest_bytes = json.dumps(manifest, indent=1).encode("utf-8")
    members = {MANIFEST: manifest_bytes, SIGNATURE: sign_manifest(identity, manifest_bytes),
               **members}  # fmt: skip
    return PreparedExport(manifest, members, total)


def write_sync_export(prepared: PreparedExport, *, path: Path, password: str) -> None:
    """Zip, encrypt with ``password`` and write ``prepared`` to ``path``, all or nothing.
    Needs no session: any thread may run it."""
    require_password(password)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in prepared.members.items():
            archive.writestr(name, data)
    content = encrypt_bytes(buffer.getvalue(), password=password)
    write_atomically(Path(path), lambda stream: stream.write(content))  # never half a file


@writes(Changes.NONE)  # moves the export cursor, which no screen shows
def record_sync_export(session: Session, prepared: PreparedExport, *, path: Path) -> ExportSummary:
    """Once the file is written: move the export cursor and log the export. Caller commits."""
    path = Path(path)
    set_state(session.connection(), EXPORT_CURSOR, str(prepared.to_seq))
    # Personal data left the laptop: the audit trail must say so (UU 27/2022).
    rows = format_count(prepared.rows)
    record_event(session, action="export", entity="sync_file", entity_id=None,
                 summary=f"Berkas sinkron {path.name}: {rows} baris")  # fmt: skip
    session.flush()
    return ExportSummary(path, prepared.rows, prepared.from_seq, prepared.to_seq)


def _open_archive(path: Path, password: str) -> zipfile.ZipFile:
    """The sync file's ZIP, decrypted in memory, once its size on disk and its ZIP directory are
    within :mod:`desktop_app.sync.file_limits`. A file that is not encrypted is refused: it
    was not made by Asuh, or was made before sync files were always encrypted and signed."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SyncFileError(
            _("Berkas sinkron terlalu besar: {size} MB, batasnya {limit} MB.").format(
                size=megabytes(size), limit=megabytes(MAX_FILE_BYTES)
            )
        )
    if not is_encrypted_file(path):
        raise SyncFileError(
            _("Berkas ini tidak terenkripsi. Berkas sinkron Asuh selalu terenkripsi dan "
              "ditandatangani; berkas ini tidak diimpor.")
        )  # fmt: skip
    if not password:
        raise ValidationError(
            [FieldError("password", _("Kata sandi berkas wajib diisi: berkas sinkron ini "
                                      "terenkripsi."))]
        )  # fmt: skip
    source = io.BytesIO()
    with open(path, "rb") as stream:
        decrypt_stream(stream, source, password=password)
    return open_bounded_zip(source, SYNC_ZIP_LIMITS, name=path.name, error=SyncFileError)


def _read_member(archive: zipfile.ZipFile, name: str, values_so_far: int) -> tuple[Any, int]:
    """``name`` parsed as JSON, with the values counted so far plus its own; refused before
    parsing when they would pass ``MAX_JSON_VALUES``."""
    data = read_bounded_member(
        archive, name, SYNC_ZIP_LIMITS.member_bytes, name=name, error=SyncFileError
    )
    values = values_so_far + json_values_at_most(data)
    if values > MAX_JSON_VALUES:
        raise SyncFileError(
            _(
                "Berkas sinkron terlalu besar setelah dibuka: lebih dari {limit} nilai; ekspor "
                "lebih sering agar tiap berkas lebih kecil."
            ).format(limit=f"{MAX_JSON_VALUES:,}".replace(",", "."))
        )
    return data, values


def read_sync_file(
    path: Path, *, password: str, devices: Mapping[str, KnownDevice]
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """The manifest and the rows per table, after every check: sizes before anything large is
    built (:mod:`desktop_app.sync.file_limits`), then the signature against ``devices``
    (:func:`known_devices`, read beforehand) before the manifest is parsed, then each member's
    hash and count. Raises SyncFileError (or ``DecryptionError`` for a wrong password)."""
    path = Path(path)
    try:
        with _open_archive(path, password) as archive:
            names = set(archive.namelist())
            if MANIFEST not in names:
                raise SyncFileError(_("Berkas ini bukan berkas sinkron Asuh (tanpa manifes)."))
            if SIGNATURE not in names:
                raise SyncFileError(_("Berkas sinkron ini tidak ditandatangani; tidak diimpor."))
            data, values = _read_member(archive, MANIFEST, 0)
            signature, values = _read_member(archive, SIGNATURE, values)
            signer = verify_manifest(data, signature, devices)
            manifest = json.loads(data)
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise SyncFileError(_("Format berkas sinkron tidak dikenal."))
            if manifest.get("device_id") != signer.id:
                raise SyncFileError(_("Manifes berkas sinkron menyebut perangkat lain dari "
                                      "penanda tangannya; tidak diimpor."))  # fmt: skip
            listing = manifest.get("files")
            if not isinstance(listing, dict) or set(listing) != names - {MANIFEST, SIGNATURE}:
                raise SyncFileError(_("Isi berkas sinkron tidak sesuai dengan manifesnya."))
            tables: dict[str, list[dict[str, Any]]] = {}
            for name, entry in listing.items():
                data, values = _read_member(archive, name, values)
                if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
                    raise SyncFileError(
                        _(
                            "Berkas sinkron rusak atau telah diubah ({name}); tidak ada data "
                            "yang diterapkan."
                        ).format(name=name)
                    )
                table_name = name.removeprefix("rows/").removesuffix(".json")
                rows = json.loads(data)
                del data  # the bytes go before the next member is read
                if table_name not in BY_NAME or not isinstance(rows, list):
                    raise SyncFileError(
                        _("Tabel tidak dikenal dalam berkas: {name}").format(name=name)
                    )
                if len(rows) != entry.get("rows"):
                    raise SyncFileError(
                        _("Jumlah baris {name} tidak sesuai manifes.").format(name=name)
                    )
                tables[table_name] = rows
    except (zipfile.BadZipFile, OSError, ValueError, KeyError) as error:
        raise SyncFileError(
            _("Berkas sinkron tidak dapat dibaca: {error}").format(error=error)
        ) from error
    return manifest, tables


@writes(SYNCED_CHANGES)
def import_sync_file(session: Session, *, path: Path, password: str) -> ImportSummary:
    """Check ``path`` whole (signature included), then merge its rows here. Caller commits (or
    rolls back on error). The GUI reads the known devices on the DB worker, reads and checks
    the file off it (:func:`read_sync_file`), then applies it there (:func:`apply_sync_file`)."""
    devices = known_devices(session)
    manifest, tables = read_sync_file(Path(path), password=password, devices=devices)
    return apply_sync_file(session, manifest=manifest, tables=tables, name=Path(path).name)


@writes(SYNCED_CHANGES)
def apply_sync_file(
    session: Session,
    *,
    manifest: dict[str, Any],
    tables: dict[str, list[dict[str, Any]]],
    name: str,
) -> ImportSummary:
    """Merge a sync file already read and checked by :func:`read_sync_file` (named ``name`` in
    the audit trail). Caller commits (or rolls back on error)."""
    device_id = ensure_device_id(session)
    conn = session.connection()
    try:
        result = apply_file_rows(conn, tables, device_id=device_id)
    except IntegrityError as error:
        raise SyncFileError(
            _("Berkas sinkron merujuk data yang tidak ada di laptop ini; impor dibatalkan.")
        ) from error
    except (TypeError, ValueError) as error:
        raise SyncFileError(
            _("Nilai tidak valid dalam berkas sinkron: {error}").format(error=error)
        ) from error
    source = str(manifest.get("device_id", ""))
    clashes = same_nik_as_others(session, result.new_children)
    applied = result.applied
    if applied or result.refused:
        summary = f"Berkas sinkron {name} dari {source}: {format_count(applied)} baris"
        if result.refused:
            summary += f"; ditolak {format_count(len(result.refused))} baris"
        if clashes:
            summary += f"; NIK sudah terdaftar untuk anak lain: {', '.join(clashes)}"
        record_event(session, action="import", entity="sync_file", entity_id=None, summary=summary)
        session.flush()
    return ImportSummary(
        result.rows, applied, result.conflicts, source, to_review(session), clashes,
        refused=tuple(r.message for r in result.refused),
    )  # fmt: skip
