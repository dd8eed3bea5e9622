"""The ``asuh`` command: starts the GUI, or runs one job from the command line.

``asuh`` alone opens the window. Sub-commands (``demo``, ``zscore``, ``report``, ``backup``,
``sync`` ...) run without Qt, so they work on a server or in a script. Each feature registers its
own sub-parser and handler; heavy modules are imported inside each command to keep start-up
fast.

No way around the login: every command that reads or writes personal data signs in first
(``desktop_app.cli_login``: ``ASUH_USER``/``ASUH_PASSWORD`` or a prompt) and runs as that user,
role-checked and audited like the window; a missing or refused login exits with 2. Only
``zscore`` and ``import template`` (no database) need none. ``user add`` and ``demo`` on a new
file create the first Admin instead.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import traceback
from collections.abc import Sequence

from desktop_app import __version__
from desktop_app.core.i18n import _


def _add_database_options(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """``--db``/``--database-url`` before or after the sub-command. A sub-parser's default must
    not overwrite a value given before the sub-command, hence SUPPRESS there."""
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help=_("berkas SQLite (bawaan: ASUH_DB atau folder data pengguna)"),
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        default=default,
        help=_("URL SQLAlchemy apa pun, mis. postgresql+psycopg://..."),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asuh", description=_("Asuh: program orang tua asuh cegah stunting.")
    )
    parser.add_argument("--version", action="version", version=f"Asuh {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help=_("tampilkan rincian teknis (traceback) bila gagal")
    )
    _add_database_options(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH")

    demo = commands.add_parser("demo", help=_("isi basis data dengan data contoh sintetis"))
    _add_database_options(demo)
    demo.add_argument("--children", type=int, default=500, metavar="N", help=_("jumlah anak"))
    demo.add_argument("--seed", type=int, default=2026, help=_("benih acak (hasil dapat diulang)"))

    zscore = commands.add_parser("zscore", help=_("hitung z-skor WHO untuk berkas CSV"))
    zscore.add_argument("input", metavar="INPUT.csv")
    zscore.add_argument("output", metavar="OUTPUT.csv")

    report = commands.add_parser(
        "report",
        help=_(
            "buat laporan PDF/Excel (monthly, monthly-xlsx, child, guardians, payments) "
            "atau tutup bulan (close-month)"
        ),
        add_help=False,
    )
    report.add_argument("report_args", nargs=argparse.REMAINDER)

    from desktop_app.audit.command import add_audit_parser
    from desktop_app.backup.commands import add_backup_commands
    from desktop_app.cli_users import add_user_parser
    from desktop_app.importing.command import add_import_parser
    from desktop_app.sync.command import add_sync_parser

    add_import_parser(commands, _add_database_options)
    add_backup_commands(commands, _add_database_options)
    add_sync_parser(commands, _add_database_options)
    add_audit_parser(commands, _add_database_options)
    add_user_parser(commands, _add_database_options)
    from desktop_app.server.command import add_server_parser

    add_server_parser(commands)
    return parser


def _open(args: argparse.Namespace, credentials=None):
    """Open the chosen database. An encrypted file (SQLCipher) opens only with an account's
    password, which unwraps its data key: ``credentials``, else ``ASUH_USER``/``ASUH_PASSWORD``
    or a prompt. A file that does not exist yet gets a new data key."""
    from desktop_app.core import vault
    from desktop_app.core.database import is_sqlite, make_url_path, open_database, resolve_url

    url = resolve_url(db_path=args.db, database_url=args.database_url)
    file = make_url_path(url) if is_sqlite(url) else None
    if file is not None and not vault.key_known(file):
        if not file.exists():
            vault.new_vault(file)
        elif vault.read_header(file) is not None:
            from desktop_app.cli_login import credentials_from_env_or_prompt

            credentials = credentials or credentials_from_env_or_prompt()
            return vault.open_for_user(file, credentials.username, credentials.password)
    return open_database(url)


def _speak_its_language(database) -> None:
    """PDFs and messages in the database's configured language."""
    from desktop_app.core.i18n import set_language
    from desktop_app.settings.store import get_settings

    with database.sessions() as session:
        set_language(get_settings(session).language)


def _database_from(args: argparse.Namespace):
    """Sign in (credentials first: nothing is opened for a command that would be refused),
    open the chosen database, check the login there and act as that user from then on."""
    from desktop_app.cli_login import credentials_from_env_or_prompt, sign_in

    credentials = credentials_from_env_or_prompt()
    database = _open(args, credentials)
    try:
        sign_in(database, credentials)
    except BaseException:
        database.dispose()
        raise
    _speak_its_language(database)
    return database


def _run_report(args: argparse.Namespace) -> int:
    from desktop_app.reports.cli_commands import main_report

    db_args, rest = _report_database_args(args)
    return main_report(_database_from(db_args), rest)


def _report_database_args(args: argparse.Namespace) -> tuple[argparse.Namespace, list[str]]:
    """``--db`` may stand anywhere among the report's own options, so it is picked out first;
    returns the database options and the rest for the report's own parser."""
    database_options = argparse.ArgumentParser(add_help=False)
    _add_database_options(database_options, top_level=True)
    db_args, rest = database_options.parse_known_args(args.report_args)
    db_args.db = db_args.db or args.db
    db_args.database_url = db_args.database_url or args.database_url
    return db_args, rest


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``asuh``; a failure prints one sentence on stderr and returns 1 (the traceback only
    with ``--debug``); argparse's usage errors exit with 2 as usual."""
    from desktop_app.core.files import use_private_file_mode

    use_private_file_mode()  # every file with personal data: owner only (0600)
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    if args.command is None:
        from desktop_app.ui.app import run_gui

        return run_gui(db_path=args.db, database_url=args.database_url)
    from desktop_app.cli_login import LOGIN_EXIT_CODE, LoginRequired

    try:
        with _writer_lock(args):
            return _run_command(args)
    except LoginRequired as refused:
        print(str(refused), file=sys.stderr)
        return LOGIN_EXIT_CODE
    except Exception as error:
        return _report_failure(error, debug=args.debug)


def _run_command(args: argparse.Namespace) -> int:
    if args.command == "demo":
        from desktop_app.cli_users import demo_database
        from desktop_app.demo import fill_demo_database

        database = demo_database(_open(args))
        _speak_its_language(database)
        summary = fill_demo_database(
            database, children=args.children, seed=args.seed, progress=_print_progress
        )
        print("\n" + _("Selesai: {summary}").format(summary=summary))
        return 0
    if args.command == "zscore":
        from desktop_app.growth.batch import main_zscore

        return main_zscore([args.input, args.output])
    if args.command == "report":
        return _run_report(args)
    if args.command == "backup":
        from desktop_app.backup.commands import run_backup

        return run_backup(args, lambda: _database_from(args))
    if args.command == "restore":
        from desktop_app.backup.commands import database_file, run_restore
        from desktop_app.cli_login import credentials_from_env_or_prompt, sign_in

        path = database_file(args)
        if path is None or not path.exists():  # a new laptop: nothing to replace, nobody to ask
            return run_restore(args, None)
        credentials = credentials_from_env_or_prompt()
        return run_restore(args, lambda database: sign_in(database, credentials))
    if args.command == "user":
        from desktop_app.cli_users import run_user_command

        return run_user_command(args, _open)
    if args.command == "import":
        from desktop_app.importing.command import run_import_command

        target = None if args.kind == "template" else _database_from(args)
        return run_import_command(target, args)
    if args.command == "sync":
        from desktop_app.sync.command import run_sync_command

        return run_sync_command(_database_from(args), args)
    if args.command == "audit":
        from desktop_app.audit.command import run_audit_command

        return run_audit_command(_database_from(args), args)
    if args.command == "server":  # PostgreSQL only: no laptop file, no writer lock
        from desktop_app.server.command import run_server_command

        return run_server_command(args)
    raise AssertionError(args.command)


def _writer_lock(args: argparse.Namespace) -> contextlib.AbstractContextManager[object]:
    """The GUI's single-instance lock on the SQLite file, for every command that opens it: each
    writes (a report writes its audit entry; opening may migrate), and a restore must never
    swap the file under one. ``restore`` takes the lock itself, around the swap and reopening;
    ``zscore`` and ``import template`` touch no database."""
    if args.command in ("zscore", "restore", "server") or (
        args.command == "import" and args.kind == "template"
    ):
        return contextlib.nullcontext()
    if args.command == "report":  # its --db may stand among the report's own options
        args, _rest = _report_database_args(args)
    from desktop_app.backup.commands import database_file
    from desktop_app.backup.lock import InstanceLock

    path = database_file(args)
    return contextlib.nullcontext() if path is None else InstanceLock(path)


def _report_failure(error: Exception, *, debug: bool) -> int:
    """One sentence on stderr (the traceback first when asked for); exit code 1."""
    from desktop_app.core.failures import failure_message

    if debug:
        traceback.print_exception(error)
    print(f"\n{failure_message(error)}", file=sys.stderr)
    return 1


def _print_progress(done: int, total: int, label: str) -> None:
    print(f"\r{label}: {done}/{total}", end="", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
