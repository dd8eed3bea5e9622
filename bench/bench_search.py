"""Search-as-you-type on the child list: model refresh time per keystroke with 100,000 children.

Builds (once, cached in bench/out/) a 100,000-child demo database, creates the real child list
model (``LazyTableModel`` + ``ChildSource``, runner in synchronous mode so the refresh is timed
end to end: SQL, id fetch, model reset) and for each query types it one character at a time,
timing each refresh plus the first visible batch of rows (what the user sees next). Prints a
table with median and max ms per keystroke (goal < 50 ms), and the time of one row batch.

Usage: .venv/bin/python bench/bench_search.py [--children 100000] [--analyze]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from _demo_db import demo_database_path

QUERIES = ("siti", "nur", "3271", "1909", "ahmad f")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--analyze", action="store_true", help="run SQLite ANALYZE first")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from desktop_app.children.queries import ChildFilter
    from desktop_app.core.database import open_database
    from desktop_app.core.paths import sqlite_url
    from desktop_app.ui.children.list_page import ChildSource, child_columns
    from desktop_app.ui.common.lazy_model import LazyTableModel
    from desktop_app.ui.ops import OperationRunner

    app = QApplication.instance() or QApplication([])
    database = open_database(sqlite_url(demo_database_path(args.children)))
    if args.analyze:
        with database.engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
    runner = OperationRunner(database.sessions)
    runner.synchronous = True
    model = LazyTableModel(
        child_columns(), ChildSource(ChildFilter()), runner=runner, sessions=database.sessions
    )
    model.refresh()  # warm the page cache, as a user's first look at the list does

    def keystroke(text: str) -> tuple[float, int]:
        started = time.perf_counter()
        model.set_source(ChildSource(ChildFilter(search=text)))
        for row in range(min(20, model.rowCount())):  # one screen of rows, as the view asks
            model.data(model.index(row, 0))
        return (time.perf_counter() - started) * 1000, model.rowCount()

    print(
        f"\nsearch-as-you-type, {args.children:,} children (ms per keystroke, refresh + 1 screen)"
    )
    print(f"{'query':<10} {'keystrokes':>36}   {'median':>7} {'max':>7}")
    everything: list[float] = []
    for query in QUERIES:
        times, cells = [], []
        for end in range(1, len(query) + 1):
            ms, rows = keystroke(query[:end])
            times.append(ms)
            cells.append(f"{ms:.0f}({rows})")
        everything.extend(times)
        print(
            f"{query!r:<10} {' '.join(cells):>36}   "
            f"{statistics.median(times):>7.1f} {max(times):>7.1f}"
        )
    print(f"{'all':<10} {'':>36}   {statistics.median(everything):>7.1f} {max(everything):>7.1f}")
    print("(number in brackets: matching rows); goal < 50 ms")

    from desktop_app.children.queries import query_child_ids

    sql_times = []
    for query in QUERIES:
        for end in range(1, len(query) + 1):
            with database.sessions() as session:
                began = time.perf_counter()
                query_child_ids(session, child_filter=ChildFilter(search=query[:end]))
                sql_times.append((time.perf_counter() - began) * 1000)
    print(
        f"for comparison, one SQL LIKE query per keystroke (ids only): median "
        f"{statistics.median(sql_times):.1f} ms, max {max(sql_times):.1f} ms"
    )

    model.set_source(ChildSource(ChildFilter()))
    batch = []
    for start in range(0, 50 * model.batch_size, model.batch_size * 5):
        began = time.perf_counter()
        model.row_at(start + 1234)
        batch.append((time.perf_counter() - began) * 1000)
    print(
        f"lazy batch of {model.batch_size} rows (GUI thread): median "
        f"{statistics.median(batch):.1f} ms, max {max(batch):.1f} ms (goal < 5 ms)"
    )
    database.dispose()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
