"""Incident Atlas dashboard: the router. Each page is a thin file in pages/; add a page by adding it to the list."""

import streamlit as st

st.set_page_config(page_title="Incident Atlas", layout="wide")

pg = st.navigation([
    st.Page("pages/gazetteer.py", title="Gazetteer", icon=":material/travel_explore:", url_path="gazetteer",
            default=True),
    st.Page("pages/about.py", title="About", icon=":material/info:", url_path="about"),
])
pg.run()
