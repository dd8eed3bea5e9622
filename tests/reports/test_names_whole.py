"""Names are printed whole (wrapped, never cut with "…"), and the child card's length charts plot
the length/height the z-score used (WHO's 0.7 cm position adjustment, on the curve of the age)."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from reportlab.lib.units import cm
from reportlab.platypus import SimpleDocTemplate
from sqlalchemy import select

from desktop_app.core.database import Database
from desktop_app.core.month import Month
from desktop_app.db.models import Child, Desa, Guardian, Opd, Visit
from desktop_app.growth import Measurement, Sex, assess
from desktop_app.reports.child_card import weight_for_length_points
from desktop_app.reports.child_card_data import build_child_card
from desktop_app.reports.service import ReportKind, build_report
from desktop_app.reports.tables import LongTable, grid_table, wrap_lines
from tests.reports.builders import TODAY, KnownDistrict, add_visit
from tests.reports.pdftext import pdf_pages, pdf_text

NOVEMBER = Month(2026, 11)
LONG_GUARDIAN = "Raden Ajeng Siti Nurhaliza Kusumawardhani Puspitasari Binti Abdurrahman"
LONG_OPD = (
    "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan "
    "Perlindungan Anak Kabupaten Belitung"
)


def _pdf(database: Database, kind: ReportKind, **kw) -> bytes:
    with database.sessions() as session:
        report = build_report(session, kind=kind, today=TODAY, **kw)
        session.commit()
    return report.content


def _rename(database: Database, model: type, old: str, new: str) -> None:
    with database.sessions() as session:
        session.execute(select(model).where(model.name == old)).scalar_one().name = new
        session.commit()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _in_order(words: list[str], text: str) -> bool:
    """Every word of a name, one after the other (a wrapped name's lines follow each other)."""
    found = _words(text)
    for start in range(len(found) - len(words) + 1):
        if found[start : start + len(words)] == words:
            return True
    return False


# -- the child card --------------------------------------------------------------------------


def _set_measure(database: Database, child_id, on: date, measure: str) -> None:
    with database.sessions() as session:
        visit = session.execute(
            select(Visit).where(Visit.child_id == child_id, Visit.visit_date == on)
        ).scalar_one()
        visit.measure = measure
        session.commit()


def test_card_charts_plot_the_adjusted_length_on_the_curve_of_the_age(
    database: Database, known: KnownDistrict
) -> None:
    # Bunga, 20 months, measured standing (80.0 cm): WHO's length is 80.7 cm.
    _set_measure(database, known.ids["c2"], date(2026, 11, 20), "h")
    # Ahmad, 30 months, measured lying in November (84.6 cm): WHO's height is 83.9 cm; a visit
    # at 23 months (a length) stays off his weight-for-height chart.
    _set_measure(database, known.ids["c1"], date(2026, 11, 14), "l")
    with database.sessions() as session:
        ahmad_child = session.get(Child, known.ids["c1"])
        add_visit(session, ahmad_child, date(2026, 4, 20), 10.2, 81.0)
        session.commit()
        bunga = build_child_card(session, child_id=known.ids["c2"], today=TODAY)
        ahmad = build_child_card(session, child_id=known.ids["c1"], today=TODAY)
    expected = assess(Measurement(Sex.FEMALE, bunga.visits[0].age_days, 9.5, 80.0, "h"))
    assert bunga.visits[0].lenhei_adjusted_cm == pytest.approx(expected.lenhei_adjusted_cm)
    assert bunga.visits[0].lenhei_adjusted_cm == pytest.approx(80.7)
    older, points = weight_for_length_points(bunga.visits)
    assert not older  # the weight-for-length curves
    assert [(round(p.x, 2), p.y, p.mark) for p in points] == [(80.7, 9.5, "*")]

    older, points = weight_for_length_points(ahmad.visits)
    assert older  # the weight-for-height curves: heights only, the 23-month length left out
    assert [(round(p.x, 2), p.y, p.mark) for p in points] == [(84.0, 11.0, ""), (83.9, 11.4, "*")]
    assert [v.age_days < 731 for v in ahmad.visits] == [True, False, False]


def test_card_prints_a_long_guardian_name_whole(database: Database, known: KnownDistrict) -> None:
    _rename(database, Guardian, "Budi Santoso", LONG_GUARDIAN)
    text = pdf_text(_pdf(database, ReportKind.CHILD, child_id=known.ids["c1"]))
    assert "…" not in text
    # The visit history's "Tempat / pendamping" cell wraps: "Rumah:" and the whole name.
    assert text.count("Raden Ajeng") == 3  # identity, and each of the two visits
    assert _in_order(_words("Rumah: " + LONG_GUARDIAN), text)


# -- the monthly summary and the guardian report -----------------------------------------------


def _word_boxes(pdf: bytes, tmp_path: Path) -> list[tuple[str, float, float, int]]:
    """(word, x right edge, y top, page) of every word (pdftotext -bbox)."""
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    boxes, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(r'xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', line)
        if found:
            boxes.append((found.group(3), float(found.group(1)), float(found.group(2)), page))
    return boxes


def test_monthly_opd_names_wrap_and_the_totals_stay_in_their_columns(
    database: Database, known: KnownDistrict, tmp_path: Path
) -> None:
    _rename(database, Opd, "Dinas Kesehatan", LONG_OPD)
    pdf = _pdf(database, ReportKind.MONTHLY, month=NOVEMBER)
    text = pdf_text(pdf)
    section = text.split("H. Rincian per OPD")[1].split("I. Anak yang perlu perhatian")[0]
    assert "…" not in section
    assert all(word in section for word in _words(LONG_OPD))
    # Right edges of the four counts: the long OPD's row, and the total row, line up.
    boxes = _word_boxes(pdf, tmp_path)
    dinkes = next(b for b in boxes if b[0] == "DINKES")
    total = next(b for b in boxes if b[0] == "Jumlah" and b[3] == dinkes[3] and b[2] > dinkes[2])

    def counts(on: tuple[str, float, float, int]) -> list[int]:
        return [round(b[1]) for b in boxes if b[0].isdigit() and (b[2], b[3]) == on[2:]]

    assert len(counts(dinkes)) == 4  # on the row's middle line, beside the wrapped name
    assert counts(dinkes) == counts(total)


def test_guardian_report_prints_long_names_and_offices_whole(
    database: Database, known: KnownDistrict
) -> None:
    _rename(database, Guardian, "Budi Santoso", LONG_GUARDIAN)
    _rename(database, Opd, "Dinas Kesehatan", LONG_OPD)
    text = pdf_text(_pdf(database, ReportKind.GUARDIANS, month=NOVEMBER))
    assert "…" not in text
    assert all(word in text for word in _words(LONG_GUARDIAN))
    # Section A's row, and section B's group heading over Budi's and Sari's rows.
    assert text.count("Perlindungan") == 2
    assert _in_order(_words(LONG_OPD + " 2 " + LONG_GUARDIAN), text)


def test_monthly_area_names_wrap(database: Database, known: KnownDistrict) -> None:
    long_desa = "Air Saga Tanjung Pendam Kelapa Kampit Sijuk Membalong Selat Nasik Badau Raya"
    _rename(database, Desa, "Air Saga", long_desa)
    text = pdf_text(_pdf(database, ReportKind.MONTHLY, month=NOVEMBER))
    assert "…" not in text
    section = text.split("F. Rincian per kecamatan")[1].split("G. SKDN")[0]
    assert _in_order(_words(long_desa), section)


# -- the long table ----------------------------------------------------------------------------


def test_long_table_wraps_names_and_still_loses_no_row() -> None:
    name = "Muhammad Rizky Alfarizi Pratama Saputra Wijayakusuma"
    rows = [[str(i), f"{name} {i}", "Air Saga"] for i in range(1, 301)]
    buffer = io.BytesIO()
    table = LongTable(["No", "Nama", "Desa"], rows, [1 * cm, 3 * cm, 3 * cm], wrap=(1,))
    assert len(wrap_lines(rows[0][1], 3 * cm - 6)) == 4  # a four-line row
    assert table.heights[0] == pytest.approx(13 + 3 * 9.5)
    SimpleDocTemplate(buffer).build([table])
    pages = pdf_pages(buffer.getvalue())
    text = " ".join(pages)
    assert "…" not in text
    assert len(re.findall(r"Wijayakusuma (\d+)", text)) == 300
    assert [int(n) for n in re.findall(r"Wijayakusuma (\d+)", text)] == list(range(1, 301))
    assert all(page.strip().startswith("No Nama Desa") for page in pages)


def test_wrap_lines_breaks_a_word_wider_than_the_column() -> None:
    lines = wrap_lines("Abdurrahmanwahidsuryanegarakusuma", 40)
    assert "".join(lines) == "Abdurrahmanwahidsuryanegarakusuma" and len(lines) > 1


def test_grid_table_wraps_only_its_name_columns() -> None:
    rows = [[LONG_OPD, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"], ["Bappeda", "B"]]
    table = grid_table(["Nama", "Kode"], rows, [4 * cm, 1.5 * cm], wrap=(0,))
    name, code = table._cellvalues[1]
    assert name.text == LONG_OPD  # a Paragraph, whole
    assert code.endswith("…")  # a code is not a name: clipped to one line
    assert table._cellvalues[2] == ["Bappeda", "B"]  # a short name stays plain text


def test_payment_list_wraps_a_long_name_and_prints_a_cut_one_whole_under_the_list(
    database: Database, known: KnownDistrict
) -> None:
    two_lines = "Muhammad Rizky Alfarizi Pratama Saputra Wijayakusuma Hadiningrat"
    too_long = " ".join([two_lines] * 3)
    _rename(database, Child, "Ahmad Fauzi", two_lines)
    _rename(database, Child, "Dedi Kurniawan", too_long)
    text = pdf_text(_pdf(database, ReportKind.PAYMENTS, month=NOVEMBER))
    listed = text.split("Nama yang dipendekkan")[0]
    assert _in_order(_words(two_lines), listed)  # on two lines in its row, whole
    assert listed.count("…") == 1  # the one name even three lines cannot hold
    assert "Nama yang dipendekkan (…) pada daftar, selengkapnya:" in text
    assert re.search(r"No\. \d: " + re.escape(too_long), text)


def test_round_sheet_prints_long_names_whole_in_its_fixed_rows(database: Database) -> None:
    import uuid

    from desktop_app.followup.facts import Place
    from desktop_app.followup.lists import FollowUpRow
    from desktop_app.followup.round_sheet import build_round_sheet
    from desktop_app.followup.round_sheet_pdf import RoundSheetRenderer

    child = "Muhammad Rizky Alfarizi Pratama Saputra Wijayakusuma"
    mother = "Siti Nurhaliza Kusumawardhani Puspitasari"
    place = Place(None, "Membalong", None, None, "Melati", mother, "081234567890", "0819876543210")
    rows = [FollowUpRow(uuid.uuid4(), child, "Air Saga", LONG_GUARDIAN, date(2026, 11, 2),
                        "Belum dikunjungi", place)]  # fmt: skip
    with database.sessions() as session:
        sheet = build_round_sheet(session, rows=rows, list_title="Belum dikunjungi bulan ini",
                                  date_title="Kunjungan terakhir", month=date(2026, 12, 1),
                                  area_label="Semua wilayah", today=TODAY)  # fmt: skip
    renderer = RoundSheetRenderer()
    text = pdf_text(renderer.render(sheet))
    assert "…" not in text
    assert _in_order(_words(f"{child} Ibu: {mother}"), text)
    assert _in_order(_words(f"{LONG_GUARDIAN} 0819876543210"), text)
    cell = renderer._names(LONG_GUARDIAN, "0819876543210", 3 * cm)
    assert cell.style.fontSize < 8  # shrunk to fit the row's three lines
    _, height = cell.wrap(3 * cm, 100)
    assert height <= 1.1 * cm - 6
    # Three lines (a name, and the mother's on two) still fit at the table's own 8 pt.
    three = renderer._names("Almira Fitriani", "Mother: Erna Anggraini", 2.4 * cm)
    assert three.style.fontSize == 8
    assert three.wrap(2.4 * cm, 100)[1] == pytest.approx(3 * 8.3)


def test_round_sheet_counts_its_children_in_the_language_shown(database: Database) -> None:
    import uuid

    from desktop_app.core.i18n import set_language
    from desktop_app.followup.lists import FollowUpRow
    from desktop_app.followup.round_sheet import build_round_sheet
    from desktop_app.followup.round_sheet_pdf import RoundSheetRenderer

    rows = [FollowUpRow(uuid.uuid4(), name, "Air Saga", "Budi", None, "-")
            for name in ("Ani", "Budi")]  # fmt: skip
    set_language("en")
    try:
        with database.sessions() as session:
            sheet = build_round_sheet(session, rows=rows, list_title="Not visited",
                                      date_title="Last visit", month=date(2026, 12, 1),
                                      area_label="All areas", today=TODAY)  # fmt: skip
        text = pdf_text(RoundSheetRenderer().render(sheet))
    finally:
        set_language("id")
    assert "(2 children)" in text and "anak" not in text


def test_kms_chart_sd_labels_never_overlap() -> None:
    from reportlab.graphics.shapes import String

    from desktop_app.growth.tables import who_tables
    from desktop_app.reports.kms_chart import ChartPoint, kms_chart

    # Weight-for-length at 45-65 cm with a heavy child: the y axis reaches 20 kg and the SD lines
    # end 3-5 pt apart (their labels overlapped before).
    drawing = kms_chart("t", "x", who_tables().wfl, Sex.MALE, [ChartPoint(60, 20.0)], 234, 164,
                        x_range=(45, 65), x_step=5, by_age=False)  # fmt: skip
    labels = sorted(s.y for s in drawing.contents if isinstance(s, String) and s.x > 200
                    and s.text in ("-3", "-2", "-1", "0", "+1", "+2", "+3"))  # fmt: skip
    assert len(labels) == 7
    assert min(b - a for a, b in zip(labels, labels[1:], strict=False)) >= 6.5 - 1e-9


@pytest.mark.parametrize("language", ["id", "en"])
def test_round_sheet_column_titles_fit_their_columns(language: str) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from desktop_app.core.i18n import _, set_language
    from desktop_app.followup.round_sheet_pdf import COLUMN_WIDTHS, RoundSheetRenderer
    from desktop_app.reports.fonts import CONDENSED_BOLD, register_fonts

    register_fonts()
    set_language(language)
    try:
        titles = RoundSheetRenderer.header(_("Kunjungan terakhir OTA"))
    finally:
        set_language("id")
    for title, width in zip(titles, COLUMN_WIDTHS, strict=True):
        lines = title.split("\n")
        assert len(lines) <= 2
        assert all(stringWidth(line, CONDENSED_BOLD, 8) <= width - 4 for line in lines), title


@pytest.mark.parametrize("language", ["id", "en"])
def test_guardian_list_titles_and_values_fit_their_columns(
    database: Database, known: KnownDistrict, language: str
) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from desktop_app.core.i18n import set_language
    from desktop_app.reports.fonts import CONDENSED, CONDENSED_BOLD
    from desktop_app.reports.guardian_activity import GuardianActivityRenderer
    from desktop_app.reports.service import read_report

    set_language(language)
    try:
        with database.sessions() as session:
            data = read_report(session, kind=ReportKind.GUARDIANS, month=NOVEMBER, today=TODAY)
        renderer = GuardianActivityRenderer()
        table = renderer._per_guardian(data.data)[1]
    finally:
        set_language("id")
    assert isinstance(table, LongTable)
    for j, (title, width) in enumerate(zip(table.header, table.col_widths, strict=True)):
        assert all(stringWidth(t, CONDENSED_BOLD, 8) <= width - 4 for t in title.split("\n"))
        if j not in table.wrap_columns:
            cells = [r[j] for r in table.rows if len(r) > 1]  # not the OPD group headings
            assert cells and all(stringWidth(c, CONDENSED, 8) <= width - 6 for c in cells)


@pytest.mark.parametrize("language", ["id", "en"])
def test_child_card_history_titles_fit_their_columns(
    database: Database, known: KnownDistrict, language: str
) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from desktop_app.core.i18n import set_language
    from desktop_app.reports.child_card import ChildCardRenderer
    from desktop_app.reports.fonts import CONDENSED_BOLD

    set_language(language)
    try:
        with database.sessions() as session:
            card = build_child_card(session, child_id=known.ids["c3"], today=TODAY)
        table = ChildCardRenderer()._history(card)[1]
    finally:
        set_language("id")
    assert isinstance(table, LongTable)
    for title, width in zip(table.header, table.col_widths, strict=True):
        assert all(stringWidth(t, CONDENSED_BOLD, 8) <= width - 4 for t in title.split("\n"))


def test_long_table_group_headings_span_the_table_and_go_on_with_their_rows() -> None:
    rows: list[list[str]] = []
    for g in range(1, 41):
        rows.append([f"Dinas Nomor {g} " + "Pemberdayaan Perempuan dan Perlindungan Anak " * 3])
        rows += [[str(i), f"Anak {g}-{i}", "Air Saga"] for i in range(1, 6)]
    buffer = io.BytesIO()
    table = LongTable(["No", "Nama", "Desa"], rows, [1 * cm, 4 * cm, 3 * cm])
    assert table.heights[0] > 13  # the long heading wraps over the table's 8 cm
    SimpleDocTemplate(buffer).build([table])
    pages = pdf_pages(buffer.getvalue())
    assert len(pages) > 1 and "…" not in " ".join(pages)
    for page in pages:
        body = page.split("No Nama Desa", 1)[1]
        # A page never ends on a heading: its last row is a child.
        assert re.search(r"Anak \d+-\d+ Air Saga\s*$", body.strip())
    names = re.findall(r"Anak (\d+)-(\d+)", " ".join(pages))
    assert len(names) == 200


def test_grid_table_wraps_a_title_wider_than_its_column() -> None:
    table = grid_table(["Number of\nchildren", "Total"], [["1", "2"]], [1.4 * cm, 3 * cm])
    title, short = table._cellvalues[0]
    assert short == "Total"  # fits: kept as it is
    assert title.text == "Number of<br/>children"  # a paragraph: wraps inside the column
    _, height = title.wrap(1.4 * cm - 6, 100)
    assert height == pytest.approx(3 * 9)  # "Number" / "of" / "children"
