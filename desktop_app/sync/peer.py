"""What a laptop's sync talks to: the district server, over HTTPS or in-process.

The laptop side (:mod:`desktop_app.sync.server`) sees only this protocol of JSON requests and
answers, the very messages :mod:`desktop_app.server.app` serves. :class:`LocalPeer` runs the
server's code (:mod:`desktop_app.sync.district`) on a database engine in this process, through
the same JSON round trip, for tests and benchmarks; laptops in the field only ever use the
HTTPS peer (:class:`desktop_app.server.client.ServerPeer`) and hold no database credential.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy import Connection, Engine

from desktop_app.sync.district import (
    Sender,
    count_pull,
    known_devices,
    pull_page,
    push_batch,
    rows_by,
)

Payload = dict[str, Any]


class SyncPeer(Protocol):
    """The server's sync operations as a laptop calls them (see :mod:`.district`)."""

    def push(self, payload: Payload) -> Payload: ...

    def pull(self, payload: Payload) -> Payload: ...

    def rows(self, payload: Payload) -> Payload: ...

    def count(self, payload: Payload) -> Payload: ...

    def devices(self) -> Payload: ...


class LocalPeer:
    """The district server's code on ``engine``, one transaction per call, as ``sender``."""

    def __init__(self, engine: Engine, sender: Sender) -> None:
        self.engine, self.sender = engine, sender

    def _call(self, work: Callable[[Connection, Sender, Payload], Payload], payload: Payload):
        request = json.loads(json.dumps(payload))  # exactly what would travel
        with self.engine.begin() as conn:
            answer = work(conn, self.sender, request)
        return json.loads(json.dumps(answer))

    def push(self, payload: Payload) -> Payload:
        return self._call(push_batch, payload)

    def pull(self, payload: Payload) -> Payload:
        return self._call(pull_page, payload)

    def rows(self, payload: Payload) -> Payload:
        return self._call(rows_by, payload)

    def count(self, payload: Payload) -> Payload:
        return self._call(count_pull, payload)

    def devices(self) -> Payload:
        return self._call(lambda conn, _sender, _payload: known_devices(conn), {})
