#!/usr/bin/env bash
# Set up (first run only) and start the dashboard on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
exec .venv/bin/python -m streamlit run map_app/app.py "$@"
