"""Bad input never crashes and never changes saved data (property tests with Hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.children.service import ChildForm, register_child
from desktop_app.core.database import Database
from desktop_app.core.errors import DomainError
from desktop_app.db.models import Child
from desktop_app.guardians.service import GuardianForm, register_guardian
from desktop_app.validation import (
    nik_problem,
    nip_problem,
    no_kk_problem,
    normalise_phone,
    phone_problem,
)
from tests.domain.conftest import TODAY, child_form, count_rows

_digitish = st.text(alphabet="0123456789 -.+²١A", max_size=22)
_any_text = st.one_of(_digitish, st.text(max_size=30))
_dates = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(value=_any_text, birth=_dates, sex=st.sampled_from(["", "L", "P", "x"]))
def test_number_checks_answer_with_a_message_or_none(value, birth, sex) -> None:
    for problem in (
        nik_problem(value, birth_date=birth, sex=sex, today=TODAY),
        no_kk_problem(value),
        nip_problem(value, today=TODAY),
        phone_problem(normalise_phone(value)),
    ):
        assert problem is None or (isinstance(problem, str) and problem)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=_any_text,
    nik=_digitish,
    no_kk=_digitish,
    sex=st.sampled_from(["", "L", "P", "l", "Q"]),
    birth=_dates,
    enrolled=_dates,
    weight=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    phone=_any_text,
    rt=_any_text,
)
def test_registering_random_children_saves_valid_rows_only(
    database: Database, name, nik, no_kk, sex, birth, enrolled, weight, phone, rt
) -> None:
    with database.sessions() as session:
        form = ChildForm(
            name=name, nik=nik, no_kk=no_kk, sex=sex, birth_date=birth, enrolled_on=enrolled,
            birth_weight_kg=weight, phone=phone, rt=rt, mother_name=name,
        )  # fmt: skip
        before = count_rows(session, Child)
        try:
            record = register_child(session, form=form, duplicate_reason="uji", today=TODAY)
        except DomainError:
            assert count_rows(session, Child) == before
        else:
            assert count_rows(session, Child) == before + 1
            assert record.name and record.sex in ("L", "P") and record.birth_date <= TODAY
            assert record.nik or record.no_kk
        session.rollback()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(["asn", "csr", "lainnya", "", "ASN"]),
    name=_any_text,
    nip=_digitish,
    email=_any_text,
    phone=_any_text,
)
def test_registering_random_guardians_never_crashes(
    database: Database, kind, name, nip, email, phone
) -> None:
    with database.sessions() as session:
        form = GuardianForm(kind=kind, name=name, nip=nip, email=email, phone=phone, company=name)
        try:
            record = register_guardian(session, form=form, today=TODAY)
        except DomainError:
            pass
        else:
            assert record.name and record.kind in ("csr", "lainnya")  # ASN needs an OPD
        session.rollback()


def test_the_valid_form_of_the_builders_is_accepted(session) -> None:
    """Guards the property test above: a plain valid form does get saved."""
    register_child(session, form=child_form(), today=TODAY)
    assert count_rows(session, Child) == 1
