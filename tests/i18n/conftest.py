"""Every i18n test starts in Indonesian and leaves the process in Indonesian."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_app.core.i18n import DEFAULT_LANGUAGE, set_language


@pytest.fixture(autouse=True)
def indonesian_again() -> Iterator[None]:
    set_language(DEFAULT_LANGUAGE)
    yield
    set_language(DEFAULT_LANGUAGE)


@pytest.fixture
def english() -> Iterator[None]:
    """The English catalog for one test."""
    set_language("en")
    yield
    set_language(DEFAULT_LANGUAGE)
