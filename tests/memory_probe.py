"""Run a file reader in a child process and report its peak memory and outcome.

A child process, because peak resident memory only ever grows in the process that measures it
(read as ``VmHWM``: ``ru_maxrss`` keeps the parent's peak across ``exec`` on Linux), and because
a reader that would eat gigabytes must not take the test run down: the child's address space
is capped, so a missing limit shows as ``memory_error``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: What "bounded" means: the whole child process, interpreter and imports included.
PEAK_LIMIT_MB = 300

_CHILD = """
import importlib, json, resource, sys
from pathlib import Path
cap = int(sys.argv[3]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from desktop_app.core.errors import DomainError
module, function = sys.argv[1].rsplit(":", 1)
reader = getattr(importlib.import_module(module), function)
try:
    reader(Path(sys.argv[2]))
    outcome = {"read": True}
except DomainError as error:
    outcome = {"refused": str(error)}
except MemoryError:
    outcome = {"memory_error": True}
status = Path("/proc/self/status").read_text()
outcome["peak_mb"] = int(status.split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps(outcome))
"""


@dataclass(frozen=True)
class Outcome:
    peak_mb: float
    read: bool = False
    refused: str | None = None
    memory_error: bool = False


def probe(reader: str, path: Path, *, cap_mb: int = 1500, timeout: float = 60) -> Outcome:
    """``reader`` ("module:function", called with the path) run on ``path`` in a child."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, reader, str(path), str(cap_mb)],
        capture_output=True, text=True, timeout=timeout, env=env, check=False,
    )  # fmt: skip
    lines = result.stdout.strip().splitlines()
    assert lines, result.stderr[-2000:]
    return Outcome(**json.loads(lines[-1]))
