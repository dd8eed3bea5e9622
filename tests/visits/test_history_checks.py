"""A visit checked against the child's own history: the pure rules, then the service storing the
confirmed answer."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from desktop_app.db.models import Visit
from desktop_app.visits.checks import (
    PastMeasurement,
    assumed_measure_note,
    check_against_history,
    format_measurement,
    weight_change_limits,
)
from desktop_app.visits.service import VisitCheckError, record_visit, update_visit
from tests.ui.form_fixtures import count, run
from tests.visits.conftest import TODAY
from tests.visits.helpers import add_visit, visit_form

BORN = date(2025, 1, 10)
DAY = date(2026, 12, 4)
EARLIER = PastMeasurement(uuid.uuid4(), DAY, 12.0, 92.0, "h")


def checks(on: date, weight: float | None, lenhei: float | None, measure: str | None, *history):
    return check_against_history(
        birth_date=BORN,
        visit_date=on,
        weight_kg=weight,
        lenhei_cm=lenhei,
        measure=measure,
        history=list(history),
    )


def test_the_evidence_same_day_two_kg_lighter_and_2_3_cm_shorter_raises_three_warnings():
    found = checks(DAY, 10.0, 89.7, "h", EARLIER)
    assert [c.code for c in found] == ["same_day", "shorter", "weight"]
    assert all(c.visit_id == EARLIER.visit_id for c in found)
    same_day, shorter, weight = (c.message for c in found)
    assert same_day.startswith("Anak ini sudah punya kunjungan pada 4 Desember 2026")
    assert "2,3 cm lebih rendah" in shorter and "92,0 cm pada 4 Desember 2026" in shorter
    assert "Berat badan turun 2,0 kg dalam hari yang sama" in weight
    assert "paling banyak 0,5 kg" in weight


def test_a_visit_agreeing_with_history_raises_nothing():
    later = DAY + timedelta(days=30)
    assert checks(later, 12.3, 92.8, "h", EARLIER) == []
    assert checks(DAY, 12.0, 92.0, "h") == []  # no history, nothing to compare


@pytest.mark.parametrize(
    ("lenhei", "measure", "warned"),
    [
        (91.0, "h", False),  # exactly 1.0 cm lower: within the tolerance
        (90.9, "h", True),
        # lying now: 92.0 standing is 92.7 lying, so 91.7 lying is 1.0 lower (fine), 91.6 not
        (91.7, "l", False),
        (91.6, "l", True),
    ],
)
def test_shorter_uses_the_0_7_cm_position_adjustment(lenhei, measure, warned):
    later = DAY + timedelta(days=1)
    found = [c.code for c in checks(later, None, lenhei, measure, EARLIER)]
    assert ("shorter" in found) is warned


def test_a_lying_length_compared_with_a_standing_one_says_both():
    lying = PastMeasurement(uuid.uuid4(), DAY, None, 93.0, "l")
    [shorter] = checks(DAY + timedelta(days=3), None, 90.8, "h", lying)
    assert "93,0 cm berbaring pada 4 Desember 2026, sama dengan 92,3 cm berdiri" in shorter.message


def test_weight_limits_grow_with_the_days_and_follow_age():
    loss0, gain0 = weight_change_limits(previous_kg=12.0, days=0, age_months=22)
    assert (loss0, gain0) == (0.5, 0.5)
    loss30, gain30 = weight_change_limits(previous_kg=12.0, days=30, age_months=22)
    # gain: max(17 g/day, 10 g/kg/day = 120 g/day) x 30 days + 0.5 kg
    assert gain30 == pytest.approx(0.5 + 0.12 * 30)
    assert loss30 == pytest.approx(0.5 + 12.0 * (0.10 + 0.002 * 30))
    # a small baby: the rate by age (65 g/day under 3 months) is the larger one
    _loss, baby_gain = weight_change_limits(previous_kg=4.0, days=10, age_months=1)
    assert baby_gain == pytest.approx(0.5 + 0.065 * 10)
    # losses are capped at a quarter of the weight however long the gap
    assert weight_change_limits(previous_kg=10.0, days=400, age_months=30)[0] == pytest.approx(3.0)


def test_weight_gain_beyond_the_rule_is_warned_and_within_is_not():
    later = DAY + timedelta(days=10)
    limit = weight_change_limits(previous_kg=12.0, days=10, age_months=22)[1]
    assert checks(later, 12.0 + limit - 0.05, None, None, EARLIER) == []
    [warning] = checks(later, 12.0 + limit + 0.1, None, None, EARLIER)
    assert warning.code == "weight" and "naik" in warning.message and "10 hari" in warning.message


def test_the_previous_measurement_reads_as_a_sentence():
    assert format_measurement(EARLIER) == "4 Desember 2026: 12,0 kg; 92,0 cm berdiri"


def test_z_scores_before_the_position_is_chosen_say_what_they_assume():
    young = assumed_measure_note(birth_date=BORN, visit_date=DAY, lenhei_cm=80.0, measure=None)
    assert "berbaring" in young and "di bawah 24 bulan" in young
    old = assumed_measure_note(
        birth_date=date(2023, 1, 1), visit_date=DAY, lenhei_cm=92.0, measure=None
    )
    assert "berdiri" in old
    assert assumed_measure_note(birth_date=BORN, visit_date=DAY, lenhei_cm=80.0, measure="l") == ""


def test_the_service_asks_then_stores_the_confirmed_answer(database, world):
    add_visit(database, world.rina, TODAY, weight_kg=8.4, lenhei_cm=74.2, measure="l")
    form = visit_form(world.rina, TODAY, weight_kg=6.4, lenhei_cm=71.9, measure="l")
    with pytest.raises(VisitCheckError) as caught:
        run(database, lambda s: record_visit(s, form=form))
    assert [c.code for c in caught.value.checks] == ["same_day", "shorter", "weight"]
    assert count(database, Visit) == 1
    with pytest.raises(VisitCheckError):  # confirming some is not confirming all
        run(database, lambda s: record_visit(s, form=form, confirmed_checks=("same_day",)))
    codes = ("same_day", "shorter", "weight")
    record = run(database, lambda s: record_visit(s, form=form, confirmed_checks=codes))
    with database.sessions() as s:
        stored = s.scalars(select(Visit.checks_confirmed).where(Visit.id == record.id)).one()
    assert [item["check"] for item in stored] == list(codes)
    assert stored[1]["message"].startswith("Panjang/tinggi badan 71,9 cm, 2,3 cm lebih rendah")


def test_a_visit_without_warnings_stores_no_answer_and_an_edit_ignores_itself(database, world):
    first = add_visit(database, world.rina, TODAY - timedelta(days=30))
    second = run(
        database, lambda s: record_visit(s, form=visit_form(world.rina, TODAY, weight_kg=8.6))
    )
    with database.sessions() as s:
        assert s.get(Visit, second.id).checks_confirmed is None
    # correcting the first visit compares it with the other one, never with itself
    corrected = visit_form(world.rina, TODAY - timedelta(days=30), weight_kg=8.5)
    run(database, lambda s: update_visit(s, visit_id=first.id, form=corrected))
