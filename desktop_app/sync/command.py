"""``asuh sync``: the command-line face of sync (wired into ``desktop_app.cli``).

Importing this module stays light (argparse only) so ``asuh --help`` starts fast.

asuh sync                        push and pull with the district server this laptop is enrolled with
asuh sync daftar --server NAMA --sidik-jari HEX --kode KODE
                                 enrol this laptop (Admin; the district Admin gives all three)
asuh sync export FILE [--semua]  write the changes since the last export to FILE (signed,
                                 encrypted with ASUH_SYNC_PASSWORD or a password typed here)
asuh sync import FILE            check FILE whole (signature included), then merge it
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

ENROL = "daftar"


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
        choices=[ENROL, "export", "import"],
        help=_("daftarkan laptop ke server, atau ekspor/impor berkas sinkron"),
    )
    parser.add_argument("file", nargs="?", metavar="BERKAS", help=_("berkas sinkron (.asuhsync)"))
    parser.add_argument(
        "--semua", action="store_true", help=_("ekspor semua baris, bukan hanya perubahan baru")
    )
    enrolment = parser.add_argument_group(_("pendaftaran laptop (asuh sync daftar)"))
    enrolment.add_argument("--server", metavar="NAMA", help=_("nama server kabupaten"))
    enrolment.add_argument(
        "--sidik-jari", metavar="HEX", help=_("sidik jari sertifikat server (SHA-256)")
    )
    enrolment.add_argument("--kode", metavar="KODE", help=_("kode pendaftaran sekali pakai"))
    return parser


def _password() -> str:
    """ASUH_SYNC_PASSWORD, else asked at the terminal: sync files are always encrypted. Without
    either (a script, a pipe) nobody could answer, so the command is refused before anything is
    read or written."""
    if os.environ.get("ASUH_SYNC_PASSWORD"):
        return os.environ["ASUH_SYNC_PASSWORD"]
    if not sys.stdin.isatty():
        raise DomainError(
            _(
                "Berkas sinkron selalu terenkripsi, tetapi tidak ada terminal untuk menanyakan "
                "kata sandinya. Isi ASUH_SYNC_PASSWORD, atau jalankan di terminal; tidak ada "
                "yang diubah."
            )
        )
    return getpass.getpass(_("Kata sandi berkas: "))


def _enrol(database, args: argparse.Namespace) -> str:
    from desktop_app.sync.identity import describe_scope, enrol_laptop

    with database.sessions() as session:
        identity = enrol_laptop(
            session,
            server=args.server or "",
            fingerprint=args.sidik_jari or "",
            code=args.kode or "",
        )
        session.commit()
        scope = describe_scope(session, identity.scope)
    return _("Laptop ini terdaftar di {server} sebagai {name} ({scope}).").format(
        server=identity.server, name=identity.name, scope=scope
    )


def _file(database, args: argparse.Namespace) -> str:
    from desktop_app.sync.files import export_sync_file, import_sync_file

    with database.sessions() as session:
        password = _password()
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
    return message


def run_sync_command(database, args: argparse.Namespace) -> int:
    """Run one ``asuh sync`` invocation; prints a summary in the configured language (set by
    ``desktop_app.cli`` when it opened ``database``), returns the exit code."""
    from desktop_app.sync.service import sync_with_server

    if args.action != ENROL and (args.server or args.sidik_jari or args.kode):
        print(
            _("--server, --sidik-jari dan --kode hanya untuk asuh sync {enrol}").format(
                enrol=ENROL
            ),
            file=sys.stderr,
        )
        return 2
    if args.action in ("export", "import") and not args.file:
        print(
            _("asuh sync {action}: BERKAS wajib diisi").format(action=args.action),
            file=sys.stderr,
        )
        return 2
    try:
        if args.action == ENROL:
            print(_enrol(database, args))
        elif args.action in ("export", "import"):
            print(_file(database, args))
        else:
            summary = sync_with_server(database.sessions, progress=_print_progress)
            print(f"\n{summary.message()}")
        return 0
    except DomainError as error:
        print(f"\n{error}", file=sys.stderr)
        return 1


def _print_progress(done: int, total: int, label: str) -> None:
    print(f"\r{label}: {done}/{total}", end="", flush=True)
