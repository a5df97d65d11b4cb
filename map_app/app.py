"""Entry point of the dashboard: ``streamlit run map_app/app.py`` (or ``./run.sh``).

The page itself lives in ``map_app.dashboard.app``; this file stays here so that
Streamlit serves ``map_app/static/`` (the offline Leaflet files) and reads
``map_app/.streamlit/config.toml`` (the safe settings) whatever the current folder.
"""
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `streamlit run map_app/app.py` only adds map_app/
    sys.path.insert(0, str(REPO))

from map_app.dashboard.app import main  # noqa: E402

main()
