"""The report is laid out on the render thread: saves are not kept waiting behind it.

Real DB worker and real render thread; the renderer is held at a gate so the test knows the
render is still running while it saves (no timing guesses).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from desktop_app.core import clock
from desktop_app.core.changes import Changes
from desktop_app.core.database import Database
from desktop_app.db.models import AuditEntry, Visit
from desktop_app.reports.service import ReportKind
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.reports import ReportsPage
from desktop_app.ui.reports import page as page_module
from desktop_app.visits.service import VisitForm, record_visit
from tests.reports.builders import KnownDistrict
from tests.ui.keys import choose_item, choose_month


class _GatedRenderer:
    """The page's real render step, held until ``release`` (set ``rendering`` on entry)."""

    def __init__(self) -> None:
        self.rendering = threading.Event()
        self.release = threading.Event()
        self.real = page_module._render_and_rasterise

    def __call__(self, data, progress):  # render thread
        self.rendering.set()
        self.release.wait(timeout=30)
        return self.real(data, progress)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[_GatedRenderer]:
    gated = _GatedRenderer()
    monkeypatch.setattr(page_module, "_render_and_rasterise", gated)
    yield gated
    gated.release.set()  # never leave the render thread waiting


@pytest.fixture
def page(qtbot, known: KnownDistrict, database: Database) -> Iterator[ReportsPage]:
    runner = OperationRunner(database.sessions)  # the real DB worker
    widget = ReportsPage(runner)
    qtbot.addWidget(widget)
    widget.show()
    choose_month(qtbot, widget.month, date(2026, 11, 1))
    choose_item(qtbot, widget.kind, ReportKind.GUARDIANS.value)
    yield widget
    widget.renderer.wait_idle()
    runner.wait_idle()


def _exports(database: Database) -> list[str]:
    with database.sessions() as session:
        query = select(AuditEntry.summary).where(AuditEntry.action == "export")
        return list(session.scalars(query))


def test_a_save_finishes_while_the_report_still_renders(
    qtbot, page: ReportsPage, gate: _GatedRenderer, known: KnownDistrict, database: Database
) -> None:
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(gate.rendering.is_set, timeout=20_000)
    saved: list[object] = []
    form = VisitForm(child_id=known.ids["c1"], visit_date=clock.today(), weight_kg=11.0)
    page.runner.write(lambda s: record_visit(s, form=form, confirm_implausible=True),
                      changes=Changes.VISITS, on_success=saved.append)  # fmt: skip
    qtbot.waitUntil(lambda: bool(saved), timeout=10_000)
    assert page.last_report is None and not page.build_button.isEnabled()  # still rendering
    assert _exports(database) == []  # the export is recorded only once the document exists
    gate.release.set()
    qtbot.waitUntil(lambda: page.last_report is not None, timeout=20_000)
    assert page.preview.page_count() == 1
    qtbot.waitUntil(lambda: _exports(database) == ["guardians 2026-11"], timeout=5_000)
    with database.sessions() as session:
        assert session.scalar(select(Visit.id).where(Visit.weight_kg == 11.0)) is not None


def test_cancel_during_the_render_records_nothing(
    qtbot, page: ReportsPage, gate: _GatedRenderer, database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    failures: list[Exception] = []
    monkeypatch.setattr(page_module, "show_failure", lambda _parent, error: failures.append(error))
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(gate.rendering.is_set, timeout=20_000)
    page._dialog.findChild(QPushButton).click()  # Batal
    gate.release.set()
    qtbot.waitUntil(lambda: page.build_button.isEnabled(), timeout=20_000)
    assert [str(e) for e in failures] == ["Dibatalkan oleh pengguna; tidak ada data yang diubah."]
    assert page.last_report is None and page.status.text() == "Laporan gagal dibuat."
    page.renderer.wait_idle()
    page.runner.wait_idle()
    assert _exports(database) == []


def test_a_save_finishes_while_the_report_data_is_still_read(
    qtbot, page: ReportsPage, known: KnownDistrict, database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """The report's read has a session of its own beside the DB worker (SQLite WAL lets a
    reader run beside the writer): a save does not wait for a 50,000-child read either."""
    reading, release = threading.Event(), threading.Event()
    real_read = page_module.read_report

    def gated_read(session, **kwargs):  # render thread
        reading.set()
        release.wait(timeout=30)
        return real_read(session, **kwargs)

    monkeypatch.setattr(page_module, "read_report", gated_read)
    try:
        qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(reading.is_set, timeout=20_000)
        saved: list[object] = []
        form = VisitForm(child_id=known.ids["c1"], visit_date=clock.today(), weight_kg=11.5)
        page.runner.write(lambda s: record_visit(s, form=form, confirm_implausible=True),
                          changes=Changes.VISITS, on_success=saved.append)  # fmt: skip
        qtbot.waitUntil(lambda: bool(saved), timeout=10_000)
        assert page.last_report is None  # the read is still held
    finally:
        release.set()
    qtbot.waitUntil(lambda: page.last_report is not None, timeout=20_000)
    qtbot.waitUntil(lambda: _exports(database) == ["guardians 2026-11"], timeout=5_000)
