"""Importing visits (kunjungan) with the child's measurements.

The child is found by NIK, or by name and birth date when the NIK is empty; the guardian by NIP
(optional: the child's active guardian otherwise). Lookups are batched (one query per kind for
the whole file). Each row is saved through :func:`desktop_app.visits.service.record_visit`, so the
WHO assessment is computed and stored exactly as the visit form does, and a value WHO calls
implausible refuses the row. A visit of the same child on the same date already stored (or
earlier in the file) is a duplicate. The history warnings the visit form asks about (a shorter
length, an implausible weight change: :mod:`desktop_app.visits.checks`) do not stop an import,
whose file is the record of what was measured; they are stored on the visit as accepted.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import ClassVar

from sqlalchemy import select

from desktop_app.core.formatting import format_date
from desktop_app.core.i18n import _
from desktop_app.db.models import Child, Guardian, Visit
from desktop_app.growth.age import completed_months
from desktop_app.importing.children import chunks
from desktop_app.importing.rows import DUPLICATE, Choices, RowImporter, SourceRow
from desktop_app.validation import comparison_key, digits_only
from desktop_app.visits.checks import CHECK_CODES
from desktop_app.visits.service import VisitForm, record_visit

__all__ = ["VisitImporter"]

_MEASURES = {
    "berbaring": "l", "terlentang": "l", "telentang": "l", "l": "l", "pb": "l",
    "panjang": "l", "panjang badan": "l", "lying": "l",
    "berdiri": "h", "h": "h", "tb": "h", "tinggi": "h", "tinggi badan": "h", "standing": "h",
}  # fmt: skip
_PLACES = {"rumah": "rumah", "kunjungan rumah": "rumah", "posyandu": "posyandu",
           "puskesmas": "puskesmas", "pkm": "puskesmas"}  # fmt: skip
#: WHO: length (lying) under 24 months, height (standing) from 24 months.
_STANDING_FROM_MONTHS = 24


class VisitImporter(RowImporter):
    kind = "visits"
    choices: ClassVar[Choices] = {
        "measure": (_MEASURES, "Berbaring, Berdiri"),
        "place": (_PLACES, "Rumah, Posyandu, Puskesmas"),
    }

    def _children(self, rows: list[SourceRow]) -> None:
        live = Child.deleted_at.is_(None)
        niks = {digits_only(r.text("nik")) for r in rows if r.text("nik")}
        births = {r.values["birth_date"] for r in rows if r.values.get("birth_date")}
        self.by_nik: dict[str, Child] = {}
        for batch in chunks(niks):
            for child in self.session.scalars(select(Child).where(live, Child.nik.in_(batch))):
                self.by_nik[child.nik or ""] = child
        self.by_person: dict[tuple[str, date], list[Child]] = {}
        for batch in chunks(births):
            for child in self.session.scalars(
                select(Child).where(live, Child.birth_date.in_(batch))
            ):
                key = (comparison_key(child.name), child.birth_date)
                self.by_person.setdefault(key, []).append(child)

    def _find_child(self, row: SourceRow) -> Child | None:
        nik = digits_only(row.text("nik"))
        if nik:
            child = self.by_nik.get(nik)
            if child is None:
                row.reject(_("anak dengan NIK {nik} belum terdaftar; impor data anak lebih dulu")
                           .format(nik=nik), column="nik")  # fmt: skip
            return child
        name, born = row.text("child_name"), row.values.get("birth_date")
        if not name or born is None:
            if "nik" not in row.failed:
                row.reject(_("Isi NIK anak, atau nama dan tanggal lahir anak"), column="nik")
            return None
        matches = self.by_person.get((comparison_key(name), born), [])
        if len(matches) == 1:
            return matches[0]
        what = _("lebih dari satu anak") if matches else _("belum ada anak")
        row.reject(_("{what} bernama {name} lahir {date}; isi kolom NIK anak").format(
            what=what, name=name, date=format_date(born)), column="child_name")  # fmt: skip
        return None

    def prepare(self, rows: list[SourceRow]) -> None:
        self._children(rows)
        nips = {digits_only(r.text("guardian_nip")) for r in rows if r.text("guardian_nip")}
        guardians: dict[str, uuid.UUID] = {}
        for batch in chunks(nips):
            query = select(Guardian.nip, Guardian.id).where(
                Guardian.deleted_at.is_(None), Guardian.nip.in_(batch)
            )
            guardians.update({nip: gid for nip, gid in self.session.execute(query) if nip})
        found = {row.number: self._find_child(row) for row in rows}
        stored = self._stored_visits({c.id for c in found.values() if c is not None})
        seen: dict[tuple[uuid.UUID, date], int] = {}
        for row in rows:
            child, visit_date = found[row.number], row.values.get("visit_date")
            row.summary = ", ".join(
                p for p in (child.name if child else row.text("child_name"),
                            format_date(visit_date) if visit_date else "") if p
            )  # fmt: skip
            nip = digits_only(row.text("guardian_nip"))
            if nip and nip not in guardians:
                row.reject(_("orang tua asuh dengan NIP {nip} belum terdaftar").format(nip=nip),
                           column="guardian_nip")  # fmt: skip
            if child is None or visit_date is None:
                continue
            key = (child.id, visit_date)
            if key in stored:
                row.reject(_("Kunjungan {name} pada {date} sudah tercatat").format(
                    name=child.name, date=format_date(visit_date)), status=DUPLICATE)  # fmt: skip
            elif key in seen and row.ok:
                row.reject(_("Sama dengan baris {row} di berkas ini (anak dan tanggal sama)")
                           .format(row=seen[key]), status=DUPLICATE)  # fmt: skip
            elif row.ok:
                seen[key] = row.number
            row.payload = self._form(row, child, guardians.get(nip))

    def _stored_visits(self, child_ids: set[uuid.UUID]) -> set[tuple[uuid.UUID, date]]:
        stored: set[tuple[uuid.UUID, date]] = set()
        for batch in chunks(child_ids):
            query = select(Visit.child_id, Visit.visit_date).where(
                Visit.deleted_at.is_(None), Visit.child_id.in_(batch)
            )
            stored.update((cid, day) for cid, day in self.session.execute(query))
        return stored

    def _form(self, row: SourceRow, child: Child, guardian_id: uuid.UUID | None) -> VisitForm:
        v = row.values
        visit_date, lenhei = v["visit_date"], v.get("lenhei_cm")
        measure = row.text("measure") or None
        if lenhei is not None and measure is None and visit_date >= child.birth_date:
            months = completed_months(child.birth_date, visit_date)
            measure = "h" if months >= _STANDING_FROM_MONTHS else "l"
        return VisitForm(
            child_id=child.id, guardian_id=guardian_id, visit_date=visit_date,
            place=row.text("place") or "rumah", weight_kg=v.get("weight_kg"), lenhei_cm=lenhei,
            measure=measure, headc_cm=v.get("headc_cm"), muac_cm=v.get("muac_cm"),
            oedema=bool(v.get("oedema")), notes=row.text("notes"),
            follow_up=row.text("follow_up"),
        )  # fmt: skip

    def write(self, row: SourceRow) -> None:
        record_visit(
            self.session, form=row.payload, confirmed_checks=CHECK_CODES.keys(), today=self.today
        )
