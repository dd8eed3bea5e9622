"""Fixtures of the import tests: the GUI ``runner`` re-exported from ``tests/ui`` (not edited
there), and helpers that build real .xlsx/.csv files and count every table."""

from __future__ import annotations

from tests.ui.conftest import opened_dialogs, runner  # noqa: F401 - re-exported fixtures
