"""Incident Atlas dashboard: the router.

Each page is a thin file in views/ (not pages/, which Streamlit would also list on its own); add a page by adding
it to the list. Pages carry no icon: Streamlit fetches page icons from a font CDN, and the dashboard stays offline.
"""

import streamlit as st

st.set_page_config(page_title="Incident Atlas", layout="wide")

pg = st.navigation([
    st.Page("views/gazetteer.py", title="Gazetteer", url_path="gazetteer", default=True),
    st.Page("views/about.py", title="About", url_path="about"),
])
pg.run()
