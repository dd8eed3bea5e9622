"""Command runners for ``test_cli_faults``, forked from a pre-imported "zygote".

Run as ``python crash_cli.py``. The zygote imports ``desktop_app.cli`` and the modules its
commands load on demand (SQLAlchemy, Alembic, openpyxl, import, backup, restore, sync), prints
``READY``, and then for each stdin line ``RUN <output file> <argument> ...`` (arguments
separated by tabs) forks a child that runs ``desktop_app.cli.main(arguments)``, exactly what
``python -m desktop_app`` runs, with stdout and stderr going to the output file. It prints the
child's pid, waits for it (the test may kill it) and prints ``EXITED <code>``, the code being
``-9`` for a SIGKILL. Forking skips the ~0.4 s of imports per command, so 100 kills fit in a
minute on a small machine. The zygote opens no database and holds no lock.
"""

from __future__ import annotations

import importlib
import os
import sys

PRELOADED = (
    "desktop_app.cli",
    "desktop_app.core.database",
    "desktop_app.db.migrate",
    "alembic.command",
    "alembic.runtime.migration",
    "openpyxl",
    "desktop_app.importing.command",
    "desktop_app.backup.commands",
    "desktop_app.backup.backup",
    "desktop_app.backup.restore",
    "desktop_app.backup.lifecycle",
    "desktop_app.sync.command",
)


def run_child(output_path: str, argv: list[str]) -> None:
    """In the forked child: run the command with its output in ``output_path``; never
    returns."""
    code = 70
    try:
        output = os.open(output_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # no terminal: no password prompt
        from desktop_app.cli import main

        code = main(argv)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def zygote() -> None:
    for module in PRELOADED:
        importlib.import_module(module)
    print("READY", flush=True)
    for line in sys.stdin:
        command, output_path, *argv = line.rstrip("\n").split("\t")
        assert command == "RUN"
        pid = os.fork()
        if pid == 0:
            run_child(output_path, argv)
        print(pid, flush=True)
        _pid, status = os.waitpid(pid, 0)
        print(f"EXITED {os.waitstatus_to_exitcode(status)}", flush=True)


if __name__ == "__main__":
    zygote()
