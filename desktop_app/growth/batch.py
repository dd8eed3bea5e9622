"""Batch z-scores for a CSV file: the core of ``asuh zscore INPUT.csv OUTPUT.csv``.

Input columns (header names, any case, any order; others are copied through untouched):
``sex`` (1/2, L/P, laki-laki/perempuan), ``age_days`` or both ``birth_date`` and ``visit_date``
(yyyy-mm-dd or dd/mm/yyyy; a non-empty ``age_days`` wins), ``weight_kg``, ``lenhei_cm``,
``measure`` (l/h), ``oedema`` (y/n), ``headc_cm``, ``muac_cm``; numbers with a decimal point or a
decimal comma. The delimiter (``;``, ``,`` or tab) is detected from the header line.

Output: every input column, then ``zlen flen zwei fwei zwfl fwfl zbmi fbmi zhc fhc zac fac``
(z to 2 decimals half away from zero, flag 0/1, empty when not computable), the Permenkes
2/2020 categories ``kategori_bbu kategori_tbu kategori_bbtb kategori_imtu`` and ``error``
(Indonesian messages, ``; ``-separated). Input columns with those names are replaced. The output
keeps the input's delimiter; with ``;`` it writes decimal commas too, as Indonesian Excel does.
Written as UTF-8 with a byte-order mark so Excel shows the text right.

Bad rows never stop the run: a bad sex or age leaves the row without z-scores, a bad measurement
cell only that measurement; every problem is named in ``error``.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

import numpy as np

from desktop_app.core.errors import DomainError
from desktop_app.core.i18n import _
from desktop_app.core.progress import ProgressFn, no_progress
from desktop_app.export.cells import inert_text
from desktop_app.growth.age import DAYS_PER_MONTH, age_days_between
from desktop_app.growth.batch_fields import (
    CellError,
    parse_date,
    parse_measure,
    parse_number,
    parse_oedema,
    parse_sex,
)
from desktop_app.growth.bulk import FLAG_COLUMNS, Z_COLUMNS, assess_many
from desktop_app.growth.categories import Indicator, band_many, bands_of
from desktop_app.growth.rounding import round_half_away

__all__ = ["BatchInputError", "BatchSummary", "OUTPUT_COLUMNS", "main_zscore", "run_batch"]

T = TypeVar("T")  # what a cell parser returns

_MEASUREMENTS = (
    ("weight_kg", "weight"),
    ("lenhei_cm", "lenhei"),
    ("headc_cm", "headc"),
    ("muac_cm", "muac"),
)
_ZF_COLUMNS = tuple(col for pair in zip(Z_COLUMNS, FLAG_COLUMNS, strict=True) for col in pair)
_CATEGORY_COLUMNS = {f"kategori_{ind.value}": ind for ind in Indicator}
OUTPUT_COLUMNS = (*_ZF_COLUMNS, *_CATEGORY_COLUMNS, "error")
_CHUNK = 20_000
_MAX_AGE_DAYS = 60 * DAYS_PER_MONTH


class BatchInputError(DomainError):
    """The file as a whole cannot be used (unreadable, no header, no sex or age column)."""


@dataclass(frozen=True)
class BatchSummary:
    """Outcome of a run: data rows read and rows whose ``error`` cell is not empty."""

    rows: int
    error_rows: int
    output_path: Path


def run_batch(
    input_path: str | Path, output_path: str | Path, *, progress: ProgressFn = no_progress
) -> BatchSummary:
    """Read ``input_path``, compute WHO z-scores and categories, write ``output_path``.

    Raises :class:`BatchInputError` when the file cannot be read or lacks the required columns,
    ``OSError`` when the output cannot be written. Bad rows are reported, never raised.
    ``progress(done, total, label)`` is called between chunks of rows (it may raise
    ``Cancelled`` to stop; the output file is then incomplete).
    """
    text = _read_text(Path(input_path))
    delimiter = _detect_delimiter(text)
    records = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if r]
    if not records:
        raise BatchInputError(_("Berkas kosong: tidak ada baris judul kolom."))
    header, body = records[0], records[1:]
    columns = {name.strip().lower(): i for i, name in enumerate(header)}
    if "sex" not in columns:
        raise BatchInputError(_("Kolom 'sex' tidak ada."))
    if "age_days" not in columns and not {"birth_date", "visit_date"} <= columns.keys():
        raise BatchInputError(
            _("Perlu kolom 'age_days', atau kolom 'birth_date' dan 'visit_date'.")
        )

    total = len(body)
    parsed = _Parsed(total, columns, len(header))
    for start in range(0, total, _CHUNK):
        progress(start, total, _("Membaca data"))
        for i in range(start, min(start + _CHUNK, total)):
            parsed.read_row(i, body[i])
    progress(total, total, _("Menghitung z-score"))
    result = assess_many(
        parsed.sex,
        parsed.age,
        parsed.weight,
        parsed.lenhei,
        parsed.measure,
        parsed.oedema,
        parsed.headc,
        parsed.muac,
    )
    standing_too_young = _(
        "Kolom measure: posisi berdiri (h) di bawah umur 9 bulan tidak wajar; posisi diabaikan"
    )
    for i in np.flatnonzero(result["f9mo"]).tolist():
        parsed.errors[i].append(standing_too_young)

    keep = [i for i, name in enumerate(header) if name.strip().lower() not in OUTPUT_COLUMNS]
    cells = _output_cells(result, decimal_comma=delimiter == ";")
    out_path = Path(output_path)
    with out_path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        # the caller's own cells are echoed through the one inert writer; computed ones are ours
        writer.writerow([inert_text(header[i]) for i in keep] + list(OUTPUT_COLUMNS))
        for start in range(0, total, _CHUNK):
            progress(start, total, _("Menulis hasil"))
            for i in range(start, min(start + _CHUNK, total)):
                row = body[i] + [""] * (len(header) - len(body[i]))
                writer.writerow(
                    [inert_text(row[j]) for j in keep]
                    + [col[i] for col in cells]
                    + ["; ".join(parsed.errors[i])]
                )
    progress(total, total, _("Selesai"))
    return BatchSummary(total, sum(1 for e in parsed.errors if e), out_path)


class _Parsed:
    """Column arrays for :func:`assess_many` plus each row's error messages."""

    def __init__(self, n: int, columns: dict[str, int], width: int) -> None:
        self.columns, self.width = columns, width
        self.sex = np.zeros(n)
        self.age = np.full(n, np.nan)
        self.weight, self.lenhei = np.full(n, np.nan), np.full(n, np.nan)
        self.headc, self.muac = np.full(n, np.nan), np.full(n, np.nan)
        self.measure = np.zeros(n, dtype=np.int8)
        self.oedema = np.zeros(n, dtype=bool)
        self.errors: list[list[str]] = [[] for _ in range(n)]

    def read_row(self, i: int, row: list[str]) -> None:
        errors = self.errors[i]

        def cell(name: str) -> str:
            j = self.columns.get(name)
            return row[j] if j is not None and j < len(row) else ""

        def attempt(parse: Callable[[], T]) -> T | None:
            try:
                return parse()
            except CellError as exc:
                errors.append(str(exc))
                return None

        if len(row) > self.width:
            message = _("Baris ini berisi {cells} kolom, judul hanya {columns}")
            errors.append(message.format(cells=len(row), columns=self.width))
        sex = attempt(lambda: parse_sex(cell("sex")))
        if sex is None and not cell("sex").strip():
            errors.append(_("Kolom {column}: kosong").format(column="sex"))
        self.sex[i] = sex or 0
        self.age[i] = self._age(cell, errors)
        for column, attr in _MEASUREMENTS:
            value = attempt(partial(parse_number, cell(column), column))
            if isinstance(value, float) and value <= 0:
                errors.append(_("Kolom {column}: nilai harus lebih dari 0").format(column=column))
            elif isinstance(value, float):
                getattr(self, attr)[i] = value
        self.measure[i] = attempt(lambda: parse_measure(cell("measure"))) or 0
        self.oedema[i] = bool(attempt(lambda: parse_oedema(cell("oedema"))))

    @staticmethod
    def _age(cell: Callable[[str], str], errors: list[str]) -> float:
        try:
            days = parse_number(cell("age_days"), "age_days")
            column = "age_days"
            if days is None:
                birth = parse_date(cell("birth_date"), "birth_date")
                visit = parse_date(cell("visit_date"), "visit_date")
                if birth is None or visit is None:
                    raise CellError(
                        _("Kolom age_days: kosong, dan birth_date/visit_date tak lengkap")
                    )
                if visit < birth:
                    raise CellError(_("Kolom visit_date: tanggal kunjungan sebelum birth_date"))
                days, column = float(age_days_between(birth, visit)), "birth_date/visit_date"
        except CellError as exc:
            errors.append(str(exc))
            return np.nan
        if days < 0:
            errors.append(_("Kolom age_days: umur tidak boleh negatif"))
            return np.nan
        if days >= _MAX_AGE_DAYS:
            message = _(
                "Kolom {column}: umur {days} hari sudah 60 bulan atau lebih; "
                "standar WHO hanya sampai 60 bulan"
            )
            errors.append(message.format(column=column, days=f"{days:g}"))
        return days


def _output_cells(result: dict[str, np.ndarray], *, decimal_comma: bool) -> list[list[str]]:
    """The appended columns (without ``error``) as lists of strings, one per column."""
    cells: list[list[str]] = []
    for zkey, fkey in zip(Z_COLUMNS, FLAG_COLUMNS, strict=True):
        z = round_half_away(result[zkey])
        missing = np.isnan(z)
        text = [f"{v:.2f}" for v in z.tolist()]
        if decimal_comma:
            text = [t.replace(".", ",") for t in text]
        flags = result[fkey].astype(int).astype(str)
        cells.append(["" if m else t for t, m in zip(text, missing.tolist(), strict=True)])
        cells.append(np.where(missing, "", flags).tolist())
    for indicator in _CATEGORY_COLUMNS.values():
        labels = np.array(["", *(c.label for c in bands_of(indicator))], dtype=object)
        cells.append(labels[band_many(result[indicator.z_field]) + 1].tolist())
    return cells


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        message = _("Tidak dapat membaca berkas {path}: {problem}")
        raise BatchInputError(message.format(path=path, problem=exc.strerror or exc)) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # Excel on Windows


def _detect_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def main_zscore(argv: Sequence[str] | None = None) -> int:
    """``asuh zscore INPUT.csv OUTPUT.csv``: 0 when done (bad rows included), 2 on a bad file."""
    parser = argparse.ArgumentParser(
        prog="asuh zscore",
        description=_("Hitung z-score WHO 2006 dan kategori Permenkes 2/2020 untuk berkas CSV."),
    )
    parser.add_argument("input", help=_("berkas CSV masukan"))
    parser.add_argument("output", help=_("berkas CSV hasil"))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        summary = run_batch(args.input, args.output)
    except BatchInputError as exc:
        print(_("Galat: {problem}").format(problem=exc), file=sys.stderr)
        return 2
    except OSError as exc:
        message = _("Galat: tidak dapat menulis {path}: {problem}")
        print(message.format(path=args.output, problem=exc.strerror or exc), file=sys.stderr)
        return 2
    print(
        _("Selesai: {rows} baris, {errors} galat").format(
            rows=summary.rows, errors=summary.error_rows
        )
    )
    return 0
