"""Bring a database to this build's schema at start-up.

- A new (empty) database is migrated from nothing to head.
- An older schema is first copied to a timestamped backup beside it (SQLite), then upgraded in
  one transaction: a failed upgrade leaves the file as it was. The copy is refused up front when
  the disk has less than twice the file free (:class:`NotEnoughSpaceError`), and is written
  under a temporary name, so a full disk mid-copy leaves no empty or partial "backup" behind
  (and a copy a killed upgrade left is removed by the next upgrade).
- A database stamped with a revision this build does not know was written by a newer Asuh and is
  refused with :class:`SchemaTooNewError` rather than damaged.
- A non-empty database without Alembic's stamp is not an Asuh database: refused too.

Alembic is imported only when there is something to do, keeping it off the normal start path.
"""

from __future__ import annotations

import glob
import os
import shutil
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from desktop_app import time_source
from desktop_app.core.i18n import _
from desktop_app.db import cipher
from desktop_app.db.engine import is_sqlite
from desktop_app.db.schema_version import HEAD_REVISION

#: The Alembic script folder; it ships inside the package (Alembic loads it by path).
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseOpenError(Exception):
    """The database cannot be used by this build; ``str()`` is a user-facing message."""


class SchemaTooNewError(DatabaseOpenError):
    pass


class NotAnAsuhDatabaseError(DatabaseOpenError):
    pass


class NotEnoughSpaceError(DatabaseOpenError):
    """The pre-upgrade backup cannot be written (too little room, or the copy failed); the
    database was not touched."""


#: Free space an upgrade needs, as a multiple of the database's size: the backup copy, then
#: room for the upgrade's own journal.
SPACE_FACTOR = 2
#: Suffix of the pre-upgrade backup while it is being written.
TEMPORARY_SUFFIX = ".sementara"


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup_path: Path | None


def current_revision(engine: Engine) -> str | None:
    """The ``alembic_version`` stamp, or None for a database Alembic never touched."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(inspect(conn).get_table_names())


def _alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    """Every revision id the shipped scripts define."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def script_head() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(_alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {heads}")
    return heads[0]


def backup_sqlite_file(engine: Engine, destination: Path) -> Path:
    """Copy a live SQLite database to ``destination`` before an upgrade, or refuse with
    :class:`NotEnoughSpaceError`: first when the disk has less than :data:`SPACE_FACTOR` times
    the file free, then when the copy itself fails. The copy is written under a temporary name
    beside ``destination``, pushed to the device and renamed, so ``destination`` exists only
    complete; on failure the temporary file and its journal are removed."""
    source_path = engine.url.database
    assert source_path, "backup needs a file database"
    source = Path(source_path)
    destination.parent.mkdir(parents=True, exist_ok=True)
    _refuse_without_space(source, destination.parent)
    _sweep_killed_copies(source, destination.parent)
    temporary = destination.with_name(destination.name + TEMPORARY_SUFFIX)
    try:
        _copy_database(source, temporary)
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, destination)
    except cipher.errors_and(OSError) as error:
        raise NotEnoughSpaceError(
            _(
                "Cadangan sebelum pembaruan basis data tidak dapat ditulis di {folder} "
                "({reason}); basis data tidak diubah. Kosongkan ruang disk lalu buka lagi."
            ).format(folder=destination.parent, reason=getattr(error, "strerror", None) or error)
        ) from error
    finally:
        for leftover in (temporary, *(Path(f"{temporary}{s}") for s in ("-journal", "-wal"))):
            leftover.unlink(missing_ok=True)
    return destination


def _sweep_killed_copies(source: Path, folder: Path) -> None:
    """Remove the temporary copies (and their journals) an upgrade of ``source`` that was
    killed mid-copy left in ``folder``. Upgrades run under the instance lock, so none of these
    files belongs to a running one."""
    for leftover in folder.glob(f"{glob.escape(source.stem)}.sebelum-*{TEMPORARY_SUFFIX}*"):
        leftover.unlink(missing_ok=True)


def _copy_database(source: Path, destination: Path) -> None:
    """The online backup API: a consistent copy even of a file in WAL mode with readers."""
    key = cipher.key_for(source)
    with (
        closing(cipher.connect(source, key=key)) as src,
        closing(cipher.connect(destination, key=key)) as dst,
    ):
        src.backup(dst)


def _refuse_without_space(source: Path, folder: Path) -> None:
    """Raise :class:`NotEnoughSpaceError` unless ``folder``'s disk has room for the copy and
    the upgrade (the ``-wal`` counts: the copy folds it in)."""
    size = sum(path.stat().st_size for path in (source, Path(f"{source}-wal")) if path.exists())
    free = shutil.disk_usage(folder).free
    if free < SPACE_FACTOR * size:
        raise NotEnoughSpaceError(
            _(
                "Ruang disk tidak cukup untuk memperbarui basis data: perlu {needed} MB kosong "
                "di {folder}, tersedia {free} MB. Kosongkan ruang disk lalu buka lagi; berkas "
                "tidak diubah."
            ).format(needed=_megabytes(SPACE_FACTOR * size), folder=folder, free=_megabytes(free))
        )


def _megabytes(size: int) -> int:
    """Whole megabytes, rounded up (no decimal separator to translate)."""
    return max(1, -(-size // 1_000_000))


def _refuse_unusable(revision: str | None, has_tables: bool) -> None:
    """Raise if a database with this stamp must not be opened by this build."""
    if revision == HEAD_REVISION:
        return
    if revision is None and has_tables:
        raise NotAnAsuhDatabaseError(
            _("Berkas ini bukan basis data Asuh (tidak ada tanda versi skema).")
        )
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNewError(
            _(
                "Basis data ini dibuat oleh versi Asuh yang lebih baru (skema {revision}). "
                "Perbarui aplikasi Asuh sebelum membukanya; berkas tidak diubah."
            ).format(revision=revision)
        )


def check_sqlite_file(path: Path) -> None:
    """Refuse a foreign or newer file, or an older one without room for its upgrade, before
    anything writes to it.

    Must run before the engine connects: our connect pragmas switch the file to WAL, which
    rewrites its header, and a refused file has to stay byte-identical. Opens read-only.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    plaintext = cipher.is_plaintext_sqlite(path)  # from before encryption: checked, then encrypted
    with closing(cipher.connect(path, read_only=True, plaintext=plaintext)) as conn:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    _refuse_unusable(revision, bool(tables))
    if revision is not None and revision != HEAD_REVISION:  # an upgrade, so a backup, follows
        _refuse_without_space(path, path.parent)


def upgrade_database(engine: Engine) -> MigrationResult:
    """Upgrade ``engine``'s database to this build's head; see the module doc for the rules."""
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return MigrationResult(revision, revision, None)
    _refuse_unusable(revision, _has_tables(engine))

    backup_path = None
    if revision is not None and is_sqlite(str(engine.url)) and engine.url.database:
        stamp = time_source.now().strftime("%Y%m%d-%H%M%S")
        db_file = Path(engine.url.database)
        backup_path = backup_sqlite_file(
            engine, db_file.with_name(f"{db_file.stem}.sebelum-{revision}-{stamp}{db_file.suffix}")
        )

    from alembic import command

    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")
    return MigrationResult(revision, HEAD_REVISION, backup_path)
