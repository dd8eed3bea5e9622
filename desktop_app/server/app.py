"""The Starlette app of ``asuh server``: enrolment, signed sync calls, the status page.

``POST /v1/enrol`` (the one-time code), ``GET /v1/ping``, ``POST /v1/push|pull|rows|count|
devices`` (signed by the device; :mod:`desktop_app.sync.district` does the work) and
``GET /status`` (the district Admin's login).

Endpoints are async only to read the body; every database step runs in Starlette's thread
pool, one Session per request, committed there (a refusal's bookkeeping is committed too).
Errors are JSON ``{"error": "..."}`` in Indonesian, never a driver's English text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Any, TypeVar

from sqlalchemy import Connection
from sqlalchemy.orm import Session
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from desktop_app.core.database import Database
from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.db.base import utcnow
from desktop_app.server.auth import RequestRefused, check_admin_login, verify_signed_request
from desktop_app.server.devices import DeviceRecord, claim_enrolment
from desktop_app.server.replay import ReplayGuard
from desktop_app.server.signing import MAX_SKEW
from desktop_app.server.status import render_status_page
from desktop_app.server.status_queries import load_status
from desktop_app.sync.district import (
    BatchRefused,
    Sender,
    count_pull,
    known_devices,
    pull_page,
    push_batch,
    rows_by,
)

#: Largest request body read: enrolment and ping are tiny; a sync batch (at most
#: ``district.MAX_BATCH_ROWS`` rows with their base values) stays well below this.
MAX_BODY = 64 * 1024
MAX_SYNC_BODY = 48 * 1024 * 1024

T = TypeVar("T")
SyncWork = Callable[[Connection, Sender, dict[str, Any]], dict[str, Any]]


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _body(request: Request, limit: int = MAX_BODY) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise RequestRefused(_("Permintaan terlalu besar"), status=413)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestRefused(_("Permintaan terlalu besar"), status=413)
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(database: Database) -> Starlette:
    """The app serving ``database`` (opened by the caller, as the runtime role)."""
    # Twice the skew: a timestamp up to MAX_SKEW ahead of the clock still passes.
    replay_guard = ReplayGuard(keep=2 * MAX_SKEW)

    def in_session(work: Callable[[Session], T]) -> T:
        with database.sessions() as session:
            try:
                result = work(session)
            except RequestRefused:
                session.commit()  # failed-login bookkeeping must stay
                raise
            session.commit()
            return result

    async def enrol(request: Request) -> Response:
        try:
            payload = json.loads(await _body(request) or b"{}")
            code, key = str(payload["code"]), str(payload["public_key"])
        except RequestRefused as refusal:
            return _error(str(refusal), refusal.status)
        except (ValueError, KeyError, TypeError):
            return _error(_("Isi permintaan pendaftaran tidak lengkap"), 400)
        try:
            device = await run_in_threadpool(
                in_session, lambda s: claim_enrolment(s, code=code, public_key=key)
            )
        except DomainError as refusal:
            return _error(str(refusal), 403)
        return JSONResponse(
            {"device_id": str(device.id), "name": device.name, "scope": device.scope}
        )

    def verify(session: Session, request: Request, body: bytes) -> DeviceRecord:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return verify_signed_request(
            session,
            headers=request.headers,
            method=request.method,
            path=path,
            body=body,
            replay_guard=replay_guard,
        )

    async def signed(request: Request) -> Any:
        body = await _body(request)
        return await run_in_threadpool(in_session, lambda s: verify(s, request, body))

    def sync_endpoint(work: SyncWork) -> Callable[[Request], Any]:
        """A signed sync call: verify the device, then run ``work`` as it, in one transaction
        (a refused device's bookkeeping is committed; a failed batch changes nothing)."""

        async def endpoint(request: Request) -> Response:
            try:
                body = await _body(request, MAX_SYNC_BODY)
            except RequestRefused as refusal:
                return _error(str(refusal), refusal.status)

            def run(session: Session) -> dict[str, Any]:
                device = verify(session, request, body)
                session.commit()  # last_seen_at stays even if the batch is refused
                try:
                    payload = json.loads(body or b"{}")
                except ValueError:
                    raise BatchRefused(_("Kiriman tidak dapat dibaca server")) from None
                if not isinstance(payload, dict):
                    raise BatchRefused(_("Kiriman tidak dapat dibaca server"))
                sender = Sender.from_device_scope(
                    str(device.id), device.name, device.scope, str(payload.get("user") or "")
                )
                return work(session.connection(), sender, payload)

            try:
                answer = await run_in_threadpool(in_session, run)
            except RequestRefused as refusal:
                return _error(str(refusal), refusal.status)
            except (BatchRefused, ValueError, TypeError) as refusal:
                return _error(str(refusal) or _("Kiriman tidak dapat dibaca server"), 400)
            return JSONResponse(answer)

        return endpoint

    async def ping(request: Request) -> Response:
        try:
            device = await signed(request)
        except RequestRefused as refusal:
            return _error(str(refusal), refusal.status)
        return JSONResponse(
            {
                "server_time": utcnow().isoformat(timespec="seconds") + "Z",
                "device_id": str(device.id),
                "name": device.name,
            }
        )

    async def status(request: Request) -> Response:
        authorization = request.headers.get("authorization", "")

        def page(session: Session) -> str:
            admin = check_admin_login(session, authorization)
            now = utcnow()
            return render_status_page(load_status(session, now=now), now=now, admin=admin)

        try:
            html = await run_in_threadpool(in_session, page)
        except RequestRefused as refusal:
            return HTMLResponse(
                f'<!DOCTYPE html><html lang="id"><body><p>{escape(str(refusal))}</p></body></html>',
                status_code=refusal.status,
                headers={"WWW-Authenticate": 'Basic realm="Asuh", charset="UTF-8"'},
            )
        return HTMLResponse(html, headers={"Cache-Control": "no-store"})

    return Starlette(
        routes=[
            Route("/v1/enrol", enrol, methods=["POST"]),
            Route("/v1/ping", ping, methods=["GET"]),
            Route("/status", status, methods=["GET"]),
            Route("/v1/push", sync_endpoint(push_batch), methods=["POST"]),
            Route("/v1/pull", sync_endpoint(pull_page), methods=["POST"]),
            Route("/v1/rows", sync_endpoint(rows_by), methods=["POST"]),
            Route("/v1/count", sync_endpoint(count_pull), methods=["POST"]),
            Route(
                "/v1/devices",
                sync_endpoint(lambda conn, _sender, _payload: known_devices(conn)),
                methods=["POST"],
            ),
        ]
    )
