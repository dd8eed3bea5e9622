"""The asuh command line: options before or after the sub-command, languages, cheap start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli import build_parser, main


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "a.sqlite3", "demo", "--children", "5"],
        ["demo", "--children", "5", "--db", "a.sqlite3"],
    ],
)
def test_db_option_is_honoured_before_and_after_the_sub_command(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert (args.command, args.db, args.database_url) == ("demo", "a.sqlite3", None)


def test_demo_then_report_on_the_same_file(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "kab.sqlite3")
    assert main(["--db", db, "demo", "--children", "12", "--seed", "3"]) == 0
    assert "12 anak" in capsys.readouterr().out
    pdf = tmp_path / "bulanan.pdf"
    assert main(["report", "monthly", "--month", "2026-11", "--out", str(pdf), "--db", db]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_registering_sub_commands_imports_no_database_code() -> None:
    """`asuh` builds its parser on every start; the heavy packages load only when used."""
    code = (
        "import sys; from desktop_app.cli import build_parser; build_parser();"
        "print(sorted(m for m in ('sqlalchemy', 'openpyxl', 'numpy', 'reportlab') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)  # fmt: skip
    assert result.stdout.strip() == "[]"
