"""Every report of one month, built from one demo district: each figure printed in two places
is equal (issue 18: one definition per figure, reports.figures).

The monthly summary (its data, and the xlsx read back), the guardian activity report, the
payment list and Beranda's month panel are built for the last full month of a generated district;
tables that break a headline down (per desa, per OPD with the "CSR / lainnya" row, per posyandu)
must add up to it. 300 children in the normal suite, 5,000 when slow tests run.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from desktop_app.core import clock
from desktop_app.core.codes import PaymentStatus
from desktop_app.core.database import Database
from desktop_app.core.month import Month
from desktop_app.db.models import Guardian
from desktop_app.demo import fill_demo_database
from desktop_app.home.dashboard import monthly_figures
from desktop_app.reports.service import ReportKind, read_report, render_report
from tests.reports.pdftext import pdf_text

TODAY = date(2026, 12, 5)
MONTH = Month(2026, 11)


def _all_reports(database: Database, children: int) -> dict:
    with clock.using(clock.PinnedDayClock(TODAY)):
        fill_demo_database(database, children=children, seed=7, today=TODAY)
        with database.sessions() as session:
            built = {
                kind: read_report(session, kind=kind, month=MONTH).data
                for kind in (ReportKind.MONTHLY, ReportKind.GUARDIANS, ReportKind.PAYMENTS)
            }
            built["beranda"] = monthly_figures(session, month=MONTH.first_day)
            built["active_asn"] = session.scalar(
                select(func.count()).where(
                    Guardian.deleted_at.is_(None), Guardian.kind == "asn", Guardian.active
                )
            )
            xlsx = render_report(read_report(session, kind=ReportKind.MONTHLY_XLSX, month=MONTH))
            guardians_pdf = render_report(read_report(session, kind=ReportKind.GUARDIANS,
                                                      month=MONTH))  # fmt: skip
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True)["Ringkasan"]
    built["xlsx"] = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    built["guardians_text"] = pdf_text(guardians_pdf.content)
    return built


def _check_agreement(built: dict) -> None:
    m, g, p, b, x = (built[ReportKind.MONTHLY], built[ReportKind.GUARDIANS],
                     built[ReportKind.PAYMENTS], built["beranda"], built["xlsx"])  # fmt: skip
    f = m.figures

    def areas(name: str) -> int:
        return sum(getattr(a, name) for a in m.areas)

    # registered children, children with a guardian (during the month), visits
    assert f.registered == areas("registered") == b.children_enrolled > 0
    assert x["Anak berisiko stunting terdaftar"] == f.registered
    assert f.with_guardian == areas("with_guardian") == b.children_with_guardian
    assert f.with_guardian == g.children_with_guardian == x["Anak dengan orang tua asuh"] > 0
    assert f.visits_done == areas("visits_done") == b.visits_done > 0
    assert f.visits_done == sum(o.visits_done for o in m.opds) == sum(o.visits for o in g.opds)
    assert f.visits_due == areas("visits_due") == b.visits_due == x["Kunjungan target"]
    assert f.measured == areas("measured") and f.stunted == areas("stunted")
    # active ASN: the monthly report's OPD table and the guardian report's
    asn = built["active_asn"]
    assert sum(o.asn_registered for o in m.opds) == sum(o.guardians for o in g.opds) == asn > 0
    # children per OPD: the same in both reports, at least the headline (double counts noted)
    per_opd = sum(o.children for o in m.opds)
    assert per_opd == sum(o.children for o in g.opds) >= f.with_guardian
    if per_opd > f.with_guardian:
        assert f"{per_opd - f.with_guardian} anak dihitung di lebih dari satu baris" in " ".join(
            built["guardians_text"].split()
        )
    # aid: by aid month, planned (not cancelled) and paid
    # The payment list reads every status; the signed list holds the paid rows.
    paid_rows = [r for r in p.rows if r.status == PaymentStatus.PAID]
    planned_rows = [r for r in p.rows if r.status != PaymentStatus.CANCELLED]
    planned_total = sum(t.amount for t in p.by_status if t.status != PaymentStatus.CANCELLED)
    assert planned_total == sum(r.amount for r in planned_rows)
    assert f.aid_planned == planned_total == b.aid_planned == x["Bantuan direncanakan (Rp)"] > 0
    assert f.aid_children_planned == len(planned_rows)
    assert p.total == p.paid_total == f.aid_paid
    assert f.aid_paid == sum(r.amount for r in paid_rows) == b.aid_paid
    assert f.aid_paid == sum(o.aid_paid for o in g.opds) == sum(r.aid_paid for r in g.guardians)
    assert f.aid_children_paid == len(paid_rows)
    # SKDN: the posyandu rows add up to the total
    for name in ("s", "k", "d", "n", "t", "o", "b", "two_t", "bgm"):
        assert getattr(m.skdn, name) == sum(getattr(r.skdn, name) for r in m.posyandu)


def test_every_report_prints_the_same_figures(database: Database) -> None:
    _check_agreement(_all_reports(database, 300))


@pytest.mark.slow
def test_every_report_prints_the_same_figures_at_5000_children(database: Database) -> None:
    _check_agreement(_all_reports(database, 5000))
