#!/usr/bin/env bash
# Install everything Asuh needs into .venv and start it on the embedded SQLite database.
# Extra arguments go to the app, e.g. `bash scripts/start.sh --db ~/coba.sqlite3`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_setup.sh
ensure_debian_packages "${QT_RUNTIME_PACKAGES[@]}"
ensure_venv ""
exec .venv/bin/asuh "$@"
