"""``asuh sync``: the command-line face of sync (wired into ``desktop_app.cli``).

Importing this module stays light (argparse only) so ``asuh --help`` starts fast.

asuh sync                       push and pull with the enrolled district server
asuh sync export FILE [--semua] write the changes since the last export to FILE
asuh sync import FILE           check FILE whole, then merge it
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _


def add_sync_parser(
    commands: argparse._SubParsersAction,
    add_database_options: Callable[[argparse.ArgumentParser], None],
) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "sync", help=_("sinkronkan dengan server kabupaten atau lewat berkas sinkron")
    )
    add_database_options(parser)
    parser.add_argument(
        "action",
        nargs="?",
        choices=["export", "import"],
        help=_("ekspor atau impor berkas sinkron"),
    )
    parser.add_argument("file", nargs="?", metavar="BERKAS", help=_("berkas sinkron (.asuhsync)"))
    parser.add_argument(
        "--semua", action="store_true", help=_("ekspor semua baris, bukan hanya perubahan baru")
    )
    parser.add_argument(
        "--kata-sandi",
        action="store_true",
        help=_("enkripsi/dekripsi berkas dengan kata sandi (ditanyakan, atau ASUH_SYNC_PASSWORD)"),
    )
    return parser


def _password(args: argparse.Namespace) -> str | None:
    """ASUH_SYNC_PASSWORD, else asked at the terminal; without one (a script, a pipe) nobody
    could answer, so the command is refused before anything is read or written."""
    if os.environ.get("ASUH_SYNC_PASSWORD"):
        return os.environ["ASUH_SYNC_PASSWORD"]
    if not args.kata_sandi:
        return None
    if not sys.stdin.isatty():
        raise DomainError(
            _(
                "--kata-sandi butuh kata sandi, tetapi tidak ada terminal untuk menanyakannya. "
                "Isi ASUH_SYNC_PASSWORD, atau jalankan di terminal; tidak ada yang diubah."
            )
        )
    return getpass.getpass(_("Kata sandi berkas: "))


def run_sync_command(database, args: argparse.Namespace) -> int:
    """Run one ``asuh sync`` invocation; prints a summary in the configured language (set by
    ``desktop_app.cli`` when it opened ``database``), returns the exit code."""
    from desktop_app.sync.files import export_sync_file, import_sync_file
    from desktop_app.sync.service import sync_with_server

    try:
        if args.action in ("export", "import"):
            if not args.file:
                print(
                    _("asuh sync {action}: BERKAS wajib diisi").format(action=args.action),
                    file=sys.stderr,
                )
                return 2
            with database.sessions() as session:
                password = _password(args)
                if args.action == "export":
                    exported = export_sync_file(
                        session, path=Path(args.file), everything=args.semua, password=password
                    )
                    message = _("Berkas {path} berisi {rows} baris perubahan.").format(
                        path=exported.path, rows=exported.rows
                    )
                else:
                    imported = import_sync_file(session, path=Path(args.file), password=password)
                    message = _("Diimpor {applied} dari {rows} baris, {conflicts} konflik.").format(
                        applied=imported.applied,
                        rows=imported.rows_in_file,
                        conflicts=imported.conflicts,
                    )
                session.commit()
            print(message)
            return 0
        summary = sync_with_server(database.sessions, progress=_print_progress)
        print(f"\n{summary.message()}")
        return 0
    except DomainError as error:
        print(f"\n{error}", file=sys.stderr)
        return 1


def _print_progress(done: int, total: int, label: str) -> None:
    print(f"\r{label}: {done}/{total}", end="", flush=True)
