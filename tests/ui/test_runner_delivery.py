"""A result whose page closed while the job ran is dropped, not delivered to a dead widget."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLabel

from desktop_app.ui.ops import OperationRunner


class _Page(QLabel):
    def show_count(self, count: int) -> None:
        self.setText(str(count))


def test_a_closed_page_does_not_receive_its_read(qtbot, database) -> None:
    runner = OperationRunner(database.sessions)  # the real worker thread
    page, other = _Page(), _Page()
    gate = threading.Event()
    failures: list[str] = []
    runner.failed.connect(failures.append)

    def slow_count(_session) -> int:
        gate.wait(10)
        return 7

    runner.read(slow_count, on_success=page.show_count)
    runner.read(lambda _session: 3, on_success=other.show_count)
    page.deleteLater()  # the person leaves the page while its read runs
    qtbot.waitUntil(lambda: not _alive(page), timeout=5_000)
    gate.set()
    qtbot.waitUntil(lambda: other.text() == "3", timeout=10_000)  # later jobs still delivered
    assert failures == []


def _alive(widget: QLabel) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
