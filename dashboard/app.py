"""Incident Atlas dashboard: the router.

Each page is a thin file in views/ (not pages/, which Streamlit would also list on its own); add a page by adding
it to the list. Pages carry no icon: Streamlit fetches page icons from a font CDN, and the dashboard stays offline.
A link ``/?incident=ID`` (as in the map's popups) opens the Incident page directly.
"""

import streamlit as st

st.set_page_config(page_title="Incident Atlas", layout="wide")

incident_first = "incident" in st.query_params
pg = st.navigation([
    st.Page("views/map.py", title="Map", url_path="map", default=not incident_first),
    st.Page("views/incident.py", title="Incident", url_path="incident", default=incident_first),
    st.Page("views/gazetteer.py", title="Gazetteer", url_path="gazetteer"),
    st.Page("views/sources.py", title="Sources", url_path="sources"),
    st.Page("views/review.py", title="Review", url_path="review"),
    st.Page("views/ingest.py", title="Ingest", url_path="ingest"),
    st.Page("views/about.py", title="About", url_path="about"),
])
pg.run()
