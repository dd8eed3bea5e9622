"""How big a sync file may be, and how much Python it may turn into once parsed.

A sync file comes from another laptop, a USB stick or a chat: it is read as untrusted. Its ZIP
is bounded by :mod:`desktop_app.core.zip_limits` (members, uncompressed bytes, read with a cap
whatever the headers say). JSON is bounded separately because parsing multiplies: ``[{},{}]``
turns 3 bytes into a 64-byte dict each, so the values a member would create are counted from
its bytes before :func:`json.loads` builds them. Up to these limits a read stays under 300 MB.
"""

from __future__ import annotations

from desktop_app.core.zip_limits import ZipLimits

__all__ = ["MAX_FILE_BYTES", "MAX_JSON_VALUES", "SYNC_ZIP_LIMITS", "json_values_at_most"]

#: The file as stored (encrypted or not); a year of a district's changes is far smaller.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: The manifest and one member per synced table (16 today), with room for new tables.
SYNC_ZIP_LIMITS = ZipLimits(members=64, total_bytes=40 * 1024 * 1024, member_bytes=40 * 1024 * 1024)
#: Values (objects, arrays, numbers, strings ...) parsed from all members together: about
#: 45,000 rows of 30 fields.
MAX_JSON_VALUES = 1_500_000


def json_values_at_most(data: bytes) -> int:
    """An upper bound on the values ``json.loads(data)`` creates: every value but the first
    follows a ``,`` or ``:`` or opens a container (a separator inside a string only makes the
    bound looser). Counted in C, without building anything."""
    return data.count(b",") + data.count(b":") + data.count(b"[") + data.count(b"{") + 1
