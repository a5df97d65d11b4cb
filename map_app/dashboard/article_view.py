"""The article view: the full text of the selected incident's article, every place
mention and incident highlighted, linked to the map both ways.

Map → article: choosing a marker (or a table row, or a queue item) opens its
article here with the incident's sentence and place marked.  Article → map: each
incident the article reports has a button that opens it beside the map and
centres the map on it; each mention lists where the gazetteer put it.

The text is hostile: it is cut into segments at every highlight boundary and
each segment is HTML-escaped on its own, so no markup from the article survives.
"""
from __future__ import annotations

import html
from typing import Any

import streamlit as st

from map_app.dashboard import map_view
from map_app.dashboard.common import esc, select_incident
from map_app.store import IncidentStore

#: Longest article shown (characters); the rest is cut with a note.
MAX_SHOWN = 60_000


def highlight(text: str, mentions: list, incidents: list, selected: int | None,
              location: tuple[int, int] | None) -> str:
    """HTML of `text` with incident sentences (<span>) and mentions (<mark>) marked."""
    n = len(text)
    spans: list[tuple[int, int, str, str]] = []
    for rec in incidents:
        if rec.start is not None and rec.end is not None and 0 <= rec.start < rec.end <= n:
            cls = "av-inc av-sel" if rec.id == selected else "av-inc"
            spans.append((rec.start, rec.end, "span", f'class="{cls}" title="Incident #{int(rec.id)}"'))
    for m in mentions:
        if 0 <= m.start < m.end <= n:
            loc = location is not None and (m.start, m.end) == location
            title = html.escape(map_view.clean_text(
                f"{m.name} ({m.kind}, {m.country_code or '?'}) · confidence {m.confidence:.2f}",
                160), quote=True)
            spans.append((m.start, m.end, "mark",
                          f'class="av-m{" av-loc" if loc else ""}" title="{title}"'))
    cuts = sorted({0, n, *(s for s, *_ in spans), *(e for _s, e, *_ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(map_view.clean_text(text[a:b]))
        covering = [(tag, attrs) for s, e, tag, attrs in spans if s <= a and b <= e]
        covering.sort(key=lambda t: t[0] != "span")  # sentence outside, mention inside
        for tag, attrs in reversed(covering):
            piece = f"<{tag} {attrs}>{piece}</{tag}>"
        out.append(piece)
    return "".join(out)


def article_tab(store: IncidentStore, rec: Any | None) -> None:
    if rec is None:
        st.info("Choose an incident (map, table or review queue) to read its article here.")
        return
    article_id = rec.article_id
    if article_id is None:
        st.info(f"Incident #{int(rec.id)} was added as a record, without a stored article.")
        return
    article = store.article(article_id)
    if article is None:
        st.info(f"The article of incident #{int(rec.id)} is no longer stored.")
        return
    mentions = store.article_mentions(article_id)
    incidents = store.article_incidents(article_id)
    text = article.text[:MAX_SHOWN]
    location = ((rec.location_start, rec.location_end)
                if rec.location_start is not None and rec.location_end is not None else None)
    head = esc(article.title or article.source or f"Article #{article.id}", 140)
    meta = " · ".join(x for x in (
        f"published {article.published.isoformat()}" if article.published else "no date",
        esc(article.source, 60) if article.source else "",
        "demo data" if article.demo else "") if x)
    st.markdown(f"**{head}** — {meta}", unsafe_allow_html=True)
    url = map_view.safe_url(article.url)
    if url:
        st.markdown(f'<a href="{html.escape(url, quote=True)}" target="_blank" '
                    'rel="noopener noreferrer nofollow">open the original</a>',
                    unsafe_allow_html=True)
    st.caption(f"{len(incidents)} incident(s) and {len(mentions)} place mention(s) in this "
               "article. Blue: an incident's sentence (yellow: the one open beside the map); "
               "green: a place mention (red: the incident's place). Hover a mention to see "
               "where the gazetteer put it.")
    st.markdown(f'<div class="av-text" dir="auto">'
                f'{highlight(text, mentions, incidents, int(rec.id), location)}</div>',
                unsafe_allow_html=True)
    if len(article.text) > MAX_SHOWN:
        st.caption(f"Showing the first {MAX_SHOWN:,} of {len(article.text):,} characters.")
    st.markdown("**Incidents in this article** — open one beside the map:")
    for other in incidents:
        when = other.event_date.isoformat() if other.event_date else "undated"
        label = map_view.clean_text(
            f"#{other.id} · {other.event_type} · {other.place_name or other.location or '?'} · "
            f"{when}" + (" · rejected" if other.rejected else ""), 120)
        st.button(label, key=f"av_open_{other.id}", on_click=select_incident, args=(other.id,),
                  type="primary" if other.id == rec.id else "secondary")
    if mentions:
        with st.expander(f"Place mentions ({len(mentions)})"):
            st.dataframe({
                "Mention": [map_view.clean_text(m.text, 60) for m in mentions],
                "Place": [map_view.clean_text(m.name, 60) for m in mentions],
                "Kind": [m.kind for m in mentions],
                "Admin area": [map_view.clean_text(m.admin1, 40) for m in mentions],
                "Lat": [round(m.lat, 4) for m in mentions],
                "Lon": [round(m.lon, 4) for m in mentions],
                "Confidence": [round(m.confidence, 2) for m in mentions],
            }, hide_index=True, width="stretch")
