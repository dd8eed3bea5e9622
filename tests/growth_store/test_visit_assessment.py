"""Stored visit assessments agree with the WHO reference and recompute only what changed."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.db.models import Child, Visit
from desktop_app.visits.assessment import assessment_values, recompute_visit_assessments

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "who_reference_sample.csv"


def _reference_rows() -> list[dict[str, str]]:
    with REFERENCE.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    # Rows with a plain measuring position and an age Asuh can record (whole days).
    return [r for r in rows if r["age_days"].isdigit()][:60]


def _float(text: str) -> float | None:
    return float(text) if text not in ("", "NA") else None


@pytest.mark.parametrize("row", _reference_rows(), ids=lambda r: f"{r['sex']}-{r['age_days']}")
def test_one_visit_matches_who_reference(row: dict[str, str]) -> None:
    birth = date(2022, 1, 1)
    values = assessment_values(
        sex="L" if row["sex"] == "1" else "P",
        birth_date=birth,
        visit_date=birth + timedelta(days=int(row["age_days"])),
        weight_kg=_float(row["weight_kg"]),
        lenhei_cm=_float(row["lenhei_cm"]),
        measure=row["measure"] or None,
        oedema=row["oedema"] == "y",
        headc_cm=_float(row["headc_cm"]),
        muac_cm=_float(row["muac_cm"]),
    )
    for name in ("zlen", "zwei", "zwfl", "zbmi", "zhc", "zac"):
        expected = _float(row[name])
        if expected is None:
            assert values[name] is None, name
        else:
            assert values[name] == pytest.approx(expected, abs=0.01), name
            flag = "f" + name[1:] if name != "zwfl" else "fwfl"
            assert values[flag] is (row[flag] == "1"), flag


def _child(session, **overrides) -> Child:
    child = Child(
        name="Siti Aisyah",
        sex="P",
        birth_date=date(2024, 1, 10),
        enrolment_status="stunting",
        enrolled_on=date(2025, 1, 1),
        **overrides,
    )
    session.add(child)
    session.flush()
    return child


@pytest.fixture(params=["sqlite-fast-path", "generic-path"])
def recompute(request, monkeypatch):
    """Both implementations: the SQLite fast path and the generic one PostgreSQL uses."""
    import desktop_app.visits.assessment as module

    if request.param == "generic-path":
        monkeypatch.setattr(
            module, "_recompute_sqlite",
            lambda session, total, progress: module._recompute_generic(
                session, "sqlite", total, progress
            ),
        )  # fmt: skip
    return recompute_visit_assessments


JUNE, JULY = date(2025, 6, 1), date(2025, 7, 1)


def _lying(child: Child, sex: str, visit_date: date, weight: float, length: float) -> dict:
    """The stored assessment of a lying measurement of ``child`` (as ``sex``)."""
    return assessment_values(
        sex=sex, birth_date=child.birth_date, visit_date=visit_date, weight_kg=weight,
        lenhei_cm=length, measure="l", oedema=False, headc_cm=None, muac_cm=None,
    )  # fmt: skip


def _visit(child: Child, visit_date: date, weight: float, length: float, **stored) -> Visit:
    return Visit(child_id=child.id, visit_date=visit_date, weight_kg=weight, lenhei_cm=length,
                 measure="l", **stored)  # fmt: skip


def test_recompute_fixes_stale_rows_and_leaves_the_rest(session, recompute) -> None:
    child = _child(session)
    fresh = _visit(child, JUNE, 8.1, 74.0, **_lying(child, "P", JUNE, 8.1, 74.0))
    stale = _visit(child, JULY, 8.3, 75.0, zlen=9.99, zwei=None)
    session.add_all([fresh, stale])
    session.flush()
    fresh_updated_at = fresh.updated_at

    summary = recompute(session)

    assert (summary.visits, summary.changed) == (2, 1)
    session.expire_all()
    rows = {v.visit_date: v for v in session.scalars(select(Visit))}
    expected = _lying(child, "P", JULY, 8.3, 75.0)
    assert rows[JULY].zlen == expected["zlen"] and rows[JULY].zwei == expected["zwei"]
    assert rows[JULY].flen is False
    assert rows[JUNE].updated_at == fresh_updated_at


def test_recompute_follows_a_corrected_sex(session, recompute) -> None:
    child = _child(session)
    girl = _lying(child, "P", JUNE, 8.1, 74.0)
    session.add(_visit(child, JUNE, 8.1, 74.0, **girl))
    child.sex = "L"
    session.flush()
    progress: list[tuple[int, int, str]] = []

    summary = recompute(session, progress=lambda *a: progress.append(a))

    assert summary.changed == 1
    assert progress[-1][:2] == (1, 1)
    boy = _lying(child, "L", JUNE, 8.1, 74.0)
    assert session.scalars(select(Visit.zlen)).one() == boy["zlen"] != girl["zlen"]
