"""The dashboard's server: ``streamlit run map_app/serve.py`` (what ``./run.sh`` starts).

Streamlit's ASGI `App` serves the page script (`map_app/app.py`) and runs
`map_app.dashboard.startup.warm` once when the server starts, before it accepts
a connection: the page's code, the gazetteer, the basemap and the store's default
view are then ready for the first analyst instead of being loaded during the
first visit.  It also gives the server's connections TCP_NODELAY
(`map_app.dashboard.nodelay`), which Streamlit's own socket set-up leaves off.
``streamlit run map_app/app.py`` still serves the same page, with everything
loaded on the first visit instead.
"""
import sys
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `streamlit run map_app/serve.py` only adds map_app/
    sys.path.insert(0, str(REPO))

from map_app.dashboard import nodelay  # noqa: E402

# Before the server accepts a connection: without it every response after the first on a
# kept-alive connection waits ~40 ms (see map_app/dashboard/nodelay.py).
nodelay.enable()


@asynccontextmanager
async def lifespan(_app):
    from map_app.dashboard.startup import warm

    warm()
    yield


app = st.App("app.py", lifespan=lifespan)
