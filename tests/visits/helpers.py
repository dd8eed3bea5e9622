"""Small builders shared by the visit tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from desktop_app.growth import Measurement, Sex, assess
from desktop_app.visits.checks import CHECK_CODES
from desktop_app.visits.service import VisitForm, record_visit
from tests.ui.form_fixtures import BIRTH, run


def visit_form(child_id: UUID, on: date, **changes: Any) -> VisitForm:
    form = VisitForm(
        child_id=child_id, visit_date=on, place="rumah", weight_kg=8.4, lenhei_cm=74.2, measure="l"
    )
    return replace(form, **changes)


def add_visit(database: Any, child_id: UUID, on: date, **changes: Any) -> Any:
    form = visit_form(child_id, on, **changes)
    return run(
        database,
        lambda s: record_visit(
            s, form=form, confirm_implausible=True, confirmed_checks=CHECK_CODES.keys()
        ),
    )


def who(sex: str, on: date, **measures: Any) -> Any:
    """WHO's assessment (rounded) of a child born ``BIRTH``: the reference for stored values."""
    sex_code = Sex.MALE if sex == "L" else Sex.FEMALE
    return assess(Measurement(sex=sex_code, age_days=(on - BIRTH).days, **measures)).rounded()
