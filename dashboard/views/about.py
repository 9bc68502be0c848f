"""About page: what the tool does with data, and the data sets it shows with their licences and credits."""

import pandas as pd
import streamlit as st

from dashboard.gazetteer_view import DATA_SOURCES

st.title("About Incident Atlas")
st.markdown(
    "Incident Atlas resolves Arabic place names in any spelling to places, offline, and keeps each outlet's claim "
    "about an attack as its own attributed account. It runs on this machine: lookups and maps make no network "
    "request unless you switch on an online option (such as the OpenStreetMap base map)."
)

st.subheader("Data and licences")
st.dataframe(
    pd.DataFrame([{"data": s.name, "used for": s.used_for, "licence": s.licence, "link": s.url or None}
                  for s in DATA_SOURCES]),
    hide_index=True,
    column_config={"link": st.column_config.LinkColumn(display_text="source")},
)
st.subheader("Credits")
for source in DATA_SOURCES:
    st.markdown(f"- **{source.name}** ({source.licence}): {source.credit}")

st.markdown(
    "Online tiles, when switched on: © OpenStreetMap contributors, under the Open Database License "
    "(https://www.openstreetmap.org/copyright)."
)
st.markdown("The code is MIT-licensed. The data keeps the licences above; `ATTRIBUTION.md` in the repository "
            "lists them with their versions.")
