"""KBM table, monthly weighing status (N/T/O/B/2T, BGM), SKDN and the stunting trend."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.core.month import Month
from desktop_app.growth import (
    Indicator,
    KbmTable,
    Measurement,
    Sex,
    SkdnChild,
    Trend,
    Weighing,
    assess,
    category_change,
    month_status,
    skdn_for_month,
    stunting_trend,
    weighing_history,
    z_changes,
)

KBM = KbmTable.default()


# --- KBM -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "grams"),
    [(0, 800), (1, 800), (2, 900), (3, 800), (4, 600), (5, 500), (6, 400), (7, 300), (11, 300),
     (12, 200), (59, 200)],
)  # fmt: skip
def test_default_kbm_is_the_buku_kia_table(age: int, grams: int) -> None:
    assert KBM.grams_for(age) == grams


def test_kbm_is_data_an_administrator_can_change() -> None:
    table = KbmTable.from_rows({12: 150, 1: 700, 6: 350})
    assert table.rows == ((1, 700), (6, 350), (12, 150))
    assert [table.grams_for(a) for a in (0, 5, 6, 11, 30)] == [700, 700, 350, 350, 150]
    with pytest.raises(ValueError):
        KbmTable(((2, 900), (1, 800)))
    with pytest.raises(ValueError):
        KbmTable(())
    with pytest.raises(ValueError):
        KbmTable.from_rows([(1, -5)])


# --- N / T / O / B / 2T / BGM --------------------------------------------------------------------

BIRTH = date(2024, 1, 10)
HISTORY = [
    Weighing(date(2024, 1, 20), 3.5),  # B (first ever), age 0
    Weighing(date(2024, 2, 5), 4.2),  # age 0 months: KBM of the first row (800); +700 g -> T
    Weighing(date(2024, 3, 1), 9.9),  # superseded by the later March weighing
    Weighing(date(2024, 3, 12), 5.1),  # age 2: KBM 900, +900 g exactly -> N
    Weighing(date(2024, 4, 15), 5.5),  # age 3: KBM 800, +400 -> T
    Weighing(date(2024, 5, 15), 5.8),  # age 4: KBM 600, +300 -> T, T last month too -> 2T
    Weighing(date(2024, 7, 10), 6.5),  # no June weighing -> O
    Weighing(date(2024, 8, 10), 6.4),  # age 7: a loss -> T, but last month O -> not 2T
]


def test_status_codes_month_by_month() -> None:
    history = weighing_history(BIRTH, HISTORY, KBM)
    codes = {str(month): status.code for month, status in history.items()}
    assert codes == {
        "2024-01": "B",
        "2024-02": "T",
        "2024-03": "N",
        "2024-04": "T",
        "2024-05": "2T",
        "2024-07": "O",
        "2024-08": "T",
    }
    march = history[Month(2024, 3)]
    assert (march.gain_g, march.kbm_g, march.age_months) == (900, 900, 2)
    assert history[Month(2024, 2)].kbm_g == 800  # under one month uses the first row
    assert history[Month(2024, 7)].gain_g is None
    assert history[Month(2024, 8)].gain_g == -100


def test_not_weighed_this_month_has_no_status() -> None:
    assert month_status(BIRTH, HISTORY, Month(2024, 6), KBM) is None
    assert month_status(BIRTH, [], Month(2024, 6), KBM) is None


def test_gain_is_whole_grams_so_float_noise_cannot_turn_n_into_t() -> None:
    # 4.1 - 3.3 = 0.7999999999999998 in binary; 800 g meets the 800 g KBM.
    weighings = [Weighing(date(2024, 1, 12), 3.3), Weighing(date(2024, 2, 12), 4.1)]
    status = month_status(BIRTH, weighings, Month(2024, 2), KBM)
    assert status is not None and status.gain_g == 800 and status.code == "N"


def test_changed_kbm_changes_the_verdict() -> None:
    stricter = KbmTable.from_rows({0: 1000})
    status = month_status(BIRTH, HISTORY, Month(2024, 3), stricter)
    assert status is not None and status.gain_g == 900 and status.kbm_g == 1000
    assert status.code == "2T"  # February's +700 g was T under this table as well


@pytest.mark.parametrize(("zwei", "bgm"), [(-3.005, True), (-3.004, False), (-4.0, True),
                                           (None, False), (0.0, False)])  # fmt: skip
def test_bgm_is_weight_for_age_below_minus_3_as_shown(zwei: float | None, bgm: bool) -> None:
    status = month_status(BIRTH, [Weighing(date(2024, 3, 1), 4.0, zwei)], Month(2024, 3), KBM)
    assert status is not None and status.bgm is bgm


def test_weighing_before_birth_is_refused() -> None:
    with pytest.raises(ValueError):
        weighing_history(BIRTH, [Weighing(date(2024, 1, 1), 3.0)], KBM)


def test_month_helpers() -> None:
    assert Month.parse("2024-02").last_day == date(2024, 2, 29)
    assert Month(2024, 12).last_day == date(2024, 12, 31)
    assert Month(2024, 1).previous() == Month(2023, 12)
    assert str(Month.of(date(2025, 3, 9))) == "2025-03"
    with pytest.raises(ValueError):
        Month(2024, 13)


# --- SKDN ----------------------------------------------------------------------------------------


def _children() -> list[SkdnChild]:
    return [
        SkdnChild(BIRTH, True, HISTORY),  # May: T and 2T
        SkdnChild(date(2024, 5, 20), False, [Weighing(date(2024, 5, 25), 3.4)]),  # B, no KMS
        SkdnChild(date(2019, 4, 1), True, [Weighing(date(2024, 5, 3), 17.0)]),  # 61 months: not S
        SkdnChild(date(2019, 5, 2), True, []),  # 59 months on 1 May: S and K, not weighed
        SkdnChild(date(2024, 6, 1), True, []),  # born after May: not S
        SkdnChild(
            date(2023, 1, 5),
            True,
            [Weighing(date(2024, 4, 5), 7.0, -3.2), Weighing(date(2024, 5, 6), 7.3, -3.1)],
        ),  # 16 months, +300 g >= 200 g: N, and BGM
        SkdnChild(
            date(2023, 1, 5),
            True,
            [Weighing(date(2024, 2, 5), 8.0), Weighing(date(2024, 5, 5), 8.5)],
        ),  # O
    ]


def test_skdn_counts_and_ratios() -> None:
    skdn = skdn_for_month(_children(), Month(2024, 5), KBM)
    counts = (skdn.s, skdn.k, skdn.d, skdn.n, skdn.t, skdn.o, skdn.b, skdn.two_t, skdn.bgm)
    assert counts == (5, 4, 4, 1, 1, 1, 1, 1, 1)
    assert skdn.d_prime == 2
    assert skdn.k_s == pytest.approx(4 / 5)
    assert skdn.d_s == pytest.approx(4 / 5)
    # D/K counts only the weighed children who have a card: the newborn without one is in D
    # but not in the numerator (4/4 before, and above 100 % wherever such children abound).
    assert skdn.dk == 3
    assert skdn.d_k == pytest.approx(3 / 4)
    assert skdn.n_d == pytest.approx(1 / 4)
    assert skdn.n_d_prime == pytest.approx(1 / 2)
    assert skdn.n_s == pytest.approx(1 / 5)
    assert skdn.bgm_d == pytest.approx(1 / 4)
    assert skdn.two_t_d == pytest.approx(1 / 4)
    assert skdn.t_d == pytest.approx(1 / 4)


def test_skdn_of_nobody_has_no_ratios_and_rolls_up_by_addition() -> None:
    empty = skdn_for_month([], Month(2024, 5), KBM)
    assert empty.d_s is None and empty.n_d_prime is None and empty.k_s is None
    both = skdn_for_month(_children(), Month(2024, 5), KBM) + skdn_for_month(
        _children()[:2], Month(2024, 5), KBM
    )
    assert (both.s, both.d, both.b, both.two_t) == (7, 6, 2, 2)
    with pytest.raises(ValueError):
        _ = empty + skdn_for_month([], Month(2024, 6), KBM)


# --- membaik / tetap / memburuk ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "trend"),
    [
        (-2.5, -1.9, Trend.MEMBAIK),  # Pendek -> Normal
        (-3.2, -2.9, Trend.MEMBAIK),  # Sangat pendek -> Pendek
        (-1.9, -2.1, Trend.MEMBURUK),  # Normal -> Pendek
        (-2.004, -2.005, Trend.MEMBURUK),  # shown -2,00 -> -2,01: a class down
        (-2.5, -2.3, Trend.MEMBAIK),  # same class, +0.20
        (-2.5, -2.35, Trend.TETAP),  # same class, +0.15: within measurement noise
        (-2.5, -2.7, Trend.MEMBURUK),
        (0.0, -1.0, Trend.MEMBURUK),  # still Normal, but a whole SD lost
        (2.9, 3.1, Trend.MEMBAIK),  # Normal -> Tinggi is no class change for stunting
        (None, -2.0, None),
        (-2.0, None, None),
    ],
)
def test_stunting_trend(before: float | None, after: float | None, trend: Trend | None) -> None:
    assert stunting_trend(before, after) is trend


def test_trend_dead_band_is_adjustable() -> None:
    assert stunting_trend(-2.5, -2.4, min_z_change=0.1) is Trend.MEMBAIK
    assert stunting_trend(-2.5, -2.4) is Trend.TETAP


def test_changes_since_enrolment() -> None:
    enrolment = assess(Measurement(Sex.FEMALE, 400, 7.6, 70.0, "l", headc_cm=43.0))
    now = assess(Measurement(Sex.FEMALE, 490, 8.4, 74.0, "l", headc_cm=44.0))
    changes = z_changes(enrolment, now)
    e, n = enrolment.rounded(), now.rounded()
    assert changes.zlen == pytest.approx(n.zlen - e.zlen)  # type: ignore[operator]
    assert changes.zwei == pytest.approx(n.zwei - e.zwei)  # type: ignore[operator]
    assert changes.zlen is not None and changes.zlen > 0
    assert changes.zac is None  # no MUAC measured
    before, after = category_change(Indicator.TB_U, enrolment.zlen, now.zlen)
    assert before is not None and after is not None
    assert (before.label, after.label) == ("Pendek", "Normal")
