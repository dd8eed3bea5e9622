"""``asuh sync`` as the CLI will call it (parser + handler, without the rest of cli.py)."""

from __future__ import annotations

import argparse

import pytest
from sqlalchemy import select

from desktop_app.db.models import Child
from desktop_app.server.client import ServerUnreachable
from desktop_app.sync.command import add_sync_parser, run_sync_command
from desktop_app.sync.identity import load_identity
from tests.conftest import add_cli_admin
from tests.sync.conftest import add_area, add_child
from tests.sync.enrolment import CODE, FINGERPRINT, SERVER, FakeServer, device_id_of, identity_of


@pytest.fixture(autouse=True)
def _cli_admin(request: pytest.FixtureRequest) -> None:
    """``asuh`` commands sign in: the test's database gets the Admin they sign in as."""
    if "database" in request.fixturenames:
        add_cli_admin(request.getfixturevalue("database"))


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="asuh")
    commands = parser.add_subparsers(dest="command")
    add_sync_parser(commands, lambda p: p.add_argument("--db"))
    return parser.parse_args(argv)


def test_export_and_import_by_command(make_laptop, tmp_path, capsys, monkeypatch):
    field, office = make_laptop("lapangan"), make_laptop("kantor")
    add_child(field, name="Siti", area=add_area(field))
    path = tmp_path / "kirim.asuhsync"
    monkeypatch.delenv("ASUH_SYNC_PASSWORD", raising=False)
    assert run_sync_command(field, parse(["sync", "export", str(path)])) == 1  # no password
    assert "ASUH_SYNC_PASSWORD" in capsys.readouterr().err and not path.exists()

    monkeypatch.setenv("ASUH_SYNC_PASSWORD", "kunci-kabupaten-2026")
    assert run_sync_command(field, parse(["sync", "export", str(path)])) == 0
    assert run_sync_command(office, parse(["sync", "import", str(path)])) == 0
    out = capsys.readouterr().out
    assert "berisi" in out and "0 konflik." in out
    with office.sessions() as session:
        assert session.scalars(select(Child.name)).all() == ["Siti"]

    assert run_sync_command(office, parse(["sync", "import", str(tmp_path / "tidak-ada")])) == 1
    assert "tidak dapat dibaca" in capsys.readouterr().err


def test_daftar_enrols_the_laptop(database, capsys, monkeypatch):
    server = FakeServer(name="Laptop Puskesmas Membalong")
    monkeypatch.setattr("desktop_app.sync.identity.ServerClient", server)
    argv = ["sync", "daftar", "--server", SERVER, "--sidik-jari", FINGERPRINT, "--kode", CODE]
    assert run_sync_command(database, parse(argv)) == 0
    assert capsys.readouterr().out.strip() == (
        f"Laptop ini terdaftar di {SERVER} sebagai Laptop Puskesmas Membalong (Seluruh kabupaten)."
    )
    assert [claim.code for claim in server.claims] == [CODE]
    assert identity_of(database).device_id == device_id_of("Laptop Puskesmas Membalong")


def test_daftar_tells_an_unreachable_server_in_plain_words(database, capsys, monkeypatch):
    server = FakeServer(error=ServerUnreachable("Server tidak dapat dihubungi, periksa koneksi"))
    monkeypatch.setattr("desktop_app.sync.identity.ServerClient", server)
    argv = ["sync", "daftar", "--server", SERVER, "--sidik-jari", FINGERPRINT, "--kode", CODE]
    assert run_sync_command(database, parse(argv)) == 1
    assert capsys.readouterr().err.strip() == "Server tidak dapat dihubungi, periksa koneksi"
    with database.sessions() as session:
        assert load_identity(session) is None


def test_the_server_options_belong_to_daftar(database, capsys):
    assert run_sync_command(database, parse(["sync", "--server", SERVER])) == 2
    assert "hanya untuk asuh sync daftar" in capsys.readouterr().err


def test_sync_asks_the_service_without_any_address(database, capsys, monkeypatch):
    calls = []

    class Summary:
        def message(self) -> str:
            return "Dikirim 0 baris, diterima 0 baris, ditolak server 0, 0 konflik"

    def sync_with_server(sessions, **kwargs):
        calls.append((sessions, sorted(kwargs)))
        return Summary()

    monkeypatch.setattr("desktop_app.sync.service.sync_with_server", sync_with_server)
    assert run_sync_command(database, parse(["sync"])) == 0
    assert calls == [(database.sessions, ["progress"])]
    assert capsys.readouterr().out.strip().endswith("ditolak server 0, 0 konflik")
