"""Refuse a signed request seen before: a captured request cannot be sent again.

A signature is valid only within :data:`~desktop_app.server.signing.MAX_SKEW` of its timestamp,
so the server need remember signatures only that long. Remembered in this process (fast) and,
when the caller passes its session, in the ``server_nonces`` table (SHA-256 of the signature,
primary key), so a restart of ``asuh server run`` forgets nothing and two workers could not both
accept one request: the second insert of a digest fails on the key.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop_app.db.models import ServerNonce

#: Forget expired digests after this many requests (a cheap, indexed DELETE).
_SWEEP_EVERY = 200


class ReplayGuard:
    """Thread-safe: request handlers run on Starlette's thread pool."""

    def __init__(self, keep: timedelta) -> None:
        self._keep = keep
        self._seen: dict[bytes, datetime] = {}
        self._lock = threading.Lock()
        self._requests = 0

    def first_time(
        self, signature: bytes, *, now: datetime, session: Session | None = None
    ) -> bool:
        """Record ``signature``; False when it was already recorded (and not yet expired),
        in memory or, with a ``session``, in the database (flushed in the caller's
        transaction, which commits it)."""
        with self._lock:
            if len(self._seen) > 1000:
                cutoff = now - self._keep
                self._seen = {key: at for key, at in self._seen.items() if at >= cutoff}
            if signature in self._seen and self._seen[signature] >= now - self._keep:
                return False
            self._seen[signature] = now
            self._requests += 1
            sweep = self._requests % _SWEEP_EVERY == 0
        if session is None:
            return True
        digest = hashlib.sha256(signature).hexdigest()
        try:
            with session.begin_nested():
                session.add(ServerNonce(digest=digest, seen_at=now))
        except IntegrityError:
            return False
        if sweep:
            session.execute(delete(ServerNonce).where(ServerNonce.seen_at < now - self._keep))
        return True
