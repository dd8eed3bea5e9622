"""Wilayah: kecamatan -> desa/kelurahan -> posyandu, as pick lists and a small editor.

Every level is an ``AreaRecord`` so one tree or combo widget shows them all. Names must be unique
under the same parent (two "Sukamaju" in one kecamatan would make forms ambiguous), compared
without case and extra spaces. Services flush, never commit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.changes import Changes, writes
from desktop_app.core.errors import NotFoundError
from desktop_app.core.i18n import N_, _
from desktop_app.core.records import FieldErrors, get_live, name_taken
from desktop_app.db.models import Desa, Kecamatan, Posyandu
from desktop_app.validation import collapse_spaces

__all__ = [
    "AREA_KINDS",
    "DESA_KINDS",
    "AreaRecord",
    "create_desa",
    "create_kecamatan",
    "create_posyandu",
    "list_desa",
    "list_kecamatan",
    "list_posyandu",
    "rename_area",
]

DESA_KINDS = {"desa": N_("Desa"), "kelurahan": N_("Kelurahan")}
AREA_KINDS = {"kecamatan": N_("Kecamatan"), **DESA_KINDS, "posyandu": N_("Posyandu")}
_NAME_MAX = 100
_CODE_MAX = 20


@dataclass(frozen=True)
class AreaRecord:
    """A kecamatan (``parent_id`` None), desa/kelurahan (parent: kecamatan) or posyandu
    (parent: desa)."""

    id: uuid.UUID
    name: str
    parent_id: uuid.UUID | None
    kind: str  # kecamatan | desa | kelurahan | posyandu
    code: str = ""  # Kemendagri code (19.02.01, 19.02.01.2010); "" for posyandu or none known


def _record(row: Kecamatan | Desa | Posyandu) -> AreaRecord:
    if isinstance(row, Kecamatan):
        return AreaRecord(row.id, row.name, None, "kecamatan", row.code or "")
    if isinstance(row, Desa):
        return AreaRecord(row.id, row.name, row.kecamatan_id, row.kind, row.code or "")
    return AreaRecord(row.id, row.name, row.desa_id, "posyandu")


#: The model of one level of the area tree.
AreaModel = type[Kecamatan] | type[Desa] | type[Posyandu]


def _sibling_filter(row_type: AreaModel, parent_id: uuid.UUID | None) -> tuple[Any, ...]:
    if row_type is Desa:
        return (Desa.kecamatan_id == parent_id,)
    if row_type is Posyandu:
        return (Posyandu.desa_id == parent_id,)
    return ()


def _clean_name(
    session: Session,
    row_type: AreaModel,
    name: str,
    parent_id: uuid.UUID | None,
    exclude_id: uuid.UUID | None = None,
    code: str | None = None,
) -> str:
    name = collapse_spaces(name)
    errors = FieldErrors()
    if not name:
        errors.add("name", _("Nama wilayah wajib diisi"))
    errors.check_text("name", name, _NAME_MAX, _("Nama wilayah"))
    errors.check_text("code", collapse_spaces(code), _CODE_MAX, _("Kode wilayah"))
    where = _sibling_filter(row_type, parent_id)
    if name and name_taken(session, row_type.name, name, where=where, exclude_id=exclude_id):
        errors.add("name", _("Nama {name} sudah ada di wilayah yang sama").format(name=name))
    errors.raise_if_any()
    return name


@writes(Changes.WILAYAH)
def create_kecamatan(session: Session, *, name: str, code: str | None = None) -> AreaRecord:
    row = Kecamatan(name=_clean_name(session, Kecamatan, name, None, code=code))
    row.code = collapse_spaces(code) or None
    session.add(row)
    session.flush()
    return _record(row)


@writes(Changes.WILAYAH)
def create_desa(
    session: Session,
    *,
    kecamatan_id: uuid.UUID,
    name: str,
    kind: str = "desa",
    code: str | None = None,
) -> AreaRecord:
    """Add a desa or kelurahan (``kind``) to a live kecamatan."""
    get_live(session, Kecamatan, kecamatan_id, _("Kecamatan"))
    if kind not in DESA_KINDS:
        errors = FieldErrors()
        errors.add("kind", _("Jenis wilayah harus desa atau kelurahan"))
        errors.raise_if_any()
    clean = _clean_name(session, Desa, name, kecamatan_id, code=code)
    row = Desa(kecamatan_id=kecamatan_id, name=clean, kind=kind, code=collapse_spaces(code) or None)
    session.add(row)
    session.flush()
    return _record(row)


@writes(Changes.WILAYAH)
def create_posyandu(session: Session, *, desa_id: uuid.UUID, name: str) -> AreaRecord:
    get_live(session, Desa, desa_id, _("Desa/kelurahan"))
    row = Posyandu(desa_id=desa_id, name=_clean_name(session, Posyandu, name, desa_id))
    session.add(row)
    session.flush()
    return _record(row)


_KIND_TYPES: dict[str, tuple[type, ...]] = {
    "kecamatan": (Kecamatan,),
    "desa": (Desa,),
    "kelurahan": (Desa,),
    "posyandu": (Posyandu,),
}


def _find_area(
    session: Session, area_id: uuid.UUID, kind: str | None
) -> Kecamatan | Desa | Posyandu:
    for row_type in _KIND_TYPES.get(kind or "", (Kecamatan, Desa, Posyandu)):
        row = session.get(row_type, area_id)
        if row is not None and row.deleted_at is None:
            return row
    raise NotFoundError(_("Wilayah tidak ditemukan (mungkin sudah dihapus)"))


@writes(Changes.WILAYAH)
def rename_area(
    session: Session, *, area_id: uuid.UUID, name: str, kind: str | None = None
) -> AreaRecord:
    """Rename a kecamatan, desa/kelurahan or posyandu (``kind`` optional: ids are unique)."""
    row = _find_area(session, area_id, kind)
    parent = _record(row).parent_id
    row.name = _clean_name(session, type(row), name, parent, exclude_id=row.id)
    session.flush()
    return _record(row)


def list_kecamatan(session: Session) -> list[AreaRecord]:
    query = select(Kecamatan).where(Kecamatan.deleted_at.is_(None)).order_by(Kecamatan.name)
    return [_record(row) for row in session.scalars(query)]


def list_desa(session: Session, *, kecamatan_id: uuid.UUID | None = None) -> list[AreaRecord]:
    """Live desa/kelurahan (of one kecamatan if given) sorted by name."""
    query = select(Desa).where(Desa.deleted_at.is_(None)).order_by(Desa.name)
    if kecamatan_id is not None:
        query = query.where(Desa.kecamatan_id == kecamatan_id)
    return [_record(row) for row in session.scalars(query)]


def list_posyandu(
    session: Session,
    *,
    desa_id: uuid.UUID | None = None,
    kecamatan_id: uuid.UUID | None = None,
) -> list[AreaRecord]:
    """Live posyandu of a desa, or of every desa of a kecamatan, or all; sorted by name."""
    query = (
        select(Posyandu)
        .join(Desa, Desa.id == Posyandu.desa_id)
        .where(Posyandu.deleted_at.is_(None), Desa.deleted_at.is_(None))
        .order_by(Posyandu.name)
    )
    if desa_id is not None:
        query = query.where(Posyandu.desa_id == desa_id)
    if kecamatan_id is not None:
        query = query.where(Desa.kecamatan_id == kecamatan_id)
    return [_record(row) for row in session.scalars(query)]
