"""Importing children: each row becomes a :class:`~desktop_app.children.service.ChildForm`, cleaned
and checked by the registry's own ``clean_child_form`` (same rules and normalisation as the form).

Duplicate detection follows ``children_duplicates`` (same NIK as a live child: refused with the
registry's own words; or same name, birth date and mother's name) but in batch: one query for
all the file's NIKs and one for its birth dates instead of one per row, so 10,000 rows take
seconds. Rows the file repeats are caught too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any, ClassVar

from sqlalchemy import select

from desktop_app.children.duplicates import (
    DuplicateCandidate,
    DuplicateChildError,
    SameNikError,
    same_nik_reason,
    same_person_reason,
)
from desktop_app.children.form import ChildForm, clean_child_form
from desktop_app.children.service import _apply as apply_child_form
from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import _
from desktop_app.db.models import Child
from desktop_app.importing.areas import AreaBook, NewPlace
from desktop_app.importing.rows import DUPLICATE, Choices, RowImporter, SourceRow
from desktop_app.validation import comparison_key

__all__ = ["ChildImporter", "chunks"]

_STATUSES = {
    "stunting": "stunting", "berisiko": "berisiko", "berisiko stunting": "berisiko",
    "beresiko": "berisiko", "risiko": "berisiko", "resiko": "berisiko",
    "risiko stunting": "berisiko",
}  # fmt: skip
#: SQLite allows 32,766 bound parameters; stay far below for every backend.
CHUNK = 900


def chunks(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _form(row: SourceRow) -> ChildForm:
    v = row.values
    return ChildForm(
        name=row.text("name"), nik=row.text("nik"), no_kk=row.text("no_kk"), sex=row.text("sex"),
        birth_date=v.get("birth_date"), birth_weight_kg=v.get("birth_weight_kg"),
        birth_length_cm=v.get("birth_length_cm"), mother_name=row.text("mother_name"),
        father_name=row.text("father_name"), phone=row.text("phone"),
        address=row.text("address"), rt=row.text("rt"), rw=row.text("rw"),
        enrolment_status=row.text("enrolment_status") or "berisiko",
        data_source=row.text("data_source"), enrolled_on=v.get("enrolled_on"),
        notes=row.text("notes"),
    )  # fmt: skip


def _summary(form: ChildForm) -> str:
    """``Siti Aminah, lahir 05/01/2023`` (strftime: babel per row costs a second per 10,000)."""
    born = form.birth_date.strftime("%d/%m/%Y") if form.birth_date else ""
    return ", ".join(
        part for part in (form.name, born and _("lahir {date}").format(date=born)) if part
    )


class ChildImporter(RowImporter):
    kind = "children"
    choices: ClassVar[Choices] = {"enrolment_status": (_STATUSES, "Stunting, Berisiko")}
    prechecked = True

    def prepare(self, rows: list[SourceRow]) -> None:
        self.areas = AreaBook(self.session)
        for row in rows:
            places = self.areas.resolve(
                row.text("kecamatan"), row.text("desa"), row.text("posyandu")
            )
            if places[2]:
                column = "posyandu" if row.text("posyandu") and not row.text("desa") else "desa"
                row.reject(places[2], column=column)
            form = _form(row)
            try:
                clean = clean_child_form(self.session, form, today=self.today)
            except ValidationError as error:
                row.summary = _summary(form)
                row.reject_error(error)
                continue
            row.summary = _summary(clean)
            row.payload = (clean, places[0], places[1])
        accepted = [row for row in rows if row.ok]
        self._against_database(accepted)
        self._within_file(accepted)

    def _against_database(self, rows: list[SourceRow]) -> None:
        forms = [row.payload[0] for row in rows]
        niks = {f.nik for f in forms if f.nik}
        births = {f.birth_date for f in forms}
        live = Child.deleted_at.is_(None)
        by_nik: dict[str, Child] = {}
        for batch in chunks(niks):
            for child in self.session.scalars(select(Child).where(live, Child.nik.in_(batch))):
                by_nik.setdefault(child.nik or "", child)
        by_birth: dict[date, list[Child]] = {}
        for batch in chunks(births):
            query = select(Child).where(live, Child.birth_date.in_(batch))
            for child in self.session.scalars(query):
                by_birth.setdefault(child.birth_date, []).append(child)
        for row, form in zip(rows, forms, strict=True):
            candidates = []
            same_nik = by_nik.get(form.nik) if form.nik else None
            if same_nik is not None:
                hard = [_candidate(same_nik, same_nik_reason(), same_nik=True)]
                row.reject(str(SameNikError(hard)), column="nik", status=DUPLICATE)
                continue
            for child in by_birth.get(form.birth_date, []):
                if _same_person(child, form):
                    candidates.append(_candidate(child, same_person_reason()))
            if candidates:
                row.reject(str(DuplicateChildError(candidates)), status=DUPLICATE)

    def _within_file(self, rows: list[SourceRow]) -> None:
        seen: dict[object, int] = {}
        for row in rows:
            if not row.ok:
                continue
            form: ChildForm = row.payload[0]
            keys = [
                (("nik", form.nik), _("NIK sama")) if form.nik else None,
                (
                    ("person", comparison_key(form.name), form.birth_date,
                     comparison_key(form.mother_name)),
                    _("nama, tanggal lahir dan nama ibu sama"),
                ),
            ]  # fmt: skip
            for key, reason in filter(None, keys):
                if key in seen:
                    row.reject(
                        _("Sama dengan baris {row} di berkas ini ({reason})").format(
                            row=seen[key], reason=reason
                        ),
                        status=DUPLICATE,
                    )
                    break
            else:
                for key, _reason in filter(None, keys):
                    seen[key] = row.number

    def ensure_places(self, row: SourceRow) -> None:
        _clean, desa, posyandu = row.payload
        self.areas.ensure(desa)
        self.areas.ensure(posyandu)

    def write(self, row: SourceRow) -> None:
        clean, desa, posyandu = row.payload
        form = replace(
            clean, desa_id=self.areas.ensure(desa), posyandu_id=self.areas.ensure(posyandu)
        )
        child = Child()
        apply_child_form(child, form)
        self.session.add(child)

    def places(self) -> list[NewPlace]:
        return self.areas.new


def _same_person(child: Child, form: ChildForm) -> bool:
    return comparison_key(child.name) == comparison_key(form.name) and comparison_key(
        child.mother_name
    ) == comparison_key(form.mother_name)


def _candidate(child: Child, reason: str, *, same_nik: bool = False) -> DuplicateCandidate:
    return DuplicateCandidate(
        child.id, child.name, child.nik, child.birth_date, child.mother_name, reason, same_nik
    )
