"""Tutup bulan on the Laporan page: an Admin closes the chosen month with the button; the page
opens on the last full month, says what state a month is in, and a future month is refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop_app.core import clock
from desktop_app.core.database import Database
from desktop_app.core.month import Month
from desktop_app.db.models import MonthClosure
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.reports import ReportsPage
from desktop_app.ui.reports import page as page_module
from tests.reports.builders import KnownDistrict
from tests.reports.pdftext import pdf_text
from tests.ui.keys import choose_month

DECEMBER_5 = date(2026, 12, 5)


@pytest.fixture
def on_december_5() -> Iterator[None]:
    with clock.using(clock.PinnedDayClock(DECEMBER_5)):
        yield


@pytest.fixture
def runner(qapp, database: Database) -> Iterator[OperationRunner]:
    op_runner = OperationRunner(database.sessions)
    op_runner.synchronous = True
    yield op_runner
    op_runner.wait_idle()


def _page(qtbot, runner: OperationRunner) -> ReportsPage:
    widget = ReportsPage(runner)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_admin_closes_the_last_full_month_with_the_button(
    qtbot, runner: OperationRunner, database: Database, known: KnownDistrict, on_december_5,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    asked: list[str] = []
    monkeypatch.setattr(page_module, "ask",
                        lambda _p, _t, text, **_k: asked.append(text) or True)  # fmt: skip
    monkeypatch.setattr(page_module, "show_info", lambda *_a, **_k: None)
    page = _page(qtbot, runner)
    assert page.month.value() == date(2026, 11, 1)  # the last full month, not December
    assert "November 2026 sudah selesai dan belum ditutup" in page.month_state.text()
    assert page.close_month_button.isVisible() and page.close_month_button.isEnabled()
    qtbot.mouseClick(page.close_month_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "sudah ditutup" in page.month_state.text())
    assert "Tutup bulan November 2026?" in asked[0]
    with database.sessions() as session:
        assert session.scalars(select(MonthClosure.month)).all() == [date(2026, 11, 1)]
    assert not page.close_month_button.isEnabled()
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_report is not None)
    assert "Bulan sudah ditutup oleh" in pdf_text(page.last_report.content)

    choose_month(qtbot, page.month, date(2026, 12, 1))
    qtbot.waitUntil(lambda: "masih berjalan" in page.month_state.text())
    assert not page.close_month_button.isEnabled()


def test_future_month_is_refused_with_a_message(
    qtbot, runner: OperationRunner, known: KnownDistrict, on_december_5,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    told: list[str] = []
    monkeypatch.setattr(page_module, "show_failure", lambda _p, error: told.append(str(error)))
    page = _page(qtbot, runner)
    choose_month(qtbot, page.month, date(2027, 3, 1))
    qtbot.waitUntil(lambda: "belum dimulai" in page.month_state.text())
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told))
    assert "Maret 2027 belum dimulai: laporannya belum dapat dibuat" in told[0]
    assert page.last_report is None


def test_close_button_is_hidden_from_an_operator(
    qtbot, runner: OperationRunner, known: KnownDistrict, on_december_5
) -> None:
    runner.role = "operator"
    page = _page(qtbot, runner)
    assert not page.close_month_button.isVisible()
    assert Month.of(page.month.value()) == Month(2026, 11)
