"""The review queue: unreviewed incidents in order of doubt, reviewed from the keyboard.

The order and its reasons come from the store (`IncidentStore.review_queue`, see
`map_app.store.queue`) and follow the filters.  The current item opens in the
side panel; keys: A accept as it is, M move to the runner-up place, X reject,
J / K next / previous.  Each action saves with the reviewer's name (sidebar)
and the version the analyst saw, then moves on to the next item.
"""
from __future__ import annotations

import html
from typing import Any

import streamlit as st

from map_app.dashboard import map_view
from map_app.dashboard.common import esc, flash, select_incident
from map_app.store import ConflictError, IncidentStore

#: Items listed (the queue itself is longer; reviewing moves it along).
SHOWN = 25


def _current(items: list, selected: int | None) -> int:
    ids = [it.incident_id for it in items]
    return ids.index(selected) if selected in ids else 0


def _act(store: IncidentStore, rec: Any, action: str, next_id: int | None) -> None:
    reviewer = (st.session_state.get("reviewer") or "").strip()
    if not reviewer:
        flash("error", "Write your name under “Reviewer” in the sidebar first.", "queue")
        return
    kwargs: dict[str, Any] = {"expected_version": getattr(rec, "version", None) or None}
    if action == "reject":
        kwargs["rejected"] = True
    elif action == "move":
        candidates = store.candidates(int(rec.id))
        if len(candidates) < 2:
            flash("warning", f"Incident #{rec.id} has no runner-up place.", "queue")
            return
        kwargs["place"] = candidates[1]
    try:
        store.review(int(rec.id), reviewer=reviewer, note=f"review queue: {action}", **kwargs)
    except (ConflictError, ValueError, KeyError) as exc:
        flash("error", f"Not saved: {exc}", "queue")
        return
    verb = {"accept": "Accepted", "reject": "Rejected", "move": "Moved"}[action]
    flash("success", f"{verb} incident #{rec.id}.", "queue")
    select_incident(next_id)


def queue_tab(store: IncidentStore, items: list, by_id: dict[int, Any]) -> None:
    from map_app.dashboard.common import show_flashes

    show_flashes("queue")
    items = [it for it in items if it.incident_id in by_id]
    if not items:
        st.info("Nothing left to review under these filters.")
        return
    st.caption("Most doubtful first. Keys: **A** accept · **M** move to the runner-up place · "
               "**X** reject · **J** / **K** next / previous. The incident opens beside the map.")
    k = _current(items, st.session_state.get("selected_id"))
    cur = by_id[items[k].incident_id]
    after = items[k + 1].incident_id if k + 1 < len(items) else None
    c = st.columns(5)
    c[0].button("Accept (A)", key="rq_accept", shortcut="A", on_click=_act,
                args=(store, cur, "accept", after), width="stretch")
    c[1].button("Move to runner-up (M)", key="rq_move", shortcut="M", on_click=_act,
                args=(store, cur, "move", after), width="stretch")
    c[2].button("Reject (X)", key="rq_reject", shortcut="X", on_click=_act,
                args=(store, cur, "reject", after), width="stretch")
    c[3].button("Next (J)", key="rq_next", shortcut="J", on_click=select_incident,
                args=(items[min(k + 1, len(items) - 1)].incident_id,), width="stretch")
    c[4].button("Previous (K)", key="rq_prev", shortcut="K", on_click=select_incident,
                args=(items[max(k - 1, 0)].incident_id,), width="stretch")
    for n, it in enumerate(items[:SHOWN]):
        rec = by_id[it.incident_id]
        color = next(iter(map_view.type_colors([rec.event_type or map_view.UNKNOWN_TYPE])
                          .values()))
        when = rec.event_date.isoformat() if rec.event_date else "undated"
        why = "; ".join(html.escape(r) for r in it.reasons) or "no specific doubt"
        row, btn = st.columns([6, 1], vertical_alignment="center")
        row.markdown(
            f'<div class="rq-item{" rq-cur" if n == k else ""}"><span class="inc-sw" '
            f'style="background:{color}"></span><b>#{int(rec.id)}</b> '
            f'{esc(rec.place_name or rec.location or "?", 60)} · {esc(rec.event_type, 40)} · '
            f'{when} — doubt {it.doubt:.2f}<div class="rq-why">{why}</div></div>',
            unsafe_allow_html=True)
        btn.button("Open", key=f"rq_open_{rec.id}", on_click=select_incident, args=(rec.id,))
