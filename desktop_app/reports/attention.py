"""How the attention list ("Anak yang perlu perhatian") reads: reason texts with the z-score
that caused them, and the per-kecamatan excerpt the PDF prints.

The data (``monthly_data``) holds every child, sorted by kecamatan and severity; the PDF shows
at most :data:`ROWS_PER_KECAMATAN` rows of each kecamatan (about a page) with a note, and the
xlsx carries the whole list. Pure functions, shared by the PDF and the xlsx.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.core.i18n import N_, _
from desktop_app.growth import format_z
from desktop_app.reports.monthly_model import AttentionReason, AttentionRow

__all__ = [
    "ROWS_PER_KECAMATAN",
    "AttentionGroup",
    "attention_groups",
    "reason_label",
    "reason_text",
    "reasons_text",
]

#: Rows of one kecamatan printed in the PDF (about one page); the rest is in the xlsx.
ROWS_PER_KECAMATAN = 30

_LABELS = {
    "gizi_buruk": N_("Gizi buruk"),
    "bgm": "BGM",
    "2t": "2T",
    "memburuk": N_("Memburuk"),
    "belum_dikunjungi": N_("Belum dikunjungi"),
}


def reason_label(code: str) -> str:
    """The reason's name in the current language ("Gizi buruk", "BGM", ...)."""
    return _(_LABELS[code]) if code in _LABELS else code


def reason_text(reason: AttentionReason) -> str:
    """``Gizi buruk (BB/TB -3,09)``, ``Memburuk (TB/U -1,95 → -2,46)``, ``2T``."""
    label = reason_label(reason.code)
    if reason.indicator is None or reason.z is None:
        return label
    value = format_z(reason.z)
    if reason.z_before is not None:
        value = f"{format_z(reason.z_before)} → {value}"
    return f"{label} ({_(reason.indicator)} {value})"


def reasons_text(row: AttentionRow) -> str:
    return "; ".join(reason_text(r) for r in row.reasons)


@dataclass(frozen=True)
class AttentionGroup:
    """One kecamatan's rows as printed: the first ``shown`` of ``total``."""

    kecamatan: str
    rows: tuple[AttentionRow, ...]
    total: int

    @property
    def truncated(self) -> bool:
        return len(self.rows) < self.total


def attention_groups(
    rows: Sequence[AttentionRow], limit: int = ROWS_PER_KECAMATAN
) -> list[AttentionGroup]:
    """The list split by kecamatan (in its order), each cut to its ``limit`` most severe rows."""
    groups: list[AttentionGroup] = []
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i].kecamatan != rows[start].kecamatan:
            part = rows[start:i]
            groups.append(AttentionGroup(part[0].kecamatan, tuple(part[:limit]), len(part)))
            start = i
    return groups
