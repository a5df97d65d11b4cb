"""The Help tab: what each layer, precision code, confidence and flag means."""
from __future__ import annotations

import streamlit as st

from map_app.dashboard.common import GEO_LABELS, TIME_LABELS
from map_app.store.queue import REGION, RUNNER_UP_GAP

HELP = """
#### Map layers (the layer button, top right of the map)
- **Incidents** — one marker per incident; nearby ones gather into a ring whose colours are
  the event types and whose number is the count. Click a marker for its evidence; it opens
  beside the map. Above 5,000 incidents a marker stands for every incident of a grid cell
  (~2 km, wider when there are very many); narrow the filters to see each one.
- **Place labels** — governorates, then cities and towns by size as you zoom in, from the
  project's own gazetteer (GeoNames); no web tiles needed.
- **Countries / Admin-1 areas** — Natural Earth outlines drawn offline.
- **Heat map** (sidebar) — where incidents concentrate, following every filter.
- **Place mentions** (sidebar) — every place name the parser found in the articles, incidents
  or not; a bigger circle is a more often mentioned place.
- **OpenStreetMap** (sidebar) — web tiles from openstreetmap.org: the only thing that makes
  the browser contact an outside server. Leave it off on an air-gapped desk.

#### Geo precision (ACLED's codes)
""" + "\n".join(f"- **{text}**" for text in GEO_LABELS.values()) + """

#### Time precision
""" + "\n".join(f"- **{text}**" for text in TIME_LABELS.values()) + f"""

#### Confidence
The parser's confidence in the place it chose for the incident (0–1), from how well the name
matched, how prominent the place is and how well it fits the other places in the article.
It does **not** say whether the event happened. Wrong placements can still score 0.8–0.97,
which is why the review queue uses more signals than confidence.

#### Review queue: why an incident is doubtful
- *low confidence* — below 0.75;
- *runner-up place close* — the second-best place scored within {RUNNER_UP_GAP:g} of the chosen one;
- *outside the region* — the pin is outside {', '.join(sorted(REGION))};
- *unknown village placed by its area* — a village the gazetteer lacks, pinned at its district
  or governorate;
- *merged from N articles* — several reports merged into one incident (check the figures).

Keys in the queue: **A** accept, **M** move to the runner-up place, **X** reject,
**J**/**K** next/previous. **Ctrl+Enter** saves the review form.

#### Time
The week player above the map steps through every week (empty ones too) and drives the
counters, map, heat map, timeline, table, summaries and exports; **Undated** shows the
incidents whose articles give no date. Dragging across the timeline selects a date range.

#### Demo data
The bundled demo articles are written by the project to show the tool; they are marked
“demo data”, left out of exports unless asked, and can be removed for good.
"""


def help_tab() -> None:
    st.markdown(HELP)
