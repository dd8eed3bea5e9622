"""``asuh report ...``: build a report from the command line (no Qt).

    asuh report monthly --month 2026-11 --out laporan.pdf [--programme ID]
    asuh report monthly-xlsx --month 2026-11 --out laporan.xlsx [--programme ID]
    asuh report child --id UUID --out kartu.pdf
    asuh report guardians --month 2026-11 --out kegiatan.pdf
    asuh report payments --month 2026-11 --out bantuan.pdf [--programme ID] [--all]
    asuh report close-month --month 2026-11      (Tutup bulan: freeze the month's figures)

Messages in Indonesian; exit code 1 with a clear message on bad input, nothing written then.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from desktop_app.core.database import Database
from desktop_app.core.errors import DomainError
from desktop_app.core.formatting import format_month
from desktop_app.core.i18n import _
from desktop_app.reports.closing import close_month
from desktop_app.reports.common import parse_month
from desktop_app.reports.service import ReportKind, build_report

__all__ = ["build_report_parser", "main_report"]


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so ``main_report`` returns 1 with our message."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def build_report_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="asuh report", description=_("Buat laporan PDF atau Excel."))
    kinds = parser.add_subparsers(dest="kind", metavar="JENIS", parser_class=_Parser)
    for kind in ReportKind:
        sub = kinds.add_parser(kind.value, help=kind.label)
        if kind is ReportKind.CHILD:
            sub.add_argument("--id", required=True, metavar="UUID", help=_("id anak"))
        else:
            sub.add_argument("--month", required=True, metavar="TTTT-BB", help=_("bulan laporan"))
        if kind in (ReportKind.MONTHLY, ReportKind.MONTHLY_XLSX, ReportKind.PAYMENTS):
            sub.add_argument("--programme", metavar="ID", help=_("id program (bawaan: semua)"))
        if kind is ReportKind.PAYMENTS:
            sub.add_argument(
                "--all", action="store_true", dest="all_payments",
                help=_("daftar semua status (rencana dan batal juga), bukan hanya yang dibayar"),
            )  # fmt: skip
        sub.add_argument("--out", required=True, metavar="BERKAS", help=_("berkas keluaran"))
    close = kinds.add_parser(CLOSE_MONTH, help=_("Tutup bulan: simpan angka laporan bulan itu"))
    close.add_argument("--month", required=True, metavar="TTTT-BB", help=_("bulan yang ditutup"))
    return parser


CLOSE_MONTH = "close-month"


def _close_month(database: Database, text: str) -> int:
    try:
        month = parse_month(text)
        with database.sessions() as session:
            info = close_month(session, month=month)
            session.commit()
    except DomainError as error:
        print(_("Bulan tidak ditutup: {error}").format(error=error), file=sys.stderr)
        return 1
    print(_("Bulan {month} ditutup; sidik SHA-256 {hash}.").format(
        month=format_month(month.first_day), hash=info.sha256))  # fmt: skip
    return 0


def _uuid(text: str | None, what: str) -> uuid.UUID | None:
    if text is None:
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        message = _("{what} bukan id yang sah: {text}").format(what=what, text=text)
        raise DomainError(message) from None


def main_report(database: Database, argv: Sequence[str]) -> int:
    """Run one ``asuh report`` command on an open ``database``; returns the exit code."""
    try:
        args = build_report_parser().parse_args(list(argv))
    except _UsageError as error:
        print(_("Perintah tidak lengkap: {error}").format(error=error), file=sys.stderr)
        return 1
    if args.kind is None:
        print(_("Sebutkan jenis laporan: monthly, monthly-xlsx, child, guardians, payments, "
                "close-month."),
              file=sys.stderr)  # fmt: skip
        return 1
    if args.kind == CLOSE_MONTH:
        return _close_month(database, args.month)
    kind = ReportKind(args.kind)
    out = Path(args.out)
    try:
        if not out.parent.is_dir():
            raise DomainError(_("Folder tujuan tidak ada: {path}").format(path=out.parent))
        month = parse_month(args.month) if kind is not ReportKind.CHILD else None
        programme = _uuid(getattr(args, "programme", None), _("Program"))
        child = _uuid(getattr(args, "id", None), _("Anak"))
        with database.sessions() as session:
            report = build_report(
                session, kind=kind, month=month, programme_id=programme, child_id=child,
                all_payments=getattr(args, "all_payments", False),
            )  # fmt: skip
            out.write_bytes(report.content)
            session.commit()  # the audit entry, once the file is written
    except DomainError as error:
        print(_("Gagal membuat laporan: {error}").format(error=error), file=sys.stderr)
        return 1
    except OSError as error:
        print(_("Berkas tidak dapat ditulis: {error}").format(error=error), file=sys.stderr)
        return 1
    print(_("{report} disimpan: {path}").format(report=kind.label, path=out))
    return 0
