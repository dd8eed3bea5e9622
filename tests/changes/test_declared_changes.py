"""Every write service declares the Changes of every table it really writes (STYLE.md rule 19).

The truth is the SQL: each declared service runs once on the known district while the engine's
statements are recorded (:mod:`tests.changes.capture`); the tables it wrote, mapped through
``TABLE_CHANGES`` (the one map, in ``desktop_app.core.changes``), must be covered by what the
service declares with ``@writes``. A screen listening for those flags then cannot miss the write.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import desktop_app.ui.operations
from desktop_app.core.changes import (
    TABLE_CHANGES,
    WRITE_SERVICES,
    Changes,
    changes_for_tables,
    declared_changes,
)
from desktop_app.db.models import Base
from tests.changes.capture import touched_tables
from tests.changes.scenarios import SCENARIOS, Ctx

# Every service the GUI's operations call is declared once their modules are imported.
for _module in pkgutil.iter_modules(desktop_app.ui.operations.__path__):
    importlib.import_module(f"desktop_app.ui.operations.{_module.name}")
importlib.import_module("desktop_app.reports.service")  # the report page's write
importlib.import_module("desktop_app.followup.round_sheet")  # Tindak lanjut's export record

DECLARED = {name.removeprefix("desktop_app."): service for name, service in WRITE_SERVICES.items()}


def _service_of(scenario: str):
    return DECLARED[scenario.split("[")[0]]


def test_every_stored_table_has_its_flag():
    assert set(TABLE_CHANGES) == set(Base.metadata.tables)


def test_every_declared_service_has_a_scenario_unless_it_declares_everything():
    """``Changes.ALL`` covers any table, so running such a service could prove nothing."""
    need = {name for name, service in DECLARED.items() if declared_changes(service) != Changes.ALL}
    assert {name.split("[")[0] for name in SCENARIOS} == need


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_declared_changes_cover_the_tables_written(name, database, world, tmp_path):
    ctx = Ctx(database=database, world=world, tmp_path=tmp_path)
    work = SCENARIOS[name](ctx)
    with database.sessions() as session, touched_tables(database.engine) as touched:
        work(session)
        session.commit()
    assert touched.written, f"{name}: the scenario wrote nothing, so it checks nothing"
    written = changes_for_tables(touched.written)
    declared = declared_changes(_service_of(name))
    assert written & ~declared == Changes.NONE, (
        f"{name} wrote {sorted(touched.written)} = {written}, declares only {declared}"
    )
