"""Sync files: the changes since the last exchange in one file, for USB sticks and messaging.

A sync file is a ZIP holding ``manifest.json`` and one ``rows/<table>.json`` per table. The
manifest names every member with its SHA-256 and row count; an import checks the format, that
the members are exactly those listed, and every hash and count, **before** anything is applied,
so a truncated or altered file is refused whole. With a password the whole ZIP is encrypted
(AES-256-GCM, :mod:`desktop_app.core.crypto_files`), as personal data leaving the laptop should be
(the GCM tags then also authenticate the content). Rows are merged with the same rules as a
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
from desktop_app.core.errors import DomainError
from desktop_app.core.formatting import format_count
from desktop_app.core.i18n import _
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
from desktop_app.sync.merge import same_nik_as_others
from desktop_app.sync.review import ToReview, to_review
from desktop_app.sync.tables import BY_NAME, SYNCED_CHANGES

FORMAT = "asuh-sync/2"  # 2: rows travel with their changed fields and base values
MANIFEST = "manifest.json"
EXPORT_CURSOR = "file_export_seq"


class SyncFileError(DomainError):
    """The file is not a valid, intact Asuh sync file; nothing was applied."""


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
    members: dict[str, bytes]
    rows: int

    @property
    def from_seq(self) -> int:
        return int(self.manifest["from_seq"])

    @property
    def to_seq(self) -> int:
        return int(self.manifest["to_seq"])


@writes(SYNCED_CHANGES)  # stamps this laptop's id on the rows it exports
def export_sync_file(
    session: Session, *, path: Path, everything: bool = False, password: str | None = None
) -> ExportSummary:
    """Write the rows changed here since the last export (``everything``: all rows) to ``path``,
    encrypted when a ``password`` is given.

    Moves the export cursor, so the next file starts where this one ended. Caller commits. The
    GUI runs the three steps apart (:func:`prepare_sync_export` and :func:`record_sync_export`
    on the DB worker, :func:`write_sync_export` off it)."""
    prepared = prepare_sync_export(session, everything=everything)
    write_sync_export(prepared, path=path, password=password)
    return record_sync_export(session, prepared, path=path)


@writes(SYNCED_CHANGES)  # stamps this laptop's id on the rows it exports
def prepare_sync_export(session: Session, *, everything: bool = False) -> PreparedExport:
    """Gather the rows to export (stamping this device on its own rows). Caller commits."""
    conn = session.connection()
    device_id = ensure_device_id(session)
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
    return PreparedExport(manifest, members, total)


def write_sync_export(prepared: PreparedExport, *, path: Path, password: str | None) -> None:
    """Zip, encrypt (with a ``password``) and write ``prepared`` to ``path``, all or nothing.
    Needs no session: any thread may run it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(prepared.manifest, indent=1))
        for name, data in prepared.members.items():
            archive.writestr(name, data)
    content = buffer.getvalue()
    if password:
        content = encrypt_bytes(content, password=password)
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


def _open_archive(path: Path, password: str | None) -> zipfile.ZipFile:
    """The sync file's ZIP, decrypted in memory when encrypted, once its size on disk and its
    ZIP directory are within :mod:`desktop_app.sync.file_limits`."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SyncFileError(
            _("Berkas sinkron terlalu besar: {size} MB, batasnya {limit} MB.").format(
                size=megabytes(size), limit=megabytes(MAX_FILE_BYTES)
            )
        )
    source: Path | io.BytesIO = path
    if is_encrypted_file(path):
        if not password:
            raise SyncFileError(_("Berkas sinkron ini terenkripsi; masukkan kata sandinya."))
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
    path: Path, *, password: str | None = None
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """The manifest and the rows per table, after every integrity check; raises SyncFileError
    (or ``DecryptionError`` for a wrong password). Sizes are checked before anything large is
    built (:mod:`desktop_app.sync.file_limits`)."""
    path = Path(path)
    try:
        with _open_archive(path, password) as archive:
            names = set(archive.namelist())
            if MANIFEST not in names:
                raise SyncFileError(_("Berkas ini bukan berkas sinkron Asuh (tanpa manifes)."))
            data, values = _read_member(archive, MANIFEST, 0)
            manifest = json.loads(data)
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise SyncFileError(_("Format berkas sinkron tidak dikenal."))
            listing = manifest.get("files")
            if not isinstance(listing, dict) or set(listing) != names - {MANIFEST}:
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
def import_sync_file(session: Session, *, path: Path, password: str | None = None) -> ImportSummary:
    """Check ``path`` whole, then merge its rows here. Caller commits (or rolls back on error).
    The GUI reads the file off the DB worker (:func:`read_sync_file`), then applies it there
    (:func:`apply_sync_file`)."""
    manifest, tables = read_sync_file(Path(path), password=password)
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
