"""Shared fixtures for the growth tests: WHO's reference sample, read as plain Python values."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parents[1]
REFERENCE_COPY = TESTS_DIR / "data" / "who_reference_sample.csv"
# /work/shared/who beside the repository, when the checkout has it (the copy above is the one
# the tests use, so a clean clone without ../shared still runs them).
SHARED_WHO = Path(__file__).resolve().parents[2] / ".." / "shared" / "who"
OUTPUT_COLUMNS = ("zlen", "flen", "zwei", "fwei", "zwfl", "fwfl",
                  "zbmi", "fbmi", "zhc", "fhc", "zac", "fac")  # fmt: skip


@dataclass(frozen=True)
class ReferenceRow:
    line: int  # line in the CSV file, for messages
    raw: dict[str, str]

    def number(self, column: str) -> float | None:
        text = self.raw[column]
        return float(text) if text != "" else None


def read_reference() -> list[ReferenceRow]:
    with REFERENCE_COPY.open(newline="", encoding="utf-8") as handle:
        return [ReferenceRow(i + 2, row) for i, row in enumerate(csv.DictReader(handle))]


@pytest.fixture(scope="session")
def reference_rows() -> list[ReferenceRow]:
    return read_reference()
