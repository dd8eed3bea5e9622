"""Half-away-from-zero rounding on the value as written, not on its binary approximation."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.growth.rounding import format_z, round_half_away, round_z


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-2.005, -2.01),  # the double is -2.00499999999999989...: round() gives -2.0
        (-2.004, -2.0),
        (-2.006, -2.01),
        (2.675, 2.68),  # 2.67499999999999982236431605997495353221893310546875 in binary
        (1.005, 1.01),
        (0.125, 0.13),  # exactly representable: banker's rounding would give 0.12
        (-0.125, -0.13),
        (-3.0, -3.0),
        (-0.004, 0.0),
    ],
)
def test_round_z_known_values(value: float, expected: float) -> None:
    assert round_z(value) == expected


def test_python_round_would_get_these_wrong() -> None:
    """Documents why the helper exists."""
    assert round(-2.005, 2) == -2.0
    assert round(0.125, 2) == 0.12


def test_no_negative_zero_and_none_for_missing() -> None:
    assert format_z(-0.001) == "0,00"
    assert round_z(None) is None
    assert round_z(float("nan")) is None
    assert format_z(None) == ""
    assert format_z(-2.005) == "-2,01"
    assert format_z(1.5, ".") == "1.50"


@given(st.decimals(min_value=-20, max_value=20, places=6, allow_nan=False, allow_infinity=False))
def test_matches_decimal_half_up_on_the_written_value(value: Decimal) -> None:
    x = float(value)
    expected = Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert round_z(x) == float(expected)


@given(st.lists(st.floats(-50, 50, allow_nan=False), min_size=1, max_size=50))
def test_vector_and_scalar_agree(values: list[float]) -> None:
    vector = round_half_away(np.array(values))
    assert vector.tolist() == [round_z(v) for v in values]


@given(st.decimals(min_value=-20, max_value=20, places=4))
def test_agrees_with_the_display_formatter(value: Decimal) -> None:
    """desktop_app.core.formatting rounds for display with Decimal; the two must never disagree."""
    formatting = pytest.importorskip("desktop_app.core.formatting")
    x = float(value)
    assert float(formatting.round_half_away(x, 2)) == round_z(x)


@pytest.mark.parametrize("decimals", [1, 2, 3])
def test_the_scalar_and_the_array_paths_round_alike(decimals: int) -> None:
    """round_z re-implements round_half_away without numpy (speed); a child must never get two
    roundings. Random z-scores, values typed with 3 decimals, exact halves and near-halves."""
    rng = np.random.default_rng(2026)
    typed = np.round(rng.uniform(-6, 6, 50_000), 3)
    values = np.concatenate([
        rng.normal(0, 3, 200_000), typed, typed + 0.005, typed + 0.0049999, typed - 0.0050001,
        np.arange(-60_000, 60_000, 7) / 10_000.0, [0.0, -0.0, 1e-12, -1e-12, 5.0, -5.0],
    ])  # fmt: skip
    scalar = np.array([round_z(float(v), decimals) for v in values])
    assert np.array_equal(scalar, round_half_away(values, decimals))
    assert not any(np.signbit(scalar[scalar == 0]))  # never "-0,00"
