# Shared by start.sh and test.sh: install missing Debian packages and the project's virtualenv.
# Usage: source scripts/_setup.sh; ensure_debian_packages PKG...; ensure_venv EXTRAS

ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Memasang paket sistem: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Qt's runtime libraries on a minimal Debian/Ubuntu, and venv support for Python 3.
QT_RUNTIME_PACKAGES=(python3-venv libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core)

ensure_venv() {
  local extras="$1"
  if [ ! -x .venv/bin/python ]; then
    "${PYTHON:-python3}" -m venv .venv
  fi
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  .venv/bin/python -m pip install -q -e ".${extras}" 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -c "import desktop_app" # fail loudly if the install did not work
}

# The sync tests need a PostgreSQL server (ASUH_TEST_PG_URL, default 127.0.0.1:5432 as postgres).
# Start an installed local cluster if it is stopped; without one those tests skip with a reason.
ensure_local_postgres() {
  command -v pg_isready >/dev/null 2>&1 || { echo "PostgreSQL tidak terpasang: uji sinkronisasi akan dilewati."; return 0; }
  pg_isready -q -h 127.0.0.1 -p 5432 && return 0
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    local version sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    $sudo pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
  fi
  echo "PostgreSQL tidak berjalan di 127.0.0.1:5432: uji sinkronisasi akan dilewati."
}
