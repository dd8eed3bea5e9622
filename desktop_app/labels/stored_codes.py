"""Coded values as people read them: one lookup from (table, column, stored value) to a label.

The database keeps short Indonesian codes (``rencana``, ``dialihkan``, ``L``) and, for a few
columns, Indonesian text the app itself wrote (an assignment ended because the child left keeps
the exit reason's label, ``Pindah domisili``; a consent relation picked from the list keeps
``Ibu``). Each owning service declares its ``{code: label}`` table; this module only says which
table belongs to which column, so the audit trail, pages and PDFs show the same label in the
current language. A value no table knows (free text typed by a user, a code from a newer
version) is shown as it is. Pure Python, any thread (``_()`` only reads the language).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from desktop_app.aid.service import AID_STATUSES, EXIT_CANCEL_REASON, PAYMENT_METHODS
from desktop_app.assignments.service import END_REASONS, TRANSFER_REASONS
from desktop_app.children.form import (
    CONSENT_RELATIONS,
    ENROLMENT_STATUSES,
    EXIT_REASONS,
    RISK_FACTORS,
    SEXES,
)
from desktop_app.core.i18n import N_, _
from desktop_app.core.permissions import ROLES
from desktop_app.core.records import ASSIGNMENT_STATUSES
from desktop_app.guardians.service import GUARDIAN_KINDS
from desktop_app.sync.merge import MERGE_END_REASON
from desktop_app.visits.service import EDUCATION_TOPICS, HELP_TYPES, MEASURES, PLACES

__all__ = ["code_for_label", "code_label", "code_labels", "label_table"]


def _stored_texts(*labels: str) -> dict[str, str]:
    """A table for a column that stores the Indonesian label itself (its own code)."""
    return {label: label for label in labels}


_END_REASONS = _stored_texts(
    *TRANSFER_REASONS, *END_REASONS, *EXIT_REASONS.values(), MERGE_END_REASON
)

#: (table, column) -> {stored value: label marked with ``N_``/``NC_``}.
_TABLES: dict[tuple[str, str], Mapping[str, str]] = {
    ("children", "sex"): SEXES,
    ("children", "enrolment_status"): ENROLMENT_STATUSES,
    ("children", "exit_reason"): EXIT_REASONS,
    ("children", "risk_factors"): RISK_FACTORS,
    ("children", "consent_relation"): CONSENT_RELATIONS,
    ("assignments", "status"): ASSIGNMENT_STATUSES,
    ("assignments", "end_reason"): _END_REASONS,
    ("aid_payments", "status"): AID_STATUSES,
    ("aid_payments", "method"): PAYMENT_METHODS,
    ("aid_payments", "cancel_reason"): _stored_texts(EXIT_CANCEL_REASON, MERGE_END_REASON),
    ("visits", "place"): PLACES,
    ("visits", "measure"): MEASURES,
    ("visits", "topics"): EDUCATION_TOPICS,
    ("visits", "help_given"): HELP_TYPES,
    ("guardians", "kind"): GUARDIAN_KINDS,
    ("users", "role"): ROLES,
    ("desa", "kind"): {"desa": N_("Desa"), "kelurahan": N_("Kelurahan")},
}
_NO_LABELS: Mapping[str, str] = {}


def label_table(table: str, column: str) -> Mapping[str, str]:
    """The untranslated ``{stored value: label}`` table of a column (empty when it has none)."""
    return _TABLES.get((table, column), _NO_LABELS)


def code_label(table: str, column: str, value: str | None) -> str:
    """``value`` of ``table.column`` as a label in the current language; "" for None, an
    unknown value unchanged."""
    if value is None:
        return ""
    label = label_table(table, column).get(value)
    return value if label is None else _(label)


def code_labels(table: str, column: str, values: Iterable[str]) -> list[str]:
    """:func:`code_label` of each value of a list column (risk factors, topics)."""
    return [code_label(table, column, value) for value in values]


def code_for_label(table: str, column: str, text: str) -> str:
    """The stored value whose label in the current language is ``text`` (what an editable list
    shows), else ``text`` itself: a user's own wording is stored as typed."""
    for code, label in label_table(table, column).items():
        if text == _(label):
            return code
    return text
