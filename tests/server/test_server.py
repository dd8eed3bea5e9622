"""The district sync server end to end: real PostgreSQL, ``asuh server`` commands, a real
uvicorn with TLS on 127.0.0.1 and the laptop client pinning the certificate."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from desktop_app.cli import main
from desktop_app.core.database import open_database
from desktop_app.db.models import Device
from desktop_app.server.cert import fingerprint_of_file
from desktop_app.server.client import (
    CertificateMismatch,
    ServerClient,
    ServerRefused,
    ServerUnreachable,
    new_device_key,
)
from desktop_app.server.setup import ServerSetupError, init_server_database
from desktop_app.server.signing import sign_request
from tests.server.conftest import ADMIN_PASSWORD, OPERATOR_PASSWORD, RunningServer, _free_port

pytestmark = pytest.mark.postgres

_CODE = re.compile(r"\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b")


def _enrol_code(
    server: RunningServer, capsys: pytest.CaptureFixture[str], name: str = "Laptop Puskesmas X"
) -> tuple[str, str]:
    """``asuh server enrol``: (code, device id) as printed."""
    capsys.readouterr()
    assert main(["server", "enrol", "--database-url", server.owner_url, "--name", name]) == 0
    out = capsys.readouterr().out
    code = _CODE.search(out)
    device = re.search(r"\(([0-9a-f-]{36})\)", out)
    assert code and device, out
    return code.group(1), device.group(1)


def _client(server: RunningServer, **kwargs: object) -> ServerClient:
    return ServerClient(server.base_url, fingerprint=server.fingerprint, **kwargs)  # type: ignore[arg-type]


# -- set-up ---------------------------------------------------------------------------------
def test_runtime_role_writes_rows_but_cannot_change_the_schema(
    runtime: tuple[str, str],
) -> None:
    _owner, runtime_url = runtime
    engine = create_engine(runtime_url)
    try:
        with engine.begin() as conn:
            assert conn.execute(text("SELECT current_user")).scalar_one().startswith("asuh_rt_")
            conn.execute(
                text(
                    "INSERT INTO devices (id, name, scope, created_at) "
                    "VALUES (:id, 'Uji', '{}', now())"
                ),
                {"id": uuid.uuid4()},
            )
            assert conn.execute(text("SELECT count(*) FROM devices")).scalar_one() == 1
        for ddl in (
            "CREATE TABLE intruder (x int)",
            "ALTER TABLE children ADD COLUMN intruder int",
            "DROP TABLE devices",
            "UPDATE alembic_version SET version_num = '9999'",
        ):
            with (
                pytest.raises(ProgrammingError, match="permission denied|must be owner"),
                engine.begin() as conn,
            ):
                conn.execute(text(ddl))
    finally:
        engine.dispose()


def test_cert_command_writes_a_private_key_and_prints_the_fingerprint(
    certificate: tuple[Path, Path, str],
) -> None:
    cert, key, printed = certificate
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert fingerprint_of_file(cert) == printed


# -- enrolment and signed requests ------------------------------------------------------------
def test_enrol_with_the_code_then_ping(
    running_server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, device_id = _enrol_code(running_server, capsys)
    key = new_device_key()
    with _client(running_server) as client:
        enrolment = client.enrol(code=code.lower().replace("-", " "), key=key)  # typed loosely
        assert enrolment.device_id == device_id
        assert enrolment.name == "Laptop Puskesmas X"
        server_time = client.ping(device_id=device_id, key=key)
    assert abs(server_time - datetime.utcnow()) < timedelta(minutes=1)
    with running_server.database.sessions() as session:
        device = session.get(Device, uuid.UUID(device_id))
        assert device is not None
        assert device.enrolled_at is not None and device.last_seen_at is not None
        assert device.enrol_code_hash is None  # the code is gone, not just marked


def test_a_code_is_used_once(
    running_server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _device = _enrol_code(running_server, capsys)
    with _client(running_server) as client:
        client.enrol(code=code, key=new_device_key())
        with pytest.raises(ServerRefused, match="salah atau sudah dipakai") as refused:
            client.enrol(code=code, key=new_device_key())
    assert refused.value.status == 403


def test_an_expired_code_is_refused(
    running_server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, device_id = _enrol_code(running_server, capsys)
    owner = open_database(running_server.owner_url)
    with owner.sessions() as session:
        device = session.get(Device, uuid.UUID(device_id))
        assert device is not None and device.enrol_code_expires_at is not None
        assert device.enrol_code_expires_at - device.created_at == timedelta(hours=24)
        device.enrol_code_expires_at = datetime(2020, 1, 1)
        session.commit()
    owner.dispose()
    with (
        _client(running_server) as client,
        pytest.raises(ServerRefused, match="kedaluwarsa"),
    ):
        client.enrol(code=code, key=new_device_key())


def test_a_request_signed_with_another_key_is_refused(
    running_server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, device_id = _enrol_code(running_server, capsys)
    with _client(running_server) as client:
        client.enrol(code=code, key=new_device_key())
        with pytest.raises(ServerRefused, match="Tanda tangan permintaan tidak sah") as refused:
            client.ping(device_id=device_id, key=new_device_key())
    assert refused.value.status == 401


def test_a_signature_does_not_cover_another_path_or_an_unsigned_request(
    running_server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, device_id = _enrol_code(running_server, capsys)
    key = new_device_key()
    with _client(running_server) as client:
        client.enrol(code=code, key=key)
    headers = sign_request(
        key, device_id=device_id, method="GET", path="/v1/other",
        timestamp=int(time.time()), body=b"",
    )  # fmt: skip
    with httpx.Client(base_url=running_server.base_url, verify=False) as raw:
        moved = raw.get("/v1/ping", headers=headers)
        unsigned = raw.get("/v1/ping")
    assert moved.status_code == 401
    assert moved.json()["error"] == "Tanda tangan permintaan tidak sah"
    assert unsigned.status_code == 401 and "tidak bertanda tangan" in unsigned.json()["error"]


@pytest.mark.parametrize("skew_minutes", [-6, 6])
def test_a_stale_or_future_timestamp_is_refused(
    running_server: RunningServer, capsys: pytest.CaptureFixture[str], skew_minutes: int
) -> None:
    code, device_id = _enrol_code(running_server, capsys)
    key = new_device_key()
    with _client(running_server, now=lambda: time.time() + skew_minutes * 60) as client:
        client.enrol(code=code, key=key)  # enrolment carries no timestamp
        with pytest.raises(ServerRefused, match="Jam laptop berbeda lebih dari 5 menit"):
            client.ping(device_id=device_id, key=key)
    with _client(running_server, now=lambda: time.time() + 4 * 60) as client:
        client.ping(device_id=device_id, key=key)  # inside the window: served


def test_a_revoked_device_is_refused_in_indonesian(
    running_server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, device_id = _enrol_code(running_server, capsys)
    key = new_device_key()
    with _client(running_server) as client:
        client.enrol(code=code, key=key)
        client.ping(device_id=device_id, key=key)
        args = ["server", "revoke", "--database-url", running_server.owner_url, device_id]
        assert main(args) == 0
        assert "dicabut" in capsys.readouterr().out
        with pytest.raises(ServerRefused) as refused:
            client.ping(device_id=device_id, key=key)
    assert str(refused.value) == "Perangkat ini sudah dicabut oleh Admin kabupaten"
    assert refused.value.status == 403


def test_a_wrong_pinned_fingerprint_is_refused_before_the_code_is_sent(
    running_server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, device_id = _enrol_code(running_server, capsys)
    impostor_pin = "AB:" * 31 + "CD"
    with (
        ServerClient(running_server.base_url, fingerprint=impostor_pin) as client,
        pytest.raises(CertificateMismatch, match="Sertifikat server tidak sama"),
    ):
        client.enrol(code=code, key=new_device_key())
    with _client(running_server) as client:  # the code never reached the server: still valid
        assert client.enrol(code=code, key=new_device_key()).device_id == device_id


def test_an_unreachable_server_is_said_plainly(certificate: tuple[Path, Path, str]) -> None:
    with (
        ServerClient("https://127.0.0.1:9", fingerprint=certificate[2], timeout=2) as client,
        pytest.raises(ServerUnreachable, match="Server tidak dapat dihubungi, periksa koneksi"),
    ):
        client.enrol(code="AAAA-BBBB-CCCC-DDDD", key=new_device_key())


# -- the status page ---------------------------------------------------------------------------
def test_status_page_needs_the_admin_login_and_lists_devices(
    running_server: RunningServer,
    accounts: None,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    code, device_id = _enrol_code(running_server, capsys, name="Laptop Puskesmas <Membalong>")
    key = new_device_key()
    with _client(running_server) as client:
        client.enrol(code=code, key=key)
        client.ping(device_id=device_id, key=key)
    _enrol_code(running_server, capsys, name="Laptop Dinas")
    revoked_code, revoked_id = _enrol_code(running_server, capsys, name="Laptop Hilang")
    main(["server", "revoke", "--database-url", running_server.owner_url, revoked_id])

    with httpx.Client(base_url=running_server.base_url, verify=False) as browser:
        anonymous = browser.get("/status")
        wrong = browser.get("/status", auth=("admin.kab", "salah-sekali"))
        operator = browser.get("/status", auth=("operator.kab", OPERATOR_PASSWORD))
        admin = browser.get("/status", auth=("admin.kab", ADMIN_PASSWORD))
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"].startswith("Basic")
    assert wrong.status_code == 401 and "kata sandi salah" in wrong.text
    assert operator.status_code == 403 and "hanya untuk Admin" in operator.text
    assert admin.status_code == 200
    page = admin.text
    assert "Laptop Puskesmas &lt;Membalong&gt;" in page  # escaped, not markup
    assert "<Membalong>" not in page
    expected_cells = {
        "Laptop Puskesmas &lt;Membalong&gt;": '"aktif">Aktif<',
        "Laptop Dinas": '"menunggu">Menunggu pendaftaran<',
        "Laptop Hilang": '"dicabut">Dicabut<',
    }
    for name, cell in expected_cells.items():
        row = re.search(rf"<tr><td>{re.escape(name)}</td>.*?</tr>", page)
        assert row is not None and cell in row.group(0), page
    assert "Dilihat oleh admin.kab" in page and "3 perangkat" in page
    (tmp_path / "status.html").write_text(page, encoding="utf-8")
    assert revoked_code  # the revoked device's code can no longer enrol
    with _client(running_server) as client, pytest.raises(ServerRefused):
        client.enrol(code=revoked_code, key=new_device_key())


# -- asuh server run ---------------------------------------------------------------------------
def test_the_run_command_serves_tls_as_the_runtime_role(
    runtime: tuple[str, str],
    certificate: tuple[Path, Path, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    owner_url, runtime_url = runtime
    cert, key, fingerprint = certificate
    capsys.readouterr()
    assert main(["server", "enrol", "--database-url", owner_url, "--name", "Laptop Desa"]) == 0
    out = capsys.readouterr().out
    code = _CODE.search(out)
    assert code, out
    port = _free_port()
    command = [
        sys.executable, "-m", "desktop_app", "server", "run", "--database-url", runtime_url,
        "--cert", str(cert), "--key", str(key), "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )  # fmt: skip
    try:
        device_key = new_device_key()
        client = ServerClient(f"127.0.0.1:{port}", fingerprint=fingerprint, timeout=2)
        deadline = time.monotonic() + 30
        while True:
            try:
                enrolment = client.enrol(code=code.group(1), key=device_key)
                break
            except ServerUnreachable:
                assert process.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.2)
        client.ping(device_id=enrolment.device_id, key=device_key)
        client.close()
    finally:
        process.terminate()
        output, _err = process.communicate(timeout=15)
    assert f"Sidik jari sertifikat: {fingerprint}" in output


def test_init_again_keeps_the_role_and_gives_a_new_password(
    runtime: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    owner_url, first_url = runtime
    role = make_url(first_url).username
    assert main(["server", "init", "--database-url", owner_url, "--runtime-role", str(role)]) == 0
    second_url = capsys.readouterr().out.strip().splitlines()[-1]
    assert make_url(second_url).username == role
    assert make_url(second_url).password != make_url(first_url).password
    engine = create_engine(second_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM devices")).scalar_one() == 0
    engine.dispose()
    with pytest.raises(ServerSetupError, match="postgres sudah ada dengan hak terlalu besar"):
        init_server_database(owner_url, runtime_role="postgres")


def test_an_owner_who_cannot_create_roles_is_told_what_to_grant(pg_admin: Engine) -> None:
    name = f"asuh_plain_{uuid.uuid4().hex[:10]}"
    with pg_admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{name}" LOGIN'))
        conn.execute(text(f'CREATE DATABASE "{name}" OWNER "{name}"'))
    try:
        owner_url = make_url(pg_admin.url).set(username=name, database=name)
        with pytest.raises(ServerSetupError, match=f"ALTER ROLE {name} CREATEROLE"):
            init_server_database(owner_url.render_as_string(hide_password=False))
    finally:
        with pg_admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))


def test_a_request_sent_again_is_refused_but_two_like_requests_are_served(
    running_server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, device_id = _enrol_code(running_server, capsys)
    key = new_device_key()
    second = float(int(time.time()))
    with _client(running_server, now=lambda: second) as client:
        client.enrol(code=code, key=key)
        # Same path, same timestamp, same body: distinct nonces, both served.
        client.ping(device_id=device_id, key=key)
        client.ping(device_id=device_id, key=key)
    headers = sign_request(
        key, device_id=device_id, method="GET", path="/v1/ping",
        timestamp=int(time.time()), body=b"",
    )  # fmt: skip
    with httpx.Client(base_url=running_server.base_url, verify=False) as raw:
        first = raw.get("/v1/ping", headers=headers)
        again = raw.get("/v1/ping", headers=headers)
    assert first.status_code == 200
    assert again.status_code == 401 and "sudah pernah diterima" in again.json()["error"]
