"""Files with personal data are created readable by their owner only (0600).

:func:`use_private_file_mode` sets the process's umask to 077 once at start-up (``asuh`` calls
it first thing): every file Asuh creates afterwards - the database, its ``-wal``/``-shm``
(SQLite creates them itself, so only the umask reaches them), backups, exports, reports, sync
files, logs - gets mode 0600 and every folder 0700, whichever module writes it.
:func:`write_private` writes small files (the key header) atomically with mode 0600 explicitly,
whatever the umask. On Windows the modes mean little; the user's profile folder is private.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["PRIVATE_UMASK", "make_private", "use_private_file_mode", "write_private"]

PRIVATE_UMASK = 0o077


def use_private_file_mode() -> int:
    """Make every file this process creates 0600 (folders 0700); returns the previous umask."""
    return os.umask(PRIVATE_UMASK)


def make_private(path: str | Path) -> None:
    """Mode 0600 for a file written before the umask applied (an older Asuh's database)."""
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def write_private(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file, fsync, rename), mode 0600."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        os.chmod(temporary, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
