"""The KBM table (minimum monthly weight gain) as stored in ``kbm_thresholds``, editable by an
administrator (DESIGN.md: "a data table that an administrator can correct, not constants").

Runs in the caller's transaction; ``update_kbm_rows`` flushes, never commits.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.changes import Changes, writes
from desktop_app.core.i18n import _
from desktop_app.core.records import FieldErrors
from desktop_app.db.base import utcnow
from desktop_app.db.models import KbmThreshold
from desktop_app.growth import KbmTable
from desktop_app.growth.kbm import DEFAULT_KBM_ROWS

__all__ = [
    "DEFAULT_KBM",
    "MAX_KBM_AGE",
    "MAX_KBM_GRAMS",
    "kbm_age_problem",
    "kbm_gain_problem",
    "load_kbm_table",
    "update_kbm_rows",
]

MAX_KBM_AGE = 59  # completed months: children under five
MAX_KBM_GRAMS = 2000  # a sanity bound: no chart asks two kilograms a month


#: The Buku KIA table exactly as the first migration seeds it, for "restore the defaults" (a
#: test compares the two): saving it revives the seeded rows, so a restored table reads, syncs
#: and audits as on a fresh install.
DEFAULT_KBM = DEFAULT_KBM_ROWS


def kbm_age_problem(age: int) -> str | None:
    """Why ``age`` (completed months) cannot start a KBM row, or None. Shared with the
    district server's check of a received row (``sync.row_checks``)."""
    if not 0 <= age <= MAX_KBM_AGE:
        return _("Umur harus antara 0 dan {n} bulan").format(n=MAX_KBM_AGE)
    return None


def kbm_gain_problem(grams: int) -> str | None:
    """Why ``grams`` cannot be a minimum monthly gain, or None."""
    if not 0 < grams <= MAX_KBM_GRAMS:
        return _("KBM harus antara 1 dan {n} gram").format(n=MAX_KBM_GRAMS)
    return None


def load_kbm_table(session: Session) -> KbmTable:
    """The live KBM rows; the Buku KIA default when the table is empty."""
    rows = session.execute(
        select(KbmThreshold.from_age_months, KbmThreshold.min_gain_g)
        .where(KbmThreshold.deleted_at.is_(None))
        .order_by(KbmThreshold.from_age_months)
    ).all()
    return KbmTable.from_rows(rows) if rows else KbmTable.default()


# KBM is a setting, and it changes the N/T shown for every stored weighing, so views of visits
# redraw as well (VISITS: more than the one table written, on purpose).
@writes(Changes.SETTINGS | Changes.VISITS)
def update_kbm_rows(session: Session, rows: Iterable[tuple[int, int]]) -> KbmTable:
    """Replace the table with ``rows`` (age in completed months, grams). ``ValidationError`` on
    field ``rows`` (nothing changed) for no rows, a repeated age or a value out of range.

    Rows are updated in place by age, removed ones tombstoned and revived if they come back, so
    the unique age column never collides and every change is audited and synced.
    """
    pairs = [(int(age), int(grams)) for age, grams in rows]
    errors = FieldErrors()
    ages = [age for age, _grams in pairs]
    if not pairs:
        errors.add("rows", _("Tabel KBM harus berisi paling sedikit satu baris"))
    elif len(set(ages)) != len(ages):
        errors.add("rows", _("Umur pada tabel KBM tidak boleh berulang"))
    for age, grams in pairs:
        errors.add("rows", kbm_age_problem(age))
        errors.add("rows", kbm_gain_problem(grams))
    errors.raise_if_any()
    wanted = dict(pairs)
    existing = {row.from_age_months: row for row in session.scalars(select(KbmThreshold))}
    for age, row in existing.items():
        if age not in wanted and row.deleted_at is None:
            row.deleted_at = utcnow()
    for age, grams in wanted.items():
        current = existing.get(age)
        if current is None:
            session.add(KbmThreshold(from_age_months=age, min_gain_g=grams))
            continue
        if current.min_gain_g != grams:
            current.min_gain_g = grams
        if current.deleted_at is not None:
            current.deleted_at = None
    session.flush()
    return load_kbm_table(session)
