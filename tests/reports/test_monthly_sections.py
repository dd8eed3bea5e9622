"""Prevalence, trend, SKDN by area, attention by severity and programme outcomes of the monthly
report, on the known district (builders.py) and printed in the PDF."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update

from desktop_app.core.database import Database
from desktop_app.core.month import Month
from desktop_app.db.models import Child, Posyandu
from desktop_app.reports.monthly_data import build_monthly_summary
from desktop_app.reports.monthly_history import (
    HazPair,
    haz_outcomes,
    trend_months,
    trend_point,
)
from desktop_app.reports.monthly_model import AgeBand, Rate
from desktop_app.reports.prevalence import MeasuredChild, prevalence
from desktop_app.reports.service import ReportKind, build_report
from tests.reports.builders import TODAY, KnownDistrict
from tests.reports.pdftext import pdf_pages

NOVEMBER = Month(2026, 11)


def _build(database: Database, month: Month = NOVEMBER, today: date = TODAY):
    with database.sessions() as session:
        return build_monthly_summary(session, month=month, today=today)


def _rates(row) -> tuple[tuple[int, int], ...]:
    return tuple((r.count, r.denominator) for r in (row.stunted, row.wasted, row.underweight,
                                                    row.overweight))  # fmt: skip


# -- prevalence ------------------------------------------------------------------------------


def test_prevalence_bands_and_denominators() -> None:
    children = [
        MeasuredChild("L", 3, "K1", "D1", 1, 2, 4),  # stunted (band 1), overweight (band 4)
        MeasuredChild("L", 11, "K1", "D1", 2, 1, 3),  # underweight; band 3 is not overweight
        MeasuredChild("P", 12, "K1", "D2", 0, 0, 0),  # all three deficits
        MeasuredChild("P", 59, "K2", "D3", -1, 2, -1),  # weighed only: BB/U denominator only
        MeasuredChild("P", 60, "K2", "D3", 2, 2, 5),  # 60 months: total yes, no age band
    ]
    p = prevalence(children)
    assert _rates(p.total) == ((2, 4), (1, 4), (2, 5), (2, 4))
    assert p.total.stunted == Rate(2, 4) and p.total.stunted.fraction == 0.5
    assert [(r.key, _rates(r)) for r in p.by_sex] == [
        ("L", ((1, 2), (0, 2), (1, 2), (1, 2))),
        ("P", ((1, 2), (1, 2), (1, 3), (1, 2))),
    ]
    assert [r.age for r in p.by_age] == [AgeBand(0, 5), AgeBand(6, 11), AgeBand(12, 23),
                                         AgeBand(24, 59)]  # fmt: skip
    assert [_rates(r)[0] for r in p.by_age] == [(1, 1), (0, 1), (1, 1), (0, 0)]
    assert [(r.group, r.key) for r in p.by_area] == [
        ("kecamatan", "K1"), ("desa", "D1"), ("desa", "D2"), ("kecamatan", "K2"), ("desa", "D3"),
    ]  # fmt: skip
    assert Rate(0, 0).fraction is None


def test_prevalence_of_the_known_district(database: Database, known: KnownDistrict) -> None:
    p = _build(database).prevalence
    assert p is not None
    # measured in November: Ahmad (L, Pendek), Bunga (P), Citra (P, Pendek), Eka (P, Sangat
    # pendek, gizi buruk, BB/U -5,15)
    assert _rates(p.total) == ((3, 4), (1, 4), (1, 4), (0, 4))
    assert [_rates(r)[0] for r in p.by_sex] == [(1, 1), (2, 3)]
    assert [_rates(r)[0] for r in p.by_age] == [(0, 0), (0, 0), (0, 1), (3, 3)]
    areas = {(r.group, r.key): _rates(r)[0] for r in p.by_area}
    assert areas == {
        ("kecamatan", "Badau"): (2, 2), ("desa", "Cerucuk"): (2, 2),
        ("kecamatan", "Tanjungpandan"): (1, 2), ("desa", "Air Saga"): (1, 1),
        ("desa", "Paal Satu"): (0, 1),
    }  # fmt: skip


# -- trend -----------------------------------------------------------------------------------


def test_trend_has_twelve_months_and_ends_with_the_headline(
    database: Database, known: KnownDistrict
) -> None:
    data = _build(database)
    assert [t.month for t in data.trend] == trend_months(NOVEMBER)
    assert trend_months(NOVEMBER)[0] == Month(2025, 12)
    last = data.trend[-1]
    f = data.figures
    assert (last.stunted, last.visits_done, last.visits_due) == (f.stunted, f.visits_done,
                                                                 f.visits_due)  # fmt: skip
    points = {t.month: (t.haz_measured, t.stunted, t.visits_done, t.visits_due)
              for t in data.trend}  # fmt: skip
    assert points[Month(2026, 9)] == (1, 0, 1, 2)  # Citra measured; Ahmad and Citra assigned
    assert points[Month(2026, 10)] == (3, 1, 3, 3)
    assert points[Month(2026, 8)] == (0, 0, 0, 0)


def test_trend_query_agrees_with_each_months_own_report(
    database: Database, known: KnownDistrict
) -> None:
    """The SQL of the past months and the per-child facts of a month's report are two
    implementations of one definition: they must give the same numbers."""
    later = _build(database, Month(2027, 1), today=date(2027, 1, 31))  # Nov in the past part
    past = {t.month: t for t in later.trend}
    for month in (Month(2026, 9), Month(2026, 10), NOVEMBER):
        data = _build(database, month, today=date(2026, 12, 15))
        with database.sessions() as session:
            point = trend_point(session, month, month.last_day, programme_id=None,
                                default_visit_target=1)  # fmt: skip
        assert point == data.trend[-1] == past[month]
        assert (point.stunted, point.visits_done) == (data.figures.stunted,
                                                      data.figures.visits_done)  # fmt: skip


# -- SKDN by area ----------------------------------------------------------------------------


def test_skdn_subtotals_reconcile_and_d_over_k_stays_within_100(
    database: Database, known: KnownDistrict
) -> None:
    with database.sessions() as session:  # Bunga (weighed in November) has no KMS book
        session.execute(update(Child).where(Child.id == known.ids["c2"]).values(has_kia_book=False))
        session.commit()
    data = _build(database)
    s = data.skdn
    assert (s.k, s.d, s.dk) == (5, 4, 3)
    assert s.d_k == 3 / 5  # the old D/K (D / K) was 4/5; with more such children above 100 %
    rows = [(p.kecamatan, p.desa, p.posyandu, p.skdn.s, p.skdn.d) for p in data.posyandu]
    assert rows == [
        ("Badau", "Cerucuk", "Anggrek", 2, 2),
        ("Tanjungpandan", "Air Saga", "Melati", 2, 1),
        ("Tanjungpandan", "Paal Satu", "Mawar", 1, 1),
        ("-", "-", "(tanpa posyandu)", 1, 0),
    ]
    kecamatan = {t.kecamatan: t.skdn for t in data.skdn_subtotals if t.desa is None}
    assert (kecamatan["Tanjungpandan"].s, kecamatan["Tanjungpandan"].d) == (3, 2)
    assert sum(k.s for k in kecamatan.values()) == s.s
    assert sum(k.d for k in kecamatan.values()) == s.d
    for name, total in kecamatan.items():
        desas = [t.skdn for t in data.skdn_subtotals if t.kecamatan == name and t.desa]
        assert sum(d.s for d in desas) == total.s and sum(d.bgm for d in desas) == total.bgm


# -- attention -------------------------------------------------------------------------------


def test_attention_rows_carry_the_z_that_caused_them(
    database: Database, known: KnownDistrict
) -> None:
    eka, citra, dedi = _build(database).attention
    assert [(r.code, r.indicator, r.z, r.z_before) for r in eka.reasons] == [
        ("gizi_buruk", "BB/TB", -4.7, None), ("bgm", "BB/U", -5.15, None),
    ]  # fmt: skip
    assert [(r.code, r.z, r.z_before) for r in citra.reasons] == [
        ("2t", None, None), ("memburuk", -2.46, -1.95),
    ]  # fmt: skip
    assert (eka.severity, citra.severity, dedi.severity) == (0, 2, 4)


# -- outcomes --------------------------------------------------------------------------------


def test_haz_outcomes_pure() -> None:
    ref = date(2026, 11, 30)
    pairs = [
        HazPair(date(2026, 8, 1), -2.5, -1.5),  # Pendek -> Normal, +1.0 (3 months)
        HazPair(date(2026, 9, 1), -3.2, -2.2),  # Sangat pendek -> Pendek, 2 months: no change
        HazPair(date(2026, 5, 1), -2.0, -2.01),  # Normal -> Pendek, -0.01
    ]
    transitions, n, mean = haz_outcomes(pairs, ref)
    assert transitions == (("Sangat pendek", "Pendek", 1), ("Pendek", "Normal", 1),
                           ("Normal", "Pendek", 1))  # fmt: skip
    assert (n, mean) == (2, 0.495)
    assert haz_outcomes([], ref) == ((), 0, None)


def test_outcomes_of_the_known_district(database: Database, known: KnownDistrict) -> None:
    with database.sessions() as session:  # Fajar leaves on 20 November at 60 months (say)
        fajar = update(Child).where(Child.id == known.ids["c6"])
        session.execute(fajar.values(exit_date=date(2026, 11, 20), exit_reason="usia_60_bulan"))
        session.commit()
    o = _build(database).outcomes
    assert o is not None
    assert o.exits_month == (("usia_60_bulan", 1),)
    assert o.exits_to_date == (("pindah", 1), ("usia_60_bulan", 1))
    # Ahmad -2,18 -> -2,18; Citra -1,80 -> -2,46; Bunga, Dedi, Eka measured once
    assert o.transitions == (("Pendek", "Pendek", 1), ("Normal", "Pendek", 1))
    assert (o.haz_change_children, o.haz_change_mean) == (2, -0.33)
    (aid,) = o.aid_to_date
    assert (aid.programme, aid.planned, aid.paid, aid.children) == ("Genting 2026", 1_350_000,
                                                                     900_000, 3)  # fmt: skip


# -- printed ---------------------------------------------------------------------------------


def test_pdf_prints_the_new_sections(database: Database, known: KnownDistrict) -> None:
    long_name = "Posyandu Tunas Harapan Bangsa Sejahtera Dusun Air Saga Hilir Timur"
    with database.sessions() as session:
        session.execute(update(Posyandu).where(Posyandu.name == "Melati").values(name=long_name))
        session.commit()
        report = build_report(session, kind=ReportKind.MONTHLY, month=NOVEMBER, today=TODAY)
        session.commit()
    pages = pdf_pages(report.content)
    text = " ".join(pages)
    first = pages[0]
    assert "B. Tren 12 bulan terakhir" in first
    assert "Prevalensi stunting" in first and "Kunjungan orang tua asuh" in first
    assert "75,0" in first  # November's point label (3 of 4)
    assert "Semua anak diukur 75,0% (3/4) 25,0% (1/4) 25,0% (1/4) 0,0% (0/4)" in text
    assert "Perempuan 66,7% (2/3)" in text
    assert "Umur 24–59 bulan 100,0% (3/3)" in text
    assert "Kecamatan Badau 100,0% (2/2)" in text
    # SKDN by area: kecamatan, desa, posyandu rows with D/S and N/D; the long name whole
    assert "Kecamatan Tanjungpandan 3 3 2 1 0 0 1 0 0 66,7% 50,0%" in text
    assert "Air Saga 2 2 1 1 0 0 0 0 0 50,0% 100,0%" in text
    assert long_name in text
    assert "Jumlah kabupaten/kota 6 6 4 1 1 0 2 1 1 66,7% 25,0%" in text
    assert "S = balita terdaftar dalam program" in text
    # attention by severity, with the z that caused each reason
    assert text.index("Eka Putri") < text.index("Citra Ayu") < text.index("Dedi Kurniawan")
    assert "Gizi buruk (BB/TB -4,70); BGM (BB/U -5,15)" in text
    # outcomes
    assert "Pindah domisili 0 1" in text
    assert "Normal 0 1 0 0 1" in text and "Pendek 0 1 0 0 1" in text
    assert "-0,33 SD (2 anak)" in text
    assert "Genting 2026 3 Rp1.350.000 Rp900.000 Rp450.000 66,7%" in text
