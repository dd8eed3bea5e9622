"""Beranda's stunting count is the monthly report's figure (issue 18: one definition per figure).

A demo district, then children whose November makes different definitions disagree:

* Adi: Normal on 3 November, *Pendek* on 24 November (latest measurement: stunted);
* Bayu: *Pendek* on 4 November, Normal on 25 November (latest: not stunted);
* Cahya: *Pendek* on 6 November, weighed only on 26 November (latest measurement has no HAZ:
  not measured for stunting);
* Dewi: *Pendek* on 10 November, her latest HAZ flagged implausible by WHO on 27 November;
* Eko: exited on 20 October, measured *Pendek* in November (not registered in November).

"Any HAZ below -2 in the month", "the latest HAZ" or "every child with a visit" each count a
different number here; Beranda and the report must print the same one, for November and for
every month of Beranda's series.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update

from desktop_app.core import clock
from desktop_app.core.database import Database
from desktop_app.core.month import Month
from desktop_app.db.models import Child, Visit
from desktop_app.demo import fill_demo_database
from desktop_app.home.dashboard import monthly_figures
from desktop_app.reports.service import ReportKind, read_report
from tests.reports.builders import add_visit

TODAY = date(2026, 12, 5)
MONTH = Month(2026, 11)


def _stories(database: Database) -> None:
    """Rewrite the November of five demo children under two years (see the module doc)."""
    with database.sessions() as session, session.begin():
        young = session.scalars(
            select(Child)
            .where(Child.deleted_at.is_(None), Child.exit_date.is_(None),
                   Child.birth_date >= date(2025, 6, 1), Child.enrolled_on <= date(2026, 9, 1))
            .order_by(Child.name)
            .limit(5)
        ).all()  # fmt: skip
        adi, bayu, cahya, dewi, eko = young
        session.execute(
            update(Visit)
            .where(Visit.child_id.in_([c.id for c in young]),
                   Visit.visit_date >= MONTH.first_day)
            .values(deleted_at=datetime(2026, 12, 1))
        )  # fmt: skip
        eko.exit_date, eko.exit_reason = date(2026, 10, 20), "pindah"

        def measured(child: Child, day: int, z: float | None, *, weight_only: bool = False,
                     flagged: bool = False) -> None:  # fmt: skip
            visit = add_visit(session, child, date(2026, 11, day), 8.0,
                              None if weight_only else 70.0)  # fmt: skip
            if not weight_only:  # the stored HAZ that makes the story (as the app stores it)
                visit.zlen, visit.flen = z, flagged
            visit.created_at = datetime(2026, 11, day, 9, 0)

        measured(adi, 3, -1.50)
        measured(adi, 24, -2.40)
        measured(bayu, 4, -2.60)
        measured(bayu, 25, -1.20)
        measured(cahya, 6, -2.80)
        measured(cahya, 26, None, weight_only=True)
        measured(dewi, 10, -2.30)
        measured(dewi, 27, -6.50, flagged=True)
        measured(eko, 12, -3.10)


def _naive_counts(database: Database) -> dict[str, int]:
    """What other definitions would print for November (to show the data tells them apart)."""
    with database.sessions() as session:
        rows = session.execute(
            select(Visit.child_id, Visit.zlen)
            .where(Visit.deleted_at.is_(None), Visit.zlen.is_not(None),
                   Visit.visit_date.between(MONTH.first_day, MONTH.last_day))
            .order_by(Visit.visit_date, Visit.created_at)
        ).all()  # fmt: skip
    latest = {child: z for child, z in rows}
    return {
        "latest_haz": sum(z < -2 for z in latest.values()),
        "any_below": len({child for child, z in rows if z < -2}),
    }


def test_beranda_counts_the_monthly_reports_stunting_figure(database: Database) -> None:
    with clock.using(clock.PinnedDayClock(TODAY)):
        fill_demo_database(database, children=300, seed=7, today=TODAY)
        _stories(database)
        with database.sessions() as session:
            report = read_report(session, kind=ReportKind.MONTHLY, month=MONTH).data
            beranda = monthly_figures(session, month=MONTH.first_day)
    f = report.figures
    assert beranda.stunted == f.stunted > 0
    assert beranda.series[-1].measured == report.trend[-1].haz_measured > beranda.stunted
    assert beranda.stunted_previous == report.trend[-2].stunted
    trend = {t.month.first_day: (t.stunted, t.haz_measured) for t in report.trend}
    for point in beranda.series:
        assert (point.stunted, point.measured) == trend[point.month]
    naive = _naive_counts(database)
    assert f.stunted not in (naive["latest_haz"], naive["any_below"])
