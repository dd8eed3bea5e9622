"""Writes on user accounts: log in, create, edit, set a password, the first Admin, recovery.

``log_in`` is imported inside the login dialog's handler: this module loads SQLAlchemy through
the account services, and the login dialog appears before SQLAlchemy is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from desktop_app.ui.operations.build import calling, operation
from desktop_app.ui.ops import Operation
from desktop_app.users import accounts, recovery
from desktop_app.users.accounts import UserRecord


@dataclass(frozen=True)
class AdminWithKey:
    """An Admin account and its new recovery key, to be shown once (None: none issued)."""

    user: UserRecord
    recovery_key: str | None


def log_in(*, username: str, password: str) -> Operation:
    """Check the password; a refusal is a result (it records the failed attempt), not an error."""
    return operation(accounts.login_or_refusal, username=username, password=password)


def create_user(*, username: str, full_name: str, role: str, password: str) -> Operation:
    return operation(
        accounts.create_user, username=username, full_name=full_name, role=role, password=password
    )


def update_user(*, user_id: UUID, full_name: str, role: str, active: bool) -> Operation:
    return operation(
        accounts.update_user, user_id=user_id, full_name=full_name, role=role, active=active
    )


def set_password(*, user_id: UUID, password: str) -> Operation:
    return operation(accounts.set_password, user_id=user_id, password=password)


def create_first_admin(
    *, username: str, full_name: str, password: str, recovery_key: bool = True
) -> Operation:
    """The first Admin and (``recovery_key``) the recovery key, returned to be shown once."""

    def work(session) -> AdminWithKey:
        user = accounts.create_first_admin(
            session, username=username, full_name=full_name, password=password
        )
        if not recovery_key:
            return AdminWithKey(user, None)
        return AdminWithKey(user, recovery.issue_recovery_key(session))

    return calling(work, accounts.create_first_admin, recovery.issue_recovery_key)


def recover_admin_password(*, recovery_key: str, username: str, new_password: str) -> Operation:
    """A new Admin password from the recovery key; the replacement key is returned (show once)."""

    def work(session) -> AdminWithKey:
        user, new_key = recovery.recover_admin_password(
            session, recovery_key=recovery_key, username=username, new_password=new_password
        )
        return AdminWithKey(user, new_key)

    return calling(work, recovery.recover_admin_password)
