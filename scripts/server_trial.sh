#!/usr/bin/env bash
# Try the district sync server (asuh server, trial) on this machine with Debian's PostgreSQL.
#
# Usage: scripts/server_trial.sh [FOLDER]
#   Installs PostgreSQL (apt) if missing and starts its cluster, creates the owner role
#   asuh_owner and the database asuh_trial, runs `asuh server init` (runtime role
#   asuh_trial_server), makes a self-signed certificate, an Admin for the status page and one
#   enrolment code, then serves https://127.0.0.1:$ASUH_TRIAL_PORT (default 8443) until Ctrl+C.
#   FOLDER (default build/server-trial) keeps the certificate, the key and the URLs (mode 0600).
#   Running it again keeps the data and the certificate and makes a new code.
# PYTHON picks the interpreter (default: the repository's .venv). Uses sudo when not root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$(mkdir -p "${1:-$ROOT/build/server-trial}" && cd "${1:-$ROOT/build/server-trial}" && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
PORT="${ASUH_TRIAL_PORT:-8443}"
DB=asuh_trial
umask 077

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
asuh() { (cd "$ROOT" && PYTHONPATH="$ROOT" "$PYTHON" -m desktop_app "$@"); }

if ! command -v pg_lsclusters >/dev/null; then
    as_root apt-get update
    as_root apt-get install -y postgresql
fi
read -r PG_VERSION PG_CLUSTER PG_PORT PG_STATUS _rest < <(pg_lsclusters --no-header | head -1)
if [ "$PG_STATUS" != "online" ]; then
    as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
fi

[ -s "$DIR/owner-password" ] || "$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(24))' > "$DIR/owner-password"
OWNER_PASSWORD="$(cat "$DIR/owner-password")"
as_postgres psql -q -p "$PG_PORT" -v ON_ERROR_STOP=1 <<SQL
SELECT 'CREATE ROLE asuh_owner LOGIN CREATEROLE' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'asuh_owner')\gexec
ALTER ROLE asuh_owner LOGIN CREATEROLE PASSWORD '$OWNER_PASSWORD';
SELECT 'CREATE DATABASE $DB OWNER asuh_owner' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DB')\gexec
SQL
# Before PostgreSQL 15 the schema belongs to postgres: give it to the owner role.
as_postgres psql -q -p "$PG_PORT" -d "$DB" -v ON_ERROR_STOP=1 -c "ALTER SCHEMA public OWNER TO asuh_owner"
OWNER_URL="postgresql+psycopg://asuh_owner:$OWNER_PASSWORD@127.0.0.1:$PG_PORT/$DB"
echo "$OWNER_URL" > "$DIR/owner-url"

asuh server init --database-url "$OWNER_URL" --runtime-role asuh_trial_server > "$DIR/init.log"
head -2 "$DIR/init.log"
tail -1 "$DIR/init.log" > "$DIR/runtime-url"
rm "$DIR/init.log"
[ -s "$DIR/server.crt" ] || asuh server cert --host 127.0.0.1 --out "$DIR" > /dev/null

OWNER_URL="$OWNER_URL" PYTHONPATH="$ROOT" "$PYTHON" - <<'PY'
import os, secrets
from desktop_app.core.database import open_database
from desktop_app.users.accounts import create_first_admin, has_users
database = open_database(os.environ["OWNER_URL"])
with database.sessions() as session:
    if not has_users(session):
        password = secrets.token_urlsafe(12)
        create_first_admin(session, username="admin", full_name="Admin Kabupaten", password=password)
        session.commit()
        print(f"Admin halaman status: admin / {password} (catat sekarang)")
database.dispose()
PY
asuh server enrol --database-url "$OWNER_URL" --name "Laptop uji coba $(date +%H%M%S)"
echo "Halaman status: https://127.0.0.1:$PORT/status   (berkas: $DIR)"
exec env PYTHONPATH="$ROOT" "$PYTHON" -m desktop_app server run --database-url "$(cat "$DIR/runtime-url")" \
    --cert "$DIR/server.crt" --key "$DIR/server.key" --host 127.0.0.1 --port "$PORT"
