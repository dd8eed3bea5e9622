"""The "Ditolak server" list on the sync page: a row the server refused is named with its
reason, nothing else is held back, and the row leaves the list once fixed and synced."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop_app.db.models import Child
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.sync import SyncPage
from tests.sync.conftest import add_area, add_child, edit_child, sync_laptop


@pytest.mark.postgres
def test_a_refused_child_is_listed_with_its_reason_until_fixed(qtbot, server_url, make_laptop):
    laptop = make_laptop("A")
    area = add_area(laptop)
    add_child(laptop, name="Budi", area=area)
    wrong = add_child(laptop, name="Ani Lestari", area=area)
    with laptop.engine.begin() as conn:  # a phone the forms would refuse, written behind them
        conn.execute(Child.__table__.update().where(Child.id == wrong).values(phone="12"))

    first = sync_laptop(laptop.sessions, server_url)
    assert first.refused == 1 and "ditolak server 1" in first.message()

    runner = OperationRunner(laptop.sessions)
    runner.synchronous = True
    page = SyncPage(runner)
    qtbot.addWidget(page)
    page.load()
    runner.wait_idle()
    table = page.refused.table
    assert page.refused.title() == "Ditolak server (1)"
    assert table.rowCount() == 1 and table.item(0, 0).text() == "Anak"
    reason = table.item(0, 1).text()
    assert "Ani Lestari" in reason and "telepon" in reason.lower()

    edit_child(laptop, wrong, phone="081234567890")
    assert sync_laptop(laptop.sessions, server_url).refused == 0
    page.refresh_lists()
    runner.wait_idle()
    assert page.refused.table.rowCount() == 0 and page.refused.empty_label.isVisibleTo(page)
    with laptop.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Child)) == 2
