"""Gazetteer page: type a place name in any spelling and see the ranked candidates, why, and where they are."""

import streamlit as st

from dashboard import data
from dashboard.gazetteer_view import (
    ANY, DATA_CREDIT, MAX_LIMIT, Lookup, alternate_names, candidate_label, candidates_map, candidates_table,
    escape_markdown, governorates, lookup_from_params, params_from_lookup, resolution_summary,
)
from gazetteer import InvalidQuery


def new_lookup() -> None:
    """A new lookup starts from its top candidate."""
    st.session_state.pop("gaz_pick", None)


gaz = data.gazetteer()
govs = governorates(gaz.places)

st.title("Gazetteer")
st.caption("Look up a place name as a report spells it, in Latin or Arabic script. The lookup runs on this machine.")

start = lookup_from_params(st.query_params.to_dict(), govs)
st.session_state.setdefault("gaz_query", start.query)
st.session_state.setdefault("gaz_admin1", start.admin1)
st.session_state.setdefault("gaz_limit", start.limit)

name_col, admin1_col, limit_col = st.columns([3, 2, 1])
query = name_col.text_input("Place name", key="gaz_query", on_change=new_lookup,
                            placeholder="Deir Ezzor, Dayr al-Zawr, دير الزور…")
admin1 = admin1_col.selectbox("Governorate hint", [ANY, *govs], key="gaz_admin1", on_change=new_lookup,
                              format_func=lambda code: govs.get(code, code))
limit = limit_col.number_input("Candidates", min_value=1, max_value=MAX_LIMIT, step=1, key="gaz_limit",
                               on_change=new_lookup)

lookup = Lookup(query=query.strip(), admin1=admin1, limit=int(limit))
st.query_params.from_dict(params_from_lookup(lookup))

resolution = None
if not lookup.query:
    st.info("Type a place name to look it up.")
else:
    try:
        resolution = gaz.resolve(lookup.query, admin1=lookup.admin1_hint, limit=lookup.limit)
    except InvalidQuery as e:
        st.error(escape_markdown(str(e)))

if resolution is not None:
    summary = escape_markdown(resolution_summary(resolution))
    if resolution.resolved:
        st.success(summary, icon=":material/check_circle:")
    else:
        st.warning(summary, icon=":material/help:")

if resolution is not None and resolution.candidates:
    st.subheader("Candidates, best first")
    st.dataframe(candidates_table(resolution), hide_index=True, column_config={
        "score": st.column_config.NumberColumn(format="%.2f"),
        "lat": st.column_config.NumberColumn(format="%.4f"),
        "lon": st.column_config.NumberColumn(format="%.4f"),
    })

    # options are this lookup's own (the places' ids), so the picker never shows an earlier lookup's labels
    ids = [c.place.id for c in resolution.candidates]
    if st.session_state.get("gaz_pick") not in ids:
        new_lookup()
    names_col, map_col = st.columns([1, 2])
    with names_col:
        picked_id = st.selectbox("Candidate", ids, key="gaz_pick",
                                 format_func=lambda pid: candidate_label(resolution, ids.index(pid)))
        picked = ids.index(picked_id)
        st.markdown("**All names of this place**")
        st.dataframe(alternate_names(resolution.candidates[picked].place), hide_index=True)
    with map_col:
        online = st.toggle("Online base map (OpenStreetMap)", key="online_tiles", value=False,
                           help="Off: the map uses outlines shipped with the tool and makes no request. On: your "
                                "browser fetches tiles for the area in view from tile.openstreetmap.org.")
        m = candidates_map(resolution, online_tiles=online, selected=picked)
        data.show_map(m, key="gaz_map")

st.caption(DATA_CREDIT + (" Tiles: © OpenStreetMap contributors (ODbL)." if st.session_state.get("online_tiles")
                          else "") + " Details on the About page.")
