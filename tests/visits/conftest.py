"""A small programme built with the real services: two children, two guardians, one programme.

Dates are relative to today (services refuse future visits), so ``TODAY``'s month is the
"this month" of aid plans, follow-up lists and the dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

import pytest

from desktop_app.assignments.service import assign_guardian
from desktop_app.core import clock
from desktop_app.core.month import Month
from desktop_app.settings.programmes import create_programme
from tests.ui.conftest import runner  # noqa: F401 - the synchronous runner fixture
from tests.ui.form_fixtures import (
    BIRTH,
    make_child,
    make_guardian,
    make_opd,
    make_wilayah,
    message_boxes,  # noqa: F401 - the fixture
    run,
)

TODAY = clock.today()
THIS_MONTH = Month.of(TODAY)


@dataclass(frozen=True)
class Programme:
    rina: UUID  # girl, born BIRTH (about 14 months ago), guardian budi
    bayu: UUID  # boy, same birth date, guardian ani
    sari: UUID  # girl without guardian
    budi: UUID
    ani: UUID
    opd_id: UUID
    programme_id: UUID
    desa_id: UUID


@pytest.fixture
def world(database) -> Programme:
    wilayah = make_wilayah(database)
    opd_id = make_opd(database)
    rina = make_child(database, wilayah).id
    bayu = make_child(
        database, wilayah, name="Bayu Pratama", nik="", sex="L", no_kk="3271010101200003"
    ).id
    sari = make_child(database, wilayah, name="Sari Lestari", nik="", no_kk="3271010101200004").id
    budi = make_guardian(database, opd_id, "Budi Santoso", 1).id
    ani = make_guardian(database, opd_id, "Ani Wijaya", 2).id
    first = THIS_MONTH.previous().previous().first_day
    programme_id = run(
        database,
        lambda s: (
            create_programme(
                s,
                name="Genting",
                start_month=first,
                end_month=date(TODAY.year + 1, TODAY.month, 1),
                monthly_aid=450_000,
                visit_target_per_month=2,
            ).id
        ),
    )
    start = max(BIRTH, TODAY - timedelta(days=100))
    for child, guardian in ((rina, budi), (bayu, ani)):
        run(
            database,
            lambda s, c=child, g=guardian: assign_guardian(
                s, child_id=c, guardian_id=g, programme_id=programme_id, start_date=start
            ),
        )
    return Programme(rina, bayu, sari, budi, ani, opd_id, programme_id, wilayah.desa_id)
