"""The sync page speaks of a server by its name and in plain words, never a driver's message."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import ArgumentError, OperationalError

from desktop_app.sync.problems import connection_problem, server_name

URL = "postgresql+psycopg://asuh:rahasia@10.255.255.1:5432/asuh"
SSL = (
    'connection failed: connection to server at "10.255.255.1", port 5432 failed: received '
    "invalid response to SSL negotiation: H"
)


def _operational(text: str) -> OperationalError:
    return OperationalError("SELECT 1", {}, Exception(text))


def test_server_name_hides_user_password_and_driver() -> None:
    assert server_name(URL) == "10.255.255.1"
    assert server_name("postgresql+psycopg://u@db.belitungkab.go.id:6432/asuh") == (
        "db.belitungkab.go.id:6432"
    )
    assert server_name("bukan alamat") == ""


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (_operational(SSL), "Server 10.255.255.1 tidak dapat dihubungi, periksa koneksi."),
        (_operational("connection timeout expired"),
         "Server 10.255.255.1 tidak dapat dihubungi, periksa koneksi."),
        (ConnectionRefusedError(111, "Connection refused"),
         "Server 10.255.255.1 tidak dapat dihubungi, periksa koneksi."),
        (_operational('FATAL:  password authentication failed for user "asuh"'),
         "Server 10.255.255.1 menolak nama pengguna atau kata sandi. Tanyakan kepada "
         "pengelola server di kabupaten."),
        (_operational('could not translate host name "srv" to address'),
         "Nama server 10.255.255.1 tidak dikenal. Periksa alamat server dan koneksi."),
        (_operational('FATAL:  database "asuh" does not exist'),
         "Server 10.255.255.1 dapat dihubungi, tetapi data kabupaten tidak ditemukan di sana. "
         "Periksa alamat server."),
        (ArgumentError("Could not parse SQLAlchemy URL"),
         "Alamat server tidak dapat dibaca. Periksa penulisannya, atau tanyakan alamat server "
         "kepada pengelola di kabupaten."),
    ],
)  # fmt: skip
def test_driver_errors_become_plain_messages(error: BaseException, expected: str) -> None:
    message = connection_problem(error, URL)
    assert message == expected
    for leaked in ("psycopg", "OperationalError", "SSL", "rahasia", "asuh:", "FATAL"):
        assert leaked not in message
