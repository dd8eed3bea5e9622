"""The raw-data workbook: a sheet per table, identifiers masked by default, audited."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop_app.core.progress import Cancelled
from desktop_app.db.models import (
    AidPayment,
    Assignment,
    AuditEntry,
    Child,
    Desa,
    Guardian,
    Kecamatan,
    Opd,
    Posyandu,
    Programme,
    Visit,
)
from desktop_app.export.raw import export_raw_tables

SHEETS = [
    "Anak", "Orang tua asuh", "Penugasan", "Kunjungan", "Bantuan",
    "OPD", "Kecamatan", "Desa", "Posyandu", "Program",
]  # fmt: skip


@pytest.fixture
def filled(session):
    kec = Kecamatan(name="Tanjungpandan")
    desa = Desa(kecamatan=kec, name="Air Saga")
    pos = Posyandu(desa=desa, name="Melati")
    opd = Opd(code="DINKES", name="Dinas Kesehatan")
    guardian = Guardian(kind="asn", name="Ahmad", nip="197805122005011003", opd=opd)
    programme = Programme(
        name="Genting 2025",
        start_month=date(2025, 9, 1),
        end_month=date(2025, 11, 1),
        monthly_aid=450_000,
    )
    siti = Child(
        nik="3271014501230001",
        no_kk="3271010101230002",
        name='=HYPERLINK("http://x")',
        sex="P",
        birth_date=date(2023, 1, 5),
        enrolment_status="stunting",
        enrolled_on=date(2025, 8, 20),
        risk_factors=["air_bersih", "perokok"],
        desa=desa,
        posyandu=pos,
    )
    gone = Child(
        name="Terhapus",
        sex="L",
        birth_date=date(2024, 1, 1),
        enrolment_status="berisiko",
        enrolled_on=date(2025, 1, 1),
        deleted_at=datetime(2025, 2, 1),
    )
    assignment = Assignment(
        child=siti, guardian=guardian, programme=programme, start_date=date(2025, 9, 1)
    )
    session.add_all([siti, gone, assignment])
    session.flush()
    session.add_all(
        [
            Visit(child_id=siti.id, visit_date=date(2025, 9, 10), weight_kg=9.2, zlen=-2.51),
            AidPayment(
                child_id=siti.id,
                programme_id=programme.id,
                month=date(2025, 9, 1),
                amount=450_000,
                status="dibayar",
                paid_on=date(2025, 9, 25),
            ),
        ]
    )
    session.commit()
    return siti


def _sheet_dicts(path: Path, title: str) -> list[dict[str, object]]:
    rows = list(load_workbook(path)[title].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_one_sheet_per_table_live_rows_only_identifiers_masked(session, filled, tmp_path) -> None:
    result = export_raw_tables(session, folder=tmp_path, now=datetime(2026, 11, 22, 9, 0, 0))
    session.commit()
    assert result.path == tmp_path / "asuh-data-mentah-20261122-090000.xlsx"
    assert load_workbook(result.path).sheetnames == SHEETS
    assert result.rows == dict.fromkeys(SHEETS, 1)  # the deleted child is not exported
    [child] = _sheet_dicts(result.path, "Anak")
    assert child["nik"] == "3271**********01"
    assert child["no_kk"] == "3271**********02"
    assert child["name"] == '=HYPERLINK("http://x")'  # kept as text, see the cell type below
    assert child["birth_date"] == datetime(2023, 1, 5)
    assert child["risk_factors"] == "air_bersih; perokok"
    assert child["id"] == str(filled.id)
    assert "search_text" not in child and "deleted_at" not in child
    sheet = load_workbook(result.path)["Anak"]
    name_col = [c.value for c in sheet[1]].index("name") + 1
    assert sheet.cell(row=2, column=name_col).data_type == "s"
    [aid] = _sheet_dicts(result.path, "Bantuan")
    assert aid["amount"] == 450_000
    [visit] = _sheet_dicts(result.path, "Kunjungan")
    assert (visit["weight_kg"], visit["zlen"]) == (9.2, -2.51)
    assert not list(tmp_path.glob("*.partial"))


def test_full_identifiers_only_when_asked_and_the_export_is_audited(session, filled, tmp_path):
    result = export_raw_tables(session, folder=tmp_path, reveal_identifiers=True)
    session.commit()
    [child] = _sheet_dicts(result.path, "Anak")
    assert (child["nik"], child["no_kk"]) == ("3271014501230001", "3271010101230002")
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    assert entry.entity == "data_mentah"
    assert result.path.name in entry.summary and "lengkap" in entry.summary


def test_progress_is_reported_and_cancel_leaves_no_file(session, filled, tmp_path) -> None:
    seen: list[tuple[int, int, str]] = []
    export_raw_tables(session, folder=tmp_path / "a", progress=lambda *a: seen.append(a))
    assert seen[-1][:2] == (10, 10)
    assert seen[0][2] == "Mengekspor Anak"

    def cancel(_done: int, _total: int, _label: str) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        export_raw_tables(session, folder=tmp_path / "b", progress=cancel)
    assert list((tmp_path / "b").iterdir()) == []


def test_empty_database_exports_headers_only(session, tmp_path) -> None:
    result = export_raw_tables(session, folder=tmp_path)
    assert result.rows == dict.fromkeys(SHEETS, 0)
    rows = list(load_workbook(result.path)["Anak"].iter_rows(values_only=True))
    assert len(rows) == 1 and "nik" in rows[0]


def test_full_identifiers_need_an_admin(session, tmp_path) -> None:
    from desktop_app.core.errors import PermissionDeniedError
    from desktop_app.export.raw import export_raw_tables

    out = tmp_path / "ekspor"
    session.info["role"] = "operator"
    with pytest.raises(PermissionDeniedError):
        export_raw_tables(session, folder=out, reveal_identifiers=True)
    assert not out.exists() or list(out.iterdir()) == []
    export_raw_tables(session, folder=out)  # masked: allowed
    assert len(list(out.glob("*.xlsx"))) == 1
