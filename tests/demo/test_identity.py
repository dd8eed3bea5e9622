"""Every generated identity number and contact passes the app's own validators."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.children.form import clean_child_form
from desktop_app.children.service import RISK_FACTORS, child_form_from_record, get_child
from desktop_app.core.identifier_search import child_search_text, search_key
from desktop_app.db.models import Child, Guardian
from desktop_app.growth.age import completed_months
from desktop_app.validation import (
    nik_problem,
    nip_problem,
    no_kk_problem,
    normalise_phone,
    parse_nik,
    parse_nip,
    phone_problem,
)
from tests.demo.conftest import TODAY


def test_every_nik_is_valid_unique_and_matches_birth_date_and_sex(demo_session: Session) -> None:
    children = demo_session.scalars(select(Child)).all()
    niks = [c.nik for c in children if c.nik]
    assert len(niks) == len(set(niks))
    for child in children:
        if child.nik:
            problem = nik_problem(
                child.nik, birth_date=child.birth_date, sex=child.sex, today=TODAY
            )
            assert problem is None, (child.nik, problem)
            assert parse_nik(child.nik, today=TODAY).province_code == "19"


def test_children_without_nik_are_the_youngest_and_have_a_valid_family_card(
    demo_session: Session,
) -> None:
    children = demo_session.scalars(select(Child)).all()
    without = [c for c in children if not c.nik]
    assert 1 <= len(without) <= 0.06 * len(children)
    assert all(completed_months(c.birth_date, TODAY) < 6 for c in without)
    for child in children:
        assert child.no_kk and no_kk_problem(child.no_kk) is None, child.no_kk


def test_every_asn_has_a_valid_unique_nip_and_csr_sponsors_have_a_company(
    demo_session: Session,
) -> None:
    guardians = demo_session.scalars(select(Guardian)).all()
    asn = [g for g in guardians if g.kind == "asn"]
    nips = [g.nip for g in asn]
    assert len(nips) == len(set(nips)) == len(asn)
    for guardian in asn:
        assert nip_problem(guardian.nip, today=TODAY) is None, guardian.nip
        info = parse_nip(guardian.nip, today=TODAY)
        assert 1965 <= info.birth_date.year <= 2000
        assert guardian.opd_id is not None and guardian.rank and guardian.position
    csr = [g for g in guardians if g.kind == "csr"]
    assert csr and all(g.company and g.contact_person and not g.nip for g in csr)


def test_phone_numbers_are_valid_mobile_numbers(demo_session: Session) -> None:
    phones = demo_session.scalars(select(Child.phone).where(Child.phone.is_not(None))).all()
    phones += demo_session.scalars(select(Guardian.phone).where(Guardian.phone.is_not(None))).all()
    assert phones
    for phone in phones:
        assert normalise_phone(phone) == phone
        assert phone_problem(phone) is None, phone


def test_risk_factors_status_and_consent_are_plausible(demo_session: Session) -> None:
    children = demo_session.scalars(select(Child)).all()
    key = search_key(demo_session)
    assert key is not None
    for child in children:
        assert set(child.risk_factors) <= set(RISK_FACTORS)
        assert len(child.risk_factors) <= 3
        # name and mother, and the identifiers only as keyed tokens (never the numbers)
        assert child.search_text == child_search_text(vars(child), key)
        assert child.search_text.startswith(child.name.lower())
        assert (child.nik or "-") not in child.search_text
        assert (child.no_kk or "-") not in child.search_text
    statuses = Counter(c.enrolment_status for c in children)
    assert set(statuses) == {"stunting", "berisiko"}
    assert 0.35 <= statuses["stunting"] / len(children) <= 0.55
    consented = [c for c in children if c.consent_date]
    assert 0.88 <= len(consented) / len(children) < 1.0
    assert all(c.consent_by and c.consent_relation for c in consented)
    assert all(c.birth_date <= c.consent_date <= TODAY for c in consented)


def test_generated_children_pass_the_registration_form_rules(demo_session: Session) -> None:
    # The service's own form check (NIK vs birth date and sex, KK, phone, RT/RW, posyandu in
    # desa, consent, weights) accepts every generated child as it is stored.
    ids = demo_session.scalars(select(Child.id).order_by(Child.name)).all()
    for child_id in ids:
        form = child_form_from_record(
            get_child(demo_session, child_id=child_id, today=TODAY, full_identifiers=True)
        )
        clean = clean_child_form(demo_session, form, today=TODAY)
        assert clean.nik == form.nik and clean.name == form.name
