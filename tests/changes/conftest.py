"""The GUI runner of ``tests/ui`` (synchronous) and the known district, for the tests here."""

from tests.listing.builders import world  # noqa: F401
from tests.ui.conftest import runner  # noqa: F401
