"""Roles, enforced twice: per use case at each service, and under every write by a flush guard.

**Per use case (deny by default).** :data:`SERVICE_ROLES` is the one permission table: every
public service (``module.name``) and the roles that may call it. A service is bound to it with
:func:`checked` (``core.changes.writes`` applies it to every write service, so declaring a
service's Changes also puts it under the table). A checked service whose name is missing from
the table is refused to every role: a new service must be given its row here. The tests call
every registered service as every role and compare with the table
(tests/users/test_service_permissions.py).

**Under every write.**
Who is acting travels with the Session: ``session.info["actor"]`` (the username, recorded by the
audit hook) and ``session.info["role"]`` (``admin`` | ``operator`` | ``pimpinan``), both set by
the GUI's operation runner for every operation. The guard installed by
:func:`install_permission_guard` looks at every object a flush would write and refuses:

- anything at all for ``pimpinan`` (read and print only);
- the admin-only tables (``users``, ``settings``, ``kbm_thresholds``) for ``operator``.

The refusal is a :class:`PermissionDeniedError` raised before anything reaches the database, so
the caller's rollback leaves the data as it was. Because the check sits under every service,
a service that forgets to check, or a new one, is still covered; buttons are hidden only for
comfort.

Bookkeeping that is not user data is always allowed: audit entries (views, prints and exports
by a Pimpinan must be logged) and the sync change log and cursors.

**No role = system actor.** A Session without ``info["role"]`` (migrations, the start-up device
id, the login itself, automatic backups, tests that do not set one) is allowed everything. Every
person acts with a role: the GUI sets it after login, and every ``asuh`` command that reads or
writes personal data logs in first (``desktop_app.cli_login``) and runs all its sessions as that
user. Services that need an explicit check (reveal a NIK, manage users) call
:func:`require_role`, which follows the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import TextClause, event
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from desktop_app.core.errors import PermissionDeniedError
from desktop_app.core.i18n import _
from desktop_app.core.service_roles import (  # the SQLAlchemy-free half, re-exported
    _ALWAYS_ALLOWED_TABLES,
    ADMIN,
    ADMIN_ONLY_TABLES,
    CHECKED_SERVICES,
    FULL_IDENTIFIER_ROLES,
    OPERATOR,
    PIMPINAN,
    ROLES,
    SERVICE_ROLES,
    checked,
    require_service,
)

__all__ = [
    "ADMIN",
    "ADMIN_ONLY_TABLES",
    "CHECKED_SERVICES",
    "SERVICE_ROLES",
    "OPERATOR",
    "PIMPINAN",
    "ROLES",
    "acting_role",
    "acting_sessions",
    "as_system",
    "checked",
    "may_see_full_identifiers",
    "require_service",
    "install_permission_guard",
    "require_role",
]

_ROLE_KEY = "role"
_ACTOR_KEY = "actor"


def acting_role(session: Session) -> str | None:
    """The acting user's role, or None for the system actor (see the module docstring)."""
    return session.info.get(_ROLE_KEY)


def acting_user(session: Session) -> str | None:
    """The acting user's name (None: the system actor)."""
    return session.info.get(_ACTOR_KEY)


def require_role(session: Session, *roles: str) -> None:
    """Refuse unless the acting user has one of ``roles`` (the system actor always passes)."""
    role = acting_role(session)
    if role is None or role in roles:
        return
    if roles == (ADMIN,):
        raise PermissionDeniedError(_("Hanya Admin yang dapat melakukan tindakan ini."))
    labels = ", ".join(_(ROLES.get(r, r)) for r in roles)
    raise PermissionDeniedError(_("Tindakan ini hanya untuk peran: {roles}.").format(roles=labels))


def may_see_full_identifiers(session: Session) -> bool:
    """Whether the acting user may be given full NIK / No. KK (Admin, or the system)."""
    role = acting_role(session)
    return role is None or role in FULL_IDENTIFIER_ROLES


def acting_sessions(factory: sessionmaker[Session], session: Session) -> sessionmaker[Session]:
    """A session factory like ``factory`` whose sessions act for ``session``'s user (actor and
    role), for services that open their own sessions (sync) from a GUI operation. The guard
    and audit hook are inherited: their listeners sit on the factory's Session class."""
    info = {**factory.kw.get("info", {})}
    info.update({key: session.info.get(key) for key in (_ROLE_KEY, _ACTOR_KEY)})
    acting = sessionmaker(**{**factory.kw, "info": info}, class_=factory.class_)
    for mark in (_GUARDED, "_asuh_audit_hook"):
        if getattr(factory, mark, False):
            setattr(acting, mark, True)
    return acting


@contextmanager
def as_system(session: Session, *, actor: str | None) -> Iterator[None]:
    """Run a block as the system actor, recorded in the audit as ``actor``.

    For the few writes that are not the acting user's to refuse: the login bookkeeping (failed
    attempts, lockout, last login) and a user changing their own password after proving the old
    one. Pending changes are flushed first under the current role, so nothing made before the
    block slips through; the block's own changes are flushed before the role comes back, also
    when the block raises (a refused login must still count the failure; the caller decides
    whether to commit).
    """
    session.flush()
    saved = {key: session.info.get(key) for key in (_ROLE_KEY, _ACTOR_KEY)}
    session.info[_ROLE_KEY] = None
    session.info[_ACTOR_KEY] = actor
    try:
        yield
    finally:
        try:
            session.flush()
        finally:
            session.info.update(saved)


def _refusal(role: str, table: str) -> str | None:
    if table in _ALWAYS_ALLOWED_TABLES:
        return None
    if role == PIMPINAN:
        return _("Peran Pimpinan hanya dapat melihat dan mencetak data.")
    if role == OPERATOR and table in ADMIN_ONLY_TABLES:
        return _("Peran Operator tidak dapat mengubah pengguna, pengaturan atau tabel KBM.")
    if role not in ROLES:
        return _("Peran pengguna tidak dikenal; perubahan ditolak.")
    return None


def _guard(session: Session, _context: object, _instances: object) -> None:
    role = acting_role(session)
    if role is None or role == ADMIN:
        return
    pending = [*session.new, *session.deleted]
    pending += [obj for obj in session.dirty if session.is_modified(obj)]
    for obj in pending:
        message = _refusal(role, getattr(type(obj), "__tablename__", ""))
        if message:
            raise PermissionDeniedError(message)


_RAW_WRITE = re.compile(r"^\s*(insert|update|delete|replace|drop|alter|create|pragma)\b", re.I)


def _guard_statement(state: ORMExecuteState) -> None:
    """Bulk ``insert()/update()/delete()`` run through ``session.execute`` bypass the flush;
    the same rule applies to them. Raw ``text()`` SQL that writes cannot be checked table by
    table, so it is refused outright for every role but Admin (no service writes that way;
    Core writes outside a session happen only inside role-checked services: demo, sync)."""
    role = acting_role(state.session)
    if role is None or role == ADMIN:
        return
    if isinstance(state.statement, TextClause) and _RAW_WRITE.match(state.statement.text):
        raise PermissionDeniedError(_("Perubahan lewat SQL langsung hanya untuk Admin."))
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    message = _refusal(role, getattr(table, "name", ""))
    if message:
        raise PermissionDeniedError(message)


def install_permission_guard(factory: sessionmaker[Session]) -> None:
    """Refuse writes the acting role may not make, for every Session of ``factory``.

    Idempotent. Installed at the front of the ``before_flush`` listeners, so a refused flush
    stops before the audit hook builds its entries; bulk DML through ``session.execute`` is
    checked as well (``do_orm_execute``).
    """
    # Marked on the factory itself: ``event.contains`` answers by ``id()``, and a new factory
    # that reuses a freed one's id was taken for guarded (tests/db/test_session_hooks.py).
    if getattr(factory, _GUARDED, False):
        return
    event.listen(factory, "before_flush", _guard, insert=True)
    event.listen(factory, "do_orm_execute", _guard_statement)
    setattr(factory, _GUARDED, True)


_GUARDED = "_asuh_permission_guard"
