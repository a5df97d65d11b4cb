#!/usr/bin/env bash
# Set up (first run only) and start the dashboard on http://localhost:8501
# (map_app/serve.py prepares the page's data when the server starts, then serves map_app/app.py).
# The safe settings are passed as flags too (map_app/.streamlit/config.toml holds them as well):
# loopback only, no usage statistics, offline map files served locally, no tracebacks on the page. Later flags win, e.g.
# `./run.sh --server.address 0.0.0.0` to share the dashboard on a LAN.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
exec .venv/bin/python -m streamlit run map_app/serve.py \
  --server.address 127.0.0.1 --server.headless true --server.enableStaticServing true \
  --browser.gatherUsageStats false --client.showErrorDetails none "$@"
