"""The coordinator's status page over real TLS: per-device syncs, refused rows, open conflicts.

Rows are put straight into the server database (as a push would have left them), then the page
is fetched like a browser would, with the district Admin's Basic login, through the pinned
certificate; the counts and lines are read back from the HTML.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from html import unescape

import httpx
import pytest

from desktop_app.core.database import open_database
from desktop_app.db.audit_chain import append_rows
from desktop_app.db.base import utcnow
from desktop_app.db.models import Device, SyncConflict, SyncRefusal
from desktop_app.server.cert import normalise_fingerprint
from desktop_app.server.client import _pinned_transport
from desktop_app.server.status import format_when
from desktop_app.server.status_queries import load_status
from tests.server.conftest import ADMIN_PASSWORD, OPERATOR_PASSWORD, RunningServer
from tests.sync.conftest import add_area

pytestmark = pytest.mark.postgres

INJECTED = "Anak '<script>alert(1)</script>': NIK harus 16 angka"


def _seed(server: RunningServer, now: datetime) -> dict[str, str]:
    """Four devices (two active, one waiting, one revoked), their syncs, refusals and conflicts;
    returns device ids by short name."""
    database = open_database(server.owner_url)
    area = add_area(database, kecamatan="Membalong")
    with database.sessions() as session:
        devices = {
            "membalong": Device(
                name="Laptop Puskesmas Membalong",
                scope={"kecamatan": [str(area["kecamatan"])]},
                enrolled_at=now - timedelta(days=60),
                last_seen_at=now - timedelta(hours=2),
            ),
            "posyandu": Device(
                name="Laptop Posyandu Mawar",
                scope={"posyandu": [str(area["posyandu"])]},
                enrolled_at=now - timedelta(days=50),
                last_seen_at=now - timedelta(days=3),
            ),
            "waiting": Device(name="Laptop Baru", scope={"district": True}),
            "revoked": Device(
                name="Laptop Hilang",
                scope={"district": True},
                enrolled_at=now - timedelta(days=90),
                revoked_at=now - timedelta(days=10),
            ),
        }
        session.add_all(devices.values())
        session.flush()
        ids = {key: str(device.id) for key, device in devices.items()}
        refusals = [
            ("membalong", "children", "Anak 'Budi': NIK harus 16 angka", timedelta(hours=2)),
            (
                "membalong",
                "visits",
                "Kunjungan anak 'Budi': berat di luar batas",
                timedelta(days=1),
            ),
            ("membalong", "children", "Anak 'Sari': tanggal lahir kosong", timedelta(days=29)),
            ("membalong", "children", "Anak 'Lama': ditolak dulu", timedelta(days=40)),
            ("posyandu", "guardians", INJECTED, timedelta(hours=5)),
        ]
        session.add_all(
            SyncRefusal(
                device_id=ids[key],
                table_name=table,
                row_id=uuid.uuid4(),
                message=message,
                created_at=now - age,
            )
            for key, table, message, age in refusals
        )
        conflicts = [
            ("membalong", "posyandu", "terbuka", "Bidang: nik, name", None),
            ("posyandu", "membalong", "terbuka", "Bidang: birth_date", None),
            ("membalong", "posyandu", "diterima", "Bidang: name", None),
            ("membalong", "posyandu", "terbuka", "Bidang: name", now),  # deleted: not open
        ]
        session.add_all(
            SyncConflict(
                table_name="children",
                row_id=uuid.uuid4(),
                winner_device=ids[winner],
                loser_device=ids[loser],
                status=status,
                note=note,
                created_at=now - timedelta(hours=1),
                deleted_at=deleted,
            )
            for winner, loser, status, note, deleted in conflicts
        )
        append_rows(
            session.connection(),
            [
                {
                    "at": now - timedelta(hours=age),
                    "username": user,
                    "device_id": ids["membalong"],
                    "action": "sync",
                    "entity": "children",
                    "entity_id": None,
                    "summary": "sinkron",
                }
                for user, age in (("operator.lama", 30), ("bidan.sari", 2))
            ],
        )
        session.commit()
    database.dispose()
    return ids


def _device_row(page: str, name: str) -> list[str]:
    row = re.search(rf"<tr><td>{re.escape(name)}</td>.*?</tr>", page)
    assert row is not None, page
    return re.findall(r"<td[^>]*>(.*?)</td>", row.group(0))


def test_status_page_shows_syncs_refusals_and_conflicts_per_device(
    running_server: RunningServer, accounts: None
) -> None:
    now = utcnow()
    ids = _seed(running_server, now)
    transport = _pinned_transport(normalise_fingerprint(running_server.fingerprint))
    with httpx.Client(base_url=running_server.base_url, transport=transport) as browser:
        operator = browser.get("/status", auth=("operator.kab", OPERATOR_PASSWORD))
        response = browser.get("/status", auth=("admin.kab", ADMIN_PASSWORD))
    assert operator.status_code == 403 and "hanya untuk Admin" in operator.text
    assert "Laptop" not in operator.text
    assert response.status_code == 200
    page = response.text

    totals = re.findall(r"<li[^>]*><strong>(\d+)</strong>([^<]+)</li>", page)
    assert totals == [
        ("2", "perangkat aktif"),
        ("4", "baris ditolak (30 hari)"),
        ("2", "konflik terbuka"),
    ]
    # name, state, scope, last sync, its user, refused in 30 days, open conflicts
    assert _device_row(page, "Laptop Puskesmas Membalong") == [
        "Laptop Puskesmas Membalong",
        "Aktif",
        "Kecamatan Membalong",
        format_when(now - timedelta(hours=2)),
        "bidan.sari",
        "3",
        "2",
    ]
    assert _device_row(page, "Laptop Posyandu Mawar")[1:] == [
        "Aktif",
        "Posyandu Membalong",
        format_when(now - timedelta(days=3)),
        "\u2013",
        "1",
        "2",
    ]
    assert _device_row(page, "Laptop Baru")[1:3] == ["Menunggu pendaftaran", "Seluruh kabupaten"]
    assert _device_row(page, "Laptop Hilang")[1:] == [
        "Dicabut",
        "Seluruh kabupaten",
        "\u2013",
        "\u2013",
        "0",
        "0",
    ]
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4} \d{2}\.\d{2}", format_when(now))

    refused = page.split("Baris ditolak terbaru", 1)[1].split("<h2>", 1)[0]
    lines = re.findall(
        r"<tr><td[^>]*>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", refused
    )
    assert [tuple(unescape(cell) for cell in line[1:]) for line in lines] == [
        ("Laptop Puskesmas Membalong", "Anak", "Anak 'Budi': NIK harus 16 angka"),
        ("Laptop Posyandu Mawar", "Orang tua asuh", INJECTED),
        ("Laptop Puskesmas Membalong", "Kunjungan", "Kunjungan anak 'Budi': berat di luar batas"),
        ("Laptop Puskesmas Membalong", "Anak", "Anak 'Sari': tanggal lahir kosong"),
        ("Laptop Puskesmas Membalong", "Anak", "Anak 'Lama': ditolak dulu"),
    ]  # fmt: skip
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in refused  # shown as text, not run
    assert "<script>" not in page

    open_list = page.split("<h2>Konflik terbuka</h2>", 1)[1].split("<h2>", 1)[0]
    conflicts = re.findall(r"<tr>((?:<td[^>]*>.*?</td>){5})</tr>", open_list)
    cells = sorted(re.findall(r"<td[^>]*>(.*?)</td>", row)[1:] for row in conflicts)
    assert cells == [
        ["Anak", "NIK, Nama", "Laptop Puskesmas Membalong", "Laptop Posyandu Mawar"],
        ["Anak", "Tanggal lahir", "Laptop Posyandu Mawar", "Laptop Puskesmas Membalong"],
    ]
    assert ids["waiting"] not in page  # devices are named, never shown by id


def test_rows_from_unknown_devices_and_areas_are_still_named(server_url: str) -> None:
    """A conflict or refusal naming a laptop the server never enrolled, a scope id whose area
    is gone and a conflict without a note: the page says what it can, never fails."""
    now = utcnow()
    database = open_database(server_url)
    stranger = str(uuid.uuid4())
    lost_area = str(uuid.uuid4())
    with database.sessions() as session:
        device = Device(name="Laptop Sijuk", scope={"kecamatan": [lost_area]}, enrolled_at=now)
        session.add(device)
        session.flush()
        session.add(
            SyncRefusal(device_id=stranger, table_name="unknown_table", row_id=None,
                        message="Tabel tidak dikenal server: unknown_table", created_at=now)
        )  # fmt: skip
        session.add(
            SyncConflict(table_name="visits", row_id=uuid.uuid4(), winner_device=str(device.id),
                         loser_device=stranger, note=None)
        )  # fmt: skip
        session.commit()
        report = load_status(session, now=now)
    database.dispose()
    assert [line.scope_text for line in report.devices] == [f"Kecamatan {lost_area[:8]}"]
    assert report.devices[0].open_conflicts == 1 and report.devices[0].refused_recently == 0
    assert [(r.device_name, r.table_label) for r in report.refusals] == [
        (f"Perangkat {stranger[:8]}", "unknown_table")
    ]
    assert [(c.fields, c.winner_name, c.loser_name) for c in report.conflicts] == [
        ("\u2013", "Laptop Sijuk", f"Perangkat {stranger[:8]}")
    ]
    assert (report.active_devices, report.refused_recently, report.open_conflicts) == (1, 1, 1)
