"""The one permission table and the per-service check, free of SQLAlchemy (the login path
imports it before the database layer loads). See :mod:`desktop_app.core.permissions`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from desktop_app.core.errors import PermissionDeniedError
from desktop_app.core.i18n import N_, _

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
ADMIN_ONLY_TABLES = frozenset({"users", "settings", "kbm_thresholds", "month_closures"})

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
    "sync.files.export_sync_file": _STAFF,
    "sync.files.prepare_sync_export": _STAFF,
    "sync.files.record_sync_export": _STAFF,
    "sync.files.import_sync_file": _STAFF,
    "sync.files.apply_sync_file": _STAFF,
    "sync.identity.enrol_laptop": _ADMIN,  # the laptop's identity on the district server
    "sync.conflicts.accept_conflict": _STAFF,
    "sync.conflicts.restore_loser": _STAFF,
    "sync.merge.merge_children": _STAFF,
    # closing a month signs its figures for good; checking the audit chain is reading
    "reports.closing.close_month": _ADMIN,
    "audit.integrity.verify_audit_log": frozenset({ADMIN, PIMPINAN}),
    "reports.child_data_bundle.export_child_bundle": _ADMIN,  # a data subject's copy (UU PDP)
    "followup.round_sheet.record_round_sheet_export": _ANYONE,  # printing the visit round sheet
    # the district's kecamatan and desa from the Kemendagri list (first run or Pengaturan)
    "settings.area_setup.load_district_areas": _ADMIN,
    "settings.area_setup.fill_district_from_list": _ADMIN,
    # the district sync server's devices (asuh server enrol/revoke; a laptop claims its code)
    "server.devices.enrol_device": _ADMIN,
    "server.devices.revoke_device": _ADMIN,
    "server.devices.claim_enrolment": _ANYONE,  # the one-time code is the proof
    # demo data fills an empty file in bulk (Core inserts, no flush guard): Admin only
    "demo.generator.fill_demo_database": _ADMIN,
}

#: Every service bound to the table with :func:`checked`, by ``module.name`` without the
#: ``desktop_app.`` prefix (the tests walk it).
CHECKED_SERVICES: dict[str, Callable[..., Any]] = {}

#: Roles that may ask a service for full NIK / No. KK instead of the masked ones.
FULL_IDENTIFIER_ROLES = _ADMIN

_ROLE_KEY = "role"


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
