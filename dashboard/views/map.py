"""Map page: the incidents on an offline map over time, filtered in the sidebar; the view lives in the URL."""

import datetime as dt
import hashlib
from dataclasses import replace
from functools import partial

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.downloads import DOWNLOADS, export_from_store, file_name, share_link
from dashboard.gazetteer_view import DATA_CREDIT, governorates
from dashboard.incident_map import MAX_MARKERS, drawable, incident_link, incident_map
from dashboard.incident_view import PERIODS, choices, date_bounds, largest_first, timeline
from dashboard.viewport import view_bounds, view_zoom, visible_layer
from dashboard.view_state import (PRECISIONS, VICTIMS, ViewState, filter_frame, from_query, moved_view, seen_view,
                                  to_query)
from incidents.selection import dated, describe, title_of_frame

#: The date preset covering everything.
ALL = "All dates"

frame = data.incidents()
#: Links to the Incident view, below the app's path prefix when it is served below the host's root.
open_link = partial(incident_link, base_path=st.get_option("server.baseUrlPath") or "")
gaz = data.gazetteer()
start = from_query(st.query_params.to_dict())
bounds = date_bounds(frame)
if bounds and bounds[0] == bounds[1]:  # every incident on one day: a slider needs two ends
    bounds = (bounds[0] - dt.timedelta(days=1), bounds[1] + dt.timedelta(days=1))


def presets(lo: dt.date, hi: dt.date) -> dict[str, tuple[dt.date, dt.date]]:
    """The date presets: everything, and each year the data covers."""
    years = {str(y): (max(lo, dt.date(y, 1, 1)), min(hi, dt.date(y, 12, 31))) for y in range(lo.year, hi.year + 1)}
    return {ALL: (lo, hi), **years}


def apply_preset() -> None:
    """Set the date slider to the preset picked."""
    choice = st.session_state.get("f_preset")
    if bounds and choice in presets(*bounds):
        st.session_state["f_dates"] = presets(*bounds)[choice]


def step(period: str) -> dt.timedelta:
    """One step of the play control."""
    return dt.timedelta(weeks=1) if period == "W" else dt.timedelta(days=30)


def play() -> None:
    """Advance the date window by one period, keeping its width; stop at the last date."""
    if not bounds:
        return
    lo, hi = st.session_state.get("f_dates", bounds)
    delta = step(st.session_state.get("f_period", "M"))
    if hi + delta > bounds[1]:
        delta = bounds[1] - hi
    st.session_state["f_dates"] = (lo + delta, hi + delta)
    st.session_state["f_preset"] = None


def clamp(d: dt.date | None, default: dt.date) -> dt.date:
    """A date from the URL inside the data's bounds."""
    return min(max(d or default, bounds[0]), bounds[1]) if bounds else default


# -- defaults from the URL --------------------------------------------------------------------------------------

govs = governorates(gaz.places)
options = {
    "f_admin1": choices(frame, "admin1"),
    "f_outlets": choices(frame, "outlets"),
    "f_claimants": choices(frame, "claimants"),
    "f_victims": [v for v in VICTIMS if v in set(choices(frame, "victims"))] or list(VICTIMS),
    "f_precision": list(PRECISIONS),
}
wanted = {"f_admin1": start.admin1, "f_outlets": start.outlets, "f_claimants": start.claimants,
          "f_victims": start.victims, "f_precision": start.precision}
for key, values in wanted.items():
    st.session_state.setdefault(key, [v for v in values if v in options[key]])
if bounds:
    st.session_state.setdefault("f_dates", (clamp(start.date_from, bounds[0]), clamp(start.date_to, bounds[1])))
st.session_state.setdefault("f_disputed", start.disputed_only)
st.session_state.setdefault("f_undated", start.undated)
st.session_state.setdefault("f_min_killed", start.min_killed)
st.session_state.setdefault("f_search", start.search)
st.session_state.setdefault("f_period", "M")

# -- the sidebar --------------------------------------------------------------------------------------------------

with st.sidebar:
    st.header("Filters")
    if bounds:
        st.selectbox("Dates", list(presets(*bounds)), index=None, key="f_preset", on_change=apply_preset,
                      placeholder="Preset…")
        st.slider("Date window", min_value=bounds[0], max_value=bounds[1], key="f_dates", format="YYYY-MM-DD")
        period_col, play_col = st.columns([1, 1])
        period_col.radio("Step", list(PERIODS), key="f_period", horizontal=True,
                         format_func=lambda f: PERIODS[f])
        play_col.button("Play ▸", key="f_play", on_click=play, help="Move the date window forward by one step.")
    st.text_input("Place (any spelling)", key="f_search", placeholder="Albukamal, البوكمال, Hajin…")
    st.multiselect("Governorate", options["f_admin1"], key="f_admin1",
                   format_func=lambda code: govs.get(code, code))
    st.multiselect("Outlet", options["f_outlets"], key="f_outlets")
    st.multiselect("Claimed by", options["f_claimants"], key="f_claimants")
    st.multiselect("Victims", options["f_victims"], key="f_victims")
    st.multiselect("Place precision", options["f_precision"], key="f_precision")
    st.number_input("At least this many killed (largest claim)", min_value=0, step=1, key="f_min_killed")
    st.checkbox("Disputed only (claimants disagree)", key="f_disputed")
    st.checkbox("Draw undated incidents", key="f_undated",
                help="Incidents whose date no account gives are left off the map unless this is on.")
    online = st.toggle("Online base map (OpenStreetMap)", key="map_online_tiles", value=False,
                       help="Off: outlines shipped with the tool, no request. On: your browser fetches tiles from "
                            "tile.openstreetmap.org for the area in view.")

# -- the view -----------------------------------------------------------------------------------------------------

dates = st.session_state.get("f_dates", bounds) if bounds else None
state = ViewState(
    date_from=dates[0] if dates and dates[0] != bounds[0] else None,
    date_to=dates[1] if dates and dates[1] != bounds[1] else None,
    admin1=tuple(st.session_state["f_admin1"]), outlets=tuple(st.session_state["f_outlets"]),
    claimants=tuple(st.session_state["f_claimants"]), victims=tuple(st.session_state["f_victims"]),
    disputed_only=bool(st.session_state["f_disputed"]), undated=bool(st.session_state["f_undated"]),
    precision=tuple(st.session_state["f_precision"]), min_killed=int(st.session_state["f_min_killed"] or 0),
    search=st.session_state["f_search"].strip(), center=start.center, zoom=start.zoom,
)
st.query_params.from_dict(to_query(state))

shown = filter_frame(frame, state, gaz)
drawn = int(drawable(shown, undated=state.undated).sum())
no_place = int(shown["lat"].isna().sum())
no_date = int((drawable(shown, undated=True) & ~drawable(shown)).sum())

st.title("Map")
left = [f"{len(shown)} of {len(frame)} incidents match", f"{drawn} drawn"]
if no_date and not state.undated:
    left.append(f"{no_date} with no date not drawn (tick 'Draw undated incidents')")
if no_place:
    left.append(f"{no_place} with no resolved place not drawn")
st.caption("; ".join(left) + ". Click a circle for its accounts.")



@st.fragment
def map_panel(shown, state: ViewState, online: bool) -> None:
    """The map; panning or zooming reruns only this panel.

    The base map (outlines, legend, the view fitted to the incidents) stays put; the incidents come as a layer for
    the area in view, replaced in the browser without redrawing the map: markers with popups when few enough are
    in view, grid cells otherwise. A move away from where the map opened goes into the URL.
    Each set of filters gets its own map component, so the first view a map reports is its starting point.
    """
    origin = hashlib.sha1(repr((sorted(to_query(state).items()), online)).encode()).hexdigest()[:12]
    key = f"incident_map_{origin}"
    m = incident_map(shown, center=state.center, zoom=state.zoom, online_tiles=online, undated=state.undated,
                     markers=False)
    reported = st.session_state.get(key)
    layer, in_view_count = visible_layer(shown, view_bounds(reported), zoom=view_zoom(reported),
                                         undated=state.undated, link=open_link)
    seen = data.show_map(m, key=key, height=560, returned_objects=["center", "zoom", "bounds"], layer=layer)
    firsts = st.session_state.setdefault("map_first_views", {})
    if origin not in firsts and seen_view(seen) is not None:
        firsts[origin] = seen_view(seen)
    view = moved_view(seen, firsts.get(origin))
    if view is not None:
        state = replace(state, center=view[0], zoom=view[1])
        st.query_params.from_dict(to_query(replace(from_query(st.query_params.to_dict()), center=view[0],
                                                   zoom=view[1])))
    grouped = in_view_count > MAX_MARKERS
    st.caption(f"{in_view_count} incidents in and around the view" +
               (f", grouped into cells (more than {MAX_MARKERS}): zoom in to see each one." if grouped else "."))
    st.caption("Link to this view (the icon copies it); the address bar holds it too:")
    st.code(share_link(st.context.url or "/", state), language=None)


map_panel(shown, state, online)

period = st.session_state.get("f_period", "M")
series = timeline(shown, period)
st.subheader(f"Incidents per {PERIODS[period]}, and the range of killed figures claimed")
if series.empty:
    st.info("No dated incident matches the filters.")
else:
    base = alt.Chart(series).encode(x=alt.X("period:T", title=PERIODS[period]))
    bars = base.mark_bar(color="#1f5f8b").encode(y=alt.Y("incidents:Q", title="incidents"),
                                                  tooltip=["period:T", "incidents:Q"])
    ranges = base.mark_rule(color="#d35400", strokeWidth=3).encode(
        y=alt.Y("killed_min:Q", title="killed (lowest–highest claim)"), y2="killed_max:Q",
        tooltip=["period:T", "killed_min:Q", "killed_max:Q"])
    st.altair_chart(alt.hconcat(bars.properties(height=180), ranges.properties(height=180)))

st.subheader("Matching incidents")
listed = largest_first(shown)
if len(shown) > len(listed):
    st.caption(f"The {len(listed)} with the largest claimed figures of {len(shown)}; narrow the filters for others.")
table = listed.assign(open=listed["id"].map(open_link),
                      claimants=listed["claimants"].map(", ".join), outlets=listed["outlets"].map(", ".join))
st.dataframe(table[["open", "place", "precision", "date_min", "date_max", "killed_min", "killed_max", "sources",
                    "disputed", "claimants", "outlets"]], hide_index=True, key="incident_table",
             column_config={"open": st.column_config.LinkColumn("incident", display_text=r"\?incident=(.*)")})
if len(shown):
    labels = {r.id: f"{r.place or 'place unresolved'} ({r.id})" for r in listed.itertuples()}
    pick_col, go_col = st.columns([3, 1])
    picked = pick_col.selectbox("Open an incident", list(labels), key="open_incident",
                                format_func=lambda i: labels[i])
    if go_col.button("Open", key="open_incident_go"):
        st.switch_page("views/incident.py", query_params={"incident": picked})



@st.fragment
def downloads_panel(view: pd.DataFrame, state: ViewState) -> None:
    """One button per format for the incidents in view; each file is made from the store when its button is clicked."""
    title = title_of_frame(view, state.filters)
    description = describe(state.filters, govs)
    st.subheader("Download this view")
    st.caption(f"{title}" + (f" · {description}" if description else " · no filter") +
               ". Each file is made when you click.")
    ids, path = tuple(view["id"]), data.ensure_store()
    for column, d in zip(st.columns(len(DOWNLOADS)), DOWNLOADS):
        column.download_button(d.label, data=partial(export_from_store, path, ids, d.fmt, title=title,
                                                     description=description),
                               file_name=file_name(d.extension, state), mime=d.mime, help=d.help,
                               key=f"download_{d.fmt}", on_click="ignore")


kept = shown if state.undated else shown[dated(shown)]
downloads_panel(kept, state)

st.caption(DATA_CREDIT + (" Tiles: © OpenStreetMap contributors (ODbL)." if online else ""))
