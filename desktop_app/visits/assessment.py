"""The WHO assessment stored with each visit: computed once per visit, recomputed in bulk.

A visit stores its z-scores rounded to 2 decimals (what WHO reports and users see) and WHO's
implausibility flags, so lists, reports and SQL filters (``zlen < -2``) never recompute them.
They must be recomputed when the inputs change (a child's sex or birth date corrected) or when
the method changes (a fixed WHO rule): :func:`recompute_visit_assessments` does the whole
database in one vectorised pass and writes back only the visits whose values changed.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import Integer, Row, String, bindparam, case, func, select, type_coerce
from sqlalchemy.orm import Session

from desktop_app.core.progress import ProgressFn, no_progress
from desktop_app.db.models import Child, Visit
from desktop_app.growth.bulk import FLAG_COLUMNS, Z_COLUMNS, assess_many
from desktop_app.growth.rounding import round_half_away

BATCH_SIZE = 100_000


@dataclass(frozen=True)
class RecomputeSummary:
    visits: int
    changed: int


def assessment_values(
    *,
    sex: str,
    birth_date: date,
    visit_date: date,
    weight_kg: float | None,
    lenhei_cm: float | None,
    measure: str | None,
    oedema: bool,
    headc_cm: float | None,
    muac_cm: float | None,
) -> dict[str, float | bool | None]:
    """The stored columns (``zlen``... rounded, ``flen``... flags) for one visit."""
    arrays = _assess_arrays(
        sex_code=np.array([1 if sex == "L" else 2]),
        age_days=np.array([(visit_date - birth_date).days], dtype=np.float64),
        weight=[weight_kg], lenhei=[lenhei_cm], measure=[measure or ""],
        oedema=[bool(oedema)], headc=[headc_cm], muac=[muac_cm],
    )  # fmt: skip
    return {key: _stored(key, values[0]) for key, values in arrays.items()}


def _assess_arrays(*, sex_code, age_days, weight, lenhei, measure, oedema, headc, muac):
    result = assess_many(
        sex_code, age_days, _floats(weight), _floats(lenhei), measure, oedema,
        _floats(headc), _floats(muac),
    )  # fmt: skip
    out: dict[str, np.ndarray] = {}
    for z_name, flag_name in zip(Z_COLUMNS, FLAG_COLUMNS, strict=True):
        z = round_half_away(result[z_name])
        out[z_name] = z
        out[flag_name] = np.where(np.isnan(z), np.nan, result[flag_name].astype(np.float64))
    return out


def _floats(values: Any) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def _stored(column: str, value: float) -> float | bool | None:
    """A computed value as stored: None for not computable, bool for a flag, float for a z."""
    if value is None or math.isnan(value):
        return None
    return bool(value) if column in FLAG_COLUMNS else float(value)


def _age_days_expression(dialect: str):
    if dialect == "sqlite":
        return func.julianday(Visit.visit_date) - func.julianday(Child.birth_date)
    return type_coerce(Visit.visit_date - Child.birth_date, Integer)


def recompute_visit_assessments(
    session: Session, *, progress: ProgressFn = no_progress
) -> RecomputeSummary:
    """Recompute every live visit's z-scores and flags; write only those that changed.

    Runs in the caller's transaction. Reads raw ids and numbers (no ORM objects: 1,000,000 rows
    must take seconds, not minutes) and updates with Core, which is a recomputation, not a user
    edit, so the audit hook is not involved.
    """
    dialect = session.get_bind().dialect.name
    total = session.scalar(
        select(func.count()).select_from(Visit).where(Visit.deleted_at.is_(None))
    )
    if dialect == "sqlite":
        return _recompute_sqlite(session, total or 0, progress)
    return _recompute_generic(session, dialect, total or 0, progress)


def _recompute_generic(
    session: Session, dialect: str, total: int, progress: ProgressFn
) -> RecomputeSummary:
    """Any database: Core rows (ids as text), updates by id."""
    stmt = (
        select(
            type_coerce(Visit.id, String),
            case((Child.sex == "L", 1), else_=2),
            _age_days_expression(dialect),
            Visit.weight_kg, Visit.lenhei_cm,
            case((Visit.measure == "l", 1), (Visit.measure == "h", 2), else_=0),
            type_coerce(Visit.oedema, Integer),
            Visit.headc_cm, Visit.muac_cm,
            *(getattr(Visit, name) for name in Z_COLUMNS),
        )
        .join(Child, Child.id == Visit.child_id)
        .where(Visit.deleted_at.is_(None))
    )  # fmt: skip
    changed = done = 0
    result = session.execute(stmt.execution_options(yield_per=BATCH_SIZE))
    for rows in result.partitions():
        changed += _recompute_batch(session, rows)
        done += len(rows)
        progress(done, total, "Menghitung ulang z-skor")
    return RecomputeSummary(visits=done, changed=changed)


# SQLite fast path: plain DBAPI rows of numbers only (rowid instead of the UUID, missing values
# as sentinels), so NumPy converts a batch in one call. A measurement of -1 is "missing" to
# WHO's rules as well (a measurement <= 0 gives no z-score), and no z-score is ever -999.
_MISSING_Z = -999.0
_SQLITE_READ = f"""
SELECT v.rowid,
       CASE WHEN c.sex = 'L' THEN 1 ELSE 2 END,
       julianday(v.visit_date) - julianday(c.birth_date),
       coalesce(v.weight_kg, -1), coalesce(v.lenhei_cm, -1),
       CASE v.measure WHEN 'l' THEN 1 WHEN 'h' THEN 2 ELSE 0 END,
       coalesce(v.oedema, 0),
       coalesce(v.headc_cm, -1), coalesce(v.muac_cm, -1),
       {", ".join(f"coalesce(v.{name}, {_MISSING_Z})" for name in Z_COLUMNS)}
FROM visits v JOIN children c ON c.id = v.child_id
WHERE v.deleted_at IS NULL
"""
_SQLITE_WRITE = (
    "UPDATE visits SET "
    + ", ".join(f"{name} = ?" for name in (*Z_COLUMNS, *FLAG_COLUMNS))
    + " WHERE rowid = ?"
)


def _sqlite_cursor(session: Session) -> Any:
    """A raw sqlite3 cursor on the session's own connection (inside its transaction)."""
    driver = session.connection().connection.driver_connection
    assert driver is not None  # an open connection always has its DBAPI connection
    return driver.cursor()


def _recompute_sqlite(session: Session, total: int, progress: ProgressFn) -> RecomputeSummary:
    cursor = _sqlite_cursor(session)
    try:
        cursor.execute(_SQLITE_READ)
        changed = done = 0
        while rows := cursor.fetchmany(BATCH_SIZE):
            table = np.array(rows, dtype=np.float64)
            measurements = np.where(table[:, 3:9] < 0, np.nan, table[:, 3:9])
            stored = np.where(table[:, 9:] == _MISSING_Z, np.nan, table[:, 9:]).T
            updates = _changed_rows(
                sex=table[:, 1], age=table[:, 2], weight=measurements[:, 0],
                lenhei=measurements[:, 1], measure=table[:, 5], oedema=table[:, 6],
                headc=measurements[:, 4], muac=measurements[:, 5], stored=stored,
            )  # fmt: skip
            if updates:
                write = _sqlite_cursor(session)
                write.executemany(
                    _SQLITE_WRITE, [(*values, int(table[i, 0])) for i, values in updates]
                )
                write.close()
            changed += len(updates)
            done += len(rows)
            progress(done, total, "Menghitung ulang z-skor")
    finally:
        cursor.close()
    return RecomputeSummary(visits=done, changed=changed)


def _changed_rows(*, sex, age, weight, lenhei, measure, oedema, headc, muac, stored):
    """[(row index, stored values in Z_COLUMNS + FLAG_COLUMNS order)] for rows that changed."""
    fresh = _assess_arrays(
        sex_code=sex.astype(np.int8), age_days=age, weight=weight, lenhei=lenhei,
        measure=measure.astype(np.int8), oedema=oedema > 0, headc=headc, muac=muac,
    )  # fmt: skip
    new_z = np.vstack([fresh[name] for name in Z_COLUMNS])
    same = (new_z == stored) | (np.isnan(new_z) & np.isnan(stored))
    names = (*Z_COLUMNS, *FLAG_COLUMNS)
    return [
        (int(i), tuple(_stored(name, fresh[name][i]) for name in names))
        for i in np.flatnonzero(~same.all(axis=0))
    ]


def _recompute_batch(session: Session, rows: Sequence[Row[Any]]) -> int:
    """Generic path (PostgreSQL): ORM-free Core rows, updates by id."""
    columns = list(zip(*rows, strict=True))
    ids = columns[0]
    numbers = np.array(columns[1:], dtype=np.float64)  # None -> nan
    sex, age, weight, lenhei, measure, oedema, headc, muac = numbers[:8]
    updates = _changed_rows(
        sex=sex, age=age, weight=weight, lenhei=lenhei, measure=measure, oedema=oedema,
        headc=headc, muac=muac, stored=numbers[8:],
    )  # fmt: skip
    if not updates:
        return 0
    table = Visit.__table__
    names = (*Z_COLUMNS, *FLAG_COLUMNS)
    stmt = (
        table.update()
        .where(table.c.id == bindparam("b_id"))
        .values({name: bindparam(f"b_{name}") for name in names})
    )
    params = [
        {
            "b_id": uuid.UUID(str(ids[i])),
            **{f"b_{n}": v for n, v in zip(names, values, strict=True)},
        }
        for i, values in updates
    ]
    session.execute(stmt, params)
    return len(updates)
