"""Matching the wilayah (kecamatan, desa/kelurahan, posyandu) and OPD names typed in a file
to the ones already registered, and creating the unknown ones with the import.

Names are compared on a key without case, punctuation, spaces and the usual prefixes, so
"KEC. TANJUNGPANDAN", "Kecamatan Tanjung Pandan" and "Tanjungpandan" are one kecamatan. A name
not found becomes a :class:`NewPlace` shared by every row that names it; it is created through
the wilayah/OPD services (so their rules and the audit trail apply) only when the first row that
needs it is written. Runs on the DB worker thread in the import's transaction.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.i18n import N_, _
from desktop_app.db.models import Desa, Kecamatan, Opd, Posyandu
from desktop_app.settings.opd import create_opd
from desktop_app.settings.wilayah import create_desa, create_kecamatan, create_posyandu
from desktop_app.validation import collapse_spaces, normalise_name

__all__ = ["AreaBook", "NewPlace", "OpdBook", "PlaceRef", "place_key"]

_PREFIXES = {
    "kecamatan": re.compile(r"^(kecamatan|kec)\b\.?\s*", re.IGNORECASE),
    "desa": re.compile(r"^(desa|kelurahan|kel|ds)\b\.?\s*", re.IGNORECASE),
    "posyandu": re.compile(r"^(posyandu|psy|pos)\b\.?\s*", re.IGNORECASE),
    "opd": re.compile(r"$^"),
}
_KELURAHAN = re.compile(r"^(kelurahan|kel)\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^0-9a-z]+")
_NAME_LIMITS = {"kecamatan": 100, "desa": 100, "posyandu": 100, "opd": 150}
_LABELS = {
    "kecamatan": N_("Kecamatan"),
    "desa": N_("Desa"),
    "posyandu": N_("Posyandu"),
    "opd": "OPD",
}


def _stripped(level: str, text: str) -> str:
    clean = collapse_spaces(text)
    rest = _PREFIXES[level].sub("", clean).strip(" .")
    return rest or clean


def place_key(level: str, text: str) -> str:
    """The comparison key: ``"KEC. Tanjung  Pandan"`` -> ``"tanjungpandan"``."""
    return _NON_WORD.sub("", _stripped(level, text).casefold())


@dataclass(eq=False)
class NewPlace:
    """A place named in the file and not yet registered; ``id`` is set once created."""

    level: str  # kecamatan | desa | posyandu | opd
    name: str
    parent: PlaceRef | None = None
    kind: str = "desa"  # desa | kelurahan (for level "desa")
    code: str = ""  # for level "opd"
    id: uuid.UUID | None = None
    parent_name: str = ""

    @property
    def label(self) -> str:
        if self.level == "opd":
            return _("OPD {name} (kode {code})").format(name=self.name, code=self.code)
        kelurahan = self.level == "desa" and self.kind == "kelurahan"
        text = f"{_('Kelurahan') if kelurahan else _(_LABELS[self.level])} {self.name}"
        return f"{text} ({self.parent_name})" if self.parent_name else text


PlaceRef = uuid.UUID | NewPlace


def _name_problem(level: str, name: str) -> str | None:
    if len(name) > _NAME_LIMITS[level]:
        return _("Nama {level} terlalu panjang (paling banyak {limit} huruf)").format(
            level=_(_LABELS[level]).lower() if level != "opd" else "OPD", limit=_NAME_LIMITS[level]
        )
    return None


@dataclass
class _Index:
    """Places of one level by (parent, key) and by key alone (with their parents)."""

    by_parent: dict[tuple[object, str], PlaceRef] = field(default_factory=dict)
    by_key: dict[str, list[tuple[PlaceRef, object]]] = field(default_factory=dict)
    names: dict[object, str] = field(default_factory=dict)

    def add(self, ref: PlaceRef, parent: object, key: str, name: str) -> None:
        self.by_parent.setdefault((parent, key), ref)
        self.by_key.setdefault(key, []).append((ref, parent))
        self.names[ref] = name


class AreaBook:
    """Kecamatan/desa/posyandu known now plus those the file adds (one per distinct key)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.levels = {level: _Index() for level in ("kecamatan", "desa", "posyandu")}
        self.new: list[NewPlace] = []
        live = Kecamatan.deleted_at.is_(None)
        for row_id, name in session.execute(select(Kecamatan.id, Kecamatan.name).where(live)):
            self.levels["kecamatan"].add(row_id, None, place_key("kecamatan", name), name)
        query = select(Desa.id, Desa.kecamatan_id, Desa.name).where(Desa.deleted_at.is_(None))
        for row_id, parent, name in session.execute(query):
            self.levels["desa"].add(row_id, parent, place_key("desa", name), name)
        query = select(Posyandu.id, Posyandu.desa_id, Posyandu.name).where(
            Posyandu.deleted_at.is_(None)
        )
        for row_id, parent, name in session.execute(query):
            self.levels["posyandu"].add(row_id, parent, place_key("posyandu", name), name)

    def _find_or_add(self, level: str, text: str, parent: PlaceRef | None) -> PlaceRef:
        index, key = self.levels[level], place_key(level, text)
        found = index.by_parent.get((parent, key))
        if found is not None:
            return found
        name = normalise_name(_stripped(level, text))
        kind = "kelurahan" if level == "desa" and _KELURAHAN.match(text.strip()) else "desa"
        parent_name = ""
        if parent is not None:
            parent_level = "kecamatan" if level == "desa" else "desa"
            parent_name = (
                parent.label.split(" (")[0]
                if isinstance(parent, NewPlace)
                else f"{_(_LABELS[parent_level])} {self.levels[parent_level].names[parent]}"
            )
        place = NewPlace(level, name, parent, kind=kind, parent_name=parent_name)
        index.add(place, parent, key, name)
        self.new.append(place)
        return place

    def resolve(
        self, kecamatan: str, desa: str, posyandu: str
    ) -> tuple[PlaceRef | None, PlaceRef | None, str | None]:
        """``(desa, posyandu, problem)`` for a row's three cells (any may be empty)."""
        for level, text in (("kecamatan", kecamatan), ("desa", desa), ("posyandu", posyandu)):
            problem = _name_problem(level, _stripped(level, text)) if text else None
            if problem:
                return None, None, problem
        kec_ref = self._find_or_add("kecamatan", kecamatan, None) if kecamatan else None
        desa_ref: PlaceRef | None = None
        if desa and kec_ref is not None:
            desa_ref = self._find_or_add("desa", desa, kec_ref)
        elif desa:
            matches = self.levels["desa"].by_key.get(place_key("desa", desa), [])
            if len(matches) != 1:
                return (
                    None,
                    None,
                    self._ambiguous(_("Desa/kelurahan"), desa, len(matches), "Kecamatan"),
                )
            desa_ref = matches[0][0]
        if not posyandu:
            return desa_ref, None, None
        if desa_ref is not None:
            return desa_ref, self._find_or_add("posyandu", posyandu, desa_ref), None
        matches = self.levels["posyandu"].by_key.get(place_key("posyandu", posyandu), [])
        if len(matches) != 1:
            return (
                None,
                None,
                self._ambiguous(_("Posyandu"), posyandu, len(matches), "Desa/Kelurahan"),
            )
        ref, parent = matches[0]
        return parent, ref, None  # type: ignore[return-value]  # a posyandu's parent: a desa ref

    @staticmethod
    def _ambiguous(what: str, name: str, count: int, column: str) -> str:
        if count:
            return _("{what} {name} ada di lebih dari satu wilayah; isi kolom {column}").format(
                what=what, name=collapse_spaces(name), column=column
            )
        return _("{what} {name} belum terdaftar; isi kolom {column} agar dapat dibuat").format(
            what=what, name=collapse_spaces(name), column=column
        )

    def ensure(self, ref: PlaceRef | None) -> uuid.UUID | None:
        """The id of ``ref``, creating it (and its new parents) first if needed."""
        if ref is None or isinstance(ref, uuid.UUID):
            return ref
        if ref.id is None:
            parent_id = self.ensure(ref.parent)
            if ref.level == "kecamatan":
                record = create_kecamatan(self.session, name=ref.name)
            elif ref.level == "desa":
                assert parent_id is not None
                record = create_desa(
                    self.session, kecamatan_id=parent_id, name=ref.name, kind=ref.kind
                )
            else:
                assert parent_id is not None
                record = create_posyandu(self.session, desa_id=parent_id, name=ref.name)
            ref.id = record.id
        return ref.id


def _initials(name: str) -> str:
    words = [w for w in _NON_WORD.split(name.lower()) if w and w != "dan"]
    return "".join(w[0] for w in words).upper()[:12] or "OPD"


class OpdBook:
    """Offices known now (by name and by code) plus those the file adds."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_key: dict[str, PlaceRef] = {}
        self.codes: set[str] = set()
        self.new: list[NewPlace] = []
        for row_id, code, name in session.execute(
            select(Opd.id, Opd.code, Opd.name).where(Opd.deleted_at.is_(None))
        ):
            self.by_key.setdefault(place_key("opd", name), row_id)
            self.by_key.setdefault(place_key("opd", code), row_id)
            self.codes.add(code.upper())

    def _code(self, wanted: str, name: str) -> str:
        base = (collapse_spaces(wanted).upper() or _initials(name))[:17]
        code, number = base, 2
        while code in self.codes:
            code, number = f"{base}-{number}", number + 1
        self.codes.add(code)
        return code

    def resolve(self, name: str, code: str = "") -> tuple[PlaceRef | None, str | None]:
        """``(office, problem)`` for a row's OPD cell (and optional code cell)."""
        name = collapse_spaces(name)
        if not name:
            return None, None
        problem = _name_problem("opd", name)
        if problem:
            return None, problem
        key = place_key("opd", name)
        if key not in self.by_key:
            code_key = place_key("opd", code) if code else ""
            if code_key and code_key in self.by_key:
                return self.by_key[code_key], None
            place = NewPlace("opd", name, code=self._code(code, name))
            self.by_key[key] = place
            self.new.append(place)
        return self.by_key[key], None

    def ensure(self, ref: PlaceRef | None) -> uuid.UUID | None:
        if ref is None or isinstance(ref, uuid.UUID):
            return ref
        if ref.id is None:
            ref.id = create_opd(self.session, code=ref.code, name=ref.name).id
        return ref.id
