"""Stored codes as typed values: the short Indonesian words the database keeps in status columns.

A ``StrEnum`` member *is* its string (``AssignmentStatus.ACTIVE == "aktif"``), so rows, SQL
comparisons, sync files and old databases keep the same values, while the code gets one name
per meaning instead of the same literal typed in fifteen files. The db models keep their
literal column defaults (the db layer sits below this one); a test checks the two agree.
How a code reads on screen is in :mod:`desktop_app.labels.stored_codes`.
"""

from __future__ import annotations

from enum import StrEnum


class AssignmentStatus(StrEnum):
    """``assignments.status``: a child's foster-parent assignment."""

    ACTIVE = "aktif"
    ENDED = "selesai"
    TRANSFERRED = "dialihkan"


class PaymentStatus(StrEnum):
    """``aid_payments.status``: a month's cash aid for one child."""

    PLANNED = "rencana"
    PAID = "dibayar"
    CANCELLED = "batal"


class GuardianKind(StrEnum):
    """``guardians.kind``: who fosters the child."""

    ASN = "asn"  # a civil servant, with a NIP and an OPD
    CSR = "csr"  # a company's CSR sponsor
    OTHER = "lainnya"
