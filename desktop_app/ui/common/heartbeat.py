"""How long the GUI thread was blocked: a 10 ms heartbeat timer that records its longest gap.

A QTimer cannot fire while the GUI thread is busy, so the longest interval between two ticks,
minus the interval itself, is the longest time the window could not repaint or react ("frozen").
Used by tests and ``bench/bench_freeze.py``; GUI thread only. Milliseconds throughout.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer

INTERVAL_MS = 10


class EventLoopWatch(QObject):
    """``start()``; do things in the event loop; ``longest_block_ms`` is the worst stall."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.longest_block_ms = 0.0

    def start(self) -> None:
        self.reset()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def reset(self) -> None:
        self._last = time.perf_counter()
        self.longest_block_ms = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self._last) * 1000 - INTERVAL_MS
        self.longest_block_ms = max(self.longest_block_ms, gap)
        self._last = now


def run_event_loop(milliseconds: int) -> None:
    """Let the event loop run (timers, queued results, repaints) for ``milliseconds``."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def measure_block(watch: EventLoopWatch, action, *, settle_ms: int = 400) -> float:
    """Run ``action()`` from inside the event loop, let its results arrive for ``settle_ms``,
    and return the longest block (ms) seen meanwhile, the action's own time included."""
    run_event_loop(20)
    watch.reset()
    QTimer.singleShot(0, action)
    run_event_loop(settle_ms)
    return watch.longest_block_ms
