"""Backup file names: ``asuh-YYYYMMDD-HHMMSS-<kind>.sqlite3``, and reading them back.

A password-protected backup ends in ``.sqlite3.enc`` instead (see ``encryption``): the name
says it needs a password before anyone tries to open it as a database, and rotation, the
automatic-backup schedule and "newest backup" treat both kinds alike.

The name carries the moment (local time of the laptop) and the kind, so rotation and the backup
list work from names alone: no index file that could drift from the folder's content, and a
folder copied to another laptop or a USB drive stays self-describing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

#: ``manual`` backups are the user's own and never rotated away; ``daily``/``weekly`` are taken
#: automatically at start-up and exit and rotated (see ``rotation``).
KINDS = ("manual", "daily", "weekly")
AUTOMATIC_KINDS = ("daily", "weekly")
SUFFIX = ".sqlite3"
#: An encrypted backup (``crypto_files`` format) of the same SQLite snapshot.
ENCRYPTED_SUFFIX = ".sqlite3.enc"
#: A backup being written carries this suffix until it is complete and verified.
PARTIAL_SUFFIX = ".partial"
#: The SQLCipher copy a backup with a password seals (``backup._write_encrypted``).
INNER_SUFFIX = ".isi"

_NAME = re.compile(r"^asuh-(\d{8}-\d{6})-(" + "|".join(KINDS) + r")\.sqlite3(\.enc)?$")
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupName:
    """What a backup's file name says: when it was taken and why."""

    name: str
    taken_at: datetime
    kind: str
    encrypted: bool = False

    @property
    def is_automatic(self) -> bool:
        return self.kind in AUTOMATIC_KINDS


@dataclass(frozen=True)
class BackupFile:
    """A backup found in a folder (for the backup list): its name parts plus path and size."""

    path: Path
    taken_at: datetime
    kind: str
    size_bytes: int
    encrypted: bool = False


def backup_name(taken_at: datetime, kind: str, *, encrypted: bool = False) -> str:
    """``asuh-20261122-083015-daily.sqlite3`` (seconds resolution, laptop's local time), or
    ``...-daily.sqlite3.enc`` for an encrypted backup."""
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    return f"asuh-{taken_at.strftime(_STAMP)}-{kind}{ENCRYPTED_SUFFIX if encrypted else SUFFIX}"


def parse_backup_name(name: str) -> BackupName | None:
    """The parts of a backup's name, or None for any other file (never touched by rotation)."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        taken_at = datetime.strptime(match.group(1), _STAMP)
    except ValueError:  # e.g. month 13: someone else's file that happens to look like ours
        return None
    return BackupName(
        name=name, taken_at=taken_at, kind=match.group(2), encrypted=match.group(3) is not None
    )


def is_leftover(name: str) -> bool:
    """A backup's temporary file (``<backup name>.partial``) left by a killed or failed backup:
    complete backups never carry the suffix, so such a file is never worth keeping. Also its
    SQLCipher journal (``.partial-journal``) and, with a backup password, the inner copy being
    sealed (``<backup name>.isi.partial``)."""
    name = name.removesuffix("-journal")
    if not name.endswith(PARTIAL_SUFFIX):
        return False
    stem = name[: -len(PARTIAL_SUFFIX)]
    return parse_backup_name(stem) is not None or (
        stem.endswith(INNER_SUFFIX) and parse_backup_name(stem[: -len(INNER_SUFFIX)]) is not None
    )


def list_backups(folder: Path) -> list[BackupFile]:
    """Backups in ``folder``, newest first; an absent or unreadable folder has none."""
    found: list[BackupFile] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    for path in entries:
        parsed = parse_backup_name(path.name)
        if parsed is None or not path.is_file():
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue
        found.append(BackupFile(path, parsed.taken_at, parsed.kind, size, parsed.encrypted))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


def default_backup_folder(database_path: Path) -> Path:
    """Where backups go when the user has not chosen a folder: ``cadangan`` beside the file."""
    return Path(database_path).parent / "cadangan"


def resolve_backup_folder(configured: str, database_path: Path) -> Path:
    """The configured folder (``AppSettings.backup_dir``), or the default when it is empty."""
    return (
        Path(configured).expanduser()
        if configured.strip()
        else default_backup_folder(database_path)
    )
