"""All tables, importable from one place (Alembic's env and the services use this)."""

from desktop_app.db.base import Base
from desktop_app.db.models.aid import AidPayment
from desktop_app.db.models.assignments import Assignment
from desktop_app.db.models.audit import AuditEntry
from desktop_app.db.models.children import Child
from desktop_app.db.models.devices import Device, ServerNonce
from desktop_app.db.models.guardians import Guardian, Opd
from desktop_app.db.models.months import LateArrival, MonthClosure
from desktop_app.db.models.programmes import Programme
from desktop_app.db.models.reference import KbmThreshold, Setting
from desktop_app.db.models.sync import SyncChange, SyncConflict, SyncRefusal, SyncState
from desktop_app.db.models.users import User
from desktop_app.db.models.visits import Visit
from desktop_app.db.models.wilayah import Desa, Kecamatan, Posyandu

__all__ = [
    "AidPayment",
    "Assignment",
    "AuditEntry",
    "Base",
    "Child",
    "Desa",
    "Device",
    "Guardian",
    "Kecamatan",
    "KbmThreshold",
    "LateArrival",
    "MonthClosure",
    "Opd",
    "Posyandu",
    "Programme",
    "Setting",
    "SyncChange",
    "ServerNonce",
    "SyncConflict",
    "SyncRefusal",
    "SyncState",
    "User",
    "Visit",
]
