"""The one text rule at the domain boundary: NFC, and control or invisible format characters
refused with a message naming the field, in every form and import row."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from desktop_app.children.service import get_child, register_child
from desktop_app.core.errors import ValidationError
from desktop_app.db.models import Kecamatan
from desktop_app.guardians.service import register_guardian
from desktop_app.importing import import_file
from desktop_app.settings.district import GeneralSettingsForm, update_general_settings
from desktop_app.settings.opd import create_opd
from desktop_app.sync.files import apply_sync_file
from desktop_app.validation import collapse_spaces, normalise_name, text_problem
from tests.domain.conftest import TODAY, asn_form, child_form

HIDDEN = {"\x07": "U+0007", "\u202e": "U+202E", "\u200b": "U+200B", "\ufeff": "U+FEFF",
          "\u2066": "U+2066", "\x85": None}  # fmt: skip


@pytest.mark.parametrize("char", list(HIDDEN))
@pytest.mark.parametrize(
    ("field", "label"),
    [("name", "Nama anak"), ("mother_name", "Nama ibu"), ("address", "Alamat")],
)
def test_child_form_refuses_hidden_characters_naming_the_field(session, char, field, label):
    code = HIDDEN[char]
    if code is None:  # NEL is whitespace: collapsed to a space, harmless
        record = register_child(session, form=child_form(**{field: f"Budi{char}Santoso"}),
                                today=TODAY)  # fmt: skip
        assert getattr(get_child(session, child_id=record.id, today=TODAY), field) == (
            "Budi Santoso"
        )
        return
    with pytest.raises(ValidationError) as caught:
        register_child(session, form=child_form(**{field: f"Budi{char}Santoso"}), today=TODAY)
    assert caught.value.for_field(field) == (
        f"{label} berisi karakter tersembunyi atau karakter kendali ({code}); "
        "hapus karakter itu lalu ketik ulang"
    )


def test_guardian_name_with_a_right_to_left_override_is_refused(session):
    opd = create_opd(session, code="DINKES", name="Dinas Kesehatan")
    with pytest.raises(ValidationError) as caught:
        register_guardian(session, form=asn_form(opd.id, name="Andi\u202eWijaya"), today=TODAY)
    assert "U+202E" in (caught.value.for_field("name") or "")


def test_names_are_stored_in_nfc(session):
    decomposed = "Rene\u0301 Aminah"
    assert normalise_name(decomposed) == "Ren\u00e9 Aminah"
    record = register_child(session, form=child_form(name=decomposed), today=TODAY)
    assert get_child(session, child_id=record.id, today=TODAY).name == "Ren\u00e9 Aminah"


def test_multi_line_fields_keep_line_breaks_but_not_controls():
    assert text_problem("Timbang ulang\n\tminggu depan", "Catatan", multiline=True) is None
    assert text_problem("a\nb", "Nama anak") is not None
    assert "U+0007" in (text_problem("a\x07", "Catatan", multiline=True) or "")
    assert collapse_spaces(" a\r\n b ") == "a b"


def test_csv_import_refuses_a_name_with_a_bell(database, tmp_path):
    path = tmp_path / "anak.csv"
    path.write_text(
        "Nama anak;NIK;No. KK;Jenis kelamin;Tanggal lahir;Kecamatan;Desa/Kelurahan\n"
        "Budi\x07Santoso;;1902010101200001;L;05/01/2024;Tanjungpandan;Air Saga\n",
        encoding="utf-8",
    )
    with database.sessions() as session:
        result = import_file(session, kind="children", path=path, dry_run=True)
    assert [r.status for r in result.rows] == ["rejected"]
    assert any("U+0007" in reason for reason in result.rows[0].reasons), result.rows[0].reasons


def test_a_sync_file_row_with_hidden_characters_is_refused(session):
    row = {"id": str(uuid.uuid4()), "name": "Tanjung\u202epandan",
           "created_at": "2026-12-01T00:00:00", "updated_at": "2026-12-01T00:00:00"}  # fmt: skip
    rows = {"kecamatan": [{"row": row, "fields": None, "base": None}]}
    summary = apply_sync_file(session, manifest={}, tables=rows, name="x.asuhsync")
    assert summary.applied == 0
    [reason] = summary.refused
    assert "karakter tersembunyi" in reason and "U+202E" in reason
    assert session.scalar(select(func.count()).select_from(Kecamatan)) == 0


def test_district_signatory_with_a_zero_width_space_is_refused(session):
    form = GeneralSettingsForm(district_name="Kota Kupang", programme_label="OTA",
                               head_name="Ir.\u200bSuharto", prepared_by="Ani\x07")  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        update_general_settings(session, form=form)
    assert "Nama penandatangan berisi" in (caught.value.for_field("head_name") or "")
    assert "Disiapkan oleh berisi" in (caught.value.for_field("prepared_by") or "")
