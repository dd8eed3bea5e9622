"""Small display helpers the list screens share (no database, no widgets).

``format_count`` lives in :mod:`desktop_app.core.formatting` (one thousands separator for the
whole app); it is re-exported here for the list screens that import it from this module."""

from __future__ import annotations

from desktop_app.core.formatting import format_count

__all__ = ["format_count"]
