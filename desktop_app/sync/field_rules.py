"""The domain rules a received row must pass: the same functions the laptop's forms call.

Each synced table has one rule function taking the typed row (``sync.row_parse``) and returning
the problems, each naming its field. The rules are the features' own (``check_child_fields``,
``check_guardian_fields``, ``check_visit_fields``, ``nik_problem`` and ``nip_problem`` through
them, ``kbm_age_problem`` ...), fed with a form built from the row: what a form may not save, no
laptop may push. Rules that read the database (a NIP already registered, a duplicate child) are
not applied: two laptops may create such rows offline, and sync must bring both in for a person
to settle. A child erased on request keeps its anonymous row, whose blanked fields are allowed.

"Not after today" is judged against the server's date plus :data:`CLOCK_SLACK`: a laptop just
past midnight, or a few minutes fast, is not an attacker.
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from desktop_app.aid.service import AID_STATUSES, PAYMENT_METHODS, check_payment_fields
from desktop_app.assignments.service import end_date_problem, start_date_problem
from desktop_app.children.data_subject import ANONYMOUS_PREFIX
from desktop_app.children.form import EXIT_REASONS, ChildForm, check_child_fields
from desktop_app.core.codes import PaymentStatus
from desktop_app.core.formatting import format_rupiah
from desktop_app.core.i18n import _
from desktop_app.core.month import Month
from desktop_app.core.records import ASSIGNMENT_STATUSES, FieldErrors
from desktop_app.guardians.service import GuardianForm, check_guardian_fields
from desktop_app.settings.kbm import kbm_age_problem, kbm_gain_problem
from desktop_app.settings.programmes import MAX_MONTHLY_AID, check_programme_fields
from desktop_app.settings.wilayah import DESA_KINDS
from desktop_app.sync.conflicts import ACCEPTED, OPEN, RESTORED
from desktop_app.sync.refusals import field_label
from desktop_app.sync.rows import Row
from desktop_app.sync.tables import BY_NAME
from desktop_app.visits.service import VisitForm, check_visit_fields, visit_date_problem

__all__ = ["CLOCK_SLACK", "RuleContext", "field_problems"]

#: How far past the server's date a laptop's "today" may be.
CLOCK_SLACK = timedelta(days=1)
_CONFLICT_STATUSES = frozenset({OPEN, ACCEPTED, RESTORED})


@dataclasses.dataclass(frozen=True)
class RuleContext:
    """What the rules need besides the row: the latest day a date may name (the server's date
    plus the slack) and the children the rows belong to (by id: this push's version, else the
    server's), for birth dates."""

    latest_day: date
    children: Mapping[uuid.UUID, Row]

    def birth_date(self, row: Row) -> date | None:
        child = self.children.get(row.get("child_id"))  # type: ignore[arg-type]
        return child.get("birth_date") if child is not None else None


Rule = Callable[[Row, RuleContext, FieldErrors], None]


def _form(cls: type[Any], row: Row) -> Any:
    """A form dataclass filled from the row: empty text for NULL text, the rest as stored."""
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name not in row:
            continue
        value = row[field.name]
        if value is None and isinstance(field.default, str):
            value = ""
        elif value is None and field.default_factory is list:
            value = []
        values[field.name] = value
    return cls(**values)


def _code_list(row: Row, column: str, errors: FieldErrors) -> None:
    """A JSON list of codes (risk factors, topics) must be a list of texts; else it is
    emptied for the form's rules and refused."""
    value = row.get(column)
    if value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return
    errors.add(column, _("{label} harus daftar kode").format(label=field_label(column)))
    row[column] = []


def _shaped(row: Row, column: str, ok: Callable[[Any], bool], errors: FieldErrors) -> None:
    """A JSON column holds what the app writes there (``ok``), or None."""
    value = row.get(column)
    if value is not None and not ok(value):
        label = field_label(column)
        errors.add(column, _("{label} tidak berbentuk yang benar").format(label=label))


def _confirmed_checks(value: Any) -> bool:
    """``visits.checks_confirmed``: ``[{"check": code, "message": text}]``."""
    return isinstance(value, list) and all(
        isinstance(item, dict) and all(isinstance(v, str) for v in item.values()) for item in value
    )


def _code(
    row: Row, column: str, codes: Mapping[str, Any] | frozenset[str], errors: FieldErrors
) -> None:
    value = row.get(column)
    if value is not None and value not in codes:
        errors.add(
            column,
            _("{label} tidak dikenal: '{value}'").format(label=field_label(column), value=value),
        )


def _filled(row: Row, column: str, errors: FieldErrors) -> None:
    if not (row.get(column) or "").strip():
        errors.add(column, _("{label} wajib diisi").format(label=field_label(column)))


def _not_after(row: Row, column: str, latest: date, errors: FieldErrors) -> None:
    value = row.get(column)
    if value is not None and value > latest:
        errors.add(
            column,
            _("{label} tidak boleh setelah hari ini").format(label=field_label(column)),
        )


def _first_of_month(row: Row, column: str, errors: FieldErrors) -> None:
    value = row.get(column)
    if value is not None and Month.of(value).first_day != value:
        errors.add(
            column,
            _("{label} harus tanggal 1 bulan itu").format(label=field_label(column)),
        )


def _child(row: Row, ctx: RuleContext, errors: FieldErrors) -> None:
    _code_list(row, "risk_factors", errors)
    anonymised = (row.get("name") or "").startswith(ANONYMOUS_PREFIX)
    form = _form(ChildForm, row)
    check_child_fields(form, today=ctx.latest_day, errors=errors, anonymised=anonymised)
    _code(row, "exit_reason", EXIT_REASONS, errors)
    _not_after(row, "exit_date", ctx.latest_day, errors)


def _guardian(row: Row, ctx: RuleContext, errors: FieldErrors) -> None:
    check_guardian_fields(_form(GuardianForm, row), today=ctx.latest_day, errors=errors)


def _visit(row: Row, ctx: RuleContext, errors: FieldErrors) -> None:
    _code_list(row, "topics", errors)
    _code_list(row, "help_given", errors)
    _shaped(row, "checks_confirmed", _confirmed_checks, errors)
    birth = ctx.birth_date(row)
    if birth is not None:
        problem = visit_date_problem(row.get("visit_date"), birth, ctx.latest_day)
        errors.add("visit_date", problem)
    check_visit_fields(_form(VisitForm, row), errors)


def _assignment(row: Row, ctx: RuleContext, errors: FieldErrors) -> None:
    _code(row, "status", ASSIGNMENT_STATUSES, errors)
    start, birth = row.get("start_date"), ctx.birth_date(row)
    if start is not None:
        if birth is not None:
            errors.add("start_date", start_date_problem(start, birth))
        errors.add("end_date", end_date_problem(start, row.get("end_date")))


def _payment(row: Row, ctx: RuleContext, errors: FieldErrors) -> None:
    _code(row, "status", AID_STATUSES, errors)
    _code(row, "method", PAYMENT_METHODS, errors)
    _first_of_month(row, "month", errors)
    amount = row.get("amount")
    if amount is not None and not 0 <= amount <= MAX_MONTHLY_AID:
        errors.add(
            "amount",
            _("{label} harus antara Rp0 dan {max}").format(
                label=field_label("amount"), max=format_rupiah(MAX_MONTHLY_AID)
            ),
        )
    if row.get("status") == PaymentStatus.PAID:
        check_payment_fields(
            paid_on=row.get("paid_on"),
            method=row.get("method"),
            reference=row.get("reference") or "",
            received_by=row.get("received_by") or "",
            today=ctx.latest_day,
            errors=errors,
            require_receipt=False,  # erasing a child blanks "received by" on purpose
        )
    else:
        _not_after(row, "paid_on", ctx.latest_day, errors)


def _programme(row: Row, ctx: RuleContext, errors: FieldErrors) -> None:
    check_programme_fields(
        name=(row.get("name") or "").strip(),
        start_month=row.get("start_month"),
        end_month=row.get("end_month"),
        monthly_aid=row.get("monthly_aid"),
        visit_target_per_month=row.get("visit_target_per_month"),
        errors=errors,
    )


def _kbm(row: Row, ctx: RuleContext, errors: FieldErrors) -> None:
    if row.get("from_age_months") is not None:
        errors.add("from_age_months", kbm_age_problem(row["from_age_months"]))
    if row.get("min_gain_g") is not None:
        errors.add("min_gain_g", kbm_gain_problem(row["min_gain_g"]))


def _area(row: Row, ctx: RuleContext, errors: FieldErrors) -> None:
    _filled(row, "name", errors)
    if "kind" in row:
        _code(row, "kind", DESA_KINDS, errors)


def _opd(row: Row, ctx: RuleContext, errors: FieldErrors) -> None:
    _filled(row, "code", errors)
    _filled(row, "name", errors)


def _closure(row: Row, ctx: RuleContext, errors: FieldErrors) -> None:
    _first_of_month(row, "month", errors)
    payload, digest = row.get("payload"), row.get("sha256")
    if payload is not None and hashlib.sha256(payload.encode()).hexdigest() != digest:
        errors.add("sha256", _("Sidik SHA-256 tidak cocok dengan isi tutup bulan"))


def _conflict(row: Row, ctx: RuleContext, errors: FieldErrors) -> None:
    _code(row, "status", _CONFLICT_STATUSES, errors)
    _code(row, "table_name", BY_NAME, errors)
    for column in ("winner_values", "loser_values"):
        _shaped(row, column, lambda value: isinstance(value, dict), errors)


_RULES: dict[str, Rule] = {
    "kecamatan": _area,
    "desa": _area,
    "posyandu": _area,
    "opd": _opd,
    "guardians": _guardian,
    "programmes": _programme,
    "kbm_thresholds": _kbm,
    "children": _child,
    "assignments": _assignment,
    "visits": _visit,
    "aid_payments": _payment,
    "month_closures": _closure,
    "sync_conflicts": _conflict,
}


def _named(column: str, message: str) -> str:
    """The message, led by the field's name when it does not say it already."""
    label = field_label(column)
    if label.casefold() in message.casefold():
        return message
    return f"{label}: {message}"


def field_problems(table_name: str, row: Row, ctx: RuleContext) -> list[str]:
    """The domain problems of a typed row, each naming its field (empty: the row is fine).
    ``row`` is not changed."""
    rule = _RULES.get(table_name)
    if rule is None:
        return []
    errors = FieldErrors()
    rule(dict(row), ctx, errors)
    return [_named(error.field, error.message) for error in errors.errors]
