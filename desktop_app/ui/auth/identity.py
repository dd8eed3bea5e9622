"""Who is using the GUI: the signed-in user's name and role handed to the operation runner.

Every operation's Session then carries ``info["actor"]`` (audit) and ``info["role"]``
(the permission guard); see ``desktop_app.core.permissions``. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.ui.ops import OperationRunner

if TYPE_CHECKING:
    from desktop_app.users.accounts import UserRecord


def sign_in(runner: OperationRunner, user: UserRecord) -> None:
    """From now on, operations act as ``user``."""
    runner.actor = user.username
    runner.actor_name = user.full_name
    runner.role = user.role  # read by OperationRunner.execute (see the wiring in the report)


def current_role(runner: OperationRunner) -> str | None:
    return getattr(runner, "role", None)
