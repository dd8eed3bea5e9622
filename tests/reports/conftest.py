"""Fixtures of the report tests: the known district of ``builders`` in a fresh database."""

from __future__ import annotations

import pytest

from desktop_app.core.database import Database
from tests.reports.builders import KnownDistrict, build_known_district


@pytest.fixture
def known(database: Database) -> KnownDistrict:
    with database.sessions() as session:
        return build_known_district(session)
