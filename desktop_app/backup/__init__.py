"""Keeping the data safe: backups and their rotation, restore, integrity checks and the
single-instance lock. Plain Python over ``sqlite3`` (no Qt), usable from the GUI and the CLI.
"""

from desktop_app.backup.backup import BackupError, back_up_now, make_backup
from desktop_app.backup.integrity import IntegrityReport, check_file_integrity, check_integrity
from desktop_app.backup.lock import AlreadyRunningError, InstanceLock
from desktop_app.backup.naming import (
    BackupFile,
    default_backup_folder,
    list_backups,
    resolve_backup_folder,
)
from desktop_app.backup.policy import automatic_backup, due_backup_kind, should_backup_now
from desktop_app.backup.restore import RestoreError, RestoreResult, restore_backup
from desktop_app.backup.rotation import plan_rotation, rotate_backups

__all__ = [
    "AlreadyRunningError",
    "BackupError",
    "BackupFile",
    "InstanceLock",
    "IntegrityReport",
    "RestoreError",
    "RestoreResult",
    "automatic_backup",
    "back_up_now",
    "check_file_integrity",
    "check_integrity",
    "default_backup_folder",
    "due_backup_kind",
    "list_backups",
    "make_backup",
    "plan_rotation",
    "resolve_backup_folder",
    "restore_backup",
    "rotate_backups",
    "should_backup_now",
]
