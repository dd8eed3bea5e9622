"""KBM (kenaikan berat badan minimal): the minimum monthly weight gain, as editable data.

DESIGN.md: "KBM in grams by age in completed months, as commonly printed from the Buku KIA:
1 month 800, 2: 900, 3: 800, 4: 600, 5: 500, 6: 400, 7-11: 300, 12 and over: 200. Keep it as a
data table that an administrator can correct, not as constants in code." So the table is a value
built from rows (stored by the database layer) and passed to every function that needs it;
:data:`DEFAULT_KBM_ROWS` is only the seed.

Semantics: rows are ``(age in completed months, grams)``; a row applies from its age until the
next row's age, the last row to every older age.

Age 0 (under one completed month): the first row applies. The Buku KIA's "1 bulan: 800 g" is the
gain expected over the first month of life, and a child weighed twice before completing a month
(e.g. born 5 Jan, weighed 20 Jan and 3 Feb) is still in that first month.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["DEFAULT_KBM_ROWS", "KbmTable"]

#: In the shape the first migration seeds (an explicit row for under one month, 7-11 months as
#: one row), so that restoring it in Pengaturan revives the seeded rows (``kbm_store``).
DEFAULT_KBM_ROWS: tuple[tuple[int, int], ...] = (
    (0, 800),
    (1, 800),
    (2, 900),
    (3, 800),
    (4, 600),
    (5, 500),
    (6, 400),
    (7, 300),  # to 11 months
    (12, 200),  # and over
)


@dataclass(frozen=True)
class KbmTable:
    """Minimum weight gain in grams by age in completed months (see the module docstring)."""

    rows: tuple[tuple[int, int], ...]

    def __post_init__(self) -> None:
        if not self.rows:
            raise ValueError("a KBM table needs at least one row")
        ages = [age for age, _ in self.rows]
        if ages != sorted(set(ages)):
            raise ValueError("KBM ages must be distinct and ascending")
        for age, grams in self.rows:
            if age < 0 or grams < 0:
                raise ValueError(f"KBM row ({age}, {grams}): age and grams must be >= 0")

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, int]] | Mapping[int, int]) -> KbmTable:
        """Build from ``(age_months, grams)`` pairs or an ``{age_months: grams}`` mapping."""
        pairs = rows.items() if isinstance(rows, Mapping) else rows
        return cls(tuple(sorted((int(a), int(g)) for a, g in pairs)))

    @classmethod
    def default(cls) -> KbmTable:
        """The Buku KIA values from DESIGN.md (the seed an administrator may correct)."""
        return cls(DEFAULT_KBM_ROWS)

    def grams_for(self, age_months: int) -> int:
        """Minimum gain (g) for a child of ``age_months`` completed months at the weighing."""
        grams = self.rows[0][1]
        for age, row_grams in self.rows:
            if age > age_months:
                break
            grams = row_grams
        return grams
