"""Map page: the incidents on an offline map over time, filtered in the sidebar; the view lives in the URL."""

import datetime as dt
import time
from dataclasses import replace
from functools import partial

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.account_text import account_mask, perpetrator_choices
from dashboard.downloads import DOWNLOADS, export_from_store, export_title, file_name, share_link
from dashboard.gazetteer_view import DATA_CREDIT, escape_markdown, governorates
from dashboard.incident_view import PERIODS, largest_first, timeline
from dashboard.map_events import RETURNED, map_event, moved_by_person
from dashboard.map_view import (SPEEDS, brushed_window, counts_caption, fit_token, incidents_table, pick_labels,
                                plural, presets, step_window, view_description, where_of)
from dashboard.timeline_chart import BRUSH, counts_chart, ranges_chart
from dashboard.viewport import MapView, view_bounds, view_zoom, visible_layer
from dashboard.view_state import (PRECISIONS, VICTIMS, ViewState, filter_frame, from_query, same_view, seen_view,
                                  to_query, undated_default)
from incidents import claimants
from incidents.maps.incident_map import MAX_MARKERS, drawable, incident_base_map, incident_link

frame = data.incidents()
facts = data.incidents_facts()
#: Links to the Incident view, below the app's path prefix when it is served below the host's root.
open_link = partial(incident_link, base_path=st.get_option("server.baseUrlPath") or "")
gaz = data.gazetteer()
govs = governorates(gaz.places)
start = from_query(st.query_params.to_dict())
bounds = facts.bounds
if bounds and bounds[0] == bounds[1]:  # every incident on one day: a slider needs two ends
    bounds = (bounds[0] - dt.timedelta(days=1), bounds[1] + dt.timedelta(days=1))


def clamp(d: dt.date | None, default: dt.date) -> dt.date:
    """A date from the URL inside the data's bounds."""
    return min(max(d or default, bounds[0]), bounds[1]) if bounds else default


def window_changed() -> None:
    """After the date window moved: undated incidents follow it, unless the person set that box themselves."""
    if not st.session_state.get("f_undated_touched") and bounds:
        lo, hi = st.session_state.get("f_dates", bounds)
        st.session_state["f_undated"] = undated_default(lo if lo != bounds[0] else None,
                                                        hi if hi != bounds[1] else None)


def set_window(window: tuple[dt.date, dt.date]) -> None:
    st.session_state["f_dates"] = window
    window_changed()


def apply_preset() -> None:
    """Set the date slider to the preset picked."""
    choice = st.session_state.get("f_preset")
    if bounds and choice in presets(*bounds):
        set_window(presets(*bounds)[choice])


def dates_moved() -> None:
    st.session_state["f_preset"] = None
    window_changed()


def undated_touched() -> None:
    st.session_state["f_undated_touched"] = True


def step(direction: int) -> bool:
    """Move the date window one step; True when it reached the end."""
    if not bounds:
        return True
    window, at_end = step_window(st.session_state.get("f_dates", bounds), bounds,
                                 st.session_state.get("f_period", "M"), direction)
    set_window(window)
    st.session_state["f_preset"] = None
    return at_end


def toggle_play() -> None:
    st.session_state["f_playing"] = not st.session_state.get("f_playing", False)
    st.session_state["f_played_at"] = 0.0  # the first step at once


def brushed() -> None:
    """A span brushed on the timeline becomes the date window."""
    event = st.session_state.get("timeline_counts") or {}
    window = brushed_window((event.get("selection") or {}).get(BRUSH), bounds) if bounds else None
    if window:
        set_window(window)
        st.session_state["f_preset"] = None


def refit() -> None:
    """Give the map back to the filters: forget the person's view."""
    st.session_state["map_reset"] = st.session_state.get("map_reset", 0) + 1
    for key in ("center", "zoom"):
        if key in st.query_params:
            del st.query_params[key]


# -- defaults from the URL --------------------------------------------------------------------------------------

st.session_state.setdefault("f_accounts_on", bool(start.perpetrators or start.words))
texts = data.account_texts() if st.session_state["f_accounts_on"] else None  # decoded only when asked for
options = {
    "f_perpetrators": perpetrator_choices(texts) if texts is not None else list(start.perpetrators),
    "f_admin1": list(facts.admin1),
    "f_outlets": list(facts.outlets),
    "f_claimants": list(facts.claimants),
    "f_victims": [v for v in VICTIMS if v in set(facts.victims)] or list(VICTIMS),
    "f_precision": list(PRECISIONS),
}
wanted = {"f_admin1": start.admin1, "f_outlets": start.outlets,
          "f_claimants": tuple(dict.fromkeys(claimants.normalize(c) for c in start.claimants)),  # any of its names
          "f_victims": start.victims, "f_precision": start.precision, "f_perpetrators": start.perpetrators}
for key, values in wanted.items():
    st.session_state.setdefault(key, [v for v in values if v in options[key]])
if bounds:
    st.session_state.setdefault("f_dates", (clamp(start.date_from, bounds[0]), clamp(start.date_to, bounds[1])))
st.session_state.setdefault("f_disputed", start.disputed_only)
st.session_state.setdefault("f_undated", start.undated)
st.session_state.setdefault("f_min_killed", start.min_killed)
st.session_state.setdefault("f_search", start.search)
st.session_state.setdefault("f_words", start.words)
st.session_state.setdefault("f_period", "M")
st.session_state.setdefault("f_speed", "normal")
if start.undated != undated_default(start.date_from, start.date_to):
    st.session_state.setdefault("f_undated_touched", True)  # the link says so: keep it

# -- playback -----------------------------------------------------------------------------------------------------


@st.fragment(run_every=SPEEDS[st.session_state.get("f_speed", "normal")]
             if st.session_state.get("f_playing") else None)
def playback() -> None:
    """While playing, move the window one step a pause and rerun the page; stop at the last date.

    It runs before the sidebar's widgets, so it may still set the window; a step is due once the pause has passed
    since the last one (the page's own reruns in between do not step).
    """
    if not st.session_state.get("f_playing"):
        return
    now = time.monotonic()
    if now - st.session_state.get("f_played_at", 0.0) < 0.9 * SPEEDS[st.session_state.get("f_speed", "normal")]:
        return
    st.session_state["f_played_at"] = now
    if step(1):
        st.session_state["f_playing"] = False
    st.rerun(scope="app")


if bounds:
    playback()

# -- the sidebar --------------------------------------------------------------------------------------------------

with st.sidebar:
    st.header("Filters")
    if bounds:
        st.selectbox("Dates", list(presets(*bounds)), index=None, key="f_preset", on_change=apply_preset,
                     placeholder="Preset…")
        st.slider("Date window", min_value=bounds[0], max_value=bounds[1], key="f_dates", format="YYYY-MM-DD",
                  on_change=dates_moved)
    st.checkbox("Draw undated incidents", key="f_undated", on_change=undated_touched,
                help="Incidents no account dates. Drawn grey and hollow; left out by default once you choose a "
                     "date window, since it cannot say whether they fall inside it.")
    if bounds:
        st.caption("Play moves the window through time")
        back_col, play_col, next_col = st.columns(3)
        back_col.button("◂ Step", key="f_back", on_click=step, args=(-1,), help="Move the window one step back.")
        playing = bool(st.session_state.get("f_playing"))
        play_col.button("Pause ❚❚" if playing else "Play ▸", key="f_play", on_click=toggle_play,
                        help="Move the window forward step by step until the last date, or pause.")
        next_col.button("Step ▸", key="f_next", on_click=step, args=(1,), help="Move the window one step forward.")
        period_col, speed_col = st.columns(2)
        period_col.radio("Step", list(PERIODS), key="f_period", horizontal=True, format_func=lambda f: PERIODS[f])
        speed_col.selectbox("Speed", list(SPEEDS), key="f_speed",
                            format_func=lambda s: f"{SPEEDS[s]:g} s a step")
    st.text_input("Place (any spelling)", key="f_search", placeholder="Albukamal, البوكمال, Hajin…")
    st.multiselect("Governorate", options["f_admin1"], key="f_admin1",
                   format_func=lambda code: govs.get(code, code))
    st.multiselect("Claimed by", options["f_claimants"], key="f_claimants",
                   help="As the claimant registry groups them: SANA also finds 'local sources via SANA'.")
    st.multiselect("Outlet", options["f_outlets"], key="f_outlets")
    if st.toggle("Filter on what the accounts say", key="f_accounts_on",
                 help="The alleged perpetrator, and words in the quotes or the articles' titles."):
        st.multiselect("Alleged perpetrator", options["f_perpetrators"], key="f_perpetrators",
                       help="As the accounts name them.")
        st.text_input("Words in the accounts", key="f_words", placeholder='"residential buildings" women',
                      help="In the quotes or the articles' titles; every word must appear; a phrase in double "
                           "quotes as written.")
    st.multiselect("Victims", options["f_victims"], key="f_victims")
    st.multiselect("Place precision", options["f_precision"], key="f_precision")
    st.number_input("At least this many killed (largest claim)", min_value=0, step=1, key="f_min_killed")
    st.checkbox("Disputed only (claimants disagree)", key="f_disputed")
    online = st.toggle("Online base map (OpenStreetMap)", key="map_online_tiles", value=False,
                       help="Off: outlines and names shipped with the tool, no request. On: your browser fetches "
                            "tiles from tile.openstreetmap.org for the area in view.")


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
    perpetrators=tuple(st.session_state["f_perpetrators"]) if texts is not None else (),
    words=st.session_state["f_words"].strip() if texts is not None else "",
)
where = where_of(state)
if st.session_state.get("map_where", where) != where:  # a new place or governorate: the map goes there
    st.session_state["map_reset"] = st.session_state.get("map_reset", 0) + 1
    state = replace(state, center=None, zoom=None)
st.session_state["map_where"] = where
st.query_params.from_dict(to_query(state))
st.session_state["map_query"] = to_query(state)

undated_view = replace(state, date_from=None, date_to=None, undated=True)
every_date = filter_frame(frame, undated_view, gaz)  # the other filters: what the timeline shows
if texts is not None and (state.perpetrators or state.words):
    every_date = every_date[account_mask(every_date, texts, perpetrators=state.perpetrators, words=state.words)]
shown = filter_frame(every_date, ViewState(date_from=state.date_from, date_to=state.date_to))
on_map = shown[drawable(shown, undated=state.undated)]
window = (state.date_from, state.date_to) if state.date_from or state.date_to else None
listed = largest_first(on_map)
table = incidents_table(listed, link=open_link, governorates=govs, window=window)

st.title("Map")
st.markdown("**Incident Atlas** maps attacks on civilians as the reports tell them, each outlet's claim kept apart. "
            "Each circle is one attack. **Click a circle** to see who claims how many were "
            "killed, side by side, and open the accounts. Narrow the incidents in the sidebar; **drag across the "
            "timeline** below the map to choose dates. Nothing you do here leaves this machine.")
no_place = int(shown["lat"].isna().sum())
undated_hidden = 0 if state.undated else int((drawable(shown, undated=True) & ~drawable(shown)).sum())
st.caption(counts_caption(matching=len(shown), total=len(frame), drawn=len(on_map), undated_hidden=undated_hidden,
                          unlocated=no_place))


def picked_row() -> str | None:
    """The incident picked in the table under the map (its row is selected), if any."""
    rows = ((st.session_state.get("incident_table") or {}).get("selection") or {}).get("rows") or []
    return table.index[rows[0]] if rows and rows[0] < len(table) else None


@st.fragment
def map_panel(state: ViewState, online: bool) -> None:
    """The map; panning or zooming reruns only this panel.

    The base map (outlines, names, legend) is drawn once; the incidents come as a layer, replaced in the browser
    without redrawing the map. The map fits the filters until the person pans or zooms, then keeps their view
    (written into the URL); a new place or governorate, or the Fit button, gives it back to the filters. A
    popup's link asks the page to open the incident.
    """
    key = "incident_map_online" if online else "incident_map"
    reported = st.session_state.get(key)
    event = map_event(reported)
    if event.open and event.token != st.session_state.get("map_opened"):
        st.session_state["map_opened"] = event.token
        st.switch_page("views/incident.py", query_params={"incident": event.open})
    reset = st.session_state.get("map_reset", 0)
    seen = seen_view(reported)
    if moved_by_person(event, reset) and seen is not None and not same_view(seen, (state.center, state.zoom)):
        center, zoom = seen
        state = replace(state, center=center, zoom=zoom)
        # only the view's keys: the filters in the URL are the page's (this panel may hold an older copy of them)
        st.query_params.update({k: v for k, v in to_query(state).items() if k in ("center", "zoom")})
        st.session_state["map_query"] = st.query_params.to_dict()
    picked = picked_row()
    focus = {"id": picked, "token": picked} if picked else None
    if state.center is not None:
        view = MapView(reset=reset, kept=True, center=state.center, zoom=state.zoom)
        area, zoom = view_bounds(reported), view_zoom(reported)
    else:
        view, area, zoom = MapView.follow(on_map, token=fit_token(state), reset=reset), None, None
    layer, in_view = visible_layer(shown, area, zoom=zoom, undated=state.undated, selected=picked, link=open_link,
                                   window=window, view=view, focus=focus)
    m = incident_base_map(online_tiles=online, labels=data.labels_url())
    data.show_map(m, key=key, height=560, returned_objects=RETURNED, layer=layer)
    grouped = in_view > MAX_MARKERS
    fit_col, text_col = st.columns([1, 4])
    fit_col.button("Fit to the incidents", key="map_fit", on_click=refit, disabled=state.center is None,
                   help="Zoom the map to the incidents the filters keep; it then follows the filters again.")
    text_col.caption(f"{plural(in_view, 'incident')} in and around the view" +
                     (f", grouped into cells (more than {MAX_MARKERS:,}): zoom in to see each one." if grouped
                      else ". Incidents at one point share a circle with their number; click it to list them."))
    with st.expander("Link to this view"):
        st.caption("The icon copies it; the address bar holds it too.")
        st.code(share_link(st.context.url or "/", state), language=None)


map_panel(state, online)

# -- the timeline -------------------------------------------------------------------------------------------------

period = st.session_state.get("f_period", "M")
series = timeline(every_date, period)
st.subheader(f"Incidents per {PERIODS[period]}")
if series.empty:
    st.info("No dated incident matches the filters.")
else:
    st.caption("Drag across the bars to choose the date window; the map and the table follow. "
               "The shaded span is the window chosen.")
    counts_col, ranges_col = st.columns(2)
    with counts_col:
        st.altair_chart(counts_chart(series, period, window=dates if window else None), key="timeline_counts",
                        on_select=brushed, selection_mode=BRUSH, width="stretch")
    with ranges_col:
        st.altair_chart(ranges_chart(series, period), width="stretch")

# -- the list -----------------------------------------------------------------------------------------------------

st.subheader("Incidents on the map")
if len(on_map) > len(listed):
    st.caption(f"The {len(listed):,} with the largest claimed figures of the {len(on_map):,} on the map; narrow the "
               "filters for others.")
else:
    st.caption(f"The {plural(len(on_map), 'incident')} the map shows. Pick a row to find it on the map.")
st.dataframe(table, hide_index=True, key="incident_table", on_select="rerun", selection_mode="single-row",
             column_config={"open": st.column_config.LinkColumn("accounts", display_text="Open"),
                            "sources": st.column_config.NumberColumn("sources", format="%d")})
if len(on_map):
    labels = pick_labels(listed)
    pick_col, go_col = st.columns([3, 1])
    picked = pick_col.selectbox("Open an incident", list(labels), key="open_incident",
                                format_func=lambda i: labels.get(i, "an incident no longer listed"))
    if go_col.button("Open", key="open_incident_go"):
        st.switch_page("views/incident.py", query_params={"incident": picked})


@st.fragment
def downloads_panel(view: pd.DataFrame, state: ViewState) -> None:
    """One button per format for the incidents on the map; each file is made from the store when clicked."""
    title = export_title(view, state)
    description = view_description(state, govs)
    st.subheader("Download what the map shows")
    st.caption(f"The files' title: {escape_markdown(title)}. Filters: {escape_markdown(description or 'none')}. "
               "Each file is made when you click.")
    ids, path = tuple(view["id"]), data.ensure_store()
    for column, d in zip(st.columns(len(DOWNLOADS)), DOWNLOADS):
        column.download_button(d.label, data=partial(export_from_store, path, ids, d.fmt, title=title,
                                                     description=description),
                               file_name=file_name(d.extension, state, view), mime=d.mime, help=d.help,
                               key=f"download_{d.fmt}", on_click="ignore")


downloads_panel(shown if state.undated else shown[shown["date_min"].notna() | shown["date_max"].notna()], state)

st.caption(DATA_CREDIT + (" Tiles: © OpenStreetMap contributors (ODbL)." if online else ""))
