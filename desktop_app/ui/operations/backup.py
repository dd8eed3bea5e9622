"""Writes on backups: back up now (with progress) and the backup password."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.backup import backup, encryption
from desktop_app.ui.operations.build import long_operation, operation
from desktop_app.ui.ops import Operation
from desktop_app.ui.progress import LongOperation


def back_up_now(*, database: Any, folder: Path) -> LongOperation:
    """A backup of ``database`` into ``folder`` (``database``: the open core Database)."""
    return long_operation(backup.back_up_now, database=database, folder=folder)


def set_backup_password(*, password: str) -> Operation:
    return operation(encryption.set_backup_password, password=password)


def clear_backup_password() -> Operation:
    return operation(encryption.clear_backup_password)
