"""The audit trail's one write: recording that its integrity was checked."""

from __future__ import annotations

from desktop_app.audit import integrity
from desktop_app.ui.operations.build import operation
from desktop_app.ui.ops import Operation


def verify_audit_log() -> Operation:
    """Walk the hash chain and say whether the trail is whole (the check is itself audited)."""
    return operation(integrity.verify_audit_log)
