"""Fixtures for the users/roles/privacy tests: cheap hashing, the permission guard, roles.

Argon2 with the production parameters costs 64 MiB and tens of milliseconds per hash; the tests
hash dozens of passwords, so they swap in the cheapest parameters (the code path is the same).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from desktop_app.core import crypto_files, passwords
from desktop_app.core.database import Database
from desktop_app.core.permissions import install_permission_guard
from tests.domain.conftest import areas, opd  # noqa: F401 - shared district fixtures


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )
    monkeypatch.setattr(passwords, "_dummy_hash", None)
    monkeypatch.setattr(crypto_files, "_SCRYPT_LOG2_N", 10)


@pytest.fixture(autouse=True)
def guarded(database: Database) -> Database:
    """The permission guard on this test's session factory (open_database will install it)."""
    install_permission_guard(database.sessions)
    return database


def act_as(session: Session, role: str | None, actor: str | None = None) -> Session:
    """Make ``session`` act for a user of ``role`` (what the GUI's runner does)."""
    session.info["role"] = role
    session.info["actor"] = actor or (f"{role}1" if role else None)
    return session


@pytest.fixture
def runner(qapp, database: Database) -> Iterator[object]:
    from desktop_app.ui.ops import OperationRunner

    op_runner = OperationRunner(database.sessions)
    op_runner.synchronous = True
    yield op_runner
    op_runner.wait_idle()
