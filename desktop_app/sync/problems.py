"""Why the district server could not be used, in plain Indonesian, never a driver's text.

A database driver's message ("(psycopg.OperationalError) connection failed: connection to
server at "10.255.255.1", port 5432 failed: received invalid response to SSL negotiation: H")
means nothing to a cadre and leaks the address's user name. :func:`connection_problem` maps an
error to one of a few sentences naming the server by its host name only
(:func:`server_name`), and logs the original for whoever maintains the server. Pure Python.
"""

from __future__ import annotations

import logging

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from desktop_app.core.i18n import _

__all__ = ["connection_problem", "interruption_problem", "server_name"]

log = logging.getLogger(__name__)

#: Fragments of driver messages (lower case) and what they mean for the user.
_REFUSED_LOGIN = ("password authentication failed", "authentication failed", "role \"",
                  "no password supplied", "pg_hba.conf")  # fmt: skip
_UNKNOWN_HOST = ("could not translate host name", "name or service not known",
                 "nodename nor servname", "temporary failure in name resolution",
                 "no address associated")  # fmt: skip
_NO_DATABASE = ("does not exist",)


def server_name(server_url: str) -> str:
    """The host (and a port other than PostgreSQL's 5432) of ``server_url``: the user name,
    password and driver stay out of sight. "" when the address cannot be read."""
    try:
        url = make_url(server_url.strip())
    except (ArgumentError, ValueError):
        return ""
    host = url.host or ""
    if host and url.port and url.port != 5432:
        return f"{host}:{url.port}"
    return host


def _named(server_url: str) -> str:
    return server_name(server_url) or _("kabupaten")


def connection_problem(error: BaseException, server_url: str) -> str:
    """What to tell the user when connecting to ``server_url`` raised ``error``."""
    log.warning("sync server %s: %s", server_name(server_url), error)
    if isinstance(error, ArgumentError | NoSuchModuleError | ValueError) and not _said(
        error, _UNKNOWN_HOST
    ):
        return _(
            "Alamat server tidak dapat dibaca. Periksa penulisannya, atau tanyakan alamat "
            "server kepada pengelola di kabupaten."
        )
    server = _named(server_url)
    if _said(error, _REFUSED_LOGIN):
        return _(
            "Server {server} menolak nama pengguna atau kata sandi. Tanyakan kepada pengelola "
            "server di kabupaten."
        ).format(server=server)
    if _said(error, _UNKNOWN_HOST):
        return _("Nama server {server} tidak dikenal. Periksa alamat server dan koneksi.").format(
            server=server
        )
    if _said(error, _NO_DATABASE):
        return _(
            "Server {server} dapat dihubungi, tetapi data kabupaten tidak ditemukan di sana. "
            "Periksa alamat server."
        ).format(server=server)
    return _("Server {server} tidak dapat dihubungi, periksa koneksi.").format(server=server)


def interruption_problem(error: BaseException, server_url: str) -> str:
    """What to tell the user when the connection broke during the exchange."""
    log.warning("sync with %s interrupted: %s", server_name(server_url), error)
    return _(
        "Sambungan ke server {server} terputus. Periksa koneksi lalu sinkronkan lagi: yang sudah "
        "terkirim tetap tersimpan dan sinkron berikutnya melanjutkannya."
    ).format(server=_named(server_url))


def _said(error: BaseException, fragments: tuple[str, ...]) -> bool:
    text = str(error).lower()
    return any(fragment in text for fragment in fragments)
