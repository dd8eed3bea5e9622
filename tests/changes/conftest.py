"""The GUI fixtures of ``tests/ui`` (a synchronous runner) for the refresh tests here."""

from tests.ui.conftest import runner  # noqa: F401
