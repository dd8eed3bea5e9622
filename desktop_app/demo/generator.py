"""Fill an empty database with a whole synthetic district: the entry point of ``asuh demo``.

Runs on the calling thread (the CLI's, or a GUI worker's) in one transaction on its own
connection: either every demo row is written or, on an error or a ``Cancelled`` raised by the
progress callback, none is. Rows go in with Core ``executemany`` batches (``rows.py``), which is
what makes 100,000 children and a million visits a matter of minutes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from datetime import date, timedelta

import numpy as np
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desktop_app.core import clock
from desktop_app.core.database import Database
from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.core.identifier_search import child_search_text, search_key
from desktop_app.core.permissions import checked
from desktop_app.core.progress import ProgressFn, no_progress
from desktop_app.db.models import (
    AidPayment,
    Assignment,
    Base,
    Child,
    Desa,
    Guardian,
    Kecamatan,
    Opd,
    Posyandu,
    Programme,
    Visit,
)
from desktop_app.demo.assignments import build_assignments, build_programmes
from desktop_app.demo.children import build_children
from desktop_app.demo.guardians import build_guardians, build_opd_rows
from desktop_app.demo.identity import NumberBook
from desktop_app.demo.offices import choose_offices
from desktop_app.demo.payments import payment_rows, plan_payments
from desktop_app.demo.places import DISTRICT_NAME, build_district
from desktop_app.demo.rows import Columns, Row, as_columns, insert_batches
from desktop_app.demo.summary import DemoSummary
from desktop_app.demo.visits import plan_visits, visit_batches
from desktop_app.settings.store import get_settings, update_settings

__all__ = ["MAX_CHILDREN", "fill_demo_database"]

MAX_CHILDREN = 500_000
#: SQLite page cache while filling, per child (KiB), and its bounds: the whole new database
#: (about 10 MB per 1,000 children) should stay in memory until the commit, so pages are not
#: spilled to the WAL and written again; restored to SQLite's default afterwards.
_CACHE_KIB_PER_CHILD = 12
_CACHE_KIB_BOUNDS = (65_536, 1_048_576)


@checked
def fill_demo_database(
    database: Database,
    *,
    children: int,
    seed: int = 2026,
    progress: Callable[[int, int, str], None] | None = None,
    today: date | None = None,
) -> DemoSummary:
    """Write a synthetic district with ``children`` children into an empty ``database``.

    The same ``seed`` and ``today`` (default: the real today) give the same rows. Raises
    ``DomainError`` (and changes nothing) if ``children`` is out of range or the database
    already has children. ``progress(done, total, label)`` is called after every batch.
    """
    if not 1 <= children <= MAX_CHILDREN:
        raise DomainError(
            _("Jumlah anak data contoh harus antara 1 dan {maximum}").format(maximum=MAX_CHILDREN)
        )
    today = today or clock.today()
    report = progress or no_progress
    with database.engine.connect() as connection:
        session = database.sessions(bind=connection)
        try:
            with session.begin():
                _refuse_if_filled(session)
                if database.is_sqlite:
                    low, high = _CACHE_KIB_BOUNDS
                    cache_kib = min(high, max(low, children * _CACHE_KIB_PER_CHILD))
                    session.execute(text(f"PRAGMA cache_size=-{cache_kib}"))
                summary = _fill(session, children=children, seed=seed, today=today, report=report)
            if database.is_sqlite:
                # Planner statistics for the freshly filled file (1.5 s of a 100,000-child
                # build): without them SQLite guesses index selectivity on first queries.
                connection.exec_driver_sql("ANALYZE")
                connection.commit()
        finally:
            session.close()
            if database.is_sqlite:
                connection.exec_driver_sql("PRAGMA cache_size=-2000")  # SQLite's default
                connection.commit()
    return summary


def _refuse_if_filled(session: Session) -> None:
    existing = session.scalar(select(func.count()).select_from(Child)) or 0
    if existing:
        raise DomainError(
            _(
                "Basis data ini sudah berisi {count} data anak. Data contoh hanya diisikan ke "
                "basis data yang masih kosong; pilih berkas baru dengan --db."
            ).format(count=existing)
        )


def _fill(
    session: Session, *, children: int, seed: int, today: date, report: ProgressFn
) -> DemoSummary:
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    set_up = today - timedelta(days=430)  # the district entered its areas and offices then
    cap = get_settings(session).max_children_per_guardian
    update_settings(session, district_name=DISTRICT_NAME)

    district = build_district(rng, created=set_up)
    offices = choose_offices(rng, district.kecamatan_names)
    opd_rows = build_opd_rows(rng, offices, created=set_up)
    current, previous, programme_rows = build_programmes(rng, today=today)
    numbers = NumberBook(rng)
    kids, child_rows = build_children(rng, numbers, district.posyandu, count=children, today=today)
    key = search_key(session)  # NIK / No. KK only as keyed tokens in the search text
    for row in child_rows:
        row["search_text"] = child_search_text(row, key)
    guardians, guardian_rows = build_guardians(
        rng, numbers, offices, opd_rows, children=children, today=today
    )
    assignments, assignment_rows = build_assignments(
        rng, kids, guardians, (current, previous), cap=cap, today=today
    )

    def write(model: type[Base], batches: Iterable[Columns], total: int, label: str) -> int:
        return insert_batches(
            session, model.__table__, batches, total=total, label=label, progress=report
        )

    def write_rows(model: type[Base], rows: list[Row], label: str) -> int:
        return write(model, as_columns(rows), len(rows), label)

    counts = {
        "kecamatan": write_rows(Kecamatan, district.kecamatan_rows, _("Kecamatan")),
        "desa": write_rows(Desa, district.desa_rows, _("Desa/kelurahan")),
        "posyandu": write_rows(Posyandu, district.posyandu_rows, _("Posyandu")),
        "opd": write_rows(Opd, opd_rows, _("OPD")),
        "programmes": write_rows(Programme, programme_rows, _("Program")),
        "guardians": write_rows(Guardian, guardian_rows, _("Orang tua asuh")),
        "children": write_rows(Child, child_rows, _("Anak")),
        "assignments": write_rows(Assignment, assignment_rows, _("Penugasan")),
    }
    del child_rows, guardian_rows, assignment_rows  # free memory before the big tables
    plan = plan_visits(rng, kids, assignments, today=today)
    counts["visits"] = write(Visit, visit_batches(rng, nrng, kids, plan), len(plan), _("Kunjungan"))
    planned = plan_payments(assignments, today=today)
    counts["payments"] = write(
        AidPayment, as_columns(payment_rows(rng, planned, today=today)), len(planned), _("Bantuan")
    )
    return DemoSummary(**counts)
