"""Recording, correcting and deleting visits: stored measurements, z-scores, refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop_app.core.errors import ValidationError
from desktop_app.db.models import Visit
from desktop_app.growth import Indicator, classify
from desktop_app.visits.preview import preview_assessment
from desktop_app.visits.service import (
    ImplausibleMeasurementError,
    child_visits,
    delete_visit,
    record_visit,
    update_visit,
)
from tests.ui.form_fixtures import BIRTH, count, run
from tests.visits.conftest import TODAY
from tests.visits.helpers import add_visit, visit_form, who


def test_record_visit_stores_measurements_and_who_z_scores(database, world):
    form = visit_form(
        world.rina,
        TODAY,
        weight_kg=8.1,
        lenhei_cm=72.3,
        measure="l",
        muac_cm=13.1,
        topics=["imunisasi", "asi_mpasi"],
        help_given=["susu"],
    )
    record = run(database, lambda s: record_visit(s, form=form))
    expected = who("P", TODAY, weight_kg=8.1, lenhei_cm=72.3, measure="l", muac_cm=13.1)
    with database.sessions() as s:
        row = s.scalars(select(Visit)).one()
    assert (row.weight_kg, row.lenhei_cm, row.measure, row.muac_cm) == (8.1, 72.3, "l", 13.1)
    assert (row.zlen, row.zwei, row.zwfl, row.zbmi, row.zac) == (
        expected.zlen,
        expected.zwei,
        expected.zwfl,
        expected.zbmi,
        expected.zac,
    )
    assert row.zhc is None and row.fwei is False
    assert row.guardian_id == world.budi  # the active guardian by default
    assert row.topics == ["asi_mpasi", "imunisasi"]  # stored in checklist order
    assert record.category(Indicator.TB_U) == classify(Indicator.TB_U, expected.zlen)
    assert record.guardian_name == "Budi Santoso"


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (BIRTH - timedelta(days=1), "sebelum tanggal lahir"),
        (TODAY + timedelta(days=1), "setelah hari ini"),
    ],
)
def test_visit_date_before_birth_or_in_future_is_refused(database, world, on, message):
    with database.sessions() as s, pytest.raises(ValidationError) as caught:
        record_visit(s, form=visit_form(world.rina, on))
    assert message in caught.value.for_field("visit_date")
    assert count(database, Visit) == 0


def test_implausible_value_needs_confirmation(database, world):
    form = visit_form(world.rina, TODAY, weight_kg=3.0)
    with database.sessions() as s, pytest.raises(ImplausibleMeasurementError) as caught:
        record_visit(s, form=form)
    assert "BB/U" in caught.value.indicators
    assert "BB/U" in str(caught.value)
    assert count(database, Visit) == 0
    run(database, lambda s: record_visit(s, form=form, confirm_implausible=True))
    with database.sessions() as s:
        assert s.scalars(select(Visit.fwei)).one() is True


def test_bad_numbers_are_refused_by_field(database, world):
    form = visit_form(
        world.rina, TODAY, weight_kg=95.0, lenhei_cm=74.0, measure=None, place="pasar"
    )
    with database.sessions() as s, pytest.raises(ValidationError) as caught:
        record_visit(s, form=form)
    assert {e.field for e in caught.value.errors} == {"weight_kg", "measure", "place"}


def test_update_recomputes_and_delete_hides(database, world):
    first = add_visit(database, world.rina, TODAY - timedelta(days=40))
    second = add_visit(database, world.rina, TODAY - timedelta(days=5), weight_kg=8.6)
    assert [v.id for v in run(database, lambda s: child_visits(s, child_id=world.rina))] == [
        second.id,
        first.id,
    ]
    form = visit_form(world.rina, TODAY - timedelta(days=5), weight_kg=9.0, lenhei_cm=76.0)
    updated = run(database, lambda s: update_visit(s, visit_id=second.id, form=form))
    assert updated.zwei == who("P", TODAY - timedelta(days=5), weight_kg=9.0).zwei
    run(database, lambda s: delete_visit(s, visit_id=first.id))
    remaining = run(database, lambda s: child_visits(s, child_id=world.rina))
    assert [v.id for v in remaining] == [second.id]
    with database.sessions() as s:  # a tombstone, not a delete
        assert s.get(Visit, first.id).deleted_at is not None


def test_preview_gives_categories_hints_and_flags():
    on = BIRTH + timedelta(days=430)
    preview = preview_assessment(
        sex="P", birth_date=BIRTH, visit_date=on, weight_kg=6.5, lenhei_cm=68.0, measure="l"
    )
    expected = who("P", on, weight_kg=6.5, lenhei_cm=68.0, measure="l")
    tbu = preview.result("zlen")
    assert (tbu.z, tbu.short_name) == (expected.zlen, "PB/U")
    assert tbu.category == classify(Indicator.TB_U, expected.zlen)
    assert tbu.category.label in ("Pendek", "Sangat pendek")
    assert preview.age_months == 14
    assert preview.implausible == ()
    wild = preview_assessment(
        sex="P", birth_date=BIRTH, visit_date=on, weight_kg=2.0, lenhei_cm=None, measure=None
    )
    assert [r.short_name for r in wild.implausible] == ["BB/U"]
