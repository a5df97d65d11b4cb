#!/usr/bin/env bash
# Set up (first run only), install what the tests need from Debian when missing (chromium for the
# browser tests, PostgreSQL + PostGIS for the store tests), run all tests.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The store tests start a throw-away PostGIS server (tests/pg_server.py): Debian's packages.
ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 \
  || missing+=(postgresql postgresql-15-postgis-3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test: installing Debian ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Under this script the PostGIS tests must run: a server that cannot start fails them.
export MAP_APP_REQUIRE_POSTGIS=1
exec .venv/bin/python -m pytest "$@"
