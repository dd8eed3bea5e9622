"""Small display helpers the list screens share (no database, no widgets)."""

from __future__ import annotations


def format_count(value: int) -> str:
    """``12.345``: a whole number with the Indonesian thousands dot."""
    return f"{value:,}".replace(",", ".")
