"""What a demo fill produced, as counts and as one Indonesian sentence for the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal

from desktop_app.core.i18n import _

__all__ = ["DemoSummary"]


@dataclass(frozen=True)
class DemoSummary:
    """Rows written per table (``payments`` are aid payment rows of every status)."""

    kecamatan: int
    desa: int
    posyandu: int
    opd: int
    guardians: int
    children: int
    assignments: int
    visits: int
    payments: int
    programmes: int

    def __str__(self) -> str:
        parts = (
            (self.children, _("anak")),
            (self.guardians, _("orang tua asuh")),
            (self.assignments, _("penugasan")),
            (self.visits, _("kunjungan")),
            (self.payments, _("pembayaran bantuan")),
            (self.programmes, _("program")),
            (self.opd, _("OPD")),
            (self.kecamatan, _("kecamatan")),
            (self.desa, _("desa/kelurahan")),
            (self.posyandu, _("posyandu")),
        )
        return ", ".join(f"{_count(n)} {label}" for n, label in parts)


def _count(value: int) -> str:
    """``10.000``: Indonesian thousands separator (a count, never a decimal)."""
    return format_decimal(value, format="#,##0", locale="id_ID")
