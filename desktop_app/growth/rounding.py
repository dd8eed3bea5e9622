"""Rounding z-scores to the 2 decimals WHO reports, half away from zero, as people read them.

Why not ``round()`` or ``np.round``: both round half to even, and both see the binary value, so
``round(-2.005, 2)`` gives ``-2.0`` (the double nearest -2.005 is -2.00499999999999989...).
Asuh classifies on the value the user sees (DESIGN.md, "Rules pinned for Asuh"), and a user who
types or reads -2.005 expects -2.01, i.e. *Pendek*.

Rule chosen: scale by 100, snap to 6 decimals (which removes binary representation error of
about 1e-14 but keeps every real digit a z-score has to offer), then round half away from zero.
For any value written with up to 8 decimals this equals ``Decimal(repr(x)).quantize(Decimal(
"0.01"), ROUND_HALF_UP)``; the tests check that. One vectorised function serves both the scalar
and the bulk paths, so a child never gets two different roundings.
"""

from __future__ import annotations

import math

import numpy as np

from desktop_app.core.i18n import current_language

__all__ = ["format_z", "round_half_away", "round_z"]

_SNAP = 1e6  # the 6 decimals of the module docstring, as np.round(values, 6) applies them


def round_half_away(values: np.ndarray, decimals: int = 2) -> np.ndarray:
    """Round an array half away from zero to ``decimals`` places (NaN stays NaN)."""
    scale = 10.0**decimals
    x = np.asarray(values, dtype=np.float64)
    magnitude = np.round(np.abs(x) * scale, 6)  # = rint(v * _SNAP) / _SNAP
    # + 0.0 turns -0.0 into 0.0 so that nothing is ever shown as "-0,00".
    return np.copysign(np.floor(magnitude + 0.5) / scale, x) + 0.0


def round_z(z: float | None, decimals: int = 2) -> float | None:
    """Scalar form of :func:`round_half_away`; ``None`` and NaN give ``None``.

    The same IEEE operations in plain Python, ten times faster than a one-element array (lists
    round tens of thousands of z-scores): ``np.round(v, 6)`` is ``rint(v * 1e6) / 1e6`` and
    Python's ``round(float)`` is that ``rint`` (half to even, exact). A test compares the two
    paths on a million values, halves and near-halves included."""
    if z is None or math.isnan(z):
        return None
    scale = 10.0**decimals
    magnitude = round(abs(z) * scale * _SNAP) / _SNAP
    return math.copysign(math.floor(magnitude + 0.5) / scale, z) + 0.0


def format_z(z: float | None, decimal_sep: str | None = None) -> str:
    """A z-score as shown to users, e.g. ``-2,01``; ``""`` if none. The decimal separator is the
    current language's (a comma in Indonesian, a dot in English) unless given."""
    rounded = round_z(z)
    if rounded is None:
        return ""
    if decimal_sep is None:
        decimal_sep = "," if current_language() == "id" else "."
    return f"{rounded:.2f}".replace(".", decimal_sep)
