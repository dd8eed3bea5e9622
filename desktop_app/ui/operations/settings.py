"""Writes on the settings: district and general settings, OPD, programmes, areas, KBM table."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import UUID

from desktop_app.settings import area_setup, district, kbm, opd, programmes, store, wilayah
from desktop_app.settings.district import FirstRunForm, GeneralSettingsForm
from desktop_app.ui.operations.build import operation
from desktop_app.ui.ops import Operation


def fill_district_from_list(*, province_code: str, regency_code: str) -> Operation:
    return operation(
        area_setup.fill_district_from_list, province_code=province_code, regency_code=regency_code
    )


def complete_first_run(*, form: FirstRunForm) -> Operation:
    return operation(district.complete_first_run, form=form)


def update_general_settings(*, form: GeneralSettingsForm) -> Operation:
    return operation(district.update_general_settings, form=form)


def update_settings(**values: Any) -> Operation:
    """Store the named settings (``backup_dir=...``, ``keep_daily=...``)."""
    return operation(store.update_settings, **values)


def update_kbm_rows(*, rows: Iterable[tuple[int, int]]) -> Operation:
    return operation(kbm.update_kbm_rows, rows=rows)


def create_opd(*, code: str, name: str) -> Operation:
    return operation(opd.create_opd, code=code, name=name)


def update_opd(*, opd_id: UUID, code: str, name: str) -> Operation:
    return operation(opd.update_opd, opd_id=opd_id, code=code, name=name)


def delete_opd(*, opd_id: UUID) -> Operation:
    return operation(opd.delete_opd, opd_id=opd_id)


def create_programme(
    *,
    name: str,
    start_month: date | None,
    end_month: date | None,
    monthly_aid: int | None,
    visit_target_per_month: int | None,
) -> Operation:
    return operation(
        programmes.create_programme,
        name=name,
        start_month=start_month,
        end_month=end_month,
        monthly_aid=monthly_aid,
        visit_target_per_month=visit_target_per_month,
    )


def update_programme(*, programme_id: UUID, active: bool, **fields: Any) -> Operation:
    """``fields``: what :func:`create_programme` takes (name, months, aid, visit target)."""
    return operation(
        programmes.update_programme, programme_id=programme_id, active=active, **fields
    )


def create_kecamatan(*, name: str) -> Operation:
    return operation(wilayah.create_kecamatan, name=name)


def create_desa(*, kecamatan_id: UUID, name: str, kind: str) -> Operation:
    return operation(wilayah.create_desa, kecamatan_id=kecamatan_id, name=name, kind=kind)


def create_posyandu(*, desa_id: UUID, name: str) -> Operation:
    return operation(wilayah.create_posyandu, desa_id=desa_id, name=name)


def rename_area(*, area_id: UUID, name: str) -> Operation:
    return operation(wilayah.rename_area, area_id=area_id, name=name)
