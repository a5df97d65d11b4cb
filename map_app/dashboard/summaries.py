"""Charts that follow the filters: the brushable timeline and the Summaries tab.

- Timeline: incidents per day or week, stacked by event type; dragging across
  it selects a span that becomes the date range (`filters.on_brush`).
- Summaries: incidents or fatalities by governorate (a choropleth drawn from
  the project's own admin-1 outlines, offline) and by district (admin-2, as bars:
  the project has no district outlines), weekly trends by event type and by
  actor, and a week-on-week change table.
"""
from __future__ import annotations

from collections import Counter
from datetime import timedelta

import altair as alt
import pandas as pd
import streamlit as st

from map_app.dashboard import map_view
from map_app.dashboard.filters import on_brush

#: Actors drawn in the actor trend (the most active ones).
TOP_ACTORS = 6


def frame(records: list) -> pd.DataFrame:
    clean = map_view.clean_text
    return pd.DataFrame({
        "date": pd.to_datetime([r.event_date for r in records]),
        "type": [clean(r.event_type, 60) or map_view.UNKNOWN_TYPE for r in records],
        "admin1": [r.admin1 or "(unknown)" for r in records],
        "admin2": [getattr(r, "admin2", None) or "(unknown)" for r in records],
        "fatalities": [r.fatalities or 0 for r in records],
        "actors": [r.actors for r in records],
    })


def _week(dates: pd.Series) -> pd.Series:
    return dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")


def timeline_counts(records: list) -> tuple[pd.DataFrame, int]:
    """Incidents per day (spans up to two months) or week and event type, stacked, and
    the span in days: the timeline's data, small whatever the number of incidents (so
    the page caches it per filter and store revision: `resources.query_timeline`).

    Counted per (day, type) first — a few thousand pairs however many incidents —
    so only those pairs are cleaned and put in a frame."""
    pairs = Counter((r.event_date, r.event_type) for r in records if r.event_date is not None)
    if not pairs:
        return pd.DataFrame(columns=["bucket", "type", "incidents", "end", "top", "bottom"]), 0
    clean = map_view.clean_text
    days = pd.to_datetime([d for d, _t in pairs])
    data = pd.DataFrame({"date": days,
                         "type": [clean(t, 60) or map_view.UNKNOWN_TYPE for _d, t in pairs],
                         "n": list(pairs.values())})
    span = (data["date"].max() - data["date"].min()).days
    weekly = span > 62
    data["bucket"] = _week(data["date"]) if weekly else data["date"]
    counts = data.groupby(["bucket", "type"])["n"].sum().reset_index(name="incidents")
    counts["end"] = counts["bucket"] + pd.Timedelta(days=7 if weekly else 1)
    counts["top"] = counts.groupby("bucket")["incidents"].cumsum()
    counts["bottom"] = counts["top"] - counts["incidents"]
    return counts, span


def timeline(counts: pd.DataFrame, span: int) -> None:
    """The brushable timeline from `timeline_counts`."""
    if counts.empty:
        st.caption("No dated incidents to chart.")
        return
    weekly = span > 62
    colors = map_view.type_colors(counts["type"].unique())
    pad = pd.Timedelta(days=0 if span > 14 else 3)
    domain = [(counts["bucket"].min() - pad).isoformat(), (counts["end"].max() + pad).isoformat()]
    brush = alt.selection_interval(encodings=["x"], name="brush")
    chart = (
        alt.Chart(counts)
        .mark_rect(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("bucket:T", title=("Week" if weekly else "Day") + " — drag to select dates",
                    scale=alt.Scale(domain=domain),
                    axis=alt.Axis(format="%d %b" if span <= 120 else "%b %Y")),
            x2="end:T",
            y=alt.Y("top:Q", title="Incidents", axis=alt.Axis(tickMinStep=1)),
            y2="bottom:Q",
            color=alt.Color("type:N", title="Event type",
                            scale=alt.Scale(domain=list(colors), range=list(colors.values())),
                            legend=alt.Legend(orient="right", labelLimit=220)),
            tooltip=[alt.Tooltip("bucket:T", title="Week of" if weekly else "Day"),
                     "type:N", "incidents:Q"],
        )
        .add_params(brush)
        .properties(height=190)
    )
    st.altair_chart(chart, width="stretch", key="timeline", on_select=on_brush,
                    selection_mode="brush")


def _choropleth(data: pd.DataFrame, value: str, outlines: dict | None) -> None:
    by_gov = data.groupby("admin1")[value].sum()
    if outlines is None:
        st.bar_chart(by_gov.sort_values(ascending=False).head(20))
        return
    features = []
    for name, geometry in clockwise(outlines):
        features.append({"type": "Feature", "geometry": geometry,
                         "properties": {"name": name, "value": float(by_gov.get(name, 0))}})
    shown = [f for f in features if f["properties"]["value"] > 0]
    if not shown:
        st.caption("No incident falls in a known governorate.")
        return
    names = {f["properties"]["name"] for f in shown}
    ctx = [f for f in features if f["properties"]["name"] not in names]
    base = alt.Chart(alt.Data(values=ctx)).mark_geoshape(
        fill="#f1efe9", stroke="#bbb", strokeWidth=0.4)
    layer = alt.Chart(alt.Data(values=shown)).mark_geoshape(stroke="#555", strokeWidth=0.5).encode(
        color=alt.Color("properties.value:Q", title=value.capitalize(),
                        scale=alt.Scale(scheme="orangered")),
        tooltip=[alt.Tooltip("properties.name:N", title="Governorate"),
                 alt.Tooltip("properties.value:Q", title=value.capitalize())])
    west = min(_lons(shown)) - 1, max(_lons(shown)) + 1
    south = min(_lats(shown)) - 1, max(_lats(shown)) + 1
    # Clockwise, as the spherical projection expects of an outer ring.
    fit = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[
            [west[0], south[0]], [west[0], south[1]], [west[1], south[1]],
            [west[1], south[0]], [west[0], south[0]]]]}}]}
    chart = (base + layer).project(type="mercator", fit=fit).properties(height=360)
    st.altair_chart(chart, width="stretch")


@st.cache_resource(show_spinner=False)
def _clockwise(ids: int, _outlines: dict) -> list[tuple[str, dict]]:
    from shapely.geometry import MultiPolygon, Polygon, mapping, shape
    from shapely.geometry.polygon import orient

    out = []
    for f in _outlines.get("features", ()):
        name = (f.get("properties") or {}).get("name")
        if not name or not f.get("geometry"):
            continue
        geom = shape(f["geometry"])
        if isinstance(geom, Polygon):
            geom = orient(geom, -1.0)
        elif isinstance(geom, MultiPolygon):
            geom = MultiPolygon([orient(p, -1.0) for p in geom.geoms])
        else:
            continue
        out.append((name, mapping(geom)))
    return out


def clockwise(outlines: dict) -> list[tuple[str, dict]]:
    """(name, geometry) of each admin-1 outline with clockwise outer rings: Vega's
    spherical projection reads a counter-clockwise ring as "everything but this"."""
    return _clockwise(id(outlines), outlines)


def _coords(features: list):
    def walk(c):
        if c and isinstance(c[0], (int, float)):
            yield c
        else:
            for x in c:
                yield from walk(x)

    for f in features:
        yield from walk(f["geometry"]["coordinates"])


def _lons(features: list) -> list[float]:
    return [c[0] for c in _coords(features)]


def _lats(features: list) -> list[float]:
    return [c[1] for c in _coords(features)]


def _trend(data: pd.DataFrame, column: str, value: str, title: str) -> None:
    dated = data.dropna(subset=["date"])
    if dated.empty:
        st.caption("No dated incidents.")
        return
    dated = dated.assign(week=_week(dated["date"]))
    table = dated.groupby(["week", column])[value].sum().unstack(fill_value=0)
    # Every week of the span, empty ones as 0: a line never jumps over a quiet week.
    weeks = pd.date_range(table.index.min(), table.index.max(), freq="7D")
    weekly = (table.reindex(weeks, fill_value=0).rename_axis("week").reset_index()
              .melt(id_vars="week", var_name=column, value_name=value))
    chart = alt.Chart(weekly).mark_line(point=True).encode(
        x=alt.X("week:T", title="Week"), y=alt.Y(f"{value}:Q", title=value.capitalize()),
        color=alt.Color(f"{column}:N", title=title),
        tooltip=["week:T", f"{column}:N", f"{value}:Q"]).properties(height=240)
    st.altair_chart(chart, width="stretch")


def week_on_week(data: pd.DataFrame) -> pd.DataFrame:
    """Incidents and fatalities by event type: the last week of the data vs the one before."""
    dated = data.dropna(subset=["date"])
    if dated.empty:
        return pd.DataFrame()
    last = _week(dated["date"]).max()
    before = last - timedelta(days=7)
    week = _week(dated["date"])
    rows = []
    for name, group in dated.groupby("type"):
        w = week[group.index]
        now, prev = group[w == last], group[w == before]
        rows.append({"Event type": name, "This week (incidents)": len(now),
                     "Previous week": len(prev), "Change": len(now) - len(prev),
                     "This week (fatalities)": int(now["fatalities"].sum()),
                     "Previous week (fatalities)": int(prev["fatalities"].sum())})
    table = pd.DataFrame(rows).sort_values("This week (incidents)", ascending=False)
    table.attrs["week"] = last.date().isoformat()
    return table


def summaries_tab(records: list, outlines: dict | None) -> None:
    if not records:
        st.info("No incident matches the filters.")
        return
    data = frame(records)
    value_label = st.radio("Count", ["incidents", "fatalities"], horizontal=True, key="sum_value")
    data["incidents"] = 1
    value = "incidents" if value_label == "incidents" else "fatalities"
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{value.capitalize()} by governorate**")
        _choropleth(data, value, outlines)
    with right:
        st.markdown(f"**{value.capitalize()} by district**")
        by_district = (data[data["admin2"] != "(unknown)"].groupby("admin2")[value].sum()
                       .sort_values(ascending=False).head(15))
        if by_district.empty:
            st.caption("No incident has a district (admin-2) yet.")
        else:
            st.bar_chart(by_district, horizontal=True, height=360)
    st.markdown(f"**{value.capitalize()} per week, by event type**")
    _trend(data, "type", value, "Event type")
    st.markdown(f"**{value.capitalize()} per week, by actor** (the {TOP_ACTORS} most active)")
    exploded = data.explode("actors").dropna(subset=["actors"])
    top = exploded["actors"].value_counts().head(TOP_ACTORS).index
    _trend(exploded[exploded["actors"].isin(top)].rename(columns={"actors": "actor"}),
           "actor", value, "Actor")
    table = week_on_week(data)
    if not table.empty:
        st.markdown(f"**Week-on-week change** (week of {table.attrs['week']} vs the week before)")
        st.dataframe(table, hide_index=True, width="stretch")
