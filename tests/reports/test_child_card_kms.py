"""The child card: exit date and reason, N/T at each month's weighing, visit place, aid history
and the KMS charts in the child's sex colour."""

from __future__ import annotations

from desktop_app.core.database import Database
from desktop_app.growth import Sex
from desktop_app.growth.tables import who_tables
from desktop_app.reports.child_card_data import build_child_card
from desktop_app.reports.kms_chart import SEX_COLOURS, ChartPoint, kms_chart, window
from desktop_app.reports.service import ReportKind, build_report
from tests.reports.builders import TODAY, KnownDistrict
from tests.reports.pdftext import pdf_text


def _card(database: Database, key: str, known: KnownDistrict) -> str:
    with database.sessions() as session:
        report = build_report(session, kind=ReportKind.CHILD, child_id=known.ids[key], today=TODAY)
        session.commit()
    return pdf_text(report.content)


def test_weighing_marks_follow_the_kbm_rule(database: Database, known: KnownDistrict) -> None:
    with database.sessions() as session:
        citra = build_child_card(session, child_id=known.ids["c3"], today=TODAY)
        ahmad = build_child_card(session, child_id=known.ids["c1"], today=TODAY)
    # Citra: first weighing in September (B), 100 g less in October (T), less again (2T).
    assert [v.mark for v in citra.visits] == ["B", "T", "2T"]
    # Ahmad: October first (B), +400 g in November (KBM at 30 months is 200 g): N.
    assert [v.mark for v in ahmad.visits] == ["B", "N"]
    assert [v.place for v in citra.visits] == ["rumah", "rumah", "rumah"]


def test_card_prints_marks_place_and_aid(database: Database, known: KnownDistrict) -> None:
    text = _card(database, "c1", known)
    assert "14 Nov 2026 30 11,4 84,6 N -2,18 Pendek" in text
    assert "Rumah: Budi" in text  # where, and who visited (clipped to the column)
    assert "E. Riwayat bantuan" in text
    assert "November 2026 Genting 2026 dibayar 25 Nov 2026 Transfer - Rp450.000" in text
    assert "Jumlah dibayar Rp450.000" in text
    assert "Tanggal keluar : Masih aktif" in text
    assert "KMS berat badan menurut umur (kg)" in text
    assert "Berat menurut tinggi badan (kg)" in text  # 30 months: by height
    assert "Berat menurut panjang badan (kg)" in _card(database, "c2", known)  # 20 months


def test_card_of_a_child_who_left(database: Database, known: KnownDistrict) -> None:
    text = _card(database, "moved", known)
    assert "Tanggal keluar : 15 Oktober 2026" in text
    assert "Alasan keluar : Pindah domisili" in text


def test_chart_colour_follows_sex_and_window_keeps_the_points() -> None:
    tables = who_tables()
    points = [ChartPoint(30.0, 11.0, "B"), ChartPoint(31.0, 11.4, "N")]
    for sex in (Sex.MALE, Sex.FEMALE):
        drawing = kms_chart("t", "x", tables.weight, sex, points, 200, 150,
                            x_range=(24, 48), x_step=6, by_age=True)  # fmt: skip
        frame = drawing.contents[0]
        assert frame.strokeColor == SEX_COLOURS[sex][0]
        marks = [s.text for s in drawing.contents if getattr(s, "text", None) in ("B", "N")]
        assert marks == ["B", "N"]
    assert SEX_COLOURS[Sex.MALE][0] != SEX_COLOURS[Sex.FEMALE][0]
    assert window([30.0, 31.0], (0, 60), 6, 24) == (24.0, 48.0)
    assert window([], (0, 60), 6, 24) == (0, 60)
    assert window([58.0], (0, 60), 6, 24) == (36.0, 60.0)
