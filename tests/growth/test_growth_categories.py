"""Permenkes 2/2020 categories with the boundaries pinned in DESIGN.md."""

from __future__ import annotations

import numpy as np
import pytest

from desktop_app.growth.categories import (
    Indicator,
    Severity,
    categories_of,
    classify,
    classify_many,
    indicator_short_name,
    is_stunted,
)

BB_U = [
    (-3.01, "Berat badan sangat kurang"),
    (-3.0, "Berat badan kurang"),
    (-2.01, "Berat badan kurang"),
    (-2.0, "Berat badan normal"),
    (1.0, "Berat badan normal"),
    (1.01, "Risiko berat badan lebih"),
    (2.0, "Risiko berat badan lebih"),
    (3.0, "Risiko berat badan lebih"),
    (3.01, "Risiko berat badan lebih"),
]
TB_U = [
    (-3.01, "Sangat pendek"),
    (-3.0, "Pendek"),
    (-2.01, "Pendek"),
    (-2.0, "Normal"),
    (1.0, "Normal"),
    (2.0, "Normal"),
    (3.0, "Normal"),
    (3.01, "Tinggi"),
]
WEIGHT_FOR = [
    (-3.01, "Gizi buruk"),
    (-3.0, "Gizi kurang"),
    (-2.01, "Gizi kurang"),
    (-2.0, "Gizi baik"),
    (1.0, "Gizi baik"),
    (1.01, "Berisiko gizi lebih"),
    (2.0, "Berisiko gizi lebih"),
    (2.01, "Gizi lebih"),
    (3.0, "Gizi lebih"),
    (3.01, "Obesitas"),
]
CASES = (
    [(Indicator.BB_U, z, label) for z, label in BB_U]
    + [(Indicator.TB_U, z, label) for z, label in TB_U]
    + [(Indicator.BB_TB, z, label) for z, label in WEIGHT_FOR]
    + [(Indicator.IMT_U, z, label) for z, label in WEIGHT_FOR]
)


@pytest.mark.parametrize(("indicator", "z", "label"), CASES)
def test_labels_and_boundaries(indicator: Indicator, z: float, label: str) -> None:
    category = classify(indicator, z)
    assert category is not None and category.label == label
    assert classify_many(indicator, np.array([z]))[0] == category


@pytest.mark.parametrize(
    ("z", "label"),
    [
        (-2.004, "Normal"),  # shown as -2,00: never Pendek
        (-2.005, "Pendek"),  # shown as -2,01
        (-2.006, "Pendek"),
        (-2.0049999, "Normal"),
        (-3.004, "Pendek"),  # shown as -3,00
        (-3.005, "Sangat pendek"),
        (3.004, "Normal"),
        (3.005, "Tinggi"),
    ],
)
def test_classifies_the_value_the_user_sees(z: float, label: str) -> None:
    category = classify(Indicator.TB_U, z)
    assert category is not None and category.label == label


def test_severity_keys_for_colours() -> None:
    def severity(indicator: Indicator, z: float) -> Severity:
        category = classify(indicator, z)
        assert category is not None
        return category.severity

    assert severity(Indicator.TB_U, -3.5) is Severity.SEVERE
    assert severity(Indicator.TB_U, -2.5) is Severity.MODERATE
    assert severity(Indicator.TB_U, 0.0) is Severity.NORMAL
    assert severity(Indicator.TB_U, 3.5) is Severity.ABOVE
    assert severity(Indicator.BB_U, 1.5) is Severity.ABOVE
    assert severity(Indicator.BB_TB, 1.5) is Severity.ABOVE
    assert severity(Indicator.IMT_U, -3.5) is Severity.SEVERE


def test_regulation_footnotes_as_hints() -> None:
    risk = classify(Indicator.BB_U, 1.5)
    tall = classify(Indicator.TB_U, 3.5)
    bmi_deficit = classify(Indicator.IMT_U, -2.5)
    assert risk and risk.hint and "BB/PB atau BB/TB atau IMT/U" in risk.hint
    assert tall and tall.hint and "endokrin" in tall.hint
    assert bmi_deficit and bmi_deficit.hint and "BB/PB atau BB/TB" in bmi_deficit.hint
    wfl_deficit = classify(Indicator.BB_TB, -2.5)
    assert wfl_deficit and wfl_deficit.hint is None  # BB/TB *is* the diagnostic indicator


def test_legend_lists_distinct_categories_in_order() -> None:
    labels = [c.label for c in categories_of(Indicator.TB_U)]
    assert labels == ["Sangat pendek", "Pendek", "Normal", "Tinggi"]
    assert len(categories_of(Indicator.BB_TB)) == 6
    assert len(categories_of(Indicator.BB_U)) == 4


def test_missing_z_has_no_category() -> None:
    assert classify(Indicator.BB_U, None) is None
    assert classify(Indicator.BB_U, float("nan")) is None
    assert classify_many(Indicator.BB_U, np.array([np.nan, -3.5]))[0] is None


@pytest.mark.parametrize(
    ("age_days", "tb", "bb"),
    [(0, "PB/U", "BB/PB"), (730, "PB/U", "BB/PB"), (731, "TB/U", "BB/TB"), (1826, "TB/U", "BB/TB")],
)
def test_short_names_switch_at_24_months(age_days: int, tb: str, bb: str) -> None:
    assert indicator_short_name(Indicator.TB_U, age_days) == tb
    assert indicator_short_name(Indicator.BB_TB, age_days) == bb
    assert indicator_short_name(Indicator.BB_U, age_days) == "BB/U"
    assert indicator_short_name(Indicator.IMT_U, age_days) == "IMT/U"


def test_stunted_is_below_minus_two_as_shown() -> None:
    assert is_stunted(-2.005) is True
    assert is_stunted(-2.004) is False
    assert is_stunted(-2.0) is False
    assert is_stunted(-3.5) is True
    assert is_stunted(None) is None
