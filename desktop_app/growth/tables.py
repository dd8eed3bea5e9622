"""WHO Child Growth Standards (2006) LMS tables, loaded once into NumPy arrays.

The tables are WHO's own ``*anthro.txt`` files as distributed with WHO Anthro and the ``anthro``
R package (``resources/who/``, see its README). They are read lazily on first use and cached for
the life of the process, so importing this module costs nothing.

Layout chosen for speed: every table becomes three ``float64`` arrays ``l``, ``m``, ``s`` of shape
``(3, n)`` indexed by ``[sex, row]`` (row 0 of the sex axis is unused, so WHO's codes 1 = male
and 2 = female index directly). Age tables have one row per day starting at ``first``
(0 days, or 91 days for arm circumference); length/height tables one row per 0.1 cm starting at
``first`` cm. A lookup is then plain index arithmetic instead of a search.
"""

# ruff: noqa: E741  (l, m, s are the LMS method's own names)
from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from pathlib import Path

import numpy as np

from desktop_app.core.paths import resource_path

__all__ = ["LmsTable", "Sex", "WhoTables", "who_tables"]


class Sex(IntEnum):
    """Sex coded as WHO codes it (1 = male / laki-laki, 2 = female / perempuan)."""

    MALE = 1
    FEMALE = 2


@dataclass(frozen=True, eq=False)
class LmsTable:
    """One LMS table on a regular grid.

    ``first`` is the key of row 0 (days, or cm) and ``step`` the grid spacing (1 day, or 0.1 cm);
    ``l``, ``m``, ``s`` have shape ``(3, rows)`` indexed by ``[sex code, row]``.
    """

    name: str
    first: float
    step: float
    l: np.ndarray  # WHO's names: Box-Cox power L, median M, coefficient of variation S
    m: np.ndarray
    s: np.ndarray

    @property
    def rows(self) -> int:
        return self.m.shape[1]

    @property
    def last(self) -> float:
        """Key of the last row (days or cm), inclusive."""
        return self.first + (self.rows - 1) * self.step


@dataclass(frozen=True, eq=False)
class WhoTables:
    """All tables used for the six 0-60 month indicators."""

    length: LmsTable  # length/height-for-age, cm by day (L rows < 731 days, H rows from 731)
    weight: LmsTable  # weight-for-age, kg by day
    bmi: LmsTable  # BMI-for-age, kg/m2 by day (L rows < 731 days, H rows from 731)
    head: LmsTable  # head circumference-for-age, cm by day
    arm: LmsTable  # arm circumference (MUAC)-for-age, cm by day, from 91 days
    wfl: LmsTable  # weight-for-length, kg by 0.1 cm of length 45-110 cm
    wfh: LmsTable  # weight-for-height, kg by 0.1 cm of height 65-120 cm


def _read(path: Path, name: str, step: float) -> LmsTable:
    """Read one tab-separated WHO table and check it lies on the regular grid we assume."""
    with path.open(newline="", encoding="ascii") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    header = [h.strip().lower() for h in rows[0]]
    key = header[1]  # "age", "length" or "height"
    data = np.array([[float(v) for v in r[1:5]] for r in rows[1:] if r], dtype=np.float64)
    sexes = np.array([int(r[0]) for r in rows[1:] if r])
    first = data[0, 0]
    per_sex = [data[sexes == code] for code in (1, 2)]
    n = len(per_sex[0])
    l_arr = np.full((3, n), np.nan)
    m_arr = np.full((3, n), np.nan)
    s_arr = np.full((3, n), np.nan)
    for code, block in zip((1, 2), per_sex, strict=True):
        expected = first + step * np.arange(n)
        if len(block) != n or not np.allclose(block[:, 0], expected, atol=1e-6):
            raise ValueError(f"{path.name}: {key} column is not a regular grid for sex {code}")
        l_arr[code], m_arr[code], s_arr[code] = block[:, 1], block[:, 2], block[:, 3]
    # The hot path divides by L; WHO's tables have no L = 0 row (log formula never needed).
    if np.any(l_arr[1:] == 0):
        raise ValueError(f"{path.name}: an L of 0 needs the log form of the LMS formula")
    for arr in (l_arr, m_arr, s_arr):
        arr.setflags(write=False)
    return LmsTable(name, float(first), step, l_arr, m_arr, s_arr)


@cache
def who_tables() -> WhoTables:
    """The WHO tables, read from ``resources/who`` on first call and cached afterwards."""

    def load(file: str, name: str, step: float = 1.0) -> LmsTable:
        return _read(resource_path("who", file), name, step)

    return WhoTables(
        length=load("lenanthro.txt", "length/height-for-age"),
        weight=load("weianthro.txt", "weight-for-age"),
        bmi=load("bmianthro.txt", "BMI-for-age"),
        head=load("hcanthro.txt", "head circumference-for-age"),
        arm=load("acanthro.txt", "arm circumference-for-age"),
        wfl=load("wflanthro.txt", "weight-for-length", 0.1),
        wfh=load("wfhanthro.txt", "weight-for-height", 0.1),
    )
