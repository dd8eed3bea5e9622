"""``asuh import``: the command-line face of the importer (wired into ``desktop_app.cli``).

Importing this module stays light (argparse only) so ``asuh --help`` starts fast.

asuh import children|guardians|visits FILE [--dry-run] [--valid-only] [--laporan OUT.xlsx]
asuh import template children|guardians|visits FILE

Prints "diimpor N, ditolak M" and one line per refused row ("Baris 7: ..."); exit code 0 when
every row was accepted, 1 when any row was refused or the file could not be imported, 2 for a
usage error. Headers are recognised in their common variants, so no mapping step is needed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.i18n import _

_KINDS = ("children", "guardians", "visits")


def add_import_parser(
    commands: argparse._SubParsersAction,
    add_database_options: Callable[[argparse.ArgumentParser], None],
) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "import",
        help=_("impor anak, orang tua asuh atau kunjungan dari .xlsx/.csv, atau buat templat"),
    )
    add_database_options(parser)
    parser.add_argument(
        "kind", choices=[*_KINDS, "template"], help=_("jenis data, atau 'template' untuk templat")
    )
    parser.add_argument("args", nargs="+", metavar="BERKAS", help=_("berkas (.xlsx/.csv)"))
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=_("periksa saja (pratinjau), tidak ada yang disimpan"),
    )
    parser.add_argument(
        "--valid-only",
        action="store_true",
        help=_("impor baris yang valid saja (bawaan: semua atau tidak sama sekali)"),
    )
    parser.add_argument(
        "--laporan", metavar="BERKAS", help=_("tulis daftar baris yang ditolak ke .xlsx/.csv")
    )
    return parser


def _template(args: argparse.Namespace) -> int:
    from desktop_app.importing.templates import write_template

    if len(args.args) != 2 or args.args[0] not in _KINDS:
        print(
            _("pemakaian: asuh import template children|guardians|visits BERKAS"), file=sys.stderr
        )
        return 2
    path = write_template(args.args[0], Path(args.args[1]))
    print(_("Templat ditulis ke {path}").format(path=path))
    return 0


def run_import_command(database, args: argparse.Namespace) -> int:
    """Run one ``asuh import`` invocation; returns the exit code. ``database`` may be None for
    ``template`` (no database needed)."""
    from desktop_app.core.errors import DomainError

    try:
        if args.kind == "template":
            return _template(args)
        if len(args.args) != 1:
            print(_("pemakaian: asuh import children|guardians|visits BERKAS"), file=sys.stderr)
            return 2
        from desktop_app.importing import import_file, write_error_report

        with database.sessions() as session:
            result = import_file(
                session,
                kind=args.kind,
                path=Path(args.args[0]),
                valid_only=args.valid_only,
                dry_run=args.dry_run,
                progress=_print_progress,
            )
            session.commit()
        print("\r", end="")
        _print_result(result)
        if args.laporan and result.problems:
            write_error_report(result, Path(args.laporan))
            print(_("Daftar baris yang ditolak ditulis ke {path}").format(path=args.laporan))
        return 1 if result.rejected else 0
    except DomainError as error:
        print(f"\n{error}", file=sys.stderr)
        return 1


def _print_result(result) -> None:
    if result.dry_run:
        print(_("Pratinjau (tidak ada yang disimpan):"))
    print(result.summary())
    for line in result.created_areas:
        made = _("akan dibuat: {area}") if result.dry_run else _("dibuat: {area}")
        print("  " + made.format(area=line))
    for row in result.problems:
        print(row.message)
    if result.dry_run or result.written:
        return
    if result.rejected and not result.valid_only and result.valid:
        print(
            _(
                "Tidak ada yang disimpan karena ada baris yang ditolak ({valid} baris valid). "
                "Perbaiki berkasnya, atau ulangi dengan --valid-only."
            ).format(valid=result.valid)
        )
    else:
        print(
            _("Tidak ada yang disimpan: {rejected} baris ditolak, tidak ada baris yang valid.")
            .format(rejected=result.rejected)
        )  # fmt: skip


def _print_progress(done: int, total: int, label: str) -> None:
    if total:
        print(f"\r{label}: {done}/{total}", end="", flush=True)
