"""Hypothesis feeds the importers arbitrary cells and malformed files (random bytes, truncated
.xlsx, ragged CSV, huge strings): the only failures allowed are DomainErrors with a message, and
an import that refuses any row leaves every table exactly as it was."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from desktop_app.core.errors import DomainError
from desktop_app.importing import import_file, write_template
from desktop_app.importing.fields import KIND_FIELDS
from tests.importing.sheets import table_counts

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
KINDS = st.sampled_from(["children", "guardians", "visits"])
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
CELLS = st.one_of(
    st.none(),
    TEXT,
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(
        [
            "3.27101E+15",
            "31/02/2024",
            "5 Agu 2023",
            "10,5",
            "L",
            "Perempuan",
            "=1+1",
            "x" * 5000,
            "1902014501230001",
            "KEC. BADAU",
        ]
    ),  # fmt: skip
)


def _attempt(database, kind: str, path: Path, *, valid_only: bool = False) -> None:
    before = table_counts(database)
    try:
        with database.sessions() as session:
            result = import_file(session, kind=kind, path=path, valid_only=valid_only)
            session.commit()
    except DomainError as error:
        assert str(error).strip()
        assert table_counts(database) == before
        return
    after = table_counts(database)
    if result.rejected and not valid_only:
        assert after == before and not result.written
    assert result.imported + result.rejected == len(result.rows)
    if not valid_only:
        return
    main = {"children": "children", "guardians": "guardians", "visits": "visits"}[kind]
    assert after[main] == before[main] + result.imported


@FUZZ
@given(
    kind=KINDS, rows=st.lists(st.lists(CELLS, max_size=12), max_size=6), valid_only=st.booleans()
)
def test_arbitrary_cells_under_recognised_headers(
    database, tmp_path_factory, kind, rows, valid_only
):
    path = tmp_path_factory.mktemp("fuzz") / "data.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([spec.header for spec in KIND_FIELDS[kind]][:12])
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    _attempt(database, kind, path, valid_only=valid_only)


@FUZZ
@given(kind=KINDS, data=st.binary(max_size=2000), suffix=st.sampled_from([".xlsx", ".csv", ""]))
def test_random_bytes(database, tmp_path_factory, kind, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"acak{suffix}"
    path.write_bytes(data)
    _attempt(database, kind, path)


@FUZZ
@given(kind=KINDS, cut=st.floats(min_value=0.0, max_value=0.999))
def test_truncated_xlsx(database, tmp_path_factory, kind, cut):
    folder = tmp_path_factory.mktemp("fuzz")
    whole = write_template(kind, folder / "utuh.xlsx").read_bytes()
    path = folder / "terpotong.xlsx"
    path.write_bytes(whole[: int(len(whole) * cut)])
    _attempt(database, kind, path)


@FUZZ
@given(
    kind=KINDS,
    lines=st.lists(st.lists(st.text(max_size=20), max_size=9), max_size=8),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_ragged_csv(database, tmp_path_factory, kind, lines, delimiter, encoding):
    header = delimiter.join(spec.header for spec in KIND_FIELDS[kind])
    body = "\n".join(delimiter.join(cells) for cells in lines)
    path = tmp_path_factory.mktemp("fuzz") / "data.csv"
    path.write_bytes(f"{header}\n{body}".encode(encoding, errors="replace"))
    _attempt(database, kind, path, valid_only=True)


def test_huge_strings(database, tmp_path):
    path = tmp_path / "besar.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([spec.header for spec in KIND_FIELDS["children"]])
    sheet.append(["Ä" * 30_000] * len(KIND_FIELDS["children"]))
    workbook.save(path)
    _attempt(database, "children", path)
    csv_path = tmp_path / "besar.csv"
    csv_path.write_text("Nama;Tanggal Lahir;L/P\n" + "x" * 2_000_000 + ";1/1/2024;L\n")
    _attempt(database, "children", csv_path)
