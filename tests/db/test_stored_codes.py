"""The typed stored codes (core.codes) and what the database really stores agree."""

from __future__ import annotations

from desktop_app.core.codes import AssignmentStatus, GuardianKind, PaymentStatus
from desktop_app.db.models import AidPayment, Assignment, Guardian
from desktop_app.labels.stored_codes import code_label


def test_the_column_defaults_are_the_first_codes() -> None:
    assert Assignment.__table__.c.status.default.arg == AssignmentStatus.ACTIVE
    assert AidPayment.__table__.c.status.default.arg == PaymentStatus.PLANNED


def test_every_code_fits_its_column_and_has_a_label() -> None:
    for model, name, codes in (
        (Assignment, "status", AssignmentStatus),
        (AidPayment, "status", PaymentStatus),
        (Guardian, "kind", GuardianKind),
    ):
        column = model.__table__.c[name]
        for code in codes:
            assert len(code) <= column.type.length
            assert code_label(model.__tablename__, name, code) != code.value, code
