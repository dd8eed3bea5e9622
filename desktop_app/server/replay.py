"""Refuse a signed request seen before: a captured request cannot be sent again.

A signature is valid only within :data:`~desktop_app.server.signing.MAX_SKEW` of its timestamp,
so the server need remember signatures only that long. Kept in memory of this one server
process (``asuh server run`` runs one worker); a restart forgets them, which leaves a replay
window of at most the skew right after a restart.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta


class ReplayGuard:
    """Thread-safe: request handlers run on Starlette's thread pool."""

    def __init__(self, keep: timedelta) -> None:
        self._keep = keep
        self._seen: dict[bytes, datetime] = {}
        self._lock = threading.Lock()

    def first_time(self, signature: bytes, *, now: datetime) -> bool:
        """Record ``signature``; False when it was already recorded (and not yet expired)."""
        with self._lock:
            if len(self._seen) > 1000:
                cutoff = now - self._keep
                self._seen = {key: at for key, at in self._seen.items() if at >= cutoff}
            if signature in self._seen and self._seen[signature] >= now - self._keep:
                return False
            self._seen[signature] = now
            return True
