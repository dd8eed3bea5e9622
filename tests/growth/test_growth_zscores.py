"""WHO's rules one by one, on values read off WHO's published LMS tables (boys, sex 1).

Choosing the measurement equal to the table's median M gives z = 0 exactly, so each test shows
which table row (and which adjusted length) was used without re-deriving our own arithmetic.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from desktop_app.growth import Measurement, Sex, assess
from desktop_app.growth.bulk import assess_many, measure_codes

BOY = Sex.MALE


def _z(y: float, l: float, m: float, s: float) -> float:  # noqa: E741
    """README: z = ((y/M)^L - 1) / (S*L)."""
    return ((y / m) ** l - 1) / (s * l)


def _sd(k: float, l: float, m: float, s: float) -> float:  # noqa: E741
    """README: SDk = M * (1 + L*S*k)^(1/L)."""
    return m * (1 + l * s * k) ** (1 / l)


# --- length/height and the measuring position ------------------------------------------------


@pytest.mark.parametrize(
    ("age_days", "lenhei", "measure"),
    [
        (730, 87.8018, "l"),  # 730 d, L row M = 87.8018: lying, no adjustment
        (730, 87.1018, "h"),  # standing under 731 days: +0.7 cm -> 87.8018
        (730, 87.8018, None),  # unknown position: taken as lying at this age, no adjustment
        (731, 87.1303, "h"),  # 731 d, H row M = 87.1303: standing, no adjustment
        (731, 87.8303, "l"),  # lying from 731 days: -0.7 cm -> 87.1303
        (731, 87.1303, None),  # unknown position: taken as standing at this age
    ],
)
def test_position_adjustment_switches_at_731_days(
    age_days: int, lenhei: float, measure: str | None
) -> None:
    result = assess(Measurement(BOY, age_days, lenhei_cm=lenhei, measure=measure))  # type: ignore[arg-type]
    assert result.zlen == pytest.approx(0.0, abs=1e-9)
    assert result.position_dropped is False


def test_standing_under_9_months_is_dropped_and_flagged() -> None:
    # 273 days = 8.97 months: the "h" is ignored, so 71.9273 (the median) is not raised by 0.7.
    young = assess(Measurement(BOY, 273, lenhei_cm=71.9273, measure="h"))
    assert young.zlen == pytest.approx(0.0, abs=1e-9)
    assert young.position_dropped is True
    assert young.lenhei_adjusted_cm == pytest.approx(71.9273)
    # 274 days = 9.0021 months: standing is plausible and gets +0.7 cm.
    older = assess(Measurement(BOY, 274, lenhei_cm=71.2714, measure="h"))
    assert older.zlen == pytest.approx(0.0, abs=1e-9)
    assert older.position_dropped is False


def test_length_for_age_is_never_restricted_and_flags_beyond_6() -> None:
    result = assess(Measurement(BOY, 0, lenhei_cm=30.0, measure="l"))
    assert result.zlen == pytest.approx(_z(30.0, 1, 49.8842, 0.03795))  # -10.52
    assert result.flen is True
    assert assess(Measurement(BOY, 0, lenhei_cm=49.8842 * (1 + 6 * 0.03795))).flen is False


# --- ages ----------------------------------------------------------------------------------------


def test_age_limits_zero_days_to_just_under_60_months() -> None:
    birth = assess(Measurement(BOY, 0, weight_kg=3.3464, lenhei_cm=49.8842, headc_cm=34.4618))
    assert birth.zwei == pytest.approx(0.0, abs=1e-9)
    assert birth.zlen == pytest.approx(0.0, abs=1e-9)
    assert birth.zhc == pytest.approx(0.0, abs=1e-9)
    last = assess(Measurement(BOY, 1826, weight_kg=18.3352, lenhei_cm=109.9593, measure="h"))
    assert last.zwei == pytest.approx(0.0, abs=1e-9)  # 1826 / 30.4375 = 59.992 months
    for days in (1827, 1856):  # 60.02 months and WHO's last table day: out of range
        over = assess(Measurement(BOY, days, 18.3, 110.0, "h", headc_cm=50.0, muac_cm=16.5))
        assert [over.zlen, over.zwei, over.zwfl, over.zbmi, over.zhc, over.zac] == [None] * 6


def test_fractional_days_round_half_up_but_60_months_is_exact() -> None:
    out = assess_many(
        sex=[1] * 5,
        age_days=[1826.2, 1826.3, 730.5, 730.49, -0.5],
        weight=[18.3352] * 2 + [12.1548] * 3,
    )
    assert out["zwei"][0] == pytest.approx(0.0, abs=1e-9)  # 59.997 months, read at day 1826
    assert math.isnan(out["zwei"][1])  # 60.0003 months: out, as in anthro
    assert out["zwei"][2] == pytest.approx(0.0, abs=1e-9)  # day 731, M = 12.1548
    assert out["zwei"][3] == pytest.approx(_z(12.1548, -0.0136, 12.1482, 0.11425))  # day 730
    assert math.isnan(out["zwei"][4])


def test_arm_circumference_starts_at_91_days() -> None:
    assert assess(Measurement(BOY, 90, muac_cm=13.4)).zac is None
    assert assess(Measurement(BOY, 91, muac_cm=13.4779)).zac == pytest.approx(0.0, abs=1e-9)


# --- the restricted formula for weight-based indicators -----------------------------------------


def test_weight_for_age_beyond_3_sd_uses_the_sd3_sd2_distance() -> None:
    lms = (0.3487, 3.3464, 0.14602)  # boys, day 0
    sd3, sd2 = _sd(3, *lms), _sd(2, *lms)
    sdm3, sdm2 = _sd(-3, *lms), _sd(-2, *lms)
    heavy = assess(Measurement(BOY, 0, weight_kg=6.0)).zwei
    light = assess(Measurement(BOY, 0, weight_kg=1.5)).zwei
    assert heavy == pytest.approx(3 + (6.0 - sd3) / (sd3 - sd2))
    assert light == pytest.approx(-3 + (1.5 - sdm3) / (sdm2 - sdm3))
    # ... which differs from the plain LMS value there (so the test above means something).
    assert abs(heavy - _z(6.0, *lms)) > 0.1  # type: ignore[operator]
    assert abs(light - _z(1.5, *lms)) > 0.1  # type: ignore[operator]


def test_weight_for_age_flags_below_minus_6_and_above_5() -> None:
    lms = (0.3487, 3.3464, 0.14602)
    sd3, sd2 = _sd(3, *lms), _sd(2, *lms)
    at_5 = sd3 + 2 * (sd3 - sd2)  # z = 5.00 exactly: not flagged (flags are on |z| beyond)
    assert assess(Measurement(BOY, 0, weight_kg=at_5)).fwei is False
    assert assess(Measurement(BOY, 0, weight_kg=at_5 + 0.02 * (sd3 - sd2))).fwei is True
    sdm3, sdm2 = _sd(-3, *lms), _sd(-2, *lms)
    at_minus_6 = sdm3 - 3 * (sdm2 - sdm3)
    assert at_minus_6 > 0
    assert assess(Measurement(BOY, 0, weight_kg=at_minus_6)).fwei is False
    assert assess(Measurement(BOY, 0, weight_kg=at_minus_6 - 0.02 * (sdm2 - sdm3))).fwei is True


# --- weight-for-length / weight-for-height ------------------------------------------------------


def test_weight_for_length_interpolates_between_tenth_cm_rows() -> None:
    # 45.05 cm lies half-way between the 45.0 (M 2.441) and 45.1 (M 2.4577) rows; L is -0.3521
    # in both, so the interpolated median gives z = 0. Rounding to 45.0 (or to 0.5 cm) would not.
    result = assess(Measurement(BOY, 10, weight_kg=(2.441 + 2.4577) / 2, lenhei_cm=45.05))
    assert result.zwfl == pytest.approx(0.0, abs=1e-9)
    assert abs(_z((2.441 + 2.4577) / 2, -0.3521, 2.441, 0.09182)) > 0.03


def test_weight_for_length_or_height_is_chosen_by_age() -> None:
    wfl_median = (10.4845 + 10.5031) / 2  # WFL rows 80.2 / 80.3
    wfh_median = (10.6161 + 10.6352) / 2  # WFH rows 80.2 / 80.3
    lying = assess(Measurement(BOY, 730, weight_kg=wfl_median, lenhei_cm=80.25, measure="l"))
    standing = assess(Measurement(BOY, 731, weight_kg=wfh_median, lenhei_cm=80.25, measure="h"))
    assert lying.zwfl == pytest.approx(0.0, abs=1e-9)
    assert standing.zwfl == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize(
    ("age_days", "lenhei", "measure", "computed"),
    [
        (730, 44.9, "l", False),
        (730, 45.0, "l", True),
        (730, 110.0, "l", True),
        (730, 110.1, "l", False),
        (730, 109.4, "h", False),  # 109.4 + 0.7 = 110.1 cm of length: beyond the WFL table
        (730, 109.3, "h", True),
        (731, 64.9, "h", False),
        (731, 65.0, "h", True),
        (731, 65.6, "l", False),  # 65.6 - 0.7 = 64.9 cm of height
        (731, 65.7, "l", True),
        (731, 120.0, "h", True),
        (731, 120.1, "h", False),
    ],
)
def test_weight_for_length_height_ranges_apply_to_the_adjusted_value(
    age_days: int, lenhei: float, measure: str, computed: bool
) -> None:
    result = assess(Measurement(BOY, age_days, 12.0, lenhei, measure))  # type: ignore[arg-type]
    assert (result.zwfl is not None) is computed


# --- BMI, oedema, missing and impossible values --------------------------------------------------


def test_bmi_uses_the_adjusted_height_and_the_age_row() -> None:
    height_m = 0.871303
    weight = 16.0189 * height_m**2  # BMI equal to the day-731 (H row) median
    standing = assess(Measurement(BOY, 731, weight_kg=weight, lenhei_cm=87.1303, measure="h"))
    lying = assess(Measurement(BOY, 731, weight_kg=weight, lenhei_cm=87.8303, measure="l"))
    assert standing.zbmi == pytest.approx(0.0, abs=1e-9)
    assert lying.zbmi == pytest.approx(0.0, abs=1e-9)
    assert lying.bmi == pytest.approx(16.0189)
    # Day 730 reads the L row (M 15.7356): same child one day younger is above the median.
    younger = assess(Measurement(BOY, 730, weight_kg=weight, lenhei_cm=87.1303, measure="l"))
    assert younger.zbmi == pytest.approx(_z(16.0189, -0.6473, 15.7356, 0.07771))


def test_oedema_blanks_only_weight_based_indicators() -> None:
    result = assess(Measurement(BOY, 400, 9.0, 75.0, "l", oedema=True, headc_cm=46.0, muac_cm=14.0))
    assert (result.zwei, result.fwei, result.zwfl, result.zbmi) == (None, None, None, None)
    assert None not in (result.zlen, result.zhc, result.zac)


@pytest.mark.parametrize("bad", [0.0, -1.0])
def test_measurements_of_zero_or_less_give_no_z(bad: float) -> None:
    result = assess(Measurement(BOY, 400, bad, bad, "l", headc_cm=bad, muac_cm=bad))
    assert [result.zlen, result.zwei, result.zwfl, result.zbmi, result.zhc, result.zac] == [
        None
    ] * 6
    no_weight = assess(Measurement(BOY, 400, weight_kg=bad, lenhei_cm=75.0))
    assert no_weight.zlen is not None and no_weight.zbmi is None


def test_missing_values_give_no_z_and_no_flag() -> None:
    result = assess(Measurement(BOY, 400))
    assert result.zlen is None and result.flen is None and result.fac is None


# --- API contracts --------------------------------------------------------------------------------


def test_rounded_copy_rounds_half_away_from_zero() -> None:
    result = assess(Measurement(BOY, 0, weight_kg=3.0, lenhei_cm=48.0))
    rounded = result.rounded()
    assert rounded.zwei == pytest.approx(round(result.zwei, 2))  # type: ignore[arg-type]
    assert rounded.zwei is not None and len(f"{rounded.zwei}".split(".")[1]) <= 2
    assert rounded.bmi == result.bmi  # only z-scores are rounded


def test_invalid_inputs_are_refused_or_blank() -> None:
    with pytest.raises(ValueError):
        Measurement(BOY, 10, measure="x")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Measurement(BOY, -1)
    with pytest.raises(ValueError):
        Measurement(3, 10)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        measure_codes(["l", "standing"])
    out = assess_many(sex=[0, 3, np.nan], age_days=[10, 10, 10], weight=[4.0] * 3)
    assert np.isnan(out["zwei"]).all()
    assert list(measure_codes(["L", "h", "", None, float("nan")])) == [1, 2, 0, 0, 0]
