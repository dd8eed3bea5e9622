"""``asuh report ...`` and the Excel export."""

from __future__ import annotations

import io
import uuid
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop_app.core.database import Database
from desktop_app.reports.cli_commands import main_report
from desktop_app.reports.monthly_data import build_monthly_summary
from desktop_app.reports.xlsx import monthly_summary_xlsx
from tests.reports.builders import MONTH, TODAY, KnownDistrict
from tests.reports.pdftext import pdf_text


def test_cli_writes_each_report(database: Database, known: KnownDistrict, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    for argv in (
        ["monthly", "--month", "2026-11", "--programme", str(known.ids["programme"])],
        ["guardians", "--month", "2026-11"],
        ["payments", "--month", "2026-11"],
        ["child", "--id", str(known.ids["c1"])],
        ["monthly-xlsx", "--month", "2026-11"],
    ):
        out = tmp_path / f"{argv[0]}.out"
        assert main_report(database, [*argv, "--out", str(out)]) == 0
        assert out.stat().st_size > 1000
    assert "Kartu anak disimpan" in capsys.readouterr().out
    assert "Genting 2026" in pdf_text((tmp_path / "monthly.out").read_bytes())


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["monthly", "--month", "November", "--out", "{tmp}/a.pdf"], "TTTT-BB"),
        (["monthly", "--month", "2026-13", "--out", "{tmp}/a.pdf"], "TTTT-BB"),
        (["monthly", "--out", "{tmp}/a.pdf"], "Perintah tidak lengkap"),
        (["child", "--id", "abc", "--out", "{tmp}/a.pdf"], "bukan id yang sah"),
        (["child", "--id", str(uuid.UUID(int=1)), "--out", "{tmp}/a.pdf"], "Anak tidak ditemukan"),
        (["monthly", "--month", "2026-11", "--programme", str(uuid.UUID(int=1)),
          "--out", "{tmp}/a.pdf"], "Program yang dipilih tidak ditemukan"),
        (["payments", "--month", "2026-11", "--out", "{tmp}/no/such/dir/a.pdf"], "Folder tujuan"),
        ([], "Sebutkan jenis laporan"),
        (["annual", "--out", "{tmp}/a.pdf"], "Perintah tidak lengkap"),
    ],
)  # fmt: skip
def test_cli_bad_input_exits_1_with_a_message(
    database: Database, known: KnownDistrict, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str,
) -> None:  # fmt: skip
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert main_report(database, argv) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "a.pdf").exists()


def test_xlsx_holds_the_same_numbers(database: Database, known: KnownDistrict) -> None:
    with database.sessions() as session:
        data = build_monthly_summary(session, month=MONTH, today=TODAY)
    book = load_workbook(io.BytesIO(monthly_summary_xlsx(data)))
    assert book.sheetnames == ["Ringkasan", "SKDN", "Sebaran status gizi", "Wilayah", "Posyandu",
                               "OPD", "Perlu perhatian", "Prevalensi", "Tren",
                               "Hasil program"]  # fmt: skip
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(min_row=2, values_only=True)}
    assert summary["Anak berisiko stunting terdaftar"] == 6
    assert summary["Cakupan pendampingan (%)"] == 66.7
    assert summary["Bantuan belum dibayar (Rp)"] == 450_000
    skdn = list(book["SKDN"].iter_rows(min_row=2, values_only=True))[0]
    assert skdn[:9] == (6, 6, 4, 1, 1, 0, 2, 1, 1)
    assert skdn[13] == pytest.approx(0.5)  # N/D'
    opd = {row[0]: row for row in book["OPD"].iter_rows(min_row=2, values_only=True)}
    assert opd["DISDIK"][2:] == (0, 0, 0, 0)
    names = [row[0] for row in book["Perlu perhatian"].iter_rows(min_row=2, values_only=True)]
    assert names == ["Eka Putri", "Citra Ayu", "Dedi Kurniawan"]  # by kecamatan, then severity


def test_xlsx_report_has_every_pdf_section_and_the_children_behind_the_aid(
    database: Database, known: KnownDistrict
) -> None:
    from desktop_app.core.month import Month
    from desktop_app.reports.service import ReportKind, build_report

    with database.sessions() as session:
        report = build_report(session, kind=ReportKind.MONTHLY_XLSX, month=Month(2026, 11),
                              today=TODAY)  # fmt: skip
        session.commit()
    book = load_workbook(io.BytesIO(report.content))
    assert book.sheetnames == ["Ringkasan", "SKDN", "Sebaran status gizi", "Wilayah", "Posyandu",
                               "OPD", "Perlu perhatian", "Prevalensi", "Tren", "Hasil program",
                               "Bantuan per anak"]  # fmt: skip
    spread = list(book["Sebaran status gizi"].iter_rows(min_row=2, values_only=True))
    indicators = ("PB/U–TB/U", "BB/U", "BB/PB–BB/TB")
    assert {row[0] for row in spread} == set(indicators)
    by_indicator = {ind: sum(r[2] for r in spread if r[0] == ind) for ind in indicators}
    assert by_indicator == dict.fromkeys(indicators, 4)  # Ahmad, Bunga, Citra, Eka in Nov
    assert ("BB/U", "Berat badan sangat kurang", 1) in spread  # Eka, z -5,15
    aid = list(book["Bantuan per anak"].iter_rows(min_row=2, values_only=True))
    children = {row[0]: (row[4], row[8]) for row in aid if row[4]}
    assert children == {
        "Ahmad Fauzi": ("dibayar", 450_000), "Dedi Kurniawan": ("dibayar", 450_000),
        "Bunga Lestari": ("rencana", 450_000), "Citra Ayu": ("batal", 450_000),
    }  # fmt: skip
    totals = {row[0]: (row[7], row[8]) for row in aid if row[0] and row[0].startswith("Jumlah")}
    assert totals["Jumlah dibayar"] == ("2 anak", 900_000)
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(min_row=2, values_only=True)}
    paid = sum(amount for status, amount in children.values() if status == "dibayar")
    planned = sum(amount for status, amount in children.values() if status != "batal")
    assert summary["Bantuan sudah dibayar (Rp)"] == paid  # the rows add up to the summary
    assert summary["Bantuan direncanakan (Rp)"] == planned
    date_cell = next(r for r in book["Bantuan per anak"].iter_rows(min_row=2) if r[4].value
                     == "dibayar")[5]  # fmt: skip
    assert date_cell.value.date() == date(2026, 11, 25)
