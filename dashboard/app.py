"""Incident Atlas dashboard: the router.

Each page is a thin file in views/ (not pages/, which Streamlit would also list on its own); add a page by adding
it to the list. Pages carry no icon: Streamlit fetches page icons from a font CDN, and the dashboard stays offline.
A link ``/?incident=ID`` (as in the map's popups) opens the Incident page, and so does ``/incident?incident=ID``.
"""

import streamlit as st

st.set_page_config(page_title="Incident Atlas", layout="wide")

map_page = st.Page("views/map.py", title="Map", url_path="map", default=True)
incident_page = st.Page("views/incident.py", title="Incident", url_path="incident")
pg = st.navigation([
    map_page,
    incident_page,
    st.Page("views/gazetteer.py", title="Gazetteer", url_path="gazetteer"),
    st.Page("views/sources.py", title="Sources", url_path="sources"),
    st.Page("views/review.py", title="Review", url_path="review"),
    st.Page("views/ingest.py", title="Ingest", url_path="ingest"),
    st.Page("views/about.py", title="About", url_path="about"),
])
if pg.url_path == map_page.url_path and "incident" in st.query_params:  # "/?incident=ID": that incident's page
    st.switch_page(incident_page, query_params=st.query_params.to_dict())
pg.run()
