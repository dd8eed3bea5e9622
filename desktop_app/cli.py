"""The ``asuh`` command: starts the GUI, or runs one job from the command line.

``asuh`` alone opens the window. Sub-commands (``demo``, ``zscore`` ...) run without Qt, so
they work on a server or in a script. Heavy modules are imported inside each command to keep
start-up fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop_app import __version__


def _add_database_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PATH", help="berkas SQLite (bawaan: ASUH_DB atau folder data pengguna)"
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="URL SQLAlchemy apa pun, mis. postgresql+psycopg://...",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asuh", description="Asuh: program orang tua asuh cegah stunting."
    )
    parser.add_argument("--version", action="version", version=f"Asuh {__version__}")
    _add_database_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH")

    demo = commands.add_parser("demo", help="isi basis data dengan data contoh sintetis")
    _add_database_options(demo)
    demo.add_argument("--children", type=int, default=500, metavar="N", help="jumlah anak")
    demo.add_argument("--seed", type=int, default=2026, help="benih acak (hasil dapat diulang)")

    zscore = commands.add_parser("zscore", help="hitung z-skor WHO untuk berkas CSV")
    zscore.add_argument("input", metavar="INPUT.csv")
    zscore.add_argument("output", metavar="OUTPUT.csv")
    return parser


def _database_from(args: argparse.Namespace):  # noqa: ANN202 - avoids importing db eagerly
    from desktop_app.db.database import open_database, resolve_url

    return open_database(resolve_url(db_path=args.db, database_url=args.database_url))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    if args.command is None:
        from desktop_app.ui.app import run_gui

        return run_gui(db_path=args.db, database_url=args.database_url)
    if args.command == "demo":
        from desktop_app.demo import fill_demo_database

        database = _database_from(args)
        summary = fill_demo_database(
            database, children=args.children, seed=args.seed, progress=_print_progress
        )
        print(f"\nSelesai: {summary}")
        return 0
    if args.command == "zscore":
        from desktop_app.growth.batch import main_zscore

        return main_zscore([args.input, args.output])
    raise AssertionError(args.command)


def _print_progress(done: int, total: int, label: str) -> None:
    print(f"\r{label}: {done}/{total}", end="", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
