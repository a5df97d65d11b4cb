"""The review form: move, retype, redate, re-count, re-attribute or reject an incident.

Saving sends only what the analyst changed, with the version of the copy they
edited: a save over someone else's newer review is refused (the store's
`ConflictError`), never silently lost.  Precisions are explicit fields; a new
date keeps the chosen time precision, and a move takes the new place's geo
precision unless the analyst picked one.

The gazetteer search ranks places by the incident's area — same governorate,
same country, distance to the current pin — and offers a guessed (fuzzy) name
only near the incident.  A name it does not know is said plainly.
"""
from __future__ import annotations

import math
from typing import Any

import streamlit as st

from map_app.dashboard import map_view
from map_app.dashboard.common import (
    GEO_LABELS, TIME_LABELS, event_taxonomy, flash, parse_coords, place_label)
from map_app.dashboard.resources import get_gazetteer
from map_app.store import ConflictError, IncidentStore

#: A guessed (fuzzy) gazetteer match is offered only this close to the incident (km).
FUZZY_RADIUS_KM = 150.0
#: Most search results listed.
MAX_RESULTS = 12


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(min(a, 1.0)))


def rank_places(gazetteer: Any, query: str, rec: Any, limit: int = MAX_RESULTS
                ) -> list[tuple[Any, float | None]]:
    """Gazetteer places for `query`, nearest the incident's area first: [(place, km)].

    Exact names (either script, aliases, article dropped) anywhere are kept; guessed
    spellings only within `FUZZY_RADIUS_KM` of the incident's pin or in its country."""
    exact = gazetteer.lookup(query, limit=60, fuzzy=False)
    guessed = [] if exact else gazetteer.lookup(query, limit=30, fuzzy=True)
    located = rec.lat is not None and rec.lon is not None
    scored = []
    for place, is_exact in [(p, True) for p in exact] + [(p, False) for p in guessed]:
        km = _km(rec.lat, rec.lon, place.lat, place.lon) if located else None
        same_country = bool(rec.country_code) and place.country_code == rec.country_code
        same_admin1 = same_country and bool(rec.admin1) and place.admin1 == rec.admin1
        if not is_exact and not (same_country or (km is not None and km <= FUZZY_RADIUS_KM)):
            continue
        scored.append(((not same_admin1, not same_country,
                        km if km is not None else 0.0, -place.score), place, km))
    scored.sort(key=lambda item: item[0])
    seen, out = set(), []
    for _key, place, km in scored:
        if place.key not in seen:
            seen.add(place.key)
            out.append((place, km))
    return out[:limit]


def user_layer() -> Any:
    """The analysts' own gazetteer (`gazetteer.user_layer.add_user_place`), or None where
    the gazetteer has no user layer."""
    try:
        from gazetteer.user_layer import add_user_place
    except ImportError:
        return None
    return add_user_place


def _precision_box(label: str, labels: dict[int, str], current: int | None, key: str) -> int:
    options = list(labels)
    index = options.index(current) if current in options else 0
    return st.selectbox(label, options, index=index, key=key, format_func=labels.get)


def review_form(store: IncidentStore, rec: Any, facets: dict) -> None:
    iid = int(rec.id)
    k = f"_{iid}"
    st.markdown("**Review** (as the reviewer named in the sidebar)")
    reviewer = st.session_state.get("reviewer") or ""

    options: list[tuple[str, Any]] = [("Keep the current place", None)]
    try:
        options += [(f"Candidate: {place_label(p)}", p) for p in store.candidates(iid)]
    except Exception as exc:  # noqa: BLE001 - show the form anyway
        st.caption(f"Candidates unavailable: {exc}")
    query = st.text_input("Search the gazetteer", key="rv_q" + k,
                          placeholder="place name, Arabic or English")
    if query.strip():
        gaz, why = get_gazetteer()
        if gaz is None:
            st.caption(f"Gazetteer not available ({why}).")
        else:
            try:
                hits = rank_places(gaz, query.strip(), rec)
            except Exception as exc:  # noqa: BLE001
                hits = []
                st.caption(f"Search failed: {exc}")
            options += [(f"Search: {place_label(p, km)}", p) for p, km in hits]
            if not hits:
                name = map_view.clean_text(query.strip(), 60)
                st.caption(f"No place called “{name}” in the gazetteer near this incident. "
                           "Check the spelling, try the Arabic name, or type coordinates below.")
    choice = st.selectbox("Location", range(len(options)), key="rv_place" + k,
                          format_func=lambda i: options[i][0])
    coords = st.text_input("…or coordinates (lat, lon)", key="rv_xy" + k,
                           placeholder="35.336, 40.141")
    add_user_place = user_layer()
    user_name = user_ar = ""
    if add_user_place is not None:
        u1, u2 = st.columns(2)
        user_name = u1.text_input("…and add it to my gazetteer as", key="rv_un" + k,
                                  placeholder="name (optional)",
                                  help="With typed coordinates: the place goes into the "
                                       "analysts' own gazetteer, so later articles find it.")
        user_ar = u2.text_input("Arabic name", key="rv_uar" + k, placeholder="optional")
    geo_precision = _precision_box("Geo precision", GEO_LABELS, rec.geo_precision, "rv_geo" + k)
    taxonomy = event_taxonomy()
    types = list(dict.fromkeys(list(taxonomy) + facets.get("event_types", []) + [rec.event_type]))
    c1, c2 = st.columns(2)
    event_type = c1.selectbox("Event type", types, index=types.index(rec.event_type),
                              key="rv_type" + k)
    subs = list(taxonomy.get(event_type, ()))
    if event_type == rec.event_type:
        subs = list(dict.fromkeys([rec.sub_event_type or ""] + subs))
    sub_type = c2.selectbox("Sub-type", subs or [""], key=f"rv_sub{k}_{types.index(event_type)}")
    c3, c4 = st.columns(2)
    event_date = c3.date_input("Event date", value=rec.event_date, key="rv_date" + k,
                               format="YYYY/MM/DD")
    time_precision = c4.selectbox(
        "Time precision", list(TIME_LABELS), key="rv_time" + k, format_func=TIME_LABELS.get,
        index=list(TIME_LABELS).index(rec.time_precision) if rec.time_precision in TIME_LABELS
        else 0)
    c5, c6 = st.columns(2)
    actor1 = c5.text_input("Actor 1", value=getattr(rec, "actor1", None) or "",
                           key="rv_a1" + k)
    actor2 = c6.text_input("Actor 2", value=getattr(rec, "actor2", None) or "",
                           key="rv_a2" + k)
    fatalities = st.number_input("Fatalities", min_value=0, step=1, value=rec.fatalities,
                                 key="rv_fat" + k)
    rejected = st.checkbox("Reject (not a real incident / not in scope)", value=rec.rejected,
                           key="rv_rej" + k)
    note = st.text_input("Note", key="rv_note" + k)
    if st.button("Save review", type="primary", key="rv_save" + k, shortcut="Ctrl+Enter"):
        kwargs: dict[str, Any] = {"rejected": bool(rejected), "note": note.strip() or None,
                                  "expected_version": getattr(rec, "version", None) or None}
        try:
            if coords.strip():
                kwargs["lat"], kwargs["lon"] = parse_coords(coords)
            elif options[choice][1] is not None:
                kwargs["place"] = options[choice][1]
            # A move takes its new place's precision unless the analyst picked one.
            if geo_precision != rec.geo_precision:
                kwargs["geo_precision"] = geo_precision
            if event_type != rec.event_type:
                kwargs["event_type"] = event_type
            if sub_type != (rec.sub_event_type or ""):
                kwargs["sub_event_type"] = sub_type
            if event_date and event_date != rec.event_date:
                kwargs["event_date"] = event_date
                kwargs["time_precision"] = time_precision
            elif time_precision != rec.time_precision:
                kwargs["time_precision"] = time_precision
            if fatalities is not None and fatalities != rec.fatalities:
                kwargs["fatalities"] = int(fatalities)
            if actor1.strip() != (getattr(rec, "actor1", None) or ""):
                kwargs["actor1"] = actor1.strip()
            if actor2.strip() != (getattr(rec, "actor2", None) or ""):
                kwargs["actor2"] = actor2.strip()
            if user_name.strip() and "lat" not in kwargs:
                raise ValueError("type the coordinates of the place to add to your gazetteer")
            saved = store.review(iid, reviewer=reviewer, **kwargs)
            if user_name.strip() and add_user_place is not None:
                add_user_place(user_name.strip(), kwargs["lat"], kwargs["lon"],
                               name_ar=user_ar.strip() or None,
                               country_code=saved.country_code, admin1=saved.admin1,
                               admin2=getattr(saved, "admin2", None),
                               note=f"added in review of incident #{iid} by {reviewer}")
                flash("success", f"Added “{map_view.clean_text(user_name.strip(), 60)}” to "
                                 "your gazetteer.")
        except ConflictError as exc:
            st.error(f"Not saved: {exc}")
        except (ValueError, KeyError) as exc:
            st.error(f"Not saved: {exc}")
        else:
            flash("success", f"Saved the review of incident #{iid}.")
            st.rerun()
    history(store, iid)


def history(store: IncidentStore, iid: int) -> None:
    try:
        entries = store.history(iid)
    except Exception:  # noqa: BLE001
        entries = []
    if entries:
        with st.expander(f"Review history ({len(entries)})"):
            for h in entries:
                changed = ", ".join(h.changes) or "no field changed"
                st.text(f"{h.reviewed_at:%Y-%m-%d %H:%M} {map_view.clean_text(h.reviewer, 60)}: "
                        f"{changed}" + (f" — {map_view.clean_text(h.note, 200)}" if h.note else ""))
