"""The summary: counts equal the rows written, and the Indonesian one-liner."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.core.database import Database
from desktop_app.db.models import (
    AidPayment,
    Assignment,
    Child,
    Desa,
    Guardian,
    Kecamatan,
    Opd,
    Posyandu,
    Programme,
    Visit,
)
from desktop_app.demo import DemoSummary
from desktop_app.settings.store import get_settings
from tests.demo.conftest import CHILDREN


def test_summary_counts_equal_rows_in_the_database(
    demo: tuple[Database, DemoSummary], demo_session: Session
) -> None:
    summary = demo[1]
    models = {
        "kecamatan": Kecamatan, "desa": Desa, "posyandu": Posyandu, "opd": Opd,
        "guardians": Guardian, "children": Child, "assignments": Assignment, "visits": Visit,
        "payments": AidPayment, "programmes": Programme,
    }  # fmt: skip
    for field, model in models.items():
        rows = demo_session.scalar(select(func.count()).select_from(model))
        assert getattr(summary, field) == rows, field
    assert summary.children == CHILDREN
    assert 8 <= summary.kecamatan <= 12
    assert 6 * summary.kecamatan <= summary.desa <= 12 * summary.kecamatan
    assert 2 * summary.desa <= summary.posyandu <= 4 * summary.desa
    assert 25 <= summary.opd <= 35
    assert summary.programmes == 2
    assert 8 * CHILDREN <= summary.visits <= 12 * CHILDREN  # about ten visits per child


def test_summary_sentence_is_indonesian_with_thousands_separators() -> None:
    summary = DemoSummary(
        kecamatan=10, desa=87, posyandu=250, opd=28, guardians=4120, children=10000,
        assignments=4020, visits=98765, payments=40000, programmes=2,
    )  # fmt: skip
    assert str(summary) == (
        "10.000 anak, 4.120 orang tua asuh, 4.020 penugasan, 98.765 kunjungan, "
        "40.000 pembayaran bantuan, 2 program, 28 OPD, 10 kecamatan, 87 desa/kelurahan, "
        "250 posyandu"
    )


def test_district_name_setting_names_the_demo_district(demo_session: Session) -> None:
    assert get_settings(demo_session).district_name == "Kabupaten Tanjung Harapan"
