"""The child's growth summary and charts, the KBM store, follow-up lists and Beranda figures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from desktop_app.aid.ledger import list_payments
from desktop_app.aid.service import mark_paid, plan_month_aid
from desktop_app.children.growth import load_child_growth
from desktop_app.children.growth_curves import SD_LEVELS, ChartKind
from desktop_app.core.errors import ValidationError
from desktop_app.db.models import Visit
from desktop_app.followup.lists import follow_up_lists
from desktop_app.growth import KbmTable, Trend
from desktop_app.growth.tables import who_tables
from desktop_app.home.dashboard import monthly_figures
from desktop_app.settings.kbm import load_kbm_table, update_kbm_rows
from tests.ui.form_fixtures import run
from tests.visits.conftest import THIS_MONTH, TODAY
from tests.visits.helpers import add_visit


def month_day(month, day=10):
    return min(month.first_day.replace(day=day), TODAY)


def test_growth_summary_register_trend_and_charts(database, world):
    m0 = THIS_MONTH.previous().previous()
    first = add_visit(database, world.rina, month_day(m0), weight_kg=8.0, lenhei_cm=74.0)
    second = add_visit(
        database, world.rina, month_day(THIS_MONTH.previous()), weight_kg=8.5, lenhei_cm=74.5
    )
    third = add_visit(database, world.rina, month_day(THIS_MONTH, 1), weight_kg=8.5, lenhei_cm=74.6)
    growth = run(database, lambda s: load_child_growth(s, child_id=world.rina))
    assert [v.id for v in growth.visits] == [third.id, second.id, first.id]
    summary = growth.summary
    assert summary.by_visit == {first.id: "B", second.id: "N", third.id: "T"}
    # Length barely grew: HAZ falls by more than the 0.2 SD dead band.
    assert summary.trend_since_enrolment is Trend.MEMBURUK
    assert summary.changes_since_enrolment.zlen == pytest.approx(third.zlen - first.zlen)
    length, weight, wfl = growth.charts
    assert (length.kind, weight.kind, wfl.kind) == (
        ChartKind.LENGTH_FOR_AGE,
        ChartKind.WEIGHT_FOR_AGE,
        ChartKind.WEIGHT_FOR_LENGTH,
    )
    assert tuple(length.curves) == SD_LEVELS
    assert length.curves[0][0] == (0.0, pytest.approx(who_tables().length.m[2][0]))
    assert [p.y for p in weight.points] == [8.0, 8.5, 8.5]
    assert [p.x for p in wfl.points] == [74.0, 74.5, 74.6]  # lying under 24 months: no change
    assert wfl.points[0].z == first.zwfl


def test_kbm_table_is_stored_and_validated(database):
    seeded = run(database, load_kbm_table)  # the first migration's Buku KIA rows
    assert seeded.grams_for(0) == 800 and seeded.grams_for(2) == 900
    assert seeded.grams_for(9) == 300 and seeded.grams_for(40) == 200
    table = run(database, lambda s: update_kbm_rows(s, [(0, 800), (6, 400), (12, 250)]))
    assert table.rows == ((0, 800), (6, 400), (12, 250))
    assert run(database, load_kbm_table).rows == table.rows
    with database.sessions() as s, pytest.raises(ValidationError) as caught:
        update_kbm_rows(s, [(6, 400), (6, 300)])
    assert caught.value.for_field("rows") == "Umur pada tabel KBM tidak boleh berulang"
    restored = run(database, lambda s: update_kbm_rows(s, KbmTable.default().rows))
    assert restored == KbmTable.default()


def test_follow_up_lists(database, world):
    m2, m1 = THIS_MONTH.previous().previous(), THIS_MONTH.previous()
    # Rina: weighed three months without gaining -> T twice = 2T; length falling -> worsened.
    add_visit(database, world.rina, month_day(m2), weight_kg=8.0, lenhei_cm=74.0)
    add_visit(database, world.rina, month_day(m1), weight_kg=8.0, lenhei_cm=74.1)
    add_visit(database, world.rina, month_day(THIS_MONTH, 1), weight_kg=8.0, lenhei_cm=74.2)
    # Bayu: very light this month (BGM), seen by the posyandu, never by his guardian Ani.
    add_visit(
        database,
        world.bayu,
        month_day(THIS_MONTH, 1),
        weight_kg=6.2,
        lenhei_cm=74.0,
        guardian_id=world.budi,
    )
    lists = run(database, lambda s: follow_up_lists(s, today=TODAY))
    assert [r.child_name for r in lists.not_visited] == []
    assert [(r.child_name, r.value) for r in lists.two_t] == [("Rina Marlina", "tetap (KBM 200 g)")]
    assert [r.child_name for r in lists.worsened] == ["Rina Marlina"]
    assert lists.worsened[0].value.startswith("PB/U ")  # under 24 months: length
    assert [(r.child_name, r.value) for r in lists.bgm][0][0] == "Bayu Pratama"
    assert lists.bgm[0].value.startswith("BB/U -")
    assert [r.child_name for r in lists.guardian_overdue] == ["Bayu Pratama"]
    assert lists.guardian_overdue[0].value.startswith("belum pernah")
    later = run(database, lambda s: follow_up_lists(s, today=THIS_MONTH.last_day + timedelta(1)))
    assert {r.child_name for r in later.not_visited} == {"Rina Marlina", "Bayu Pratama"}


def test_monthly_figures(database, world):
    add_visit(database, world.rina, month_day(THIS_MONTH, 1), weight_kg=8.0, lenhei_cm=68.0)
    add_visit(database, world.rina, month_day(THIS_MONTH.previous()), weight_kg=8.0, lenhei_cm=74.0)
    add_visit(database, world.sari, month_day(THIS_MONTH, 1), weight_kg=8.0, lenhei_cm=66.0)
    run(database, lambda s: plan_month_aid(s, month=TODAY, programme_id=world.programme_id))
    first = run(database, lambda s: list_payments(s, programme_id=None, month=TODAY))[0]
    run(
        database,
        lambda s: mark_paid(
            s, payment_ids=[first.id], paid_on=TODAY, method="tunai", received_by="Ibu"
        ),
    )
    f = run(database, lambda s: monthly_figures(s, month=TODAY))
    with database.sessions() as s:
        stunted_sql = s.scalar(
            select(func.count()).where(Visit.zlen < -2, Visit.visit_date >= THIS_MONTH.first_day)
        )
    assert (f.children_enrolled, f.children_with_guardian) == (3, 2)
    assert (f.visits_done, f.visits_due) == (1, 4)  # sari has no guardian; 2 visits x 2 children
    assert f.stunted == stunted_sql == 2
    assert (f.stunted_previous, f.stunted_change) == (0, 2)
    assert (f.aid_planned, f.aid_paid) == (900_000, 450_000)
    assert len(f.series) == 6 and f.series[-1].measured == 2
