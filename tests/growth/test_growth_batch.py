"""The CSV batch behind ``asuh zscore``: WHO-exact output, tolerant input, named errors."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from desktop_app.growth.batch import OUTPUT_COLUMNS, main_zscore, run_batch

from .conftest import OUTPUT_COLUMNS as Z_AND_FLAGS
from .conftest import REFERENCE_COPY


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _read(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def test_reference_sample_through_the_batch_is_reproduced_exactly(tmp_path: Path) -> None:
    """WHO's sample already has zlen ... fac columns: the batch replaces them with its own,
    which must be the same text (same 2-decimal values, flags and empty cells)."""
    source = shutil.copy(REFERENCE_COPY, tmp_path / "in.csv")
    summary = run_batch(source, tmp_path / "out.csv")
    expected = _read(REFERENCE_COPY)
    got = _read(tmp_path / "out.csv")
    assert summary.rows == len(expected) == len(got) == 400
    mismatches = [
        (i + 2, column, want[column], have[column])
        for i, (want, have) in enumerate(zip(expected, got, strict=True))
        for column in Z_AND_FLAGS
        if (float(want[column]) if want[column] else None)
        != (float(have[column]) if have[column] else None)
    ]
    assert mismatches == []
    assert list(got[0])[:8] == list(expected[0])[:8]  # input columns first, in order


def test_indonesian_excel_dialect(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "in.csv",
        "nama;sex;birth_date;visit_date;weight_kg;lenhei_cm;measure;oedema;muac_cm\n"
        "Ayu;P;15/01/2024;15/07/2025;8,5;73,2;l;n;13,1\n"
        "Budi;laki-laki;2023-03-01;2025-03-01;10,2;84,0;h;T;\n",
    )
    summary = run_batch(source, tmp_path / "out.csv")
    rows = _read(tmp_path / "out.csv", delimiter=";")
    assert (summary.rows, summary.error_rows) == (2, 0)
    ayu, budi = rows
    assert ayu["nama"] == "Ayu" and ayu["lenhei_cm"] == "73,2"  # input copied untouched
    assert "," in ayu["zlen"] and "." not in ayu["zlen"]  # decimal comma out, like in
    assert ayu["zac"] != "" and budi["zac"] == ""
    assert [ayu["error"], budi["error"]] == ["", ""]


def test_dates_and_age_days_give_the_same_result(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "in.csv",
        "sex,age_days,birth_date,visit_date,weight_kg,lenhei_cm\n"
        "1,547,,,9.8,79.1\n"
        "1,,2024-01-01,2025-07-01,9.8,79.1\n"
        "1,,01/01/2024,01/07/2025,9.8,79.1\n",
    )
    run_batch(source, tmp_path / "out.csv")
    rows = _read(tmp_path / "out.csv")
    assert len({(r["zlen"], r["zwei"], r["zwfl"], r["zbmi"]) for r in rows}) == 1
    assert rows[0]["zlen"] != ""


def test_categories_columns(tmp_path: Path) -> None:
    # Boy, 731 days, standing at the H-row median 87.1303 cm: zlen 0.00 -> Normal.
    source = _write(
        tmp_path / "in.csv",
        "sex,age_days,weight_kg,lenhei_cm,measure\n1,731,12.2,87.1303,h\n1,731,7.0,75.0,h\n",
    )
    run_batch(source, tmp_path / "out.csv")
    normal, small = _read(tmp_path / "out.csv")
    assert normal["zlen"] == "0.00" and normal["kategori_tbu"] == "Normal"
    assert normal["kategori_bbu"] == "Berat badan normal"
    assert normal["kategori_bbtb"] == "Gizi baik" and normal["kategori_imtu"] == "Gizi baik"
    assert small["kategori_tbu"] == "Sangat pendek"
    assert small["kategori_bbu"] == "Berat badan sangat kurang"
    assert float(small["zlen"]) < -3 and float(small["zwei"]) < -3


def test_bad_rows_are_named_and_never_stop_the_run(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "in.csv",
        "sex,age_days,birth_date,visit_date,weight_kg,lenhei_cm,measure,oedema,muac_cm\n"
        "X,400,,,9,75,l,n,14\n"  # 2
        "1,400,,,abc,75,l,n,14\n"  # 3: weight unreadable, the rest still computed
        "2,,31/02/2024,2025-01-01,9,75,l,n,\n"  # 4: no such date
        "2,,2025-01-01,2024-01-01,9,75,l,n,\n"  # 5: visit before birth
        "1,400,,,9,75,q,maybe,14\n"  # 6
        "1,1830,,,18,110,h,n,\n"  # 7: 60 months and over
        "1,400,,,0,75,l,n,-2\n"  # 8
        "1,150,,,7,65,h,n,\n"  # 9: standing at 5 months
        "1,400\n"  # 10: short row, missing cells are empty
        "1,400,,,9,75,l,n,14,extra\n"  # 11
        ",400,,,9,75,l,n,14\n"  # 12
        "1,-3,,,9,75,l,n,14\n",  # 13
    )
    summary = run_batch(source, tmp_path / "out.csv")
    rows = _read(tmp_path / "out.csv")
    errors = [r["error"] for r in rows]
    assert summary.rows == 12
    assert errors[0] == "Kolom sex: nilai 'X' bukan 1/2 atau L/P"
    assert rows[0]["zlen"] == "" and rows[0]["zwei"] == ""
    assert errors[1] == "Kolom weight_kg: nilai 'abc' bukan angka"
    assert rows[1]["zwei"] == "" and rows[1]["zlen"] != "" and rows[1]["zac"] != ""
    assert "Kolom birth_date: tanggal '31/02/2024' tidak dikenali" in errors[2]
    assert errors[3] == "Kolom visit_date: tanggal kunjungan sebelum birth_date"
    assert "Kolom measure: nilai 'q'" in errors[4] and "Kolom oedema: nilai 'maybe'" in errors[4]
    assert "Kolom age_days: umur 1830 hari sudah 60 bulan" in errors[5]
    assert rows[5]["zlen"] == ""
    assert "Kolom weight_kg: nilai harus lebih dari 0" in errors[6]
    assert "Kolom muac_cm: nilai harus lebih dari 0" in errors[6]
    assert "di bawah umur 9 bulan" in errors[7] and rows[7]["zlen"] != ""
    assert errors[8] == "" and rows[8]["zlen"] == ""  # nothing measured is no error
    assert "Baris ini berisi 10 kolom" in errors[9] and rows[9]["zlen"] != ""
    assert errors[10] == "Kolom sex: kosong"
    assert errors[11] == "Kolom age_days: umur tidak boleh negatif"
    assert summary.error_rows == 11


def test_output_columns_and_progress(tmp_path: Path) -> None:
    source = _write(tmp_path / "in.csv", "Sex\tAge_Days\tWeight_kg\n2\t100\t5,5\n1\t200\t7.1\n")
    calls: list[tuple[int, int, str]] = []
    run_batch(source, tmp_path / "out.csv", progress=lambda *a: calls.append(a))
    with (tmp_path / "out.csv").open(encoding="utf-8-sig") as handle:
        header = handle.readline().rstrip("\r\n").split("\t")
    assert header == ["Sex", "Age_Days", "Weight_kg", *OUTPUT_COLUMNS]
    assert calls[0][:2] == (0, 2) and calls[-1][:2] == (2, 2)


def test_windows_encoding_is_read(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "in.csv", "nama,sex,age_days,weight_kg\nRené,1,100,6.1\n", encoding="cp1252"
    )
    run_batch(source, tmp_path / "out.csv")
    assert _read(tmp_path / "out.csv")[0]["nama"] == "René"


def test_cli_summary_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path / "in.csv", "sex,age_days,weight_kg\n1,100,6.1\nZ,100,6.1\n")
    assert main_zscore([str(good), str(tmp_path / "out.csv")]) == 0
    assert capsys.readouterr().out.strip() == "Selesai: 2 baris, 1 galat"

    assert main_zscore([str(tmp_path / "missing.csv"), str(tmp_path / "o.csv")]) == 2
    assert "missing.csv" in capsys.readouterr().err

    no_sex = _write(tmp_path / "nosex.csv", "age_days,weight_kg\n100,6.1\n")
    assert main_zscore([str(no_sex), str(tmp_path / "o.csv")]) == 2
    assert "sex" in capsys.readouterr().err

    no_age = _write(tmp_path / "noage.csv", "sex,birth_date,weight_kg\n1,2024-01-01,6.1\n")
    assert main_zscore([str(no_age), str(tmp_path / "o.csv")]) == 2

    assert main_zscore([str(good), str(tmp_path / "no-such-dir" / "out.csv")]) == 2
    assert main_zscore([]) == 2  # argparse usage error
