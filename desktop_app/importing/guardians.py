"""Importing foster parents (ASN with NIP and OPD, CSR companies, others).

Each row goes through :func:`desktop_app.guardians.service.register_guardian`, so the registry's
rules (NIP structure and appointment month, OPD required for ASN, CSR company ...) apply unchanged.
A NIP already registered, or repeated in the file, marks the row as a duplicate up front (one
query for all the file's NIPs). Unknown OPDs are created with the import.
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import select

from desktop_app.core.codes import GuardianKind
from desktop_app.core.i18n import _
from desktop_app.db.models import Guardian
from desktop_app.guardians.service import GuardianForm, register_guardian
from desktop_app.importing.areas import NewPlace, OpdBook
from desktop_app.importing.children import chunks
from desktop_app.importing.rows import DUPLICATE, Choices, RowImporter, SourceRow
from desktop_app.validation import digits_only

__all__ = ["GuardianImporter"]

_KINDS = {
    "asn": "asn", "pns": "asn", "pppk": "asn", "p3k": "asn",
    "csr": "csr", "perusahaan": "csr", "csr perusahaan": "csr", "swasta": "csr",
    "lainnya": "lainnya", "lain lain": "lainnya", "umum": "lainnya", "masyarakat": "lainnya",
}  # fmt: skip


class GuardianImporter(RowImporter):
    kind = "guardians"
    choices: ClassVar[Choices] = {"kind": (_KINDS, "ASN, CSR, Lainnya")}

    def prepare(self, rows: list[SourceRow]) -> None:
        self.opds = OpdBook(self.session)
        nips = {digits_only(row.text("nip")) for row in rows if row.text("nip")}
        taken: dict[str, str] = {}
        for batch in chunks(nips):
            query = select(Guardian.nip, Guardian.name).where(
                Guardian.deleted_at.is_(None), Guardian.nip.in_(batch)
            )
            taken.update({nip: name for nip, name in self.session.execute(query) if nip})
        seen: dict[str, int] = {}
        for row in rows:
            row.summary = " ".join(p for p in (row.text("name"), row.text("nip")) if p)
            opd, problem = self.opds.resolve(row.text("opd"), row.text("opd_code"))
            if problem:
                row.reject(problem, column="opd")
            nip = digits_only(row.text("nip"))
            if nip and nip in taken:
                row.reject(
                    _("NIP ini sudah terdaftar atas nama {name}").format(name=taken[nip]),
                    column="nip", status=DUPLICATE,
                )  # fmt: skip
            elif nip and nip in seen and row.ok:
                row.reject(
                    _("Sama dengan baris {row} di berkas ini (NIP sama)").format(row=seen[nip]),
                    status=DUPLICATE,
                )
            elif nip and row.ok:
                seen[nip] = row.number
            row.payload = opd

    def ensure_places(self, row: SourceRow) -> None:
        self.opds.ensure(row.payload)

    def write(self, row: SourceRow) -> None:
        form = GuardianForm(
            kind=row.text("kind") or GuardianKind.ASN, name=row.text("name"), nip=row.text("nip"),
            opd_id=self.opds.ensure(row.payload), position=row.text("position"),
            rank=row.text("rank"),
            phone=row.text("phone"), email=row.text("email"), company=row.text("company"),
            contact_person=row.text("contact_person"), notes=row.text("notes"),
        )  # fmt: skip
        register_guardian(self.session, form=form, today=self.today)

    def places(self) -> list[NewPlace]:
        return self.opds.new
