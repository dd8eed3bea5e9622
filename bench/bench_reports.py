"""Benchmark of the monthly summary (Laporan bulanan) at district and province scale.

Usage (from the repository root)::

    python bench/bench_reports.py [--children 5000 50000] [--seed 1]

Builds (once, cached in ``bench/out/``) demo databases with ``desktop_app.demo`` (a year of
visits per child), then times, for the last complete month, separately: building the report
data from the database (``build_monthly_summary``) and rendering the PDF
(``MonthlySummaryRenderer.render``), plus the Excel export. Targets (issue #18, with the
prevalence, trend and outcome sections): 5,000 children under 5 s and 50,000 children under
10 s in total (data + PDF). Prints a table (``cpu s``: this process's CPU time for data + PDF, which
a busy machine does not inflate as it does wall time); the PDF is kept in
``bench/out/`` for a look.

Then, through the report service as the Laporan page runs it (issue #18, Tutup bulan): the
ended month read and rendered before closing; closing it (``close_month``: all three month
reports built and stored); the closed month reprinted from its snapshot; and the running month
(SEMENTARA). The closure is rolled back, so the cached database stays unclosed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._demo_db import OUT, demo_database_path
from desktop_app.core import clock
from desktop_app.core.database import open_database
from desktop_app.core.month import Month
from desktop_app.core.paths import sqlite_url
from desktop_app.reports.monthly import MonthlySummaryRenderer
from desktop_app.reports.monthly_data import build_monthly_summary
from desktop_app.reports.xlsx import monthly_summary_xlsx

TARGETS = {5_000: 5.0, 50_000: 10.0}


def _time(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def run(children: int, seed: int) -> tuple[int, int, int, int, float, float, float, int, float]:
    database = open_database(sqlite_url(demo_database_path(children, seed)))
    month = Month.of(clock.today()).previous()
    try:
        cpu = time.process_time()
        with database.sessions() as session:
            data, t_data = _time(lambda: build_monthly_summary(session, month=month))
        pdf, t_pdf = _time(lambda: MonthlySummaryRenderer().render(data))
        cpu = time.process_time() - cpu
        _, t_xlsx = _time(lambda: monthly_summary_xlsx(data))
    finally:
        database.dispose()
    (OUT / f"monthly-{children}.pdf").write_bytes(pdf)
    pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
    return (children, data.figures.registered, data.figures.visits_done, len(data.attention),
            t_data, t_pdf, t_xlsx, pages, cpu)  # fmt: skip


def run_closing(children: int, seed: int) -> tuple[float, ...]:
    """Seconds: ended month (read + PDF), close it, closed reprint (read + PDF), running month."""
    from desktop_app.reports.closing import close_month
    from desktop_app.reports.service import ReportKind, read_report, render_report

    database = open_database(sqlite_url(demo_database_path(children, seed)))
    month = Month.of(clock.today()).previous()

    def printed(session, which: Month) -> bytes:
        data = read_report(session, kind=ReportKind.MONTHLY, month=which)
        return render_report(data).content

    try:
        with database.sessions() as session:
            first, t_ended = _time(lambda: printed(session, month))
            _, t_close = _time(lambda: close_month(session, month=month))
            again, t_closed = _time(lambda: printed(session, month))
            _, t_running = _time(lambda: printed(session, Month.of(clock.today())))
            session.rollback()  # keep the cached file unclosed
    finally:
        database.dispose()
    (OUT / f"monthly-closed-{children}.pdf").write_bytes(again)
    return t_ended, t_close, t_closed, t_running


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, nargs="+", default=[5_000, 50_000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rows = [run(n, args.seed) for n in args.children]
    print()
    print(f"{'children':>9} {'registered':>10} {'visits':>7} {'attention':>9} {'data s':>7} "
          f"{'pdf s':>7} {'total s':>7} {'target':>7} {'xlsx s':>7} {'pages':>6} "
          f"{'cpu s':>6}")  # fmt: skip
    failed = False
    for n, registered, visits, attention, t_data, t_pdf, t_xlsx, pages, cpu in rows:
        target = TARGETS.get(n)
        total = t_data + t_pdf
        failed |= target is not None and total > target
        print(
            f"{n:>9,} {registered:>10,} {visits:>7,} {attention:>9,} {t_data:>7.2f} "
            f"{t_pdf:>7.2f} {total:>7.2f} {target or '-':>7} {t_xlsx:>7.2f} {pages:>6} "
            f"{cpu:>6.2f}"
        )
    print()
    print(f"{'children':>9} {'ended s':>8} {'close s':>8} {'closed s':>8} {'running s':>9}")
    for n in args.children:
        t_ended, t_close, t_closed, t_running = run_closing(n, args.seed)
        target = TARGETS.get(n)
        failed |= target is not None and max(t_ended, t_closed, t_running) > target
        print(f"{n:>9,} {t_ended:>8.2f} {t_close:>8.2f} {t_closed:>8.2f} {t_running:>9.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
