"""The Laporan page, driven as a user would: choose, build, preview, save, print."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.database import Database
from desktop_app.reports.service import ReportKind
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.reports import ReportsPage
from desktop_app.ui.reports import page as page_module
from desktop_app.ui.widgets import messages, saved_file
from tests.reports.builders import KnownDistrict
from tests.reports.pdftext import pdf_text
from tests.ui.keys import type_date


@pytest.fixture
def runner(qapp, database: Database) -> Iterator[OperationRunner]:
    op_runner = OperationRunner(database.sessions)
    op_runner.synchronous = True
    yield op_runner
    op_runner.wait_idle()


@pytest.fixture
def page(qtbot, runner: OperationRunner, known: KnownDistrict) -> ReportsPage:
    widget = ReportsPage(runner)
    qtbot.addWidget(widget)
    type_date(qtbot, widget.month, "November 2026")
    return widget


def _role(box: QMessageBox, text: str) -> QMessageBox.ButtonRole:
    """Answer ``box`` as a click on its button ``text`` would."""
    return box.buttonRole(next(b for b in box.buttons() if b.text() == text))


def _choose(page: ReportsPage, kind: ReportKind) -> None:
    page.kind.setCurrentIndex(page.kind.findData(kind.value))


def test_build_preview_and_save_monthly(qtbot, page: ReportsPage, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    assert not page.save_button.isEnabled() and not page.print_button.isEnabled()
    assert page.programme.count() == 2  # "Semua program" + Genting 2026
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert page.preview.page_count() >= 2
    assert "halaman" in page.status.text()
    target = tmp_path / "laporan"
    monkeypatch.setattr(page, "ask_save_path", lambda suggested: str(target))
    boxes: list[QMessageBox] = []
    opened: list[Path] = []
    monkeypatch.setattr(
        messages, "run_box", lambda box: boxes.append(box) or _role(box, "Buka folder")
    )
    monkeypatch.setattr(saved_file, "open_path", lambda path: opened.append(path) or True)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = target.with_name("laporan.pdf").read_bytes()  # suffix added
    assert "Cakupan pendampingan 66,7%" in pdf_text(saved)
    # Then the file can be opened from where it was saved: "Buka folder" opens its folder.
    assert sorted(b.text() for b in boxes[0].buttons()) == ["Buka berkas", "Buka folder", "Tutup"]
    assert str(target.with_name("laporan.pdf")) in boxes[0].text()
    assert opened == [tmp_path]


def test_child_card_needs_a_child(qtbot, page: ReportsPage,
                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    told: list[str] = []
    monkeypatch.setattr(page_module, "show_error", lambda _p, text, **_k: told.append(text))
    _choose(page, ReportKind.CHILD)
    assert page.child.isVisible() or not page.isVisible()
    assert not page.month.isEnabled()
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert told == ["Pilih anak untuk kartu anak."]
    qtbot.keyClicks(page.child.search, "citra")
    page.child.refresh()
    assert page.child.results.count() == 1
    page.child.results.setCurrentRow(0)
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert page.last_report is not None and page.last_report.kind is ReportKind.CHILD
    assert "Citra Ayu" in pdf_text(page.last_report.content)


def test_print_sends_every_page(qtbot, page: ReportsPage, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    _choose(page, ReportKind.PAYMENTS)
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(72)
    told: list[str] = []
    monkeypatch.setattr(page_module, "ask_printer", lambda _parent, _n: printer)
    monkeypatch.setattr(page_module, "show_info", lambda _p, text, **_k: told.append(text))
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert told == ["1 halaman dikirim ke pencetak."]
    assert (tmp_path / "printed.pdf").stat().st_size > 1000


def test_excel_has_no_preview_but_saves(qtbot, page: ReportsPage, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    _choose(page, ReportKind.MONTHLY_XLSX)
    assert page.save_button.text() == "Simpan Excel…"
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert not page.print_button.isEnabled()
    monkeypatch.setattr(page, "ask_save_path", lambda s: str(tmp_path / s))
    opened: list[Path] = []
    monkeypatch.setattr(messages, "run_box", lambda box: _role(box, "Buka berkas"))
    monkeypatch.setattr(saved_file, "open_path", lambda path: opened.append(path) or True)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "laporan-bulanan-2026-11.xlsx").read_bytes()[:2] == b"PK"
    assert opened == [tmp_path / "laporan-bulanan-2026-11.xlsx"]


def test_real_worker_thread(qtbot, known: KnownDistrict, database: Database) -> None:
    runner = OperationRunner(database.sessions)
    widget = ReportsPage(runner)
    qtbot.addWidget(widget)
    type_date(qtbot, widget.month, "November 2026")
    _choose(widget, ReportKind.GUARDIANS)
    qtbot.mouseClick(widget.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.last_report is not None, timeout=20_000)
    assert widget.preview.page_count() == 1
    runner.wait_idle()


def test_payment_list_signs_paid_rows_unless_all_are_asked_for(qtbot, page: ReportsPage) -> None:
    _choose(page, ReportKind.PAYMENTS)
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert page.last_report is not None
    text = pdf_text(page.last_report.content)
    assert "Ahmad Fauzi" in text and "Bunga Lestari" not in text
    qtbot.mouseClick(page.all_payments, Qt.MouseButton.LeftButton)
    assert page.all_payments.isChecked()
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    text = pdf_text(page.last_report.content)
    assert "Bunga Lestari" in text and "Citra Ayu" in text
