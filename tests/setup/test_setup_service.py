"""complete_first_run / update_general_settings: one validation, nothing saved on bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.core.errors import ValidationError
from desktop_app.db.models import Programme
from desktop_app.settings.district import (
    FirstRunForm,
    GeneralSettingsForm,
    complete_first_run,
    update_general_settings,
)
from desktop_app.settings.store import get_settings
from desktop_app.validation import make_nip

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def first_run(**changes) -> FirstRunForm:
    values = dict(
        district_name="Kabupaten  Sumba Barat",
        coordinating_office="DPPKBPMD",
        province_code="53",
        regency_code="53.12",
        programme_name="Orang Tua Asuh 2026",
        start_month=date(2026, 1, 15),
        end_month=date(2026, 12, 1),
        monthly_aid=450_000,
        visit_target_per_month=2,
        head_title="Kepala Dinas",
        head_name="Maria Lero",
        prepared_by="Yohanes",
    )
    values.update(changes)
    return FirstRunForm(**values)


def field_errors(error: ValidationError) -> dict[str, str]:
    return {e.field: e.message for e in error.errors}


def test_first_run_saves_settings_and_the_first_programme(session, isolated_data_dir):
    logo = isolated_data_dir.parent / "pemda.PNG"
    logo.write_bytes(PNG)
    nip = make_nip(
        birth_date=date(1980, 5, 1), appointment_month=date(2005, 3, 1), sex="P", sequence=7
    )
    result = complete_first_run(session, form=first_run(head_nip=nip, logo_file=str(logo)))
    session.commit()
    settings = get_settings(session)
    assert settings.district_name == "Kabupaten Sumba Barat"
    assert settings.programme_label == "Orang Tua Asuh 2026"
    assert settings.default_monthly_aid == 450_000
    assert settings.visit_target_per_month == 2
    assert settings.head_nip == nip
    assert settings.setup_completed is True
    assert Path(settings.logo_path) == (isolated_data_dir / "logo.png").resolve()
    assert Path(settings.logo_path).read_bytes() == PNG
    row = session.scalars(select(Programme)).one()
    assert (row.name, row.start_month, row.end_month) == (
        "Orang Tua Asuh 2026",
        date(2026, 1, 1),
        date(2026, 12, 1),
    )
    assert (row.monthly_aid, row.visit_target_per_month, row.active) == (450_000, 2, True)
    assert result.programme.id == row.id


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"district_name": "  "}, "district_name", "wajib diisi"),
        ({"end_month": date(2025, 12, 1)}, "end_month", "tidak boleh sebelum"),
        ({"monthly_aid": 0}, "monthly_aid", "lebih dari Rp0"),
        ({"monthly_aid": 100_000_001}, "monthly_aid", "Rp100.000.000"),
        ({"visit_target_per_month": 11}, "visit_target_per_month", "antara 1 dan 10"),
        ({"visit_target_per_month": 0}, "visit_target_per_month", "antara 1 dan 10"),
        ({"head_nip": "12345"}, "head_nip", "NIP"),
        ({"programme_name": ""}, "programme_name", "wajib diisi"),
        ({"logo_file": "/tmp/logo.gif"}, "logo_file", "PNG atau JPG"),
        ({"backup_dir": "relatif/folder"}, "backup_dir", "folder lengkap"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(session, changes, field, words):
    before = get_settings(session)
    with pytest.raises(ValidationError) as caught:
        complete_first_run(session, form=first_run(**changes))
    session.rollback()
    assert words in field_errors(caught.value)[field]
    assert get_settings(session) == before
    assert session.scalar(select(func.count()).select_from(Programme)) == 0


def test_a_file_that_is_not_an_image_is_refused(session, tmp_path):
    fake = tmp_path / "logo.png"
    fake.write_text("bukan gambar")
    with pytest.raises(ValidationError) as caught:
        complete_first_run(session, form=first_run(logo_file=str(fake)))
    assert "bukan gambar" in field_errors(caught.value)["logo_file"]


def test_taken_programme_name_is_reported_under_the_wizard_field(session):
    complete_first_run(session, form=first_run())
    with pytest.raises(ValidationError) as caught:
        complete_first_run(session, form=first_run())
    assert "sudah ada" in field_errors(caught.value)["programme_name"]


def test_general_settings_share_the_district_checks(session):
    form = GeneralSettingsForm(
        district_name="Kota Kupang",
        programme_label="Gerakan Orang Tua Asuh",
        monthly_aid=500_000,
        visit_target_per_month=3,
        language="en",
        idle_lock_minutes=30,
        max_children_per_guardian=4,
    )
    saved = update_general_settings(session, form=form)
    assert (saved.district_name, saved.default_monthly_aid, saved.language) == (
        "Kota Kupang",
        500_000,
        "en",
    )
    assert (saved.idle_lock_minutes, saved.max_children_per_guardian) == (30, 4)
    assert saved.setup_completed is False  # only the wizard completes the setup
    bad = GeneralSettingsForm(
        district_name="",
        monthly_aid=-1,
        visit_target_per_month=3,
        language="fr",
        idle_lock_minutes=241,
        max_children_per_guardian=0,
    )
    with pytest.raises(ValidationError) as caught:
        update_general_settings(session, form=bad)
    assert set(field_errors(caught.value)) == {
        "district_name",
        "programme_label",
        "monthly_aid",
        "language",
        "idle_lock_minutes",
        "max_children_per_guardian",
    }
