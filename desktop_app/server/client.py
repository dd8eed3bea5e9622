"""The laptop's side of the sync server: enrol with a code, then signed requests (ping for now).

The server's certificate is not checked against any CA: the laptop pins its SHA-256 fingerprint
(printed by ``asuh server cert`` and given with the enrolment code) and refuses any other
certificate right after the TLS handshake, before a single byte of the request (the code, or a
signed request) is sent. Where the device key and fingerprint are kept is the vault's job (not
done here: the caller holds them).
"""

from __future__ import annotations

import hashlib
import ssl
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpcore
import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.server.cert import normalise_fingerprint
from desktop_app.server.signing import public_key_b64, sign_request

DEFAULT_PORT = 8443


class ServerUnreachable(DomainError):
    pass


class CertificateMismatch(DomainError):
    """The server showed a certificate other than the pinned one: possibly an impostor."""


class ServerRefused(DomainError):
    """The server answered with a refusal; ``str()`` is its Indonesian message."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Enrolment:
    device_id: str
    name: str
    #: What the district Admin gave this laptop: ``{"district": True}``, ``{"kecamatan": [ids]}``
    #: or ``{"posyandu": [ids]}`` (the server filters pulls by it; the laptop only shows it).
    scope: dict[str, Any]


def new_device_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def server_base_url(server: str) -> str:
    """``"kab.example"`` -> ``"https://kab.example:8443"``: the Admin types only the name."""
    server = server.strip().rstrip("/")
    if "://" not in server:
        server = f"https://{server}"
    url = httpx.URL(server)
    return str(url.copy_with(port=url.port or DEFAULT_PORT))


class _PinnedStream(httpcore.NetworkStream):
    """A TCP stream whose TLS handshake is followed at once by the fingerprint check."""

    def __init__(self, inner: httpcore.NetworkStream, fingerprint: str) -> None:
        self._inner, self._fingerprint = inner, fingerprint

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.start_tls(ssl_context, server_hostname, timeout)
        ssl_object = stream.get_extra_info("ssl_object")
        # httpcore hands out the low-level _SSLSocket: positional argument only.
        der = ssl_object.getpeercert(True) if ssl_object is not None else None
        if der is None or hashlib.sha256(der).hexdigest() != self._fingerprint:
            stream.close()
            raise CertificateMismatch(
                _(
                    "Sertifikat server tidak sama dengan yang disimpan saat pendaftaran. "
                    "Jangan lanjutkan; hubungi Admin kabupaten."
                )
            )
        return _PinnedStream(stream, self._fingerprint)


class _PinningBackend(httpcore.SyncBackend):
    def __init__(self, fingerprint: str) -> None:
        self._fingerprint = fingerprint

    def connect_tcp(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        return _PinnedStream(super().connect_tcp(*args, **kwargs), self._fingerprint)


def _pinned_transport(fingerprint: str) -> httpx.HTTPTransport:
    context = ssl.create_default_context()
    context.check_hostname = False  # the pin replaces CA and name checks
    context.verify_mode = ssl.CERT_NONE
    transport = httpx.HTTPTransport(verify=context)
    # httpx has no public hook for the network backend; httpcore's pool takes one.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=context, network_backend=_PinningBackend(fingerprint)
    )
    return transport


class ServerClient:
    """One laptop talking to one server. Not thread-safe: one per sync job. ``now`` gives Unix
    seconds (tests skew it)."""

    def __init__(
        self,
        server: str,
        *,
        fingerprint: str,
        timeout: float = 15.0,
        now: Callable[[], float] = time.time,
    ) -> None:
        pin = normalise_fingerprint(fingerprint)
        if len(pin) != 64:
            raise DomainError(_("Sidik jari sertifikat harus 64 angka heksadesimal (SHA-256)"))
        self._now = now
        self._http = httpx.Client(
            base_url=server_base_url(server), transport=_pinned_transport(pin), timeout=timeout
        )

    def __enter__(self) -> ServerClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def enrol(self, *, code: str, key: Ed25519PrivateKey) -> Enrolment:
        """Claim the enrolment ``code`` for ``key``; the server remembers the public half."""
        answer = self._send(
            self._http.build_request(
                "POST", "/v1/enrol", json={"code": code, "public_key": public_key_b64(key)}
            )
        )
        scope = answer.get("scope")
        return Enrolment(
            device_id=str(answer["device_id"]),
            name=str(answer["name"]),
            scope=dict(scope) if isinstance(scope, dict) else {"district": True},
        )

    def ping(self, *, device_id: str, key: Ed25519PrivateKey) -> datetime:
        """A signed round trip; returns the server's time (naive UTC)."""
        answer = self._signed("GET", "/v1/ping", device_id=device_id, key=key)
        return datetime.fromisoformat(str(answer["server_time"]).removesuffix("Z"))

    def _signed(
        self, method: str, path: str, *, device_id: str, key: Ed25519PrivateKey, **kwargs: Any
    ) -> dict[str, Any]:
        uuid.UUID(device_id)  # a typo is the caller's bug, not the server's refusal
        request = self._http.build_request(method, path, **kwargs)
        query = request.url.query.decode("ascii")
        signed_path = request.url.path + (f"?{query}" if query else "")
        request.headers.update(
            sign_request(
                key,
                device_id=device_id,
                method=method,
                path=signed_path,
                timestamp=int(self._now()),
                body=request.read(),
            )
        )
        return self._send(request)

    def _send(self, request: httpx.Request) -> dict[str, Any]:
        try:
            response = self._http.send(request)
        except httpx.TransportError:
            raise ServerUnreachable(_("Server tidak dapat dihubungi, periksa koneksi")) from None
        try:
            payload = response.json()
        except ValueError:
            payload = {}
        if response.is_error:
            message = payload.get("error") if isinstance(payload, dict) else None
            if not message:
                message = _("Server menolak permintaan (kode {status})").format(
                    status=response.status_code
                )
            raise ServerRefused(str(message), status=response.status_code)
        if not isinstance(payload, dict):
            raise ServerRefused(_("Jawaban server tidak dapat dibaca"), status=response.status_code)
        return payload


class ServerPeer:
    """The enrolled server as a :class:`desktop_app.sync.peer.SyncPeer`: every call a signed
    ``POST`` of JSON. ``identity`` is the laptop's (:class:`desktop_app.sync.identity.
    LaptopIdentity`: server, fingerprint, device id and key)."""

    def __init__(self, identity: Any, *, timeout: float = 120.0) -> None:
        self._device_id = str(identity.device_id)
        self._key = identity.key
        self._client = ServerClient(
            identity.server, fingerprint=identity.fingerprint, timeout=timeout
        )

    def close(self) -> None:
        self._client.close()

    def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        return self._client._signed(
            "POST", path, device_id=self._device_id, key=self._key, json=payload
        )

    def push(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self._post("/v1/push", payload)

    def pull(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self._post("/v1/pull", payload)

    def rows(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self._post("/v1/rows", payload)

    def count(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self._post("/v1/count", payload)

    def devices(self) -> dict[str, Any]:
        return self._post("/v1/devices", {})
