"""Every row of WHO's reference sample (computed by WHO's own anthro software) must come out the
same: each z within 0.01, identical flags, and the same cells empty."""

from __future__ import annotations

import math

import numpy as np
import pytest

from desktop_app.growth import Measurement, Sex, assess
from desktop_app.growth.bulk import FLAG_COLUMNS, Z_COLUMNS, assess_many
from desktop_app.growth.rounding import round_z

from .conftest import OUTPUT_COLUMNS, REFERENCE_COPY, SHARED_WHO, ReferenceRow


def _measurement(row: ReferenceRow) -> Measurement:
    measure = row.raw["measure"] or None
    return Measurement(
        sex=Sex(int(row.raw["sex"])),
        age_days=int(row.raw["age_days"]),
        weight_kg=row.number("weight_kg"),
        lenhei_cm=row.number("lenhei_cm"),
        measure=measure,  # type: ignore[arg-type]
        oedema=row.raw["oedema"] == "y",
        headc_cm=row.number("headc_cm"),
        muac_cm=row.number("muac_cm"),
    )


def _mismatches(row: ReferenceRow, got: dict[str, float | bool | None]) -> list[str]:
    problems = []
    for column in OUTPUT_COLUMNS:
        expected = row.number(column)
        value = got[column]
        if expected is None or value is None:
            if expected is not value:
                problems.append(f"{column}: expected {expected}, got {value}")
        elif column.startswith("f"):
            if int(value) != int(expected):
                problems.append(f"{column}: expected {int(expected)}, got {int(value)}")
        elif abs(float(value) - expected) > 0.01 + 1e-9:
            problems.append(f"{column}: expected {expected}, got {value}")
    return problems


def test_the_copy_is_the_shared_sample() -> None:
    shared = SHARED_WHO / "reference_sample.csv"
    if not shared.exists():
        pytest.skip("../shared/who is not beside this checkout")
    assert REFERENCE_COPY.read_bytes() == shared.read_bytes()


def test_sample_covers_the_hard_cases(reference_rows: list[ReferenceRow]) -> None:
    """Guards the value of the test below: the sample must keep exercising the edge rules."""
    raw = [r.raw for r in reference_rows]
    assert len(raw) == 400
    assert any(r["measure"] == "" and int(r["age_days"]) >= 731 for r in raw)
    assert any(r["measure"] == "h" and int(r["age_days"]) < 274 for r in raw)
    assert any(r["oedema"] == "y" for r in raw)
    assert any(int(r["age_days"]) >= 1827 for r in raw)
    assert any(r["fwei"] == "1" for r in raw) and any(r["flen"] == "1" for r in raw)


def test_scalar_path_matches_every_reference_row(reference_rows: list[ReferenceRow]) -> None:
    failures = []
    for row in reference_rows:
        result = assess(_measurement(row))
        got = {c: getattr(result, c) for c in OUTPUT_COLUMNS}
        failures += [f"line {row.line}: {p}" for p in _mismatches(row, got)]
    assert failures == []


def test_bulk_path_matches_every_reference_row(reference_rows: list[ReferenceRow]) -> None:
    def column(name: str) -> list[float | None]:
        return [r.number(name) for r in reference_rows]

    out = assess_many(
        sex=[int(r.raw["sex"]) for r in reference_rows],
        age_days=column("age_days"),
        weight=column("weight_kg"),
        lenhei=column("lenhei_cm"),
        measure=[r.raw["measure"] for r in reference_rows],
        oedema=[r.raw["oedema"] == "y" for r in reference_rows],
        headc=column("headc_cm"),
        muac=column("muac_cm"),
    )
    failures = []
    for i, row in enumerate(reference_rows):
        got: dict[str, float | bool | None] = {}
        for zkey, fkey in zip(Z_COLUMNS, FLAG_COLUMNS, strict=True):
            z = float(out[zkey][i])
            got[zkey] = None if math.isnan(z) else z
            got[fkey] = None if math.isnan(z) else bool(out[fkey][i])
        failures += [f"line {row.line}: {p}" for p in _mismatches(row, got)]
    assert failures == []


def test_reported_values_equal_the_reference_exactly(reference_rows: list[ReferenceRow]) -> None:
    """Stronger than 0.01: the 2-decimal values WHO reports are reproduced digit for digit."""
    worst = dict.fromkeys(Z_COLUMNS, 0.0)
    for row in reference_rows:
        result = assess(_measurement(row))
        for column in Z_COLUMNS:
            expected, value = row.number(column), round_z(getattr(result, column))
            if expected is not None and value is not None:
                worst[column] = max(worst[column], abs(value - expected))
    assert all(np.isclose(diff, 0.0, atol=1e-9) for diff in worst.values()), worst
