"""Every screen that refreshes by listening listens to the flag of every table it shows.

The truth is again the SQL: with the whole window built (every section, every settings tab, a
child's page), each ``StaleWatcher`` reloads its widget while the engine's SELECTs are recorded;
the tables read, mapped through ``TABLE_CHANGES``, must be among the flags it watches. Together
with ``test_declared_changes`` this means: a write to a table a screen shows marks it stale.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

import desktop_app.ui
from desktop_app.core.changes import Changes, changes_for_tables
from desktop_app.ui.common.staleness import StaleWatcher
from desktop_app.ui.main_window import MainWindow
from tests.changes.capture import touched_tables
from tests.changes.scenarios import Ctx
from tests.listing.builders import World

UI = Path(desktop_app.ui.__file__).parent


@pytest.fixture
def watchers(qtbot, database, runner, world: World, tmp_path) -> list[StaleWatcher]:
    """Every watcher of the fully built window, on a district with visits and planned aid."""
    ctx = Ctx(database=database, world=world, tmp_path=tmp_path)
    ctx.fostered_with_planned_aid()
    ctx.visit()
    window = MainWindow(database, runner)
    qtbot.addWidget(window)
    window.show()
    for section in window.sections:
        page = window.show_section(section.key)
        if section.key == "settings":
            for key in page.tab_keys():
                page.show_tab(key)
    window.open_child(world["Siti Aminah"])
    QApplication.processEvents()
    return window.findChildren(StaleWatcher)


def _owner(watcher: StaleWatcher):
    return watcher.parent()


def test_every_screen_that_listens_is_built(watchers):
    """The window really holds a watcher of every class that makes one (so none is skipped)."""
    makers = {
        path.relative_to(UI.parent.parent).with_suffix("").as_posix().replace("/", ".")
        for path in UI.rglob("*.py")
        if "StaleWatcher(" in path.read_text() and path.name != "staleness.py"
    }
    built = {cls.__module__ for w in watchers for cls in inspect.getmro(type(_owner(w)))}
    assert makers <= built, f"screens never built here: {sorted(makers - built)}"


def test_each_screen_watches_every_table_it_shows(watchers, database):
    missing = []
    for watcher in watchers:
        with touched_tables(database.engine) as touched:
            watcher.reload_now()
            QApplication.processEvents()
        shown = changes_for_tables(touched.read)
        if shown & ~watcher.kinds != Changes.NONE:
            missing.append(
                f"{type(_owner(watcher)).__qualname__} reads {sorted(touched.read)} but does not "
                f"watch {shown & ~watcher.kinds}"
            )
    assert not missing, "\n".join(missing)
