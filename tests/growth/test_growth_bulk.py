"""The vectorised path: identical to the scalar path, row-independent, and monotone."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.growth import Measurement, Sex, assess, assess_all
from desktop_app.growth.bulk import FLAG_COLUMNS, Z_COLUMNS, assess_many


def _optional(low: float, high: float) -> st.SearchStrategy[float | None]:
    return st.none() | st.floats(low, high, allow_nan=False)


measurements = st.builds(
    Measurement,
    sex=st.sampled_from([Sex.MALE, Sex.FEMALE]),
    age_days=st.integers(0, 1900),
    weight_kg=_optional(-1, 40),
    lenhei_cm=_optional(-1, 130),
    measure=st.sampled_from(["l", "h", None]),
    oedema=st.booleans(),
    headc_cm=_optional(-1, 60),
    muac_cm=_optional(-1, 25),
)


def _same(a: float | None, b: float) -> bool:
    return (a is None and math.isnan(b)) or (a is not None and a == b)


@settings(max_examples=300)
@given(st.lists(measurements, min_size=1, max_size=30))
def test_scalar_and_bulk_paths_agree(rows: list[Measurement]) -> None:
    codes = {"l": 1, "h": 2, None: 0}
    out = assess_many(
        sex=[int(m.sex) for m in rows],
        age_days=[m.age_days for m in rows],
        weight=[m.weight_kg for m in rows],
        lenhei=[m.lenhei_cm for m in rows],
        measure=[codes[m.measure] for m in rows],
        oedema=[m.oedema for m in rows],
        headc=[m.headc_cm for m in rows],
        muac=[m.muac_cm for m in rows],
    )
    for i, m in enumerate(rows):
        single = assess(m)  # one-row call: nothing shared with the other rows
        for zkey, fkey in zip(Z_COLUMNS, FLAG_COLUMNS, strict=True):
            assert _same(getattr(single, zkey), out[zkey][i]), (m, zkey)
            if getattr(single, zkey) is not None:
                assert getattr(single, fkey) == bool(out[fkey][i])
        assert single.position_dropped == bool(out["f9mo"][i])


@given(st.lists(measurements, min_size=2, max_size=20))
def test_rows_do_not_influence_each_other(rows: list[Measurement]) -> None:
    together = assess_all(rows)
    reversed_ = assess_all(rows[::-1])[::-1]
    assert together == reversed_


@given(
    sex=st.sampled_from([1, 2]),
    age=st.integers(0, 1826),
    grams=st.lists(st.integers(500, 40_000), min_size=2, max_size=20, unique=True),
)
def test_weight_for_age_increases_with_weight(sex: int, age: int, grams: list[int]) -> None:
    weights = np.sort(np.array(grams)) / 1000
    n = len(weights)
    z = assess_many(sex=[sex] * n, age_days=[age] * n, weight=weights)["zwei"]
    assert np.all(np.diff(z) > 0)


@given(
    sex=st.sampled_from([1, 2]),
    age=st.integers(0, 1826),
    fractions=st.lists(st.integers(0, 10_000), min_size=2, max_size=20, unique=True),
)
def test_weight_for_length_falls_as_length_rises(sex: int, age: int, fractions: list[int]) -> None:
    """Same weight, longer child: lower z, also between the interpolated 0.1 cm rows."""
    low, high = (45.0, 110.0) if age < 731 else (65.0, 120.0)  # WFL or WFH range by age
    lengths = low + (high - low) * np.sort(np.array(fractions)) / 10_000
    n = len(lengths)
    z = assess_many(sex=[sex] * n, age_days=[age] * n, weight=[9.0] * n, lenhei=lengths)["zwfl"]
    assert np.all(np.diff(z) < 0)
