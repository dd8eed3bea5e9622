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

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast

from sqlalchemy import TextClause, event
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from desktop_app.core.errors import PermissionDeniedError
from desktop_app.core.i18n import N_, _

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

ADMIN = "admin"
OPERATOR = "operator"
PIMPINAN = "pimpinan"

#: Role codes and their labels, in order of power.
ROLES: dict[str, str] = {
    ADMIN: N_("Admin"),
    OPERATOR: N_("Operator"),
    PIMPINAN: N_("Pimpinan"),
}

#: Tables only an Admin may change (accounts, settings, the KBM reference table).
ADMIN_ONLY_TABLES = frozenset({"users", "settings", "kbm_thresholds"})

#: Bookkeeping every role writes as a side effect (never user data).
_ALWAYS_ALLOWED_TABLES = frozenset({"audit_log", "sync_changes", "sync_state"})

_ANYONE = frozenset({ADMIN, OPERATOR, PIMPINAN})
_STAFF = frozenset({ADMIN, OPERATOR})
_ADMIN = frozenset({ADMIN})
_SERVICES = "desktop_app."

#: THE permission table: every public service -> the roles allowed to call it. Pimpinan reads
#: and prints; Operator records the programme's work; Admin also manages accounts, settings,
#: the KBM table, backups' restore, full identifiers and data-subject requests.
SERVICE_ROLES: dict[str, frozenset[str]] = {
    # accounts (users/)
    "users.accounts.login_or_refusal": _ANYONE,  # the idle lock's unlock runs as the user
    "users.accounts.create_first_admin": _ADMIN,  # normally run by the system before any login
    "users.accounts.create_user": _ADMIN,
    "users.accounts.update_user": _ADMIN,
    "users.accounts.set_password": _ADMIN,
    "users.recovery.issue_recovery_key": _ADMIN,
    "users.recovery.recover_admin_password": _ANYONE,  # proves itself with the recovery key
    # children, guardians, assignments, visits, aid: the programme's daily work
    "children.service.register_child": _STAFF,
    "children.service.update_child": _STAFF,
    "children.service.exit_child": _STAFF,
    "children.privacy.reveal_identifier": _ADMIN,
    "children.data_subject.export_child_data": _ADMIN,
    "children.data_subject.anonymise_child": _ADMIN,
    "children.growth.record_chart_export": _ANYONE,  # printing is every role's right
    "guardians.service.register_guardian": _STAFF,
    "guardians.service.update_guardian": _STAFF,
    "guardians.service.deactivate_guardian": _STAFF,
    "guardians.service.reactivate_guardian": _STAFF,
    "assignments.service.assign_guardian": _STAFF,
    "assignments.service.transfer_assignment": _STAFF,
    "assignments.service.end_assignment": _STAFF,
    "visits.service.record_visit": _STAFF,
    "visits.service.update_visit": _STAFF,
    "visits.service.delete_visit": _STAFF,
    "aid.service.plan_month_aid": _STAFF,
    "aid.service.mark_paid": _STAFF,
    "aid.service.cancel_payment": _STAFF,
    "importing.run.import_file": _STAFF,
    # reports: read and print
    "reports.service.build_report": _ANYONE,
    "reports.service.record_report_export": _ANYONE,
    "export.raw.export_raw_tables": _STAFF,  # every table to a spreadsheet (masked NIK)
    # master data an import may also create
    "settings.programmes.create_programme": _STAFF,
    "settings.programmes.update_programme": _STAFF,
    "settings.opd.create_opd": _STAFF,
    "settings.opd.update_opd": _STAFF,
    "settings.opd.delete_opd": _STAFF,
    "settings.wilayah.create_kecamatan": _STAFF,
    "settings.wilayah.create_desa": _STAFF,
    "settings.wilayah.create_posyandu": _STAFF,
    "settings.wilayah.rename_area": _STAFF,
    # settings and the KBM reference table
    "settings.district.complete_first_run": _ADMIN,
    "settings.district.update_general_settings": _ADMIN,
    "settings.store.update_settings": _ADMIN,
    "settings.kbm.update_kbm_rows": _ADMIN,
    "backup.encryption.set_backup_password": _ADMIN,
    "backup.encryption.clear_backup_password": _ADMIN,
    "sync.scope.set_sync_scope": _ADMIN,
    # backup and restore (a backup copies everyone's data; a restore replaces it)
    "backup.backup.back_up_now": _STAFF,
    "backup.restore.restore_from_backup": _ADMIN,
    # sync: moves every row in or out of this laptop
    "sync.service.sync_with_server": _STAFF,
    "sync.service.exchange_with_server": _STAFF,
    "sync.files.export_sync_file": _STAFF,
    "sync.files.prepare_sync_export": _STAFF,
    "sync.files.record_sync_export": _STAFF,
    "sync.files.import_sync_file": _STAFF,
    "sync.files.apply_sync_file": _STAFF,
    "sync.conflicts.accept_conflict": _STAFF,
    "sync.conflicts.restore_loser": _STAFF,
    "sync.merge.merge_children": _STAFF,
    # demo data fills an empty file in bulk (Core inserts, no flush guard): Admin only
    "demo.generator.fill_demo_database": _ADMIN,
}

#: Every service bound to the table with :func:`checked`, by ``module.name`` without the
#: ``desktop_app.`` prefix (the tests walk it).
CHECKED_SERVICES: dict[str, Callable[..., Any]] = {}

#: Roles that may ask a service for full NIK / No. KK instead of the masked ones.
FULL_IDENTIFIER_ROLES = _ADMIN

_ROLE_KEY = "role"
_ACTOR_KEY = "actor"


def acting_role(session: Session) -> str | None:
    """The acting user's role, or None for the system actor (see the module docstring)."""
    return session.info.get(_ROLE_KEY)


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


def _role_of(target: object) -> str | None:
    """The acting role of a Session, a session factory (its configured ``info``) or a Database."""
    info = getattr(target, "info", None)
    if isinstance(info, dict):
        return info.get(_ROLE_KEY)
    sessions = getattr(target, "sessions", target)
    kw = getattr(sessions, "kw", None)
    if isinstance(kw, dict):
        return (kw.get("info") or {}).get(_ROLE_KEY)
    return None


def require_service(target: object, name: str) -> None:
    """Refuse unless the acting role (of ``target``: a Session, a session factory or a
    Database) may call the service ``name`` per :data:`SERVICE_ROLES`; deny by default."""
    role = _role_of(target)
    if role is None:
        return
    allowed = SERVICE_ROLES.get(name.removeprefix(_SERVICES), frozenset())
    if role in allowed:
        return
    if role not in ROLES:
        raise PermissionDeniedError(_("Peran pengguna tidak dikenal; perubahan ditolak."))
    if allowed == _ADMIN:
        raise PermissionDeniedError(_("Hanya Admin yang dapat melakukan tindakan ini."))
    if role == PIMPINAN and allowed:
        raise PermissionDeniedError(_("Peran Pimpinan hanya dapat melihat dan mencetak data."))
    raise PermissionDeniedError(_("Peran Anda tidak diizinkan melakukan tindakan ini."))


Service = TypeVar("Service", bound=Callable[..., Any])


def checked(service: Service) -> Service:
    """Bind ``service`` to :data:`SERVICE_ROLES`: every call first checks the acting role of
    its first argument (a Session, a session factory or a Database) against the table."""
    name = f"{service.__module__}.{service.__qualname__}".removeprefix(_SERVICES)
    if getattr(service, "__checked__", None) == name:
        return service

    @functools.wraps(service)
    def call(*args: Any, **kwargs: Any) -> Any:
        target = args[0] if args else next(iter(kwargs.values()), None)
        require_service(target, name)
        return service(*args, **kwargs)

    call.__checked__ = name  # type: ignore[attr-defined]
    CHECKED_SERVICES[name] = call
    return cast(Service, call)


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
