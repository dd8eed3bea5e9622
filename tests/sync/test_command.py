"""``asuh sync`` as the CLI will call it (parser + handler, without the rest of cli.py)."""

from __future__ import annotations

import argparse

import pytest
from sqlalchemy import select

from desktop_app.db.models import Child
from desktop_app.settings.store import get_settings
from desktop_app.sync.command import add_sync_parser, run_sync_command
from tests.conftest import add_cli_admin
from tests.sync.conftest import add_area, add_child


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


def test_export_and_import_by_command(make_laptop, tmp_path, capsys):
    field, office = make_laptop("lapangan"), make_laptop("kantor")
    add_child(field, name="Siti", area=add_area(field))
    path = tmp_path / "kirim.asuhsync"
    assert run_sync_command(field, parse(["sync", "export", str(path)])) == 0
    assert run_sync_command(office, parse(["sync", "import", str(path)])) == 0
    out = capsys.readouterr().out
    assert "berisi" in out and "0 konflik." in out
    with office.sessions() as session:
        assert session.scalars(select(Child.name)).all() == ["Siti"]

    assert run_sync_command(office, parse(["sync", "import", str(tmp_path / "tidak-ada")])) == 1
    assert "tidak dapat dibaca" in capsys.readouterr().err


@pytest.mark.postgres
def test_sync_by_command_saves_the_server(make_laptop, server_url, capsys):
    laptop = make_laptop("A")
    add_area(laptop)
    assert run_sync_command(laptop, parse(["sync", "--server", server_url])) == 0
    assert "Dikirim" in capsys.readouterr().out
    with laptop.sessions() as session:
        assert get_settings(session).sync_server_url == server_url
    assert run_sync_command(laptop, parse(["sync"])) == 0  # the saved address is used
    assert capsys.readouterr().out.strip().endswith("Dikirim 0 baris, diterima 0 baris, 0 konflik")
