"""What an operation changed, so screens can mark themselves stale (STYLE.md rules 6 and 19).

Each write service declares the ``Changes`` it causes once, next to itself::

    @writes(Changes.CHILDREN | Changes.ASSIGNMENTS | Changes.AID)
    def exit_child(session, *, child_id, exit_date, reason): ...

The UI's named operations (``desktop_app.ui.operations``) read the declaration with
:func:`declared_changes`; the runner broadcasts it and each view refreshes only if it shows one
of those kinds of data. Adding a screen adds no coupling.

Why a decorator rather than services returning their changes: a service's result is what its
callers (the CLI, the importer, other services, tests) want to use, and a ``(result, changes)``
pair would burden every one of them for the GUI's sake. The decorator sets an attribute (its
one wrapper is the permission check, see :func:`writes`) and the flags sit on the line above
the ``def``, where a reviewer of the service body sees them. What keeps a declaration honest is
:data:`TABLE_CHANGES`, the one mapping from stored tables to flags: a test runs every declared
service and checks that the tables it really wrote are covered by what it declares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Flag, auto
from typing import TypeVar

from desktop_app.core.service_roles import checked


class Changes(Flag):
    NONE = 0
    CHILDREN = auto()
    GUARDIANS = auto()
    OPD = auto()
    WILAYAH = auto()
    ASSIGNMENTS = auto()
    PROGRAMMES = auto()
    VISITS = auto()
    AID = auto()
    SETTINGS = auto()
    USERS = auto()
    MONTHS = auto()  # Tutup bulan: closed months' snapshots
    ALL = (
        CHILDREN
        | GUARDIANS
        | OPD
        | WILAYAH
        | ASSIGNMENTS
        | PROGRAMMES
        | VISITS
        | AID
        | SETTINGS
        | USERS
        | MONTHS
    )


#: Which flag a write to each stored table raises. Bookkeeping tables map to ``NONE``: the audit
#: trail and the sync log are written beside every change (the audit page listens to ``ALL``),
#: and the sync cursor and conflict list are shown only by the sync page, which reloads them
#: after its own operations.
TABLE_CHANGES: dict[str, Changes] = {
    "children": Changes.CHILDREN,
    "guardians": Changes.GUARDIANS,
    "opd": Changes.OPD,
    "kecamatan": Changes.WILAYAH,
    "desa": Changes.WILAYAH,
    "posyandu": Changes.WILAYAH,
    "assignments": Changes.ASSIGNMENTS,
    "programmes": Changes.PROGRAMMES,
    "visits": Changes.VISITS,
    "aid_payments": Changes.AID,
    "settings": Changes.SETTINGS,
    "kbm_thresholds": Changes.SETTINGS,
    "users": Changes.USERS,
    "month_closures": Changes.MONTHS,
    "audit_log": Changes.NONE,
    "sync_changes": Changes.NONE,
    "sync_state": Changes.NONE,
    "sync_conflicts": Changes.NONE,
    "devices": Changes.NONE,  # the district server's enrolled laptops (asuh server)
    "sync_refusals": Changes.NONE,  # rows the server refused ("Ditolak server")
    "server_nonces": Changes.NONE,  # signed requests served (asuh server's replay guard)
    "late_arrivals": Changes.MONTHS,  # closed months' records received late (Koreksi list)
}


def changes_for_tables(tables: Iterable[str]) -> Changes:
    """The flags that writes to ``tables`` raise (a table missing from the map is a KeyError:
    a new table must be given its flag here)."""
    found = Changes.NONE
    for table in tables:
        found |= TABLE_CHANGES[table]
    return found


Service = TypeVar("Service", bound=Callable[..., object])

#: Every service declared with :func:`writes`, by ``module.name`` (the test walks it).
WRITE_SERVICES: dict[str, Callable[..., object]] = {}


def writes(changes: Changes) -> Callable[[Service], Service]:
    """Declare that the decorated service changes ``changes`` (``Changes.NONE`` for a write the
    screens never show, such as an audit entry). The service is also bound to the one
    permission table (:func:`desktop_app.core.permissions.checked`): every write service checks
    the acting role itself, and one missing from the table is refused to every role."""

    def declare(service: Service) -> Service:
        service = checked(service)
        service.__changes__ = changes  # type: ignore[attr-defined]
        WRITE_SERVICES[f"{service.__module__}.{service.__qualname__}"] = service
        return service

    return declare


def declared_changes(service: Callable[..., object]) -> Changes:
    """What ``service`` declared with :func:`writes`; an undeclared service is a TypeError, so
    no write reaches the runner without its flags."""
    try:
        return service.__changes__  # type: ignore[attr-defined]
    except AttributeError:
        raise TypeError(f"{service.__qualname__} does not declare its Changes (@writes)") from None
