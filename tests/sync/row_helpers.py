"""Rows as a laptop pushes them, and the server's parse-and-check, for the row-check tests."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from desktop_app.core.database import Database
from desktop_app.sync.row_checks import Refusal, check_rows, parse_rows, table_refusals
from desktop_app.sync.rows import Row, to_json_values
from desktop_app.sync.tables import BY_NAME, SyncScope
from desktop_app.validation import make_nik, make_no_kk

TODAY = date(2026, 6, 15)
BIRTH = date(2024, 5, 17)
REGION = "190201"  # Bangka Belitung, Belitung, Tanjungpandan
NOW = datetime(2026, 6, 15, 8, 0)
DISTRICT = SyncScope()


def push(
    database: Database,
    table_name: str,
    values: list[dict[str, Any]],
    *,
    scope: SyncScope = DISTRICT,
    accepted: dict[str, list[Row]] | None = None,
) -> list[Refusal]:
    """Refuse the table, parse and check its rows as the server does; accepted rows go to
    ``accepted``."""
    whole = table_refusals(table_name, values, scope)
    if whole is not None:
        return whole
    sync_table = BY_NAME[table_name]
    rows, refused = parse_rows(sync_table.table, values)
    with database.engine.connect() as conn:
        refused += check_rows(conn, sync_table, rows, scope=scope, today=TODAY, accepted=accepted)
    if accepted is not None:
        refused_ids = {r.row_id for r in refused}
        accepted.setdefault(table_name, []).extend(r for r in rows if r["id"] not in refused_ids)
    return refused


def json_row(table_name: str, /, **values: Any) -> dict[str, Any]:
    """A row of ``table_name`` as JSON values, with its bookkeeping filled."""
    base = {"id": uuid.uuid4(), "created_at": NOW, "updated_at": NOW, "device_id": "device-A"}
    return to_json_values(BY_NAME[table_name].table, base | values)


def child_json(area: dict[str, uuid.UUID], **values: Any) -> dict[str, Any]:
    good = {
        "name": "Budi",
        "nik": make_nik(region=REGION, birth_date=BIRTH, sex="L", sequence=7),
        "no_kk": make_no_kk(region=REGION, issued_on=date(2020, 1, 2)),
        "sex": "L",
        "birth_date": BIRTH,
        "desa_id": area["desa"],
        "posyandu_id": area["posyandu"],
        "risk_factors": ["jamban"],
        "enrolment_status": "berisiko",
        "enrolled_on": date(2025, 1, 6),
        "has_kia_book": True,
        "consent_date": date(2025, 1, 6),
        "consent_by": "Siti",
        "search_text": "",
    }
    return json_row("children", **(good | values))


def visit_json(child_id: uuid.UUID, **values: Any) -> dict[str, Any]:
    good = {
        "child_id": child_id,
        "visit_date": date(2026, 6, 1),
        "place": "rumah",
        "weight_kg": 9.8,
        "lenhei_cm": 80.2,
        "measure": "l",
        "oedema": False,
        "topics": ["asi_mpasi"],
        "help_given": [],
    }
    return json_row("visits", **(good | values))


def only(refused: list[Refusal], row: dict[str, Any]) -> str:
    """The one refusal, which must be ``row``'s; its message."""
    assert [r.row_id for r in refused] == [uuid.UUID(row["id"])], refused
    return refused[0].message
