#!/usr/bin/env bash
# Build the one-folder Asuh app with PyInstaller (build.spec) and print where it landed.
#
# Usage: scripts/build_app.sh [OUTPUT_DIR]
#   OUTPUT_DIR (default: build/pyinstaller) receives dist/Asuh-<version>/ and PyInstaller's
#   work files. PYTHON picks the interpreter (default: the repository's .venv).
# The last line printed is the path of the built folder (tests/packaging reads it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(mkdir -p "${1:-$ROOT/build/pyinstaller}" && cd "${1:-$ROOT/build/pyinstaller}" && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"

cd "$ROOT"
"$PYTHON" -m PyInstaller build.spec --noconfirm --log-level WARN \
    --distpath "$OUT/dist" --workpath "$OUT/work"

VERSION="$("$PYTHON" -c 'import desktop_app; print(desktop_app.__version__)')"
APP_DIR="$OUT/dist/Asuh-$VERSION"
test -x "$APP_DIR/asuh" || { echo "build failed: $APP_DIR/asuh missing" >&2; exit 1; }
echo "$APP_DIR"
