"""The role x service table: every public service checks the acting role itself, deny by default.

The truth is :data:`desktop_app.core.permissions.SERVICE_ROLES`, the one table. Every service
bound to it (``@checked``, which every ``@writes`` service gets) is called as every role; the
check runs before the service reads its arguments, so a refused call raises
:class:`PermissionDeniedError` and an allowed one gets past it (into a TypeError for the missing
arguments, or the service's own work, rolled back).
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from sqlalchemy import select

import desktop_app
from desktop_app.backup.backup import back_up_now, make_backup
from desktop_app.backup.restore import restore_from_backup
from desktop_app.core.changes import WRITE_SERVICES
from desktop_app.core.errors import PermissionDeniedError
from desktop_app.core.permissions import (
    CHECKED_SERVICES,
    ROLES,
    SERVICE_ROLES,
    acting_sessions,
    checked,
    require_service,
)
from desktop_app.db.models import Child
from desktop_app.sync.files import export_sync_file, import_sync_file
from tests.domain.conftest import add_child
from tests.sync.enrolment import enrol
from tests.users.conftest import act_as

SANDI = "kunci-berkas-sinkron-7"

for _module in pkgutil.walk_packages(desktop_app.__path__, "desktop_app."):
    if not _module.name.startswith(
        ("desktop_app.ui", "desktop_app.db.migrations", "desktop_app.__")
    ):
        importlib.import_module(_module.name)

#: Services whose first argument is a session factory (they open their own sessions).
_FACTORY_SERVICES = {"sync.service.sync_with_server"}
#: Services whose first argument is the Database.
_DATABASE_SERVICES = {"demo.generator.fill_demo_database"}


def test_every_checked_service_has_its_row_and_every_row_its_service():
    assert set(CHECKED_SERVICES) == set(SERVICE_ROLES)


def test_every_write_service_is_checked():
    names = {name.removeprefix("desktop_app.") for name in WRITE_SERVICES}
    assert names <= set(CHECKED_SERVICES)
    assert all(getattr(WRITE_SERVICES[f"desktop_app.{n}"], "__checked__", None) == n
               for n in names)  # fmt: skip


def test_pimpinan_may_not_restore_back_up_or_move_sync_files():
    for name in ("backup.restore.restore_from_backup", "backup.backup.back_up_now",
                 "sync.files.export_sync_file", "sync.files.import_sync_file",
                 "sync.service.sync_with_server", "sync.files.apply_sync_file"):  # fmt: skip
        assert "pimpinan" not in SERVICE_ROLES[name]
    for name in ("backup.restore.restore_from_backup", "children.privacy.reveal_identifier",
                 "users.accounts.create_user", "settings.kbm.update_kbm_rows",
                 "settings.store.update_settings"):  # fmt: skip
        assert SERVICE_ROLES[name] == {"admin"}


def _first_argument(name: str, database, session):
    if name in _FACTORY_SERVICES:
        return acting_sessions(database.sessions, session)
    if name in _DATABASE_SERVICES:
        database.sessions.configure(info={**database.sessions.kw["info"], **session.info})
        return database
    return session


@pytest.mark.parametrize("name", sorted(SERVICE_ROLES))
@pytest.mark.parametrize("role", sorted(ROLES))
def test_role_x_service_matches_the_table(database, session, name, role):
    act_as(session, role)
    service = CHECKED_SERVICES[name]
    refused = None
    try:
        service(_first_argument(name, database, session))
    except PermissionDeniedError as error:
        refused = error
    except Exception:  # past the check: the missing arguments, or the work itself
        pass
    finally:
        session.rollback()
    if role in SERVICE_ROLES[name]:
        assert refused is None, f"{role} refused {name}: {refused}"
    else:
        assert refused is not None, f"{role} may call {name}, the table says no"


def test_a_service_missing_from_the_table_is_refused_to_every_role(session):
    def unlisted_service(session):
        return "ran"

    guarded = checked(unlisted_service)
    try:
        for role in ROLES:
            act_as(session, role)
            with pytest.raises(PermissionDeniedError):
                guarded(session)
        act_as(session, None)  # the system actor (migrations, automatic jobs)
        assert guarded(session) == "ran"
    finally:
        CHECKED_SERVICES.pop(f"{__name__}.{unlisted_service.__qualname__}", None)


def test_unknown_role_is_refused_everything(session):
    act_as(session, "tamu")
    for name in SERVICE_ROLES:
        with pytest.raises(PermissionDeniedError):
            require_service(session, name)


def test_pimpinan_restore_is_refused_and_the_file_is_untouched(database, session, tmp_path):
    add_child(session)
    session.commit()
    backup = make_backup(database, folder=tmp_path / "cadangan")
    target = Path(database.path)
    before = target.read_bytes()
    for role in ("pimpinan", "operator"):
        act_as(session, role)
        with pytest.raises(PermissionDeniedError):
            restore_from_backup(session, backup_file=backup.path, target_db_path=target)
    assert target.read_bytes() == before
    assert not list(target.parent.glob("*sebelum-pulih*"))


def test_pimpinan_backup_and_sync_files_are_refused_operator_may(database, session, tmp_path):
    add_child(session)
    session.commit()
    enrol(database, "Laptop Kantor")
    act_as(session, "pimpinan")
    with pytest.raises(PermissionDeniedError):
        back_up_now(session, database=database, folder=tmp_path / "p")
    with pytest.raises(PermissionDeniedError):
        export_sync_file(session, path=tmp_path / "p.asuhsync", everything=True, password=SANDI)
    with pytest.raises(PermissionDeniedError):
        import_sync_file(session, path=tmp_path / "p.asuhsync", password=SANDI)
    assert not (tmp_path / "p").exists() and not (tmp_path / "p.asuhsync").exists()
    session.rollback()
    act_as(session, "operator", "ani")
    made = back_up_now(session, database=database, folder=tmp_path / "o")
    export_sync_file(session, path=tmp_path / "o.asuhsync", everything=True, password=SANDI)
    session.commit()
    assert made.path.is_file() and (tmp_path / "o.asuhsync").is_file()
    assert session.scalar(select(Child.name)) == "Budi Santoso"


def test_raw_sql_writes_are_refused_to_operator_and_pimpinan(session):
    from sqlalchemy import text

    add_child(session)
    session.commit()
    for role in ("operator", "pimpinan"):
        act_as(session, role)
        with pytest.raises(PermissionDeniedError, match="SQL langsung"):
            session.execute(text("UPDATE children SET name = 'X'"))
        with pytest.raises(PermissionDeniedError):
            session.execute(text("  delete from audit_log"))
        session.rollback()
        assert session.execute(text("SELECT count(*) FROM children")).scalar_one() == 1
    assert session.scalar(select(Child.name)) == "Budi Santoso"
