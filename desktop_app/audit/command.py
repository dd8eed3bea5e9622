"""``asuh audit verify``: check the audit trail's hash chain from a terminal (or a scheduled job).

Exit 0 when the trail is whole, 1 when it is not (the sentence names the first broken row), so a
district's nightly job can alert on it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from desktop_app.core.i18n import _


def add_audit_parser(commands: Any, add_database_options: Callable[..., None]) -> None:
    audit = commands.add_parser("audit", help=_("periksa riwayat perubahan (audit)"))
    actions = audit.add_subparsers(dest="audit_action", metavar="TINDAKAN", required=True)
    verify = actions.add_parser("verify", help=_("periksa keutuhan rantai hash riwayat perubahan"))
    add_database_options(verify)


def run_audit_command(database: Any, args: argparse.Namespace) -> int:
    from desktop_app.audit.integrity import verify_audit_log  # SQLAlchemy only when run

    with database.sessions() as session:
        result = verify_audit_log(session)
        session.commit()
    print(result.message)
    return 0 if result.intact else 1
