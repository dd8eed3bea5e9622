"""A stand-in for the district server's enrolment, and laptops that know each other's keys.

:class:`FakeServer` is a ``client_factory`` for :func:`desktop_app.sync.identity.enrol_laptop`:
it records what the laptop sent (server name, pinned fingerprint, code, public key) and answers
as the server would, or raises the error it was given. :func:`enrol` enrols a laptop database
through it; :func:`know_each_other` puts each laptop's device (id, name, public key) in the
others' ``devices`` table, as a sync with the real server will.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.core.database import Database
from desktop_app.db.base import utcnow
from desktop_app.db.models import Device
from desktop_app.server.client import Enrolment
from desktop_app.server.signing import public_key_b64
from desktop_app.sync.identity import (
    LaptopIdentity,
    adopt_device_id,
    enrol_laptop,
    load_identity,
)

FINGERPRINT = "ab" * 32
SERVER = "sinkron.belitungkab.go.id"
CODE = "ABCD-EFGH-JKMN-PQRS"


def device_id_of(name: str) -> str:
    """The device id the fake server gives the laptop called ``name`` (the same every run)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"asuh-test-laptop/{name}"))


@dataclass
class Claim:
    server: str
    fingerprint: str
    code: str
    public_key: str


@dataclass
class FakeServer:
    """Answers enrolments as laptop ``name`` with ``scope``; or raises ``error``."""

    name: str = "Laptop Lapangan"
    scope: dict[str, Any] = field(default_factory=lambda: {"district": True})
    error: Exception | None = None
    claims: list[Claim] = field(default_factory=list)

    def __call__(self, server: str, *, fingerprint: str) -> _FakeClient:
        return _FakeClient(self, server, fingerprint)


class _FakeClient:
    def __init__(self, owner: FakeServer, server: str, fingerprint: str) -> None:
        self.owner, self.server, self.fingerprint = owner, server, fingerprint

    def __enter__(self) -> _FakeClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        pass

    def enrol(self, *, code: str, key: Ed25519PrivateKey) -> Enrolment:
        if self.owner.error is not None:
            raise self.owner.error
        self.owner.claims.append(Claim(self.server, self.fingerprint, code, public_key_b64(key)))
        return Enrolment(
            device_id=device_id_of(self.owner.name), name=self.owner.name, scope=self.owner.scope
        )


def enrol(database: Database, name: str, **scope: Any) -> LaptopIdentity:
    """Enrol ``database`` as laptop ``name`` (device id :func:`device_id_of`)."""
    server = FakeServer(name=name, scope=scope or {"district": True})
    with database.sessions() as session:
        identity = enrol_laptop(
            session, server=SERVER, fingerprint=FINGERPRINT, code=CODE, client_factory=server
        )
        session.commit()
    adopt_device_id(database.sessions, identity)
    return identity


def identity_of(database: Database) -> LaptopIdentity:
    with database.sessions() as session:
        identity = load_identity(session)
    assert identity is not None
    return identity


def add_device(database: Database, identity: LaptopIdentity, *, revoked: bool = False) -> None:
    """Let ``database`` know the device of ``identity`` (as a pull from the server would)."""
    with database.sessions() as session:
        device_id = uuid.UUID(identity.device_id)
        device = session.get(Device, device_id) or Device(id=device_id, name=identity.name)
        device.public_key = public_key_b64(identity.key)
        device.scope = identity.scope
        device.enrolled_at = utcnow()
        device.revoked_at = utcnow() if revoked else None
        session.add(device)
        session.commit()


def know_each_other(*databases: Database) -> None:
    """Every laptop knows every enrolled laptop's device (its own included)."""
    identities = [identity_of(database) for database in databases]
    for database in databases:
        for identity in identities:
            add_device(database, identity)
