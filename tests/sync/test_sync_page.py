"""The Sinkronisasi page driven as a user does (synchronous runner, real widgets)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop_app.core.database import Database
from desktop_app.db.models import Child, Visit
from desktop_app.settings.store import get_settings
from desktop_app.sync.change_log import count_pending, get_state, set_state
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.sync import SyncPage
from desktop_app.ui.widgets import messages
from tests.sync.conftest import add_area, add_child, edit_child, sync_laptop

NIK = "1902015705240001"


@pytest.fixture
def laptop(make_laptop) -> Database:
    return make_laptop("A")


@pytest.fixture
def page(qtbot, laptop: Database) -> Iterator[SyncPage]:
    runner = OperationRunner(laptop.sessions)
    runner.synchronous = True
    widget = SyncPage(runner)
    qtbot.addWidget(widget)
    yield widget
    runner.wait_idle()


@pytest.fixture
def told(monkeypatch) -> list[str]:
    """Texts of the message boxes the page showed (answered with their first button)."""
    texts: list[str] = []

    def run_box(box):
        texts.append(box.text())
        return box.buttonRole(box.buttons()[0])

    monkeypatch.setattr(messages, "run_box", run_box)
    return texts


@pytest.mark.postgres
def test_sinkronkan_updates_the_summary_and_saves_the_address(
    qtbot, page, laptop, make_laptop, server_url
):
    other = make_laptop("B")
    add_child(other, name="Budi", area=add_area(other, kecamatan="Badau"))
    sync_laptop(other.sessions, server_url)  # 4 rows for this laptop to pull
    add_child(laptop, name="Siti", area=add_area(laptop))
    with laptop.sessions() as session:
        to_send = count_pending(session.connection())

    page.server_edit.clear()
    qtbot.keyClicks(page.server_edit, server_url)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)

    summary = re.fullmatch(
        r"Dikirim (\d+) baris, diterima 4 baris, 0 konflik", page.summary_label.text()
    )
    assert summary and int(summary[1]) >= to_send  # (+ the audit entry of saving the address)
    assert page.sync_button.isEnabled()
    with laptop.sessions() as session:
        assert get_settings(session).sync_server_url == server_url


def test_unreachable_server_is_told_and_the_page_stays_usable(qtbot, page, told):
    qtbot.keyClicks(
        page.server_edit, "postgresql+psycopg://postgres@127.0.0.1:1/x?connect_timeout=2"
    )
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert page.summary_label.text() == "Sinkronisasi gagal."
    assert told and "tidak dapat dihubungi" in told[0]
    assert page.sync_button.isEnabled()


def test_export_then_import_on_another_laptop(qtbot, page, laptop, make_laptop, tmp_path):
    add_child(laptop, name="Siti", area=add_area(laptop))
    path = tmp_path / "kirim.asuhsync"
    page.choose_export_path = lambda: path
    page.ask_password = lambda _title, _label: "kunci-kabupaten-2026"
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert path.exists() and page.summary_label.text().startswith("Berkas kirim.asuhsync berisi ")

    office = make_laptop("kantor")
    office_runner = OperationRunner(office.sessions)
    office_runner.synchronous = True
    office_page = SyncPage(office_runner)
    qtbot.addWidget(office_page)
    office_page.choose_import_path = lambda: path
    asked: list[str] = []
    office_page.ask_password = lambda title, _label: asked.append(title) or "kunci-kabupaten-2026"
    qtbot.mouseClick(office_page.import_button, Qt.MouseButton.LeftButton)
    assert asked == ["Impor berkas sinkron"]  # the file is encrypted
    assert office_page.summary_label.text().endswith(", 0 konflik")
    with office.sessions() as session:
        assert session.scalars(select(Child.name)).all() == ["Siti"]


def test_refused_file_is_told_and_changes_nothing(qtbot, page, laptop, told, tmp_path: Path):
    bad = tmp_path / "rusak.asuhsync"
    bad.write_bytes(b"PK\x03\x04 bukan berkas")
    page.choose_import_path = lambda: bad
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert told and "tidak dapat dibaca" in told[0]
    with laptop.sessions() as session:
        assert session.scalars(select(Child)).all() == []


def test_gabungkan_merges_the_duplicate_into_the_selected_child(qtbot, page, laptop, told):
    area = add_area(laptop)
    keep = add_child(laptop, name="Siti Aminah", area=area, nik=NIK)
    other = add_child(laptop, name="Siti Aminah", area=area, nik=NIK)
    with laptop.sessions() as session:
        session.add(Visit(child_id=other, visit_date=date(2025, 2, 3), weight_kg=8.0))
        session.commit()
    page.refresh_lists()
    table = page.duplicates.table
    assert table.rowCount() == 2 and not page.duplicates.merge_button.isEnabled()
    table.selectRow(0)
    qtbot.mouseClick(page.duplicates.merge_button, Qt.MouseButton.LeftButton)

    assert "Pertahankan data Siti Aminah" in told[0]
    assert page.duplicates.empty_label.isVisibleTo(page)
    with laptop.sessions() as session:
        assert session.get(Child, other).deleted_at is not None
        assert session.scalars(select(Visit.child_id)).all() == [keep]


@pytest.mark.postgres
def test_konflik_data_lists_a_conflict_and_restores_the_set_aside_version(
    qtbot, page, laptop, make_laptop, server_url, told
):
    other = make_laptop("B")
    siti = add_child(laptop, name="Siti", area=add_area(laptop))
    sync_laptop(laptop.sessions, server_url)
    sync_laptop(other.sessions, server_url)
    edit_child(other, siti, name="Siti B")
    edit_child(laptop, siti, name="Siti A")  # later: kept
    sync_laptop(other.sessions, server_url)
    sync_laptop(laptop.sessions, server_url)

    page.refresh_lists()
    table = page.conflicts.table
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == "Anak"
    assert table.item(0, 1).text() == "name: Siti A / Siti B"
    table.selectRow(0)
    qtbot.mouseClick(page.conflicts.restore_button, Qt.MouseButton.LeftButton)
    assert page.conflicts.empty_label.isVisibleTo(page)
    with laptop.sessions() as session:
        assert session.get(Child, siti).name == "Siti B"


def test_choosing_a_scope_saves_it_and_resets_the_child_cursors(qtbot, page, laptop):
    north = add_area(laptop, kecamatan="Utara")
    add_area(laptop, kecamatan="Selatan")
    with laptop.sessions() as session:
        set_state(session.connection(), "pull_seq:children", "41")
        session.commit()
    page.load()
    labels = [page.scope_combo.itemText(i) for i in range(page.scope_combo.count())]
    assert labels == [
        "Seluruh kabupaten",
        "Kecamatan Selatan",
        "Kecamatan Utara",
        "Posyandu Posyandu Selatan (Desa Selatan, Selatan)",
        "Posyandu Posyandu Utara (Desa Utara, Utara)",
    ]
    page.scope_combo.setCurrentIndex(2)
    page.scope_combo.activated.emit(2)  # what a user's pick emits

    with laptop.sessions() as session:
        settings = get_settings(session)
        assert settings.sync_scope_kecamatan_id == str(north["kecamatan"])
        assert settings.sync_scope_posyandu_id == ""
        assert get_state(session.connection(), "pull_seq:children") == "0"


def test_files_go_through_the_worker_and_the_side_thread(qtbot, laptop, make_laptop, tmp_path):
    """The real threads: the file is written and read off the DB worker, merged on it."""
    add_child(laptop, name="Siti", area=add_area(laptop))
    path = tmp_path / "kirim.asuhsync"
    pages = []
    for database in (laptop, make_laptop("kantor")):
        widget = SyncPage(OperationRunner(database.sessions))  # not synchronous
        qtbot.addWidget(widget)
        widget.choose_export_path = widget.choose_import_path = lambda: path
        widget.ask_password = lambda _title, _label: "kunci-kabupaten-2026"
        pages.append(widget)
    sender, office = pages
    qtbot.mouseClick(sender.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sender.summary_label.text().startswith("Berkas kirim"), timeout=20_000)
    with laptop.sessions() as session:
        assert get_state(session.connection(), "file_export_seq", "0") != "0"  # cursor moved
    qtbot.mouseClick(office.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: office.summary_label.text().endswith(", 0 konflik"), timeout=20_000)
    with office.runner.sessions() as session:
        assert session.scalars(select(Child.name)).all() == ["Siti"]
    for widget in pages:
        widget.side_thread.wait_idle()
        widget.runner.wait_idle()
    QApplication.processEvents()  # deliver the lists' last reads before the pages close


def test_the_sync_page_shows_the_plain_message(qtbot, page, told) -> None:
    """A driver's text would read "(psycopg.OperationalError) connection failed: ..."."""
    qtbot.keyClicks(page.server_edit, "postgresql+psycopg://asuh@127.0.0.1:1/x?connect_timeout=2")
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert page.server_name_label.text() == "127.0.0.1:1"
    assert told == ["Server 127.0.0.1:1 tidak dapat dihubungi, periksa koneksi."]
    assert page.summary_label.text() == "Sinkronisasi gagal."
