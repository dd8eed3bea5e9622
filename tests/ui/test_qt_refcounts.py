"""The Qt binding keeps Python's reference counts right across signals and thread-pool jobs.

PySide6 6.12.0 dropped a reference to ``True``/``None`` on every signal emit carrying them and
on every Python ``QRunnable`` run: after some thousands of emits the interpreter aborted, at a
random place in the suite (seen as segmentation faults in ``OperationRunner._deliver``). Asuh
emits such signals on every operation, so a binding with this bug must fail here, loudly,
rather than crash an office laptop after an hour of work. Run in a subprocess: a broken
binding aborts the interpreter.
"""

from __future__ import annotations

import subprocess
import sys

_PROBE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
app = QCoreApplication([])

class Emitter(QObject):
    flag = Signal(bool)
    triple = Signal(object, object, object)

class Job(QRunnable):
    def run(self):
        pass

emitter = Emitter()
emitter.flag.connect(lambda value: None)
emitter.triple.connect(lambda a, b, c: None)
true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
for _ in range(2000):
    emitter.flag.emit(True)
    emitter.triple.emit(None, None, None)
pool = QThreadPool()
for _ in range(500):
    pool.start(Job())
pool.waitForDone()
print(sys.getrefcount(True) - true_before, sys.getrefcount(None) - none_before)
"""


def test_signals_and_pool_jobs_keep_reference_counts() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    true_drift, none_drift = map(int, result.stdout.split())
    assert abs(true_drift) < 50 and abs(none_drift) < 50, result.stdout
