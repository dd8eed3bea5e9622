"""Opening a child page: everything the growth panel loads, with 100,000 demo children.

Times, for children with 8 or more visits, one read transaction doing what the child page and
its growth panel read: ``get_child`` (record + assignment history) and ``load_child_growth``
(visits, KBM table, monthly N/T register, trend, z changes, chart series). Cold = the first
child opened (page cache and WHO tables cold); the table is the warm distribution. Goal: under
200 ms.

Usage: .venv/bin/python bench/bench_child_page.py [--samples 40]
"""

from __future__ import annotations

import argparse
import statistics
import time
import uuid

from _visits_demo import demo_copy, sessions_for


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=40)
    args = parser.parse_args()

    from sqlalchemy import text

    from desktop_app.children.growth import load_child_growth
    from desktop_app.children.service import get_child

    sessions = sessions_for(demo_copy("visits-demo-100k.sqlite3"))
    with sessions() as session:
        children = session.scalar(text("SELECT count(*) FROM children"))
        visits = session.scalar(text("SELECT count(*) FROM visits"))
        ids = [
            uuid.UUID(row)
            for row in session.scalars(
                text(
                    "SELECT child_id FROM visits GROUP BY child_id HAVING count(*) >= 8 "
                    "ORDER BY random() LIMIT :n"
                ),
                {"n": args.samples},
            )
        ]

    def open_page(child_id: uuid.UUID) -> tuple[float, int]:
        started = time.perf_counter()
        with sessions() as session:
            get_child(session, child_id=child_id)
            growth = load_child_growth(session, child_id=child_id)
        return (time.perf_counter() - started) * 1000, len(growth.visits)

    cold, _n = open_page(ids[0])
    timings = [open_page(child_id) for child_id in ids[1:]]
    ms = sorted(t for t, _v in timings)
    print(f"database: {children:,} children, {visits:,} visits")
    print(f"{'child page (ms)':<28}{'value':>10}")
    print(f"{'cold (first child)':<28}{cold:>10.1f}")
    print(f"{'median':<28}{statistics.median(ms):>10.1f}")
    print(f"{'p95':<28}{ms[int(len(ms) * 0.95) - 1]:>10.1f}")
    print(f"{'max':<28}{ms[-1]:>10.1f}")
    print(f"{'visits per child (median)':<28}{statistics.median(v for _t, v in timings):>10.0f}")
    print(f"samples: {len(ms)} warm; goal < 200 ms: {'OK' if ms[-1] < 200 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
