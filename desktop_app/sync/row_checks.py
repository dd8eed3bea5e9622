"""What the district server checks in every pushed row before applying it, row by row.

A laptop is trusted with nothing: issue 21's crafted sync file (sex ``X``, a NIK carrying SQL,
a KBM row of 77 months and 999999 g from a posyandu laptop, forged audit rows) must stop at the
server, and one bad row must never block the others or the next sync. So, for each row:

1. **The table** may come from this device: ``audit_log`` never does (the server writes its
   own trail from what it applied); the reference tables the district office keeps
   (:data:`DISTRICT_TABLES`) only from a device serving the whole district; an unknown table
   from no one.
2. **The scope**: a device limited to a kecamatan or posyandu may only push children living
   there (the rule of :func:`desktop_app.sync.tables.children_in_scope`), and the visits,
   assignments and payments of such children; both the version pushed and the one the server
   holds must be in scope, so a child can be neither moved out of the scope nor taken over.
3. **The fields**: types and lengths (:mod:`.row_parse`), then the forms' own rules
   (:mod:`.field_rules`).
4. **The parents**: every foreign key names a row the server has, or one accepted earlier in
   this push (``accepted``: rows of earlier tables not yet written, and earlier rows of this
   batch). "Data induk belum ada di server" otherwise.

Pure: reads ``conn``, writes nothing. Timestamps are the caller's (it stamps the server time).
Use, per pushed table in ``SYNC_TABLES`` order::

    refused = table_refusals(name, values, scope)       # unknown, audit or district table
    if refused is None:
        rows, refused = parse_rows(BY_NAME[name].table, values)
        refused += check_rows(conn, BY_NAME[name], rows, scope=scope, today=server_today)
        good = [row for row in rows if row["id"] not in {r.row_id for r in refused}]
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, select

from desktop_app.core.i18n import _
from desktop_app.db.models import Child
from desktop_app.sync.field_rules import CLOCK_SLACK, RuleContext, field_problems
from desktop_app.sync.refusals import Refusal, field_label, refusal, table_label
from desktop_app.sync.row_parse import parse_rows
from desktop_app.sync.rows import Row
from desktop_app.sync.tables import BY_NAME, SyncScope, SyncTable, kecamatan_area_ids

__all__ = [
    "DISTRICT_TABLES",
    "Refusal",
    "check_rows",
    "parse_rows",
    "table_problem",
    "table_refusals",
]

#: Reference data kept by the district office and pulled whole by every laptop: a device
#: serving one kecamatan or posyandu may not change it. Guardians are among them: ASN and CSR
#: sponsors are registered by the district (their OPDs are district offices), and a scoped
#: device editing one would change a foster parent of children it does not serve.
DISTRICT_TABLES = frozenset(
    {
        "kecamatan",
        "desa",
        "posyandu",
        "opd",
        "guardians",
        "programmes",
        "kbm_thresholds",
        "month_closures",
    }
)
#: Never accepted from a laptop.
NEVER_PUSHED = frozenset({"audit_log"})
_CHUNK = 500  # ids per IN (...), below every database's bound-parameter limit


def table_problem(table_name: str, scope: SyncScope) -> str | None:
    """Why no row of ``table_name`` is accepted from a device with ``scope``, or None."""
    if table_name not in BY_NAME:
        return _("Tabel {name} tidak dikenal server").format(name=table_name)
    if table_name in NEVER_PUSHED:
        return _("Riwayat perubahan tidak diterima dari laptop: server mencatat riwayatnya sendiri")
    if scope.is_limited and table_name in DISTRICT_TABLES:
        return _(
            "{table} dikelola oleh kantor kabupaten; perangkat dengan cakupan kecamatan atau "
            "posyandu tidak boleh mengubahnya"
        ).format(table=table_label(table_name))
    return None


def _row_id(values: Mapping[str, Any]) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(values.get("id")))
    except ValueError:
        return None


def table_refusals(
    table_name: str, values: Sequence[Mapping[str, Any]], scope: SyncScope
) -> list[Refusal] | None:
    """One refusal per received row when the whole table is refused (before parsing, so it
    works for an unknown table too); None when the table is allowed."""
    problem = table_problem(table_name, scope)
    if problem is None:
        return None
    rows = [v if isinstance(v, Mapping) else {} for v in values]
    return [refusal(table_name, row, [problem], row_id=_row_id(row)) for row in rows]


def _fetch(
    conn: Connection, table: Table, columns: Sequence[str], ids: Iterable[Any]
) -> dict[uuid.UUID, Row]:
    """The named columns of the rows of ``table`` with these ids, by id (missing: absent)."""
    wanted = list({row_id for row_id in ids if row_id is not None})
    query = select(table.c.id, *(table.c[name] for name in columns))
    found: dict[uuid.UUID, Row] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        for row in conn.execute(query.where(table.c.id.in_(chunk))).mappings():
            found[row["id"]] = dict(row)
    return found


#: What the checks read of a child: its name for messages, birth date, where it lives.
_CHILD_COLUMNS = ("name", "birth_date", "desa_id", "posyandu_id")


class _Batch:
    """What the checks of one table's rows read from the server, fetched once per batch."""

    def __init__(
        self,
        conn: Connection,
        sync_table: SyncTable,
        rows: list[Row],
        scope: SyncScope,
        accepted: Mapping[str, Sequence[Row]],
    ) -> None:
        self.conn, self.sync_table, self.scope = conn, sync_table, scope
        self.table = sync_table.table
        self.foreign = [
            (column.name, key.column.table)
            for column in self.table.columns
            for key in column.foreign_keys
        ]
        self.existing = self._existing(rows)
        self.known = self._known_parents(rows, accepted)
        self.children = self._children(rows, accepted)
        self.desa_ids, self.posyandu_ids = self._scope_areas()

    def _existing(self, rows: list[Row]) -> dict[uuid.UUID, Row]:
        """The server's version of the rows, as far as scope needs it (only then)."""
        column = self.sync_table.child_column
        if not self.scope.is_limited or column is None:
            return {}
        columns = ("desa_id", "posyandu_id") if column == "id" else (column,)
        return _fetch(self.conn, self.table, columns, (row["id"] for row in rows))

    def _known_parents(
        self, rows: list[Row], accepted: Mapping[str, Sequence[Row]]
    ) -> dict[str, set[uuid.UUID]]:
        known: dict[str, set[uuid.UUID]] = {}
        for name, parent in self.foreign:
            ids = known.setdefault(parent.name, set())
            ids |= set(_fetch(self.conn, parent, (), (row.get(name) for row in rows)))
            ids |= {row["id"] for row in accepted.get(parent.name, ())}
        return known

    def _children(
        self, rows: list[Row], accepted: Mapping[str, Sequence[Row]]
    ) -> dict[uuid.UUID, Row]:
        """The children the rows belong to, now and on the server: this push's version first."""
        column = self.sync_table.child_column
        if column is None or column == "id":
            return {}
        ids = {row[column] for row in rows} | {old[column] for old in self.existing.values()}
        children = _fetch(self.conn, Child.__table__, _CHILD_COLUMNS, ids)
        children.update({row["id"]: row for row in accepted.get(Child.__tablename__, ())})
        return children

    def _scope_areas(self) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
        """The desa and posyandu whose children the device serves (mirrors
        ``children_in_scope``: a posyandu device only by posyandu)."""
        if self.scope.posyandu_id is not None:
            return set(), {self.scope.posyandu_id}
        if self.scope.kecamatan_id is None:
            return set(), set()
        desa_ids, posyandu_ids = kecamatan_area_ids(self.scope.kecamatan_id)
        return set(self.conn.scalars(desa_ids)), set(self.conn.scalars(posyandu_ids))

    def in_scope(self, child: Row) -> bool:
        if not self.scope.is_limited:
            return True
        return (
            child.get("posyandu_id") in self.posyandu_ids or child.get("desa_id") in self.desa_ids
        )

    def accept(self, row: Row) -> None:
        """A row passed: later rows of the batch may name it as their parent."""
        self.known.setdefault(self.table.name, set()).add(row["id"])
        if self.table.name == Child.__tablename__:
            self.children[row["id"]] = row

    def child_name(self, row: Row) -> Any:
        column = self.sync_table.child_column
        if column is None or column == "id":
            return None
        child = self.children.get(row.get(column))  # type: ignore[arg-type]
        return child.get("name") if child is not None else None

    def parent_problems(self, row: Row) -> list[str]:
        problems = []
        for name, parent in self.foreign:
            value = row.get(name)
            if value is not None and value not in self.known.get(parent.name, ()):
                problems.append(
                    _("{field}: data induk belum ada di server ({table} {id})").format(
                        field=field_label(name), table=table_label(parent.name), id=str(value)[:8]
                    )
                )
        return problems

    def scope_problems(self, row: Row) -> list[str]:
        if not self.scope.is_limited:
            return []
        column = self.sync_table.child_column
        old = self.existing.get(row["id"])
        if column == "id":
            now_in, was_in = self.in_scope(row), old is None or self.in_scope(old)
        elif column is not None:
            child, old_child = self.children.get(row[column]), None
            if old is not None:
                old_child = self.children.get(old[column])
            now_in = child is None or self.in_scope(child)  # no child: a parent problem
            was_in = old_child is None or self.in_scope(old_child)
        else:
            return self._conflict_scope_problems(row)
        if not now_in and column == "id":
            return [_("Desa/posyandu anak di luar cakupan perangkat ini")]
        if not now_in:
            return [_("Anak ini di luar cakupan perangkat ini")]
        if not was_in:
            return [_("data ini di server berada di luar cakupan perangkat ini")]
        return []

    def _conflict_scope_problems(self, row: Row) -> list[str]:
        """A conflict entry about a child's row: that row must be in the device's scope."""
        target = BY_NAME.get(row.get("table_name") or "")
        if target is None or target.child_column is None:
            return []
        held = _fetch(self.conn, target.table, (target.child_column,), [row["row_id"]])
        found = held.get(row["row_id"])
        child_id: Any = found[target.child_column] if found is not None else None
        child = _fetch(self.conn, Child.__table__, _CHILD_COLUMNS, [child_id]).get(child_id)
        if child is None or not self.in_scope(child):
            return [_("Konflik ini tentang data di luar cakupan perangkat ini")]
        return []


def check_rows(
    conn: Connection,
    sync_table: SyncTable,
    rows: list[Row],
    *,
    scope: SyncScope,
    today: date,
    accepted: Mapping[str, Sequence[Row]] | None = None,
) -> list[Refusal]:
    """Refusals for the typed ``rows`` (from :func:`parse_rows`) the server must not apply,
    one per refused row naming every problem; the rows not named are fine to apply.

    ``today`` is the server's date. ``accepted``: rows of earlier tables of this push that
    passed but are not in ``conn`` yet (by table name); rows already written to ``conn`` in
    this transaction are seen there and need not be passed."""
    name = sync_table.name
    problem = table_problem(name, scope)
    if problem is not None:
        return [refusal(name, row, [problem], row_id=row.get("id")) for row in rows]
    batch = _Batch(conn, sync_table, rows, scope, accepted or {})
    context = RuleContext(latest_day=today + CLOCK_SLACK, children=batch.children)
    refused = []
    for row in rows:
        problems = batch.parent_problems(row) + batch.scope_problems(row)
        problems += field_problems(name, row, context)
        if problems:
            child_name = batch.child_name(row)
            refused.append(refusal(name, row, problems, row_id=row["id"], child_name=child_name))
        else:
            batch.accept(row)
    return refused
