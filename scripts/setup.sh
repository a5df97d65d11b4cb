#!/usr/bin/env bash
# Idempotent set-up: virtualenv, pinned packages, offline web assets, gazetteer index.
# Every step is skipped when its result is already there and up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$PYTHON" -m venv .venv
fi

stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing pinned packages (requirements.txt)" >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi

# Leaflet, jQuery, Bootstrap... for the air-gapped map: from the npm registry, never committed.
.venv/bin/python scripts/install_web_assets.py

if ! .venv/bin/python -m gazetteer info >/dev/null 2>&1; then
  echo "setup: building the gazetteer index (about half a minute)" >&2
  .venv/bin/python -m gazetteer build --quiet
fi
