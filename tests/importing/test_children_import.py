"""Importing a district's children list from a real .xlsx: what is stored, what is refused
(row numbers and reasons), what is created, and that a refused import stores nothing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from desktop_app.children.service import ChildForm, register_child
from desktop_app.db.models import Child, Desa, Kecamatan, Posyandu
from desktop_app.importing import import_file
from desktop_app.settings.wilayah import create_desa, create_kecamatan, create_posyandu
from tests.importing.sheets import kk, nik, table_counts, write_sheet

HEADER = ["NO", "NAMA BALITA", "NIK ANAK", "NO. KK", "L/P", "TGL. LAHIR", "NAMA IBU",
          "KECAMATAN", "DESA/KELURAHAN", "POSYANDU", "BERAT LAHIR (KG)"]  # fmt: skip
TITLES = ("DATA BALITA STUNTING DAN BERISIKO STUNTING", "KABUPATEN BELITUNG - OKTOBER 2026")
# Title rows 1-2, a blank row 3, the header on row 4: data starts at row 5.
B1, B2, B3, B4, B5 = (date(2023, 1, 5), date(2024, 8, 5), date(2024, 1, 5), date(2023, 3, 17),
                      date(2025, 2, 10))  # fmt: skip
EXISTING_BORN = date(2024, 6, 1)


def district_rows() -> list[list[object]]:
    return [
        # 5: NIK as a numeric cell (exact), names in capitals with stray spaces, date cell
        [1, "  SITI   AMINAH ", int(nik(B1, "P", 1)), kk(1), "P", datetime(2023, 1, 5),
         " NURHAYATI ", "KEC. TANJUNGPANDAN", "Desa Air Saga", "Posyandu MELATI", "2,8"],
        # 6: Excel serial date, Laki-laki, NIK as text
        [2, "Ahmad Fauzi", nik(B2, "L", 2), kk(2), "Laki-laki", 45509, "Dewi", "Tanjung Pandan",
         "Air Saga", "Melati", 3.1],
        # 7: scientific notation NIK -> refused
        [3, "BUDI", "3.27101E+15", kk(3), "L", "05/01/2024", "Sari", "Tanjung Pandan",
         "Air Saga", "Melati", None],
        # 8: unknown kecamatan/desa/posyandu -> created; Indonesian month name
        [4, "Rina", nik(B4, "P", 4), kk(4), "Perempuan", "17 Maret 2023", "Wati", "Membalong",
         "Kelurahan Lassar", "Anggrek", None],
        # 9: dd-Mon-yyyy with English abbreviation, no NIK but KK
        [5, "Dedi", None, kk(5), "L", "10-Feb-2025", "Yuli", "Membalong", "Lassar", None, None],
        # 10: impossible date and a bad sex value
        [6, "Eka", None, kk(6), "X", "31/02/2024", "Ani", None, None, None, None],
        # 11: the same NIK as row 6
        [7, "Ahmad F.", nik(B2, "L", 2), kk(7), "L", "05/08/2024", "Dewi", None, "Air Saga",
         None, None],
        # 12: already registered in the database (same NIK)
        [8, "Lama", nik(EXISTING_BORN, "L", 9), kk(8), "L", "01/06/2024", "Ibu Lama", None,
         None, None, None],
    ]  # fmt: skip


@pytest.fixture
def district(session):
    kec = create_kecamatan(session, name="Tanjung Pandan")
    desa = create_desa(session, kecamatan_id=kec.id, name="Air Saga")
    create_posyandu(session, desa_id=desa.id, name="Melati")
    register_child(session, form=ChildForm(
        name="Lama", nik=nik(EXISTING_BORN, "L", 9), sex="L", birth_date=EXISTING_BORN,
        mother_name="Ibu Lama"))  # fmt: skip
    session.commit()
    return kec


def test_preview_lists_every_row_with_number_status_and_reason(session, district, tmp_path):
    path = write_sheet(tmp_path / "balita.xlsx", HEADER, district_rows(), titles=TITLES,
                       trailing_blank_rows=5)  # fmt: skip
    result = import_file(session, kind="children", path=path, dry_run=True)
    statuses = {row.row: row.status for row in result.rows}
    assert statuses == {5: "ok", 6: "ok", 7: "rejected", 8: "ok", 9: "ok", 10: "rejected",
                        11: "duplicate", 12: "duplicate"}  # fmt: skip
    reasons = {row.row: row.reasons for row in result.rows}
    assert reasons[7] == (
        "Kolom NIK ANAK: NIK tertulis dalam format ilmiah (3.27101E+15) sehingga digitnya "
        "hilang; format kolom sebagai Teks lalu ketik ulang",
    )
    assert reasons[10] == (
        "Kolom L/P: X bukan jenis kelamin (isi L atau P, Laki-laki atau Perempuan)",
        "Kolom TGL. LAHIR: tanggal 31/02/2024 tidak ada di kalender (tulis hari/bulan/tahun)",
    )
    assert reasons[11] == ("Sama dengan baris 6 di berkas ini (NIK sama)",)
    assert reasons[12] == (
        "Kolom NIK ANAK: NIK ini sudah terdaftar atas nama Lama (lahir 1 Juni 2024). Satu NIK "
        "hanya untuk satu anak: buka data yang ada, atau periksa lagi NIK yang diketik.",
    )
    assert result.created_areas == (
        "Kecamatan Membalong",
        "Kelurahan Lassar (Kecamatan Membalong)",
        "Posyandu Anggrek (Kelurahan Lassar)",
    )
    assert (result.imported, result.rejected, result.written) == (0, 4, False)
    assert result.header_row == 4


def test_all_or_nothing_one_bad_row_writes_nothing(database, district, tmp_path):
    path = write_sheet(tmp_path / "balita.xlsx", HEADER, district_rows(), titles=TITLES)
    before = table_counts(database)
    with database.sessions() as session:
        result = import_file(session, kind="children", path=path)
        session.commit()
    assert (result.imported, result.rejected, result.written) == (0, 4, False)
    assert table_counts(database) == before


def test_valid_only_writes_exactly_the_good_rows(database, district, tmp_path):
    path = write_sheet(tmp_path / "balita.xlsx", HEADER, district_rows(), titles=TITLES,
                       trailing_blank_rows=3)  # fmt: skip
    before = table_counts(database)
    with database.sessions() as session:
        result = import_file(session, kind="children", path=path, valid_only=True)
        session.commit()
    assert (result.imported, result.rejected, result.written) == (4, 4, True)
    after = table_counts(database)
    assert after["children"] == before["children"] + 4
    assert (after["kecamatan"], after["desa"], after["posyandu"]) == (2, 2, 2)
    with database.sessions() as session:
        children = {c.name: c for c in session.scalars(select(Child))}
        assert set(children) == {"Lama", "Siti Aminah", "Ahmad Fauzi", "Rina", "Dedi"}
        siti = children["Siti Aminah"]
        assert (siti.nik, siti.sex, siti.birth_date, siti.mother_name, siti.birth_weight_kg) == (
            nik(B1, "P", 1),
            "P",
            B1,
            "Nurhayati",
            2.8,
        )
        assert children["Ahmad Fauzi"].birth_date == B2  # serial 45509
        assert children["Rina"].birth_date == B4
        assert (children["Dedi"].nik, children["Dedi"].birth_date) == (None, B5)
        melati = session.scalars(select(Posyandu).where(Posyandu.name == "Melati")).one()
        assert siti.posyandu_id == melati.id and siti.desa_id == melati.desa_id
        lassar = session.scalars(select(Desa).where(Desa.name == "Lassar")).one()
        assert lassar.kind == "kelurahan"
        assert children["Dedi"].desa_id == lassar.id and children["Dedi"].posyandu_id is None
        anggrek = session.scalars(select(Posyandu).where(Posyandu.name == "Anggrek")).one()
        assert children["Rina"].posyandu_id == anggrek.id and anggrek.desa_id == lassar.id
        membalong = session.scalars(select(Kecamatan).where(Kecamatan.name == "Membalong")).one()
        assert lassar.kecamatan_id == membalong.id


def test_clean_file_imports_everything(database, district, tmp_path):
    good = [r for r in district_rows() if r[0] in (1, 2, 4, 5)]
    path = write_sheet(tmp_path / "balita.xlsx", HEADER, good, titles=TITLES)
    with database.sessions() as session:
        result = import_file(session, kind="children", path=path)
        session.commit()
    assert (result.imported, result.rejected, result.written) == (4, 0, True)
    assert table_counts(database)["children"] == 5


def test_second_import_of_the_same_file_finds_every_row_duplicate(database, district, tmp_path):
    good = [r for r in district_rows() if r[0] in (1, 2, 4, 5)]
    path = write_sheet(tmp_path / "balita.xlsx", HEADER, good, titles=TITLES)
    for _ in range(2):
        with database.sessions() as session:
            result = import_file(session, kind="children", path=path)
            session.commit()
    assert [r.status for r in result.rows] == ["duplicate"] * 4
    assert result.rows[3].reasons == (
        "Kemungkinan anak ini sudah terdaftar: Dedi (lahir 10 Februari 2025, Nama, tanggal "
        "lahir dan nama ibu sama)",
    )
    assert table_counts(database)["children"] == 5


def test_a_failed_import_leaves_earlier_work_of_the_transaction_alone(session, district, tmp_path):
    """The import's savepoint rolls back only its own writes, never the caller's."""
    kec = create_kecamatan(session, name="Badau")
    path = write_sheet(tmp_path / "balita.xlsx", HEADER, district_rows(), titles=TITLES)
    import_file(session, kind="children", path=path)
    session.commit()
    assert session.get(Kecamatan, kec.id) is not None
    assert session.scalar(select(Child).where(Child.name == "Siti Aminah")) is None


def test_csv_with_semicolons_cp1252_and_header_variants(database, district, tmp_path):
    born = date(2024, 5, 2)
    text = (
        "Nama;NIK;JK;Tanggal Lahir;Nama Orang Tua;Desa;Status\r\n"
        f"JOSÉ  RAMOS;{nik(born, 'L', 11)};L;2/5/24;Maria;Air Saga;STUNTING\r\n"
        ";;;;;;\r\n"
    )
    path = tmp_path / "anak.csv"
    path.write_bytes(text.encode("cp1252"))
    with database.sessions() as session:
        result = import_file(session, kind="children", path=path)
        session.commit()
        child = session.scalars(select(Child).where(Child.nik == nik(born, "L", 11))).one()
    assert (result.imported, result.rejected) == (1, 0)
    assert (child.name, child.birth_date, child.mother_name, child.enrolment_status) == (
        "José Ramos",
        born,
        "Maria",
        "stunting",
    )


def test_pre_numbered_blank_rows_are_not_data(session, district, tmp_path):
    rows = [[1, "Siti", None, kk(1), "P", "01/02/2025", "Nur"], [2], [3], [4, None, " "]]
    path = write_sheet(tmp_path / "bernomor.xlsx", HEADER[:7], rows)
    result = import_file(session, kind="children", path=path)
    assert [(r.row, r.status) for r in result.rows] == [(2, "ok")]


def test_progress_reported_every_200_rows(session, district, tmp_path):
    rows = [[i, f"Anak {i}", None, kk(100 + i), "L", "01/02/2025", f"Ibu {i}"]
            for i in range(450)]  # fmt: skip
    path = write_sheet(tmp_path / "banyak.xlsx", HEADER[:7], rows)
    calls: list[tuple[int, int, str]] = []
    result = import_file(session, kind="children", path=path, progress=lambda *a: calls.append(a))
    assert result.imported == 450
    saved = [(done, total) for done, total, label in calls if label == "Menyimpan baris"]
    assert saved == [(200, 450), (400, 450), (450, 450)]


def test_cancel_or_crash_half_way_keeps_nothing(database, district, tmp_path, monkeypatch):
    """Batal in the progress dialog (``Cancelled`` from ``progress``) or an unexpected error
    while writing rolls the import's savepoint back; the caller's own earlier work survives."""
    from desktop_app.core.progress import Cancelled
    from desktop_app.importing.children import ChildImporter

    rows = [[i, f"Anak {i}", None, kk(300 + i), "L", "01/02/2025", f"Ibu {i}"] for i in range(450)]
    path = write_sheet(tmp_path / "banyak.xlsx", HEADER[:7], rows)
    before = table_counts(database)

    def cancel_at_400(done: int, total: int, label: str) -> None:
        if label == "Menyimpan baris" and done >= 400:
            raise Cancelled()

    with database.sessions() as session:
        badau = create_kecamatan(session, name="Badau")
        with pytest.raises(Cancelled):
            import_file(session, kind="children", path=path, progress=cancel_at_400)
        session.commit()
    after = table_counts(database)
    assert after["children"] == before["children"] and after["kecamatan"] == before["kecamatan"] + 1

    written = []
    original = ChildImporter.write

    def crash_on_300th(self, row):
        written.append(row.number)
        if len(written) == 300:
            raise RuntimeError("disk penuh")
        original(self, row)

    monkeypatch.setattr(ChildImporter, "write", crash_on_300th)
    with database.sessions() as session, pytest.raises(RuntimeError):
        import_file(session, kind="children", path=path, valid_only=True)
        session.commit()
    assert table_counts(database)["children"] == before["children"]
    with database.sessions() as session:
        assert session.get(Kecamatan, badau.id) is not None


def test_a_nik_already_registered_or_twice_in_the_file_is_never_written(
    database, district, tmp_path
):
    """Row 11 repeats row 6's NIK and row 12 holds a registered child's NIK, under other
    names: importing the valid rows writes neither, and no NIK is held twice."""
    path = write_sheet(tmp_path / "balita.xlsx", HEADER, district_rows(), titles=TITLES)
    with database.sessions() as session:
        result = import_file(session, kind="children", path=path, valid_only=True)
        session.commit()
    refused = {row.row: row.status for row in result.rows if row.status != "ok"}
    assert refused[11] == refused[12] == "duplicate"
    with database.sessions() as session:
        niks = [n for n in session.scalars(select(Child.nik)) if n]
    assert len(niks) == len(set(niks))
    assert niks.count(nik(EXISTING_BORN, "L", 9)) == 1
