"""The incident card in the side panel: what the parser and the analysts made of it.

Every value from an article is escaped (`esc`); links are http(s) only.
"""
from __future__ import annotations

import html
from typing import Any

import streamlit as st

from map_app.dashboard import map_view
from map_app.dashboard.common import GEO_LABELS, TIME_LABELS, esc


def _source_items(rec: Any) -> list[str]:
    items = []
    for s in rec.sources:
        url = map_view.safe_url(s.url)
        label = esc(s.title or s.source or (url or ""), 80)
        when = f" · {s.published.isoformat()}" if getattr(s, "published", None) else ""
        if url:
            items.append(f'<li><a href="{html.escape(url, quote=True)}" target="_blank" '
                         f'rel="noopener noreferrer nofollow">{label}</a>{when}</li>')
        elif s.title or s.source:
            items.append(f"<li>{label}{when}</li>")
        elif getattr(s, "article_id", None) is not None:
            items.append(f"<li>article #{int(s.article_id)}{when}</li>")
    return items


def incident_card(rec: Any) -> None:
    colors = map_view.type_colors([rec.event_type or map_view.UNKNOWN_TYPE])
    color = next(iter(colors.values()))
    evidence, start, end = map_view.evidence_and_mark(rec)
    if 0 <= start < end:
        quote = (html.escape(evidence[:start]) + "<mark>" + html.escape(evidence[start:end])
                 + "</mark>" + html.escape(evidence[end:]))
    else:
        quote = html.escape(evidence)
    when = rec.event_date.isoformat() if rec.event_date else "date unknown"
    precision = TIME_LABELS.get(rec.time_precision, "")
    geo = GEO_LABELS.get(rec.geo_precision, "")
    place = rec.place_name or rec.location or "?"
    where = ", ".join(x for x in (getattr(rec, "admin2", None), rec.admin1, rec.country_code)
                      if x)
    main = [a for a in (getattr(rec, "actor1", None), getattr(rec, "actor2", None)) if a]
    others = [a for a in rec.actors if a not in main]
    actors = " vs ".join(esc(a, 80) for a in main)
    if others:
        actors += ("; " if actors else "") + "; ".join(esc(a, 80) for a in others)
    status = ("rejected" if rec.rejected else
              f"reviewed by {esc(rec.reviewed_by or '?', 60)}" if rec.reviewed else "not reviewed")
    demo = '<span class="demo-tag">demo data</span>' if getattr(rec, "demo", False) else ""
    sources = _source_items(rec)
    n = len(rec.sources)
    st.markdown(
        f"""<div class="inc-card">
<div class="inc-h"><span class="inc-sw" style="background:{color}"></span>{esc(rec.event_type)}{demo}</div>
<div class="inc-meta">{esc(rec.sub_event_type)} · incident #{int(rec.id)}</div>
<div><b>Date</b> {html.escape(when)}{' · time precision ' + precision if precision else ''}</div>
<div><b>Place</b> {esc(place, 120)}{', ' + esc(where) if where else ''}</div>
<div><b>Geo precision</b> {geo or 'unknown'}</div>
<div><b>Fatalities</b> {rec.fatalities if rec.fatalities is not None else 'unknown'}
 · <b>Confidence</b> {rec.confidence:.2f} · {status}</div>
<div><b>Actors</b> {actors or '—'}</div>
<blockquote class="inc-q" dir="auto">{quote}</blockquote>
<div><b>Sources ({n})</b>{'<ol class="inc-src">' + ''.join(sources) + '</ol>' if sources else ' —'}</div>
</div>""",
        unsafe_allow_html=True,
    )
