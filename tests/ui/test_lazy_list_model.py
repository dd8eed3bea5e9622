"""LazyTableModel on its own: batches, out-of-order answers, narrowing (a fake source and a
runner that answers when the test says so, as the worker thread would)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.core.search import SearchBase
from desktop_app.ui.common.columns import Column
from desktop_app.ui.common.lazy_model import LazyTableModel

NAMES = {f"{i:03d}": name for i, name in enumerate(["ani", "budi", "citra", "dedi", "eka"] * 30)}


@dataclass(frozen=True)
class Row:
    id: str
    name: str


class DeferredRunner:
    """``read`` queues the work; ``answer(i)`` runs job ``i`` and delivers it (any order)."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[Any], Any], Callable[[Any], None]]] = []

    def read(self, work, *, on_success, on_error=None) -> None:
        self.jobs.append((work, on_success))

    def answer(self, index: int) -> None:
        work, on_success = self.jobs[index]
        on_success(work(None))


@dataclass(frozen=True)
class FakeSource:
    only: str = ""  # the "filter": names starting with it
    search: str = ""
    loads: list = None  # type: ignore[assignment]

    def base_key(self) -> str:
        return self.only

    def query_base(self, session, sort, descending) -> SearchBase:
        keys = sorted((k for k, n in NAMES.items() if n.startswith(self.only)), reverse=descending)
        return SearchBase(keys, [NAMES[k] for k in keys])

    def query_ids(self, session, sort, descending) -> list[str]:
        return self.query_base(session, sort, descending).narrow(self.search).ids

    def load_rows(self, session, ids) -> list[Row]:
        self.loads.append(len(ids))
        return [Row(k, NAMES[k]) for k in ids]


def make_model(runner: DeferredRunner, loads: list) -> LazyTableModel:
    columns = [Column("Nama", lambda r: r.name, "name"), Column("Id", lambda r: r.id, None)]
    return LazyTableModel(
        columns, FakeSource(loads=loads), runner=runner, sessions=nullcontext, batch_size=50
    )


def test_rows_load_in_batches_only_when_asked(qtmodeltester) -> None:
    runner, loads = DeferredRunner(), []
    model = make_model(runner, loads)
    model.refresh()
    runner.answer(0)
    assert model.rowCount() == 150 and loads == []
    assert model.data(model.index(120, 0)) == "ani"
    assert loads == [50]  # one batch: rows 100-149
    model.data(model.index(149, 1))
    assert loads == [50]
    qtmodeltester.check(model)


def test_late_answer_of_an_older_filter_is_dropped() -> None:
    runner, loads = DeferredRunner(), []
    model = make_model(runner, loads)
    model.set_source(FakeSource(only="a", loads=loads))  # job 0
    runner.answer(0)
    model.set_source(FakeSource(only="b", loads=loads))  # job 1, still running...
    model.set_source(FakeSource(only="a", loads=loads))  # ...user went back: job 2
    runner.answer(2)
    runner.answer(1)  # the outdated "b" answer arrives last
    assert {model.data(model.index(r, 0)) for r in range(model.rowCount())} == {"ani"}


def test_typing_narrows_without_querying_again() -> None:
    runner, loads = DeferredRunner(), []
    model = make_model(runner, loads)
    model.set_source(FakeSource(search="d", loads=loads))
    model.set_source(FakeSource(search="de", loads=loads))  # typed before the base arrived
    assert len(runner.jobs) == 1
    runner.answer(0)
    assert model.rowCount() == 30  # "dedi" only, narrowed with the latest text
    model.set_source(FakeSource(search="d", loads=loads))  # backspace
    model.set_source(FakeSource(search="", loads=loads))
    assert len(runner.jobs) == 1 and model.rowCount() == 150


def test_header_sort_asks_sql_again_and_ignores_unsortable_columns() -> None:
    runner, loads = DeferredRunner(), []
    model = make_model(runner, loads)
    model.refresh()
    runner.answer(0)
    model.sort(1)  # "Id" has no sort key
    assert len(runner.jobs) == 1
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert len(runner.jobs) == 2 and model.descending
    runner.answer(1)
    assert model.data(model.index(0, 1)) == "149"
