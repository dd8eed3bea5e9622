"""Benchmark of importing a district's children list (issue 7: 10,000 rows under 5 s).

Usage (from the repository root)::

    python bench/bench_import.py [--rows 10000] [--seed 1]

Writes (in ``bench/out/``) a 10,000-row .xlsx shaped like a district file (merged title rows,
NIK as text cells, dates as date cells and as text, 12 kecamatan x 5 desa x 2 posyandu, some of them
new), then on a fresh migrated SQLite database times separately: the dry run (read + parse +
validate + duplicate checks, nothing kept) and the real import (the same plus the writes and
the commit). Both start from an empty database; the target is for the real import of the file
as Excel saves it (text in the shared-strings table, written here with XlsxWriter, installed in
the venv for this benchmark only); the same rows saved by openpyxl (text stored inline, slower
to parse) are timed for comparison.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook

from desktop_app.core import clock
from desktop_app.core.database import open_database
from desktop_app.core.paths import sqlite_url
from desktop_app.importing import import_file
from desktop_app.validation import make_nik, make_no_kk

OUT = Path(__file__).resolve().parent / "out"
TARGET_S = 5.0
HEADER = ["NO", "NAMA BALITA", "NIK ANAK", "NO. KK", "L/P", "TGL. LAHIR", "NAMA IBU",
          "KECAMATAN", "DESA/KELURAHAN", "POSYANDU", "BB LAHIR (KG)"]  # fmt: skip
_FIRST = ("SITI", "AHMAD", "PUTRI", "BUDI", "RINA", "DEDI", "NUR", "FAJAR", "INDAH", "RIZKY")
_LAST = ("AMINAH", "FAUZI", "LESTARI", "SANTOSO", "PRATAMA", "WAHYUNI", "HIDAYAT", "SARI")


def _rows(rows: int, seed: int) -> Iterator[list[object]]:
    rng = random.Random(seed)
    today = clock.today()
    for number in range(1, rows + 1):
        sex = rng.choice("LP")
        born = today - timedelta(days=rng.randint(30, 58 * 30))
        nik = make_nik(region="190201", birth_date=born, sex=sex, sequence=number % 9999 + 1)
        kk = make_no_kk(region="190201", issued_on=date(2020, 1, 1), sequence=number % 9999 + 1)
        kec = rng.randrange(12)
        birth = born if number % 2 else born.strftime("%d/%m/%Y")
        yield [
            number, f" {rng.choice(_FIRST)}  {rng.choice(_LAST)} {number}", nik, kk, sex, birth,
            f"IBU {rng.choice(_LAST)}", f"Kec. Kecamatan {kec}", f"Desa {kec}-{rng.randrange(5)}",
            f"Posyandu {rng.randrange(2)}", f"{rng.uniform(2.2, 4.0):.1f}".replace(".", ","),
        ]  # fmt: skip


def write_excel_like(path: Path, rows: int, seed: int) -> Path:
    """Text in the shared-strings table, as Excel itself saves (XlsxWriter, a bench-only tool)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Data")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    text_format = workbook.add_format({"num_format": "@"})
    sheet.merge_range(0, 0, 0, len(HEADER) - 1, "DATA BALITA STUNTING KABUPATEN BELITUNG")
    sheet.merge_range(1, 0, 1, len(HEADER) - 1, "Oktober 2026")
    sheet.write_row(3, 0, HEADER)
    for index, values in enumerate(_rows(rows, seed), start=4):
        for column, value in enumerate(values):
            if isinstance(value, date):
                sheet.write_datetime(index, column, value, date_format)
            elif column in (2, 3):
                sheet.write_string(index, column, value, text_format)
            else:
                sheet.write(index, column, value)
    workbook.close()
    return path


def write_openpyxl(path: Path, rows: int, seed: int) -> Path:
    """openpyxl's own files store every text cell inline, which is slower to read back."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(["DATA BALITA STUNTING KABUPATEN BELITUNG"])
    sheet.merge_cells("A1:K1")
    sheet.append(["Oktober 2026"])
    sheet.merge_cells("A2:K2")
    sheet.append([])
    sheet.append(HEADER)
    for values in _rows(rows, seed):
        sheet.append(values)
    workbook.save(path)
    return path


def run(path: Path, *, dry_run: bool) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, rows imported) on a fresh migrated DB."""
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(sqlite_url(Path(folder) / "bench.sqlite3"))
        started, cpu = time.perf_counter(), time.process_time()
        with database.sessions() as session:
            result = import_file(session, kind="children", path=path, dry_run=dry_run)
            session.commit()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        database.dispose()
    if result.rejected:
        raise SystemExit(f"unexpected rejections: {result.problems[:3]}")
    return elapsed, cpu, result.imported


def _best(path: Path, *, dry_run: bool, repeat: int) -> tuple[float, float, float, int]:
    """Best and median wall time over ``repeat`` runs (other work on the machine only ever
    slows a run down), with the CPU time of the best run."""
    runs = sorted(run(path, dry_run=dry_run) for _ in range(repeat))
    return runs[0][0], statistics.median(r[0] for r in runs), runs[0][1], runs[0][2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    rows_text = f"{args.rows:,}".replace(",", ".")
    print(f"{rows_text} baris anak, basis data kosong, terbaik/median dari {args.repeat} kali")
    ok = True
    for label, writer in (("Excel (shared strings)", write_excel_like),
                          ("openpyxl (inline strings)", write_openpyxl)):  # fmt: skip
        suffix = "excel" if writer is write_excel_like else "openpyxl"
        path = writer(OUT / f"import_children_{args.rows}_{suffix}.xlsx", args.rows, args.seed)
        print(f"  {label}, {path.stat().st_size / 1e6:.1f} MB")
        for what, dry_run in (("pratinjau (dry run)", True), ("impor (tulis + commit)", False)):
            best, median, cpu, imported = _best(path, dry_run=dry_run, repeat=args.repeat)
            verdict = "" if dry_run else ("  OK" if best < TARGET_S else "  TERLALU LAMBAT")
            print(f"    {what}: {best:.2f} s (median {median:.2f} s, CPU {cpu:.2f} s), "
                  f"{imported} anak{verdict}")  # fmt: skip
            if not dry_run and writer is write_excel_like:
                ok = best < TARGET_S
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
