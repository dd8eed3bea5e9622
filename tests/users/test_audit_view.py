"""Riwayat perubahan: filters by user, local date, record and text; paging; Admin only."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.audit.trail import audit_filter_choices, display_value, query_audit
from desktop_app.core.errors import PermissionDeniedError
from desktop_app.db.models import AuditEntry
from tests.users.conftest import act_as


def add_entry(session, at: datetime, username: str, entity: str, summary: str = "", **changes):
    session.add(AuditEntry(at=at, username=username, action="update", entity=entity,
                           entity_id="k1", summary=summary, changes=changes))  # fmt: skip


@pytest.fixture
def log(session, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Jakarta")  # UTC+7, no daylight saving
    import time

    time.tzset()
    add_entry(session, datetime(2026, 11, 20, 16, 30), "ani", "children", "a", name=["A", "B"])
    add_entry(session, datetime(2026, 11, 20, 17, 30), "ani", "visits", "b")  # 21 Nov 00.30 WIB
    add_entry(session, datetime(2026, 11, 22, 3, 0), "budi", "children", "Cetak laporan 50%")
    session.commit()
    act_as(session, "admin", "rina")
    yield session
    monkeypatch.delenv("TZ")
    time.tzset()


def test_filters_combine(log):
    assert query_audit(log).total == 3
    assert [r.summary for r in query_audit(log, username="ani").rows] == ["b", "a"]
    assert [r.summary for r in query_audit(log, entity="children").rows] == [
        "Cetak laporan 50%",
        "a",
    ]
    assert [r.summary for r in query_audit(log, date_to=date(2026, 11, 20)).rows] == ["a"]
    assert [r.summary for r in query_audit(log, date_from=date(2026, 11, 21)).rows] == [
        "Cetak laporan 50%",
        "b",
    ]
    assert [r.summary for r in query_audit(log, text="LAPORAN 50%").rows] == ["Cetak laporan 50%"]
    assert [r.summary for r in query_audit(log, text="5_%").rows] == []
    assert query_audit(log, text='"B"').rows[0].summary == "a"  # inside the changed values


def test_paging_and_local_times(log):
    page = query_audit(log, limit=2, offset=2)
    assert (page.total, [r.summary for r in page.rows]) == (3, ["a"])
    assert page.rows[0].at_text == "20 November 2026 23.30"


def test_filter_choices_and_admin_only(log):
    users, entities = audit_filter_choices(log)
    assert users == ["ani", "budi"]
    assert entities == [("children", "Anak"), ("visits", "Kunjungan")]
    act_as(log, "operator")
    with pytest.raises(PermissionDeniedError):
        query_audit(log)


def test_display_values():
    assert display_value("nik", "3271012345670001") == "3271**********01"
    assert display_value("password_hash", "$argon2id$...") == "(disembunyikan)"
    assert display_value("amount", 450000) == "Rp450.000"
    assert display_value("active", False) == "Tidak"
    assert display_value("birth_date", "2024-03-15") == "15 Maret 2024"
    assert display_value("notes", None) == ""
    assert display_value("exit_reason", "pindah", entity="children") == "Pindah domisili"
    assert display_value("role", "pimpinan", entity="users") == "Pimpinan"
