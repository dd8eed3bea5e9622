"""Tutup bulan: a closed month reprints identically, later edits are listed as corrections, a
running month prints SEMENTARA without month-on-month changes, a future month is refused."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, text

from desktop_app.core import clock
from desktop_app.core.database import Database
from desktop_app.core.errors import (
    ConflictError,
    DomainError,
    PermissionDeniedError,
    ValidationError,
)
from desktop_app.core.month import Month
from desktop_app.db.models import AuditEntry, Child, MonthClosure, Visit
from desktop_app.reports.closing import (
    MonthState,
    close_month,
    default_report_month,
    month_state,
    snapshot_report,
)
from desktop_app.reports.monthly_model import MonthlySummaryData
from desktop_app.reports.service import ReportKind, build_report, read_report
from desktop_app.reports.snapshot import canonical_json, decode, encode
from tests.reports.builders import KnownDistrict, build_known_district
from tests.reports.pdftext import pdf_text

NOVEMBER, DECEMBER, JANUARY = Month(2026, 11), Month(2026, 12), Month(2027, 1)


@pytest.fixture
def district_clock():
    """Data entered on 1 December 2026; the test moves the clock on."""
    with clock.using(clock.FixedClock(datetime(2026, 12, 1, 9, 0))) as fixed:
        yield fixed


@pytest.fixture
def known_dec(database: Database, district_clock: clock.FixedClock) -> KnownDistrict:
    with database.sessions() as session:
        return build_known_district(session)


def _print(database: Database, kind: ReportKind, month: Month) -> str:
    with database.sessions() as session:
        report = build_report(session, kind=kind, month=month)
        session.commit()
    return pdf_text(report.content)


def _close(database: Database, month: Month, role: str | None = "admin") -> None:
    with database.sessions() as session:
        session.info["actor"], session.info["role"] = "admin", role
        close_month(session, month=month)
        session.commit()


def test_closed_month_reprints_identically_and_the_next_month_lists_the_correction(
    database: Database, known_dec: KnownDistrict, district_clock: clock.FixedClock
) -> None:
    district_clock.advance(timedelta(days=2))  # 3 December: November is complete
    before_closing = _print(database, ReportKind.MONTHLY, NOVEMBER)
    _close(database, NOVEMBER)
    first = {k: _print(database, k, NOVEMBER) for k in
             (ReportKind.MONTHLY, ReportKind.GUARDIANS, ReportKind.PAYMENTS)}  # fmt: skip
    assert "Bulan sudah ditutup oleh admin pada 3 Desember 2026" in first[ReportKind.MONTHLY]
    # The closed figures are the ones printed before closing (only the stamp is added).
    assert "Anak stunting (pendek dan sangat pendek) 3 (bulan lalu 1; +2)" in before_closing
    assert (
        "Anak stunting (pendek dan sangat pendek) 3 (bulan lalu 1; +2)" in first[ReportKind.MONTHLY]
    )

    district_clock.advance(timedelta(days=1))  # 4 December: Ahmad's November visit corrected
    with database.sessions() as session:
        ahmad = session.get(Child, known_dec.ids["c1"])
        visit = session.scalars(
            select(Visit).where(Visit.child_id == ahmad.id, Visit.visit_date >= date(2026, 11, 1))
        ).first()
        visit.zlen = 0.5  # no longer stunted in the data
        session.commit()

    district_clock.advance(timedelta(days=400))  # reprinted more than a year later
    for kind, printed in first.items():
        assert _print(database, kind, NOVEMBER) == printed
    december = _print(database, ReportKind.MONTHLY, DECEMBER)
    assert "Koreksi setelah tutup bulan" in december
    assert "Ahmad" in december.split("Koreksi setelah tutup bulan")[1]
    assert "diubah" in december.split("Koreksi setelah tutup bulan")[1]
    # "bulan lalu" of December is November's closed figure, not the corrected recount.
    assert "(bulan lalu 3;" in december


def test_running_month_prints_sementara_without_month_on_month_change(
    database: Database, known_dec: KnownDistrict, district_clock: clock.FixedClock
) -> None:
    district_clock.advance(timedelta(days=4))  # 5 December
    december = _print(database, ReportKind.MONTHLY, DECEMBER)
    assert "LAPORAN SEMENTARA - data s.d. 5 Desember 2026" in december
    assert "(bulan lalu" not in december
    for kind in (ReportKind.GUARDIANS, ReportKind.PAYMENTS):
        assert "LAPORAN SEMENTARA - data s.d. 5 Desember 2026" in _print(database, kind, DECEMBER)
    november = _print(database, ReportKind.MONTHLY, NOVEMBER)
    assert "SEMENTARA" not in november and "(bulan lalu" in november


def test_future_month_is_refused(
    database: Database, known_dec: KnownDistrict, district_clock: clock.FixedClock
) -> None:
    for kind in (ReportKind.MONTHLY, ReportKind.MONTHLY_XLSX, ReportKind.GUARDIANS,
                 ReportKind.PAYMENTS):  # fmt: skip
        with database.sessions() as session, pytest.raises(ValidationError) as refused:
            read_report(session, kind=kind, month=JANUARY)
        assert "Januari 2027 belum dimulai" in str(refused.value)


def test_only_an_admin_closes_an_ended_month_once(
    database: Database, known_dec: KnownDistrict, district_clock: clock.FixedClock
) -> None:
    with pytest.raises(ValidationError, match="masih berjalan"):
        _close(database, DECEMBER)
    with pytest.raises(ValidationError, match="belum dimulai"):
        _close(database, JANUARY)
    with pytest.raises(PermissionDeniedError):
        _close(database, NOVEMBER, role="operator")
    _close(database, NOVEMBER)
    with pytest.raises(ConflictError, match="sudah ditutup oleh admin"):
        _close(database, NOVEMBER)
    with database.sessions() as session:
        assert month_state(session, NOVEMBER) is MonthState.CLOSED
        assert month_state(session, DECEMBER) is MonthState.RUNNING
        assert month_state(session, Month(2026, 10)) is MonthState.ENDED
        row = session.scalars(select(MonthClosure)).one()
        assert row.closed_by == "admin" and len(row.sha256) == 64
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "close")).one()
        assert row.sha256 in audit.summary
        # The closure is a synced row: the change log has it for the next push.
        logged = session.execute(
            text("SELECT count(*) FROM sync_changes WHERE table_name = 'month_closures'")
        ).scalar()
        assert logged == 1
    assert default_report_month(date(2026, 12, 5)) == NOVEMBER


def test_tampered_snapshot_is_refused(
    database: Database, known_dec: KnownDistrict, district_clock: clock.FixedClock
) -> None:
    _close(database, NOVEMBER)
    with database.sessions() as session:
        row = session.scalars(select(MonthClosure)).one()
        row.payload = row.payload.replace('"stunted":3', '"stunted":1')
        session.commit()
    with database.sessions() as session, pytest.raises(DomainError, match="tidak cocok"):
        snapshot_report(session, NOVEMBER, "monthly")


def test_snapshot_round_trips_every_field_of_the_report_data(
    database: Database, known_dec: KnownDistrict
) -> None:
    with database.sessions() as session:
        data = read_report(session, kind=ReportKind.MONTHLY, month=NOVEMBER).data
    tree = encode(data)
    back = decode(MonthlySummaryData, json.loads(canonical_json(tree)))
    assert back == data
    assert canonical_json(encode(back)) == canonical_json(tree)


def test_cli_closes_a_month_and_refuses_running_and_future_months(
    database: Database, known_dec: KnownDistrict, district_clock: clock.FixedClock,
    tmp_path, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    from desktop_app.reports.cli_commands import main_report

    district_clock.advance(timedelta(days=4))  # 5 December
    assert main_report(database, ["close-month", "--month", "2026-12"]) == 1
    assert "Desember 2026 masih berjalan" in capsys.readouterr().err
    assert main_report(database, ["close-month", "--month", "2026-11"]) == 0
    assert "Bulan November 2026 ditutup; sidik SHA-256" in capsys.readouterr().out
    out = tmp_path / "maret.pdf"
    assert main_report(database, ["monthly", "--month", "2027-03", "--out", str(out)]) == 1
    assert "Maret 2027 belum dimulai" in capsys.readouterr().err
    assert not out.exists()
    out = tmp_path / "desember.pdf"
    assert main_report(database, ["monthly", "--month", "2026-12", "--out", str(out)]) == 0
    assert "LAPORAN SEMENTARA - data s.d. 5 Desember 2026" in pdf_text(out.read_bytes())


def test_xlsx_says_sementara_or_closed(
    database: Database, known_dec: KnownDistrict, district_clock: clock.FixedClock
) -> None:
    import io

    from openpyxl import load_workbook

    def summary(month: Month) -> dict:
        with database.sessions() as session:
            content = build_report(session, kind=ReportKind.MONTHLY_XLSX, month=month).content
        sheet = load_workbook(io.BytesIO(content), read_only=True)["Ringkasan"]
        return {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}

    district_clock.advance(timedelta(days=4))  # 5 December
    december = summary(DECEMBER)
    assert december["Status"] == "LAPORAN SEMENTARA - data s.d. 5 Desember 2026"
    assert december["Anak stunting bulan lalu"] is None
    _close(database, NOVEMBER)
    november = summary(NOVEMBER)
    assert november["Status"].startswith("Bulan ditutup 5 Desember 2026")
    assert november["Anak stunting"] == 3 and november["Anak stunting bulan lalu"] == 1
