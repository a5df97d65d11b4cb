#!/usr/bin/env bash
# Set up (first run only), install Debian chromium for the browser tests if missing, run all tests.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
if [ ! -x /usr/bin/chromium ]; then
  echo "test: installing Debian chromium for the browser tests" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
exec .venv/bin/python -m pytest "$@"
