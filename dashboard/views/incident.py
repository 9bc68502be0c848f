"""Incident page: one incident's accounts side by side, each quote in its article, the places and the sources."""

import pandas as pd
import streamlit as st

from dashboard import data, editor
from dashboard.gazetteer_view import escape_markdown, governorates
from incidents.maps.incident_map import date_window, figure_range, incident_map
from dashboard.map_events import map_event
from incidents.maps.popups import precision_words
from dashboard.incident_view import (MAX_LISTED, accounts_side_by_side, largest_first, quote_in_article,
                                     quote_in_context, safe_url)
from dashboard.review_view import account_target, incident_history, nearby_incidents, undo_correction
from incidents.errors import IncidentsError
from incidents.export import disagreement, figure_text

frame = data.incidents()
known = set(frame["id"])

st.title("Incident")
# back to the map as the person left it: its filters and view (kept by the Map page)
st.page_link("views/map.py", label="← Back to the map", query_params=st.session_state.get("map_query") or None)

wanted = str(st.query_params.get("incident", "")).strip()
listed = largest_first(frame, keep=wanted)
labels = {r.id: f"{r.place or 'place unresolved'} · {date_window(r.date_min, r.date_max)} · "
                f"{figure_range(r.killed_min, r.killed_max)}" for r in listed.itertuples()}
govs = {code: label.split(" / ")[0] for code, label in governorates(data.gazetteer().places).items()}
if wanted and wanted not in known:
    st.warning(f"No incident {escape_markdown(wanted)!s} in this store; pick one below.")
if not known:
    st.info("The store holds no incident yet.")
    st.stop()
ids = list(labels)
if wanted in known:
    st.session_state["incident_pick"] = wanted
picked = st.selectbox("Incident", ids, key="incident_pick", format_func=lambda i: labels.get(i, "another incident"),
                      help=None if len(frame) <= MAX_LISTED else
                      f"The {MAX_LISTED} incidents with the largest claimed figures; open any other from the map.")
if picked != wanted:
    st.query_params["incident"] = picked

incident = data.incident(picked)
store = data.ensure_store()
editing = editor.page_controls("incident")
row = frame.set_index("id").loc[picked]

st.subheader(escape_markdown(f"{incident.place or 'Place unresolved'} — {date_window(row.date_min, row.date_max)}"))
claims = escape_markdown(disagreement(incident))
if incident.disputed:
    st.warning(f"**The accounts disagree.** {claims}")
else:
    st.info(f"{'One account' if len(incident.accounts) == 1 else 'The accounts agree'}: {claims}")
sources = f"{incident.sources} source{'' if incident.sources == 1 else 's'}"
st.caption(escape_markdown(f"{figure_range(row.killed_min, row.killed_max)} · {sources} · "
                           f"{precision_words(incident.precision) if incident.precision else 'place unresolved'}"))

st.markdown("**Accounts side by side**")
side_by_side = accounts_side_by_side(incident)
st.dataframe(side_by_side, key="accounts_table", height=35 * (len(side_by_side) + 1) + 3)

map_col, _ = st.columns([2, 1])
with map_col:
    seen = data.show_map(incident_map(frame, selected=picked, undated=True), key="incident_detail_map", height=320)
    other = map_event(seen)
    if other.open and other.open != picked and other.token != st.session_state.get("incident_map_opened"):
        st.session_state["incident_map_opened"] = other.token
        st.switch_page("views/incident.py", query_params={"incident": other.open})

for n, account in enumerate(incident.accounts, start=1):
    document = data.document(account.document_id)
    st.markdown(f"#### {n}. {escape_markdown(account.claimed_by)}: {escape_markdown(figure_text(account))}")
    source = " · ".join(x for x in (account.outlet or "unknown outlet", account.title or "",
                                    account.published.isoformat() if account.published else "publication date "
                                    "unknown") if x)
    st.caption(escape_markdown(source))
    url = safe_url(document.url if document else None)
    if url:
        st.link_button("Open the source article", url)
    places = pd.DataFrame([{"as written": p.text, "resolved to": p.name or "unresolved",
                            "precision": precision_words(p.precision) if p.name else "unresolved",
                            "confidence": round(p.confidence, 2),
                            "governorate": govs.get(p.admin1, p.admin1) if p.admin1 else "unknown",
                            "runners-up": "; ".join(p.runners_up) or "none"} for p in account.places],
                          columns=["as written", "resolved to", "precision", "confidence", "governorate",
                                   "runners-up"])
    st.dataframe(places, hide_index=True, key=f"places_{n}")
    if document is not None:
        context = quote_in_context(document, account)
        if context:
            st.markdown(context, unsafe_allow_html=True)
        with st.expander("The quote in its whole article", expanded=False):
            with st.container(height=260):
                st.markdown(quote_in_article(document, account), unsafe_allow_html=True)
    else:
        st.markdown(f"> {escape_markdown(account.quote)}")
    if editing and editor.author():
        with st.expander("Correct this account"):
            editor.correction_controls(f"inc{n}", account_target(account, picked, data.gazetteer()),
                                       data.gazetteer(), store, actions=editor.ACCOUNT_ACTIONS)

if editing and editor.author() and incident.accounts:
    st.markdown("#### Merge with another incident")
    nearby = dict(nearby_incidents(frame, picked))
    if nearby:
        other_id = st.selectbox("Nearby incident", list(nearby), key="merge_pick", format_func=nearby.get)
        other = data.incident(other_id)
        if other is not None and other.accounts:
            editor.merge_button("inc_merge", incident.accounts[0], other.accounts[0], store)
    else:
        st.caption("No other incident within a few days and kilometres.")

st.markdown("#### History")
changes = incident_history(store, picked)
if changes is None:
    st.caption("This installation keeps no correction history.")
elif not changes:
    st.caption("No correction has touched this incident.")
for c in changes or ():
    line, undo_col = st.columns([5, 1], vertical_alignment="center")
    line.markdown(escape_markdown(c.describe()))
    if editing and editor.author() and getattr(c, "status", "") == "applied" and undo_col.button(
            "Undo", key=f"undo_{c.id}"):
        editor.require()
        try:
            undone = undo_correction(store, c.id, author=editor.author())
        except (LookupError, ValueError, IncidentsError) as e:  # a store locked by another writer says so
            st.error(escape_markdown(str(e)))
        else:
            st.session_state["correction_done"] = undone.describe()
            st.rerun()
