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
# pytest runs on two worker processes (pytest-xdist; the machines CI runs on have 2 cores):
# ASUH_TEST_WORKERS sets another count (0: all in this process). Arguments come after, so `-n 0`
# among them wins too; with `-p no:xdist` among them no worker option is added.
# A worker takes a whole test file at a time (module fixtures such as the frozen build of
# tests/packaging are made once), in collection order, where tests/conftest.py puts the files
# with slow tests first: the long ones start at once instead of last.
parallel=(-n "${ASUH_TEST_WORKERS:-2}" --dist loadfile --no-loadscope-reorder)
for arg in "$@"; do
  case "$arg" in no:xdist | -pno:xdist) parallel=() ;; esac
done
.venv/bin/python -m pytest ${parallel[@]+"${parallel[@]}"} "$@"
