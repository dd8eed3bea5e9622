"""The Buku KIA default that Pengaturan > KBM restores is the table a fresh database is seeded
with, so "Kembalikan ke Buku KIA" and a new installation can never disagree."""

from __future__ import annotations

from sqlalchemy import select

from desktop_app.db.models import KbmThreshold
from desktop_app.growth import KbmTable
from desktop_app.settings.kbm import DEFAULT_KBM, MAX_KBM_AGE, load_kbm_table, update_kbm_rows
from tests.ui.form_fixtures import run


def test_default_equals_the_rows_a_fresh_database_is_seeded_with(database) -> None:
    assert run(database, load_kbm_table).rows == DEFAULT_KBM
    assert (2, 900) in DEFAULT_KBM and (7, 300) in DEFAULT_KBM and DEFAULT_KBM[-1] == (12, 200)


def test_default_gives_every_age_the_buku_kia_value() -> None:
    """DESIGN.md: 1 month 800, 2: 900, 3: 800, 4: 600, 5: 500, 6: 400, 7-11: 300, 12+: 200
    (under one month as the first month)."""
    printed = {0: 800, 1: 800, 2: 900, 3: 800, 4: 600, 5: 500, 6: 400}
    table = KbmTable(DEFAULT_KBM)
    assert table == KbmTable.default()
    for age in range(MAX_KBM_AGE + 1):
        expected = printed.get(age, 300 if age <= 11 else 200)
        assert table.grams_for(age) == expected, age


def test_restoring_the_default_revives_the_seeded_rows(database) -> None:
    def stored() -> list[tuple[object, int, int, bool]]:
        with database.sessions() as s:
            rows = s.scalars(select(KbmThreshold).order_by(KbmThreshold.from_age_months))
            return [(r.id, r.from_age_months, r.min_gain_g, r.deleted_at is None) for r in rows]

    seeded = stored()
    run(database, lambda s: update_kbm_rows(s, [(1, 850), (6, 400), (24, 150)]))
    assert run(database, load_kbm_table).rows == ((1, 850), (6, 400), (24, 150))
    restored = run(database, lambda s: update_kbm_rows(s, DEFAULT_KBM))
    assert restored.rows == DEFAULT_KBM
    # The seeded rows come back as they were; only the added age 24 stays, tombstoned.
    assert [row for row in stored() if row[1] != 24] == seeded
    assert [row[3] for row in stored() if row[1] == 24] == [False]
