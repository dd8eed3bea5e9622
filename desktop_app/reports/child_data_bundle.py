"""A data subject's copy of everything Asuh holds about a child (UU PDP, hak akses).

One password-protected ZIP (AES-256, which 7-Zip, WinRAR and current Windows open with the
password) holding the full JSON document (:func:`desktop_app.children.data_subject.
child_data_document`), the child card PDF a parent can read, and a short note on what the files
are. The password is given to the family separately; the file may then travel by USB or e-mail.
"""

from __future__ import annotations

import io
import uuid
from datetime import date
from pathlib import Path
from typing import BinaryIO

import pyzipper
from sqlalchemy.orm import Session

from desktop_app.children.data_subject import (
    ChildDataExport,
    child_data_document,
    document_bytes,
    document_counts,
    record_data_export,
)
from desktop_app.core.changes import Changes, writes
from desktop_app.core.crypto_files import write_atomically
from desktop_app.core.errors import FieldError, NotFoundError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.permissions import ADMIN, require_role

MIN_PASSWORD = 10
JSON_NAME = "data-anak.json"
PDF_NAME = "kartu-anak.pdf"
NOTE_NAME = "BACA-SAYA.txt"


def _note(name: str) -> str:
    return _(
        "Salinan data pribadi anak {name} yang disimpan dalam aplikasi Asuh, diberikan atas "
        "permintaan orang tua/wali (UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi).\n\n"
        "{pdf}: ringkasan yang dapat dibaca dan dicetak (identitas, pengukuran, bantuan).\n"
        "{json}: seluruh data dalam format mesin (JSON), termasuk riwayat perubahan.\n"
    ).format(name=name, pdf=PDF_NAME, json=JSON_NAME)


@writes(Changes.NONE)  # an audit entry only
def export_child_bundle(
    session: Session,
    *,
    child_id: uuid.UUID,
    path: str | Path,
    password: str,
    today: date | None = None,
) -> ChildDataExport:
    """Write the encrypted ZIP to ``path`` (appears only complete); Admin only, audited."""
    require_role(session, ADMIN)
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            [
                FieldError(
                    "password",
                    _("Kata sandi berkas minimal {n} karakter").format(n=MIN_PASSWORD),
                )
            ]
        )
    document = child_data_document(session, child_id=child_id)
    pdf = _child_card_pdf(session, child_id, today)
    target = Path(path)

    def fill(stream: BinaryIO) -> None:
        buffer = io.BytesIO()
        with pyzipper.AESZipFile(
            buffer, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
        ) as bundle:
            bundle.setpassword(password.encode("utf-8"))
            bundle.writestr(NOTE_NAME, _note(str(document["child"]["name"])).encode("utf-8"))
            bundle.writestr(JSON_NAME, document_bytes(document))
            if pdf is not None:
                bundle.writestr(PDF_NAME, pdf)
        stream.write(buffer.getvalue())

    write_atomically(target, fill)
    record_data_export(session, child_id=child_id, name=target.name, encrypted=True)
    return ChildDataExport(target, document_counts(document), True)


def _child_card_pdf(session: Session, child_id: uuid.UUID, today: date | None) -> bytes | None:
    """The child card with identity numbers in full (the family's own data); None for a
    deleted child, whose card cannot be drawn (the JSON still holds everything)."""
    from desktop_app.reports.child_card import ChildCardRenderer
    from desktop_app.reports.child_card_data import build_child_card

    try:
        card = build_child_card(session, child_id=child_id, mask=False, today=today)
    except NotFoundError:
        return None
    return ChildCardRenderer().render(card)
