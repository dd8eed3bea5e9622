"""The monthly summary's figures on the known district (see builders.py for the story)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.core.database import Database
from desktop_app.core.errors import NotFoundError
from desktop_app.core.month import Month
from desktop_app.reports.monthly_data import build_monthly_summary
from tests.reports.builders import MONTH, TODAY, KnownDistrict


def _build(database: Database, **kw):
    with database.sessions() as session:
        return build_monthly_summary(session, month=kw.pop("month", MONTH), today=TODAY, **kw)


def test_key_figures(database: Database, known: KnownDistrict) -> None:
    f = _build(database).figures
    assert (f.registered, f.with_guardian) == (6, 4)  # deleted and exited children left out
    assert (f.new_assignments, f.ended_assignments) == (1, 1)
    assert (f.visits_done, f.visits_due) == (3, 4)
    assert f.measured == 4
    assert (f.stunted, f.severely_stunted) == (3, 1)
    assert (f.stunted_last_month, f.severely_stunted_last_month) == (1, 0)
    assert (f.aid_planned, f.aid_paid, f.aid_outstanding) == (1_350_000, 900_000, 450_000)
    assert (f.aid_children_planned, f.aid_children_paid) == (3, 2)


def test_skdn_and_distribution(database: Database, known: KnownDistrict) -> None:
    data = _build(database)
    s = data.skdn
    assert (s.s, s.k, s.d, s.n, s.t, s.o, s.b, s.two_t, s.bgm) == (6, 6, 4, 1, 1, 0, 2, 1, 1)
    tbu = dict(data.distributions[0].counts)
    assert tbu == {"Sangat pendek": 1, "Pendek": 2, "Normal": 1, "Tinggi": 0}


def test_attention_list(database: Database, known: KnownDistrict) -> None:
    rows = [(r.kecamatan, r.name, r.reason_codes) for r in _build(database).attention]
    assert rows == [  # by kecamatan, then the most severe reason
        ("Badau", "Eka Putri", ("gizi_buruk", "bgm")),
        ("Badau", "Citra Ayu", ("2t", "memburuk")),
        ("Tanjungpandan", "Dedi Kurniawan", ("belum_dikunjungi",)),
    ]


def test_breakdowns(database: Database, known: KnownDistrict) -> None:
    data = _build(database)
    areas = {(a.kecamatan, a.desa): a for a in data.areas}
    assert list(areas)[-1] == ("-", "-")  # Fajar has no desa: listed last
    air_saga = areas[("Tanjungpandan", "Air Saga")]
    assert (air_saga.registered, air_saga.with_guardian, air_saga.visits_done) == (2, 2, 1)
    assert sum(a.registered for a in data.areas) == 6
    opds = {o.code: o for o in data.opds}
    assert (opds["DINKES"].asn_registered, opds["DINKES"].asn_fostering) == (2, 2)
    assert (opds["DINKES"].children, opds["DINKES"].visits_done) == (3, 2)
    assert (opds["DISDIK"].asn_registered, opds["DISDIK"].children) == (0, 0)
    posyandu = {p.posyandu: p.skdn for p in data.posyandu}
    assert (posyandu["Anggrek"].d, posyandu["Anggrek"].bgm, posyandu["Anggrek"].two_t) == (2, 1, 1)
    assert sum(p.s for p in posyandu.values()) == data.skdn.s


def test_programme_filter_and_unknown_programme(database: Database, known: KnownDistrict) -> None:
    data = _build(database, programme_id=known.ids["programme"])
    assert data.programme_name == "Genting 2026"
    assert data.figures.with_guardian == 4
    import uuid

    with pytest.raises(NotFoundError):
        _build(database, programme_id=uuid.uuid4())


def test_previous_month_and_empty_month(database: Database, known: KnownDistrict) -> None:
    october = _build(database, month=date(2026, 10, 1))
    assert (october.figures.measured, october.figures.stunted) == (3, 1)  # c1, c3, c4
    assert october.figures.new_assignments == 1  # Dedi from 1 October
    empty = _build(database, month=Month(2020, 1))
    assert empty.is_empty
    assert empty.attention == () and empty.figures.visits_due == 0
