"""Pausing Python's cyclic garbage collector while a read builds many small objects.

A province-scale read (the follow-up lists: 40,000 children, each a row, a tuple of facts and a
list row) allocates some hundred thousand container objects in under a second. Each 700
allocations start a collection, and every few of those walk the older generations, which in the
running app hold Qt's, SQLAlchemy's and the screens' objects too: measured on the 100,000-child
demo file, that walking was 0.3-0.4 s of the follow-up lists' 1.4 s (``bench/bench_province.py``).
None of the objects built can form a cycle worth collecting meanwhile, and reference counting
still frees everything at once, so the collector is paused for the read and the next collection
after it catches up.

The pause is process-wide (``gc`` has no per-thread switch): a count of the pauses in force keeps
nested or concurrent ones from re-enabling the collector early, and a collector someone else
disabled stays disabled.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector paused; re-enabled by the last pause to end."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
