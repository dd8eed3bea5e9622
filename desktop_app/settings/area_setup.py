"""Fill the wilayah of one kabupaten/kota from the official Kemendagri list, in one transaction.

The first-run wizard calls :func:`load_district_areas` with the chosen kabupaten; every kecamatan
and desa/kelurahan is added with its Kemendagri code and kind. Places already registered (typed
by hand or brought by an import) are matched by code, then by name without case, prefixes or
spaces (the import's rule, :func:`desktop_app.importing.areas.place_key`); they keep their id
(children linked to them stay linked) and take the official code and spelling ("KEC. MEMBALONG"
becomes "Membalong"), so running the load again adds nothing. Posyandu named in the wizard
are added under their desa in the same transaction.

Rows are added in bulk rather than through ``create_desa`` one by one: the official list has
already been checked, and the largest kabupaten (Aceh Utara, 852 desa) must load in about a
second. Any thread; the caller commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core import kemendagri
from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import FieldError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.records import FieldErrors
from desktop_app.db.models import Desa, Kecamatan
from desktop_app.importing.areas import place_key
from desktop_app.settings.store import update_settings
from desktop_app.settings.wilayah import DESA_KINDS, create_posyandu

__all__ = [
    "AreaLoadResult",
    "PosyanduEntry",
    "check_regency",
    "fill_district_from_list",
    "load_district_areas",
]


@dataclass(frozen=True)
class PosyanduEntry:
    """A posyandu named in the wizard, under the desa with Kemendagri code ``desa_code``."""

    desa_code: str
    name: str


@dataclass(frozen=True)
class AreaLoadResult:
    regency_code: str
    regency_name: str
    kecamatan_added: int
    kecamatan_matched: int
    desa_added: int
    desa_matched: int
    posyandu_added: int


def check_regency(errors: FieldErrors, province_code: str, regency_code: str) -> None:
    """Refuse a missing or unknown province/kabupaten under the wizard's fields."""
    if not province_code:
        errors.add("province_code", _("Pilih provinsi dari daftar"))
    elif kemendagri.province(province_code) is None:
        errors.add("province_code", _("Provinsi tidak ada dalam daftar Kemendagri"))
    found = kemendagri.regency(regency_code) if regency_code else None
    if not regency_code:
        errors.add("regency_code", _("Pilih kabupaten/kota dari daftar"))
    elif found is None or (province_code and found.parent_code != province_code):
        errors.add("regency_code", _("Kabupaten/kota tidak ada di provinsi yang dipilih"))


def _unique_name(taken: set[str], name: str, kind: str, code: str) -> str:
    """``name``, or with its kind or code appended when the kecamatan already has one: the
    official list has a few desa and kelurahan of one name in one kecamatan."""
    for candidate in (name, f"{name} ({_(DESA_KINDS[kind])})", f"{name} ({code})"):
        if candidate.casefold() not in taken:
            taken.add(candidate.casefold())
            return candidate
    raise AssertionError(code)  # a code is unique in the list


@writes(Changes.WILAYAH)
def load_district_areas(
    session: Session, *, regency_code: str, posyandu: Sequence[PosyanduEntry] = ()
) -> AreaLoadResult:
    """Add (or match) every kecamatan and desa/kelurahan of ``regency_code`` (``19.02``) and the
    given posyandu. Raises ValidationError for an unknown code or a bad posyandu name."""
    regency = kemendagri.regency(regency_code)
    if regency is None:
        message = _("Kabupaten/kota tidak ada dalam daftar Kemendagri")
        raise ValidationError([FieldError("regency_code", message)])
    live_kec = list(session.scalars(select(Kecamatan).where(Kecamatan.deleted_at.is_(None))))
    by_code = {k.code: k for k in live_kec if k.code}
    by_key = {place_key("kecamatan", k.name): k for k in live_kec}
    kecamatan_ids: dict[str, uuid.UUID] = {}
    added_kec = matched_kec = 0
    for area in kemendagri.districts_of(regency_code):
        row = by_code.get(area.code) or by_key.get(place_key("kecamatan", area.name))
        if row is None:
            row = Kecamatan(id=uuid.uuid4(), name=area.name, code=area.code)
            session.add(row)
            added_kec += 1
        else:
            row.code, row.name, matched_kec = area.code, area.name, matched_kec + 1
        kecamatan_ids[area.code] = row.id
    session.flush()
    live_desa = list(
        session.scalars(
            select(Desa).where(
                Desa.deleted_at.is_(None), Desa.kecamatan_id.in_(kecamatan_ids.values())
            )
        )
    )
    desa_by_code = {d.code: d for d in live_desa if d.code}
    desa_by_key = {(d.kecamatan_id, place_key("desa", d.name)): d for d in live_desa}
    taken: dict[uuid.UUID, set[str]] = {}
    for d in live_desa:
        taken.setdefault(d.kecamatan_id, set()).add(d.name.casefold())
    desa_ids: dict[str, uuid.UUID] = {}
    added_desa = matched_desa = 0
    for village in kemendagri.villages_of(regency_code):
        parent = kecamatan_ids.get(village.district_code)
        if parent is None:  # a village of a kecamatan missing from the list: none in 3.1.2
            continue
        found = desa_by_code.get(village.code) or desa_by_key.get(
            (parent, place_key("desa", village.name))
        )
        if found is not None and (found.code in (None, village.code)):
            found.code, found.kind = village.code, village.kind
            if found.name.casefold() != village.name.casefold():
                siblings = taken.setdefault(parent, set())
                siblings.discard(found.name.casefold())
                found.name = _unique_name(siblings, village.name, village.kind, village.code)
            desa_ids[village.code], matched_desa = found.id, matched_desa + 1
            continue
        name = _unique_name(
            taken.setdefault(parent, set()), village.name, village.kind, village.code
        )
        desa = Desa(
            id=uuid.uuid4(), kecamatan_id=parent, name=name, kind=village.kind, code=village.code
        )
        session.add(desa)
        desa_ids[village.code], added_desa = desa.id, added_desa + 1
    session.flush()
    for entry in posyandu:
        desa_id = desa_ids.get(entry.desa_code)
        if desa_id is None:
            message = _("Desa posyandu {name} tidak ada di kabupaten ini").format(name=entry.name)
            raise ValidationError([FieldError("posyandu", message)])
        try:
            create_posyandu(session, desa_id=desa_id, name=entry.name)
        except ValidationError as refused:  # shown under the wizard's posyandu list
            raise ValidationError(
                [FieldError("posyandu", e.message) for e in refused.errors]
            ) from None
    return AreaLoadResult(
        regency_code, regency.name, added_kec, matched_kec, added_desa, matched_desa, len(posyandu)
    )


@writes(Changes.WILAYAH | Changes.SETTINGS)
def fill_district_from_list(
    session: Session, *, province_code: str, regency_code: str
) -> AreaLoadResult:
    """Pengaturan > Wilayah, "Isi dari daftar Kemendagri": the first-run load for a database set
    up before the list shipped (or set up without it). Places already there are matched, not
    doubled; the chosen codes are kept in the settings for the NIK hint."""
    errors = FieldErrors()
    check_regency(errors, province_code, regency_code)
    errors.raise_if_any()
    result = load_district_areas(session, regency_code=regency_code)
    update_settings(session, province_code=province_code, regency_code=regency_code)
    return result
