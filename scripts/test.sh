#!/usr/bin/env bash
# Install the test dependencies (Debian packages included) and run the whole suite:
# lint (ruff), layer contracts (import-linter), types (mypy, configured in pyproject.toml),
# then pytest. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_setup.sh
ensure_debian_packages "${QT_RUNTIME_PACKAGES[@]}" poppler-utils
ensure_venv "[test]"
ensure_local_postgres
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check desktop_app tests bench
.venv/bin/lint-imports --no-cache
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
