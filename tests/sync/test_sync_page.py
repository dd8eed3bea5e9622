"""The Sinkronisasi page driven as a user does (synchronous runner, real widgets)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop_app.core.changes import Changes
from desktop_app.core.database import Database
from desktop_app.db.models import Child, Visit
from desktop_app.server.client import ServerUnreachable
from desktop_app.sync import service
from desktop_app.sync.change_log import get_state
from desktop_app.sync.identity import load_identity
from desktop_app.sync.service import SyncError
from desktop_app.ui.ops import OperationRunner
from desktop_app.ui.sync import SyncPage
from desktop_app.ui.widgets import messages
from tests.sync.conftest import add_area, add_child, edit_child
from tests.sync.enrolment import CODE, FINGERPRINT, SERVER, FakeServer
from tests.sync.test_files import PASSWORD, export, import_

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


def enrol_page(qtbot, database: Database, server: FakeServer, *, role: str | None = None):
    runner = OperationRunner(database.sessions)
    runner.synchronous = True
    runner.role = role
    widget = SyncPage(runner, client_factory=server)
    qtbot.addWidget(widget)
    return widget


def type_enrolment(qtbot, page: SyncPage, *, server: str, fingerprint: str, code: str) -> None:
    form = page.server.form
    qtbot.keyClicks(form.server_edit, server)
    qtbot.keyClicks(form.fingerprint_edit, fingerprint)
    qtbot.keyClicks(form.code_edit, code)
    qtbot.mouseClick(form.enrol_button, Qt.MouseButton.LeftButton)


def test_daftarkan_laptop_keeps_the_identity_and_shows_it(qtbot, database, told):
    area = add_area(database, kecamatan="Membalong")
    server = FakeServer(name="Laptop Puskesmas Membalong",
                        scope={"kecamatan": [str(area["kecamatan"])]})  # fmt: skip
    page = enrol_page(qtbot, database, server)
    assert page.server.stack.currentWidget() is page.server.form
    assert not page.sync_button.isVisibleTo(page)  # nothing to sync with yet

    type_enrolment(qtbot, page, server=SERVER, fingerprint=":".join(["AB"] * 32), code=CODE)

    assert told == []
    [claim] = server.claims
    assert (claim.server, claim.fingerprint, claim.code) == (SERVER, FINGERPRINT, CODE)
    with database.sessions() as session:
        identity = load_identity(session)
    assert identity is not None and identity.name == "Laptop Puskesmas Membalong"
    assert page.server.stack.currentWidget() is page.server.view
    assert page.server.server_label.text() == SERVER
    assert page.server.device_label.text() == "Laptop Puskesmas Membalong"
    assert page.server.scope_label.text() == "Kecamatan Membalong"
    assert page.sync_button.isVisibleTo(page)
    assert page.server.form.code_edit.text() == ""  # the spent code is not kept on screen


def test_an_unreachable_server_is_told_in_indonesian(qtbot, database, told):
    unreachable = ServerUnreachable("Server tidak dapat dihubungi, periksa koneksi")
    page = enrol_page(qtbot, database, FakeServer(error=unreachable))
    type_enrolment(qtbot, page, server=SERVER, fingerprint=FINGERPRINT, code=CODE)

    assert told == ["Server tidak dapat dihubungi, periksa koneksi"]
    assert page.server.form.problem_label.text() == told[0]
    assert page.server.stack.currentWidget() is page.server.form
    assert page.server.form.enrol_button.isEnabled()
    with database.sessions() as session:
        assert load_identity(session) is None


def test_missing_fields_are_named_under_each_field(qtbot, database, told):
    server = FakeServer()
    page = enrol_page(qtbot, database, server)
    type_enrolment(qtbot, page, server="", fingerprint="12:34", code="")
    errors = page.server.form.errors
    assert errors.message("server") == "Nama server wajib diisi."
    assert "64 angka heksadesimal" in errors.message("fingerprint")
    assert errors.message("code") == "Kode pendaftaran wajib diisi."
    assert told == [] and server.claims == []


@pytest.mark.parametrize("role", ["operator", "pimpinan"])
def test_only_an_admin_is_offered_the_enrolment(qtbot, database, role):
    page = enrol_page(qtbot, database, FakeServer(), role=role)
    form = page.server.form
    assert not form.enrol_button.isVisibleTo(page)
    assert form.admin_only_label.isVisibleTo(page)
    assert "Hanya Admin yang dapat mendaftarkan laptop ini" in form.admin_only_label.text()
    assert not form.server_edit.isEnabled() and not form.code_edit.isEnabled()


@dataclass(frozen=True)
class Summary:
    """What the service's SyncSummary carries (its message is the service's to word)."""

    pushed: int
    pulled: int
    refused: int
    conflicts: int
    duplicates: int = 0
    several_guardians: int = 0

    def message(self) -> str:
        return (f"Dikirim {self.pushed} baris, diterima {self.pulled} baris, ditolak server "
                f"{self.refused}, {self.conflicts} konflik")  # fmt: skip


def fake_sync(monkeypatch, outcome: Summary | Exception) -> list[tuple]:
    """``sync_with_server`` replaced: records how it was called, reports progress once."""
    calls: list[tuple] = []

    def sync_with_server(sessions, *, progress):
        calls.append((sessions, threading.current_thread() is threading.main_thread()))
        progress(1, 2, "Mengirim perubahan")
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    sync_with_server.__changes__ = Changes.ALL  # type: ignore[attr-defined]
    monkeypatch.setattr(service, "sync_with_server", sync_with_server)
    return calls


def test_sinkronkan_shows_what_was_sent_received_and_refused(qtbot, page, laptop, monkeypatch):
    assert page.server.server_label.text() == SERVER
    assert page.server.device_label.text() == "A"
    assert page.server.scope_label.text() == "Seluruh kabupaten"
    calls = fake_sync(monkeypatch, Summary(pushed=12, pulled=4, refused=1, conflicts=2))

    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)

    assert page.summary_label.text() == (
        "Dikirim 12 baris, diterima 4 baris, ditolak server 1, 2 konflik"
    )
    assert len(calls) == 1 and page.sync_button.isEnabled()


def test_sinkronkan_runs_off_the_gui_thread(qtbot, laptop, monkeypatch):
    calls = fake_sync(monkeypatch, Summary(pushed=0, pulled=0, refused=0, conflicts=0))
    runner = OperationRunner(laptop.sessions)  # the real DB worker
    widget = SyncPage(runner)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.sync_button.isVisibleTo(widget), timeout=10_000)
    qtbot.mouseClick(widget.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.summary_label.text().startswith("Dikirim 0"), timeout=10_000)
    assert [on_gui for _sessions, on_gui in calls] == [False]
    runner.wait_idle()
    QApplication.processEvents()


def test_a_failed_sync_is_told_and_the_page_stays_usable(qtbot, page, told, monkeypatch):
    fake_sync(monkeypatch, SyncError("Server tidak dapat dihubungi, periksa koneksi"))
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert page.summary_label.text() == "Sinkronisasi gagal."
    assert told == ["Server tidak dapat dihubungi, periksa koneksi"]
    assert page.sync_button.isEnabled()


def test_export_then_import_on_another_laptop(qtbot, page, laptop, make_laptop, tmp_path):
    add_child(laptop, name="Siti", area=add_area(laptop))
    path = tmp_path / "kirim.asuhsync"
    page.choose_export_path = lambda: path
    page.ask_password = lambda _title, _label: PASSWORD
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
    page.ask_password = lambda _title, _label: PASSWORD
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert told and "tidak terenkripsi" in told[0]
    with laptop.sessions() as session:
        assert session.scalars(select(Child)).all() == []


def test_no_file_is_exported_without_a_password(qtbot, page, laptop, told, tmp_path: Path):
    add_child(laptop, name="Siti", area=add_area(laptop))
    path = tmp_path / "kirim.asuhsync"
    page.choose_export_path = lambda: path
    page.ask_password = lambda _title, _label: ""  # OK pressed on an empty field
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert told == ["Kata sandi berkas wajib diisi: berkas sinkron selalu dienkripsi."]
    assert not path.exists()
    with laptop.sessions() as session:
        assert get_state(session.connection(), "file_export_seq", "0") == "0"


def test_a_laptop_not_enrolled_is_told_to_enrol_first(qtbot, database, told, tmp_path):
    page = enrol_page(qtbot, database, FakeServer())
    path = tmp_path / "kirim.asuhsync"
    page.choose_export_path = lambda: path
    page.ask_password = lambda _title, _label: PASSWORD
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert told and told[0].startswith("Daftarkan laptop ini ke server dulu")
    assert not path.exists()


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


def test_konflik_data_lists_a_conflict_and_restores_the_set_aside_version(
    qtbot, page, laptop, make_laptop, told, tmp_path
):
    other = make_laptop("B")
    siti = add_child(laptop, name="Siti", area=add_area(laptop))
    import_(other, export(laptop, tmp_path / "1.asuhsync").path)
    edit_child(laptop, siti, name="Siti A")
    edit_child(other, siti, name="Siti B")  # later: kept, "Siti A" set aside here
    import_(laptop, export(other, tmp_path / "2.asuhsync").path)

    page.refresh_lists()
    table = page.conflicts.table
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == "Anak"
    assert table.item(0, 1).text() == "name: Siti B / Siti A"
    table.selectRow(0)
    qtbot.mouseClick(page.conflicts.restore_button, Qt.MouseButton.LeftButton)
    assert page.conflicts.empty_label.isVisibleTo(page)
    with laptop.sessions() as session:
        assert session.get(Child, siti).name == "Siti A"


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
