"""One Asuh at a time per database file: a lock file beside it (``asuh.sqlite3.lock``).

The lock is the operating system's (``flock`` on Linux/macOS, ``msvcrt.locking`` on Windows) on
the open lock file, so it disappears with the process: a lock left by a crashed or killed app is
simply taken over, with no stale-pid guessing. The file's text says who holds it (host, pid,
start time) so a second instance can tell the user which laptop/process has the file open.

SQLite would let two instances share the file, but two windows editing the same children
confuse users, and a restore or an upgrade under a running instance would pull the file from
under it. (Network drives may not honour these locks; Asuh keeps its file on the laptop.)
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from desktop_app.core import clock
from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _

#: Windows locks byte ranges that others then cannot read, so the lock sits far past the text.
_WINDOWS_LOCK_OFFSET = 1 << 20


class AlreadyRunningError(DomainError):
    """Another Asuh has this database open; ``holder`` says which one (may be None)."""

    def __init__(self, message: str, holder: LockHolder | None) -> None:
        super().__init__(message)
        self.holder = holder


@dataclass(frozen=True)
class LockHolder:
    host: str
    pid: int
    started_at: datetime


def lock_path_for(database_path: Path) -> Path:
    return Path(f"{database_path}.lock")


class InstanceLock:
    """Hold the single-instance lock of ``database_path`` (use as a context manager, or call
    :meth:`acquire` at start-up and :meth:`release` at exit)."""

    def __init__(self, database_path: Path) -> None:
        self.path = lock_path_for(Path(database_path))
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> None:
        """Take the lock, or raise :class:`AlreadyRunningError` naming the holder."""
        if self._handle is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while held
        if not _try_lock(handle):
            holder = read_holder(self.path)
            handle.close()
            raise AlreadyRunningError(_refusal(holder), holder)
        handle.seek(0)
        handle.truncate()
        handle.write(
            json.dumps(
                {
                    "host": socket.gethostname(),
                    "pid": os.getpid(),
                    "started_at": clock.now().isoformat(timespec="seconds"),
                }
            )
        )
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        """Let go of the lock (the file stays; its text is overwritten by the next holder)."""
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        _unlock(handle)
        handle.close()

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def read_holder(path: Path) -> LockHolder | None:
    """Who wrote the lock file last; None when it is empty or not ours."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8") or "null")
        return LockHolder(
            str(data["host"]), int(data["pid"]), datetime.fromisoformat(data["started_at"])
        )
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _refusal(holder: LockHolder | None) -> str:
    if holder is None:
        return _("Basis data ini sedang dibuka oleh aplikasi Asuh lain. Tutup aplikasi itu dulu.")
    from desktop_app.core.formatting import format_date  # Babel: only when there is a message

    return _(
        "Basis data ini sedang dibuka oleh aplikasi Asuh lain (komputer {host}, proses {pid}, "
        "dibuka {date} pukul {time}). Tutup aplikasi itu dulu, lalu coba lagi."
    ).format(
        host=holder.host,
        pid=holder.pid,
        date=format_date(holder.started_at),
        time=holder.started_at.strftime("%H.%M"),
    )


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        handle.seek(_WINDOWS_LOCK_OFFSET)
        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        # flock (not lockf): it belongs to the open file, so a second open in the same process
        # is refused as well, which is what the tests and a re-entrant start-up need.
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
