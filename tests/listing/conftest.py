from tests.listing.builders import world  # noqa: F401 - a fixture shared with tests/ui
